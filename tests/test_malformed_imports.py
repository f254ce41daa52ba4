"""A corpus of malformed inputs, walked through every importer by the real CLI entry point.

Each case must end in one clear line on stderr (``error: ...``, never "internal error" or a
traceback), exit code 2 (bad input), and a store unchanged: the same actions and no new
successful import (a refusal by the snapshot guards is logged with ``ok`` false, nothing else).
The CLI runs in-process (``entitylist.cli.main`` with patched argv), so the corpus takes seconds.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import os
import random
import sqlite3
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from entitylist.cli import main
from entitylist.importers.csl import CSV_COLUMNS
from entitylist.importing import import_source
from entitylist.store import Store

from .official_formats import EL, base_rows, el_row, ftm_lines, write_csl_csv, write_csl_json, write_ftm, write_sdn_files

FIXTURES = Path(__file__).parent / "fixtures"
HTML_PAGE = b"<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>Try later</body></html>"


@dataclass
class Case:
    """One malformed input: the files to write (relative path -> bytes), what to import, and extra options."""

    kind: str
    format: str
    source: str
    files: dict[str, bytes] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    special: str = ""  # "dir", "fifo" or "device": the source is not a regular file
    needle: str = ""  # a word the message must hold


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_ALL, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in CSV_COLUMNS})
    return out.getvalue().encode()


def _json_records(mutate: Callable[[dict[str, object]], None]) -> bytes:
    out = io.StringIO()
    records = json.loads(_good_json())["results"]
    mutate(records[1])
    json.dump({"results": records}, out)
    return out.getvalue().encode()


def _good_json() -> str:
    from tempfile import TemporaryDirectory

    with TemporaryDirectory() as folder:
        return write_csl_json(Path(folder) / "c.json", base_rows()).read_text(encoding="utf-8")


def _sdn_files() -> dict[str, bytes]:
    from tempfile import TemporaryDirectory

    with TemporaryDirectory() as folder:
        write_sdn_files(Path(folder))
        return {f"ofac/{p.name}": p.read_bytes() for p in Path(folder).iterdir()}


def _ftm(entities: list[object]) -> bytes:
    return "".join(json.dumps(e) + "\n" for e in entities).encode()


def _garbage(seed: int, size: int = 4096) -> bytes:
    return random.Random(seed).randbytes(size)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("consolidated.csv", _csv(base_rows()))
    return out.getvalue()


def generic_cases(format: str, name: str, good: bytes) -> list[Case]:
    """What can go wrong with any file: empty, binary, the wrong thing saved in its place, not a file."""
    deep = b"[" * 50_000 + b"]" * 50_000
    cases = [
        Case("empty file", format, name, {name: b""}),
        Case("whitespace only", format, name, {name: b"  \n\n\t \r\n"}),
        Case("byte-order mark only", format, name, {name: b"\xef\xbb\xbf"}),
        Case("NUL bytes only", format, name, {name: b"\x00" * 512}),
        Case("binary garbage", format, name, {name: _garbage(1)}),
        Case("binary garbage", format, name, {name: _garbage(2, 100)}),
        Case("HTML error page", format, name, {name: HTML_PAGE}),
        Case("HTML error page", format, name, {name: b"\n  <html><body>Access denied</body></html>"}),
        Case("gzip file", format, name, {name: gzip.compress(good)}),
        Case("zip file", format, name, {name: _zip()}),
        Case("UTF-16 text", format, name, {name: good.decode("utf-8").encode("utf-16")}),
        Case("cut in the middle", format, name, {name: good[: len(good) // 2 + 7]}),
        Case("first bytes only", format, name, {name: good[:40]}),
        Case("JSON nested 50,000 deep", format, name, {name: deep}),
        Case("5,000-digit number", format, name, {name: b"9" * 5000}),
        Case("directory", format, name, special="dir", needle="directory"),
        Case("FIFO without a writer", format, name, special="fifo", needle="FIFO"),
        Case("character device", format, name, special="device", needle="device"),
        Case("missing file", format, name, needle="no such file"),
    ]
    return cases


def csl_csv_cases() -> list[Case]:
    rows = base_rows()
    good = _csv(rows)
    lines = good.decode().splitlines(keepends=True)

    def edited(index: int, old: str, new: str) -> bytes:
        changed = list(lines)
        changed[index] = changed[index].replace(old, new, 1)
        return "".join(changed).encode()

    many = _csv([el_row(f"Example Trading Company Number {i}") for i in range(40)])
    cases = generic_cases("csl", "c.csv", good) + [
        Case("header only", "csl", "c.csv", {"c.csv": lines[0].encode()}, needle="holds no entries"),
        Case("missing name column", "csl", "c.csv", {"c.csv": good.replace(b'"name"', b'"nom"', 1)}, needle="missing column name"),
        Case("semicolon-separated", "csl", "c.csv", {"c.csv": b"_id;source;name\n1;EL;X\n"}),
        Case("tab-separated", "csl", "c.csv", {"c.csv": b"_id\tsource\tname\n1\tEL\tX\n"}),
        Case("unbalanced quote at the end", "csl", "c.csv", {"c.csv": good + b'"x","' + EL.encode() + b'","Cut Co'},
             needle=f"c.csv:{len(lines) + 1}: a quote opened in this record is never closed"),
        # (the line of the bad record, not the last good one: a DictReader's count stops before it)
        Case("stray quote inside a field", "csl", "c.csv", {"c.csv": edited(1, '"Hangzhou', '"Hang"zhou')}, needle="c.csv:2: malformed CSV"),
        Case("quote doubled at a row's start", "csl", "c.csv", {"c.csv": edited(3, '"', '""')}, needle="c.csv:4: malformed CSV"),
        Case("NUL byte inside a field", "csl", "c.csv", {"c.csv": edited(2, "Hebei", "He\x00bei")}, needle="NUL"),
        Case("row with fewer cells", "csl", "c.csv", {"c.csv": good + f'"9","{EL}","Short Row Co"\n'.encode()}, needle="columns"),
        Case("row with more cells", "csl", "c.csv", {"c.csv": edited(1, "\n", ',"extra"\n')}, needle="columns"),
        Case("impossible start_date", "csl", "c.csv", {"c.csv": edited(1, "2019-10-09", "2019-02-30")}, needle="invalid date"),
        Case("empty name", "csl", "c.csv", {"c.csv": edited(3, "Xi?an Institute of Optics", "  ")}, needle="empty name"),
        Case("200,000-character name", "csl", "c.csv", {"c.csv": edited(3, "Xi?an Institute of Optics", "X" * 200_000)}),
        Case("unknown source list", "csl", "c.csv", {"c.csv": edited(1, "Entity List (EL)", "Secret List (SL)")}, needle="unknown source"),
        Case("not UTF-8 in a row", "csl", "c.csv", {"c.csv": good.replace(b"Hikvision Digital", b"Hikvision \xff Digital", 1)}, needle="UTF-8"),
        Case("Latin-1 encoded", "csl", "c.csv", {"c.csv": good.decode().replace("Xi?an", "Xi’an").encode("cp1252")}, needle="UTF-8"),
        Case("cut at a line end (most rows gone)", "csl", "many.csv", {"many.csv": b"".join(many.splitlines(keepends=True)[:5])}, needle="would remove"),
        Case("unknown --source code", "csl", "c.csv", {"c.csv": good}, args=("--source", "EL,NOPE"), needle="NOPE"),
        Case("empty --dataset", "csl", "c.csv", {"c.csv": good}, args=("--dataset", ""), needle="empty"),
        Case("500-character --dataset", "csl", "c.csv", {"c.csv": good}, args=("--dataset", "a" * 500), needle="500 characters"),
        Case("--dataset with a path", "csl", "c.csv", {"c.csv": good}, args=("--dataset", "../csl"), needle="not a dataset name"),
        Case("--dataset of the Federal Register", "csl", "c.csv", {"c.csv": good}, args=("--dataset", "federal-register"), needle="reserved"),
        Case("--without for a CSL", "csl", "c.csv", {"c.csv": good}, args=("--without", "alt"), needle="import sdn"),
        Case("--max-removal-share out of range", "csl", "c.csv", {"c.csv": good}, args=("--max-removal-share", "5"), needle="between 0 and 1"),
        Case("an entry's _id twice", "csl", "c.csv", {"c.csv": good + lines[1].encode()}, needle="appears twice"),
        Case("a name of zero-width characters", "csl", "c.csv", {"c.csv": edited(3, "Xi?an Institute of Optics", "\u200b\u200c")}, needle="empty name"),
        Case("a name of direction marks", "csl", "c.csv", {"c.csv": edited(3, "Xi?an Institute of Optics", "\u202e\u200f")}, needle="empty name"),
        Case("a name of combining marks", "csl", "c.csv", {"c.csv": edited(3, "Xi?an Institute of Optics", "\u0301\u0301")}, needle="empty name"),
    ]
    return cases


def csl_json_cases() -> list[Case]:
    good = _good_json().encode()
    cases = generic_cases("csl", "c.json", good)
    wrong_types: list[tuple[str, object]] = [
        ("name", {"x": 1}),
        ("name", ["A", "B"]),
        ("name", True),
        ("name", 12),
        ("source", {"code": "EL"}),
        ("start_date", 20191009),
        ("federal_register_notice", ["84 FR 54002"]),
        ("license_requirement", {"text": "all"}),
        ("remarks", [1, 2]),
        ("type", False),
        ("alt_names", {"a": "b"}),
        ("alt_names", 3),
        ("alt_names", ["ok", 7]),
        ("alt_names", [None]),
        ("alt_names", [["nested"]]),
        ("programs", True),
        ("nationalities", [{"country": "CN"}]),
        ("addresses", {"address": "x"}),
        ("addresses", 42),
        ("addresses", [1, 2]),
        ("addresses", [{"address": {"street": "x"}}]),
        ("addresses", [{"city": ["a"]}]),
        ("ids", 7),
        ("ids", [["Passport", "1"]]),
        ("ids", [{"number": {"n": 1}}]),
    ]
    for key, value in wrong_types:

        def mutate(record: dict[str, object], key: str = key, value: object = value) -> None:
            record[key] = value

        cases.append(Case(f"wrong type: {key}", "csl", "c.json", {"c.json": _json_records(mutate)}, needle=key))
    document = json.loads(good)
    records = document["results"]
    cases += [
        Case("no results array", "csl", "c.json", {"c.json": b'{"items": []}'}, needle="results"),
        Case("results not a list", "csl", "c.json", {"c.json": b'{"results": {"a": 1}}'}, needle="results"),
        Case("top-level number", "csl", "c.json", {"c.json": b"[1, 2, 3]"}, needle="expected an object"),
        Case("top-level string", "csl", "c.json", {"c.json": b'"hello"'}, needle="not a Consolidated Screening List JSON"),
        Case("top-level null", "csl", "c.json", {"c.json": b"null"}, needle="not a Consolidated Screening List JSON"),
        # (as a NUL byte in a CSV row: dropped, it renamed the entry)
        Case("NUL escape inside a name", "csl", "c.json", {"c.json": good.replace(b"Hikvision", b"Hik\\u0000vision", 1)},
             needle="results[0]: NUL"),
        Case("a result that is text", "csl", "c.json", {"c.json": json.dumps({"results": [*records, "x"]}).encode()}, needle="expected an object"),
        Case("a result that is null", "csl", "c.json", {"c.json": json.dumps({"results": [None, *records]}).encode()}, needle="null"),
        Case("empty results", "csl", "c.json", {"c.json": b'{"results": []}'}, needle="holds no entries"),
        Case("an entry's id twice", "csl", "c.json", {"c.json": json.dumps({"results": [*records, records[0]]}).encode()}, needle="appears twice"),
        Case("a zero-width name", "csl", "c.json", {"c.json": json.dumps({"results": [*records[1:], {**records[0], "name": "\u200b"}]}).encode()}, needle="empty name"),
        Case("total larger than the results", "csl", "c.json", {"c.json": json.dumps({"total": 9, "results": records}).encode()}, needle="announces 9"),
        Case("total as text", "csl", "c.json", {"c.json": json.dumps({"total": "5", "results": records}).encode()}, needle="total"),
        Case("negative total", "csl", "c.json", {"c.json": json.dumps({"total": -1, "results": records}).encode()}, needle="total"),
        Case("trailing garbage", "csl", "c.json", {"c.json": good + b"}}"}, needle="malformed JSON"),
        Case("huge number in a record", "csl", "c.json", {"c.json": b'{"results": [{"name": "A", "entity_number": ' + b"9" * 5000 + b"}]}"}, needle="digits"),
        Case("NaN in a record", "csl", "c.json", {"c.json": b'{"results": [{"name": NaN, "source": "EL"}]}'}, needle="name"),
    ]
    return cases


def sdn_cases() -> list[Case]:
    files = _sdn_files()
    main_rows = files["ofac/sdn.csv"]

    def but(**changes: bytes | None) -> dict[str, bytes]:
        out = dict(files)
        for name, content in changes.items():
            key = f"ofac/{name.replace('_csv', '.csv')}"
            if content is None:
                out.pop(key)
            else:
                out[key] = content
        return out

    orphans = files["ofac/alt.csv"] + b"".join(f'{n},9{n},"aka","GONE {n}",-0- \n'.encode() for n in (10, 11, 12, 13))
    cases = [Case(c.kind, "sdn", "ofac", {**files, **{k.replace("sdn.csv", "ofac/sdn.csv"): v for k, v in c.files.items()}}, c.args, c.special, c.needle)
             for c in generic_cases("sdn", "sdn.csv", main_rows) if not c.special and c.kind != "missing file"]
    cases += [
        Case("directory as sdn.csv", "sdn", "ofac/sdn.csv", {k: v for k, v in files.items() if not k.endswith("/sdn.csv")}, special="dir", needle="no such file"),
        Case("FIFO as sdn.csv", "sdn", "ofac/sdn.csv", {k: v for k, v in files.items() if not k.endswith("/sdn.csv")}, special="fifo", needle="FIFO"),
        Case("folder without sdn.csv", "sdn", "ofac", but(sdn_csv=None), needle="no such file"),
        Case("alt.csv missing", "sdn", "ofac", but(alt_csv=None), needle="--without alt"),
        Case("add.csv missing", "sdn", "ofac", but(add_csv=None), needle="--without add"),
        Case("sdn_comments.csv missing", "sdn", "ofac", but(sdn_comments_csv=None), needle="--without comments"),
        Case("unknown --without", "sdn", "ofac", files, args=("--without", "aliases"), needle="unknown companion"),
        Case("cut at a line end", "sdn", "ofac", but(sdn_csv=main_rows.splitlines(keepends=True)[0]), needle="cut off"),
        Case("companions speak of absent entries", "sdn", "ofac", but(alt_csv=orphans), needle="cut off"),
        Case("short row in sdn.csv", "sdn", "ofac", but(sdn_csv=main_rows + b'99,"SHORT"\n'), needle="columns"),
        Case("short row in alt.csv", "sdn", "ofac", but(alt_csv=files["ofac/alt.csv"] + b"306,9\n"), needle="alt.csv"),
        Case("short row in add.csv", "sdn", "ofac", but(add_csv=b"36\n"), needle="add.csv"),
        Case("short row in sdn_comments.csv", "sdn", "ofac", but(sdn_comments_csv=b"306\n"), needle="sdn_comments.csv"),
        Case("NUL in alt.csv", "sdn", "ofac", but(alt_csv=files["ofac/alt.csv"].replace(b"AERO", b"AE\x00RO")), needle="NUL"),
        Case("NUL in sdn.csv", "sdn", "ofac", but(sdn_csv=main_rows.replace(b"BANCO", b"BAN\x00CO")), needle="NUL"),
        Case("unbalanced quote in sdn.csv", "sdn", "ofac", but(sdn_csv=main_rows + b'5000,"UNFINISHED,-0- \n'),
             needle=f"sdn.csv:{len(main_rows.splitlines()) + 1}: a quote opened in this record is never closed"),
        Case("unbalanced quote in add.csv", "sdn", "ofac", but(add_csv=b'36,25,"Havana,"Cuba",-0- \n'), needle="add.csv"),
        Case("entry number not a number", "sdn", "ofac", but(sdn_csv=main_rows.replace(b"4319,", b"43A9,")), needle="not a number"),
        Case("entry number twice", "sdn", "ofac", but(sdn_csv=main_rows.replace(b"4319,", b"306,")), needle="twice"),
        Case("empty name", "sdn", "ofac", but(sdn_csv=main_rows.replace(b'"AEROCARIBBEAN AIRLINES"', b"-0- ")), needle="empty name"),
        Case("a zero-width name", "sdn", "ofac", but(sdn_csv=main_rows.replace(b'"AEROCARIBBEAN AIRLINES"', '"\u200b\u200b"'.encode())), needle="empty name"),
        Case("Latin-1 in sdn.csv", "sdn", "ofac", but(sdn_csv=main_rows.replace(b"AEROCARIBBEAN", "AËROCARIBBEAN".encode("latin-1"))), needle="UTF-8"),
        Case("HTML page as alt.csv", "sdn", "ofac", but(alt_csv=HTML_PAGE), needle="HTML"),
        Case("CSL given as sdn.csv", "sdn", "ofac", but(sdn_csv=_csv(base_rows())), needle="sdn"),
        Case("--source other than SDN", "sdn", "ofac", files, args=("--source", "EL"), needle="only the SDN list"),
    ]
    return cases


def ftm_cases() -> list[Case]:
    good = _ftm(list(ftm_lines()))
    company = {"id": "c1", "schema": "Company", "properties": {"name": ["Acme Example Co"]}}

    def with_entity(entity: object) -> dict[str, bytes]:
        return {"e.json": good + _ftm([entity])}

    cases = generic_cases("ftm", "e.json", good) + [
        Case("unknown schema", "ftm", "e.json", with_entity({**company, "schema": "Compnay"}), needle="unknown FollowTheMoney schema"),
        Case("NUL escape inside a name", "ftm", "e.json",
             with_entity({**company, "properties": {**company["properties"], "name": ["Acme\u0000 Ltd"]}}), needle="NUL"),
        Case("schema not text", "ftm", "e.json", with_entity({**company, "schema": ["Company"]}), needle="schema"),
        Case("no schema", "ftm", "e.json", with_entity({"id": "x", "properties": {}}), needle="schema"),
        Case("line is a list", "ftm", "e.json", {"e.json": good + b"[1, 2]\n"}, needle="schema"),
        Case("line is a number", "ftm", "e.json", {"e.json": good + b"42\n"}, needle="schema"),
        Case("properties not an object", "ftm", "e.json", with_entity({**company, "properties": ["Acme"]}), needle="properties"),
        Case("property value a number", "ftm", "e.json", with_entity({**company, "properties": {"name": [5]}}), needle="properties.name"),
        Case("property value nested list", "ftm", "e.json", with_entity({**company, "properties": {"name": [["Acme"]]}}), needle="properties.name"),
        Case("property value object without schema", "ftm", "e.json", with_entity({**company, "properties": {"name": [{"x": 1}]}}), needle="properties.name"),
        Case("id a number", "ftm", "e.json", with_entity({**company, "id": 5}), needle="id"),
        Case("datasets not a list", "ftm", "e.json", with_entity({**company, "datasets": "x"}), needle="datasets"),
        Case("party without a name", "ftm", "e.json", with_entity({**company, "properties": {}}), needle="no name"),
        Case("party without an id", "ftm", "e.json", with_entity({**company, "id": ""}), needle="without an id"),
        Case("nested entity of unknown schema", "ftm", "e.json", with_entity({**company, "properties": {"name": ["A"], "addressEntity": [{"schema": "Adress"}]}}), needle="Adress"),
        Case("bad sanction date", "ftm", "e.json", with_entity({"id": "s9", "schema": "Sanction", "properties": {"entity": ["NK-dahua"], "startDate": ["2019-13-45"]}}), needle="invalid date"),
        Case("2,001-character name", "ftm", "e.json", with_entity({**company, "properties": {"name": ["N" * 2001]}}), needle="characters long"),
        Case("truncated last line", "ftm", "e.json", {"e.json": good + b'{"id": "c1", "schema": "Comp'}, needle="not a JSON line"),
        Case("deeply nested line", "ftm", "e.json", {"e.json": good + b'{"schema": "Company", "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}\n"}, needle="nested too deeply"),
        Case("huge number in a line", "ftm", "e.json", {"e.json": good + b'{"schema": "Company", "x": ' + b"9" * 5000 + b"}\n"}, needle="digits"),
        Case("addresses only", "ftm", "e.json", {"e.json": _ftm([ftm_lines()[0]])}, needle="holds no entries"),
        Case("related parties only", "ftm", "e.json", {"e.json": _ftm([ftm_lines()[3]])}, needle="holds no entries"),
        Case("--source for FTM", "ftm", "e.json", {"e.json": good}, args=("--source", "EL"), needle="imported whole"),
    ]
    return cases


def fr_rule_cases() -> list[Case]:
    good = (FIXTURES / "fr_2021-13395.txt").read_bytes()
    text = good.decode("utf-8")
    return generic_cases("fr-rule", "rule.txt", good) + [
        Case("a notice, not a rule", "fr-rule", "rule.txt", {"rule.txt": b"DEPARTMENT OF AGRICULTURE\nNotice of a meeting.\n"}, needle="not a Federal Register rule"),
        Case("no date at all", "fr-rule", "rule.txt", {"rule.txt": text.replace("DATES:", "WHEN:").replace("(Thursday, June 24, 2021)", "").encode()}, needle="effective date"),
        Case("no citation", "fr-rule", "rule.txt", {"rule.txt": b"Part 744 Entity List\nDATES: This rule is effective June 24, 2021.\n"}, needle="citation"),
        Case("no amendatory instruction", "fr-rule", "rule.txt", {"rule.txt": text.replace("is amended by adding", "is discussed").encode()}, needle="amendatory instruction"),
        Case("cut after the first entry", "fr-rule", "rule.txt", {"rule.txt": text[: text.index("Xinjiang Daqo New Energy, Co. Ltd, ")].encode()}, needle="cut off"),
        Case("an entry named by zero-width characters", "fr-rule", "rule.txt",
             {"rule.txt": text.replace("2021-13395", "2021-99999").replace("Pages 33119-33122", "Pages 99119-99122").replace("Xinjiang Daqo New Energy, Co. Ltd, No. 66", "\u200b\u200b, No. 66").encode()},
             needle="empty name"),  # (another rule's number: the store holds this one)
        Case("a NUL byte inside an entry's name", "fr-rule", "rule.txt",
             {"rule.txt": text.replace("Xinjiang Daqo New Energy", "Xinjiang Da\x00qo New Energy").encode()}, needle="line"),
        Case("a NUL byte inside the HTML form", "fr-rule", "rule.html",
             {"rule.html": ("<html><body><pre>" + text.replace("Xinjiang Daqo New Energy", "Xinjiang Da\x00qo New Energy") + "</pre></body></html>").encode()},
             needle="NUL byte"),
        Case("--source other than EL", "fr-rule", "rule.txt", {"rule.txt": good}, args=("--source", "SDN"), needle="Entity List only"),
        Case("--dataset of another history", "fr-rule", "rule.txt", {"rule.txt": good}, args=("--dataset", "csl"), needle="federal-register"),
    ]


CORPUS = csl_csv_cases() + csl_json_cases() + sdn_cases() + ftm_cases() + fr_rule_cases()


def _fingerprint(db: Path) -> tuple[int, str, int]:
    """The actions (count and a digest of every row) and the number of successful imports."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT sequence, dataset, party_id, kind, document FROM actions ORDER BY sequence").fetchall()
        ok = conn.execute("SELECT count(*) FROM imports WHERE ok").fetchone()[0]
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest(), int(ok)


@pytest.fixture(scope="module")
def populated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the bundled history and a csl, an sdn and an ftm dataset."""
    folder = tmp_path_factory.mktemp("populated")
    db = folder / "store.sqlite"
    with Store.open(str(db)) as store:
        import_source(store, "csl", str(write_csl_csv(folder / "csl.csv", base_rows())))
        import_source(store, "sdn", str(write_sdn_files(folder / "ofac")))
        import_source(store, "ftm", str(write_ftm(folder / "ftm.json", ftm_lines())))
    return db


def _materialise(case: Case, folder: Path) -> str:
    for name, content in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    source = folder / case.source
    if case.special == "dir":
        source.mkdir(parents=True, exist_ok=True)
    elif case.special == "fifo":
        os.mkfifo(source)
    elif case.special == "device":
        return os.devnull
    return str(source)


def test_the_corpus_is_large_and_covers_every_importer() -> None:
    by_format = Counter(case.format for case in CORPUS)
    assert len(CORPUS) >= 100 and set(by_format) == {"csl", "sdn", "ftm", "fr-rule"}, by_format


@pytest.mark.parametrize("case", CORPUS, ids=[f"{c.format}-{i}-{c.kind}" for i, c in enumerate(CORPUS)])
def test_malformed_input_gives_one_clear_error_and_changes_nothing(
    case: Case, populated_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if case.special == "fifo" and not hasattr(os, "mkfifo") or case.special == "device" and not os.path.exists(os.devnull):
        pytest.skip("no FIFOs or devices on this system")
    source = _materialise(case, tmp_path)
    before = _fingerprint(populated_db)
    monkeypatch.setattr("sys.argv", ["entitylist", "--db", str(populated_db), "import", case.format, source, *case.args])
    monkeypatch.delenv("ENTITYLIST_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert exit_info.value.code == 2, err
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "internal error" not in err and "Traceback" not in err
    assert case.needle.lower() in lines[0].lower(), lines[0]
    assert _fingerprint(populated_db) == before
