"""Outputs that are safe to open in a spreadsheet and lose nothing, and memory that stays flat."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from entitylist import bundled
from entitylist.batch import CHUNK_ROWS, BatchEngine, Executor, ForkPoolExecutor, InProcessExecutor, IterableSource, screen_file
from entitylist.batch.engine import WINDOWS_IN_FLIGHT, ResultCache
from entitylist.batch.writers import DelimitedWriter, open_writer
from entitylist.cells import neutralise
from entitylist.exporters import EXPORTERS
from entitylist.model import Alias, AliasKind
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

DANGEROUS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1"]
EXCEL_DANGEROUS = DANGEROUS[:-1]  # a workbook's XML turns a lone carriage return into a line feed
HARMLESS = ["-5", "+1.25", "-3e-4", "Acme", "'=already quoted", "", "a=b"]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    _rules, actions = bundled.load()
    return ListIndex(listed_on(actions, dt.date(2026, 11, 1)))


def test_neutralise_follows_owasp_and_leaves_numbers_alone() -> None:
    assert [neutralise(v) for v in DANGEROUS] == ["'" + v for v in DANGEROUS]
    assert [neutralise(v) for v in HARMLESS] == HARMLESS
    assert neutralise(-5) == -5 and neutralise(0.92) == 0.92


def _formula_rows() -> list[list[str]]:
    return [["id", "name", "note"], *([str(i), "Hikvisoin" if i == 0 else f"Acme {i}", v] for i, v in enumerate(DANGEROUS + HARMLESS))]


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.mark.parametrize("raw", [False, True])
def test_csv_output_neutralises_formulas_unless_raw(tmp_path: Path, index: ListIndex, raw: bool) -> None:
    rows = _formula_rows()
    source = _write(tmp_path / "in.csv", rows)
    screen_file(index, source, tmp_path / "out.csv", column="name", workers=1, raw=raw)
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as handle:
        written = list(csv.reader(handle))
    notes = [row[2] for row in written[1:]]
    assert notes == (DANGEROUS + HARMLESS if raw else ["'" + v for v in DANGEROUS] + HARMLESS)
    assert written[1][3:] == ["cn-hikvision", "Hikvision", "Hikvision", written[1][6]]
    assert 0 < float(written[1][6]) <= 1  # the score stays a number


@pytest.mark.parametrize("raw", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize(
    "notes",
    [HARMLESS, DANGEROUS + HARMLESS, ["a\rb", *HARMLESS], ["a,b", *HARMLESS], ['say "hi"', *HARMLESS], ["two\nlines", *HARMLESS], ["a\tb", *HARMLESS]],
)
def test_a_chunk_written_at_once_is_written_as_row_by_row(raw: bool, fmt: str, notes: list[str]) -> None:
    """The engine writes a chunk's rows at once; the bytes are those of writing them one by one,
    whether or not a cell needs neutralising (or quoting, for a carriage return)."""
    match = ("cn-1", "=Acme", "Acme", 0.9132)
    pairs: list[tuple[list[str] | dict[str, str], tuple[str, str, str, float] | tuple[str, ...]]] = [
        ([str(i), f"Acme {i}", note], match if i % 3 == 0 else ("", "", "", "")) for i, note in enumerate(notes)
    ]
    pairs.append((["99", "short row"], ("", "", "", "")))  # fewer cells than the header
    pairs.append(({"id": "7", "name": "Acme", "note": "x", "extra": "y"}, match))  # an object, with a key beyond the header
    one_by_one, at_once = io.BytesIO(), io.BytesIO()
    writer = open_writer(one_by_one, fmt, ["id", "name", "note"], raw=raw)
    for row, found in pairs:
        writer.write(row, found)
    writer.finish()
    writer = open_writer(at_once, fmt, ["id", "name", "note"], raw=raw)
    writer.write_many(pairs[:len(notes)])  # the common chunk: every row as wide as the header
    writer.write_many(pairs[len(notes):])
    writer.finish()
    assert at_once.getvalue() == one_by_one.getvalue()
    assert at_once.getvalue().count(b"\n") >= len(pairs) + 1


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_random_chunks_are_written_as_row_by_row(fmt: str) -> None:
    """Chunks of random cells over the characters csv quotes or a spreadsheet runs (and some it
    does neither for), with and without matches: written at once (joined directly where no cell
    needs quoting or only a cell holding the delimiter does, by csv otherwise), they are the bytes
    of writing each row by itself."""
    rng = random.Random(11)
    letters = "ab ,;\"\n\t=+-@'\x1f\u00e9\u4e2d"
    plain = delimited = 0
    for _chunk in range(400):
        pairs: list[tuple[list[str] | dict[str, str], tuple[str, str, str, float] | tuple[str, ...]]] = []
        for _row in range(rng.randint(1, 6)):
            # (mostly cells of plain letters, so that many chunks need no quoting at all)
            pool = letters if rng.random() < 0.2 else "ab \u00e9xyz"
            row = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 4))) for _cell in range(2)]
            found = (f"id-{rng.randint(1, 9)}", row[1] or "x", "listed", round(rng.random(), 4)) if rng.random() < 0.3 else ("", "", "", "")
            pairs.append((row, found))
        one_by_one, at_once = io.BytesIO(), io.BytesIO()
        writer = open_writer(one_by_one, fmt, ["id", "name"])
        for row, found in pairs:
            writer.write(row, found)
        writer.finish()
        writer = open_writer(at_once, fmt, ["id", "name"])
        writer.write_many(pairs)
        writer.finish()
        assert at_once.getvalue() == one_by_one.getvalue(), pairs
        cells = [cell for row, found in pairs for cell in [*row, *found[:3]]]
        plain += not any(mark in cell for cell in cells for mark in (",\t"[fmt == "tsv"], '"', "\n", "\r"))
        delimited += any(",\t"[fmt == "tsv"] in cell for cell in cells) and not any(
            mark in cell for cell in cells for mark in ('"', "\n", "\r")
        )
    assert plain > 100  # (chunks of rows none of which csv quotes: many)
    assert delimited > 20  # (chunks whose only quoted cells hold the delimiter, joined directly: many)


@pytest.mark.parametrize("raw", [False, True])
def test_excel_output_has_no_formulas_and_keeps_numbers(tmp_path: Path, index: ListIndex, raw: bool) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name", "note"])
    for number, note in enumerate(EXCEL_DANGEROUS):
        text = WriteOnlyCell(sheet, value=note)
        text.data_type = "s"  # text in the input, not a formula
        sheet.append([-number - 1, f"Acme {number}", text])  # negative numbers: real numbers, not text
    sheet.append([7, "Hikvisoin", "ok"])
    book.save(tmp_path / "in.xlsx")
    screen_file(index, tmp_path / "in.xlsx", tmp_path / "out.xlsx", column="name", workers=1, raw=raw)
    out = load_workbook(tmp_path / "out.xlsx")
    cells = list(out.worksheets[0].iter_rows(min_row=2))
    assert all(cell.data_type != "f" for row in cells for cell in row)  # nothing runs, raw or not
    assert [row[0].value for row in cells] == [-1, -2, -3, -4, -5, 7]
    expected = EXCEL_DANGEROUS if raw else ["'" + v for v in EXCEL_DANGEROUS]
    assert [row[2].value for row in cells[:-1]] == expected
    assert isinstance(cells[-1][6].value, float) and cells[-1][3].value == "cn-hikvision"


def test_json_lines_output_is_written_as_read(tmp_path: Path, index: ListIndex) -> None:
    source = _write(tmp_path / "in.csv", _formula_rows())
    screen_file(index, source, tmp_path / "out.jsonl", column="name", workers=1)
    notes = [json.loads(line)["note"] for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert notes == DANGEROUS + HARMLESS


def _parties_with_formula_names() -> list[PartyState]:
    _rules, actions = bundled.load()
    state = listed_on(actions, dt.date(2026, 11, 1))[0]
    party = state.party.model_copy(update={"name": "=cmd|' /C calc'!A0", "aliases": (Alias(name="@evil", kind=AliasKind.AKA),)})
    return [dataclasses.replace(state, party=party)]


@pytest.mark.parametrize("raw", [False, True])
def test_csv_export_neutralises_formulas_unless_raw(raw: bool) -> None:
    out = io.StringIO()
    EXPORTERS["csv"](_parties_with_formula_names(), out, raw=raw)
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert first["name"] == ("=cmd|' /C calc'!A0" if raw else "'=cmd|' /C calc'!A0")
    assert first["alt_names"] == ("@evil" if raw else "'@evil")
    json_out = io.StringIO()
    EXPORTERS["json"](_parties_with_formula_names(), json_out, raw=raw)
    assert json.loads(json_out.getvalue())["results"][0]["name"] == "=cmd|' /C calc'!A0"  # JSON: unchanged


def _counted_rows(count: int, log: list[int]) -> Iterator[list[str]]:
    for number in range(count):
        log[0] = number + 1
        yield [str(number), f"Company {number} Trading"]


class _Watched(io.BytesIO):
    """An output that notes, at each write, how many rows the source has given beyond those
    written (the header line aside)."""

    def __init__(self, given: list[int]) -> None:
        super().__init__()
        self.given, self.lines, self.leads = given, 0, [0]

    def write(self, data: Any) -> int:
        self.lines += bytes(data).count(b"\n")
        self.leads.append(self.given[0] - max(0, self.lines - 1))
        return super().write(data)


@pytest.mark.parametrize(
    ("executor", "window"), [(InProcessExecutor(), 1), (ForkPoolExecutor(2), 16)], ids=["in-process", "fork pool"],
)
def test_reading_stays_a_bounded_distance_ahead_of_writing(index: ListIndex, executor: Executor, window: int) -> None:
    """The parent holds a few chunks, never the file (it used to read all of it while workers
    screened): two windows of ``window`` chunks in flight (2 workers x 8 chunks each for the pool)
    and the chunk being read (the output's text buffer lags by less than a chunk)."""
    read = [0]
    rows = 80 * CHUNK_ROWS
    out = _Watched(read)
    engine = BatchEngine(index, column="name", executor=executor)
    report = engine.run(IterableSource(["id", "name"], _counted_rows(rows, read)), out, "csv")
    assert report.rows == rows
    assert out.lines == rows + 1
    assert max(out.leads) <= (WINDOWS_IN_FLIGHT * window + 1) * CHUNK_ROWS
    assert max(out.leads) > (WINDOWS_IN_FLIGHT * window - 1) * CHUNK_ROWS  # (the test sees the windows)


def test_the_result_cache_is_bounded() -> None:
    cache = ResultCache(1000)
    for number in range(100_000):
        cache.put((f"name {number}", None, None), ())
    assert sum(1 for number in range(100_000) if (f"name {number}", None, None) in cache) <= 1000
    assert ("name 99999", None, None) in cache


@pytest.mark.parametrize(
    ("where", "needle"),
    [("missing/out.csv", "does not exist"), ("folder", "is a directory")],
)
def test_export_to_an_impossible_output_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str, needle: str
) -> None:
    from .test_batch_inputs import run_main

    (tmp_path / "folder").mkdir()
    code, _out, err = run_main(["--db", str(tmp_path / "db.sqlite"), "export", "csv", "-o", str(tmp_path / where)],
                               monkeypatch, capsys)
    assert code == 2 and err.startswith("error: ") and needle in err and len(err.splitlines()) == 1, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]  # refused before the store is opened
    assert list((tmp_path / "folder").iterdir()) == []


@pytest.mark.parametrize("raw", [False, True])
def test_a_chunk_is_suspect_exactly_where_a_cell_holds_a_carriage_return_or_begins_a_formula(raw: bool) -> None:
    """The writer's one look over a chunk's cells joined by "\\x1f" (substring searches) finds
    what a search for the pattern it stands for finds, for every text of up to five characters
    over the characters that matter."""
    pattern = re.compile("\r" if raw else "\r|(?:^|\x1f)[=+\\-@\t]")
    writer = DelimitedWriter(io.BytesIO(), ["name"], ",", raw)
    suspect = 0
    for size in range(6):
        for letters in itertools.product("a=+-@\t\r\x1f'", repeat=size):
            text = "".join(letters)
            expected = pattern.search(text) is not None
            assert writer._suspect(text) is expected, repr(text)
            suspect += expected
    assert suspect > 1000


class _Score(float):
    """A float of a subclass: the compiled lines leave its row to Python (``str`` may differ)."""


@pytest.mark.parametrize("raw", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_compiled_lines_are_the_lines_written_row_by_row(raw: bool, fmt: str) -> None:
    """``_lines.lines`` makes a chunk's lines in C: where it answers, its text is the bytes of
    writing each row by itself; it leaves to Python every chunk with a row it does not take (a
    cell csv would quote for more than the delimiter, a formula unless raw, a cell that is no
    str, a match it does not know), over cells of one, two and four bytes a character."""
    _lines = pytest.importorskip("entitylist.batch._lines")
    from entitylist.batch.writers import EMPTY_MATCH

    delimiter = ",\t"[fmt == "tsv"]
    rng = random.Random(7)
    letters = "ab ,;\"\n\r\t=+-@'\x1f\u00e9\u4e2d\U0001f600"
    answered = refused = 0
    for _chunk in range(1500):
        width = rng.randint(1, 3)
        pairs: list[tuple[object, object]] = []
        for _row in range(rng.randint(1, 5)):
            pool = letters if rng.random() < 0.15 else "ab \u00e9xyz,"
            row: list[object] = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 5))) for _cell in range(width)]
            odd = rng.random()
            if odd < 0.02:
                row[0] = 7  # not text
            elif odd < 0.04:
                row = row[:-1]  # narrower than the header
            kind = rng.random()
            found: object
            if kind < 0.5:
                found = EMPTY_MATCH
            elif kind < 0.6:
                found = ("", "", "", "")  # equal to the empty match, another tuple
            elif kind < 0.95:
                name = "".join(rng.choice(pool) for _ in range(rng.randint(1, 5)))
                found = (f"id-{rng.randint(1, 9)}", name, "listed", rng.choice([round(rng.random(), 4), 1.0, 1e-05, 0.1 + 0.2]))
            elif kind < 0.97:
                found = ("id-1", "A", "a", _Score(0.5))
            elif kind < 0.99:
                found = ("", "A", "a", 0.5)  # no party, but cells: csv's way
            else:
                found = ["", "", "", ""]  # a list: csv's way
            pairs.append((row, found))
        header = [f"c{i}" for i in range(width)]
        made = _lines.lines(pairs, width, delimiter, EMPTY_MATCH, delimiter * len(EMPTY_MATCH), raw)
        one_by_one = io.BytesIO()
        writer = open_writer(one_by_one, fmt, header, raw=raw)
        for row, found in pairs:
            writer.write(row, found)  # type: ignore[arg-type]
        writer.finish()
        at_once = io.BytesIO()
        writer = open_writer(at_once, fmt, header, raw=raw)
        writer.write_many(pairs)  # type: ignore[arg-type]
        writer.finish()
        assert at_once.getvalue() == one_by_one.getvalue(), pairs
        expected = one_by_one.getvalue().decode("utf-8").split("\n", 1)[1]  # (after the header)
        if made is None:
            refused += 1
            cells = [c for row, found in pairs for c in [*row, *(found[:3] if isinstance(found, tuple) else found)]]  # type: ignore[misc]
            odd_cell = any(not isinstance(c, str) or any(m in c for m in '"\n\r\x1f') for c in cells)
            formula = not raw and any(isinstance(c, str) and c[:1] in "=+-@\t\r" for c in cells)
            odd_row = any(
                not isinstance(row, list) or len(row) != width or not (found == EMPTY_MATCH and isinstance(found, tuple))
                and not (isinstance(found, tuple) and found[0] and type(found[3]) is float)
                for row, found in pairs
            )
            assert odd_cell or formula or odd_row, pairs  # (refused only for a reason)
        else:
            answered += 1
            assert made == expected, pairs
    assert answered > 500 and refused > 200


def test_compiled_lines_refuse_what_they_cannot_take() -> None:
    _lines = pytest.importorskip("entitylist.batch._lines")
    from entitylist.batch.writers import EMPTY_MATCH

    with pytest.raises(TypeError):
        _lines.lines([], 1, ",", EMPTY_MATCH, ",,,,")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _lines.lines((), 1, ",", EMPTY_MATCH, ",,,,", False)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _lines.lines([], 1, ",;", EMPTY_MATCH, ",,,,", False)
    with pytest.raises(TypeError):
        _lines.lines([], "1", ",", EMPTY_MATCH, ",,,,", False)  # type: ignore[arg-type]
    assert _lines.lines([], 1, ",", EMPTY_MATCH, ",,,,", False) == ""
    assert _lines.lines([(["a,b"], EMPTY_MATCH)], 1, ",", EMPTY_MATCH, ",,,,", False) == '"a,b",,,,\n'
    assert _lines.lines([(["a"], ("p", "N", "n", 0.5))], 1, ",", EMPTY_MATCH, ",,,,", False) == "a,p,N,n,0.5\n"
    assert _lines.lines([(["a"],)], 1, ",", EMPTY_MATCH, ",,,,", False) is None  # type: ignore[list-item]
