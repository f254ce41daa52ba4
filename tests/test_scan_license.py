"""``scan --item ECCN``: each mention carries its party's license determination, in the service,
the JSON output and the terminal table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from entitylist.errors import InvalidInput
from entitylist.services import Services, Settings
from tests.conftest import run_cli

NEWS = ("On 2020-01-01 Hikvision shipped cameras; later Hikvision denied it, and Zhejiang Dahua Technology Co "
        "declined to comment. Acme Widgets was not involved.")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("scan-license") / "store.sqlite")


def test_each_mention_carries_its_partys_determination(db: str) -> None:
    with Services(Settings(db=db)) as services:
        document = services.scan.scan_text(NEWS, as_of=dt.date(2020, 1, 1), item="1A004.c.1")
        expected = services.licensing.check("cn-hikvision", "1A004.c.1", dt.date(2020, 1, 1))
        plain = services.scan.scan_text(NEWS, as_of=dt.date(2020, 1, 1))
    assert [m.party_id for m in document.mentions] == ["cn-hikvision", "cn-hikvision", "cn-dahua-technology"]
    hikvision = document.mentions[0].license
    assert hikvision is not None and hikvision.review_policy == "case_by_case" and hikvision.item == "1A004.c.1"
    assert hikvision.query == "Hikvision"  # the passage as written
    assert hikvision.model_copy(update={"query": expected.query}) == expected  # what license-check answers
    assert all(m.license is not None and m.license.license_required for m in document.mentions)
    assert all(m.license is None for m in plain.mentions)


def test_a_malformed_item_is_refused_before_anything_is_scanned(db: str) -> None:
    with Services(Settings(db=db)) as services, pytest.raises(InvalidInput, match="malformed ECCN '3A01'"):
        services.scan.scan_text(NEWS, item="3A01")


def test_scan_item_on_the_command_line(db: str, tmp_path: Path) -> None:
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    as_json = run_cli("scan", str(news), "--as-of", "2020-01-01", "--item", "3A001", "--json", db=db)
    assert as_json.code == 0, as_json.stderr
    mentions = json.loads(as_json.stdout)["documents"][0]["mentions"]
    assert {m["party_id"]: m["license"]["review_policy"] for m in mentions} == {
        "cn-hikvision": "presumption_of_denial", "cn-dahua-technology": "presumption_of_denial",
    }
    assert all(m["license"]["item"] == "3A001" and m["license"]["as_of"] == "2020-01-01" for m in mentions)
    table = run_cli("scan", str(news), "--as-of", "2020-01-01", "--item", "1A004.c", db=db)
    assert table.code == 0, table.stderr
    assert "license for 1A004.c" in table.stdout
    hikvision_row = next(line for line in table.stdout.splitlines() if "cn-hikvision" in line and "│" in line)
    assert "license required, case by case" in hikvision_row
    bad = run_cli("scan", str(news), "--item", "3A01", db=db)
    assert bad.code == 2 and bad.stderr.startswith("error: malformed ECCN '3A01'") and "Traceback" not in bad.stderr
