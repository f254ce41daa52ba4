"""The list store: an append-only log of listing actions in any SQLAlchemy database.

Opening a store reads the schema revision and a few ``meta`` values in one query; when the store
is current (the usual case) it writes nothing and loads no migration machinery. A new or older
store, or one whose bundled history the package has since changed, is created, migrated and
(re)seeded in one write transaction under the store's write lock (a PostgreSQL advisory lock;
SQLite's ``BEGIN IMMEDIATE``), after checking again: several processes opening a new database at
once do the work once. If anything fails nothing is written (and an empty SQLite file this call
created is deleted again).

Every write transaction takes the same lock and bumps the *list version* (``meta``), so a reader
can tell cheaply whether what it folded or indexed is still the store's list.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, delete, event, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from entitylist import bundled, list_cache
from entitylist.errors import StoreError
from entitylist.model import ListingAction, Rule
from entitylist.parties import LinkRow, Membership, Parties
from entitylist.state import PartyState, fold
from entitylist.store import audit, schema
from entitylist.store.config import resolve_url
from entitylist.store.keys import BUNDLED_CHECKSUM_KEY, LIST_VERSION_KEY, NO_BUNDLE, SCHEMA_REVISION, STORE_ID_KEY

if TYPE_CHECKING:
    from alembic.config import Config

BUNDLED_DATASET = "bundled"
_BUNDLED_CHECKSUM_KEY = BUNDLED_CHECKSUM_KEY
_NO_BUNDLE = NO_BUNDLE
_LIST_VERSION_KEY = LIST_VERSION_KEY
_STORE_ID_KEY = STORE_ID_KEY
_WRITE_LOCK = 0x656E7469  # PostgreSQL advisory lock key ("enti") held by every write transaction
_WRITE_OPTION = "entitylist_write"  # execution option: begin this transaction as a writer


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # migrations only: Alembic costs a fifth of a second to import

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("entitylist.store") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def _sqlite_transactions_on_begin(engine: Engine) -> None:
    """Make SQLite DDL transactional (Python's sqlite3 would otherwise commit it on the spot), and
    begin write transactions with ``BEGIN IMMEDIATE``: the write lock is taken before anything is
    read, so two writers never both act on what they read before the other wrote."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE_OPTION) else "BEGIN")


def _set_meta(conn: Connection, key: str, value: str) -> None:
    """Write one meta value (delete then insert: portable across SQLite and PostgreSQL)."""
    conn.execute(delete(schema.meta).where(schema.meta.c.key == key))
    conn.execute(insert(schema.meta).values(key=key, value=value))


def _meta_values(conn: Connection, *keys: str) -> dict[str, str]:
    rows = conn.execute(select(schema.meta.c.key, schema.meta.c.value).where(schema.meta.c.key.in_(keys)))
    return {str(key): str(value) for key, value in rows}


# built once: a server asks for the list version at every request
_VERSION_QUERY = select(schema.meta.c.key, schema.meta.c.value).where(schema.meta.c.key.in_([_STORE_ID_KEY, _LIST_VERSION_KEY]))


def _bump_list_version(conn: Connection) -> None:
    """Count one more write (under the write lock, so no two writes get the same number); a
    store made before list versions existed gets its id now."""
    values = _meta_values(conn, _LIST_VERSION_KEY, _STORE_ID_KEY)
    if _STORE_ID_KEY not in values:
        _set_meta(conn, _STORE_ID_KEY, secrets.token_hex(8))
    current = values.get(_LIST_VERSION_KEY, "0")
    _set_meta(conn, _LIST_VERSION_KEY, str(int(current) + 1 if current.isdigit() else 1))


def _is_empty_file(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


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
            if created_file is not None and _is_empty_file(created_file):  # not another process's store
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
            readiness = self._readiness(seed=seed)
            if readiness == "current":
                return
            try:
                with self._write_transaction() as conn:
                    self._bring_up_to_date(conn, seed=seed, migrate=migrate)
            except (DBAPIError, SQLAlchemyError):
                if readiness != "unversioned":
                    raise
                # made before list versions, and not writable here (a read-only file): readable as it is
        except StoreError:
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as error:
            raise StoreError(f"cannot open database {where}: {_describe(error)}") from None

    def _readiness(self, *, seed: bool) -> str:
        """One read: "current" when the schema is at the code's revision, the store has its id and
        list version and (when seeding) the package's bundled history; "unversioned" when only the
        id and version are missing; else "stale". Anything but "current" sends the open to
        :meth:`_bring_up_to_date`, which looks again under the write lock."""
        try:
            with self.engine.connect() as conn:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                values = _meta_values(conn, _BUNDLED_CHECKSUM_KEY, _LIST_VERSION_KEY, _STORE_ID_KEY)
        except (DBAPIError, SQLAlchemyError):
            return "stale"  # no schema yet (or an unreadable file: the write path reports it)
        if revision != SCHEMA_REVISION:
            return "stale"
        if seed and values.get(_BUNDLED_CHECKSUM_KEY) not in (bundled.checksum(), _NO_BUNDLE):
            return "stale"
        return "current" if _LIST_VERSION_KEY in values and _STORE_ID_KEY in values else "unversioned"

    def _bring_up_to_date(self, conn: Connection, *, seed: bool, migrate: bool) -> None:
        """Create, migrate and seed as needed, in the caller's write transaction."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        where = self.describe()
        current = MigrationContext.configure(conn).get_current_revision()
        if current is None:
            foreign = set(inspect(conn).get_table_names()) - {"alembic_version"}
            if foreign:
                raise StoreError(
                    f"database {where} holds other tables ({', '.join(sorted(foreign)[:5])}) and no entitylist schema"
                )
        changed = False
        if current != SCHEMA_REVISION:
            if not migrate:
                raise StoreError(f"database {where} needs 'entitylist db upgrade' (at {current}, code at {SCHEMA_REVISION})")
            if current is not None and current not in _known_revisions():
                raise StoreError(f"database {where} was made by a newer entitylist (schema {current})")
            command.upgrade(_alembic_config(conn), "head")
            changed = True
        if current is None and not seed:
            _set_meta(conn, _BUNDLED_CHECKSUM_KEY, _NO_BUNDLE)
        if len(_meta_values(conn, _STORE_ID_KEY, _LIST_VERSION_KEY)) < 2:
            changed = True  # the bump below gives the store its id and first version
        if seed:
            changed = self._sync_bundled(conn) or changed
        if changed:
            _bump_list_version(conn)

    def _sync_bundled(self, conn: Connection) -> bool:
        """Load the bundled history into a new store, or replace it when the package's copy
        changed; whether anything was written."""
        checksum = bundled.checksum()
        stored = _meta_values(conn, _BUNDLED_CHECKSUM_KEY).get(_BUNDLED_CHECKSUM_KEY)
        if stored in (checksum, _NO_BUNDLE):
            return False
        if stored is None and conn.execute(select(schema.actions.c.sequence).limit(1)).first() is not None:
            # a store filled by imports before any seeding: leave it as the user made it, for good
            _set_meta(conn, _BUNDLED_CHECKSUM_KEY, _NO_BUNDLE)
            return True
        rules, actions = bundled.load()
        self._replace_dataset(conn, BUNDLED_DATASET, rules, actions)
        _set_meta(conn, _BUNDLED_CHECKSUM_KEY, checksum)
        return True

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
    def _write_transaction(self) -> Iterator[Connection]:
        """A transaction that holds the store's write lock from its first statement."""
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE_OPTION: True})
            with conn.begin():
                if self.url.get_backend_name() == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
                yield conn

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A write transaction that counts as a new list version."""
        try:
            with self._write_transaction() as conn:
                yield conn
                _bump_list_version(conn)
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot write to database {self.describe()}: {_describe(error)}") from None

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction under the store's write lock that keeps the list version (for what
        no folded list or index holds: ownership links, reviews, the audit log)."""
        try:
            with self._write_transaction() as conn:
                yield conn
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot write to database {self.describe()}: {_describe(error)}") from None

    def read(self, query: Any) -> list[Any]:
        """Rows of one query, with a one-line error when the database fails."""
        return self._read(query)

    def log_import(self, conn: Connection, *, dataset: str, format: str, location: str, checksum: str, summary: dict[str, Any]) -> int:
        """Add a successful import to the import log inside the caller's transaction; its id."""
        return self._log_import(conn, dataset, format, location, checksum, summary, ok=True)

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
                "source_key": a.source_key,
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
        links: Sequence[LinkRow] = (),
    ) -> int:
        """Record one import run, its actions, the links it found and any meta values in one transaction."""
        with self._writing() as conn:
            import_id = self._log_import(conn, dataset, format, location, checksum, summary, ok=True)
            self._insert(conn, dataset, rules, actions, import_id=import_id)
            self._insert_links(conn, links, import_id)
            for key, value in (meta or {}).items():
                _set_meta(conn, key, value)
            audit.append(conn, "import", {"import_id": import_id, "dataset": dataset, "format": format, "location": location,
                                          "checksum": checksum, "summary": summary, "links": len(links)})
            return import_id

    @staticmethod
    def _insert_links(conn: Connection, links: Sequence[LinkRow], import_id: int | None = None) -> None:
        now = dt.datetime.now(dt.timezone.utc)
        rows = [
            {
                "record_id": link.record_id,
                "party_id": link.party_id,
                "kind": link.kind,
                "other_id": link.other_id,
                "evidence": link.evidence,
                "recorded_at": now,
                "import_id": import_id,
            }
            for link in links
        ]
        if rows:
            conn.execute(insert(schema.links), rows)

    def record_links(self, links: Sequence[LinkRow]) -> None:
        """Append a person's judgement (its rows) in one transaction."""
        with self._writing() as conn:
            self._insert_links(conn, links)
            audit.append(conn, "link_judgement", {"links": [
                {"record": r.record_id, "party": r.party_id, "kind": r.kind, "other": r.other_id, "evidence": r.evidence} for r in links
            ]})

    def record_refused_import(self, *, dataset: str, format: str, location: str, checksum: str, summary: dict[str, Any]) -> int:
        """Log an import the guards refused (``ok`` false; the summary says why and what it would have done)."""
        with self._writing() as conn:
            import_id = self._log_import(conn, dataset, format, location, checksum, summary, ok=False)
            audit.append(conn, "import_refused", {"import_id": import_id, "dataset": dataset, "format": format,
                                                  "location": location, "checksum": checksum, "summary": summary})
            return import_id

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

    def list_version(self) -> str | None:
        """A token that changes with every write to the store (this store's id and its count of
        write transactions): what was folded or indexed at one version is the list at it. None
        for a store made before versions that could not be given one (opened read-only)."""
        try:
            with self.engine.connect() as conn:
                values = {str(key): str(value) for key, value in conn.execute(_VERSION_QUERY)}
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot read database {self.describe()}: {_describe(error)}") from None
        if _STORE_ID_KEY not in values:
            return None
        return f"{values[_STORE_ID_KEY]}.{values.get(_LIST_VERSION_KEY, '0')}"

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

    def history_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last dates the action log holds (None when it holds none): before the
        first, this store knows nothing of the list, which is not the same as an empty list."""
        dates = schema.actions.c.effective_date
        first, last = self._read(select(func.min(dates), func.max(dates)))[0]
        return None if first is None or last is None else (first, last)

    def rules(self) -> dict[str, Rule]:
        rows = self._read(select(schema.rules.c.document))
        return {r.id: r for r in (Rule.model_validate(row.document) for row in rows)}

    def record_ids(self) -> set[str]:
        """Every record id the action log holds, in any dataset."""
        return {str(row.party_id) for row in self._read(select(schema.actions.c.party_id).distinct())}

    def datasets(self) -> set[str]:
        """Every dataset the action log holds."""
        return {str(row.dataset) for row in self._read(select(schema.actions.c.dataset).distinct())}

    def membership(self) -> Membership:
        """The links log: which party each source record belongs to."""
        rows = self._read(select(schema.links).order_by(schema.links.c.sequence))
        return Membership(
            LinkRow(r.record_id, r.party_id, r.kind, r.other_id, r.evidence, r.recorded_at, r.sequence) for r in rows
        )

    def records(self, as_of: dt.date | None = None) -> dict[str, PartyState]:
        """Every source record known up to ``as_of`` (all time if None), keyed by record id."""
        return fold(self.actions(until=as_of), as_of)

    def parties(self, as_of: dt.date | None = None) -> Parties:
        """Every party known up to ``as_of``, its records merged, with record ids resolving to it."""
        return Parties.build(self.records(as_of), self.membership())

    def states(self, as_of: dt.date | None = None) -> dict[str, PartyState]:
        """Every party known up to ``as_of`` (all time if None), listed or removed, by party id."""
        return self.parties(as_of).states

    def listed(self, as_of: dt.date, country: str | None = None) -> list[PartyState]:
        """The parties on the list at the end of ``as_of``, each once however many records it has
        (kept on disk per list version and date: see :mod:`entitylist.list_cache`)."""
        version = self.list_version()
        parties = list_cache.load(self.describe(), version, as_of) if version else None
        if parties is None:
            parties = self.parties(as_of).listed()
            if version and self.list_version() == version:  # no write came in while folding
                list_cache.save(self.describe(), version, as_of, parties)
        if country:
            parties = [p for p in parties if p.party.country == country]
        return parties

    def meta_value(self, key: str) -> str | None:
        rows = self._read(select(schema.meta.c.value).where(schema.meta.c.key == key))
        return str(rows[0].value) if rows else None

    def schema_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot read database {self.describe()}: {_describe(error)}") from None
