"""False alarms on ordinary company names: the classes of issue 12."""

from __future__ import annotations

import pytest

from entitylist.errors import InvalidInput
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_index, score_of, top


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return make_index()


@pytest.mark.parametrize(
    "query",
    [
        "Harbor Logistics GmbH",  # a one-word vessel name inside a company name
        "Rainbow Machinery A.S.",
        "Lotus Mining",  # one shared common word, the other (generic) words differ
        "Falcon Systems Dental Ltd",  # a listed name of common words inside a longer one
        "Garden Steel LLP",  # a correctly spelled common word is not a typo of "GARDENIA"
        "Katek Steel FZE",  # a short look-alike of "KADEK" and a business word
    ],
)
def test_ordinary_company_names_do_not_hit(index: ListIndex, query: str) -> None:
    assert top(index, query) is None, index.screen(query, threshold=0.0, limit=1)


@pytest.mark.parametrize(
    ("query", "party"),
    [("HARBOR", "harbor"), ("Lotus Textiles Ltd", "lotus"), ("Falcon Systems", "falcon"), ("Hikvision Trading", "hikvision"),
     ("Hikvisoin Digital Technology", "hikvision"), ("KADEK", "kadek")],
)
def test_listed_names_still_hit(index: ListIndex, query: str, party: str) -> None:
    found = top(index, query)
    assert found is not None and found[0] == party


def test_party_kind_must_agree(index: ListIndex) -> None:
    plain = score_of(index, "Rahul Sanjay", "sanjay")
    assert plain >= 0.72
    assert score_of(index, "Rahul Sanjay Ltd", "sanjay") < 0.72  # a company legal form against a listed person
    assert score_of(index, "Rahul Sanjay", "sanjay", query_type="vessel") < 0.72
    assert score_of(index, "Rahul Sanjay", "sanjay", query_type="person") == plain


def test_unknown_query_type_is_refused(index: ListIndex) -> None:
    with pytest.raises(InvalidInput, match="type 'spaceship'"):
        index.screen("Rahul Sanjay", query_type="spaceship")
