"""A second look for a name like a person's that met nothing: candidate search counts only the
words the index pairs, the scorer compares more, and an entry met on one rare word can score
above the threshold while its bound stays under it ("ACHWAN, Muhammad" / "ACHWAN, Mochammad":
"Muhammad" is a word the list uses often, whose rarer spellings the index does not look up;
"DORDEVIC" / "DJORDJEVIC", two letters added). The entries holding the name's rare words are
scored where a word each side's look-ups left unmet is spelt alike."""

from __future__ import annotations

import pytest

from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import PreparedQuery, compare
from entitylist.model import Party
from entitylist.screening import ListIndex, _unmet_words_alike
from entitylist.state import PartyState

FAMILIES = ["HASSAN", "KARIMI", "AHMADI", "RAHMAN", "SALEH", "NASSER", "HADDAD", "AZIZ", "YUSUF", "OMAR"]


def _screening() -> ListIndex:
    """A list where "Muhammad" is common (many listed people bear it) and a few names rare."""
    names = [f"{family}, Muhammad {given}" for family in FAMILIES for given in ("Ali", "Reza", "Said")]
    names += ["ACHWAN, Mochammad", "DJORDJEVIC, Vlastimir", "MARZUKI, Zulkifli", "KARIMI, Mohsen Saeed", "PETROVIC, Dragan"]
    return ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type="individual"), listed=True, listed_since=None)
        for i, name in enumerate(names)
    ])


@pytest.fixture(scope="module")
def screening() -> ListIndex:
    return _screening()


@pytest.mark.parametrize(("query", "expected"), [
    ("ACHWAN, Muhammad", "ACHWAN, Mochammad"),       # a common word's rarer spelling
    ("Muhammad Achwan", "ACHWAN, Mochammad"),
    ("DORDEVIC, Vlastimir", "DJORDJEVIC, Vlastimir"),  # two letters added
    ("MARZUKI, Zulkepli", "MARZUKI, Zulkifli"),       # two letters other
])
def test_a_name_the_score_raises_is_found_by_a_second_look(screening: ListIndex, query: str, expected: str) -> None:
    threshold = screening.index.weights.match_threshold
    assert compare(screening.index, query, expected, listed_kind="person").score >= threshold
    found = screening.screen(query, limit=1)
    assert found and found[0].party_name == expected, query


@pytest.mark.parametrize("query", ["Omid Karimi", "Dragan Novak", "Achwan Trading LLC"])
def test_a_second_look_raises_nothing_the_score_does_not(screening: ListIndex, query: str) -> None:
    """A rare word shared, the other words apart: nothing found (and a company's name, with its
    legal form, gets no second look at all)."""
    assert screening.screen(query, limit=3) == []


def test_the_unmet_words_must_be_spelt_alike(screening: ListIndex) -> None:
    index = screening.index
    by_name = {entry.name: entry for entry in index.entries}
    achwan = PreparedQuery.build(normalize_name("Muhammad Achwan"), index)
    assert _unmet_words_alike(achwan, by_name["ACHWAN, Mochammad"])  # "muhammad" / "mochammad"
    other = PreparedQuery.build(normalize_name("Omid Karimi"), index)
    assert not _unmet_words_alike(other, by_name["KARIMI, Mohsen Saeed"])  # "omid" is no "mohsen" nor "saeed"
