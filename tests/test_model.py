"""The domain model validates what it is given."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from entitylist.errors import InvalidInput
from entitylist.ids import party_id, unique_id
from entitylist.model import ActionKind, Address, Alias, AliasKind, Changes, ListingAction, Party, Rule
from entitylist.reference import vocabulary


def test_party_normalises_country_names_and_types() -> None:
    party = Party(id="cn-x", name="X Co.", country="China", type="Government", aliases=(Alias(name="Y"),))
    assert party.country == "CN"
    assert party.type == "government_agency"
    assert party.aliases[0].kind is AliasKind.AKA
    assert party.all_names() == ["X Co.", "Y"]


@pytest.mark.parametrize("country", ["Atlantis", "ZZ", ""])
def test_unknown_country_is_rejected(country: str) -> None:
    with pytest.raises((ValidationError, InvalidInput)):
        Party(id="x", name="X", country=country)


def test_unknown_party_type_and_empty_name_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Party(id="x", name="X", type="spaceship")
    with pytest.raises(ValidationError):
        Party(id="x", name="   ")


def test_address_country_and_one_line() -> None:
    address = Address(street="1 Road", city="Hangzhou", country="cn")
    assert address.country == "CN"
    assert address.one_line() == "1 Road, Hangzhou, CN"


def test_add_action_requires_matching_party() -> None:
    party = Party(id="cn-x", name="X")
    with pytest.raises(ValidationError):
        ListingAction(kind=ActionKind.ADD, party_id="cn-x", effective_date=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        ListingAction(kind=ActionKind.ADD, party_id="cn-y", effective_date=dt.date(2020, 1, 1), party=party)
    with pytest.raises(ValidationError):
        ListingAction(
            kind=ActionKind.REMOVE, party_id="cn-x", effective_date=dt.date(2020, 1, 1), changes=Changes(name="Z")
        )


def test_changes_emptiness() -> None:
    assert Changes(description="three aliases added").is_empty()
    assert not Changes(license_review_policy="Presumption of denial").is_empty()


def test_rule_label_falls_back_to_document_then_date() -> None:
    assert Rule(id="a", citation="84 FR 54002", effective_date=dt.date(2019, 10, 9)).label() == "84 FR 54002"
    assert Rule(id="b", fr_doc="2025-19001", effective_date=dt.date(2025, 9, 29)).label() == "FR Doc 2025-19001"
    assert Rule(id="c", effective_date=dt.date(2021, 12, 17)).label() == "rule of 2021-12-17"


def test_party_ids_are_readable_and_drop_legal_forms() -> None:
    assert party_id("Hangzhou Hikvision Digital Technology Co., Ltd.", "CN") == "cn-hangzhou-hikvision-digital-technology"
    assert party_id("Huawei Cloud Hong Kong", "HK") == "hk-huawei-cloud-hong-kong"
    assert party_id("杭州海康威视", "CN").startswith("cn-hang")
    assert unique_id("cn-a", {"cn-a", "cn-a-2"}) == "cn-a-3"


def test_vocabulary_lookups() -> None:
    vocab = vocabulary()
    assert vocab.source_code("el") == "EL"
    assert vocab.source_code("Entity List (EL) - Bureau of Industry and Security") == "EL"
    with pytest.raises(InvalidInput):
        vocab.source_code("XYZ")
    assert vocab.country_code("Burma") == "MM"
    assert vocab.reason_category("forced labor in the XUAR") == "forced_labor"
    assert vocab.reason_category("something else") == "other"
