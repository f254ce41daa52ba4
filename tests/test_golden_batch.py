"""Screening finds the same parties with the same scores as the golden fixture (see
:mod:`tests.golden_batch`, which also says how to regenerate it after a deliberate change)."""

from __future__ import annotations

import pytest

from entitylist.screening import ListIndex
from tests import golden_batch


@pytest.fixture(scope="module")
def list_index() -> ListIndex:
    return golden_batch.index()  # built once for the module


def test_queries_are_the_ones_recorded(list_index: ListIndex) -> None:
    assert [list(q) for q in golden_batch.queries(list_index)] == golden_batch.load()["queries"]


def test_top_three_matches_and_scores_unchanged(list_index: ListIndex) -> None:
    recorded = golden_batch.load()
    asked = [(name, country) for name, country in recorded["queries"]]
    found = golden_batch.screen_all(list_index, asked)
    differ = [(asked[n], want, got) for n, (want, got) in enumerate(zip(recorded["found"], found, strict=True)) if want != got]
    assert not differ, f"{len(differ)} of {len(asked)} queries differ, first: {differ[:5]}"
    # the queries exercise what the fixture is for: matches, and queries with no match
    assert sum(1 for f in found if f[0]) > 1000 and sum(1 for f in found if not f[0]) > 5000
