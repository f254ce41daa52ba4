"""The real ``entitylist`` program, run as a subprocess the way a user runs it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from entitylist import bundled
from entitylist.store.store import SCHEMA_REVISION

from .conftest import run_cli

pytestmark = pytest.mark.e2e

XINJIANG_2019 = "84 FR 54002"


def listed(db: str, date: str) -> dict[str, dict[str, object]]:
    result = run_cli("list", "--as-of", date, "--json", db=db)
    assert result.code == 0, result.stderr
    return {p["id"]: p for p in json.loads(result.stdout)}


def test_list_says_when_a_date_lies_outside_the_stores_history(cli_db: str) -> None:
    """An empty list before the history begins is no evidence that nobody was listed: the note
    says so (on stderr: the JSON stays the list alone); a date still to come is the list as the
    rules recorded make it; a date inside the history gets no note."""
    before = run_cli("list", "--as-of", "1990-01-01", "--json", db=cli_db)
    assert before.code == 0 and json.loads(before.stdout) == []
    first = min(action.effective_date for action in bundled.load()[1])  # (the bundled history's first date)
    assert f"history of the list begins on {first.isoformat()}" in " ".join(before.stderr.split())
    inside = run_cli("list", "--as-of", "2020-01-01", db=cli_db)
    assert inside.code == 0 and "note" not in inside.stderr
    later = run_cli("list", "--as-of", "2999-01-01", db=cli_db)
    assert later.code == 0 and "2999-01-01 is still to come" in " ".join(later.stderr.split())


def test_list_before_and_after_84_fr_54002(cli_db: str) -> None:
    before, after = listed(cli_db, "2019-10-08"), listed(cli_db, "2019-10-09")
    assert not any("hikvision" in p["name"].lower() for p in before.values())
    hik = after["cn-hikvision"]
    assert hik["name"] == "Hikvision" and hik["listed_since"] == "2019-10-09"
    for key in ("id", "name", "country", "type", "aliases", "listed_since", "federal_register"):
        assert key in hik
    added = set(after) - set(before)
    assert len(added) == 28 and not set(before) - set(after)
    history = json.loads(run_cli("history", "cn-xinjiang-police-college", "--json", db=cli_db).stdout)
    assert history["actions"][0]["citation"] == XINJIANG_2019
    for pid in added:  # every one of them came from that rule
        first = json.loads(run_cli("history", pid, "--json", db=cli_db).stdout)["actions"][0] if pid == sorted(added)[0] else None
        if first:
            assert first["citation"] == XINJIANG_2019


def test_history_of_hikvision_shows_the_rule(cli_db: str) -> None:
    result = run_cli("history", "hikvision", db=cli_db)
    assert result.code == 0, result.stderr
    assert XINJIANG_2019 in result.stdout and "2019-10-09" in result.stdout
    data = json.loads(run_cli("history", "hikvision", "--json", db=cli_db).stdout)
    assert data["party"]["id"] == "cn-hikvision"
    assert [a["kind"] for a in data["actions"]] == ["add", "modify"]
    assert data["actions"][0]["citation"] == XINJIANG_2019 and "Uighurs" in data["actions"][0]["reason"]


def test_diff_over_october_2019_lists_the_28(cli_db: str) -> None:
    result = run_cli("diff", "2019-10-01", "2019-10-31", "--json", db=cli_db)
    assert result.code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert len(changes) == 28
    assert {c["change"] for c in changes} == {"added"}
    assert {a["citation"] for c in changes for a in c["actions"]} == {XINJIANG_2019}
    table = run_cli("diff", "2019-10-01", "2019-10-31", db=cli_db)
    assert "28 parties" in table.stdout and "Hikvision" in table.stdout


def test_diff_shows_removals_and_modifications(cli_db: str) -> None:
    changes = json.loads(run_cli("diff", "2020-07-01", "2023-12-31", "--json", db=cli_db).stdout)["changes"]
    kinds = {c["party"]["id"]: c["change"] for c in changes}
    assert kinds["cn-ministry-of-public-securitys-institute-of-forensic-science-of-china"] == "removed"
    assert kinds["cn-hikvision"] == "modified"
    assert kinds["cn-xinjiang-production-and-construction-corps"] == "added"


def test_show_by_name_close_match_and_country_filter(cli_db: str) -> None:
    shown = run_cli("show", "Hikvison", db=cli_db)  # a typo still finds the unique close match
    assert shown.code == 0, shown.stderr
    assert "cn-hikvision" in shown.stdout and "海康威视" in shown.stdout and "Case-by-case" in shown.stdout
    data = json.loads(run_cli("show", "海康威视", "--json", db=cli_db).stdout)
    assert data["id"] == "cn-hikvision" and data["status"] == "listed"
    removed = json.loads(run_cli("show", "Institute of Forensic Science", "--json", db=cli_db).stdout)
    assert removed["status"] == "removed" and removed["removed_on"] == "2023-11-16"
    hk = json.loads(run_cli("list", "--country", "Hong Kong", "--json", db=cli_db).stdout)
    assert [p["name"] for p in hk] == ["Huawei Cloud Hong Kong"]


def test_stats(cli_db: str) -> None:
    by_year = json.loads(run_cli("stats", "--by", "year", "--json", db=cli_db).stdout)
    assert {"year": 2019, "add": 29, "modify": 1, "remove": 0} in by_year
    by_rule = json.loads(run_cli("stats", "--by", "rule", "--json", db=cli_db).stdout)
    assert {"rule": XINJIANG_2019, "effective_date": "2019-10-09", "add": 28, "modify": 0, "remove": 0} in by_rule
    by_country = json.loads(run_cli("stats", "--by", "country", "--as-of", "2019-12-31", "--json", db=cli_db).stdout)
    assert by_country == [{"country": "CN", "parties": 29}]
    by_reason = json.loads(run_cli("stats", "--by", "reason", "--as-of", "2019-12-31", "--json", db=cli_db).stdout)
    assert by_reason == [{"reason": "human_rights", "parties": 28}, {"reason": "huawei", "parties": 1}]


def test_db_commands(cli_db: str, tmp_path: Path) -> None:
    path = run_cli("db", "path", db=cli_db)
    assert path.code == 0 and cli_db in path.stdout
    upgrade = run_cli("db", "upgrade", db=cli_db)
    assert upgrade.code == 0 and f"schema {SCHEMA_REVISION}" in upgrade.stdout
    empty = str(tmp_path / "empty.sqlite")
    assert run_cli("db", "init", "--empty", db=empty).code == 0
    assert json.loads(run_cli("list", "--json", db=empty).stdout) == []
    default = run_cli("db", "path")
    assert "entitylist.sqlite" in default.stdout and "(default)" in default.stdout


def assert_one_line_error(result: object, *needles: str) -> None:
    code, stderr = result.code, result.stderr  # type: ignore[attr-defined]
    assert code != 0
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["show", "No Such Company Anywhere"], ["no party named"]),
        (["history", "   "], ["empty party name"]),
        (["show", "huawei cloud"], ["several parties"]),
        (["list", "--as-of", "2019-13-45"], ["invalid date", "2019-13-45"]),
        (["list", "--as-of", "2019-02-30"], ["invalid date"]),
        (["diff", "yesterday-ish", "2020-01-01"], ["invalid date"]),
        (["diff", "2020-01-01", "2019-01-01"], ["after"]),
        (["list", "--country", "Atlantis"], ["unknown country"]),
        (["stats", "--by", "colour"], ["unknown --by"]),
    ],
)
def test_bad_input_is_one_line_error(cli_db: str, args: list[str], needles: list[str]) -> None:
    assert_one_line_error(run_cli(*args, db=cli_db), *needles)


def test_bad_databases_are_one_line_errors_and_nothing_is_written(tmp_path: Path) -> None:
    unreachable = run_cli("list", db="postgresql+psycopg://u:hunter2@127.0.0.1:9/x?connect_timeout=2")
    assert_one_line_error(unreachable, "cannot open database")
    assert "hunter2" not in unreachable.stderr

    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"\x00garbage" * 512)
    assert_one_line_error(run_cli("list", db=str(corrupt)), "not a database")
    assert corrupt.read_bytes() == b"\x00garbage" * 512

    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    assert_one_line_error(run_cli("list", db=f"sqlite:///file:{empty}?mode=ro&uri=true"), "readonly")
    assert empty.stat().st_size == 0

    missing = tmp_path / "nope" / "x.sqlite"
    assert_one_line_error(run_cli("list", db=str(missing)), "does not exist")
    assert not missing.parent.exists()


def test_environment_variable_is_used(tmp_path: Path) -> None:
    target = tmp_path / "from-env.sqlite"
    result = run_cli("list", "--json", env={"ENTITYLIST_DB": str(target)})
    assert result.code == 0 and target.exists()
