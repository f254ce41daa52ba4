"""The list store: an append-only log of listing actions in any SQLAlchemy database.

Opening a store connects, migrates an empty or older schema to the current one, and fills a new
store with the bundled Entity List history, all in one transaction: if anything fails nothing is
written (and a SQLite file this call created is deleted again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, delete, event, insert, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from entitylist import bundled
from entitylist.errors import StoreError
from entitylist.model import ListingAction, Rule
from entitylist.state import PartyState, fold, listed_on
from entitylist.store import schema
from entitylist.store.config import resolve_url

BUNDLED_DATASET = "bundled"
_BUNDLED_CHECKSUM_KEY = "bundled_sha256"
_NO_BUNDLE = "none"  # the store was created empty on purpose: never seed it


def _alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("entitylist.store") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def _head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _sqlite_transactions_on_begin(engine: Engine) -> None:
    """Make SQLite DDL transactional: Python's sqlite3 would otherwise commit it on the spot."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")


def _set_meta(conn: Connection, key: str, value: str) -> None:
    """Write one meta value (delete then insert: portable across SQLite and PostgreSQL)."""
    conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
    conn.execute(insert(schema.meta).values(key=key, value=value))


def _describe(error: BaseException) -> str:
    """The driver's own one-line reason for a database error."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__


class Store:
    """An opened list store. Use :meth:`open`; close with :meth:`close` or a ``with`` block."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self.url = url

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str | None = None, *, seed: bool = True, migrate: bool = True) -> Store:
        """Open (and if need be create, migrate and seed) the store at ``url``.

        ``seed`` fills a new store with the bundled Entity List history and keeps that bundled
        history current when the package's data changes. ``migrate=False`` refuses to touch an
        uninitialised or older database instead of upgrading it.
        """
        raw, is_default = resolve_url(url)
        try:
            parsed = make_url(raw)
        except ArgumentError:
            raise StoreError(f"invalid database URL {raw!r}") from None
        created_file: Path | None = None
        if parsed.get_backend_name() == "sqlite":
            created_file = cls._prepare_sqlite_file(parsed, is_default)
        try:
            engine = create_engine(parsed, future=True)
        except (NoSuchModuleError, ImportError) as error:
            raise StoreError(f"no database driver for {parsed.render_as_string()}: {error}") from None
        if parsed.get_backend_name() == "sqlite":
            _sqlite_transactions_on_begin(engine)
        store = cls(engine, parsed)
        try:
            store._initialise(seed=seed, migrate=migrate)
        except BaseException:
            engine.dispose()
            if created_file is not None:
                created_file.unlink(missing_ok=True)
            raise
        return store

    @staticmethod
    def _prepare_sqlite_file(url: URL, is_default: bool) -> Path | None:
        """Create the default data directory; return the file's path if this open will create it."""
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        path = Path(database)
        if path.is_dir():
            raise StoreError(f"database path {path} is a directory")
        if is_default:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.parent.is_dir():
            raise StoreError(f"cannot create database {path}: directory {path.parent} does not exist")
        return None if path.exists() else path

    def _initialise(self, *, seed: bool, migrate: bool) -> None:
        where = self.describe()
        try:
            with self.engine.begin() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                head = _head_revision()
                if current is None:
                    foreign = set(inspect(conn).get_table_names()) - {"alembic_version"}
                    if foreign:
                        raise StoreError(
                            f"database {where} holds other tables ({', '.join(sorted(foreign)[:5])}) "
                            "and no entitylist schema"
                        )
                if current != head:
                    if not migrate:
                        raise StoreError(f"database {where} needs 'entitylist db upgrade' (at {current}, code at {head})")
                    known = {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
                    if current is not None and current not in known:
                        raise StoreError(f"database {where} was made by a newer entitylist (schema {current})")
                    command.upgrade(_alembic_config(conn), "head")
                if current is None and not seed:
                    _set_meta(conn, _BUNDLED_CHECKSUM_KEY, _NO_BUNDLE)
                if seed:
                    self._sync_bundled(conn)
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as error:
            raise StoreError(f"cannot open database {where}: {_describe(error)}") from None

    def _sync_bundled(self, conn: Connection) -> None:
        """Load the bundled history into a new store, or replace it when the package's copy changed."""
        checksum = bundled.checksum()
        stored = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == _BUNDLED_CHECKSUM_KEY)).scalar()
        if stored in (checksum, _NO_BUNDLE):
            return
        if stored is None and conn.execute(select(schema.actions.c.sequence).limit(1)).first() is not None:
            return  # a store filled by imports before any seeding: leave it as the user made it
        rules, actions = bundled.load()
        self._replace_dataset(conn, BUNDLED_DATASET, rules, actions)
        _set_meta(conn, _BUNDLED_CHECKSUM_KEY, checksum)

    def describe(self) -> str:
        """The URL without its password, for messages."""
        return self.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as conn:
                yield conn
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot write to database {self.describe()}: {_describe(error)}") from None

    @staticmethod
    def _insert(
        conn: Connection,
        dataset: str,
        rules: Iterable[Rule],
        actions: Iterable[ListingAction],
        import_id: int | None = None,
    ) -> int:
        rule_rows = [
            {
                "id": r.id,
                "dataset": dataset,
                "citation": r.citation,
                "fr_doc": r.fr_doc,
                "effective_date": r.effective_date,
                "publication_date": r.publication_date,
                "document": r.model_dump(mode="json"),
            }
            for r in rules
        ]
        existing = {row for row in conn.execute(select(schema.rules.c.id)).scalars()}
        new_rules = [row for row in rule_rows if row["id"] not in existing]
        if new_rules:
            conn.execute(insert(schema.rules), new_rules)
        action_rows = [
            {
                "dataset": dataset,
                "party_id": a.party_id,
                "kind": a.kind.value,
                "effective_date": a.effective_date,
                "publication_date": a.publication_date,
                "rule_id": a.rule_id,
                "import_id": import_id,
                "document": a.model_dump(mode="json", exclude={"sequence"}),
            }
            for a in actions
        ]
        if action_rows:
            conn.execute(insert(schema.actions), action_rows)
        return len(action_rows)

    def _replace_dataset(
        self, conn: Connection, dataset: str, rules: Sequence[Rule], actions: Sequence[ListingAction]
    ) -> None:
        conn.execute(delete(schema.actions).where(schema.actions.c.dataset == dataset))
        conn.execute(delete(schema.rules).where(schema.rules.c.dataset == dataset))
        self._insert(conn, dataset, rules, actions)

    def record(self, actions: Sequence[ListingAction], rules: Sequence[Rule] = ()) -> int:
        """Append actions (and the rules they cite) in one transaction; return how many."""
        datasets = {a.dataset for a in actions} or {BUNDLED_DATASET}
        if len(datasets) != 1:
            raise StoreError("one call records the actions of one dataset")
        with self._writing() as conn:
            return self._insert(conn, datasets.pop(), rules, actions)

    def record_import(
        self,
        *,
        dataset: str,
        format: str,
        location: str,
        checksum: str,
        summary: dict[str, Any],
        actions: Sequence[ListingAction],
        rules: Sequence[Rule] = (),
        meta: dict[str, str] | None = None,
    ) -> int:
        """Record one import run and its actions (and any meta values) in a single transaction."""
        with self._writing() as conn:
            import_id = self._log_import(conn, dataset, format, location, checksum, summary, ok=True)
            self._insert(conn, dataset, rules, actions, import_id=import_id)
            for key, value in (meta or {}).items():
                _set_meta(conn, key, value)
            return import_id

    def record_refused_import(self, *, dataset: str, format: str, location: str, checksum: str, summary: dict[str, Any]) -> int:
        """Log an import the guards refused (``ok`` false; the summary says why and what it would have done)."""
        with self._writing() as conn:
            return self._log_import(conn, dataset, format, location, checksum, summary, ok=False)

    @staticmethod
    def _log_import(
        conn: Connection, dataset: str, format: str, location: str, checksum: str, summary: dict[str, Any], *, ok: bool
    ) -> int:
        """Add one row to the import log; its id."""
        inserted = conn.execute(
            insert(schema.imports).values(
                dataset=dataset,
                format=format,
                location=location,
                checksum=checksum,
                started_at=dt.datetime.now(dt.timezone.utc),
                summary=summary,
                ok=ok,
            )
        ).inserted_primary_key
        assert inserted is not None
        return int(inserted[0])

    def imports(self) -> list[dict[str, Any]]:
        """Every import run, oldest first."""
        rows = self._read(select(schema.imports).order_by(schema.imports.c.id))
        return [dict(row._mapping) for row in rows]

    def replace_bundled(self) -> None:
        """Reload the bundled history (for ``db upgrade`` and tests)."""
        with self._writing() as conn:
            conn.execute(delete(schema.meta).where(schema.meta.c.key == _BUNDLED_CHECKSUM_KEY))
            self._sync_bundled(conn)

    # -- reading -------------------------------------------------------------------------------
    def _read(self, query: Any) -> list[Any]:
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(query))
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot read database {self.describe()}: {_describe(error)}") from None

    def actions(
        self,
        *,
        until: dt.date | None = None,
        party_id: str | None = None,
        datasets: Iterable[str] | None = None,
    ) -> list[ListingAction]:
        """The log, optionally up to a date (inclusive), for one party or some datasets, in recording order."""
        query = select(schema.actions.c.sequence, schema.actions.c.document).order_by(schema.actions.c.sequence)
        if datasets is not None:
            query = query.where(schema.actions.c.dataset.in_(list(datasets)))
        if until is not None:
            query = query.where(schema.actions.c.effective_date <= until)
        if party_id is not None:
            query = query.where(schema.actions.c.party_id == party_id)
        return [ListingAction.model_validate({**row.document, "sequence": row.sequence}) for row in self._read(query)]

    def rules(self) -> dict[str, Rule]:
        rows = self._read(select(schema.rules.c.document))
        return {r.id: r for r in (Rule.model_validate(row.document) for row in rows)}

    def states(self, as_of: dt.date | None = None) -> dict[str, PartyState]:
        """Every party known up to ``as_of`` (all time if None), listed or removed."""
        return fold(self.actions(until=as_of), as_of)

    def listed(self, as_of: dt.date, country: str | None = None) -> list[PartyState]:
        """The parties on the list at the end of ``as_of``."""
        parties = listed_on(self.actions(until=as_of), as_of)
        if country:
            parties = [p for p in parties if p.party.country == country]
        return parties

    def meta_value(self, key: str) -> str | None:
        rows = self._read(select(schema.meta.c.value).where(schema.meta.c.key == key))
        return str(rows[0].value) if rows else None

    def schema_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot read database {self.describe()}: {_describe(error)}") from None
