"""Candidate search's gathering step compiled from C (``matching/_gather.c``) gives what its
pure-Python loops give: the same candidates, bounds and sums, in the same order, for every query;
and it refuses what is not its input without leaving its scratch arrays dirty."""

from __future__ import annotations

from array import array

import pytest

from entitylist.matching import candidates
from entitylist.matching.candidates import CandidateSearch
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import PreparedQuery
from entitylist.screening import ListIndex
from tests import golden_batch
from tests.counterparties import realistic_names

compiled = candidates.compiled_gather


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


def _searched(index: ListIndex, name: str, cutoff: float) -> tuple[list[tuple[float, int]], dict[int, float]]:
    search = CandidateSearch(PreparedQuery.build(normalize_name(name), index.index), index.index, cutoff, 0.05)
    found = list(search)
    return found, {entry_id: search._gathered[entry_id] for _bound, entry_id in found}


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled gathering step")
def test_compiled_and_python_gathering_find_the_same_candidates(
    golden_index: ListIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = realistic_names(golden_index.parties, 3000, seed=5, listed_share=0.3, people_share=0.2)
    names += ["Muhammad Ali", "Golden Star Trading LLC", "Huawei Technologies", "a", "Bank", "Sharif 12"]
    threshold = golden_index.index.weights.match_threshold
    both = []
    for cutoff in (threshold, 0.5, 0.0):  # (at 0 every entry met is a candidate)
        native = [_searched(golden_index, name, cutoff) for name in names]
        with monkeypatch.context() as patched:
            patched.setattr(candidates, "compiled_gather", None)
            python = [_searched(golden_index, name, cutoff) for name in names]
            # (the Python loops ran: they keep the sum of every entry met, not only the candidates')
            inner = golden_index.index
            walked = CandidateSearch(PreparedQuery.build(normalize_name("Golden Trading"), inner), inner, 0.9, 0.0)
            assert len(walked._gathered) > len(list(walked))
        both.append((native, python))
    for native, python in both:
        assert native == python  # the same bounds (floats compared exactly), ids, order and sums
    assert sum(len(found) for found, _sums in both[2][0]) > 10 * len(names)  # (the low cutoffs met plenty)


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled gathering step")
def test_the_compiled_step_refuses_what_is_not_its_input() -> None:
    assert compiled is not None
    totals, full = array("d", [1.0, 1.0, 1.0]), array("d", [1.0, 1.0, 1.0])
    good = [((array("i", [0, 2]), 0.5),), ((array("i", [2]), 0.5), (array("i", [1, 2]), 0.25))]
    expected = compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1)
    assert sorted(expected[1].items()) == [(0, 0.5), (1, 0.25), (2, 1.0)]  # (a unit counts once an entry, at its best)
    with pytest.raises(IndexError):
        compiled([((array("i", [0, 7]), 0.5),)], 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1)
    with pytest.raises(TypeError):
        compiled([((array("l", [0]), 0.5),)], 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1)
    with pytest.raises(TypeError):
        compiled([((array("i", [0]), 0.5),)], 3, 0.0, 0.0, 0.0, array("d", [1.0]), full, 1.0, 1.0, 0.5, 0.5, 0.1)
    with pytest.raises(TypeError):
        compiled([(([0], 0.5),)], 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1)
    # the tight bounds: a set-aside word counts for the entries holding one of its matches only
    aside = [(0.5, [array("i", [1])])]
    queue, sums = compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1, aside, 0.0, totals, True, 0.1)
    assert sorted((entry_id, -matched, tight) for _bound, matched, tight, entry_id in queue) == [
        (0, 0.5, True), (1, 0.75, True), (2, 1.0, True)
    ] and sorted(sums.items()) == [(0, 0.5), (1, 0.25), (2, 1.0)]
    for refused in (
        [(0.5, [array("i", [5])])],  # an id beyond the entries
        [(0.5, [array("l", [1])])],  # not an array('i')
        [(0.5, array("i", [1]), 0.1)],  # not (weight, arrays)
        [(0.5, [array("i", [1])])] * 65,  # more set-aside words than the step takes
    ):
        with pytest.raises((IndexError, TypeError, ValueError)):
            compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1, refused, 0.0, totals, True, 0.1)
    with pytest.raises(TypeError):  # the tight bound without its plain totals
        compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1, aside)
    # nothing of the refused calls is left behind in the scratch arrays
    assert compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1) == expected
    assert compiled(good, 3, 0.0, 0.0, 0.0, totals, full, 1.0, 1.0, 0.5, 0.5, 0.1, [], 0.0, totals, True, 0.1)[1] == sums
