"""What every service shares: the store, opened when a service first needs it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from entitylist.store import Store


class StoreBacked:
    """A service over one store, opened on first use: arguments are checked before anything is
    opened, so a bad argument never creates or migrates a database."""

    def __init__(self, store: Store | Callable[[], Store]) -> None:
        self._opened: Store | None = None if callable(store) else store
        self._opener = store if callable(store) else None

    @property
    def _store(self) -> Store:
        if self._opened is None:
            assert self._opener is not None
            self._opened = self._opener()
        return self._opened
