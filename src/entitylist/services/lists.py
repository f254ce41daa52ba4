"""The list and its history: which parties are listed on a date, one party, its timeline, changes, counts."""

from __future__ import annotations

import datetime as dt

from entitylist import changes as change_queries
from entitylist.errors import InvalidInput
from entitylist.lookup import find_in
from entitylist.parties import Parties, merge
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
from entitylist.state import fold

STATS_BY: tuple[StatsBy, ...] = ("year", "country", "reason", "rule")


class ListService(StoreBacked):
    """Read-only questions about the list, answered from the store's action log."""

    def list_parties(self, as_of: dt.date, country: str | None = None) -> PartyList:
        """The parties on the list at the end of ``as_of`` (country: ISO code or name)."""
        code = vocabulary().country_code(country) if country else None
        parties = self._store.listed(as_of, code)
        return PartyList(as_of=as_of, country=code, parties=[PartyOut.from_state(s) for s in parties])

    def show(self, query: str, as_of: dt.date) -> PartyOut:
        """One party (by id, name, alias or a unique close match) as it stood on ``as_of``."""
        log, membership = self._store.actions(), self._store.membership()
        found = find_in(Parties.build(fold(log), membership), query)
        state = merge(fold(log, as_of), membership).get(found.id)
        if state is None:
            return PartyOut.from_state(found, status="not yet listed")
        return PartyOut.from_state(state)

    def history(self, query: str) -> History:
        """A party's timeline: every add, modify and remove with its rule."""
        found = find_in(self._store.parties(), query)
        rules = self._store.rules()
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

