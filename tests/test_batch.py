"""Batch screening as a library call: what the output keeps of odd input rows."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from entitylist import bundled
from entitylist.batch import MATCH_COLUMNS, UNSCREENABLE_KEPT, screen_file
from entitylist.screening import ListIndex
from entitylist.state import listed_on


@pytest.fixture(scope="module")
def index() -> ListIndex:
    _rules, actions = bundled.load()
    return ListIndex(listed_on(actions, dt.date(2026, 11, 1)))


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as source:
        return list(csv.reader(source))


@pytest.mark.parametrize("workers", [1, 2])
def test_cells_beyond_the_header_and_repeated_column_names_are_kept(tmp_path: Path, index: ListIndex, workers: int) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("id,name,note,note\n1,Hikvisoin,a,b,surplus 1,surplus 2\n2,Acme Widgets,c\n", encoding="utf-8")
    report = screen_file(index, source, target, column="name", workers=workers)
    header, first, second = _read_csv(target)
    assert header == ["id", "name", "note", "note", *MATCH_COLUMNS]
    assert first[:4] == ["1", "Hikvisoin", "a", "b"] and first[4] == "cn-hikvision"
    assert first[8:] == ["surplus 1", "surplus 2"]  # after the match columns, not lost
    assert second == ["2", "Acme Widgets", "c", "", "", "", "", ""]
    assert (report.rows, report.matched_rows) == (2, 1)


def test_json_keys_first_seen_late_survive_a_csv_output(tmp_path: Path, index: ListIndex) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.csv"
    lines = [{"name": f"Acme {i}", "id": i} for i in range(60)] + [{"name": "Dahau Tech", "id": 60, "late": "kept"}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    screen_file(index, source, target, column="name", workers=1)
    rows = _read_csv(target)
    assert rows[0] == ["name", "id", *MATCH_COLUMNS]
    assert len(rows) == 62
    last = rows[-1]
    assert last[:3] == ["Dahau Tech", "60", "cn-dahua-technology"] and json.loads(last[-1]) == {"late": "kept"}


def test_surplus_cells_go_to_json_lines_under_their_own_key(tmp_path: Path, index: ListIndex) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.jsonl"
    source.write_text("name\nHikvisoin,stray\n", encoding="utf-8")
    screen_file(index, source, target, column="name", workers=1)
    (record,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert record["name"] == "Hikvisoin" and record["_surplus_cells"] == ["stray"]
    assert record["match_party_id"] == "cn-hikvision"


def test_unscreenable_rows_are_all_counted_and_the_first_kept(tmp_path: Path, index: ListIndex) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    rows = ["id,name", "0,Hikvisoin", *(f"{i}," for i in range(1, UNSCREENABLE_KEPT + 6))]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = screen_file(index, source, target, column="name", workers=1)
    assert report.rows == UNSCREENABLE_KEPT + 6 and report.not_screened == UNSCREENABLE_KEPT + 5
    assert len(report.unscreenable) == UNSCREENABLE_KEPT  # memory stays bounded however many there are
    assert report.unscreenable[0] == (2, "empty name")
    assert len(_read_csv(target)) == UNSCREENABLE_KEPT + 7  # every row written, with the header


@pytest.mark.parametrize("country", [None, "country"])
def test_a_name_that_reads_as_a_reason_is_screened_as_a_name(tmp_path: Path, index: ListIndex, country: str | None) -> None:
    """A file of names alone is keyed by the names themselves (strings): a row whose name is the
    text of a reason a row cannot be screened for is still a name, screened and counted as one,
    beside a row that has no name; with a country column too (keyed by tuples)."""
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("id,name,country\n1,empty name,\n2,,\n3,Hikvisoin,CN\n4,empty name,\n", encoding="utf-8")
    report = screen_file(index, source, target, column="name", country_column=country, workers=1)
    assert (report.rows, report.screened, report.distinct) == (4, 3, 2)
    assert report.unscreenable == [(2, "empty name")]
    written = _read_csv(target)
    assert [row[0] for row in written[1:]] == ["1", "2", "3", "4"]
    assert written[3][3] == "cn-hikvision"


def test_without_fork_the_file_is_screened_in_one_process(
    tmp_path: Path, index: ListIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])  # as on Windows
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: pytest.fail("no pool without fork"))
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("id,name\n1,Hikvisoin\n2,Acme Widgets\n", encoding="utf-8")
    report = screen_file(index, source, target, column="name", workers=2)
    assert (report.rows, report.matched_rows) == (2, 1)
    assert _read_csv(target)[1][2] == "cn-hikvision"
