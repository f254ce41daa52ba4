"""The list and its history: which parties are listed on a date, one party, its timeline, changes, counts.

A party and its timeline are read from the whole action log folded: a service kept by a server
folds it once per list version (see :meth:`entitylist.store.Store.list_version`, bumped by every
write, whichever process makes it), so repeated reads cost a dictionary look-up and a write is
seen at the next call.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable

from entitylist import changes as change_queries
from entitylist.errors import InvalidInput
from entitylist.lookup import find_in
from entitylist.model import ListingAction, Rule
from entitylist.parties import Membership, Parties, merge
from entitylist.reference import vocabulary
from entitylist.services.base import StoreBacked
from entitylist.services.models import (
    ActionOut,
    Change,
    Diff,
    History,
    PartyList,
    PartyOut,
    PartySummary,
    Stats,
    StatsBy,
)
from entitylist.state import PartyState, fold
from entitylist.store import Store

STATS_BY: tuple[StatsBy, ...] = ("year", "country", "reason", "rule")
KEPT_DATES = 4  # parties as they stood on a few dates (today, and the dates a user looks back to)


class _Folded:
    """The action log of one list version, folded: every party of all time, and as of a few dates."""

    def __init__(self, version: str | None, log: list[ListingAction], membership: Membership, rules: dict[str, Rule]) -> None:
        self.version = version
        self.log = log
        self.membership = membership
        self.rules = rules
        self.parties = Parties.build(fold(log), membership)
        self._dated: OrderedDict[dt.date, dict[str, PartyState]] = OrderedDict()
        self._lock = threading.Lock()

    def as_of(self, date: dt.date) -> dict[str, PartyState]:
        """Every party known at the end of ``date``, by party id (folded once per date, a few kept)."""
        with self._lock:
            states = self._dated.get(date)
            if states is None:
                states = self._dated[date] = merge(fold(self.log, date), self.membership)
                while len(self._dated) > KEPT_DATES:
                    self._dated.popitem(last=False)
            else:
                self._dated.move_to_end(date)
            return states


class ListService(StoreBacked):
    """Read-only questions about the list, answered from the store's action log."""

    def __init__(self, store: Store | Callable[[], Store]) -> None:
        super().__init__(store)
        self._kept: _Folded | None = None
        self._folding = threading.Lock()  # a server's threads fold each version once, not once each

    def _folded(self) -> _Folded:
        """The log folded at the store's current version: kept until a write changes the version
        (a store without a version is folded at every call)."""
        version = self._store.list_version()
        kept = self._kept
        if kept is not None and version is not None and kept.version == version:
            return kept
        with self._folding:
            kept = self._kept
            if kept is not None and version is not None and kept.version == version:
                return kept
            # read after the version: a write in between makes the kept fold newer than its label,
            # never older, and the next call (seeing the newer version) folds again
            folded = _Folded(version, self._store.actions(), self._store.membership(), self._store.rules())
            if version is not None:
                self._kept = folded
            return folded

    def list_parties(self, as_of: dt.date, country: str | None = None) -> PartyList:
        """The parties on the list at the end of ``as_of`` (country: ISO code or name)."""
        code = vocabulary().country_code(country) if country else None
        parties = self._store.listed(as_of, code)
        span = self._store.history_span()
        return PartyList(
            as_of=as_of, country=code, parties=[PartyOut.from_state(s) for s in parties],
            history_from=span[0] if span else None, history_to=span[1] if span else None,
        )

    def show(self, query: str, as_of: dt.date) -> PartyOut:
        """One party (by id, name, alias or a unique close match) as it stood on ``as_of``."""
        folded = self._folded()
        found = find_in(folded.parties, query)
        state = folded.as_of(as_of).get(found.id)
        if state is None:
            return PartyOut.from_state(found, status="not yet listed")
        return PartyOut.from_state(state)

    def history(self, query: str) -> History:
        """A party's timeline: every add, modify and remove with its rule."""
        folded = self._folded()
        found = find_in(folded.parties, query)
        rules = folded.rules
        return History(party=PartyOut.from_state(found), actions=[ActionOut.from_action(a, rules) for a in found.actions])

    def diff(self, start: dt.date, end: dt.date) -> Diff:
        """Net changes after the end of ``start`` up to the end of ``end``."""
        result = change_queries.diff(self._store.actions(until=end), start, end, self._store.membership())
        rules = self._store.rules()
        return Diff(
            from_date=start,
            to_date=end,
            changes=[
                Change(
                    change=c.kind,
                    party=PartySummary.from_state(c.state),
                    actions=[ActionOut.from_action(a, rules) for a in c.actions],
                )
                for c in result
            ],
        )

    def stats(self, by: str, as_of: dt.date) -> Stats:
        """Actions per year or rule; listed parties per country or reason category."""
        if by not in STATS_BY:
            raise InvalidInput(f"unknown --by {by!r}: use year, country, reason or rule")
        rows = change_queries.stats(self._store.actions(until=as_of), self._store.rules(), by, as_of, self._store.membership())
        return Stats.model_validate({"by": by, "as_of": as_of, "rows": rows})

