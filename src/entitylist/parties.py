"""Parties: the source records that describe one real party, grouped under one stable id.

Each import keeps its own *records* (a bundled or Federal Register entry, a CSL row, an SDN entry,
a FollowTheMoney entity), each under a record id that never changes. The ``links`` log says
which party a record belongs to: its latest row wins, and a record without one is a party of its
own. A party's id is the id of its first record, so every id ever shown keeps resolving: a record
id leads to the party that holds the record. Links are not dated: identity holds for all time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from entitylist.errors import NotFound
from entitylist.model import Alias, AliasKind, Party
from entitylist.state import PartyState, action_order


@dataclass(frozen=True)
class LinkRow:
    """One row of the links log: ``record_id`` belongs to ``party_id`` because of ``kind``.

    ``kind`` is ``auto`` (an import found strong evidence, given in ``evidence``), ``link`` or
    ``unlink`` (a person's judgement that ``record_id`` and ``other_id`` are, or are not, one
    party).
    """

    record_id: str
    party_id: str
    kind: str
    other_id: str | None = None
    evidence: str | None = None
    recorded_at: dt.datetime | None = None
    sequence: int = 0


class Membership:
    """Which party each record belongs to, and the judgements people made, from the links log."""

    def __init__(self, rows: Iterable[LinkRow] = ()) -> None:
        self.rows = sorted(rows, key=lambda r: r.sequence)
        self._party_of: dict[str, str] = {}
        self._judged: dict[frozenset[str], LinkRow] = {}
        for row in self.rows:
            self._party_of[row.record_id] = row.party_id
            if row.kind in ("link", "unlink") and row.other_id:
                self._judged[frozenset((row.record_id, row.other_id))] = row

    def party_of(self, record_id: str) -> str:
        return self._party_of.get(record_id, record_id)

    def has_rows(self, record_id: str) -> bool:
        """True once anything (an import or a person) has placed the record."""
        return record_id in self._party_of

    def judgement(self, first: str, second: str) -> LinkRow | None:
        """A person's latest judgement on two records, if any."""
        return self._judged.get(frozenset((first, second)))

    def judgements(self) -> list[LinkRow]:
        return list(self._judged.values())


def group_records(records: Mapping[str, PartyState], membership: Membership) -> dict[str, list[PartyState]]:
    """Records per party id, each party's records in the order they were first recorded."""
    groups: dict[str, list[PartyState]] = {}
    for record in sorted(records.values(), key=lambda s: action_order(s.actions[0]) if s.actions else (dt.date.max, dt.date.max, 0)):
        groups.setdefault(membership.party_of(record.id), []).append(record)
    return groups


def merge(records: Mapping[str, PartyState], membership: Membership) -> dict[str, PartyState]:
    """Every party as one state: listed while any of its records is listed, with all their names."""
    return {party_id: merge_group(party_id, group) for party_id, group in group_records(records, membership).items()}


def _founding_first(party_id: str, group: list[PartyState]) -> list[PartyState]:
    return sorted(group, key=lambda s: s.id != party_id)  # stable: the others keep their order


def merge_group(party_id: str, group: list[PartyState]) -> PartyState:
    """One party from its records: the founding record's entry (or the first listed one) carries
    every other record's names as aliases, their addresses and identifiers; the history
    interleaves every record's actions."""
    group = _founding_first(party_id, group)
    listed = [s for s in group if s.listed]
    founding = group[0]
    primary = founding if founding.listed or not listed else listed[0]
    party = primary.party
    if len(group) > 1 or party.id != party_id:
        party = _combined(party_id, primary, group)
    since = [s.listed_since for s in (listed or group) if s.listed_since]
    removed = [s.removed_on for s in group if s.removed_on]
    return PartyState(
        party=party,
        listed=bool(listed),
        listed_since=min(since) if since else None,
        removed_on=None if listed else (max(removed) if removed else None),
        actions=sorted((a for s in group for a in s.actions), key=action_order),
        referents=[s.id for s in group],
    )


def _combined(party_id: str, primary: PartyState, group: list[PartyState]) -> Party:
    party = primary.party
    aliases: list[Alias] = list(party.aliases)
    known = {n.casefold() for n in party.all_names()}
    addresses = list(party.addresses)
    identifiers = list(party.identifiers)
    nationalities = list(party.nationalities)
    for other in group:
        if other is primary:
            continue
        names = [Alias(name=other.party.name, kind=AliasKind.AKA), *other.party.aliases]
        for alias in names:
            if alias.name.casefold() not in known:
                aliases.append(alias)
                known.add(alias.name.casefold())
        addresses += [a for a in other.party.addresses if a not in addresses]
        identifiers += [i for i in other.party.identifiers if i not in identifiers]
        nationalities += [n for n in other.party.nationalities if n not in nationalities]
    return party.model_copy(
        update={
            "id": party_id,
            "aliases": tuple(aliases),
            "addresses": tuple(addresses),
            "identifiers": tuple(identifiers),
            "nationalities": tuple(nationalities),
        }
    )


@dataclass
class Parties:
    """The parties on (or up to) a date, with every record id leading to its party."""

    states: dict[str, PartyState]
    party_of: dict[str, str]

    @classmethod
    def build(cls, records: Mapping[str, PartyState], membership: Membership) -> Parties:
        states = merge(records, membership)
        party_of = {record_id: membership.party_of(record_id) for record_id in records}
        return cls(states, party_of)

    def get(self, party_or_record_id: str) -> PartyState | None:
        return self.states.get(self.party_of.get(party_or_record_id, party_or_record_id))

    def require(self, party_or_record_id: str) -> PartyState:
        state = self.get(party_or_record_id)
        if state is None:
            raise NotFound(f"no party {party_or_record_id!r}")
        return state

    def listed(self, country: str | None = None) -> list[PartyState]:
        """Listed parties, sorted by country then name."""
        chosen = [s for s in self.states.values() if s.listed and (country is None or s.party.country == country)]
        return sorted(chosen, key=lambda s: (s.party.country or "", s.party.name.casefold(), s.id))
