"""Ties: only identical normalised names score 1.0; every other pair ranks strictly below."""

from __future__ import annotations

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.score import compare


@pytest.fixture(scope="module")
def index() -> NameIndex:
    names = ["Hikvision Digital Technology", "Megvii Technology Limited", "Ali Hassan", "Dahua Technology Co., Ltd."]
    return NameIndex((i, n, "name") for i, n in enumerate(names))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Digital Hikvision Technology", "Hikvision Digital Technology"),  # same words, another order
        ("Hassan Ali", "Ali Hassan"),  # given and family name swapped: a match, but not the same name
        ("Megvii Technology", "Megvii Technology Limited"),  # legal form left out
        ("Dahua Technology AG", "Dahua Technology Co., Ltd."),  # another kind of legal form
        ("Hikvision Digital Technology Trading", "Hikvision Digital Technology"),
    ],
)
def test_different_normalised_names_score_below_one(index: NameIndex, query: str, listed: str) -> None:
    value = compare(index, query, listed).score
    assert 0.72 < value < 1.0


def test_identical_normalised_names_score_one(index: NameIndex) -> None:
    assert compare(index, "HIKVISION digital-technology", "Hikvision Digital Technology").score == 1.0
    assert compare(index, "DAHUA TECHNOLOGY CO LTD", "Dahua Technology Co., Ltd.").score == 1.0


def test_variants_keep_their_order_instead_of_tying_at_a_cap(index: NameIndex) -> None:
    reordered = compare(index, "Digital Hikvision Technology", "Hikvision Digital Technology").score
    with_word = compare(index, "Hikvision Digital Technology Trading", "Hikvision Digital Technology").score
    assert reordered != with_word
    from entitylist.matching.score import below_identical

    values = [below_identical(x / 100) for x in range(85, 120)]
    assert all(a < b for a, b in zip(values, values[1:])) and values[-1] < 1.0


def test_parties_of_one_score_are_ranked_by_how_alike_their_names_are_spelt() -> None:
    """A consonant skeleton met in full scores alike for every name that has it: the party shown
    first (and written by a batch) is the one whose name is spelt nearest the query, whatever
    order the list holds them in."""
    from entitylist.screening import ListIndex
    from tests.matching_fixtures import make_states

    for rows in (
        [("kang", "KANG MUN KIL", "individual", ("Jian Wenji",)), ("janan", "JANAN AGHA", "individual", ())],
        [("janan", "JANAN AGHA", "individual", ()), ("kang", "KANG MUN KIL", "individual", ("Jian Wenji",))],
    ):
        found = ListIndex(make_states(rows)).screen("جانان آغا", explain=False)
        assert [m.party_id for m in found] == ["janan", "kang"], rows
        assert found[0].score == found[1].score


def test_a_query_in_an_abjad_script_is_compared_with_each_name_as_that_script_spells_it() -> None:
    """Long vowels are letters in an abjad script and short ones are not: "محمد احمدی" ("mhmd
    hmdy") is "Muhammad Ahmadi" ("mhmd hmdy"), not "Mahmoud Hamid" ("mhmwd hmd", the waw of its
    "ou" unwritten), though both skeletons meet it in full. Compared letter for letter with the
    Latin names, the query put Mahmoud Hamid first (the UN list's original-script names: 352 of
    378 at top-1 so, 351 before)."""
    from entitylist.screening import ListIndex, abjad_spelling
    from tests.matching_fixtures import make_states

    assert abjad_spelling("mahmoud hamid") == "mhmwd hmd" and abjad_spelling("muhammad ahmadi") == "mhmd hmdy"
    for rows in (
        [("hamid", "MAHMOUD HAMID", "individual", ()), ("ahmadi", "MUHAMMAD AHMADI", "individual", ())],
        [("ahmadi", "MUHAMMAD AHMADI", "individual", ()), ("hamid", "MAHMOUD HAMID", "individual", ())],
    ):
        found = ListIndex(make_states(rows)).screen("محمد احمدی", explain=False)
        assert [m.party_id for m in found][:1] == ["ahmadi"], [(m.party_id, m.score) for m in found]
