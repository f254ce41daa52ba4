"""The license domain without a store: ECCNs, policy text into rules, the Affiliates rule's
periods as data, and the 50 % ownership aggregation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from entitylist import bundled
from entitylist.affiliates import affiliates_rule, rule_from
from entitylist.eccn import eccns_in, parse_eccn
from entitylist.errors import InvalidInput
from entitylist.license_policy import determine, parse_policy, parse_requirement, references_in
from entitylist.ownership import OwnershipLink, aggregate
from entitylist.reference import load_package_yaml

D = dt.date
ALL_ITEMS = "For all items subject to the EAR"
DENIAL_APART_FROM_FOOD = (
    "Policy of denial for all items subject to the EAR apart from food and medicine designated as EAR99, which will be "
    "reviewed on a case-by-case basis. See §§ 746.8(b) and 744.21(e)."
)


def _bundled_policies() -> list[str]:
    """Every distinct review policy text of the bundled (real) entries."""
    rules, actions = bundled.load()
    texts = {r.license_review_policy for r in rules} | {a.party.license_review_policy for a in actions if a.party}
    return sorted(t for t in texts if t)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("3A001.a.1", ("3A001", "a", "1")),
        ("5E002", ("5E002",)),
        ("1A004.c", ("1A004", "c")),
        ("ear99", ("EAR99",)),
        (" 3a001.A.1 ", ("3A001", "a", "1")),
        ("9A515.y.1", ("9A515", "y", "1")),
    ],
)
def test_eccns_parse(text: str, parts: tuple[str, ...]) -> None:
    assert parse_eccn(text).parts == parts


@pytest.mark.parametrize("text", ["3A01", "3F001", "ZA001", "3A001.", "3A001..a", "3A001.abc", "EAR 99", "", "3A0011"])
def test_malformed_eccns_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInput, match="malformed ECCN .*3A001.a.1"):
        parse_eccn(text)


def test_a_sub_paragraph_is_covered_by_its_parent_and_not_by_a_sibling() -> None:
    c = parse_eccn("1A004.c")
    assert c.covers(parse_eccn("1A004.c"))
    assert c.covers(parse_eccn("1A004.c.1"))
    assert not c.covers(parse_eccn("1A004.d"))
    assert not c.covers(parse_eccn("1A004"))
    assert not parse_eccn("1A004.c.1").covers(c)
    assert not parse_eccn("1A995").covers(parse_eccn("1A996"))


def test_every_real_xinjiang_policy_reads_as_case_by_case_for_its_eccns_and_denial_for_the_rest() -> None:
    xinjiang = [t for t in _bundled_policies() if t.startswith("Case-by-case")]
    assert len(xinjiang) >= 3  # the 2019, 2020 and 2021 wordings
    for text in xinjiang:
        policy = parse_policy(text)
        assert policy.default == "presumption_of_denial", text
        (clause,) = policy.clauses
        assert clause.policy == "case_by_case"
        assert [e.text for e in clause.scope.eccns] == ["1A004.c", "1A004.d", "1A995", "1A999.a", "1D003", "2A983", "2D983", "2E983"]
        assert any("1A995" in d and ear99 for d, ear99 in clause.scope.described), text
    for item, expected in [("1A004.c", "case_by_case"), ("1A004.c.1", "case_by_case"), ("1A004.d", "case_by_case"),
                           ("1A004.e", "presumption_of_denial"), ("1A004", "presumption_of_denial"),
                           ("3A001", "presumption_of_denial"), ("2E983", "case_by_case"), ("1A999.b", "presumption_of_denial")]:
        answer = determine(ALL_ITEMS, xinjiang[0], parse_eccn(item))
        assert answer.license_required and answer.review_policy == expected, item


def test_an_ear99_item_under_the_xinjiang_policy_is_denied_with_a_warning_about_the_described_items() -> None:
    text = next(t for t in _bundled_policies() if "infectious disease" in t)
    answer = determine(ALL_ITEMS, text, parse_eccn("EAR99"))
    assert answer.review_policy == "presumption_of_denial"
    assert any("Note to ECCN 1A995" in w for w in answer.warnings)
    assert any("infectious disease" in w for w in answer.warnings)
    numbered = determine(ALL_ITEMS, text, parse_eccn("3A001"))  # any item can be one needed against disease
    assert any("infectious disease" in w for w in numbered.warnings)
    assert not any("1A995" in w for w in numbered.warnings)  # that description is of EAR99 items only


def test_presumption_of_denial_alone_and_with_a_reference() -> None:
    assert parse_policy("Presumption of denial").default == "presumption_of_denial"
    policy = parse_policy("Presumption of Denial.  See §744.11")
    assert policy.default == "presumption_of_denial" and policy.references == ("§ 744.11",)
    assert parse_policy("See §744.3(d) of this part").default == "other"


def test_a_policy_with_an_exception_clause_and_references() -> None:
    policy = parse_policy(DENIAL_APART_FROM_FOOD)
    assert policy.default == "other"  # a policy of denial is stricter than a presumption
    (clause,) = policy.clauses
    assert clause.policy == "case_by_case" and clause.scope.described == (("food and medicine designated as EAR99", True),)
    assert policy.references == ("§ 746.8(b)", "§ 744.21(e)")
    answer = determine(ALL_ITEMS, DENIAL_APART_FROM_FOOD, parse_eccn("EAR99"))
    assert answer.review_policy == "other" and any("food and medicine" in w for w in answer.warnings)


@pytest.mark.parametrize(
    ("requirement", "item", "required"),
    [
        ("For all items subject to the EAR.  (See §744.11 of the EAR)", "EAR99", True),
        ("For all items subject to the EAR having a classification other than EAR99", "EAR99", False),
        ("For all items subject to the EAR having a classification other than EAR99", "5A002", True),
        ("For all items subject to the EAR except ECCNs 5A992 and 5D992", "5A992.c", False),
        ("For all items subject to the EAR except ECCNs 5A992 and 5D992", "5A002", True),
        ("For ECCNs 3A001 and 3A002", "3A001.b", True),
        ("For ECCNs 3A001 and 3A002", "3A003", False),
    ],
)
def test_requirements_with_exceptions_and_ecc_lists(requirement: str, item: str, required: bool) -> None:
    assert determine(requirement, "Presumption of denial", parse_eccn(item)).license_required is required


def test_a_requirement_that_excludes_described_items_warns_instead_of_guessing() -> None:
    text = "For all items subject to the EAR except food and medicine classified as EAR99"
    answer = determine(text, "Presumption of denial", parse_eccn("EAR99"))
    assert answer.license_required and any("food and medicine classified as EAR99" in w for w in answer.warnings)
    assert not determine(text, "Presumption of denial", parse_eccn("3A001")).warnings


def test_a_requirement_given_only_by_reference_is_taken_as_required_with_a_warning() -> None:
    requirement = parse_requirement("See §744.3(d) of this part")
    assert not requirement.readable and requirement.references == ("§ 744.3(d)",)
    answer = determine("See §744.3(d) of this part", None, parse_eccn("EAR99"))
    assert answer.license_required and answer.review_policy == "other" and len(answer.warnings) == 2


def test_footnote_numbers_glued_into_csl_citations_are_read() -> None:
    sections, notes = references_in("For all items subject to the EAR. (See §§ 734.9(g),3 746.8(a)(3), and 744.21(b) of the EAR)")
    assert sections == ["§ 734.9(g)", "§ 746.8(a)(3)", "§ 744.21(b)"] and notes == [3]
    assert parse_requirement("For all items subject to the EAR (footnote 1 entities: also foreign-produced direct products)").footnotes == (1,)


def test_eccns_in_text_are_found_once_each() -> None:
    assert [e.text for e in eccns_in("ECCNs 1A004.c, 1A004.d and 2E983; EAR99 items in the Note to ECCN 1A995.")] == [
        "1A004.c", "1A004.d", "2E983", "EAR99", "1A995"]


def test_the_policy_phrases_are_reference_data() -> None:
    raw = load_package_yaml("entitylist.vocab", "license_policies.yaml")
    assert raw["review_policies"]["presumption of denial"] == "presumption_of_denial"


# -- the Affiliates rule and the 50 % aggregation ----------------------------------------------------
def test_the_affiliates_rule_periods_come_from_data() -> None:
    rule = affiliates_rule()
    assert rule.threshold == 50
    assert rule.on(D(2025, 9, 28)).status == "not_yet_in_force"
    assert rule.on(D(2025, 9, 29)).in_effect and rule.on(D(2025, 11, 9)).in_effect
    assert rule.on(D(2025, 11, 10)).status == "suspended" and rule.on(D(2026, 11, 9)).status == "suspended"
    assert rule.on(D(2026, 11, 10)).in_effect


def test_an_extension_of_the_suspension_is_a_data_change() -> None:
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "affiliates_rule.yaml")
    raw["periods"] = [*raw["periods"][:1], {**raw["periods"][1], "end": D(2027, 11, 9)},
                      {"start": D(2027, 11, 10), "status": "in_effect", "citation": "a later rule"}]
    extended = rule_from(raw)
    assert extended.on(D(2026, 12, 1)).status == "suspended" and extended.on(D(2027, 11, 10)).in_effect
    raw["periods"][2]["start"] = D(2027, 1, 1)  # overlapping periods are refused
    with pytest.raises(ValueError, match="overlap"):
        rule_from(raw)


CHAIN = [
    OwnershipLink("A", "B", 60), OwnershipLink("B", "C", 50),
    OwnershipLink("D", "E", 30), OwnershipLink("F", "E", 25),
    OwnershipLink("G", "H", 40),
]


def test_the_chain_restricts_b_c_and_e_but_not_h() -> None:
    result = aggregate(CHAIN, {"A", "D", "F", "G"}, 50)
    assert sorted(result.restricted) == ["B", "C", "E"]
    assert result.restricted["E"].total == 55 and result.restricted["C"].total == 50
    assert result.paths("C", {"A": "Alpha"}) == [
        "Alpha [A] (listed) owns 60 % of B: 60 % in all", "B (restricted) owns 50 % of C: 50 % in all"]


def test_cycles_end_and_restricted_owners_count_in_the_aggregate() -> None:
    links = [OwnershipLink("A", "B", 50), OwnershipLink("B", "C", 30), OwnershipLink("C", "B", 20),
             OwnershipLink("X", "C", 25), OwnershipLink("C", "X", 25)]
    result = aggregate(links, {"A", "X"}, 50)
    assert sorted(result.restricted) == ["B", "C"]  # C: 30 % from restricted B + 25 % from listed X
    unrelated = aggregate([OwnershipLink("P", "Q", 60), OwnershipLink("Q", "P", 60)], {"Z"}, 50)
    assert not unrelated.restricted


def test_unknown_shares_raise_the_red_flag_not_silence() -> None:
    result = aggregate([OwnershipLink("A", "B", None), OwnershipLink("A", "C", None), OwnershipLink("D", "C", 50)], {"A", "D"}, 50)
    assert list(result.unknown_shares) == ["B"]  # C is restricted by its known 50 % alone
    assert "C" in result.restricted


def test_a_later_link_for_the_same_pair_replaces_the_earlier() -> None:
    assert not aggregate([OwnershipLink("A", "B", 60), OwnershipLink("A", "B", 10)], {"A"}, 50).restricted
