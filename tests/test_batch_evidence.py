"""screen-file's optional evidence columns (type, date of birth, nationality, identifiers): named
or found by their header names, passed to the same query fields as ``screen`` (issue 12)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from entitylist.batch import BatchEngine, EvidenceColumns, InProcessExecutor, IterableSource
from entitylist.model import Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState


@pytest.fixture(scope="module")
def index() -> ListIndex:
    parties = [
        Party(id="p1", name="HADDAD, Karim", type="individual", birth_dates=("1960-01-12",), nationalities=("Syria",),
              identifiers=("Passport N-0123456 (Syria)",)),
        Party(id="v1", name="OCEAN PRIDE", type="vessel", remarks="IMO 9187629"),
    ]
    return ListIndex([PartyState(p, listed=True, listed_since=None) for p in parties])


def _scores(index: ListIndex, header: list[str], rows: list[list[str]], evidence: EvidenceColumns | None = None) -> list[str]:
    engine = BatchEngine(index, column=header[0], executor=InProcessExecutor(), evidence=evidence)
    out = io.BytesIO()
    engine.run(IterableSource(header, rows), out, "csv")
    return [row["match_score"] for row in csv.DictReader(io.StringIO(out.getvalue().decode("utf-8")))]


def _single(index: ListIndex, name: str, **kwargs: object) -> str:
    found = index.screen(name, explain=False, limit=1, **kwargs)  # type: ignore[arg-type]
    return str(round(found[0].score, 4)) if found else ""


def test_columns_found_by_header_name_count_as_screen_options(index: ListIndex) -> None:
    header = ["Counterparty", "Date of Birth", "Nationality", "Passport No"]
    rows = [["Karim Haddad", "1960-01-12", "SY", "N0123456"], ["Karim Haddad", "1971", "France", ""], ["Karim Haddad", "", "", ""]]
    got = _scores(index, header, rows)
    assert got == [
        _single(index, "Karim Haddad", birth_date="1960-01-12", nationality="SY", identifiers=["N0123456"]),
        _single(index, "Karim Haddad", birth_date="1971", nationality="France"),
        _single(index, "Karim Haddad"),
    ]
    assert float(got[0]) > float(got[2]) > float(got[1])  # agreeing evidence raises the score, differing lowers it


def test_named_type_column_and_unreadable_cells(index: ListIndex) -> None:
    header = ["name", "what", "dob"]
    rows = [["Ocean Pride", "organization", "1960"], ["Ocean Pride", "vessel", "not a date"], ["Ocean Pride", "customer", "12/01/60"]]
    got = _scores(index, header, rows, EvidenceColumns(type="what", birth_date="dob"))
    # an unreadable type or date is no evidence either way, as an unreadable country is
    assert got == [_single(index, "Ocean Pride", query_type="organization"), _single(index, "Ocean Pride", query_type="vessel"),
                   _single(index, "Ocean Pride")]
    assert got[1] > got[0]


def test_a_column_named_id_is_not_taken_for_identifiers(index: ListIndex) -> None:
    assert EvidenceColumns().found_in(["id", "name", "type"]).named() == ("type", None, None, None)
    assert EvidenceColumns(detect=False).found_in(["id", "name", "type"]).empty


def test_screen_file_takes_evidence_column_options(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("who,born,what\nHikvision,1999,vessel\n", encoding="utf-8")
    db = str(tmp_path / "s.sqlite")
    run = [sys.executable, "-m", "entitylist", "--db", db, "screen-file", str(source), "-o", str(target), "--column", "who"]

    def matched(*options: str) -> str:
        done = subprocess.run([*run, *options], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return next(csv.DictReader(target.open(encoding="utf-8")))["match_party_id"]

    missing = subprocess.run([*run, "--birth-date-column", "birth"], capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and missing.stderr.startswith("error:") and "no column 'birth'" in missing.stderr
    assert matched() == "cn-hikvision"  # "what" is no header name of a type column
    assert matched("--type-column", "what", "--birth-date-column", "born") == ""  # a company said to be a vessel
