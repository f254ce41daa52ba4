"""What services share: the store, opened when a service first needs it; the screening index
of a date, the screening service's where one is given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from entitylist.screener import Screener

if TYPE_CHECKING:
    from entitylist.screening import ListIndex
    from entitylist.store import Store

IndexFor = Callable[[dt.date], "ListIndex"]


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


class IndexBacked(StoreBacked):
    """A service that screens against the store's list: through ``index_for`` (the screening
    service's ``listed_index``, so that a long-running process keeps one index of a date, not
    one a service), else through a screener of its own (a service made on its own, in a test or
    a library user's script)."""

    def __init__(self, store: Store | Callable[[], Store], index_for: IndexFor | None = None) -> None:
        super().__init__(store)
        self._index_for = index_for

    @cached_property
    def _screener(self) -> Screener:
        return Screener(self._store)

    def _index(self, as_of: dt.date) -> ListIndex:
        """The screening index of the list on ``as_of`` at the store's current version."""
        return self._index_for(as_of) if self._index_for is not None else self._screener.index_for(as_of)
