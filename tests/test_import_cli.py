"""`entitylist import / export / update` as a user runs them, including a kill mid-import."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entitylist.importers.csl import CSV_COLUMNS

from .conftest import run_cli
from .official_formats import EL, base_rows, write_csl_csv, write_sdn_files
from .test_cli import assert_one_line_error

pytestmark = pytest.mark.e2e
FIXTURES = Path(__file__).parent / "fixtures"


def test_import_export_round_trip_through_the_cli(tmp_path: Path, cli_db: str) -> None:
    source = write_csl_csv(tmp_path / "consolidated.csv", base_rows())
    result = run_cli("import", "csl", str(source), "--source", "EL", "--json", db=cli_db)
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["removed"], summary["dataset"]) == (3, 0, "csl")
    again = json.loads(run_cli("import", "csl", str(source), "--source", "EL", "--json", db=cli_db).stdout)
    assert (again["added"], again["unchanged"]) == (0, 3)
    text = run_cli("import", "sdn", str(write_sdn_files(tmp_path / "ofac")), db=cli_db)
    assert "3 added, 0 removed, 0 modified, 0 unchanged" in text.stdout
    exported = tmp_path / "out.csv"
    export = run_cli("export", "csv", "-o", str(exported), db=cli_db)
    assert export.code == 0, export.stderr
    rows = list(csv.DictReader(exported.open(encoding="utf-8")))
    assert len(rows) == 90 + 2 + 3 and list(rows[0]) == CSV_COLUMNS  # the CSL's Hikvision joins the bundled one
    earlier = run_cli("export", "json", "--as-of", "2024-06-01", db=cli_db)  # SDN entries are dated by the import
    assert len(json.loads(earlier.stdout)["results"]) == 90 + 2
    fresh = str(tmp_path / "fresh.sqlite")
    assert run_cli("db", "init", "--empty", db=fresh).code == 0
    back = json.loads(run_cli("import", "csl", str(exported), "--json", db=fresh).stdout)
    assert back["added"] == 95
    ftm = run_cli("export", "ftm", db=cli_db)
    assert ftm.code == 0 and all(json.loads(line)["schema"] for line in ftm.stdout.splitlines())
    history = json.loads(run_cli("history", "el-cn-hangzhou-hikvision-digital-technology", "--json", db=cli_db).stdout)
    assert history["actions"][0]["effective_date"] == "2019-10-09"


def test_fr_rule_import_cli(cli_db: str) -> None:
    result = run_cli("import", "fr-rule", str(FIXTURES / "fr_revision.html"), db=cli_db)
    assert result.code == 0 and "1 modified" in result.stdout
    shown = json.loads(run_cli("show", "cn-hikvision", "--json", db=cli_db).stdout)
    assert "89 FR 3302" in " ".join(shown["federal_register"])


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["import", "xml", "x"], ["unknown import format"]),
        (["import", "csl", "/no/such/file.csv"], ["no such file"]),
        (["import", "csl", "{fixture}", "--source", "EL,NOPE"], ["unknown source list 'NOPE'"]),
        (["import", "csl", "{html}"], ["HTML page"]),
        (["import", "csl", "{badrow}"], ["badrow.csv:2", "invalid date", "nothing was imported"]),
        (["export", "yaml"], ["unknown export format"]),
        (["import", "csl", "http://127.0.0.1:9/consolidated.csv"], ["download failed"]),
    ],
)
def test_import_bad_input(tmp_path: Path, cli_db: str, args: list[str], needles: list[str]) -> None:
    fixture = write_csl_csv(tmp_path / "ok.csv", base_rows())
    html = tmp_path / "page.csv"
    html.write_text("<!doctype html><html><title>Error</title></html>", encoding="utf-8")
    bad_rows = base_rows()
    bad_rows[0]["start_date"] = "2019-02-30"
    badrow = write_csl_csv(tmp_path / "badrow.csv", bad_rows)
    args = [a.format(fixture=fixture, html=html, badrow=badrow) for a in args]
    before = run_cli("list", "--json", db=cli_db).stdout
    assert_one_line_error(run_cli(*args, db=cli_db), *needles)
    assert run_cli("list", "--json", db=cli_db).stdout == before


def test_skip_bad_rows_reports_them(tmp_path: Path, cli_db: str) -> None:
    rows = base_rows()
    rows[0]["start_date"] = "yesterday"
    result = run_cli("import", "csl", str(write_csl_csv(tmp_path / "c.csv", rows)), "--skip-bad-rows", db=cli_db)
    assert result.code == 0 and "4 added" in result.stdout
    assert "skipped 1 bad rows" in result.stderr and "c.csv:2: start_date: invalid date 'yesterday'" in result.stderr


def _big_csl(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(CSV_COLUMNS)
        for i in range(rows):
            row = dict.fromkeys(CSV_COLUMNS, "")
            row.update(
                _id=str(i),
                source=EL,
                name=f"Test Trading Company Number {i} Limited",
                alt_names=f"Alias {i} One; Alias {i} Two",
                addresses=f"{i} Industrial Road, Shenzhen, Guangdong, CN",
                start_date="2022-01-01",
                federal_register_notice="87 FR 1",
            )
            writer.writerow([row[c] for c in CSV_COLUMNS])
    return path


def test_sigkill_mid_import_leaves_the_previous_list_intact(tmp_path: Path) -> None:
    db = tmp_path / "kill.sqlite"
    assert run_cli("list", db=str(db)).code == 0  # create and seed
    before = run_cli("list", "--json", db=str(db)).stdout
    big = _big_csl(tmp_path / "big.csv", 40_000)
    journal = Path(str(db) + "-journal")
    script = Path(sys.executable).parent / "entitylist"
    program = [str(script)] if script.exists() else [sys.executable, "-m", "entitylist"]
    proc = subprocess.Popen([*program, "--db", str(db), "import", "csl", str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the import finished before it could be killed; make the file larger"
    assert journal.exists(), "the import never started writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = run_cli("list", "--json", db=str(db))
    assert after.code == 0, after.stderr
    assert after.stdout == before
    check = subprocess.run(["sqlite3", str(db), "PRAGMA integrity_check"], capture_output=True, text=True) if _has_sqlite3() else None
    assert check is None or check.stdout.strip() == "ok"


def _has_sqlite3() -> bool:
    from shutil import which

    return which("sqlite3") is not None


def test_an_import_dated_before_the_history_it_changes_is_refused(tmp_path: Path, cli_db: str) -> None:
    """A removal or change dated before the record's latest action would take effect before it and
    be undone by it: reported, never in force. Refused, the date to give named; a later date imports."""
    full = write_csl_csv(tmp_path / "full.csv", base_rows())
    assert run_cli("import", "csl", str(full), "--source", "EL", "--date", "2024-03-01", db=cli_db).code == 0
    renamed = [dict(row) for row in base_rows()]
    renamed[0]["name"] = "Hangzhou Hikvision Digital Technology Company Limited"
    changed = write_csl_csv(tmp_path / "changed.csv", renamed)
    before = run_cli("history", "el-cn-hangzhou-hikvision-digital-technology", "--json", db=cli_db).stdout
    early = run_cli("import", "csl", str(changed), "--source", "EL", "--date", "2019-06-01", db=cli_db)
    assert_one_line_error(early, "before the history's latest change to those records (2019-10-09)")
    assert "--date 2019-10-09 or later" in early.stderr
    assert run_cli("history", "el-cn-hangzhou-hikvision-digital-technology", "--json", db=cli_db).stdout == before
    later = json.loads(run_cli("import", "csl", str(changed), "--source", "EL", "--date", "2024-06-01", "--json", db=cli_db).stdout)
    assert later["modified"] == 1
    history = json.loads(run_cli("history", "el-cn-hangzhou-hikvision-digital-technology", "--json", db=cli_db).stdout)
    assert [(a["kind"], a["effective_date"]) for a in history["actions"]][-1] == ("modify", "2024-06-01")
