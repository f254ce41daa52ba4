"""Screening a whole file: CSV, TSV, Excel (.xlsx) or JSON lines, streamed, on every core.

Rows are read in chunks; the distinct (name, country, address) keys of a chunk that have not been
seen recently are screened in worker processes (forked, so each shares the parent's index
without copying it), several chunks in flight while finished ones are written; every input row
is written out, in order, with its columns and four more:
``match_party_id, match_party_name, match_name, match_score`` (empty when nothing matched). With
``all_matches`` a row is written once per match. Memory stays flat: one chunk in flight per
worker, and a bounded cache of recent results.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import json
import multiprocessing
import os
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from entitylist.errors import EntityListError, InvalidInput
from entitylist.matching.normalize import MAX_NAME_LENGTH
from entitylist.reference import vocabulary
from entitylist.screening import ListIndex

MATCH_COLUMNS = ("match_party_id", "match_party_name", "match_name", "match_score")
NO_MATCH = ("", "", "", "")
CHUNK_ROWS = 1000
CACHE_SIZE = 200_000
UNSCREENABLE_KEPT = 1000  # row numbers kept of the rows that could not be screened (all are counted)
FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}

Key = tuple[str, str | None, str | None]
Result = list[tuple[str, str, str, float]]


class BatchError(EntityListError):
    """The input file cannot be screened as asked."""


@dataclass
class BatchReport:
    """What a batch did. ``rows - screened`` rows could not be screened; ``unscreenable`` gives the
    first of them with the reason, so that a file of millions of empty names stays in memory bounds."""

    rows: int = 0
    screened: int = 0
    distinct: int = 0
    matched_rows: int = 0
    unscreenable: list[tuple[int, str]] = field(default_factory=list)

    @property
    def not_screened(self) -> int:
        return self.rows - self.screened


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(f"{path.name}: unknown file type {path.suffix!r} (use .csv, .tsv, .xlsx or .jsonl)")
    return fmt


# -- readers: a header and rows ------------------------------------------------------------------
# A row is a list of cells under the header (cells beyond the header follow them) for CSV, TSV and
# Excel, and the object itself for JSON lines, whose keys may differ from line to line.
Row = list[Any] | dict[str, Any]


class _Reader:
    header: list[str]

    def rows(self) -> Iterator[Row]:
        raise NotImplementedError

    def position(self) -> int:
        return 0

    def total(self) -> int | None:
        return None

    def close(self) -> None:
        return None


class _DelimitedReader(_Reader):
    def __init__(self, path: Path, delimiter: str) -> None:
        csv.field_size_limit(64 * 1024 * 1024)
        self._raw = path.open("rb")
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig", errors="replace", newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter)
        self._size = path.stat().st_size
        self._name = path.name
        try:
            self.header = next(self._reader)
        except StopIteration:
            raise BatchError(f"{path.name}: the file is empty") from None
        except csv.Error as error:
            raise BatchError(f"{path.name}: cannot read the header ({error})") from None

    def rows(self) -> Iterator[Row]:
        width = len(self.header)
        try:
            for values in self._reader:
                if len(values) < width:
                    values += [""] * (width - len(values))
                yield values
        except csv.Error as error:
            raise BatchError(f"{self._name}:{self._reader.line_num}: malformed row ({error})") from None

    def position(self) -> int:
        return self._raw.tell()

    def total(self) -> int | None:
        return self._size

    def close(self) -> None:
        self._text.close()


class _JsonLinesReader(_Reader):
    def __init__(self, path: Path) -> None:
        self._raw = path.open("rb")
        self._size = path.stat().st_size
        self._name = path.name
        self.header = []

    def rows(self) -> Iterator[Row]:
        for number, line in enumerate(self._raw, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                raise BatchError(f"{self._name}:{number}: not a JSON line ({error})") from None
            if not isinstance(row, dict):
                raise BatchError(f"{self._name}:{number}: expected a JSON object per line")
            yield row

    def position(self) -> int:
        return self._raw.tell()

    def total(self) -> int | None:
        return self._size

    def close(self) -> None:
        self._raw.close()


class _ExcelReader(_Reader):
    def __init__(self, path: Path) -> None:
        import zipfile

        from openpyxl import load_workbook

        try:
            self._book = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise BatchError(f"{path.name}: not a readable Excel (.xlsx) workbook ({error})") from None
        self._sheet = self._book.worksheets[0]
        self._iter = self._sheet.iter_rows(values_only=True)
        first = next(self._iter, None)
        if first is None:
            raise BatchError(f"{path.name}: the first sheet is empty")
        self.header = ["" if v is None else str(v) for v in first]
        self._done = 0

    def rows(self) -> Iterator[Row]:
        width = len(self.header)
        for values in self._iter:
            self._done += 1
            cells = ["" if v is None else v for v in values]
            while len(cells) > width and cells[-1] == "":  # blank cells past the header
                cells.pop()
            if len(cells) < width:
                cells += [""] * (width - len(cells))
            yield cells

    def position(self) -> int:
        return self._done

    def total(self) -> int | None:
        maximum = self._sheet.max_row
        return maximum - 1 if maximum else None

    def close(self) -> None:
        self._book.close()


def open_reader(path: Path) -> _Reader:
    if not path.exists():
        raise BatchError(f"{path}: no such file")
    fmt = file_format(path)
    if fmt == "csv":
        return _DelimitedReader(path, ",")
    if fmt == "tsv":
        return _DelimitedReader(path, "\t")
    if fmt == "jsonl":
        return _JsonLinesReader(path)
    return _ExcelReader(path)


# -- writers: each row with its match columns --------------------------------------------------
def _cells(row: Row, header: list[str]) -> list[Any]:
    """A row's cells in header order."""
    if isinstance(row, list):
        return row[: len(header)]
    return [row.get(column, "") for column in header]


def _surplus(row: Row, header: list[str]) -> list[Any]:
    """What the header has no column for, written after the match columns so that nothing is
    lost: cells beyond the header, or one cell with a JSON object of the keys it lacks."""
    if isinstance(row, list):
        return row[len(header):]
    known = set(header)
    extra = {key: value for key, value in row.items() if key not in known}
    return [json.dumps(extra, ensure_ascii=False, default=str)] if extra else []


class _Writer:
    def __init__(self, header: list[str]) -> None:
        self.header = header
        self.columns = header + [c for c in MATCH_COLUMNS if c not in header]

    def write(self, row: Row, match: Sequence[Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class _DelimitedWriter(_Writer):
    def __init__(self, out: TextIO, header: list[str], delimiter: str) -> None:
        super().__init__(header)
        self._out = out
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        self._writer.writerow(self.columns)
        self._width = len(header)

    def write(self, row: Row, match: Sequence[Any]) -> None:
        if isinstance(row, list) and len(row) == self._width:
            self._writer.writerow(row + list(match))  # the common case, kept short
        else:
            self._writer.writerow(_cells(row, self.header) + list(match) + _surplus(row, self.header))

    def close(self) -> None:
        self._out.close()


class _JsonLinesWriter(_Writer):
    def __init__(self, out: TextIO, header: list[str]) -> None:
        super().__init__(header)
        self._out = out

    def write(self, row: Row, match: Sequence[Any]) -> None:
        record = dict(row) if isinstance(row, dict) else dict(zip(self.header, row, strict=False))
        surplus = _surplus(row, self.header) if isinstance(row, list) else []
        if surplus:
            record["_surplus_cells"] = surplus
        record.update(zip(MATCH_COLUMNS, match, strict=True))
        self._out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def close(self) -> None:
        self._out.close()


class _ExcelWriter(_Writer):
    def __init__(self, path: Path, header: list[str]) -> None:
        from openpyxl import Workbook

        super().__init__(header)
        self._path = path
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("screened")
        self._sheet.append(self.columns)

    def write(self, row: Row, match: Sequence[Any]) -> None:
        self._sheet.append(_cells(row, self.header) + list(match) + _surplus(row, self.header))

    def close(self) -> None:
        self._book.save(self._path)


def open_writer(path: Path, header: list[str]) -> _Writer:
    fmt = file_format(path)
    if fmt == "xlsx":
        return _ExcelWriter(path, header)
    out = path.open("w", encoding="utf-8", newline="")
    if fmt == "jsonl":
        return _JsonLinesWriter(out, header)
    return _DelimitedWriter(out, header, "," if fmt == "csv" else "\t")


# -- screening in worker processes -------------------------------------------------------------
_WORKER_INDEX: ListIndex | None = None
_WORKER_OPTIONS: dict[str, Any] = {}


def _screen_keys(keys: list[Key]) -> list[Result]:
    index = _WORKER_INDEX
    assert index is not None
    out: list[Result] = []
    for name, country, address in keys:
        matches = index.screen(name, country=country, address=address, explain=False, **_WORKER_OPTIONS)
        out.append([(m.party_id, m.party_name, m.matched_name, round(m.score, 4)) for m in matches])
    return out


class _Columns:
    """Where a row keeps the name, country and address: a position in list rows, a key in objects."""

    def __init__(self, header: list[str], name: str, country: str | None, address: str | None) -> None:
        self.name, self.country, self.address = name, country, address
        self._at = {column: header.index(column) for column in (name, country, address) if column}
        self._codes: dict[str, str | None] = {}  # country as written -> code (files repeat a few)

    def get(self, row: Row, column: str | None) -> Any:
        if column is None:
            return None
        if isinstance(row, dict):
            return row.get(column)
        return row[self._at[column]]

    def key(self, row: Row) -> Key | str:
        """The screening key of a row, or why it cannot be screened."""
        value = self.get(row, self.name)
        name = value if isinstance(value, str) else "" if value is None else str(value)
        if not name or name.isspace():
            return "empty name"
        if len(name) > MAX_NAME_LENGTH:
            return f"name of {len(name)} characters (at most {MAX_NAME_LENGTH} are screened)"
        if self.country is None and self.address is None:
            return (name, None, None)
        return (name, self._country(row), str(self.get(row, self.address) or "").strip() or None)

    def _country(self, row: Row) -> str | None:
        written = str(self.get(row, self.country) or "").strip()
        if not written:
            return None
        if written not in self._codes:
            if len(self._codes) > 10_000:
                self._codes.clear()
            try:
                self._codes[written] = vocabulary().country_code(written)
            except InvalidInput:
                self._codes[written] = None  # an unreadable country is no evidence either way: screen by name
        return self._codes[written]


def screen_file(
    index: ListIndex,
    source: Path,
    target: Path,
    *,
    column: str,
    country_column: str | None = None,
    address_column: str | None = None,
    threshold: float | None = None,
    all_matches: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> BatchReport:
    """Screen every row of ``source`` and write ``target``; see the module docstring."""
    global _WORKER_INDEX, _WORKER_OPTIONS
    if source.resolve() == target.resolve():
        raise InvalidInput("the output file must not be the input file")
    reader = open_reader(source)
    report = BatchReport()
    try:
        header = list(reader.header)
        rows = reader.rows()
        first_rows: list[Row] = []
        if not header:  # JSON lines: the header is the keys of the first rows
            for row in rows:
                assert isinstance(row, dict)
                first_rows.append(row)
                for key in row:
                    if key not in header:
                        header.append(key)
                if len(first_rows) >= 50:
                    break
        for wanted in (column, country_column, address_column):
            if wanted and wanted not in header:
                raise BatchError(f"{source.name}: no column {wanted!r} (columns: {', '.join(header[:20]) or 'none'})")
        columns = _Columns(header, column, country_column, address_column)
        vocabulary()  # load before forking, so workers share it
        _WORKER_INDEX = index
        _WORKER_OPTIONS = {"threshold": threshold, "limit": 10 if all_matches else 1}
        # workers are forked so that they share the index; where processes cannot fork (Windows)
        # the file is screened in this process
        count = (workers or os.cpu_count() or 1) if "fork" in multiprocessing.get_all_start_methods() else 1
        partial = target.with_name(f"{target.stem}.partial{target.suffix}")
        writer = open_writer(partial, header)
        finished = False
        cache: OrderedDict[Key, Result] = OrderedDict()
        # Forked workers share the parent's index page by page until something writes to it; the
        # collector would (it marks every object it visits), so the index is frozen out of its
        # reach before forking.
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(count) if count > 1 else None
        try:
            # Chunks are read and their new keys sent to the workers by the pool's feeder thread
            # while this thread writes finished chunks: reading, screening and writing overlap.
            pending: deque[tuple[list[Row], list[Key | str], list[Key]]] = deque()
            sent: OrderedDict[Key, None] = OrderedDict()  # keys already on their way (feeder's own)

            def work() -> Iterator[list[Key]]:
                chunk = list(first_rows)
                for row in itertools.chain(rows, [None]):
                    if row is not None:
                        chunk.append(row)
                        if len(chunk) < CHUNK_ROWS:
                            continue
                    if not chunk:
                        break
                    keys = [columns.key(r) for r in chunk]
                    todo = [k for k in dict.fromkeys(keys) if isinstance(k, tuple) and k not in sent]
                    for k in todo:
                        sent[k] = None
                    while len(sent) > CACHE_SIZE // 2:
                        sent.popitem(last=False)
                    pending.append((chunk, keys, todo))
                    yield todo
                    chunk = []

            results = pool.imap(_screen_keys, work()) if pool is not None else map(_screen_keys, work())
            for screened in results:
                chunk, keys, todo = pending.popleft()
                report.distinct += len(todo)
                for done, result in zip(todo, screened, strict=True):
                    cache[done] = result
                while len(cache) > CACHE_SIZE:
                    cache.popitem(last=False)
                for row, row_key in zip(chunk, keys, strict=True):
                    report.rows += 1
                    if not isinstance(row_key, tuple):
                        if len(report.unscreenable) < UNSCREENABLE_KEPT:
                            report.unscreenable.append((report.rows, row_key))
                        writer.write(row, NO_MATCH)
                        continue
                    report.screened += 1
                    found = cache.get(row_key)
                    if found is None:  # evicted between chunks: screen again here
                        found = _screen_keys([row_key])[0]
                    if not found:
                        writer.write(row, NO_MATCH)
                        continue
                    report.matched_rows += 1
                    for match in found if all_matches else found[:1]:
                        writer.write(row, match)
                if progress:
                    progress(reader.position(), reader.total())
            finished = True
        finally:
            if pool is not None:
                pool.close()
                pool.join()
            gc.unfreeze()
            writer.close()
            if finished:
                partial.replace(target)  # the output appears whole or not at all
            else:
                partial.unlink(missing_ok=True)
    finally:
        reader.close()
        _WORKER_INDEX = None
    return report
