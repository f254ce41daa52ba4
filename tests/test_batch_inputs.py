"""screen-file on malformed inputs and impossible outputs: one clear ``error:`` line, exit 2, no
output file left behind, never a hang, a traceback or an "internal error". In-process CLI calls
(fast enough for a large corpus); a few real subprocess runs live in ``test_screen_cli.py``."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import signal
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from entitylist.cli import main

Make = Callable[[Path], list[str]]  # builds the case in a folder; returns screen-file's arguments


def _csv(text: str, name: str = "in.csv") -> Make:
    def make(folder: Path) -> list[str]:
        (folder / name).write_text(text, encoding="utf-8")
        return [str(folder / name), "-o", str(folder / "out.csv"), "--column", "name"]

    return make


def _bytes(data: bytes, name: str, out: str = "out.csv") -> Make:
    def make(folder: Path) -> list[str]:
        (folder / name).write_bytes(data)
        return [str(folder / name), "-o", str(folder / out), "--column", "name"]

    return make


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _directory_input(folder: Path) -> list[str]:
    (folder / "in.csv").mkdir()
    return [str(folder / "in.csv"), "-o", str(folder / "out.csv"), "--column", "name"]


def _fifo_input(folder: Path) -> list[str]:
    os.mkfifo(folder / "in.csv")  # no writer: opening it would block for ever
    return [str(folder / "in.csv"), "-o", str(folder / "out.csv"), "--column", "name"]


def _device_input(device: str) -> Make:
    def make(folder: Path) -> list[str]:
        (folder / "in.csv").symlink_to(device)
        return [str(folder / "in.csv"), "-o", str(folder / "out.csv"), "--column", "name"]

    return make


def _output(make_target: Callable[[Path], Path]) -> Make:
    def make(folder: Path) -> list[str]:
        (folder / "in.csv").write_text("name\nHikvisoin\n", encoding="utf-8")
        return [str(folder / "in.csv"), "-o", str(make_target(folder)), "--column", "name"]

    return make


def _output_directory(folder: Path) -> Path:
    (folder / "out.csv").mkdir()
    return folder / "out.csv"


def _output_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "out.csv")
    return folder / "out.csv"


VALID_XLSX = _workbook([["name"], ["Hikvisoin"]])


def _with_saved_values(workbook: bytes, values: dict[str, str]) -> bytes:
    """The workbook with each formula cell given the text value a spreadsheet program saves with it."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                for cell, value in values.items():
                    data = re.sub(rb'<c r="' + cell.encode() + rb'"([^>]*)>(<f>.*?</f>)<v\s*/?>(</v>)?',
                                  lambda m, v=value: b'<c r="' + cell.encode() + b'"' + m.group(1) + b' t="str">' + m.group(2) + b"<v>" + v.encode() + b"</v>",
                                  data)
            target.writestr(item, data)
    return out.getvalue()

CASES: dict[str, tuple[Make, str]] = {
    "directory as input": (_directory_input, "is a directory"),
    "FIFO as input": (_fifo_input, "FIFO"),
    "character device as input": (_device_input("/dev/zero"), "device"),
    "null device as input": (_device_input("/dev/null"), "device"),
    "missing input": (lambda f: [str(f / "nope.csv"), "-o", str(f / "out.csv"), "--column", "name"], "no such file"),
    "unknown input type": (_bytes(b"name\nAcme\n", "in.txt"), "unknown file type"),
    "unknown output type": (_bytes(b"name\nAcme\n", "in.csv", out="out.pdf"), "unknown file type"),
    "output folder missing": (_output(lambda f: f / "missing" / "out.csv"), "does not exist"),
    "output is a directory": (_output(_output_directory), "is a directory"),
    "output is a FIFO": (_output(_output_fifo), "not a regular file"),
    "output is the input": (_output(lambda f: f / "in.csv"), "must not be the input"),
    "output folder is a file": (_output(lambda f: f / "in.csv" / "out.csv"), "in.csv is a file, not a folder"),
    "output is a folder without a suffix": (_output(lambda f: f), "is a directory; give a file name"),
    "quote never closed": (_csv('id,name\n1,"Hikvision\n2,Dahua\n3,Huawei\n'), "in.csv:2: a quote opened here is never closed"),
    "quote closed then text": (_csv('id,name\n1,"Hik"vision\n2,Dahua\n'), "in.csv:2: malformed quoting"),
    "quote reopened later": (_csv('id,name\n1,Acme\n2,"Dahua\n3,Huawei"x\n4,Sense\n'), "in.csv:3: malformed quoting"),
    "quote open in the header": (_csv('id,"name\n1,Acme\n'), "in.csv:1: a quote opened here is never closed"),
    "NUL byte": (_bytes(b"id,name\n1,Acme\x00 Ltd\n", "in.csv"), "in.csv:2: a NUL byte"),
    "UTF-16 text": (_bytes("name\nAcme\n".encode("utf-16"), "in.csv"), "NUL byte"),
    "gzip named .csv": (_bytes(gzip.compress(b"name\nAcme\n" * 50), "in.csv"), "NUL byte"),
    "empty CSV": (_csv(""), "the file is empty"),
    "Windows-1252 text read as UTF-8": (_bytes("id,name\n1,Société Générale\n".encode("cp1252"), "in.csv"),
                                        "in.csv:2: byte 0xE9 is not utf-8 text"),
    "invalid UTF-8 in the header": (_bytes(b"id,n\xe4me\n1,Acme\n", "in.csv"), "in.csv:1: byte 0xE4"),
    "unknown text encoding": (lambda f: [*_csv("name\nAcme\n")(f), "--encoding", "klingon"], "unknown text encoding"),
    "a codec of bytes as the encoding": (lambda f: [*_csv("name\nAcme\n")(f), "--encoding", "rot13"], "'rot13' is not a text encoding"),
    "UTF-8 read as UTF-16": (lambda f: [*_csv("name\nAcme\n")(f), "--encoding", "utf-16"], "in.csv: not utf-16 text"),
    "text read as punycode": (lambda f: [*_csv("name\nAcme\n")(f), "--encoding", "punycode"], "in.csv: not punycode text"),
    "JSON lone surrogate": (_bytes(b'{"name": "Hik\\ud800vision"}\n', "in.jsonl"), "in.jsonl:1: a \\u escape of half a character"),
    "JSON key given twice": (_bytes(b'{"name": "Hikvisoin", "name": "Megvii"}\n', "in.jsonl"), "in.jsonl:1: the key 'name' is given twice"),
    "JSON number too large for a float": (_bytes(b'{"name": "Acme", "n": 1e400}\n', "in.jsonl"), "in.jsonl:1: the number 1e400 is too large"),
    "JSON NaN": (_bytes(b'{"name": "Acme", "n": NaN}\n', "in.jsonl"), "in.jsonl:1: NaN is not a JSON value"),
    "no such column": (_csv("id,company\n1,Acme\n"), "no column 'name'"),
    "TSV quote never closed": (_bytes(b'id\tname\n1\t"Acme\n2\tDahua\n', "in.tsv"), "in.tsv:2: a quote opened here"),
    "TSV NUL byte": (_bytes(b"id\tname\n1\tAc\x00me\n", "in.tsv"), "in.tsv:2: a NUL byte"),
    "JSON nested 50,000 deep": (_bytes(b'{"name": "Acme", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n", "in.jsonl"),
                                "in.jsonl:1: JSON nested too deeply"),
    "JSON 5,000-digit number": (_bytes(b'{"name": "Acme", "n": ' + b"7" * 5000 + b"}\n", "in.jsonl"),
                                "in.jsonl:1: a number too long"),
    "JSON long number on a later line": (
        _bytes(b'{"name": "Acme"}\n' * 60 + b'{"name": "B", "n": [' + b"9" * 6000 + b"]}\n", "in.jsonl"), "in.jsonl:61:"),
    "not JSON": (_bytes(b'{"name": "Acme"}\nname,country\n', "in.jsonl"), "in.jsonl:2: not a JSON line"),
    "JSON array line": (_bytes(b'["Acme"]\n', "in.jsonl"), "in.jsonl:1: expected a JSON object"),
    "JSON invalid UTF-8": (_bytes(b'{"name": "Acme \xff"}\n', "in.jsonl"), "in.jsonl:1: not a JSON line"),
    "JSON no such key": (_bytes(b'{"company": "Acme"}\n', "in.jsonl"), "no column 'name'"),
    "empty JSON lines": (_bytes(b"", "in.jsonl"), "no column 'name'"),
    "text named .xlsx": (_bytes(b"name\nAcme\n", "in.xlsx"), "not a readable Excel"),
    "empty .xlsx": (_bytes(b"", "in.xlsx"), "not a readable Excel"),
    "truncated .xlsx": (_bytes(VALID_XLSX[: len(VALID_XLSX) // 2], "in.xlsx"), "not a readable Excel"),
    "workbook with an empty sheet": (_bytes(_workbook([]), "in.xlsx"), "the first sheet is empty"),
    "workbook with a formula never computed": (_bytes(_workbook([["name"], ["Acme"], ['="Hik"&"vision"']]), "in.xlsx"),
                                               'in.xlsx: cell A3 holds a formula (="Hik"&"vision") whose value the workbook does not keep'),
    "workbook without the column": (_bytes(_workbook([["company"], ["Acme"]]), "in.xlsx"), "no column 'name'"),
}


def _took_too_long(_signal: int, _frame: object) -> None:
    raise TimeoutError("screen-file hung")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("db") / "store.sqlite")


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``entitylist ARGS`` in this process: exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["entitylist", *args])
    monkeypatch.delenv("ENTITYLIST_DEBUG", raising=False)
    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_clear_error_and_leaves_no_output(
    case: str, tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make, needle = CASES[case]
    folder = tmp_path / "case"
    folder.mkdir()
    args = make(folder)
    before = {p.name for p in folder.iterdir()}
    signal.signal(signal.SIGALRM, _took_too_long)
    signal.alarm(60)  # a FIFO without a writer used to block for ever
    try:
        code, _out, err = run_main(["--db", db, "screen-file", *args], monkeypatch, capsys)
    finally:
        signal.alarm(0)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert needle in lines[0]
    assert "internal error" not in err and "Traceback" not in err
    assert {p.name for p in folder.iterdir()} == before  # no output, no partial file


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30


def test_formulas_with_saved_values_are_read_as_their_values(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook saved by a spreadsheet program keeps each formula's value: that is what is screened
    (a formula whose value is empty text is no error either)."""
    book = _with_saved_values(_workbook([["name"], ['="Hik"&"vision"'], ['=""']]), {"A2": "Hikvision", "A3": ""})
    (tmp_path / "in.xlsx").write_bytes(book)
    code, _out, err = run_main(["--db", db, "screen-file", str(tmp_path / "in.xlsx"), "-o", str(tmp_path / "out.csv"),
                                "--column", "name", "--workers", "1"], monkeypatch, capsys)
    assert code == 0, err
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("Hikvision,cn-hikvision,")


def test_a_quoted_cell_over_several_lines_is_still_one_row(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text('id,name,note\n1,Hikvisoin,"two\nlines"\n2,Acme,plain\n', encoding="utf-8")
    code, out, err = run_main(["--db", db, "screen-file", str(source), "-o", str(tmp_path / "out.jsonl"),
                               "--column", "name", "--json", "--workers", "1"], monkeypatch, capsys)
    assert code == 0, err
    assert json.loads(out)["rows"] == 2
    records = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["note"] for r in records] == ["two\nlines", "plain"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])  # (UTF-16: every ASCII letter has a NUL byte)
def test_a_file_in_another_encoding_is_read_as_that_encoding(
    encoding: str, tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes("id,name\n1,Société Générale\n2,Hikvisoin\n".encode(encoding))
    code, out, err = run_main(["--db", db, "screen-file", str(source), "-o", str(tmp_path / "out.csv"),
                               "--column", "name", "--encoding", encoding, "--json", "--workers", "1"], monkeypatch, capsys)
    assert code == 0, err
    assert json.loads(out)["rows_with_match"] == 1
    written = (tmp_path / "out.csv").read_text(encoding="utf-8")  # output is UTF-8, nothing replaced
    assert "Société Générale" in written and "\ufffd" not in written
