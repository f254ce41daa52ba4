"""Screened rows out: each input row with its cells, the match columns and whatever the header
has no column for, as CSV, TSV, Excel or JSON lines, onto a binary stream.

CSV, TSV and Excel cells that a spreadsheet would run as a formula are neutralised
(``entitylist.cells``) unless ``raw``; JSON lines are written as read. Excel cells are always
written as values, never formulas, even raw.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import IO, Any, Final

from entitylist.batch.formats import BatchError
from entitylist.batch.readers import Row
from entitylist.cells import FORMULA_START, neutralise_row

MATCH_COLUMNS = ("match_party_id", "match_party_name", "match_name", "match_score")
EMPTY_MATCH: Final = ("",) * len(MATCH_COLUMNS)  # the match cells of a row that matched nothing


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


class RowWriter:
    def __init__(self, header: list[str], extra: Sequence[str] = ()) -> None:
        self.header = header
        self.added = (*MATCH_COLUMNS, *extra)  # what each write's ``match`` holds, in order
        self.columns = header + [c for c in self.added if c not in header]

    def write(self, row: Row, match: Sequence[Any]) -> None:
        raise NotImplementedError

    def write_many(self, pairs: Sequence[tuple[Row, Sequence[Any]]]) -> None:
        """Rows in order, each with its match, as ``write`` writes them one by one."""
        for row, match in pairs:
            self.write(row, match)

    def finish(self) -> None:
        """Flush everything to the stream (which the caller closes)."""
        raise NotImplementedError


class _EndLinesWithLf:
    """Passes csv's lines on with "\n" in place of their "\r\n"."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text

    def write(self, line: str) -> int:
        return self._text.write(line[:-2] + "\n")


_Lines = Callable[[list[tuple[Row, Sequence[Any]]], int, str, tuple[str, ...], str, bool], "str | None"]


def _compiled_lines() -> _Lines | None:
    """``_lines.lines`` where the build compiled it (see ``DelimitedWriter.write_many``); None
    where it did not, and the Python path writes every chunk."""
    try:
        from entitylist.batch import _lines
    except ImportError:
        return None
    return _lines.lines


_LINES: Final = _compiled_lines()

# a cell that begins a formula, after the separator of the cells joined (a carriage return is
# looked for on its own, anywhere)
_AFTER_SEPARATOR: Final = tuple("\x1f" + c for c in sorted(FORMULA_START - {"\r"}))


def _quoted(cells: list[str], delimiter: str) -> list[str]:
    """The cells, each holding the delimiter between quotes (as csv quotes a cell that holds no
    quote or line break)."""
    return [f'"{cell}"' if delimiter in cell else cell for cell in cells]


class DelimitedWriter(RowWriter):
    """Lines end with "\n". A cell holding a carriage return is quoted too (a csv writer whose
    lines end with "\n" alone would leave it bare, and a reader would split the row there)."""

    def __init__(self, out: IO[bytes], header: list[str], delimiter: str, raw: bool, extra: Sequence[str] = ()) -> None:
        super().__init__(header, extra)
        self._text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
        self._lf_writer = csv.writer(self._text, delimiter=delimiter, lineterminator="\n")
        self._crlf_writer = csv.writer(_EndLinesWithLf(self._text), delimiter=delimiter, lineterminator="\r\n")
        self._raw = raw
        self._width = len(header)
        self._delimiter = delimiter
        # (what makes csv quote a cell, with lines ended by "\n": the delimiter, the quote, a line break)
        self._quoted_by: Final[tuple[str, str, str]] = (delimiter, '"', "\n")
        self._unmatched: Final = delimiter * len(EMPTY_MATCH)  # (the empty match's cells, after the row's)
        self._write_checked(list(self.columns))

    def _suspect(self, text: str) -> bool:
        """Whether any of the cells joined by "\x1f" in ``text`` needs a second look: one holds a
        carriage return or, unless raw, begins as a formula would. (Substring searches, each a
        fast scan of the whole chunk: a pattern of alternatives was tried at every position.)"""
        if "\r" in text:
            return True
        if self._raw:
            return False
        return text[:1] in FORMULA_START or any(start in text for start in _AFTER_SEPARATOR)

    def _write_checked(self, values: list[Any]) -> None:
        if not self._raw:
            values = neutralise_row(values)
        has_cr = any(isinstance(v, str) and "\r" in v for v in values)
        (self._crlf_writer if has_cr else self._lf_writer).writerow(values)

    def write(self, row: Row, match: Sequence[Any]) -> None:
        matched = bool(match[0])
        # the common cases, kept short: no match, or a match without annotations (its score is a number)
        if isinstance(row, list) and len(row) == self._width and (not matched or len(match) == len(MATCH_COLUMNS)):
            try:
                text = "\x1f".join(row)
                if matched:
                    text = f"{text}\x1f{match[0]}\x1f{match[1]}\x1f{match[2]}"
                suspect = self._suspect(text)
            except TypeError:  # not all text (Excel input)
                suspect = True
            if not suspect:
                self._lf_writer.writerow(row + list(match))
                return
        self._write_checked(_cells(row, self.header) + list(match) + _surplus(row, self.header))

    def write_many(self, pairs: Sequence[tuple[Row, Sequence[Any]]]) -> None:
        """A chunk's rows: when every one takes ``write``'s short way (text cells, as many as the
        header, no cell to neutralise), one search over them all, and the lines written as
        ``_write_lines`` writes them, the same lines; otherwise row by row. (Joined with the
        separator, the cells of all the rows hold a suspect cell exactly when the cells of one
        row do.) Compiled, ``_lines.c`` makes the same lines of such a chunk in one call."""
        width, plain = self._width, len(MATCH_COLUMNS)
        if _LINES is not None and isinstance(pairs, list):
            made = _LINES(pairs, width, self._delimiter, EMPTY_MATCH, self._unmatched, self._raw)
            if made is not None:
                self._text.write(made)
                return
        texts: list[str] = []
        rows: list[list[Any]] = []
        try:
            for row, match in pairs:
                if not isinstance(row, list) or len(row) != width:
                    break
                if match[0]:
                    if len(match) != plain:
                        break
                    texts.append("\x1f".join(row) + "\x1f" + "\x1f".join(match[:3]))
                else:
                    texts.append("\x1f".join(row))
                rows.append(row)
            else:
                if not self._suspect("\x1f".join(texts)):
                    self._write_lines(rows, [match for _row, match in pairs], texts)
                    return
        except TypeError:  # not all text (Excel input)
            pass
        for row, match in pairs:
            self.write(row, match)

    def _write_lines(self, rows: list[list[Any]], matches: list[Sequence[Any]], texts: list[str]) -> None:
        """Rows that need no neutralising, with their matches, each with its cells joined by
        "\x1f" in ``texts`` (a match's first three): a row none of whose cells csv would quote
        (no delimiter, quote or line break: most rows), with no match or one scored by a float,
        is its cells joined by the delimiter, as csv writes it, made without csv's test of each
        character of each cell against the line ending (a call per character, most of the
        writing). A row whose cells hold the delimiter but no quote or line break (a fifth of
        company names hold a comma: "Co., Ltd.") is joined so too, each such cell between
        quotes, as csv quotes a cell that needs no escaping in every Python version. csv writes
        the others. The score is written as ``str`` writes a float, as csv does."""
        delimiter, (first, second, third) = self._delimiter, self._quoted_by
        unmatched = self._unmatched
        out: list[str] = []
        for at in range(len(rows)):
            row, match, text = rows[at], matches[at], texts[at]
            line = ""
            if second in text or third in text:
                pass  # (a quote to double, a line break: csv's own way)
            elif not match[0]:
                if match == EMPTY_MATCH:
                    line = delimiter.join(_quoted(row, first) if first in text else row) + unmatched
            elif isinstance(match[3], float):
                cells = [*row, *match[:3]]  # (a matched row: few)
                line = f"{delimiter.join(_quoted(cells, first) if first in text else cells)}{delimiter}{match[3]!s}"
            if not line:  # (never so made: a line made so holds at least the delimiters between the cells)
                if out:  # (what came before it first: one stream, in order)
                    self._text.write("".join(out))
                    out = []
                self._lf_writer.writerow(row + list(match))
                continue
            out.append(line)
            out.append("\n")
        if out:
            self._text.write("".join(out))

    def finish(self) -> None:
        self._text.flush()
        self._text.detach()


class JsonLinesWriter(RowWriter):
    def __init__(self, out: IO[bytes], header: list[str], extra: Sequence[str] = ()) -> None:
        super().__init__(header, extra)
        self._text = io.TextIOWrapper(out, encoding="utf-8", newline="")

    def write(self, row: Row, match: Sequence[Any]) -> None:
        record = dict(row) if isinstance(row, dict) else dict(zip(self.header, row, strict=False))
        surplus = _surplus(row, self.header) if isinstance(row, list) else []
        if surplus:
            record["_surplus_cells"] = surplus
        record.update(zip(self.added, match, strict=True))
        self._text.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def finish(self) -> None:
        self._text.flush()
        self._text.detach()


class ExcelWriter(RowWriter):
    def __init__(self, out: IO[bytes], header: list[str], raw: bool, extra: Sequence[str] = ()) -> None:
        from openpyxl import Workbook

        super().__init__(header, extra)
        self._out = out
        self._raw = raw
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet("screened")
        self._written = 0
        self._append(list(self.columns))

    def _append(self, values: list[Any]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils.exceptions import IllegalCharacterError

        self._written += 1
        if not self._raw:
            values = neutralise_row(values)
        try:
            cells: list[Any] = []
            for value in values:
                if isinstance(value, str) and value.startswith("="):  # raw: text, never a formula
                    cell = WriteOnlyCell(self._sheet, value=value)
                    cell.data_type = "s"
                    cells.append(cell)
                else:
                    cells.append(value)
            self._sheet.append(cells)
        except IllegalCharacterError:
            raise BatchError(
                f"output row {self._written}: a control character that Excel cannot store; write CSV or JSON lines instead"
            ) from None

    def write(self, row: Row, match: Sequence[Any]) -> None:
        self._append(_cells(row, self.header) + list(match) + _surplus(row, self.header))

    def finish(self) -> None:
        self._book.save(self._out)


def open_writer(out: IO[bytes], fmt: str, header: list[str], *, raw: bool = False, extra: Sequence[str] = ()) -> RowWriter:
    """A writer of ``fmt``; ``extra`` names columns written after the match columns (each write's
    ``match`` then holds their cells too)."""
    if fmt == "xlsx":
        return ExcelWriter(out, header, raw, extra)
    if fmt == "jsonl":
        return JsonLinesWriter(out, header, extra)
    return DelimitedWriter(out, header, "," if fmt == "csv" else "\t", raw, extra)
