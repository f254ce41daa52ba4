"""The database itself: where it is, creating it, bringing it to the current schema and bundled data."""

from __future__ import annotations

from entitylist.services.models import DatabaseStatus
from entitylist.settings import Settings
from entitylist.store import Store, resolve_url


class DatabaseService:
    """Where the settings' database is, and creating or upgrading it."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def location(self) -> tuple[str, bool]:
        """The database URL (password hidden) and whether it is the default file."""
        from sqlalchemy.engine import make_url

        url, is_default = resolve_url(self._settings.db)
        return make_url(url).render_as_string(hide_password=True), is_default

    def upgrade(self, *, seed: bool = True) -> DatabaseStatus:
        """Create or migrate the database to the current schema (with the bundled history when
        ``seed``, refreshed if the package's copy changed) and say where it stands."""
        with Store.open(self._settings.db, seed=seed, migrate=True) as store:
            return DatabaseStatus(url=store.describe(), schema_revision=store.schema_revision(), actions=len(store.actions()))
