"""The bundled dataset: valid, complete, and faithful to the facts sheet it was built from."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
import yaml

from entitylist import bundled
from entitylist.model import ActionKind, AliasKind
from entitylist.reference import vocabulary
from entitylist.state import fold, listed_on

from .conftest import SHARED

FACTS = SHARED / "facts" / "entity_list_actions.yaml"
SCRIPTS = SHARED / "facts" / "original_script_names.yaml"


@pytest.fixture(scope="module")
def loaded() -> tuple[dict[str, Any], list[Any]]:
    rules, actions = bundled.load()
    return {r.id: r for r in rules}, actions


def test_84_fr_54002_adds_28_entries_effective_2019_10_09(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    rules, actions = loaded
    rule = rules["84-fr-54002"]
    assert (rule.citation, rule.fr_doc, rule.effective_date) == ("84 FR 54002", "2019-22210", dt.date(2019, 10, 9))
    adds = [a for a in actions if a.rule_id == rule.id and a.kind is ActionKind.ADD]
    assert len(adds) == 28
    types = Counter(a.party.type for a in adds)
    assert types["company"] == 8 and types["government_agency"] + types["institute"] == 20
    before = {s.id for s in listed_on(actions, dt.date(2019, 10, 8))}
    after = {s.id for s in listed_on(actions, dt.date(2019, 10, 9))}
    assert after - before == {a.party_id for a in adds}


def test_unverified_entries_are_flagged_not_dropped(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    _, actions = loaded
    aksu = next(a for a in actions if a.party_id == "cn-aksu-district-public-security-bureau")
    assert aksu.unverified and aksu.party.unverified and "name" in aksu.party.unverified_fields


def test_original_script_names_are_aliases(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    _, actions = loaded
    hik = fold(actions)["cn-hikvision"].party
    assert {a.name for a in hik.aliases if a.kind is AliasKind.ORIGINAL_SCRIPT} == {"杭州海康威视数字技术股份有限公司", "海康威视"}
    xpcc = fold(actions)["cn-xinjiang-production-and-construction-corps"].party
    assert [a.name for a in xpcc.aliases] == ["新疆生产建设兵团"]


def test_secondary_source_spellings_are_not_aliases(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    _, actions = loaded
    names = {n.casefold() for s in fold(actions).values() for n in s.party.all_names()}
    assert "duahua technology" not in names and "magvi" not in names and "face++" not in names


def test_forensic_institute_is_removed_in_2023(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    _, actions = loaded
    state = fold(actions)["cn-ministry-of-public-securitys-institute-of-forensic-science-of-china"]
    assert not state.listed and state.removed_on == dt.date(2023, 11, 16)
    assert [a.name for a in state.party.aliases] == ["Forensic Identification Center", "Material Identification Center"]


def test_july_2020_policy_revision_applies_to_the_37_earlier_xinjiang_entries(
    loaded: tuple[dict[str, Any], list[Any]],
) -> None:
    _, actions = loaded
    revisions = [a for a in actions if a.rule_id == "85-fr-44159" and a.kind is ActionKind.MODIFY]
    assert len(revisions) == 37 and all(a.unverified for a in revisions)
    hik_before = fold(actions, dt.date(2020, 7, 21))["cn-hikvision"].party.license_review_policy or ""
    hik_after = fold(actions, dt.date(2020, 7, 22))["cn-hikvision"].party.license_review_policy or ""
    assert "infectious disease" not in hik_before and "infectious disease" in hik_after


def test_huawei_gains_footnote_1_on_2020_05_15(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    _, actions = loaded
    assert fold(actions, dt.date(2020, 5, 14))["cn-huawei-technologies"].party.footnotes == ()
    assert fold(actions, dt.date(2020, 5, 15))["cn-huawei-technologies"].party.footnotes == (1,)


def _facts() -> dict[str, Any]:
    if not FACTS.exists():
        pytest.skip("facts sheet not present (../shared/facts)")
    facts: dict[str, Any] = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    return facts


def _fold(text: Any) -> Any:
    return " ".join(str(text).split()) if text is not None else None


def test_every_named_fact_action_is_bundled_exactly(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    """Independent of the build script: each named action of the facts sheet, field by field."""
    facts = _facts()
    rules, actions = loaded
    vocab = vocabulary()
    by_rule_date: dict[tuple[dt.date, str, str], list[Any]] = {}
    for action in actions:
        name = action.party.name if action.party else fold(actions)[action.party_id].party.name
        by_rule_date.setdefault((action.effective_date, action.kind.value, name), []).append(action)
    checked = 0
    for rule in facts["rules"]:
        for fact in rule.get("actions", []):
            if fact.get("name") is None:
                continue
            found = by_rule_date.get((rule["effective_date"], fact["action"], fact["name"]))
            assert found, f"missing {fact['action']} of {fact['name']!r} on {rule['effective_date']}"
            action = found[0]
            bundled_rule = rules[action.rule_id]
            assert bundled_rule.citation == rule.get("citation")
            assert bundled_rule.fr_doc == rule.get("fr_doc")
            assert action.publication_date == rule.get("publication_date")
            assert action.federal_register == fact.get("federal_register")
            assert action.unverified == bool(fact.get("unverified", False))
            assert list(action.unverified_fields) == list(fact.get("unverified_fields") or [])
            if fact["action"] == "add":
                party = action.party
                assert party.country == vocab.country_code(fact["country"])
                assert party.type == (fact.get("entity_type") or "company")
                akas = [a.name for a in party.aliases if a.kind is AliasKind.AKA]
                assert akas == list(fact.get("aliases") or [])
                assert party.addresses == tuple(fact.get("addresses") or [])
                for field in ("license_requirement", "license_review_policy", "license_exceptions"):
                    assert getattr(party, field) == _fold(fact.get(field) or rule.get(field)), field
                if fact.get("parent"):
                    assert party.relations and party.relations[0].name == fact["parent"]
            checked += 1
    assert checked >= 90


def test_every_fact_rule_is_bundled_with_its_dates(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    facts = _facts()
    rules, _ = loaded
    pairs = {(r.citation, r.effective_date, r.publication_date) for r in rules.values()}
    for rule in facts["rules"]:
        assert (rule.get("citation"), rule["effective_date"], rule.get("publication_date")) in pairs
    assert len(rules) == len(facts["rules"])


def test_every_original_script_name_is_placed(loaded: tuple[dict[str, Any], list[Any]]) -> None:
    if not SCRIPTS.exists():
        pytest.skip("original script names not present (../shared/facts)")
    entries = yaml.safe_load(SCRIPTS.read_text(encoding="utf-8"))
    _, actions = loaded
    aliases = {a.name for s in fold(actions).values() for a in s.party.aliases if a.kind is AliasKind.ORIGINAL_SCRIPT}
    for entry in entries:
        assert entry["original"] in aliases
        if entry.get("short"):
            assert entry["short"] in aliases


def test_bundle_rejects_foreign_documents() -> None:
    from entitylist.errors import InvalidInput

    with pytest.raises(InvalidInput):
        bundled.parse_bundle({"format": "something-else", "rules": []})
