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
from collections.abc import Sequence

from entitylist.matching.evidence import parse_birth_date
from entitylist.matching.kinds import parse_kind
from entitylist.matching.weights import Weights, default_weights
from entitylist.reference import vocabulary
from entitylist.screening import ListIndex, Match, check_query, check_threshold
from entitylist.store import Store


class Screener:
    """Screens names against the store's list on any date, keeping recent (date, version) indexes."""

    def __init__(self, store: Store, weights: Weights | None = None, cache_size: int = 4) -> None:
        self.store = store
        self.weights = weights or default_weights()
        self._indexes: OrderedDict[tuple[dt.date, str | None], ListIndex] = OrderedDict()
        self._cache_size = cache_size
        self._building = threading.Lock()  # a server's threads build each index once, not once each

    def index_for(self, as_of: dt.date | None = None) -> ListIndex:
        """The index of the list on ``as_of`` at the store's current version: built on first use,
        then kept (and frozen from the garbage collector, which need not walk it again)."""
        date = as_of or dt.date.today()
        key = (date, self.store.list_version())
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
                    return index
        try:
            self._indexes.move_to_end(key)
        except KeyError:  # evicted by another thread meanwhile: still a good index of that version
            pass
        return index

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
    ) -> list[Match]:
        """Listed parties the name may be, best first; an empty list when none reaches the threshold.
        The evidence besides the name (see :meth:`ListIndex.screen`) is checked before any index is built."""
        check_query(name)
        check_threshold(threshold)
        parse_kind(query_type)
        parse_birth_date(birth_date)
        if nationality:
            vocabulary().country_code(nationality)
        return self.index_for(as_of).screen(
            name, country=country, address=address, threshold=threshold, limit=limit, query_type=query_type,
            birth_date=birth_date, nationality=nationality, identifiers=identifiers,
        )
