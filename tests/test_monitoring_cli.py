"""The monitoring commands as a user runs them: portfolio add / list / screen, alerts, watch; and
bad portfolio files, each refused with one line and nothing saved."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from entitylist.durations import parse_duration
from entitylist.errors import InvalidInput
from entitylist.services import Services
from entitylist.settings import Settings

from .conftest import run_cli
from .official_formats import el_row, write_csl_csv
from .test_cli import assert_one_line_error


GOOD = "id,name,country,type,birth_date\n1,Huawei Technologies,CN,,\n2,Acme Widgets,US,organization,\n3,Maria Garcia,,person,1970\n"


@pytest.mark.e2e
def test_portfolio_add_screen_list_and_alerts(cli_db: str, tmp_path: Path) -> None:
    source = tmp_path / "customers.csv"
    source.write_text(GOOD, encoding="utf-8")
    added = run_cli("portfolio", "add", "customers", str(source), db=cli_db)
    assert added.code == 0 and "3 added" in added.stdout, added.stderr
    screened = run_cli("portfolio", "screen", "customers", "--json", db=cli_db)
    assert screened.code == 0, screened.stderr
    [run] = json.loads(screened.stdout)
    assert run["full"] == 3 and [a["counterparty_id"] for a in run["opened"]] == ["1"]
    listed = run_cli("portfolio", "list", "--json", db=cli_db)
    assert [(p["name"], p["counterparties"], p["open_alerts"]) for p in json.loads(listed.stdout)] == [("customers", 3, 1)]
    alerts = run_cli("alerts", "--json", db=cli_db)
    assert [(a["counterparty_name"], a["party_id"], a["status"]) for a in json.loads(alerts.stdout)] == [
        ("Huawei Technologies", "cn-huawei-technologies", "open")
    ]
    table = run_cli("alerts", db=cli_db)
    assert table.code == 0 and "cn-huawei-technologies" in table.stdout
    again = run_cli("portfolio", "screen", db=cli_db)
    assert again.code == 0 and "0 new alerts" in again.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,name\n1,Acme\n2,Globex\n1,Initech\n", "row 3: id '1' is already used by row 1"),
        ("id,name\n1,Acme\n2,\n", "row 2: empty name"),
        ("id,name,colour\n1,Acme,red\n", "unknown column 'colour'"),
        ("name,country\nAcme,US\n", "no column 'id'"),
        ("id,name,country\n1,Acme,Atlantis\n", "row 1: unknown country 'Atlantis'"),
        ("id,name,birth_date\n1,Acme,1 May\n", "row 1: invalid date of birth"),
        ("id,name,type\n1,Acme,spaceship\n", "row 1:"),
        ("id,name\n,Acme\n", "row 1: empty id"),
    ],
)
def test_a_bad_portfolio_file_is_refused_and_saves_nothing(tmp_path: Path, content: str, message: str) -> None:
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    with Services(Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off")) as services:
        with pytest.raises(InvalidInput, match=re.escape(message)):
            services.portfolios.add("p", source)
        assert services.portfolios.portfolios() == []


@pytest.mark.e2e
def test_a_bad_portfolio_file_is_one_line_from_the_command_line(cli_db: str, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text('{"id": "1", "name": "Acme"}\n{"id": "1", "name": "Globex"}\n', encoding="utf-8")
    result = run_cli("portfolio", "add", "p", str(source), db=cli_db)
    assert_one_line_error(result, "bad.jsonl: row 2: id '1' is already used by row 1")
    assert result.code == 2
    assert json.loads(run_cli("portfolio", "list", "--json", db=cli_db).stdout) == []


@pytest.mark.e2e
def test_a_webhook_url_that_is_not_http_stops_screening_with_one_line(cli_db: str, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text(GOOD, encoding="utf-8")
    assert run_cli("portfolio", "add", "p", str(source), db=cli_db).code == 0
    result = run_cli("portfolio", "screen", db=cli_db, env={"ENTITYLIST_WEBHOOK_URLS": "ftp://example.org/x"})
    assert_one_line_error(result, "webhook URL 'ftp://example.org/x' is not an http(s) URL")
    assert result.code == 2
    assert json.loads(run_cli("alerts", "--json", db=cli_db).stdout) == []


@pytest.mark.e2e
def test_watch_updates_then_screens_each_run(cli_db: str, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("id,name\n1,Zephyrion Quantum Photonics Research Institute\n2,Acme Widgets\n", encoding="utf-8")
    assert run_cli("portfolio", "add", "p", str(source), db=cli_db).code == 0
    csl = write_csl_csv(tmp_path / "csl.csv", [el_row("Zephyrion Quantum Photonics Research Institute")])
    result = run_cli("watch", "--every", "1s", "--max-runs", "2", "--url", str(csl), db=cli_db)
    assert result.code == 0, result.stderr
    assert result.stdout.count(f"{csl}: imported") == 2  # a local file has no ETag: read each run, nothing new recorded
    assert result.stdout.count("1 new alert") == 1 and result.stdout.count("0 new alerts") == 1
    alerts = json.loads(run_cli("alerts", "--json", db=cli_db).stdout)
    assert [a["counterparty_id"] for a in alerts] == ["1"]


@pytest.mark.e2e
def test_watch_reports_a_failed_run_and_exits_non_zero(cli_db: str, tmp_path: Path) -> None:
    result = run_cli("watch", "--every", "1s", "--max-runs", "1", "--url", str(tmp_path / "missing.csv"), db=cli_db)
    assert result.code == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_durations() -> None:
    assert parse_duration("6h") == 21600 and parse_duration("1h30m") == 5400 and parse_duration("90s") == 90
    assert parse_duration("1d") == 86400 and parse_duration("0.5h") == 1800
    for bad in ("", "6", "h", "6x", "0h", "6h 30m", "-1h"):
        with pytest.raises(InvalidInput):
            parse_duration(bad)
