"""Candidates are scored best bound first, and among equal bounds the one meeting more of the query
first: a listed name typed exactly is never crowded out by short names sharing its heaviest word
(a place such as "Beijing": in a short listed name it alone reaches the highest bound)."""

from __future__ import annotations

import pytest

from entitylist.matching.candidates import CandidateSearch
from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import Evidence, PreparedQuery, score
from entitylist.screening import ListIndex, Match
from entitylist.state import PartyState
from tests import counterparties, golden_batch


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


def test_every_listed_name_typed_exactly_is_found_at_the_top(golden_index: ListIndex) -> None:
    synthetic = [p for p in golden_index.parties if p.party.id.startswith("synthetic-")]
    missed = []
    for state in synthetic:
        for name in state.party.all_names():
            matches = golden_index.screen(name, limit=3, explain=False)
            if not matches or matches[0].score < 1.0 or not _holds(matches, state):
                missed.append(name)
    assert missed == []


def _holds(matches: list[Match], state: PartyState) -> bool:
    """The party is among the matches at 1.0 (several parties may share one name)."""
    return any(m.party_id == state.party.id for m in matches if m.score == 1.0) or all(m.score == 1.0 for m in matches)


def test_an_entry_met_on_generic_words_alone_is_bounded_as_the_scorer_discounts_it() -> None:
    """"Asia Technology Petroleum Company" meets "Asia Zenwell Technology Company" on generic words
    only: the scorer multiplies such a match by ``generic_only_factor``, and the tight bound too,
    which still bounds the score. Met on its distinctive word ("Zenwell") it is not discounted."""
    index = NameIndex([
        (0, "Sichuan Zhongke Technology Company", "name"), (1, "Asia Zenwell Technology Company", "name"),
        (2, "Zhongke Asia Holdings", "name"),
    ])
    factor = index.weights.name.generic_only_factor
    for query, discount in (("Asia Technology Petroleum Company", factor), ("Asia Zenwell Technology Petroleum", 1.0)):
        prepared = PreparedQuery.build(normalize_name(query), index)
        search = CandidateSearch(prepared, index, 0.0, 0.0)
        bound, matched = search.tight_bound(1)
        entry = index.bounds[1]
        total = entry.total if search._may_discount else entry.plain_total
        assert bound == pytest.approx(discount * search._bound(matched, total, entry.full_total)), query
        assert score(prepared, index.entries[1], index, Evidence(), explain=False).score <= bound, query


def test_generic_words_count_in_full_in_the_bound_of_a_query_with_an_unknown_word() -> None:
    """The scorer counts an organisation's generic words left out at ``generic_left_out_factor``
    only for a query whose words are all met (places aside): a query with a word the list never
    met ("Zorvex") gets the tighter bound of the words counted in full, and it still bounds."""
    index = NameIndex([(0, "Beijing Lotus Digital Technology Company", "name"), (1, "Zhongke Asia Holdings", "name")])
    for query, discounted in (("Lotus Europe", True), ("Lotus Zorvex", False)):
        prepared = PreparedQuery.build(normalize_name(query), index)
        search = CandidateSearch(prepared, index, 0.0, 0.0)
        assert search._may_discount is discounted, query
        bound, _matched = search.tight_bound(0)
        assert score(prepared, index.entries[0], index, Evidence(), explain=False).score <= bound, query
    assert index.bounds[0].plain_total > index.bounds[0].total


@pytest.mark.parametrize(("query", "expected"), [
    ("Aksu District PSB", "aksu"),                           # initials of a run of listed words
    ("XPCC Public Security Bureau", "xpcc"),
    ("Huawei Cloud Guang Zhou", "guangzhou"),                # two words meeting one light listed word
    ("Wu Jia Qu Municipal Public Security Bureau", "wujiaqu"),  # three words meeting one listed word
    ("امیر عبد الله", "amir"),                                # three Arabic words meeting a listed pair by their consonants
])
def test_screening_at_the_threshold_finds_what_scoring_every_name_finds(query: str, expected: str) -> None:
    """Candidate search must reach every name the scorer raises above the threshold: the bound
    counts a query word that is the initials of a run of listed words, and words run together
    that meet one listed word weigh what that word weighs."""
    from entitylist.model import Party

    listed = {
        "aksu": "Aksu District Public Security Bureau", "xpcc": "Xinjiang Production and Construction Corps Public Security Bureau",
        "guangzhou": "Huawei Cloud Guangzhou", "guiyang": "Huawei Cloud Guiyang", "kuang": "Kuang Shi Technology",
        "wujiaqu": "Wujiaqu Municipal Public Security Bureau", "urumqi": "Urumqi Municipal Public Security Bureau",
        "lotus": "Lotus Textiles", "amir": "AMIR ABDULLAH", "illah": "Abd El Illah", "allah": "Abd Allah Hassan",
    }
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    everything = index.screen(query, threshold=0.0, limit=len(listed), explain=False)
    assert everything[0].party_id == expected and everything[0].score >= 0.72
    for limit in (1, 3):
        found = index.screen(query, limit=limit, explain=False)
        assert found and found[0].party_id == expected and found[0].score == everything[0].score, (query, limit, found)


def test_a_requests_weights_that_make_another_feature_positive_reach_what_they_lift() -> None:
    """A request may make a feature the query's bonus does not count positive (the yente-style
    ``weights``: "only_common_words_shared" at +0.6). Candidate search then allows for what it
    adds, as settling does: every party that scoring every candidate finds at the threshold is
    found there (before, candidate search turned away most of them, bounded by the bonus alone)."""
    parties = counterparties.synthetic_list(400, seed=3)
    index = ListIndex(parties)
    lifted = index.index.weights.overridden({"only_common_words_shared": 0.6})
    threshold = lifted.match_threshold
    lifted_pairs = 0
    for query in counterparties.realistic_names(parties, 300, seed=4, listed_share=0.1):
        every = index.screen(query, threshold=0.0, limit=1, explain=False, weights=lifted)
        if not every or every[0].score < threshold:
            continue
        at_threshold = index.screen(query, limit=1, explain=False, weights=lifted)
        assert at_threshold and at_threshold[0].score >= every[0].score - 1e-12, (query, every[0], at_threshold)
        lifted_pairs += index.screen(query, limit=1, explain=False) != at_threshold
    assert lifted_pairs > 50  # (the weights lift many pairs: the case is met)
