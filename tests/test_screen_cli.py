"""`entitylist screen` and `screen-file` as a user runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from .conftest import run_cli
from .test_cli import assert_one_line_error

pytestmark = pytest.mark.e2e


def test_screen_json_and_exit_codes(cli_db: str) -> None:
    result = run_cli("screen", "Xiamen Meiya Pico Details Co", "--country", "CN", "--json", db=cli_db)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"]["name"] == "Xiamen Meiya Pico Details Co"
    match = data["matches"][0]
    assert match["party_id"] == "cn-xiamen-meiya-pico-information" and 0 < match["score"] <= 1
    assert match["listing"]["license_requirement"] == "For all items subject to the EAR"
    assert {t["how"] for t in match["explanation"]["tokens"]} >= {"synonym"}
    assert run_cli("screen", "Acme Widgets", "--fail-on-match", db=cli_db).code == 0
    assert run_cli("screen", "Hikvisoin", "--fail-on-match", db=cli_db).code == 3
    table = run_cli("screen", "Hikvisoin", db=cli_db)
    assert "cn-hikvision" in table.stdout and "fuzzy" in table.stdout
    before = json.loads(run_cli("screen", "Hoshine Silicon", "--as-of", "2021-06-01", "--json", db=cli_db).stdout)
    assert before["matches"] == []


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["screen", "   "], ["empty name"]),
        # bytes that are not UTF-8 (a name typed in a Latin-1 terminal): one line, not an internal error
        (["screen", "Huawei\udcff"], ["holds bytes that are not text"]),
        (["screen", "Hikvision", "--counterparty-id", "C\udce9"], ["counterparty id", "not text"]),
        (["screen", "Hikvision", "--threshold", "1.5"], ["outside 0-1"]),
        (["screen", "Hikvision", "--country", "Atlantis"], ["unknown country"]),
        (["screen", "Hikvision", "--as-of", "2020-02-31"], ["invalid date"]),
    ],
)
def test_screen_bad_input(cli_db: str, args: list[str], needles: list[str]) -> None:
    assert_one_line_error(run_cli(*args, db=cli_db), *needles)


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


ROWS = [
    ["id", "counterparty", "country", "note"],
    ["1", "Hikvisoin", "CN", "typo"],
    ["2", "Acme Widgets GmbH", "DE", "clean"],
    ["3", "", "", "empty name kept"],
    ["4", "Hikvisoin", "CN", "repeated name"],
    ["5", "Sense-Time Grp", "XX", "unknown country code"],
    ["6", "海康威视", "", "Chinese"],
]


def test_screen_file_csv_keeps_every_row_in_order(tmp_path: Path, cli_db: str) -> None:
    source = _write_csv(tmp_path / "in.csv", ROWS)
    target = tmp_path / "out.csv"
    result = run_cli("screen-file", str(source), "-o", str(target), "--column", "counterparty", "--country-column", "country",
                     "--json", db=cli_db)
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["rows"] == 6 and summary["distinct_names"] == 4 and summary["rows_with_match"] == 4
    assert summary["not_screened"] == [{"row": 3, "reason": "empty name"}] and summary["not_screened_rows"] == 1
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["id"] for r in out] == ["1", "2", "3", "4", "5", "6"]
    assert list(out[0])[:4] == ["id", "counterparty", "country", "note"]
    assert out[0]["match_party_id"] == "cn-hikvision" and float(out[0]["match_score"]) > 0.8
    assert out[1]["match_party_id"] == "" and out[2]["match_party_id"] == ""
    assert out[3]["match_party_id"] == "cn-hikvision" and out[4]["match_party_id"] == "cn-sense-time"
    assert out[5]["match_party_id"] == "cn-hikvision"
    text = run_cli("screen-file", str(source), "-o", str(target), "--column", "counterparty", db=cli_db)
    assert "6 rows (4 distinct names) screened" in text.stdout and "4 rows matched" in text.stdout
    assert "1 row could not be screened" in text.stderr


def test_screen_file_all_matches_tsv_jsonl_and_xlsx(tmp_path: Path, cli_db: str) -> None:
    tsv = tmp_path / "in.tsv"
    tsv.write_text("name\tid\nHuawei Cloud\t1\nNobody Ltd\t2\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    assert run_cli("screen-file", str(tsv), "-o", str(out), "--column", "name", "--all-matches", "--threshold", "0.5", db=cli_db).code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert len([r for r in rows if r["id"] == "1"]) > 1 and [r["match_party_id"] for r in rows if r["id"] == "2"] == [""]

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text('{"name": "Dahau Tech", "ref": 7}\n{"name": "Plain Bakery", "ref": 8}\n', encoding="utf-8")
    out_jsonl = tmp_path / "out.jsonl"
    assert run_cli("screen-file", str(jsonl), "-o", str(out_jsonl), "--column", "name", db=cli_db).code == 0
    lines = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["ref"] == 7 and lines[0]["match_party_id"] == "cn-dahua-technology" and lines[1]["match_party_id"] == ""

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Amount"])
    sheet.append(["Megvi Technology", 100])
    sheet.append([None, 5])
    xlsx = tmp_path / "in.xlsx"
    book.save(xlsx)
    out_xlsx = tmp_path / "out.xlsx"
    assert run_cli("screen-file", str(xlsx), "-o", str(out_xlsx), "--column", "Name", db=cli_db).code == 0
    values = list(load_workbook(out_xlsx).worksheets[0].iter_rows(values_only=True))
    assert values[0] == ("Name", "Amount", "match_party_id", "match_party_name", "match_name", "match_score")
    assert values[1][2] == "cn-megvii-technology" and values[2][1] == 5


def test_screen_file_bad_input(tmp_path: Path, cli_db: str) -> None:
    source = _write_csv(tmp_path / "in.csv", ROWS)
    out = tmp_path / "out.csv"
    assert_one_line_error(run_cli("screen-file", str(source), "-o", str(out), "--column", "name", db=cli_db), "no column 'name'", "counterparty")
    assert not out.exists()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    assert_one_line_error(run_cli("screen-file", str(broken), "-o", str(tmp_path / "o.xlsx"), "--column", "Name", db=cli_db), "not a readable Excel")
    assert_one_line_error(run_cli("screen-file", str(tmp_path / "none.csv"), "-o", str(out), "--column", "x", db=cli_db), "no such file")
    assert_one_line_error(run_cli("screen-file", str(source), "-o", str(tmp_path / "o.pdf"), "--column", "counterparty", db=cli_db), "unknown file type")


def test_screen_file_streams_a_larger_file_on_several_workers(tmp_path: Path, cli_db: str) -> None:
    rows = [["n", "name"]] + [[str(i), f"Trading House Number {i} Ltd" if i % 50 else "Hikvisoin"] for i in range(6000)]
    source = _write_csv(tmp_path / "big.csv", rows)
    target = tmp_path / "big-out.csv"
    result = run_cli("screen-file", str(source), "-o", str(target), "--column", "name", "--workers", "2", "--json", db=cli_db)
    assert result.code == 0, result.stderr
    out = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(out) == 6000 and [r["n"] for r in out[:3]] == ["0", "1", "2"]
    assert sum(1 for r in out if r["match_party_id"] == "cn-hikvision") == 120


def test_screen_file_stops_cleanly_on_a_broken_line_mid_file(tmp_path: Path, cli_db: str) -> None:
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"name": f"Company {i} Trading", "i": i}) for i in range(1500)] + ['{"name": broken']
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    result = run_cli("screen-file", str(source), "-o", str(target), "--column", "name", "--workers", "2", db=cli_db)
    assert_one_line_error(result, "in.jsonl:1501", "not a JSON line")
    assert not target.exists() and not list(tmp_path.glob("out.partial*"))


def test_compare_evaluate_and_evidence_options_from_the_command_line(tmp_path: Path, cli_db: str) -> None:
    compared = run_cli("compare", "Hikvison Digital", "Hangzhou Hikvision Digital Technology Co., Ltd.", "--json", db=cli_db)
    assert compared.code == 0, compared.stderr
    assert 0.7 < json.loads(compared.stdout)["score"] < 1.0
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("left,right,label\nHikvison,Hikvision,1\nLotus Mining,Lotus Textiles,0\n", encoding="utf-8")
    evaluated = run_cli("evaluate", str(pairs), db=cli_db)
    assert evaluated.code == 0 and "ROC AUC" in evaluated.stdout, evaluated.stderr
    screened = run_cli("screen", "Hikvision", "--type", "organization", "--id", "X1", "--json", db=cli_db)
    assert json.loads(screened.stdout)["query"]["identifiers"] == ["X1"]
    bad = run_cli("screen", "Hikvision", "--birth-date", "19x", db=cli_db)
    assert bad.code == 2 and bad.stderr.startswith("error: invalid date of birth")
    # a name with nothing to compare: a clear error, as screening gives, not an internal one
    for left, right, message in (("the", "Ltd", "name 'the' has nothing to screen"), ("Acme", "!!!", "name '!!!' has no letters or digits")):
        refused = run_cli("compare", left, right, db=cli_db)
        assert refused.code == 2 and refused.stderr.startswith(f"error: {message}"), refused.stderr
