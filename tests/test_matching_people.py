"""People's names: particles, patronymic order, initials, legal forms, spelling equivalents,
given and family name order (issue 12)."""

from __future__ import annotations

import pytest

from entitylist.matching.normalize import normalize_name
from entitylist.screening import ListIndex
from tests.matching_fixtures import PARTIES, make_index, make_states, score_of


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return make_index()


def test_particles_tell_people_apart(index: ListIndex) -> None:
    assert score_of(index, "Pieter van den Berg", "van-den-berg") >= 0.72
    assert score_of(index, "Pieter Berg", "van-den-berg") < 0.72


def test_patronymic_chain_order_matters(index: ListIndex) -> None:
    assert score_of(index, "Ali bin Hassan al-Tikriti", "ali-hassan") >= 0.72
    assert score_of(index, "Hassan bin Ali al-Tikriti", "ali-hassan") < 0.72


def test_initials_are_not_an_acronym_of_a_persons_name(index: ListIndex) -> None:
    assert score_of(index, "K.J. Su", "kim-jong") < 0.72


def test_no_legal_forms_in_a_persons_name() -> None:
    assert normalize_name("Saadi SA", person=True).tokens == ("saadi", "sa")
    assert normalize_name("John Smith II", person=True).tokens[-1] == "2"
    assert normalize_name("John Smith II").tokens[-1] == "2"  # a generation, not a legal form


def test_short_spelling_equivalents(index: ListIndex) -> None:
    assert score_of(index, "Mohd Rafiq Aziz", "mohd") >= 0.9
    assert normalize_name("Abd Karim").tokens == normalize_name("Abdul Karim").tokens
    assert normalize_name("Yoo Jin", person=True).tokens == normalize_name("Yu Jin", person=True).tokens


def test_given_and_family_name_swapped_still_match(index: ListIndex) -> None:
    assert score_of(index, "Rahul Sanjay", "sanjay") >= 0.9
    assert score_of(index, "SANJAY, Rahul", "sanjay") == 1.0


def test_another_given_name_with_the_same_family_name_does_not() -> None:
    # given names common on the list weigh little: the family name alone must not carry a match
    families = [a + b for a in ("Pat", "Shar", "Gup", "Ver", "Red", "Nai", "Jos", "Meh") for b in ("el", "ma", "ta", "dy", "ur")]
    people = [(f"{given}-{family}", f"{family.upper()}, {given}", "individual", ())
              for given in ("Rahul", "Amit", "Ravi") for family in families]
    index = ListIndex(make_states([*PARTIES, *people]))
    assert score_of(index, "Rahul Sanjay", "sanjay") >= 0.9
    assert score_of(index, "Amit Sanjay", "sanjay") < 0.72
    assert score_of(index, "Ravi Sanjay", "sanjay") < 0.72


def test_a_short_name_word_that_looks_like_a_legal_form_is_no_company() -> None:
    index = ListIndex(make_states([*PARTIES, ("ku", "KU, Seung Sub", "individual", ())]))
    match = index.screen("Ku Seung Sub", threshold=0.0, limit=1)[0]
    assert match.party_id == "ku"
    assert "party_kind_conflicts" not in {f["feature"] for f in match.explanation["features"]}
    assert score_of(index, "Ku Seung Sub Ltd", "ku") < 0.72  # a real company form still conflicts
