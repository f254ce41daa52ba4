"""Pairs a screen drops whatever their features add are settled early: candidates of a kind the
query surely is not ("Golden Star Trading LLC" against a listed person) where that conflict alone
keeps them below the threshold are not scored, and a pair whose name score leaves it below the
threshold has no features worked out. The screen's results are those of scoring every pair in
full, and only pairs that cannot reach the threshold are settled so."""

from __future__ import annotations

import pytest

from entitylist.matching import kinds
from entitylist.matching.candidates import CandidateSearch
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import PreparedQuery, score
from entitylist.model import Address, Party
from entitylist.reference import vocabulary
from entitylist.screening import NOTHING_ASKED, ListIndex, _kinds_out_of_reach, beyond_bonus
from entitylist.state import PartyState
from tests import golden_batch
from tests.matching_fixtures import PARTIES, make_states


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


def _out_of_reach(
    index: ListIndex, name: str, *, country: str | None = None, threshold: float = 0.72, query_type: str | None = None,
) -> tuple[str, ...]:
    query = PreparedQuery.build(normalize_name(name), index.index)
    weights = index.index.weights
    settled_below = threshold - index._bonus(query, country, None, NOTHING_ASKED) - beyond_bonus(weights)
    return _kinds_out_of_reach(query, kinds.parse_kind(query_type), threshold, settled_below, weights)


def test_only_a_sure_conflict_that_keeps_every_pair_below_the_threshold_holds_candidates_back() -> None:
    index = ListIndex(make_states())
    assert set(_out_of_reach(index, "Golden Star Trading LLC")) == {kinds.PERSON, kinds.VESSEL}
    assert set(_out_of_reach(index, "Golden Star", query_type="person")) == {kinds.ORGANIZATION, kinds.VESSEL}
    assert _out_of_reach(index, "Golden Star") == ()  # (no legal form, no type: a word left over may decide)
    # a country the party may share, or a lower threshold: a person's name met in full may still reach it
    assert _out_of_reach(index, "Golden Star Trading LLC", country="Iran") == ()
    assert _out_of_reach(index, "Golden Star Trading LLC", threshold=0.7) == ()
    # a request's weights: a milder penalty, or a feature the bonus does not count made positive
    milder = index.index.weights.overridden({"party_kind_conflicts": -0.2})
    loose = index.index.weights.overridden({"number_differs": 0.1})
    query = PreparedQuery.build(normalize_name("Golden Star Trading LLC"), index.index)
    bonus = index._bonus(query, None, None, NOTHING_ASKED)
    for weights in (milder, loose):
        assert _kinds_out_of_reach(query, kinds.UNKNOWN, 0.72, 0.72 - bonus - beyond_bonus(weights), weights) == ()


def test_a_person_named_with_a_legal_form_is_still_found_where_the_evidence_lifts_the_pair() -> None:
    """Held back without the country's bonus counted, this pair (1.0 + exact name + country, less
    the conflict) would be lost."""
    person = PartyState(
        Party(id="zhou", name="ZHOUSTEIN, Arkadiusz", type="individual", addresses=(Address(country="PL"),)),
        listed=True, listed_since=None,
    )
    index = ListIndex([*make_states([*PARTIES]), person])
    found = index.screen("Arkadiusz Zhoustein LLC", country="Poland", limit=1)
    assert [m.party_id for m in found] == ["zhou"]
    assert "party_kind_conflicts" in {f["feature"] for f in found[0].explanation["features"]}
    assert index.screen("Arkadiusz Zhoustein LLC", limit=1) == []


def test_no_candidate_held_back_could_have_reached_the_threshold(golden_index: ListIndex) -> None:
    """Every candidate of a kind held back, scored as the screen would, stays below the threshold,
    for listed people's names with legal forms and listed names with another type given, at
    several thresholds (a country, whose bonus may lift a pair, is the test above)."""
    index = golden_index
    people = [s.party.name for s in index.parties if s.party.type == "individual"][:150]
    firms = [s.party.name for s in index.parties if s.party.type != "individual"][:150]
    queries = [
        *((f"{name} LLC", None) for name in people), *((f"{name} Trading Co., Ltd.", None) for name in people[:50]),
        *((name, "person") for name in firms), *((name, "organization") for name in people),
    ]
    held_back = 0
    for threshold in (0.72, 0.8, 0.95):
        for name, query_type in queries:
            query = PreparedQuery.build(normalize_name(name, query_type == "person"), index.index)
            given = kinds.parse_kind(query_type)
            bonus = index._bonus(query, None, None, NOTHING_ASKED)
            weights = index.index.weights
            out = _kinds_out_of_reach(query, given, threshold, threshold - bonus - beyond_bonus(weights), weights)
            for _bound, entry_id in CandidateSearch(query, index.index, threshold, bonus):
                entry = index.index.entries[entry_id]
                if index._kinds[entry.record] not in out:
                    continue
                held_back += 1
                evidence = index._evidence(entry.record, None, frozenset(), given, NOTHING_ASKED)
                scored = score(query, entry, index.index, evidence, explain=False, order_unmatched=False)
                assert scored.score < threshold, (name, entry.name)
                assert scored.name_score <= 1.0
    assert held_back > 100  # (the rule is at work here)


def test_a_pair_settled_on_its_name_score_could_not_have_reached_the_threshold(golden_index: ListIndex) -> None:
    """Scored with and without ``settled_below``, every candidate of realistic names, listed
    names' variants and people's names gets the same score, or, settled, its name score, under
    ``settled_below``, where its full score is under the threshold; with a country given too,
    whose feature may lift a pair or count against it."""
    index = golden_index
    asked = golden_batch.queries(index)[:1500]
    settled = kept = 0
    for threshold in (0.72, 0.6, 0.9):
        for name, country in asked:
            query = PreparedQuery.build(normalize_name(name), index.index)
            bonus = index._bonus(query, country, None, NOTHING_ASKED)
            below = threshold - bonus - beyond_bonus(index.index.weights)
            code = vocabulary().country_code(country) if country else None
            for _bound, entry_id in CandidateSearch(query, index.index, threshold, bonus):
                entry = index.index.entries[entry_id]
                evidence = index._evidence(entry.record, code, frozenset(), kinds.UNKNOWN, NOTHING_ASKED)
                whole = score(query, entry, index.index, evidence, explain=False, order_unmatched=False)
                fast = score(query, entry, index.index, evidence, explain=False, order_unmatched=False, settled_below=below)
                if fast.score == whole.score:
                    kept += 1
                    continue
                settled += 1
                assert fast.score == fast.name_score == whole.name_score < below, (name, entry.name)
                assert whole.score < threshold, (name, entry.name)
    assert settled > 1000 and kept > 100
