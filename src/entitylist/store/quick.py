"""The few reads a one-shot screening needs from a current SQLite store, without SQLAlchemy.

``entitylist screen NAME`` answers from the screening snapshot kept for the store's list version
(see :mod:`entitylist.screen_snapshot`); all it needs from the store is that version and whether
any review names the counterparty. Importing SQLAlchemy alone costs about a fifth of such a run,
so a command line process reads those two with the standard library's sqlite3, read-only. Only a
store that :class:`~entitylist.store.Store` would open without writing qualifies (a plain SQLite
file at the code's schema revision, with its list version and current bundled history); anything
else, and anything more, goes through the store.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from entitylist import bundled
from entitylist.errors import StoreError
from entitylist.store.config import resolve_url
from entitylist.store.keys import BUNDLED_CHECKSUM_KEY, LIST_VERSION_KEY, NO_BUNDLE, SCHEMA_REVISION, STORE_ID_KEY

# a SQLite URL whose text SQLAlchemy renders unchanged (so describe() names the store as it does)
_PLAIN_SQLITE = re.compile(r"sqlite:///(/[A-Za-z0-9_./ -]+)")


class QuickReader:
    """Read-only access to a current SQLite store's list version and review keys."""

    def __init__(self, url: str, connection: sqlite3.Connection, version: str) -> None:
        self._url = url
        self._connection = connection
        self._version = version

    @classmethod
    def open(cls, url: str | None = None, *, seed: bool = True) -> QuickReader | None:
        """A reader of the store at ``url`` (as :meth:`Store.open <entitylist.store.Store.open>`
        resolves it), or None when the store is not a current SQLite file that opens without writing."""
        raw, _is_default = resolve_url(url)
        plain = _PLAIN_SQLITE.fullmatch(raw)
        if plain is None or not Path(plain.group(1)).is_file():
            return None
        try:
            connection = sqlite3.connect(f"file:{quote(plain.group(1))}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error:
            return None
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            values = dict(connection.execute(
                "SELECT key, value FROM meta WHERE key IN (?, ?, ?)", (BUNDLED_CHECKSUM_KEY, LIST_VERSION_KEY, STORE_ID_KEY)
            ).fetchall())
        except sqlite3.Error:
            connection.close()
            return None
        current = (
            revision is not None and revision[0] == SCHEMA_REVISION and LIST_VERSION_KEY in values and STORE_ID_KEY in values
            and (not seed or values.get(BUNDLED_CHECKSUM_KEY) in (bundled.checksum(), NO_BUNDLE))
        )
        if not current:
            connection.close()
            return None
        return cls(raw, connection, f"{values[STORE_ID_KEY]}.{values[LIST_VERSION_KEY]}")

    def describe(self) -> str:
        """The store's URL, as :meth:`Store.describe <entitylist.store.Store.describe>` gives it."""
        return self._url

    def list_version(self) -> str:
        """The store's list version now (as :meth:`Store.list_version <entitylist.store.Store.list_version>`)."""
        try:
            values = dict(self._connection.execute(
                "SELECT key, value FROM meta WHERE key IN (?, ?)", (LIST_VERSION_KEY, STORE_ID_KEY)
            ).fetchall())
        except sqlite3.Error as error:
            raise StoreError(f"cannot read database {self._url}: {error}") from None
        if STORE_ID_KEY in values and LIST_VERSION_KEY in values:
            self._version = f"{values[STORE_ID_KEY]}.{values[LIST_VERSION_KEY]}"
        return self._version

    def has_reviews(self, counterparty_keys: Iterable[str]) -> bool:
        """Whether any review names one of these counterparty keys (when not, there is nothing to annotate)."""
        keys = sorted(set(counterparty_keys))
        if not keys:
            return False
        marks = ", ".join("?" for _ in keys)
        try:
            row = self._connection.execute(f"SELECT 1 FROM reviews WHERE counterparty_key IN ({marks}) LIMIT 1", keys).fetchone()
        except sqlite3.Error:
            return True  # unknown: let the store answer
        return row is not None

    def close(self) -> None:
        self._connection.close()
