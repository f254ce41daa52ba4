"""Reviews of screening hits (suppression until the entry changes) and the hash-chained audit log
(edits, reordering and deletions named by ``audit verify``), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from entitylist.errors import InvalidInput
from entitylist.model import ActionKind, Alias, Changes, ListingAction
from entitylist.services import Services, Settings
from entitylist.store import Store

from .conftest import run_cli
from .test_cli import assert_one_line_error

HIK = "cn-hikvision"


def _services(url: str) -> Services:
    return Services(Settings(db=url, cache_dir="off"))


def _new_alias(url: str, alias: str) -> None:
    """A later Federal Register modification of Hikvision's entry."""
    with Store.open(url) as store:
        store.record([ListingAction(
            kind=ActionKind.MODIFY, party_id=HIK, effective_date=dt.date(2026, 12, 1), dataset="federal-register",
            citation="91 FR 12345", changes=Changes(aliases_added=(Alias(name=alias),), description=f"Alias {alias} added."),
        )])


def test_a_cleared_hit_is_suppressed_until_the_entry_changes(store_url: str) -> None:
    with _services(store_url) as services:
        before = services.screening.screen("Hikvision")
        (hit,) = [m for m in before.matches if m.party_id == HIK]
        assert hit.review is None and not hit.suppressed
        services.reviews.record("Hikvision", HIK, "cleared", reason="our customer is Hikvision USA Inc.", reviewer="alice")
        after = services.screening.screen("Hikvision")
        (hit,) = [m for m in after.matches if m.party_id == HIK]
        assert hit.suppressed and hit.review is not None and hit.review.reviewer == "alice"
        assert hit.score == next(m.score for m in before.matches if m.party_id == HIK)  # scores untouched
        assert after.as_json()["matches"][0]["suppressed"] is True
        other = services.screening.screen("Hikvision", counterparty_id="C-42")  # another counterparty of that name
        assert not any(m.suppressed for m in other.matches)
    _new_alias(store_url, "HIK NEW CO")
    with _services(store_url) as services:
        back = services.screening.screen("Hikvision")
        (hit,) = [m for m in back.matches if m.party_id == HIK]
        assert not hit.suppressed and hit.review is not None and hit.review.decision == "cleared"
        assert [(c.kind, c.rule, c.description) for c in hit.review.changed_since] == [("modify", "91 FR 12345", "Alias HIK NEW CO added.")]


def test_a_clearance_made_before_two_parties_were_linked_no_longer_suppresses(store_url: str) -> None:
    """A link makes another party of the one a review cleared (and brings the other's reviews,
    a confirmation among them): the hit comes back, the link named, until it is reviewed again."""
    with _services(store_url) as services:
        services.reviews.record("Dahua Hikvision", "cn-dahua-technology", "confirmed", reviewer="alice")
        services.reviews.record("Dahua Hikvision", HIK, "cleared", reason="not Hikvision", reviewer="bob")
        services.links.link(HIK, "cn-dahua-technology", note="one party")
        after = services.screening.screen("Dahua Hikvision")
        merged = [m for m in after.matches if m.party_id in (HIK, "cn-dahua-technology")]
        assert merged and not any(m.suppressed for m in merged)
        changes = [c for m in merged if m.review for c in m.review.changed_since]
        assert changes and changes[0].kind == "link" and "found to be one party" in (changes[0].description or "")
        services.reviews.record("Dahua Hikvision", merged[0].party_id, "cleared", reason="reviewed again", reviewer="bob")
        again = services.screening.screen("Dahua Hikvision")
        assert any(m.suppressed for m in again.matches if m.party_id == merged[0].party_id)


def test_confirmed_and_escalated_hits_are_never_suppressed(store_url: str) -> None:
    with _services(store_url) as services:
        services.reviews.record("Hikvision", "Hikvision", "escalated", reviewer="bob")
        (hit,) = [m for m in services.screening.screen("Hikvision").matches if m.party_id == HIK]
        assert hit.review is not None and hit.review.decision == "escalated" and not hit.suppressed
        services.reviews.record("Hikvision", HIK, "cleared", reason="not them", reviewer="bob")
        services.reviews.record("Hikvision", HIK, "confirmed", reviewer="carol")  # the latest decision wins
        (hit,) = [m for m in services.screening.screen("Hikvision").matches if m.party_id == HIK]
        assert not hit.suppressed and [r.decision for r in services.reviews.list(HIK)] == ["escalated", "cleared", "confirmed"]


@pytest.mark.parametrize(
    ("decision", "reason", "party", "needle"),
    [
        ("dismissed", "x", HIK, "unknown decision"),
        ("cleared", None, HIK, "needs a reason"),
        ("cleared", "   ", HIK, "needs a reason"),
        ("cleared", "x" * 2001, HIK, "longer than 2000"),
    ],
)
def test_bad_reviews_are_refused_and_write_nothing(tmp_path: Path, decision: str, reason: str | None, party: str, needle: str) -> None:
    with _services(str(tmp_path / "s.sqlite")) as services:
        with pytest.raises(InvalidInput, match=needle):
            services.reviews.record("Hikvision", party, decision, reason=reason)
        assert services.reviews.list() == [] and services.audit.records() == []


def _populated(url: str, tmp_path: Path) -> None:
    """Four audited writes: an ownership import, a review, a link and an unlink."""
    chain = tmp_path / "chain.csv"
    chain.write_text(f"owner,owned,share\n{HIK},Acme Ltd,60\n", encoding="utf-8")
    with _services(url) as services:
        services.ownership.import_file(chain)
        services.reviews.record("Hikvision", HIK, "cleared", reason="a namesake", reviewer="alice")
        services.links.link(HIK, "cn-dahua-technology", note="test")
        services.links.unlink(HIK, "cn-dahua-technology", force=True, note="undo")


def _sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


TAMPERING: dict[str, tuple[Callable[[str], None], int | None, str]] = {
    "edited payload": (lambda url: _sql(url, "UPDATE audit_log SET payload = REPLACE(payload, 'a namesake', 'a stranger') WHERE sequence = 2"),
                       2, "changed after it was written"),
    "edited actor": (lambda url: _sql(url, "UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3"), 3, "changed"),
    "deleted": (lambda url: _sql(url, "DELETE FROM audit_log WHERE sequence = 2"), 2, "record 2 is missing"),
    "reordered": (lambda url: _sql(url, "UPDATE audit_log SET sequence = -1 WHERE sequence = 2",
                                   "UPDATE audit_log SET sequence = 2 WHERE sequence = 3",
                                   "UPDATE audit_log SET sequence = 3 WHERE sequence = -1"), 2, "does not follow record 1"),
    "last deleted": (lambda url: _sql(url, "DELETE FROM audit_log WHERE sequence = 4"), 4, "record 4 and later are missing"),
    "head deleted": (lambda url: _sql(url, "DELETE FROM meta WHERE key = 'audit_head'"), None, "head of the log"),
    "last deleted with the head": (lambda url: _sql(url, "DELETE FROM audit_log WHERE sequence = 4", "DELETE FROM meta WHERE key = 'audit_head'"),
                                   None, "head of the log"),
    # the reviews screening reads, edited where the chain does not reach: each against its record
    "review's decision edited": (lambda url: _sql(url, "UPDATE reviews SET decision = 'confirmed' WHERE id = 1"),
                                 2, "decision is 'confirmed' in the table, 'cleared' when it was recorded"),
    "review's last action raised": (lambda url: _sql(url, "UPDATE reviews SET last_action = last_action + 100"), 2, "last_action"),
    "review's time edited": (lambda url: _sql(url, "UPDATE reviews SET reviewed_at = '2020-01-01 00:00:00'"), 2, "reviewed_at was changed"),
    "review deleted": (lambda url: _sql(url, "DELETE FROM reviews"), 2, "review 1, recorded by audit record 2, was deleted"),
    "review added": (lambda url: _sql(url, "INSERT INTO reviews (party_id, counterparty_key, counterparty_name, decision, reason, reviewer, "
                                           "reviewed_at, last_action) VALUES ('cn-hikvision', 'acme', 'Acme', 'cleared', 'x', 'mallory', "
                                           "'2020-01-01 00:00:00', 0)"),
                     None, "review 2 has no audit record"),
    # the links that make records one party, as a person judged them: each against its record
    "unlink edited into a link": (lambda url: _sql(url, "UPDATE links SET kind = 'link' WHERE kind = 'unlink'"),
                                  None, "has no audit record: it was added to the table, or changed in it"),
    "link judgement deleted": (lambda url: _sql(url, "DELETE FROM links WHERE kind = 'unlink'"),
                               4, "recorded by audit record 4, is not in the table"),
    "link added": (lambda url: _sql(url, "INSERT INTO links (record_id, party_id, kind, recorded_at) "
                                         "VALUES ('csl:x', 'cn-hikvision', 'link', '2020-01-01 00:00:00')"),
                   None, "the link judgement link of csl:x to cn-hikvision has no audit record"),
    "whole log and head deleted": (lambda url: _sql(url, "DELETE FROM audit_log", "DELETE FROM meta WHERE key = 'audit_head'"),
                                   None, "review 1 has no audit record"),
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_audit_verify_names_the_first_bad_record(store_url: str, tmp_path: Path, how: str) -> None:
    _populated(store_url, tmp_path)
    with _services(store_url) as services:
        intact = services.audit.verify()
        assert intact.ok and intact.records == 4 and intact.head
        assert [r.kind for r in services.audit.records()] == ["import", "review", "link_judgement", "link_judgement"]
    tamper, first_bad, problem = TAMPERING[how]
    tamper(store_url)
    with _services(store_url) as services:
        verdict = services.audit.verify()
    assert not verdict.ok and verdict.first_bad == first_bad and problem in (verdict.problem or "")


def test_every_import_and_refused_import_is_audited(tmp_path: Path) -> None:
    from .official_formats import write_sdn_files

    with _services(str(tmp_path / "s.sqlite")) as services:
        services.imports.import_source("sdn", str(write_sdn_files(tmp_path / "sdn")))
        records = services.audit.records()
        assert [r.kind for r in records] == ["import"] and records[0].payload["format"] == "sdn"
        assert records[0].payload["summary"]["added"] == 3 and records[0].prev_hash == "0" * 64


def test_audit_export_as_csv_and_json(tmp_path: Path) -> None:
    _populated(str(tmp_path / "s.sqlite"), tmp_path)
    with _services(str(tmp_path / "s.sqlite")) as services:
        out = io.StringIO()
        assert services.audit.export("json", out) == 4
        records = json.loads(out.getvalue())
        assert records[1]["payload"]["reason"] == "a namesake" and records[1]["prev_hash"] == records[0]["hash"]
        out = io.StringIO()
        services.audit.export("csv", out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [r["kind"] for r in rows] == ["import", "review", "link_judgement", "link_judgement"]
        assert json.loads(rows[1]["payload"])["decision"] == "cleared"
        with pytest.raises(InvalidInput, match="unknown audit export format"):
            services.audit.export("xml", io.StringIO())


@pytest.mark.e2e
def test_review_and_audit_on_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    added = run_cli("review", "add", "Hikvision", "Hikvision", "--decision", "cleared", "--reason", "namesake", "--reviewer", "alice", db=db)
    assert added.code == 0, added.stderr
    screened = run_cli("screen", "Hikvision", "--json", db=db)
    assert json.loads(screened.stdout)["matches"][0]["suppressed"] is True
    assert run_cli("screen", "Hikvision", "--fail-on-match", db=db).code == 0  # the only hit is cleared
    assert "suppressed: cleared by alice" in run_cli("screen", "Hikvision", db=db).stdout
    assert_one_line_error(run_cli("review", "add", "Hikvision", "Hikvision", "--decision", "cleared", db=db), "needs a reason")
    ok = run_cli("audit", "verify", db=db)
    assert ok.code == 0 and "intact: 1 records" in ok.stdout
    _sql(f"sqlite:///{db}", "UPDATE audit_log SET payload = REPLACE(payload, 'namesake', 'other') WHERE sequence = 1")
    broken = run_cli("audit", "verify", db=db)
    assert broken.code == 1
    assert_one_line_error(broken, "record 1", "changed after it was written")
    exported = run_cli("audit", "export", "--format", "csv", "-o", str(tmp_path / "audit.csv"), db=db)
    assert exported.code == 0 and (tmp_path / "audit.csv").read_text(encoding="utf-8").startswith("sequence,recorded_at,kind")


def test_screen_file_adds_the_determination_and_the_review_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "s.sqlite")
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,Hikvision\n2,Acme Widgets\n3,Hikvision\n", encoding="utf-8")
    with _services(db) as services:
        plain = services.screening.screen_file(source, tmp_path / "plain.csv", column="name", workers=1)
        assert plain.suppressed_rows == 0
        assert (tmp_path / "plain.csv").read_text(encoding="utf-8").splitlines()[0] == (
            "id,name,match_party_id,match_party_name,match_name,match_score")  # no item, no reviews: as before
        services.screening.screen_file(source, tmp_path / "item.csv", column="name", workers=1, item="1A004.c.1",
                                       as_of=dt.date(2020, 1, 1))
        rows = list(csv.DictReader((tmp_path / "item.csv").open(encoding="utf-8")))
        assert [(r["license_required"], r["review_policy"], r["license_basis"]) for r in rows] == [
            ("true", "case_by_case", "listed"), ("", "", ""), ("true", "case_by_case", "listed")]
        services.reviews.record("Hikvision", HIK, "cleared", reason="a namesake", counterparty_id="3")
        report = services.screening.screen_file(source, tmp_path / "out.jsonl", column="name", counterparty_id_column="id", workers=1)
        lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [(r["review_decision"], r["suppressed"], r["match_score"]) for r in lines] == [
            ("", "false", 1.0), ("", "", ""), ("cleared", "true", 1.0)]
        assert report.suppressed_rows == 1 and report.rows_with_match == 2
        with pytest.raises(InvalidInput, match="no column 'nope'"):
            services.screening.screen_file(source, tmp_path / "x.csv", column="name", counterparty_id_column="nope", workers=1)
        assert not (tmp_path / "x.csv").exists()
