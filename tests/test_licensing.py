"""License determination, ownership and the Affiliates rule through the services, on the real
bundled policies; and the bad input of ownership imports."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from entitylist.errors import InvalidInput, NotFound
from entitylist.services import Services, Settings

from .conftest import run_cli
from .official_formats import write_sdn_files
from .test_cli import assert_one_line_error

D = dt.date
A, D_, F, G = "cn-hikvision", "cn-huawei-technologies", "cn-megvii-technology", "cn-sense-time"  # listed by 2021
CHAIN_CSV = (
    "owner,owned,share,source,as_of\n"
    f"{A},Beta Holdings Ltd,60,company registry,2025-06-30\n"
    "Beta Holdings Ltd,Gamma Trading Co,50,company registry,2025-06-30\n"
    f"{D_},Epsilon GmbH,30,,\n"
    f"{F},Epsilon GmbH,25,,\n"
    f"{G},Eta Ltd,40,annual report,2025-01-01\n"
    f"{G},Theta Ltd,,,\n"
)
IN_EFFECT = (D(2025, 10, 1), D(2026, 12, 1))
SUSPENDED = D(2026, 1, 15)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled list, an OFAC SDN import and the ownership chain (built once)."""
    folder = tmp_path_factory.mktemp("licensing")
    db = folder / "template.sqlite"
    with Services(Settings(db=str(db), cache_dir="off")) as services:
        services.imports.import_source("sdn", str(write_sdn_files(folder / "sdn")))
        (folder / "chain.csv").write_text(CHAIN_CSV, encoding="utf-8")
        services.ownership.import_file(folder / "chain.csv")
    return db


@pytest.fixture
def db(template: Path, tmp_path: Path) -> str:
    copy = tmp_path / "store.sqlite"
    shutil.copy(template, copy)
    return str(copy)


@pytest.fixture(scope="module")
def services(template: Path) -> Iterator[Services]:
    """Read-only services over the template."""
    with Services(Settings(db=str(template), cache_dir="off")) as opened:
        yield opened


def test_hikvision_under_the_xinjiang_policy(services: Services) -> None:
    case = services.licensing.check("Hikvision", "1A004.c", D(2020, 1, 1))
    assert (case.license_required, case.review_policy, case.basis) == (True, "case_by_case", "listed")
    assert case.party is not None and case.party.id == A and case.party.listed
    assert case.policy_text and case.policy_text.startswith("Case-by-case review for ECCNs 1A004.c")
    assert case.citation == ["84 FR 54004, 10/9/19"] and case.effective_date == D(2019, 10, 9)
    assert not any("closest party" in w for w in case.warnings)
    assert services.licensing.check("Hikvision", "1A004.c.1", D(2020, 1, 1)).review_policy == "case_by_case"
    assert services.licensing.check("Hikvision", "1A004.e", D(2020, 1, 1)).review_policy == "presumption_of_denial"
    denial = services.licensing.check("cn-hikvision", "3A001", D(2020, 1, 1))
    assert (denial.license_required, denial.review_policy) == (True, "presumption_of_denial")
    later = services.licensing.check("Hikvision", "3A001", D(2020, 8, 1))  # the July 2020 revision is in force
    assert "infectious disease" in (later.policy_text or "") and later.effective_date == D(2020, 7, 22)


@pytest.mark.parametrize("item", ["EAR99", "1A004.c", "3A001.a.1", "5E002"])
def test_before_its_listing_no_item_needs_an_entity_list_license_for_hikvision(services: Services, item: str) -> None:
    case = services.licensing.check("Hikvision", item, D(2019, 1, 1))
    assert (case.license_required, case.review_policy, case.basis) == (False, None, "none")
    assert any("not yet listed on 2019-01-01" in w for w in case.warnings)


def test_huawei_carries_the_foreign_direct_product_footnote_from_may_2020(services: Services) -> None:
    case = services.licensing.check(D_, "5A002", D(2021, 1, 1))
    assert (case.license_required, case.review_policy) == (True, "presumption_of_denial")
    assert [f.number for f in case.footnotes] == [1] and "foreign direct product" in case.footnotes[0].label
    assert any(w.startswith("footnote 1") for w in case.warnings)
    assert not services.licensing.check(D_, "5A002", D(2020, 1, 1)).footnotes


def test_a_fuzzy_match_answers_for_its_best_party_with_a_warning(services: Services) -> None:
    case = services.licensing.check("Hikvison", "1A004.c", D(2020, 1, 1))
    assert case.party is not None and case.party.id == A and case.review_policy == "case_by_case"
    assert any("confirm the identity" in w for w in case.warnings)


def test_a_listed_affiliate_is_told_its_relation(services: Services) -> None:
    case = services.licensing.check("cn-huawei-cloud-beijing", "EAR99", D(2021, 1, 1))
    assert case.license_required and any("affiliate of" in w and D_ in w and "which is listed" in w for w in case.warnings)


def test_a_party_only_on_another_list_is_told_this_answers_the_entity_list_only(services: Services) -> None:
    case = services.licensing.check("BANCO NACIONAL DE CUBA", "EAR99", dt.date.today())
    assert not case.license_required and case.basis == "none"
    assert case.party is not None and case.party.source == "SDN"
    assert any("Entity List license requirement only" in w for w in case.warnings)


@pytest.mark.parametrize(
    ("party", "item", "on", "error"),
    [
        ("Hikvision", "3A01", D(2020, 1, 1), InvalidInput),
        ("Hikvision", "EAR 99", D(2020, 1, 1), InvalidInput),
        ("No Such Company Zyxw", "3A001", D(2020, 1, 1), NotFound),
        ("Hikvision", "3A001", D(1990, 1, 1), InvalidInput),
        ("", "3A001", D(2020, 1, 1), InvalidInput),
    ],
)
def test_bad_license_questions_are_refused(services: Services, party: str, item: str, on: dt.date, error: type) -> None:
    with pytest.raises(error):
        services.licensing.check(party, item, on)


# -- the Affiliates rule -----------------------------------------------------------------------------
@pytest.mark.parametrize("on", IN_EFFECT)
def test_the_chain_restricts_b_c_and_e_while_the_rule_is_in_effect(services: Services, on: dt.date) -> None:
    for name, owner in [("Beta Holdings Ltd", A), ("Gamma Trading Co", A), ("Epsilon GmbH", None)]:
        case = services.licensing.check(name, "EAR99", on)
        assert case.license_required and case.basis == "affiliate", name
        assert case.affiliation is not None and case.affiliation.meets_threshold and case.affiliation.rule.in_effect
        assert any("2025-19001" in c for c in case.citation)
        if owner:
            assert case.party is not None and case.party.id == owner
    gamma = services.licensing.check("Gamma Trading Co", "EAR99", on)
    assert gamma.affiliation is not None and gamma.affiliation.path == [
        f"Hikvision [{A}] (listed) owns 60 % of Beta Holdings Ltd: 60 % in all",
        "Beta Holdings Ltd (restricted) owns 50 % of Gamma Trading Co: 50 % in all",
    ]
    epsilon = services.licensing.check("Epsilon GmbH", "EAR99", on)
    assert epsilon.affiliation is not None and epsilon.affiliation.restricted_share == 55
    assert epsilon.review_policy == "presumption_of_denial"  # Huawei's, the stricter of its two listed owners
    eta = services.licensing.check("Eta Ltd", "EAR99", on)
    assert not eta.license_required and eta.basis == "none"
    assert eta.affiliation is not None and eta.affiliation.restricted_share == 40 and not eta.affiliation.meets_threshold


@pytest.mark.parametrize("on", [SUSPENDED, D(2025, 9, 1)])
def test_no_affiliate_is_restricted_while_the_rule_is_suspended_or_before_it(services: Services, on: dt.date) -> None:
    for name in ("Beta Holdings Ltd", "Gamma Trading Co", "Epsilon GmbH", "Eta Ltd"):
        case = services.licensing.check(name, "EAR99", on)
        assert not case.license_required and case.basis == "none", name
        assert case.affiliation is not None and not case.affiliation.rule.in_effect
    beta = services.licensing.check("Beta Holdings Ltd", "EAR99", SUSPENDED)
    assert beta.affiliation is not None and beta.affiliation.meets_threshold and beta.affiliation.rule.status == "suspended"
    assert any("suspended" in w and "red flag" in w for w in beta.warnings)


def test_unknown_shares_give_red_flag_29(services: Services) -> None:
    """Listed owners of unknown share: while the rule is in effect a license is needed until the
    ownership is determined, under the owner's terms; suspended, a red flag only; before it, nothing."""
    case = services.licensing.check("Theta Ltd", "EAR99", IN_EFFECT[1])
    assert case.license_required and case.basis == "red_flag" and case.party is not None and case.party.id == G
    assert case.affiliation is not None and case.affiliation.red_flag and "Red Flag 29" in case.affiliation.red_flag
    assert any("Red Flag 29" in w for w in case.warnings) and any("2025-19001" in c for c in case.citation)
    suspended = services.licensing.check("Theta Ltd", "EAR99", SUSPENDED)
    assert not suspended.license_required and suspended.basis == "none" and any("Red Flag 29" in w for w in suspended.warnings)
    before = services.licensing.check("Theta Ltd", "EAR99", D(2025, 9, 28))
    assert not before.license_required and not any("Red Flag 29" in w for w in before.warnings)
    assert before.affiliation is not None and before.affiliation.red_flag is None


@contextlib.contextmanager
def _with_links(db: str, tmp_path: Path, rows: str) -> Iterator[Services]:
    """Services over the store with more ownership links imported (CSV rows after the header)."""
    links = tmp_path / "links.csv"
    links.write_text(f"owner,owned,share,source,as_of\n{rows}", encoding="utf-8")
    with Services(Settings(db=db, cache_dir="off")) as services:
        services.ownership.import_file(links)
        yield services


def test_an_affiliate_of_two_listed_owners_gets_the_stricter_terms_whoever_owns_more(db: str, tmp_path: Path) -> None:
    """Huawei's terms (presumption of denial, footnote 1) are stricter than Hikvision's (a milder
    policy for some items): they apply however the shares fall."""
    rows = f"{D_},Pi Ltd,30,,\n{A},Pi Ltd,25,,\n{A},Rho Ltd,30,,\n{D_},Rho Ltd,25,,\n"
    with _with_links(db, tmp_path, rows) as services:
        for name in ("Pi Ltd", "Rho Ltd"):
            case = services.licensing.check(name, "EAR99", IN_EFFECT[1])
            assert case.basis == "affiliate" and case.party is not None and case.party.id == D_, name
            assert case.review_policy == "presumption_of_denial" and [f.number for f in case.footnotes] == [1], name
            assert any("also owned through Hikvision" in w for w in case.warnings), name


def test_ownership_links_count_from_their_date(db: str, tmp_path: Path) -> None:
    """A link dated after the date asked says nothing of it; the latest dated by then stands."""
    rows = f"{A},Kappa Ltd,60,,2020-01-01\n{A},Kappa Ltd,10,,2027-06-01\n{A},Lambda Ltd,60,,2027-06-01\n"
    with _with_links(db, tmp_path, rows) as services:
        kappa = services.licensing.check("Kappa Ltd", "3A001", IN_EFFECT[1])
        assert kappa.license_required and kappa.basis == "affiliate" and kappa.affiliation is not None
        assert kappa.affiliation.restricted_share == 60
        assert not services.licensing.check("Kappa Ltd", "3A001", D(2027, 7, 1)).license_required
        lambda_ = services.licensing.check("Lambda Ltd", "3A001", IN_EFFECT[1])
        assert not lambda_.license_required and lambda_.affiliation is None
        assert services.licensing.check("Lambda Ltd", "3A001", D(2027, 7, 1)).license_required
        assert [(o.node, o.share) for o in services.ownership.show("Kappa Ltd", IN_EFFECT[1]).owners] == [(A, 60.0)]


def test_ownership_show_draws_owners_and_holdings(services: Services) -> None:
    sense = services.ownership.show(G, IN_EFFECT[1])
    assert sense.listed and not sense.owners
    assert [(h.name, h.share) for h in sense.holdings] == [("Eta Ltd", 40.0), ("Theta Ltd", None)]
    beta = services.ownership.show("Beta Holdings Ltd", IN_EFFECT[1])
    assert [(o.node, o.share, o.listed) for o in beta.owners] == [(A, 60.0, True)]
    assert [(h.name, h.restricted) for h in beta.holdings] == [("Gamma Trading Co", True)]
    assert beta.affiliation is not None and beta.affiliation.meets_threshold


def test_screening_reports_the_determination_of_an_affiliate_hit(services: Services) -> None:
    result = services.screening.screen("Hikvision", as_of=D(2020, 1, 1), item="1A004.c.1")
    (match,) = [m for m in result.matches if m.party_id == A]
    assert match.license is not None and match.license.review_policy == "case_by_case"
    assert result.query.item == "1A004.c.1"
    with pytest.raises(InvalidInput, match="malformed ECCN"):
        services.screening.screen("Hikvision", item="1A04")


# -- ownership imports ----------------------------------------------------------------------------
def _counts(db: str) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(int(conn.execute(f"select count(*) from {t}").fetchone()[0]) for t in ("ownership_links", "audit_log", "imports"))  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (f"owner,owned,share\n{A},Acme Ltd,130\n", "chain.csv:2: share '130' is over 100 %"),
        (f"owner,owned,share\n{A},Acme Ltd,-5\n", "chain.csv:2: share '-5' is negative"),
        (f"owner,owned,share\n{A},Acme Ltd,sixty\n", "chain.csv:2: share 'sixty' is not a number"),
        (f"owner,owned,share\n{A},Acme Ltd,nan\n", "chain.csv:2: share 'nan' is not a number"),
        (f"owner,owned,share\n{A},Acme Ltd,60\n{D_},Acme Ltd,50\n", "chain.csv:3: the shares of 'Acme Ltd' in this file sum to 110 %"),
        (f"owner,owned,share\n{A},Acme Ltd,60\nNobody Holdings,Acme Ltd,10\n", "chain.csv:3: unknown owner 'Nobody Holdings'"),
        (f"owner,owned,share,as_of\n{A},Acme Ltd,60,31/12/2025\n", "chain.csv:2: as_of '31/12/2025' is not a date"),
        (f"owner,owned,share\n{A},,60\n", "chain.csv:2: owned is empty"),
        (f"owner,owned,share\n{A},Hikvision,60\n", "chain.csv:2:"),
        (f"owner,owned\n{A},Acme Ltd\n", "chain.csv:1: missing column(s) share"),
        (f"owner,owned,share\n{A},Acme Ltd,60,extra\n", "chain.csv:2: 4 cells, the header has 3"),
        ("owner,owned,share\n", "holds no ownership links"),
    ],
)
def test_bad_ownership_files_are_refused_with_file_and_line_and_write_nothing(db: str, tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "chain.csv"
    path.write_text(body, encoding="utf-8")
    before = _counts(db)
    with Services(Settings(db=db, cache_dir="off")) as services, pytest.raises(InvalidInput) as caught:
        services.ownership.import_file(path)
    assert needle in str(caught.value) and "\n" not in str(caught.value)
    assert _counts(db) == before


def test_followthemoney_ownership_entities_import(db: str, tmp_path: Path) -> None:
    path = tmp_path / "ownership.jsonl"
    lines = [
        {"id": "co-1", "schema": "Company", "properties": {"name": ["Iota Electronics Ltd"]}},
        {"id": "own-1", "schema": "Ownership", "properties": {"owner": [A], "asset": ["co-1"], "percentage": ["75%"],
                                                             "sourceUrl": ["https://registry.example/iota"], "date": ["2025-05-01"]}},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    with Services(Settings(db=db, cache_dir="off")) as services:
        assert "name:iota electronics ltd" not in services.licensing.graph(IN_EFFECT[1]).names  # kept graph: renewed below
        report = services.ownership.import_file(path)
        assert (report.links, report.named_nodes) == (1, 1)
        case = services.licensing.check("Iota Electronics Ltd", "EAR99", IN_EFFECT[1])
    assert case.basis == "affiliate" and case.affiliation is not None and case.affiliation.restricted_share == 75


# -- the command line ------------------------------------------------------------------------------
@pytest.mark.e2e
def test_license_check_on_the_command_line(db: str, tmp_path: Path) -> None:
    result = run_cli("license-check", "--party", "Hikvision", "--item", "1A004.c", "--date", "2020-01-01", "--json", db=db)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"license_required", "review_policy", "policy_text", "citation", "effective_date", "footnotes", "party", "basis",
            "warnings"} <= set(data)
    assert (data["license_required"], data["review_policy"], data["basis"], data["party"]["id"]) == (True, "case_by_case", "listed", A)
    table = run_cli("license-check", "--party", "Gamma Trading Co", "--item", "EAR99", "--date", "2026-12-01", db=db)
    assert table.code == 0 and "license required" in table.stdout and "Beta Holdings Ltd (restricted)" in table.stdout
    assert_one_line_error(run_cli("license-check", "--party", "Hikvision", "--item", "3A01", db=db), "malformed ECCN '3A01'")
    assert run_cli("license-check", "--party", "Hikvision", "--item", "3A01", db=db).code == 2
    bad = tmp_path / "bad.csv"
    bad.write_text(f"owner,owned,share\n{A},Acme Ltd,101\n", encoding="utf-8")
    refused = run_cli("import", "ownership", str(bad), db=db)
    assert_one_line_error(refused, f"{bad}:2: share '101' is over 100 %")
    assert refused.code == 2
    shown = run_cli("ownership", "show", "Beta Holdings Ltd", "--as-of", "2026-12-01", db=db)
    assert shown.code == 0 and "60 %  Hikvision (listed)" in shown.stdout and "Gamma Trading Co (restricted)" in shown.stdout


def test_a_company_known_to_the_ownership_graph_is_answered_as_itself_not_as_a_close_listed_name(db: str, tmp_path: Path) -> None:
    path = tmp_path / "more.csv"
    path.write_text(f"owner,owned,share\n{G},Hikvision Digital Trading Ltd,40\n", encoding="utf-8")
    with Services(Settings(db=db, cache_dir="off")) as services:
        services.ownership.import_file(path)
        case = services.licensing.check("Hikvision Digital Trading Ltd", "EAR99", IN_EFFECT[1])
    assert case.basis == "none" and case.party is None and not case.license_required
    assert case.affiliation is not None and case.affiliation.restricted_share == 40
    assert not any("closest party" in w for w in case.warnings)
