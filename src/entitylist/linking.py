"""Which source records are one real party: links an import makes on strong evidence, pairs it
suggests on weaker evidence, and a person's ``link`` / ``unlink`` judgements.

An import links a record of its dataset to a party of another dataset only when all of these
hold: the same list (bundled and Federal Register entries are Entity List entries), the same
country, a strong match of a name or alias by the screening matcher, and an agreeing Federal
Register citation or start date. A shared identifier (passport, registration number) links
records of any lists. Records of different lists are never linked by name alone. A record that
an import or a person has placed once is never moved by a later import.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from entitylist.errors import InvalidInput, NotFound
from entitylist.lookup import find_in
from entitylist.parties import LinkRow, Membership, Parties, group_records
from entitylist.reference import load_package_yaml
from entitylist.screening import ListIndex, Match
from entitylist.state import FEDERAL_REGISTER, PartyState, namespace

_CITATION = re.compile(r"(\d{1,3})\s*F\.?\s*R\.?\s*(\d{1,6})", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Thresholds:
    auto_link: float
    suggest: float


@functools.cache
def thresholds() -> Thresholds:
    raw = load_package_yaml("entitylist.vocab", "linking.yaml")
    return Thresholds(float(raw["auto_link_score"]), float(raw["suggest_score"]))


def citations(text: str | None) -> set[str]:
    """Federal Register citations in a text, normalised: '84 FR 54004, 10/9/19' -> {'84 FR 54004'}."""
    return {f"{int(volume)} FR {int(page)}" for volume, page in _CITATION.findall(text or "")}


def record_citations(state: PartyState) -> set[str]:
    """Every Federal Register citation a record's history gives: the list's column and the rules."""
    found: set[str] = set()
    for action in state.actions:
        found |= citations(action.federal_register) | citations(action.citation)
    return found


def _identifier_key(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())


_LIST_NUMBER = re.compile(r"^([a-z]+)-(\d+)(?:-\d+)?$")


def identifiers(state: PartyState) -> list[str]:
    """A record's identifiers, plus its list's entry number when its id carries one: OFAC's
    ``ent_num``, which both the SDN files (``sdn-306``) and the CSL's OFAC rows give."""
    found = list(state.party.identifiers)
    number = _LIST_NUMBER.match(state.id)
    if number and number.group(1) == state.party.source.lower():
        found.append(f"{state.party.source} entry number {number.group(2)}")
    return found


def _record_namespace(state: PartyState) -> str:
    return namespace(state.actions[0].dataset) if state.actions else ""


@dataclass
class _Record:
    """What the evidence rules look at for one record."""

    state: PartyState
    namespace: str
    citations: set[str]
    start: dt.date | None  # a start date the source itself gave, if known

    @property
    def id(self) -> str:
        return self.state.id


class _Evidence:
    """Every record of the store, indexed for finding link candidates."""

    def __init__(self, records: Mapping[str, PartyState], membership: Membership, starts: Mapping[str, dt.date]) -> None:
        self.membership = membership
        self.records: dict[str, _Record] = {}
        for record_id, state in records.items():
            space = _record_namespace(state)
            start = state.listed_since if space == FEDERAL_REGISTER else starts.get(record_id)
            self.records[record_id] = _Record(state, space, record_citations(state), start)
        self.members: dict[str, list[str]] = {
            party_id: [s.id for s in group] for party_id, group in group_records(records, membership).items()
        }
        self._indexes: dict[tuple[str, str | None, str], ListIndex] = {}
        self._by_identifier: dict[str, set[str]] = {}
        self._agreement_spaces: dict[tuple[str, str | None, str], set[str]] = {}  # (list, country, citation or date) -> datasets
        for record in self.records.values():
            for identifier in identifiers(record.state):
                if key := _identifier_key(identifier):
                    self._by_identifier.setdefault(key, set()).add(record.id)
            if record.state.listed:
                for token in _agreement_tokens(record):
                    bucket = (record.state.party.source, record.state.party.country, token)
                    self._agreement_spaces.setdefault(bucket, set()).add(record.namespace)

    def party_of(self, record_id: str) -> str:
        return self.membership.party_of(record_id)

    def namespaces_of(self, party_id: str) -> set[str]:
        return {self.records[r].namespace for r in self.members.get(party_id, []) if r in self.records}

    def judged_apart(self, record_id: str, party_id: str) -> bool:
        """True when a person said the record and some record of the party are different parties."""
        for other in self.members.get(party_id, []):
            judgement = self.membership.judgement(record_id, other)
            if judgement is not None and judgement.kind == "unlink":
                return True
        return False

    def may_agree(self, record: _Record) -> bool:
        """True when some listed record of another dataset, on the same list and in the same
        country, shares a citation or start date with the record (cheap: no record is visited)."""
        party = record.state.party
        return any(
            self._agreement_spaces.get((party.source, party.country, token), set()) - {record.namespace}
            for token in _agreement_tokens(record)
        )

    def name_matches(self, record: _Record, threshold: float, same_source: bool) -> list[Match]:
        """Listed records of other datasets whose names match the record's best name or alias.

        The index holds the records of the same country (and list) outside the record's dataset,
        so that name weights are those of the list the record is compared with."""
        party = record.state.party
        key = (party.source if same_source else "*", party.country, record.namespace)
        index = self._indexes.get(key)
        if index is None:
            chosen = [
                r.state
                for r in self.records.values()
                if r.state.listed
                and r.namespace != record.namespace
                and r.state.party.country == party.country
                and (not same_source or r.state.party.source == party.source)
            ]
            index = self._indexes[key] = ListIndex(chosen)
        best: dict[str, Match] = {}
        for name in party.all_names():
            for match in index.screen(name, threshold=threshold, limit=50, explain=False):
                other = self.records.get(match.party_id)
                if other is None or other.namespace == record.namespace:
                    continue
                if match.party_id not in best or match.score > best[match.party_id].score:
                    best[match.party_id] = match
        return sorted(best.values(), key=lambda m: -m.score)

    def shared_identifier(self, record: _Record) -> list[tuple[str, str]]:
        """(other record id, identifier) for records of other datasets that carry one of its identifiers."""
        found: list[tuple[str, str]] = []
        for identifier in identifiers(record.state):
            for other in sorted(self._by_identifier.get(_identifier_key(identifier), ())):
                if other != record.id and self.records[other].namespace != record.namespace:
                    found.append((other, identifier))
        return found


def _agreement_tokens(record: _Record) -> set[str]:
    return record.citations | ({f"start {record.start.isoformat()}"} if record.start else set())


def _agreement(first: _Record, second: _Record) -> str | None:
    shared = sorted(first.citations & second.citations)
    if shared:
        return f"Federal Register {', '.join(shared)}"
    if first.start is not None and first.start == second.start:
        return f"start date {first.start.isoformat()}"
    return None


def auto_links(
    records: Mapping[str, PartyState],
    membership: Membership,
    subjects: Iterable[str],
    starts: Mapping[str, dt.date] | None = None,
) -> list[LinkRow]:
    """Links for the ``subjects`` (record ids of the dataset just imported) found on strong evidence.

    ``records`` are every record of the store as the import leaves it; ``starts`` the start dates
    the source gave for the subjects. Only records nothing has placed yet are considered, and a
    record is linked only when exactly one party qualifies.
    """
    evidence = _Evidence(records, membership, starts or {})
    score = thresholds().auto_link
    rows: list[LinkRow] = []
    for subject_id in subjects:
        record = evidence.records.get(subject_id)
        if record is None or not record.state.listed or membership.has_rows(subject_id):
            continue
        if len(evidence.members.get(subject_id, [])) != 1:
            continue  # other records were linked to this one: it founds a party already
        found: dict[str, tuple[str, str]] = {}  # party id -> (other record, evidence)
        for other_id, identifier in evidence.shared_identifier(record):
            found.setdefault(evidence.party_of(other_id), (other_id, f"shared identifier {identifier!r}"))
        if not found and evidence.may_agree(record):  # only then is a name match worth computing
            for match in evidence.name_matches(record, score, same_source=True):
                other = evidence.records[match.party_id]
                agreed = _agreement(record, other)
                if agreed:
                    why = (
                        f"same list {record.state.party.source}, same country {record.state.party.country or '-'}, "
                        f"name {match.matched_name!r} {match.score:.2f}, {agreed}"
                    )
                    found.setdefault(evidence.party_of(other.id), (other.id, why))
        parties = [
            p for p in found
            if p != subject_id and record.namespace not in evidence.namespaces_of(p) and not evidence.judged_apart(subject_id, p)
        ]
        if len(parties) != 1:
            continue
        party_id = parties[0]
        other_id, why = found[party_id]
        rows.append(LinkRow(subject_id, party_id, "auto", other_id, why))
        evidence.members.setdefault(party_id, []).append(subject_id)
        evidence.members.pop(subject_id, None)
    return rows


@dataclass
class Suggestion:
    """Two parties that may be one, with what speaks for and against it."""

    first: PartyState
    second: PartyState
    score: float
    matched_name: str
    evidence: str


def suggest(records: Mapping[str, PartyState], membership: Membership) -> list[Suggestion]:
    """Pairs of listed parties that a name matches at the suggestion threshold and no link joins.

    Records of the same dataset are never paired (a source lists a party once); pairs a person
    judged apart are left out.
    """
    evidence = _Evidence(records, membership, {})
    parties = Parties.build(records, membership)
    best: dict[frozenset[str], Suggestion] = {}
    for record in evidence.records.values():
        if not record.state.listed:
            continue
        mine = evidence.party_of(record.id)
        for match in evidence.name_matches(record, thresholds().suggest, same_source=False):
            other = evidence.records[match.party_id]
            theirs = evidence.party_of(other.id)
            pair = frozenset((mine, theirs))
            if mine == theirs or evidence.judged_apart(record.id, theirs) or evidence.judged_apart(other.id, mine):
                continue
            if pair in best and best[pair].score >= match.score:
                continue
            first, second = sorted((parties.states[mine], parties.states[theirs]), key=lambda s: s.id)
            best[pair] = Suggestion(first, second, match.score, match.matched_name, _why_not(record, other, match.score))
    return sorted(best.values(), key=lambda s: (-s.score, s.first.id, s.second.id))


def _why_not(record: _Record, other: _Record, score: float) -> str:
    mine, theirs = record.state.party.source, other.state.party.source
    if mine != theirs:
        return f"different lists ({', '.join(sorted((mine, theirs)))}): only a person or a shared identifier links them"
    agreed = _agreement(record, other)
    if score < thresholds().auto_link:
        return f"same list {mine}, name match below {thresholds().auto_link:.2f}" + (f"; {agreed}" if agreed else "")
    if agreed is None:
        return f"same list {mine}, strong name match, but no agreeing Federal Register citation or start date"
    return f"same list {mine}, {agreed}; not linked automatically (placed before, or several candidates)"


# -- a person's judgements ---------------------------------------------------------------------


def _listed_party(parties: Parties, query: str) -> PartyState:
    state = find_in(parties, query)
    if not state.listed:
        raise InvalidInput(f"{query!r} ({state.id}) was removed from the list on {state.removed_on}; only listed parties are linked")
    return state


def _founding_order(state: PartyState) -> tuple[dt.date, dt.date, int]:
    first = state.actions[0]
    return (first.effective_date, first.publication_date or dt.date.max, first.sequence or 0)


def link(
    parties: Parties, membership: Membership, first: str, second: str, *, force: bool = False, by: str = "a person"
) -> list[LinkRow]:
    """The rows that make the parties ``first`` and ``second`` one party (under the older id).

    ``by`` says who judged (and why), for the evidence column."""
    one, two = _listed_party(parties, first), _listed_party(parties, second)
    if one.id == two.id:
        if first.strip() == second.strip():
            raise InvalidInput(f"cannot link {first!r} to itself")
        raise InvalidInput(f"{first!r} and {second!r} are already one party ({one.id})")
    for record in one.records:
        for other in two.records:
            judgement = membership.judgement(record, other)
            if judgement is not None and judgement.kind == "unlink" and not force:
                raise InvalidInput(
                    f"{record} and {other} were judged different parties (unlink, {_when(judgement)}); "
                    "add --force to replace that judgement"
                )
    keep, fold_in = sorted((one, two), key=_founding_order)
    anchor = keep.records[0] if keep.id not in keep.records else keep.id
    why = f"linked by {by}: {first} = {second}"
    return [LinkRow(record, keep.id, "link", anchor, why) for record in fold_in.records]


def unlink(
    parties: Parties, membership: Membership, first: str, second: str, *, force: bool = False, by: str = "a person"
) -> list[LinkRow]:
    """The rows that split one of two records (never the party's founding one) into a party of its own."""
    one, two = _record(parties, first), _record(parties, second)
    if one == two:
        raise InvalidInput(f"cannot unlink {first!r} from itself")
    party = parties.states[parties.party_of[one]]
    if parties.party_of[two] != party.id:
        raise InvalidInput(f"{one} and {two} are not one party ({party.id}, {parties.party_of[two]}); nothing to unlink")
    if not party.listed:
        raise InvalidInput(f"{party.id} was removed from the list on {party.removed_on}; only listed parties are unlinked")
    judgement = membership.judgement(one, two)
    if judgement is not None and judgement.kind == "link" and not force:
        raise InvalidInput(f"{one} and {two} were judged one party (link, {_when(judgement)}); add --force to replace that judgement")
    leaving, staying = (one, two) if two == party.id else (two, one)
    return [LinkRow(leaving, leaving, "unlink", staying, f"unlinked by {by}: {first} != {second}")]


def _record(parties: Parties, query: str) -> str:
    """A record id: given as such, else the founding record of the party the query names (whose
    id the party bears), so ``unlink hikvision RECORD`` splits RECORD off Hikvision."""
    text = query.strip()
    if text in parties.party_of:
        return text
    return find_in(parties, query).id


def _when(row: LinkRow) -> str:
    return row.recorded_at.date().isoformat() if row.recorded_at else "earlier"

