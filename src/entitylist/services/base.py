"""What every service shares: the store, opened when a service first needs it."""

from __future__ import annotations

from collections.abc import Callable

from entitylist.store import Store


class StoreBacked:
    """A service over one store, opened on first use: arguments are checked before anything is
    opened, so a bad argument never creates or migrates a database."""

    def __init__(self, store: Store | Callable[[], Store]) -> None:
        self._store_or_opener = store

    @property
    def _store(self) -> Store:
        if not isinstance(self._store_or_opener, Store):
            self._store_or_opener = self._store_or_opener()
        return self._store_or_opener
