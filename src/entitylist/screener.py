"""Screening against the store's list: indexes built per (date, list version) and kept.

A :class:`Screener` kept open (a server, a notebook) asks the store for its list version at each
call (one small read), so it sees an import made by another process at its next call. The store
keeps the folded list of a (version, date) on disk (:mod:`entitylist.list_cache`), so a new
process need not read and fold the whole log again. The index itself is the screening core's
:class:`~entitylist.screening.ListIndex`, which knows nothing of the store.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from entitylist import list_cache, screen_snapshot
from entitylist.matching.evidence import parse_birth_date
from entitylist.matching.kinds import parse_kind
from entitylist.matching.weights import Weights, default_weights
from entitylist.reference import vocabulary
from entitylist.screen_snapshot import ScreenSnapshot
from entitylist.screening import ListIndex, Match, check_query, check_threshold
from entitylist.state import PartyState


class ListSource(Protocol):
    """What a Screener reads of a store: :class:`~entitylist.store.Store` itself, or, for a
    one-shot command, a source that reads the version without SQLAlchemy and opens the store
    only to fold the list (see :class:`entitylist.services.screening.QuickListSource`)."""

    def describe(self) -> str: ...

    def list_version(self) -> str | None: ...

    def listed(self, as_of: dt.date) -> list[PartyState]: ...


# Queries of one (date, version) answered from its snapshot before the whole index is built: a
# command screens one name, a server or a loop many, and the whole index answers in a fraction of
# a millisecond once built
SNAPSHOT_QUERIES = 3


class Screener:
    """Screens names against the store's list on any date, keeping recent (date, version) indexes.

    A Screener that has not yet built the index of a (date, version) answers its first few
    queries from the list's screening snapshot on disk, when one was kept (see
    :mod:`entitylist.screen_snapshot`): the same matches and scores for a fraction of the cost.
    """

    def __init__(self, store: ListSource, weights: Weights | None = None, cache_size: int = 4) -> None:
        self.store = store
        self._default_weights = weights is None  # snapshots are kept for the default weights only
        self.weights = weights or default_weights()
        self._indexes: OrderedDict[tuple[dt.date, str | None], ListIndex] = OrderedDict()
        self._snapshots: dict[tuple[dt.date, str], tuple[ScreenSnapshot, list[int]]] = {}
        self._cache_size = cache_size
        self._building = threading.Lock()  # a server's threads build each index once, not once each
        # called with each index built from then on, and its date, on the thread that built it
        self.on_new_index: Callable[[ListIndex, dt.date], None] | None = None

    def index_for(self, as_of: dt.date | None = None) -> ListIndex:
        """The index of the list on ``as_of`` at the store's current version: built on first use
        (once, however many of a server's threads ask), its snapshot kept on disk, then kept in
        memory (and frozen from the garbage collector, which need not walk it again)."""
        return self._index(as_of or dt.date.today(), self.store.list_version())

    def _index(self, date: dt.date, version: str | None) -> ListIndex:
        key = (date, version)
        index = self._indexes.get(key)
        if index is None:
            with self._building:
                index = self._indexes.get(key)
                if index is None:
                    index = ListIndex(self.store.listed(date), self.weights)
                    gc.freeze()
                    self._indexes[key] = index
                    while len(self._indexes) > self._cache_size:
                        self._indexes.popitem(last=False)
                    if version and self._default_weights and self.store.list_version() == version:
                        self._keep_snapshot(index, version, date)
                    if self.on_new_index is not None:
                        self.on_new_index(index, date)
                    return index
        try:
            self._indexes.move_to_end(key)
        except KeyError:  # evicted by another thread meanwhile: still a good index of that version
            pass
        return index

    def _keep_snapshot(self, index: ListIndex, version: str, date: dt.date) -> None:
        def write(path: Path) -> None:
            screen_snapshot.write(index, path)

        list_cache.save_file(list_cache.SNAPSHOT, self.store.describe(), version, date, write)

    def _index_for_query(self, name: str, query_type: str | None, as_of: dt.date | None) -> ListIndex:
        """The whole index when built, else an index over the parties the query reaches, from the
        kept snapshot, for the first few queries; else the whole index, built now."""
        date = as_of or dt.date.today()
        version = self.store.list_version()
        if (date, version) in self._indexes or not version or not self._default_weights:
            return self._index(date, version)
        kept = self._snapshots.get((date, version))
        if kept is None:
            snapshot = self._load_snapshot(date, version)
            if snapshot is None:
                return self._index(date, version)
            kept = self._snapshots[(date, version)] = (snapshot, [0])
            while len(self._snapshots) > self._cache_size:
                self._snapshots.pop(next(iter(self._snapshots)), None)  # closed when no thread holds it
        snapshot, used = kept
        used[0] += 1
        if used[0] > SNAPSHOT_QUERIES:
            self._snapshots.pop((date, version), None)
            return self._index(date, version)
        return snapshot.index_for(name, query_type, self.weights)

    def _load_snapshot(self, date: dt.date, version: str) -> ScreenSnapshot | None:
        path = list_cache.kept_path(list_cache.SNAPSHOT, self.store.describe(), version, date)
        if path is None or not path.is_file():
            return None
        try:
            return ScreenSnapshot(path)
        except ValueError:
            path.unlink(missing_ok=True)
            return None

    def screen(
        self,
        name: str,
        country: str | None = None,
        address: str | None = None,
        as_of: dt.date | None = None,
        threshold: float | None = None,
        limit: int = 10,
        *,
        query_type: str | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        identifiers: Sequence[str] = (),
        features: Weights | None = None,
    ) -> list[Match]:
        """Listed parties the name may be, best first; an empty list when none reaches the threshold.
        The evidence besides the name (see :meth:`ListIndex.screen`) is checked before any index is built.
        ``features``: the features' weights of one request (see :meth:`ListIndex.screen`)."""
        check_query(name)
        check_threshold(threshold)
        parse_kind(query_type)
        parse_birth_date(birth_date)
        if nationality:
            vocabulary().country_code(nationality)
        return self._index_for_query(name, query_type, as_of).screen(
            name, country=country, address=address, threshold=threshold, limit=limit, query_type=query_type,
            birth_date=birth_date, nationality=nationality, identifiers=identifiers, weights=features,
        )
