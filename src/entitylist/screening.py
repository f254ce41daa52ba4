"""Screening: is a counterparty a listed party, how sure are we, and why.

A :class:`ListIndex` indexes the parties listed on a date (every source, aliases included) and
answers :meth:`ListIndex.screen` with scored, explained :class:`Match` objects. It knows nothing
of the store: :class:`entitylist.screener.Screener` builds and keeps indexes per list version.
Candidates come from the index (units shared with the query, typos through the deletion index);
only the best candidates are scored in full.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from rapidfuzz.distance import Indel

from entitylist.errors import InvalidInput
from entitylist.text_input import check_text
from entitylist.matching import kinds
from entitylist.matching.candidates import CandidateSearch
from entitylist.matching.evidence import NO_BIRTH_DATES, BirthDates, identifier_tokens, listed_birth_dates, parse_birth_date
from entitylist.matching.index import IndexedName, IndexStatistics, NameIndex, contraction_probes
from entitylist.matching.memo import Memo
from entitylist.matching.normalize import NormalizedName, letters_dropped, normalize_name, separate_names
from entitylist.matching.vocabulary import letters_only
from entitylist.matching.thai import THAI_WORD
from entitylist.matching.score import (
    Evidence, PreparedQuery, Scored, address_tokens, contraction_parts, explanation_of, other_forms, score,
)
from entitylist.matching.weights import Weights
from entitylist.reference import MAX_NAME_LENGTH, vocabulary
from entitylist.state import PartyState


# a batch key's facts where its file has no columns for them (see ``ListIndex.screen_keys``)
NO_KEY_FACTS: Final[tuple[Any, ...]] = (None, None, None, ())


@dataclass
class Match:
    """A listed party that a query may name."""

    party_id: str
    party_name: str
    matched_name: str
    score: float
    explanation: dict[str, Any]
    state: PartyState = field(repr=False)


class Asked:
    """What a query gives besides its name and address, read once per query."""

    def __init__(self, birth: BirthDates, nationality: str | None, identifiers: frozenset[str]) -> None:
        self.birth: Final = birth
        self.nationality: Final = nationality
        self.identifiers: Final = identifiers


NOTHING_ASKED: Final = Asked(NO_BIRTH_DATES, None, frozenset())


def _country_codes(values: Sequence[str]) -> list[str]:
    """Country codes of a record's nationalities; values that name no country are left out."""
    codes = []
    for value in values:
        try:
            codes.append(vocabulary().country_code(value))
        except InvalidInput:
            continue
    return codes


_REMARK_IDS: Final = re.compile(r"(?:Passport|National ID No\.|Registration (?:ID|Number)|IMO|Tax ID No\.|Cedula No\.)[:\s]+([A-Za-z0-9-]+)", re.IGNORECASE)


def _remark_ids(remarks: str | None) -> list[str]:
    """Identifier numbers written in an OFAC remarks field ("Passport A1234567 (Iran); IMO 9187629")."""
    return _REMARK_IDS.findall(remarks) if remarks else []


ACRONYM_CANDIDATES: Final = 50  # entries scored for the acronyms of one query, at most
# A second look, for a name like a person's that met nothing: candidate search counts only the
# words the index pairs, and the scorer compares more ("ACHWAN, Muhammad" / "ACHWAN, Mochammad",
# a common word's rarer spelling; "DORDEVIC" / "DJORDJEVIC", two letters added; "Abdel Malek" /
# "Abdelmalek"), so an entry met on one rare word may be under its reach and still score above
# the threshold. The entries holding the name's rare words are looked at again, and scored where
# a word each side's look-ups left unmet is spelt alike (``_unmet_words_alike``)
SECOND_LOOK_MOST: Final = 5  # entries scored in a second look, at most
SECOND_LOOK_POSTINGS: Final = 8  # entries holding a word, at most, for the word to be looked at again
SECOND_LOOK_WORDS: Final = 4  # words of a name given a second look, at most
SECOND_LOOK_SPELLING: Final = 0.6  # (Indel) of a query word and a listed word neither side's look-ups met
CONTRACTED_WORDS_KEPT: Final = 100_000  # words whose contraction candidates a list index keeps


class _EntryList:
    """Entries to score in a given order (a second look's), taken as a candidate search's are."""

    def __init__(self, ids: list[int]) -> None:
        self._ids = ids
        self._at = 0
        self.bound = 0.0  # (no bound: each entry is scored)

    def take(self) -> int:
        """The next entry's id, -1 after the last."""
        if self._at >= len(self._ids):
            return -1
        self._at += 1
        return self._ids[self._at - 1]


def _unmet_words_alike(query: PreparedQuery, entry: IndexedName) -> bool:
    """Whether a word of the query whose look-up met none of an entry's words and a word of the
    entry that no look-up of the query met are spelt alike (``SECOND_LOOK_SPELLING``): what the
    scorer may pair where the index did not ("muhammad" / "mochammad", "malek" / "abdelmalek");
    a second look scores only such entries ("Reza Karimi" is not "KARIMI, Mohammad")."""
    listed = entry.normalized.tokens
    met: set[str] = set()
    unmet: list[str] = []
    lookups, units = query.lookups, query.units
    for at in range(len(units)):
        found = lookups[at].found
        hit = False
        for word in listed:
            if word in found:
                met.add(word)
                hit = True
        if not hit and len(units[at].positions) == 1:
            unmet.append(units[at].text)
    for word in listed:
        if word not in met:
            for text in unmet:
                if Indel.normalized_similarity(text, word) >= SECOND_LOOK_SPELLING:
                    return True
    return False


class ListIndex:
    """The parties of one date, indexed for screening."""

    def __init__(
        self, parties: Sequence[PartyState], weights: Weights | None = None, statistics: IndexStatistics | None = None,
        prepared: dict[tuple[str, bool], NormalizedName] | None = None,
    ) -> None:
        """``statistics``: the whole list's (see :class:`~entitylist.matching.index.IndexStatistics`),
        when ``parties`` are only those a query can reach; ``prepared``: names already normalised."""
        self.parties = list(parties)
        names = (
            (number, name, kind)
            for number, state in enumerate(self.parties)
            for name, kind in [(state.party.name, "name"), *((a.name, a.kind.value) for a in state.party.aliases)]
        )
        people = frozenset(n for n, state in enumerate(self.parties) if state.party.type == "individual")
        self.index = NameIndex(names, weights, person_records=people, statistics=statistics, prepared=prepared)
        features = self.index.weights.features
        self._bonus_of = {key: max(0.0, f.weight) for key, f in features.items()}
        # (what ``_bonus`` gives a query that asks nothing but its name, with a legal form and
        # without, and the penalty ``_kinds_out_of_reach`` reads: worked out once, not per name)
        self._name_bonus = self._bonus_of["exact_name"]
        self._legal_form_bonus = self._bonus_of["exact_name"] + self._bonus_of["legal_form_agrees"]
        self._kind_penalty = features["party_kind_conflicts"].weight
        self._beyond_bonus = beyond_bonus(self.index.weights)
        self._contractions: Memo[str, tuple[int, ...]] = Memo(CONTRACTED_WORDS_KEPT)  # (see ``_contracted_by``)
        self._kinds = [kinds.party_kind(state.party.type) for state in self.parties]
        self._births: list[BirthDates] = []
        self._nationalities: list[frozenset[str]] = []
        self._identifiers: list[frozenset[str]] = []
        self.malformed_birth_dates = 0  # listed dates of birth that could not be read (ignored)
        for state in self.parties:
            party = state.party
            births, malformed = listed_birth_dates(party.birth_dates, party.remarks)
            self.malformed_birth_dates += malformed
            self._births.append(births)
            self._nationalities.append(frozenset(_country_codes(party.nationalities)))
            self._identifiers.append(identifier_tokens([*party.identifiers, *_remark_ids(party.remarks)]))
        self._countries: list[frozenset[str]] = []
        self._addresses: list[frozenset[str]] = []
        for state in self.parties:
            party = state.party
            countries = {c for c in (party.country, *party.nationalities) if c}
            countries.update(a.country for a in party.addresses if a.country)
            self._countries.append(frozenset(countries))
            self._addresses.append(frozenset().union(*(address_tokens(a.one_line()) for a in party.addresses)))

    def screen_keys(
        self, keys: Sequence[str | tuple[Any, ...]], threshold: float | None, limit: int,
    ) -> list[tuple[tuple[str, str, str, float], ...]]:
        """Each batch key screened with one batch's options: a name alone, or (name, country,
        address), with (type, date of birth, nationality, identifiers) fourth where a file has
        columns for them. For each, its matches as (party id, party name, matched name, score
        to four places), best first; none where nothing matched (most names). (The loop of a
        batch's workers, compiled here with :meth:`screen`, which it then calls directly: from
        interpreted code, each call would go through the interpreter and parse its keywords.)"""
        out: list[tuple[tuple[str, str, str, float], ...]] = []
        listed = keys if isinstance(keys, list) else list(keys)  # (a list is read by index natively)
        for at in range(len(listed)):
            key = listed[at]
            if isinstance(key, str):  # (a name alone, a file's most: screened with the defaults, no tuple made)
                matches = self.screen(key, explain=False, threshold=threshold, limit=limit)
            else:
                facts = key[3] if len(key) == 4 else NO_KEY_FACTS
                matches = self.screen(
                    key[0], country=key[1], address=key[2], explain=False, threshold=threshold, limit=limit,
                    query_type=facts[0], birth_date=facts[1], nationality=facts[2], identifiers=facts[3],
                )
            out.append(tuple([(m.party_id, m.party_name, m.matched_name, round(m.score, 4)) for m in matches]) if matches else ())
        return out

    def screen(
        self,
        name: str,
        *,
        country: str | None = None,
        address: str | None = None,
        threshold: float | None = None,
        limit: int = 10,
        explain: bool = True,
        query_type: str | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        identifiers: Sequence[str] = (),
        weights: Weights | None = None,
    ) -> list[Match]:
        """Parties the name may be, best first, each scored once at its best name or alias.

        ``query_type``: what the name is said to be (person, organization, vessel, or a party
        type such as individual or company; see :func:`entitylist.matching.kinds.parse_kind`);
        a listed party of another kind scores lower. ``birth_date`` (YYYY or YYYY-MM-DD),
        ``nationality`` (a country name or code) and ``identifiers`` (passport, registration,
        IMO numbers) count where the party's record has them (see
        :mod:`entitylist.matching.evidence`). Raises :class:`InvalidInput` for an unknown type,
        an unreadable date of birth or an unknown nationality.

        Candidates (see :mod:`entitylist.matching.candidates`) come best bound first and only
        those whose bound, plus every feature bonus this query can earn, reaches the threshold.
        ``explain=False`` skips building explanations (batch screening). ``weights``: the
        features' weights and evidence floor to score with instead of the index's (a request's
        own, see :meth:`~entitylist.matching.weights.Weights.overridden`); the bound on what
        features can add follows them, so no candidate they would lift is skipped.
        """
        names = separate_names(name)
        if len(names) > 1:  # "A; B": each name screened, each party at its best
            merged: dict[str, Match] = {}
            for one in names:
                for match in self.screen(
                    one, country=country, address=address, threshold=threshold, limit=limit, explain=explain,
                    query_type=query_type, birth_date=birth_date, nationality=nationality, identifiers=identifiers,
                    weights=weights,
                ):
                    kept = merged.get(match.party_id)
                    if kept is None or match.score > kept.score:
                        merged[match.party_id] = match
            return sorted(merged.values(), key=lambda match: -match.score)[:limit]
        features = weights
        weights = self.index.weights
        cutoff = weights.match_threshold if threshold is None else threshold
        given_kind = kinds.parse_kind(query_type)
        asked = NOTHING_ASKED
        if birth_date is not None or nationality or identifiers:
            asked = Asked(
                parse_birth_date(birth_date),
                vocabulary().country_code(nationality) if nationality else None,
                identifier_tokens(identifiers),
            )
        normalized = normalize_name(name, given_kind == kinds.PERSON)
        if normalized.empty:
            return []
        query = PreparedQuery.build(normalized, self.index)
        # a name is also looked up as its other forms, which Latin names meet (a name in Chinese
        # characters as its words read, ...: ``other_forms``; none for most names)
        others = other_forms(normalized, given_kind == kinds.PERSON)
        # (of any length, which compiled code walks by index: a union of two tuple types it walks through an iterator)
        queries: tuple[PreparedQuery, ...] = (
            (query,) if not others else (query, *[PreparedQuery.build(form, self.index) for form in others])
        )
        # the most the features can add to a name score: what this query can earn of the bonus features,
        # and any other feature a request's weights make positive (none with the shipped weights: 0.0)
        bonus = self._bonus(query, country, address, asked, features) + (
            self._beyond_bonus if features is None else beyond_bonus(features)
        )
        country_code = vocabulary().country_code(country) if country else None
        query_address = address_tokens(address)
        best: dict[int, tuple[float, Any, Scored]] = {}
        top = -math.inf  # the best score in ``best`` (each party's score only rises there: the best of all scored)
        low = cutoff < weights.name.spelling_residual  # pairs scoring below it are ordered by spelling
        features_of = weights if features is None else features
        # a pair whose name score is under this cannot reach the threshold, whatever its features add
        settled_below = None if low else cutoff - bonus
        # (the query's reading in Latin letters is of its kind: one answer for both)
        out_of_reach = () if settled_below is None else _kinds_out_of_reach(
            query, given_kind, cutoff, settled_below, features_of, self._kind_penalty if features is None else None,
        )
        searches = list(queries)  # (and the second look, when one is given, at their end)
        anchors: list[str] = []  # (the name's rare listed words, when it is given one)
        at = 0
        while at < len(searches):
            prepared = searches[at]
            at += 1
            second_look = at > len(queries)
            search: CandidateSearch | _EntryList = (
                _EntryList(self._second_look_entries(prepared, anchors, best)) if second_look
                else CandidateSearch(prepared, self.index, cutoff, bonus)
            )
            scored_count = -1
            while True:  # (``search.take``: compiled, iterating the search would resume a generator through the interpreter)
                entry_id = search.take()
                if entry_id < 0:
                    break
                scored_count += 1
                if scored_count >= weights.candidates:
                    break
                if limit == 1 and best and search.bound + bonus < top and not second_look:
                    break  # candidates come best bound first: no later one can do better
                entry = self.index.entries[entry_id]
                if out_of_reach and self._kinds[entry.record] in out_of_reach:
                    continue  # (it counts among the candidates scored, as it did when it was scored)
                evidence = self._evidence(entry.record, country_code, query_address, given_kind, asked)
                scored = score(
                    prepared, entry, self.index, evidence, explain=False, order_unmatched=low, features=features,
                    explainable=explain, settled_below=settled_below,
                )
                known = best.get(entry.record)
                if known is None or scored.score > known[0]:
                    best[entry.record] = (scored.score, entry, scored)
                    if scored.score > top:
                        top = scored.score
            if at == len(queries) and top < cutoff and settled_below is not None:
                anchors = self._second_look_words(query)
                if anchors:
                    searches.append(query)
        for entry_id in [*self._acronym_candidates(query), *self._contraction_candidates(query)]:
            entry = self.index.entries[entry_id]
            if entry.record in best or (out_of_reach and self._kinds[entry.record] in out_of_reach):
                continue
            evidence = self._evidence(entry.record, country_code, query_address, given_kind, asked)
            scored = score(
                query, entry, self.index, evidence, explain=False, order_unmatched=low, features=features, explainable=explain,
                settled_below=settled_below,
            )
            best[entry.record] = (scored.score, entry, scored)
        if not best:
            return []  # most names: no candidate came
        # (one party scored, as for most names that reach any: nothing to sort, and no key called)
        ranked = (
            list(best.items()) if len(best) == 1
            else _ties_by_spelling(sorted(best.items(), key=lambda kv: -kv[1][0]), normalized.text, normalized.abjad)
        )
        matches: list[Match] = []
        for record, (value, entry, scored) in ranked:
            if value < cutoff or len(matches) >= limit:
                break
            state = self.parties[record]
            # (the party's id read from the party: ``PartyState.id`` is a property of a module not
            # compiled, a call through the interpreter)
            matches.append(
                Match(
                    party_id=state.party.id,
                    party_name=state.party.name,
                    matched_name=entry.name,
                    score=value,
                    explanation=explanation_of(scored) if explain else {},  # (of the scoring above: none again)
                    state=state,
                )
            )
        return matches

    def _evidence(self, record: int, country: str | None, address: frozenset[str], given_kind: str, asked: Asked) -> Evidence:
        return Evidence(
            country=country,
            address_tokens=address,
            party_countries=self._countries[record],
            party_address_tokens=self._addresses[record],
            party_kind=self._kinds[record],
            query_kind=given_kind,
            birth=asked.birth,
            party_birth=self._births[record],
            nationality=asked.nationality,
            party_nationalities=self._nationalities[record],
            identifiers=asked.identifiers,
            party_identifiers=self._identifiers[record],
        )

    def _second_look_words(self, query: PreparedQuery) -> list[str]:
        """The words a second look starts from (``_second_look_entries``), none for a name that
        gets none: a name like a person's, of two to four words of letters, no legal form and no
        common or generic word (an ordinary company's name, most of a batch, is not), and its
        words the list holds and rarely uses (a distinctive weight). The entries they reach may
        hold the name's other words spelt as the scorer pairs and the index does not."""
        normalized = query.normalized
        tokens = normalized.tokens
        if not 2 <= len(tokens) <= SECOND_LOOK_WORDS or normalized.legal_forms:
            return []
        if normalized.abjad and THAI_WORD.search(normalized.given) is None:
            return []  # (a name in Arabic or Hebrew script is its consonants; one in Thai is read with its vowels)
        index = self.index
        least = index.weights.name.distinctive_min_weight
        rare: list[str] = []
        for token in tokens:
            if not letters_only(token) or index.ordinary_word(token):
                return []
            if index.unit_weight.get(token, 0.0) >= least:
                rare.append(token)
        return rare

    def _second_look_entries(self, query: PreparedQuery, rare: list[str], scored: dict[int, Any]) -> list[int]:
        """The entries a second look scores (see ``SECOND_LOOK_MOST``): those holding one of the
        name's ``rare`` words that few bear, not scored yet (no entry of their party: ``scored``
        is keyed by party), with a word left unmet spelt alike to one of the name's."""
        index = self.index
        found: list[int] = []
        for token in rare:
            ids = index.walk_ids.get(token)
            if ids is None or len(ids) > SECOND_LOOK_POSTINGS:
                continue
            for entry_id in ids:
                entry = index.entries[entry_id]
                if entry.record not in scored and entry_id not in found and _unmet_words_alike(query, entry):
                    found.append(entry_id)
                    if len(found) >= SECOND_LOOK_MOST:
                        return found
        return found

    def _acronym_candidates(self, query: PreparedQuery) -> list[int]:
        """Entries whose initials or usual abbreviation a short query word is ("NUDT", "MSS"):
        the index finds candidates by words, and an acronym shares none with its name."""
        acronyms = self.index.acronyms
        found = [e for t in _acronym_words(query) if t in acronyms for e in acronyms[t]]
        return found if len(found) <= ACRONYM_CANDIDATES else found[:ACRONYM_CANDIDATES]  # (most: none, and no copy)

    def _contraction_candidates(self, query: PreparedQuery) -> list[int]:
        """Entries a query word not in the list may contract ("Colcerdos" for "Colombiana de
        Cerdos"): found through contraction keys, kept when the word spells their words."""
        found: list[int] = []
        for word in _contraction_words(query, self.index):
            for entry_id in self._contracted_by(word):
                if entry_id not in found:
                    found.append(entry_id)
                    if len(found) >= ACRONYM_CANDIDATES:
                        return found
        return found

    def _contracted_by(self, word: str) -> tuple[int, ...]:
        """The entries one word may contract, in the order its contraction keys reach them (at
        most ``ACRONYM_CANDIDATES``, which is all a query takes), cached: a word not in the list
        recurs through a file ("Zentrovex Trading", "Zentrovex Logistics")."""
        cached = self._contractions.get(word)
        if cached is not None:
            return cached
        contractions, found, seen = self.index.contractions, [], set()
        for key in contraction_probes(word):
            for entry_id in contractions.get(key, ()):
                if entry_id in seen:
                    continue
                seen.add(entry_id)
                listed = self.index.entries[entry_id].normalized
                parts = contraction_parts(word, listed.written or listed.tokens)
                if parts and _contraction_alone(word, parts):
                    found.append(entry_id)
                    if len(found) >= ACRONYM_CANDIDATES:
                        break
            if len(found) >= ACRONYM_CANDIDATES:
                break
        return self._contractions.keep(word, tuple(found))

    def reached(self, name: str, query_type: str | None = None) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
        """The listed units a query's words may match and the query's words looked up as
        acronyms: with the whole list's statistics, the names holding these are all that
        :meth:`screen` can score for the query (see :mod:`entitylist.screen_snapshot`)."""
        normalized = normalize_name(name, kinds.parse_kind(query_type) == kinds.PERSON)
        if normalized.empty:
            return frozenset(), (), ()
        query = PreparedQuery.build(normalized, self.index)
        lookups = [*query.lookups]
        for form in other_forms(normalized, kinds.parse_kind(query_type) == kinds.PERSON):
            lookups.extend(PreparedQuery.build(form, self.index).lookups)
        probes = tuple(key for word in _contraction_words(query, self.index) for key in contraction_probes(word))
        return frozenset([text for lookup in lookups for text in lookup.found]), _acronym_words(query), probes

    def _bonus(
        self, query: PreparedQuery, country: str | None, address: str | None, asked: Asked, weights: Weights | None = None
    ) -> float:
        """The most the features can add to a name score for this query (with ``weights``' features when given)."""
        if weights is None and not (asked.birth or asked.nationality or asked.identifiers or country or address):
            return self._legal_form_bonus if query.normalized.legal_forms else self._name_bonus  # (a batch's names: most)
        bonus_of = self._bonus_of if weights is None else {k: max(0.0, f.weight) for k, f in weights.features.items()}
        bonus = bonus_of["exact_name"]
        if asked.birth:
            bonus += max(bonus_of["birth_date_matches"], bonus_of["birth_year_matches"])
        if asked.nationality:
            bonus += bonus_of["nationality_matches"]
        if asked.identifiers:
            bonus += bonus_of["identifier_matches"]
        if query.normalized.legal_forms:
            bonus += bonus_of["legal_form_agrees"]
        if country:
            bonus += bonus_of["country_matches"]
        if address:
            bonus += bonus_of["address_overlap"]
        return bonus


# the features ``ListIndex._bonus`` counts where the query can earn them
BONUS_FEATURES: Final = frozenset({
    "exact_name", "birth_date_matches", "birth_year_matches", "nationality_matches", "identifier_matches",
    "legal_form_agrees", "country_matches", "address_overlap",
})


def _ties_by_spelling(
    ranked: list[tuple[int, tuple[float, Any, Scored]]], query_text: str, abjad: bool = False,
) -> list[tuple[int, tuple[float, Any, Scored]]]:
    """Parties ranked best first, those of one score ordered by how alike the names matched are
    spelt to the query (a stable sort keeps any other order). A skeleton or a reading met in full
    scores alike for every name that has it, and the party shown first, and written by a batch,
    is the one whose name is nearest: "جانان آغا" ("jnn agh") is "Janan Agha" before "Jian Wenji".
    A query in an abjad script is compared with each name as that script writes it, its long
    vowels as the letters that write them and its short ones left out (``abjad_spelling``):
    "محمد احمدی" ("mhmd hmdy") is "Muhammad Ahmadi" ("mhmd hmdy") before "Mahmoud Hamid" ("mhmwd hmd")."""
    tied = any(ranked[at][1][0] == ranked[at + 1][1][0] for at in range(len(ranked) - 1))
    if not tied:
        return ranked  # (most names: no two parties at one score)
    spelt = abjad_spelling if abjad else _as_written
    return sorted(ranked, key=lambda kv: (-kv[1][0], -Indel.normalized_similarity(query_text, spelt(kv[1][1].normalized.text))))


def _as_written(text: str) -> str:
    return text


# a Latin spelling's long vowels as the letters an abjad script writes them with: "ou", "oo" and
# "uu" a waw, "ee" and "ii" and a word's last "i" or "y" a yeh; the short vowels, which it does not
# write, left out (as ``abjad_skeletons`` leaves out what they become)
_LONG_VOWELS: Final = re.compile(r"ou|oo|uu|ee|ii|[iy](?=\b)")


def abjad_spelling(text: str) -> str:
    """A Latin name as an abjad script would spell it (see ``_LONG_VOWELS``), each letter written
    twice written once: "mahmoud hamid" -> "mhmwd hmd", "muhammad ahmadi" -> "mhmd hmdy"."""
    marked = _LONG_VOWELS.sub(lambda match: "w" if match.group()[0] in "ou" else "y", text)
    return letters_dropped(marked, b"aeiou", once=True)


def beyond_bonus(weights: Weights) -> float:
    """What the features ``ListIndex._bonus`` does not count may add to a pair's score (none
    with the shipped weights; a request's weights may make one positive): with the query's bonus,
    the most the features can add."""
    return sum(max(0.0, f.weight) for key, f in weights.features.items() if key not in BONUS_FEATURES)


# the kinds of listed party that a query of each kind conflicts with
_CONFLICTING: Final = {kind: tuple(k for k in kinds.KINDS if kinds.conflicts(kind, k)) for kind in kinds.KINDS}


def _kinds_out_of_reach(
    query: PreparedQuery, given_kind: str, cutoff: float, settled_below: float, weights: Weights, penalty: float | None = None,
) -> tuple[str, ...]:
    """The kinds of listed party that no pair with this query can reach the threshold for: the
    query is surely of another kind (the type given, or a company's legal form against a person
    or a vessel: ``party_kind_conflicts``), and even a name met in full (a name score of 1) with
    every feature the query can earn, less that penalty, stays below the threshold
    (``settled_below``: the threshold less the most the features add). Their candidates are not
    scored, which changes no result: at the default threshold a company's name against a listed
    person ("Golden Star Trading LLC" / "STAR, Golden") is the case. ``penalty``: that weight's,
    where the caller has it."""
    if penalty is None:
        penalty = weights.feature("party_kind_conflicts").weight
    if penalty >= 0 or 1.0 + penalty >= settled_below or weights.name.penalty_floor_share >= cutoff:
        return ()  # (however many features count against a pair, it keeps that share of its name score)
    if given_kind != kinds.UNKNOWN:
        kind = given_kind
    elif query.normalized.organization_form:  # (a word left over may make a query an organisation's, never less)
        kind = kinds.ORGANIZATION
    else:
        return ()
    return _CONFLICTING[kind]


ALONE_CONTRACTION_MIN_LENGTH: Final = 7


def _contraction_alone(word: str, parts: list[tuple[int, int]]) -> bool:
    """Whether a contraction may bring its name in on its own: a coined brand is easily spelt
    from the beginnings of some listed name's words ("Arquin" from "ARturo QUINonez", "Norcor"
    from "NORthstar Trading CORporation"), so alone it must be seven letters or more, run over
    neighbouring words, none skipped, and have at least half its letters in parts of three or more
    ("Ricorsa" is R + I + COR + SA)."""
    if len(word) < ALONE_CONTRACTION_MIN_LENGTH or parts[-1][0] - parts[0][0] != len(parts) - 1:
        return False
    return 2 * sum(size for _p, size in parts if size >= 3) >= len(word)


def _contraction_words(query: PreparedQuery, index: NameIndex) -> list[str]:
    """The query's words that may be contractions: not words of the list (which are taken as
    written), not of a name in Chinese characters (pinyin syllables)."""
    if query.normalized.original:
        return []
    return [
        t for t in query.normalized.tokens
        if len(t) >= ALONE_CONTRACTION_MIN_LENGTH and t not in index.unit_weight and not index.ordinary_word(t)
    ]


def _acronym_words(query: PreparedQuery) -> tuple[str, ...]:
    """The words of a short query (three words at most), each of which may be an acronym."""
    tokens = query.normalized.tokens
    return tokens if len(tokens) <= 3 else ()


def check_threshold(threshold: float | None) -> float | None:
    """A score threshold in [0, 1], or None for the default."""
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InvalidInput(f"threshold {threshold} is outside 0-1")
    return threshold


def check_query(name: str) -> None:
    """Refuse names that cannot be screened, with a message saying why."""
    if not name or not name.strip():
        raise InvalidInput("empty name: nothing to screen")
    check_text(name, "name")
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name is {len(name)} characters long; names of at most {MAX_NAME_LENGTH} are screened")
    if normalize_name(name).empty:
        if any(character.isalnum() for character in name):  # ("the", "and": small words only)
            raise InvalidInput(f"name {name[:40]!r} has nothing to screen once its small words are set aside")
        raise InvalidInput(f"name {name[:40]!r} has no letters or digits to screen")
