"""Screening: is a counterparty a listed party, how sure are we, and why.

A :class:`ListIndex` indexes the parties listed on a date (every source, aliases included) and
answers :meth:`ListIndex.screen` with scored, explained :class:`Match` objects. It knows nothing
of the store: :class:`entitylist.screener.Screener` builds and keeps indexes per list version.
Candidates come from the index (units shared with the query, typos through the deletion index);
only the best candidates are scored in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from entitylist.errors import InvalidInput
from entitylist.matching.candidates import CandidateSearch
from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import Evidence, PreparedQuery, address_tokens, score
from entitylist.matching.weights import Weights
from entitylist.reference import MAX_NAME_LENGTH, vocabulary
from entitylist.state import PartyState


@dataclass
class Match:
    """A listed party that a query may name."""

    party_id: str
    party_name: str
    matched_name: str
    score: float
    explanation: dict[str, Any]
    state: PartyState = field(repr=False)


class ListIndex:
    """The parties of one date, indexed for screening."""

    def __init__(self, parties: Sequence[PartyState], weights: Weights | None = None) -> None:
        self.parties = list(parties)
        names = (
            (number, name, kind)
            for number, state in enumerate(self.parties)
            for name, kind in [(state.party.name, "name"), *((a.name, a.kind.value) for a in state.party.aliases)]
        )
        self.index = NameIndex(names, weights)
        features = self.index.weights.features
        self._bonus_of = {key: max(0.0, f.weight) for key, f in features.items()}
        self._countries: list[frozenset[str]] = []
        self._addresses: list[frozenset[str]] = []
        for state in self.parties:
            party = state.party
            countries = {c for c in (party.country, *party.nationalities) if c}
            countries.update(a.country for a in party.addresses if a.country)
            self._countries.append(frozenset(countries))
            self._addresses.append(frozenset().union(*(address_tokens(a.one_line()) for a in party.addresses)))

    def screen(
        self,
        name: str,
        *,
        country: str | None = None,
        address: str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        explain: bool = True,
    ) -> list[Match]:
        """Parties the name may be, best first, each scored once at its best name or alias.

        Candidates (see :mod:`entitylist.matching.candidates`) come best bound first and only
        those whose bound, plus every feature bonus this query can earn, reaches the threshold.
        ``explain=False`` skips building explanations (batch screening).
        """
        weights = self.index.weights
        cutoff = weights.match_threshold if threshold is None else threshold
        normalized = normalize_name(name)
        if normalized.empty:
            return []
        query = PreparedQuery.build(normalized, self.index)
        bonus = self._bonus(query, country, address)
        country_code = vocabulary().country_code(country) if country else None
        query_address = address_tokens(address)
        best: dict[int, tuple[float, Any, Any]] = {}
        for scored_count, (bound, entry_id) in enumerate(CandidateSearch(query, self.index, cutoff, bonus)):
            if scored_count >= weights.candidates:
                break
            if limit == 1 and best and bound + bonus < max(v[0] for v in best.values()):
                break  # candidates come best bound first: no later one can do better
            entry = self.index.entries[entry_id]
            state = self.parties[entry.record]
            evidence = Evidence(
                country=country_code,
                address_tokens=query_address,
                party_countries=self._countries[entry.record],
                party_address_tokens=self._addresses[entry.record],
                party_is_person=state.party.type == "individual",
            )
            scored = score(query, entry, self.index, evidence, explain=False)
            known = best.get(entry.record)
            if known is None or scored.score > known[0]:
                best[entry.record] = (scored.score, entry, evidence)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        matches: list[Match] = []
        for record, (value, entry, evidence) in ranked:
            if value < cutoff or len(matches) >= limit:
                break
            state = self.parties[record]
            detail = score(query, entry, self.index, evidence, explain=explain) if explain else None
            matches.append(
                Match(
                    party_id=state.id,
                    party_name=state.party.name,
                    matched_name=entry.name,
                    score=value,
                    explanation=detail.explanation if detail else {},
                    state=state,
                )
            )
        return matches

    def _bonus(self, query: PreparedQuery, country: str | None, address: str | None) -> float:
        """The most the features can add to a name score for this query."""
        bonus = self._bonus_of["exact_name"]
        if query.normalized.legal_forms:
            bonus += self._bonus_of["legal_form_agrees"]
        if country:
            bonus += self._bonus_of["country_matches"]
        if address:
            bonus += self._bonus_of["address_overlap"]
        return bonus


def check_threshold(threshold: float | None) -> float | None:
    """A score threshold in [0, 1], or None for the default."""
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InvalidInput(f"threshold {threshold} is outside 0-1")
    return threshold


def check_query(name: str) -> None:
    """Refuse names that cannot be screened, with a message saying why."""
    if not name or not name.strip():
        raise InvalidInput("empty name: nothing to screen")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name is {len(name)} characters long; names of at most {MAX_NAME_LENGTH} are screened")
    if normalize_name(name).empty:
        raise InvalidInput(f"name {name[:40]!r} has no letters or digits to screen")
