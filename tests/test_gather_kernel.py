"""Candidate search's gathering step compiled from C (``matching/_gather.c``) gives what its
pure-Python loops give: the same candidates, bounds and sums, in the same order, for every query;
and it refuses what is not its input without leaving its scratch arrays dirty."""

from __future__ import annotations

import random
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
compiled_search = candidates.compiled_search


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


Searched = tuple[list[tuple[float, int]], dict[int, float], tuple[object, ...]]


def _searched(index: ListIndex, name: str, cutoff: float) -> Searched:
    """The candidates, their sums and (where any came) the figures ``tight_bound`` reads."""
    search = CandidateSearch(PreparedQuery.build(normalize_name(name), index.index), index.index, cutoff, 0.05)
    found = list(search)
    figures = (
        search._extra, search._query_floor, search._floor_met_in_full, search._may_discount, search._aside_at,
        [search.tight_bound(entry_id) for _bound, entry_id in found],
    ) if found else ()
    return found, {entry_id: search._gathered[entry_id] for _bound, entry_id in found}, figures


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled gathering step")
def test_compiled_and_python_gathering_find_the_same_candidates(
    golden_index: ListIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = realistic_names(golden_index.parties, 3000, seed=5, listed_share=0.3, people_share=0.2)
    names += ["Muhammad Ali", "Golden Star Trading LLC", "Huawei Technologies", "a", "Bank", "Sharif 12"]
    names.append(" ".join(["Golden Trading Bank"] * 24))  # (72 words: more than the compiled search takes)
    threshold = golden_index.index.weights.match_threshold
    all_ways = []
    for cutoff in (threshold, 0.5, 0.0):  # (at 0 every entry met is a candidate)
        native = [_searched(golden_index, name, cutoff) for name in names]
        with monkeypatch.context() as patched:
            patched.setattr(candidates, "compiled_search", None)  # (the figures in Python, the gathering compiled)
            gathered = [_searched(golden_index, name, cutoff) for name in names]
        with monkeypatch.context() as patched:
            patched.setattr(candidates, "compiled_gather", None)
            python = [_searched(golden_index, name, cutoff) for name in names]
            # (the Python loops ran: they keep the sum of every entry met, not only the candidates')
            inner = golden_index.index
            walked = CandidateSearch(PreparedQuery.build(normalize_name("Golden Trading"), inner), inner, 0.9, 0.0)
            assert len(walked._gathered) > len(list(walked))
        all_ways.append((native, gathered, python))
    for native, gathered, python in all_ways:
        # the same bounds (floats compared exactly), ids, order, sums and figures
        assert native == python
        assert gathered == python
    assert sum(len(found) for found, _sums, _figures in all_ways[2][0]) > 10 * len(names)  # (the low cutoffs met plenty)
    assert sum(1 for _found, _sums, figures in all_ways[0][0] if figures and figures[4]) > 100  # (words set aside)


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


@pytest.mark.skipif(compiled_search is None, reason="installed as pure Python: no compiled search")
def test_the_compiled_search_refuses_what_is_not_its_input(golden_index: ListIndex) -> None:
    assert compiled_search is not None
    inner = golden_index.index
    query = PreparedQuery.build(normalize_name("Golden Star Trading LLC"), inner)
    weights = query.token_weights(inner)

    def search(**changed: object) -> object:
        given: dict[str, object] = dict(
            lookups=query.lookups, units=query.units, tokens=query.normalized.tokens, listed=inner.unit_weight,
            weights=weights, places=inner.generic_places,
        )
        given.update(changed)
        return compiled_search(
            given["lookups"], given["units"], given["tokens"], given["listed"], given["weights"], given["places"], (), (),
            0.2, 0.5, 0.5, 0.6, 1.0, 1.0, 0.6, 0.5, 1e-9, 0.6, len(inner.bounds), inner.bound_totals,
            inner.bound_full_totals, inner.bound_plain_totals,
        )

    assert isinstance(search(), tuple)
    with pytest.raises(ValueError, match="a look-up per unit"):
        search(units=query.units[:-1])
    with pytest.raises(ValueError, match="a weight per word"):
        search(weights=weights[:-1])
    with pytest.raises(TypeError):
        search(lookups=tuple(query.lookups))  # not a list
    with pytest.raises(TypeError, match="a UnitLookup"):
        search(lookups=[(1, 2)] * len(query.lookups))
    with pytest.raises(AttributeError):
        search(units=tuple(object() for _unit in query.units))

    class Listed:  # positions in a list, not a tuple
        positions = [0]

    with pytest.raises(TypeError, match="positions"):
        search(units=tuple(Listed() for _unit in query.units))
    long = ("word",) * 70
    assert search(tokens=long, weights=(1.0,) * 70) is NotImplemented  # (searched in Python)


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled gathering step")
def test_the_bounds_of_a_share_raised_to_its_power_hold_and_are_close() -> None:
    """The gathering step tells most entries' bounds from the threshold with bounds of x**y made
    without pow() (tangents above, chords below): they must hold for every share and exponent,
    or an entry would be kept or dropped wrongly; and be close, or nothing would be told."""
    from entitylist.matching import _gather

    rng = random.Random(3)
    widest = 1.0
    for _case in range(100_000):
        y = rng.choice([0.45, 0.55, 1.0, rng.uniform(1e-3, 1.0)])
        x = rng.choice([rng.random(), 10 ** -rng.uniform(0, 12), 1 - rng.random() * 1e-9, 2.0 ** -rng.randint(1, 40)])
        if x <= 0.0:
            continue
        below, above = _gather.pow_bounds(x, y)
        assert below <= x**y <= above, (x, y)
        if x >= 2.0**-24:
            widest = max(widest, above / x**y, x**y / below)
    assert widest < 1.001
    assert _gather.pow_bounds(1.0, 0.45) == (1.0, 1.0)
    for x, y in ((0.0, 0.5), (1.5, 0.5), (0.5, 0.0), (0.5, 1.5), (float("nan"), 0.5)):
        with pytest.raises(ValueError):
            _gather.pow_bounds(x, y)
