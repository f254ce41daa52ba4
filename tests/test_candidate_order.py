"""Candidates are scored best bound first, and among equal bounds the one meeting more of the query
first: a listed name typed exactly is never crowded out by short names sharing its heaviest word
(a place such as "Beijing": in a short listed name it alone reaches the highest bound)."""

from __future__ import annotations

import pytest

from entitylist.screening import ListIndex, Match
from entitylist.state import PartyState
from tests import golden_batch


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
