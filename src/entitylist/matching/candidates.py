"""Candidate search: the listed names that could reach the threshold for a query, best first.

Prefix filtering: a listed name can only reach the threshold if it matches enough of the query's
weight. The query words whose matches have the longest postings are set aside as long as
everything set aside could not, on its own, reach that weight; a candidate must then share a
unit with one of the remaining (seed) words, and only the seeds' postings are walked.

Each candidate gets an upper bound of its name score, in two steps. The loose bound, for every
entry the seeds reach, assumes the set-aside words match it as well as they match anything.
The tight bound, worked out only for the entries taken from the queue, counts a set-aside word
only if the entry holds one of its matches, and discounts an entry that holds none of the query's
matches on a distinctive word as the scorer does (``generic_only_factor``: "Asia Technology
Petroleum" meets "SICHUAN ... TECHNOLOGY" on a generic word alone). Entries come out in order of
their tight bound, so the caller can stop at the first that cannot reach the threshold.

Compiled (``_gather.c``), the figures (what each query word can add, the floors of the score's
denominator, the words set aside), the walking and both bounds run in C with no Python object per posting,
and every entry past the loose bound gets its tight bound at once (a set-aside word is then known
to an entry by the posting lists of its matches, which hold exactly the entries whose texts hold
them); in Python, the tight bound waits until an entry is taken from the queue. The candidates,
their bounds and their order are the same either way.

Both bounds count what the index sees. The scorer also compares words the index did not pair
(typos beyond one deletion, sound-alikes, words run together, acronyms); those comparisons add
to the names the index brings in, they do not bring names in.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator
from typing import Any, Final

from entitylist.matching.index import EntryBound, NameIndex, TokenMatch, Walk, after_iberian_particle
from entitylist.matching.score import PreparedQuery

# (read once, statics of the compiled module: ``heapq.heappop`` is an attribute looked up on the
# module at every call)
_heapify: Final = heapq.heapify
_heappop: Final = heapq.heappop
_heappush: Final = heapq.heappush


QUERY_SIDE_MARGIN: Final = 1e-9  # (relative: see ``CandidateSearch._search``)

# (see ``_gather.pyi``: the seeds' walks, the figures, and the set-aside words for the tight bounds)
Gather = Callable[..., tuple[list[tuple[float, float, bool, int]], dict[int, float]]]
ASIDE_MOST: Final = 64  # set-aside words the compiled step takes (a longer name is searched in Python)


# (see ``_gather.pyi``: the figures of ``_search`` worked out, then ``Gather``, in one call; None
# where no entry can be met, NotImplemented for a query it leaves to the Python loops)
Search = Callable[..., Any]
# (found, gathered, extra, aside_at, query_floor, floor_met_in_full, may_discount)
Searched = tuple[list[tuple[float, float, bool, int]], dict[int, float], float, list[tuple[float, list[int]]], float, float, bool]


def _compiled_gathering() -> tuple[Gather, Search] | None:
    """The gathering step, and the search that works out its figures and calls it, compiled from
    ``_gather.c`` where the build compiled it; else None, and ``CandidateSearch`` works them out
    and walks the postings in Python, with identical results."""
    try:
        from entitylist.matching import _gather
    except ImportError:
        return None
    return _gather.gather, _gather.search


compiled_gathering = _compiled_gathering()
compiled_gather: Gather | None = compiled_gathering[0] if compiled_gathering else None  # (a test sets it to None to compare both ways)
compiled_search: Search | None = compiled_gathering[1] if compiled_gathering else None  # (likewise)


class CandidateSearch:
    """One query's candidates, ``(bound of the name score, entry id)``, best bound first."""

    def __init__(self, query: PreparedQuery, index: NameIndex, cutoff: float, bonus: float) -> None:
        """``cutoff``: the threshold; ``bonus``: the most the features can add to a name score."""
        self.query, self.index = query, index
        params = index.weights.name
        self._a, self._b = params.listed_exponent, params.query_exponent
        self._least = cutoff - bonus
        need = max(0.0, self._least)
        # (``math.pow``, compiled natively: ``**`` of two floats is a generic call; the same C pow())
        self._min_listed = math.pow(need, 1 / self._a) if need > 0 else 0.0
        # (share, query units meeting it) of each word set aside; with the listed texts they meet
        # (``_aside_words``) when the Python loops or ``tight_bound`` ask for them
        self._aside_at: list[tuple[float, list[int]]] = []
        self._aside: list[tuple[float, frozenset[str]]] | None = None
        # (-bound, -weight met, bound is tight, entry id): among equal bounds (a short listed name
        # met by one heavy word reaches 1.0 as readily as the name met in full), the entry that
        # meets more of the query comes first, so the candidates scored are the likeliest
        self._queue: list[tuple[float, float, bool, int]] = []
        self._gathered: dict[int, float] = {}
        self._extra = 0.0
        self._query_floor = 0.0
        # the same where a listed name is met in full, whose middle names a person's query may add
        # at an optional word's cost (``PreparedQuery.middle_names``)
        self._floor_met_in_full = 0.0
        self._generic_only = params.generic_only_factor
        # what the query's units meet, each unit's matches (made when first needed): None where a
        # listed text met is a run of initials, as the scorer takes such an acronym as distinctive
        self._met: list[dict[str, TokenMatch]] | None = None
        self._met_made = False
        # whether an entry may have its generic words counted less (``generic_left_out_factor``):
        # not when a query word but a place meets nothing the index knows
        self._may_discount = True
        self.bound = 0.0  # (the bound of the candidate ``take`` gave last)
        self._search(need)

    def _search(self, need: float) -> None:
        if compiled_search is not None and compiled_gather is not None and self._search_compiled(need):
            return
        query, index = self.query, self.index
        params = index.weights.name
        listed_words = index.unit_weight
        units, tokens = query.units, query.normalized.tokens
        size = len(tokens)
        share = [0.0] * size  # query word -> the most it can add to a match
        lightest = [math.inf] * size  # query word -> the least a match of it weighs in the score's denominator
        word_cost = [0] * size  # query word -> postings its units would walk
        walks: dict[int, tuple[Walk, ...]] = {}  # query unit -> (postings, value) to walk
        lookups = query.lookups
        for qi, lookup in enumerate(lookups):
            if not lookup.found:
                continue
            positions = units[qi].positions
            if len(positions) == 1 or any(tokens[p] not in listed_words for p in positions):
                walks[qi] = lookup.walks + lookup.joined_walks
                cost = lookup.cost + lookup.joined_cost
            else:
                # a joined pair of listed words need not walk the entries holding the two words:
                # the words' own units count them there
                walks[qi] = lookup.walks
                cost = lookup.cost
            part = lookup.best / len(positions)
            # (a match counts in the score's denominator as little as the listed word it meets weighs,
            # a word met alone as words run together are, "Guang Zhou" / "GUANGZHOU": not as much as
            # the best match adds, which a lighter listed word met by a typo is below, "Ahmadi" /
            # "AHMAD", 0.73 scored but bounded at 0.60 and never scored at the threshold)
            light = lookup.least / len(positions) if lookup.least > 0.0 else part
            for p in positions:
                word_cost[p] += cost
                if share[p] < part:
                    share[p] = part
                if light < lightest[p]:
                    lightest[p] = light
        if not walks:
            return
        met = {p for qi, lookup in enumerate(lookups) if lookup.found for p in units[qi].positions}
        places = index.generic_places
        self._may_discount = all(p in met or tokens[p] in places for p in range(size))
        floor, generic_factor = params.generic_word_weight, params.unmatched_generic_factor
        query_floor = 0.0  # the least the query's words can weigh in the score's denominator
        # (a word after "de", a surname a person's name may add, costs as an optional word there;
        # so does a person's middle name where a listed name is met in full: ``_floor_met_in_full``)
        after_de = after_iberian_particle(query.normalized)
        middles = query.middle_names()
        floor_met_in_full = 0.0
        for p, own in enumerate(query.token_weights(index)):
            unmatched = own * generic_factor if own <= floor else own
            if after_de and p in after_de:
                unmatched = min(unmatched, own * params.optional_word_factor)
            query_floor += lightest[p] if 0.0 < lightest[p] < unmatched else unmatched
            if middles and p in middles:
                unmatched = min(unmatched, own * params.optional_word_factor)
            floor_met_in_full += lightest[p] if 0.0 < lightest[p] < unmatched else unmatched
        self._query_floor = query_floor
        self._floor_met_in_full = floor_met_in_full
        needed = math.pow(need, 1 / self._b) * floor_met_in_full if need > 0 else 0.0  # (the lower floor: any entry)
        aside: set[int] = set()
        rest = 0.0
        for _cost, p in sorted([(-word_cost[p], p) for p in range(size)]):  # costliest first, ties in order
            if rest + share[p] < needed:
                aside.add(p)
                rest += share[p]
        if len(aside) == size:
            return  # all the query's matches together cannot reach the threshold
        seeds = [qi for qi in walks if not aside.issuperset(units[qi].positions)]
        # a word that a look-up meets only run on with its neighbour ("um" of "UM AIR" in "umair")
        # counts, in ``extra``, for every entry the other words reach: the scorer may still pair it
        # on its own, as an acronym ("UM AIR" / "UKRAINIAN-MEDITERRANEAN AIRLINES", 0.87), which no
        # look-up of it finds. (Counted only where an entry holds what it meets, it cut the
        # candidates of "ANSAR-ULI-SLAM LIL-ICHAD WAL JIHAD" from 39 to 7, and lost that alias.)
        covered = {units[qi].positions[0] for qi in seeds if len(units[qi].positions) == 1}
        # (the sums below added one by one, in order, as the compiled search adds them: ``sum`` of
        # floats compensates its rounding from Python 3.12 on)
        extra = 0.0
        for p, w in enumerate(share):
            if p not in covered and p not in aside:
                extra += w
        self._extra = extra
        if aside:
            self._aside_at = [(share[p], [qi for qi in walks if p in units[qi].positions]) for p in sorted(aside) if share[p] > 0]
        aside_weight = 0.0
        for weight, _units in self._aside_at:
            aside_weight += weight
        loose_extra = extra + aside_weight
        least, min_listed, queue = self._least, self._min_listed, self._queue
        # too little of the query met for any entry: the query side's factor of ``_bound`` alone
        # (the listed side's is at most 1) stays below the threshold, by a margin far wider than
        # any rounding of the powers, so the entries below it are the ones ``_bound`` turns away
        least_met = (
            min(query_floor, floor_met_in_full) * math.pow(least, 1 / self._b) * (1.0 - QUERY_SIDE_MARGIN)
            if least > 0.0 else 0.0
        )
        gather = compiled_gather
        if gather is not None and len(self._aside_at) <= ASIDE_MOST:
            # the loops below, compiled, and each tight bound worked out there at once: the same
            # sums and bounds, the same candidates in the same order
            holding = [  # (the entries holding a set-aside word's match: those whose texts hold one)
                (weight, [ids for qi in meeting for ids in lookups[qi].holding]) for weight, meeting in self._aside_at
            ]
            # (the discount of an entry met on generic words alone, applied below, only lowers a bound)
            tight_least = least if self._generic_only <= 1.0 else -math.inf
            found, self._gathered = gather(
                [walks[qi] for qi in seeds], len(index.bounds), loose_extra, least_met, min_listed, index.bound_totals,
                index.bound_full_totals, self._a, self._b, query_floor, floor_met_in_full, least, holding, self._extra,
                index.bound_plain_totals, self._may_discount, tight_least,
            )
            self._queue_tight(found)
            return
        gathered = self._gathered  # (``gathered.get`` is called in place: compiled, a bound method is slower)
        for qi in seeds:
            lists = walks[qi]
            if len(lists) == 1 and not gathered:
                # the first seed's one list, built in C: a posting list holds an entry once, and
                # ``value`` equals the ``0.0 + value`` the loop below would store
                gathered = self._gathered = dict.fromkeys(lists[0][0], lists[0][1])
                continue
            if len(lists) == 1:  # the common case: one list to walk, no per-entry maximum to keep
                for walk, value in lists:
                    for entry_id in walk:
                        gathered[entry_id] = gathered.get(entry_id, 0.0) + value
                continue
            per_unit: dict[int, float] = {}  # a query unit counts once per entry, at its best
            for walk, value in lists:
                for entry_id in walk:
                    if per_unit.get(entry_id, 0.0) < value:
                        per_unit[entry_id] = value
            for entry_id, value in per_unit.items():
                gathered[entry_id] = gathered.get(entry_id, 0.0) + value
        bounds = index.bounds
        for entry_id, value in gathered.items():
            matched = value + loose_extra
            if matched < least_met:
                continue  # (tested first: it needs none of the entry's figures)
            entry = bounds[entry_id]
            total = entry.total
            if matched < min_listed * total:
                continue  # too little of the listed name met: _bound's first test, without the call
            bound = self._bound(matched, total, entry.full_total)
            if bound >= least:
                queue.append((-bound, -matched, False, entry_id))
        _heapify(queue)

    def _search_compiled(self, need: float) -> bool:
        """``_search`` compiled (``_gather.c``: the same figures in the same order of operations, then
        the gathering step); False for a query it leaves to the Python loops (longer than it takes)."""
        search = compiled_search
        assert search is not None
        query, index = self.query, self.index
        params = index.weights.name
        least = self._least
        raw = search(
            query.lookups, query.units, query.normalized.tokens, index.unit_weight, query.token_weights(index),
            index.generic_places, after_iberian_particle(query.normalized), query.middle_names(),
            params.generic_word_weight, params.unmatched_generic_factor, params.optional_word_factor, need, self._a, self._b,
            least, self._min_listed, QUERY_SIDE_MARGIN, least if self._generic_only <= 1.0 else -math.inf, len(index.bounds),
            index.bound_totals, index.bound_full_totals, index.bound_plain_totals,
        )
        if raw is NotImplemented:
            return False
        if raw is None:
            return True  # no entry can be met
        result: Searched = raw
        found, self._gathered, self._extra, self._aside_at, self._query_floor, self._floor_met_in_full, self._may_discount = result
        self._queue_tight(found)
        return True

    def _queue_tight(self, found: list[tuple[float, float, bool, int]]) -> None:
        """The entries the compiled step kept, each with its tight bound discounted as the scorer
        discounts an entry met on generic words alone, queued where that still reaches the threshold."""
        queue, least = self._queue, self._least
        for item in found:
            bound = self._discounted(-item[0], item[3])
            if bound >= least:
                queue.append((-bound, item[1], True, item[3]))
        _heapify(queue)

    def _bound(self, matched: float, total: float, full: float) -> float:
        """The most the name score can be when ``matched`` of a listed name's weight is met:
        ``total``, its weight with the words it may leave out (optional) discounted, bounds the
        listed side's coverage; ``full``, its whole weight, what the query side may meet of it."""
        if not total or matched < self._min_listed * total:
            return 0.0
        listed = matched / total if matched < total else 1.0
        met = matched if matched < full else full
        # (the floor of a listed name met in full, whatever ``matched``: the scorer counts a name
        # met in full when every listed word is paired, by typos too, "IBRAHIM, 'Ali" / "AL-IBRAHIMI
        # Jamal Muhammad Ali", whose middle names then cost little: 0.86 scored, bounded at 0.71)
        query_floor = self._floor_met_in_full
        return math.pow(listed, self._a) * math.pow(met / max(met, query_floor), self._b)

    def tight_bound(self, entry_id: int) -> tuple[float, float]:
        """The bound that counts a set-aside word only where the entry could match it, counts its
        generic words in full where a query word but a place meets nothing in the list (as the
        scorer does), and discounts an entry met on generic words alone; with the weight it counts
        as met. (Of an entry the search gathered: compiled, the entries it kept.)"""
        entry = self.index.bounds[entry_id]
        matched = self._tight_matched(entry_id, entry)
        bound = self._bound(matched, entry.total if self._may_discount else entry.plain_total, entry.full_total)
        return self._discounted(bound, entry_id), matched

    def _discounted(self, bound: float, entry_id: int) -> float:
        """The bound of an entry met on generic words alone (none of its distinctive texts met)
        discounted as the scorer discounts it."""
        distinctive = self.index.bounds[entry_id].distinctive
        if distinctive is None or bound <= 0.0:
            return bound
        if not self._met_made:
            # (the look-ups' fields read once: compiled, a named tuple's field is read through the interpreter)
            lookups = self.query.lookups
            # (the scorer takes the acronym of a run of three words or more as distinctive)
            self._met = None if any(lookup.acronym for lookup in lookups) else [lookup.found for lookup in lookups if lookup.found]
            self._met_made = True
        met = self._met
        if met is None:
            return bound
        for text in distinctive:  # (an entry's few distinctive texts looked for in what each unit meets)
            for found in met:
                if text in found:
                    return bound
        return bound * self._generic_only

    def _aside_words(self) -> list[tuple[float, frozenset[str]]]:
        """(share, listed texts it meets) of each word set aside, made when first asked."""
        if self._aside is None:
            lookups = self.query.lookups
            self._aside = [
                (weight, frozenset([text for qi in meeting for text in lookups[qi].found])) for weight, meeting in self._aside_at
            ]
        return self._aside

    def _tight_matched(self, entry_id: int, entry: EntryBound) -> float:
        """The weight of the query the entry may meet, counting a set-aside word only where the entry could match it."""
        matched = self._gathered[entry_id] + self._extra
        aside = self._aside_words()
        if aside:
            texts = entry.texts
            for weight, wanted in aside:
                if not wanted.isdisjoint(texts):  # walks the smaller set: often the entry's few texts
                    matched += weight
        return matched

    def take(self) -> int:
        """The next candidate's entry id, with its bound in ``bound``; -1 when none is left. (What
        ``__iter__`` yields, one at a time: compiled, a generator is resumed through the interpreter.)"""
        queue, least = self._queue, self._least
        while queue:
            negative, _met, tight, entry_id = _heappop(queue)
            if tight:
                self.bound = -negative
                return entry_id
            bound, matched = self.tight_bound(entry_id)
            if bound >= least:
                _heappush(queue, (-bound, -matched, True, entry_id))
        return -1

    def __iter__(self) -> Iterator[tuple[float, int]]:
        while True:
            entry_id = self.take()
            if entry_id < 0:
                return
            yield self.bound, entry_id
