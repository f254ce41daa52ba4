"""Evidence besides the name: date of birth, nationality, identifiers, where both sides have it."""

from __future__ import annotations

import datetime as dt

import pytest

from entitylist.errors import InvalidInput
from entitylist.matching.evidence import birth_dates_agree, identifier_tokens, listed_birth_dates, parse_birth_date
from entitylist.model import Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState


@pytest.fixture(scope="module")
def index() -> ListIndex:
    parties = [
        Party(id="p1", name="HADDAD, Karim", type="individual", birth_dates=("1960-01-12",), nationalities=("Syria",),
              identifiers=("Passport N-0123456 (Syria)",)),
        Party(id="p2", name="HADDAD, Omar", type="individual", remarks="DOB 03 Mar 1975; nationality Lebanon"),
        Party(id="p3", name="KHOURY, Samir", type="individual", birth_dates=("circa the sixties",)),
        Party(id="v1", name="OCEAN PRIDE", type="vessel", remarks="IMO 9187629; Vessel Type Crude Oil Tanker"),
    ]
    return ListIndex([PartyState(p, listed=True, listed_since=None) for p in parties])


def features(index: ListIndex, name: str, **kwargs: object) -> dict[str, float]:
    match = index.screen(name, threshold=0.0, limit=1, **kwargs)[0]  # type: ignore[arg-type]
    return {f["feature"]: f["contribution"] for f in match.explanation["features"]}


def test_birth_dates_read_loosely_from_records() -> None:
    dates, malformed = listed_birth_dates(["12 Jan 1960", "circa 1955", "unknown"], "DOB 1961; POB Damascus")
    assert dates.years == {1960, 1955, 1961} and dt.date(1960, 1, 12) in dates.dates and malformed == 1


def test_birth_date_evidence(index: ListIndex) -> None:
    plain = index.screen("Karim Haddad", limit=1)[0].score
    assert "birth_date_matches" in features(index, "Karim Haddad", birth_date="1960-01-12")
    assert "birth_year_matches" in features(index, "Karim Haddad", birth_date="1961")
    assert index.screen("Karim Haddad", limit=1, birth_date="1985")[0].score < plain
    assert "birth_date_matches" in features(index, "Omar Haddad", birth_date="1975-03-03")  # from the remarks
    assert not {"birth_date_matches", "birth_date_differs"} & set(features(index, "Samir Khoury", birth_date="1960"))
    assert index.malformed_birth_dates == 1


def test_nationality_and_identifier_evidence(index: ListIndex) -> None:
    assert "nationality_matches" in features(index, "Karim Haddad", nationality="SY")
    assert "nationality_differs" in features(index, "Karim Haddad", nationality="France")
    assert "identifier_matches" in features(index, "Karim Haddad", identifiers=["N0123456"])
    assert "identifier_matches" in features(index, "Ocean Pride", identifiers=["IMO 9187629"])


def test_bad_query_evidence_is_refused(index: ListIndex) -> None:
    with pytest.raises(InvalidInput, match="date of birth '12/01/1960'"):
        index.screen("Karim Haddad", birth_date="12/01/1960")
    with pytest.raises(InvalidInput):
        parse_birth_date("1960-02-30")


def test_helpers() -> None:
    assert birth_dates_agree(parse_birth_date("1960"), parse_birth_date(None)) is None
    assert identifier_tokens(["Passport A-1234567 (Iran)", "ID 12"]) == {"A1234567"}
