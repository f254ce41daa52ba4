"""Where the store lives: ``--db URL``, else ``$ENTITYLIST_DB``, else a SQLite file in the user's data dir."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from entitylist.settings import load_settings


def default_sqlite_path() -> Path:
    return Path(platformdirs.user_data_dir("entitylist", appauthor=False)) / "entitylist.sqlite"


def resolve_url(url: str | None = None) -> tuple[str, bool]:
    """The database URL to use, and whether it is the default (whose directory we may create).

    A bare file path is accepted as shorthand for a SQLite URL.
    """
    chosen = url or load_settings().db or ""
    if not chosen.strip():
        return f"sqlite:///{default_sqlite_path()}", True
    chosen = chosen.strip()
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().absolute()}", False
    return chosen, False
