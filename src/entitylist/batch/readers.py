"""Row streams: a header and rows, from a file path, uploaded bytes or an iterator of rows.

A row is a list of cells under the header (cells beyond the header follow them) for CSV, TSV and
Excel, and the object itself for JSON lines, whose keys may differ from line to line. Reading is
strict: a quote left open, a NUL byte, a JSON line too deep or with a number too long to read is a
``file:line: problem`` error, never rows silently merged or dropped.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final

from entitylist.batch.formats import BatchError, NotStrictJson, file_format
from entitylist.paths import check_input_file

Row = list[Any] | dict[str, Any]
HEADER_SAMPLE = 50  # JSON lines: the header is the keys of the first lines


class RowSource:
    """A header and the rows under it, read once."""

    name: str
    header: list[str]

    def rows(self) -> Iterator[Row]:
        raise NotImplementedError

    def chunks(self, size: int) -> Iterator[list[Row]]:
        """The rows in lists of ``size`` (the last may be shorter), as the batch engine takes them."""
        chunk: list[Row] = []
        for row in self.rows():
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def position(self) -> int:
        """How far reading has got, in the unit of ``total`` (bytes or rows)."""
        return 0

    def total(self) -> int | None:
        return None

    def close(self) -> None:
        return None


class _NulGuard(io.RawIOBase):
    """The bytes of a stream, refusing a NUL byte (no CSV or TSV file holds one), checked a block
    at a time, not a line at a time: the check costs nothing per row."""

    def __init__(self, raw: IO[bytes], name: str) -> None:
        super().__init__()
        self._raw, self._name, self._lines_before = raw, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        if b"\x00" in data:
            line = self._lines_before + data[: data.index(b"\x00")].count(b"\n") + 1
            raise BatchError(f"{self._name}:{line}: a NUL byte (is this a binary file, or UTF-16 text? then give --encoding utf-16)")
        self._lines_before += data.count(b"\n")
        buffer[: len(data)] = data
        return len(data)


class _Raw(io.RawIOBase):
    """The bytes of a stream, as they are (the reader of a text that may hold NUL bytes)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _writes_ascii_as_itself(encoding: str) -> bool:
    """Whether an encoding writes the ASCII characters as their own bytes (UTF-8, cp1252, Latin-1,
    ...; not UTF-16 or UTF-32)."""
    try:
        return "a,\n".encode(encoding) == b"a,\n"
    except (UnicodeError, LookupError):
        return False


class _ByteStreamSource(RowSource):
    """Rows parsed from a byte stream; progress is the bytes read of its size."""

    _raw: IO[bytes]
    _size: int | None

    def position(self) -> int:
        return self._raw.tell()

    def total(self) -> int | None:
        return self._size

    def close(self) -> None:
        self._raw.close()


def _first_undecodable(raw: IO[bytes], encoding: str) -> tuple[int, str] | None:
    """The line and the byte (in hex) of the first bytes of ``raw`` that are not text in
    ``encoding``, reading it again from the start; None when it cannot be read again."""
    try:
        if not raw.seekable():
            return None
        raw.seek(0)
    except (OSError, ValueError):
        return None
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    for block in iter(lambda: raw.read(1 << 16), b""):
        try:
            line += decoder.decode(block).count("\n")
        except UnicodeDecodeError as error:
            return line + error.object[: error.start].count(b"\n"), error.object[error.start : error.start + 1].hex().upper()
    return None


# characters ``str.splitlines`` ends a line at besides "\n", "\r" and "\r\n", where csv does not:
# those in ASCII, and the others
_OTHER_LINE_ENDS: Final = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_OTHER_LINE_ENDS_BEYOND_ASCII: Final = ("\x85", "\u2028", "\u2029")
TEXT_BLOCK: Final = 1 << 16  # characters decoded at a time
FIELD_LIMIT: Final = 64 * 1024 * 1024  # characters of one cell, at most (csv refuses a longer one)


def _split_rows(lines: list[str], at: int, delimiter: str, width: int, limit: int, most: int) -> list[Row]:
    """The rows of ``lines[at:]`` (each a line with its ending), at most ``most``, up to the first
    line that holds a quote or is longer than ``limit`` (csv reads those, and csv refuses a cell
    longer than its limit): each line's ending cut off ("\n", "\r\n" or "\r"), split at the
    delimiter as csv splits a line with no quote (an empty line: no cells), without csv's step
    per character, and padded with empty cells to ``width``. (``_lines.split`` where compiled.)"""
    rows: list[Row] = []
    for index in range(at, len(lines)):
        line = lines[index]
        if len(rows) >= most or '"' in line or len(line) > limit:
            break
        content = line.rstrip("\r\n")
        values = content.split(delimiter) if content else []
        if len(values) < width:
            values += [""] * (width - len(values))
        rows.append(values)
    return rows


def _compiled_split() -> Callable[[list[str], int, str, int, int, int], list[Row]]:
    """``_lines.split`` where the build compiled it, else ``_split_rows``: the same rows."""
    try:
        from entitylist.batch import _lines
    except ImportError:
        return _split_rows
    return _lines.split


_SPLIT: Final = _compiled_split()


def _split_lines(text: str) -> list[str]:
    """A text's lines with their endings, ended only by "\n", "\r\n" or "\r" (as a stream read
    with ``newline=""`` ends them, and csv)."""
    # (each character looked for in turn: a scan of the block in C each, where a pattern of them
    # took some thirty instructions a character)
    for end in _OTHER_LINE_ENDS if text.isascii() else _OTHER_LINE_ENDS + _OTHER_LINE_ENDS_BEYOND_ASCII:
        if end in text:
            return io.StringIO(text, newline="").readlines()  # (rare: the stream's own splitting)
    return text.splitlines(keepends=True)


class _Lines:
    """A text's lines with their endings, as a text stream read with ``newline=""`` gives them
    (ended by "\n", "\r\n" or "\r"), decoded a block at a time and split at once, and counted.
    csv reads the lines that need it from here too."""

    def __init__(self, text: IO[str], block: int = TEXT_BLOCK) -> None:
        self._text, self._block = text, block
        self._lines: list[str] = []
        self._at = 0
        # the line the blocks read so far end inside (or after its "\r", which a "\n" may follow), in parts
        self._rest: list[str] = []
        self._ended = False
        self.count = 0  # lines read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.next_line()
        if not line:
            raise StopIteration
        return line

    def next_line(self) -> str:
        """The next line, "" after the last."""
        if self._at >= len(self._lines) and not self._fill():
            return ""
        line = self._lines[self._at]
        self._at += 1
        self.count += 1
        return line

    def rows_without_quotes(self, delimiter: str, width: int, most: int) -> list[Row] | None:
        """The next lines as rows, at most ``most``, up to the first that csv must read (one that
        holds a quote, or is longer than csv's limit), split as ``_split_rows`` splits them
        (``_lines.split`` where compiled), and read: [] where the next line is one csv must read,
        None after the last line."""
        if self._at >= len(self._lines) and not self._fill():
            return None
        taken = _SPLIT(self._lines, self._at, delimiter, width, FIELD_LIMIT, most)
        self._at += len(taken)
        self.count += len(taken)
        return taken

    def _fill(self) -> bool:
        """The lines of the next block that holds a line's end; False after the last line."""
        while not self._ended:
            block = self._text.read(self._block)
            if not block:
                self._ended = True
                rest = "".join(self._rest)  # (the last line, or two where it was held after a "\r")
                self._lines, self._at, self._rest = (_split_lines(rest) if rest else []), 0, []
                return bool(self._lines)
            if "\n" not in block and "\r" not in block:
                self._rest.append(block)  # (inside a line: a long one is joined once, when it ends)
                continue
            lines = _split_lines("".join(self._rest) + block if self._rest else block)
            self._rest = [] if lines[-1].endswith("\n") else [lines.pop()]
            if lines:
                self._lines, self._at = lines, 0
                return True
        return False


class DelimitedSource(_ByteStreamSource):
    """CSV or TSV text in ``encoding`` (UTF-8 by default), decoded strictly: a byte that is not
    text in that encoding is an error naming the line, never a silently replaced character (the
    output would carry the damaged name, and screening would miss it)."""

    def __init__(
        self, raw: IO[bytes], name: str, delimiter: str, size: int | None, encoding: str = "utf-8", text_block: int = TEXT_BLOCK,
    ) -> None:
        csv.field_size_limit(FIELD_LIMIT)
        self.name, self._raw, self._size = name, raw, size
        self._encoding = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
        # (a NUL byte is no text in an encoding that writes ASCII as itself; in UTF-16 and UTF-32
        # every ASCII letter has one)
        stream: io.RawIOBase = _NulGuard(raw, name) if _writes_ascii_as_itself(encoding) else _Raw(raw)
        guarded = io.BufferedReader(stream, buffer_size=64 * 1024)
        self._text = io.TextIOWrapper(guarded, encoding=self._encoding, errors="strict", newline="")
        self._delimiter = delimiter
        self._lines = _Lines(self._text, text_block)
        self._reader = csv.reader(self._lines, delimiter=delimiter, strict=True)
        try:
            self.header = next(self._reader)
        except StopIteration:
            raise BatchError(f"{name}: the file is empty") from None
        except csv.Error as error:
            raise self._quoting_error(error, 1) from None
        except UnicodeDecodeError as error:
            raise self._decoding_error(error, 1) from None
        except UnicodeError as error:  # (a UTF-16 text without its byte-order mark, ...)
            raise BatchError(f"{name}: not {encoding} text ({' '.join(str(error).split())})") from None

    def _decoding_error(self, error: UnicodeDecodeError, line: int) -> BatchError:
        """The error for bytes that are not text, at the line they are on when the input can be
        read again from the start (text is decoded a block ahead of the rows)."""
        found = _first_undecodable(self._raw, self._encoding)
        if found is not None:
            line, byte = found
        else:
            byte = error.object[error.start : error.start + 1].hex().upper()
        hint = " (save it as UTF-8, or give its encoding, e.g. --encoding cp1252)" if self._encoding == "utf-8-sig" else ""
        return BatchError(f"{self.name}:{line}: byte 0x{byte} is not {self._encoding.removesuffix('-sig')} text{hint}")

    def _quoting_error(self, error: csv.Error, line: int) -> BatchError:
        if "unexpected end of data" in str(error):
            problem = "a quote opened here is never closed (the rest of the file would be one cell)"
        else:
            problem = f"malformed quoting ({error}; a quoted cell must be followed by the delimiter or the line's end)"
        return BatchError(f"{self.name}:{line}: {problem}")

    def rows(self) -> Iterator[Row]:
        """The rows one at a time (``chunks`` of one)."""
        for chunk in self.chunks(1):
            yield from chunk

    def chunks(self, size: int) -> Iterator[list[Row]]:
        """The rows in lists of ``size``: the lines that hold no quote split into rows many at a
        time (``_split_rows``), each other line read by csv, and with it a quoted cell's further
        lines; an error names the line its row begins on."""
        size = max(1, size)
        width = len(self.header)
        lines, reader, delimiter = self._lines, self._reader, self._delimiter
        chunk: list[Row] = []
        started = lines.count + 1
        try:
            while True:
                taken = lines.rows_without_quotes(delimiter, width, size - len(chunk))
                if taken is None:
                    break
                if taken:
                    if chunk:
                        chunk.extend(taken)
                    else:
                        chunk = taken
                else:  # a line with a quote (or longer than csv's limit), which csv reads
                    values = next(reader)
                    if len(values) < width:
                        values += [""] * (width - len(values))
                    chunk.append(values)
                started = lines.count + 1
                if len(chunk) >= size:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
        except csv.Error as error:
            raise self._quoting_error(error, started) from None
        except UnicodeDecodeError as error:
            raise self._decoding_error(error, started) from None
        except UnicodeError as error:
            raise BatchError(f"{self.name}:{started}: not {self._encoding} text ({' '.join(str(error).split())})") from None

    def close(self) -> None:
        self._text.close()
        super().close()


class JsonLinesSource(_ByteStreamSource):
    def __init__(self, raw: IO[bytes], name: str, size: int | None) -> None:
        self.name, self._raw, self._size = name, raw, size
        self.header = []
        self._lines = self._objects()
        self._first: list[dict[str, Any]] = []
        for row in self._lines:  # the header: the keys of the first lines, in order
            self._first.append(row)
            self.header.extend(key for key in row if key not in self.header)
            if len(self._first) >= HEADER_SAMPLE:
                break

    def _objects(self) -> Iterator[dict[str, Any]]:
        for number, line in enumerate(self._raw, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line, object_pairs_hook=_unique_keys, parse_constant=_no_constant, parse_float=_finite)
            except RecursionError:
                raise BatchError(f"{self.name}:{number}: JSON nested too deeply to read") from None
            except NotStrictJson as error:
                raise BatchError(f"{self.name}:{number}: {error}") from None
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                raise BatchError(f"{self.name}:{number}: not a JSON line ({error})") from None
            except ValueError as error:  # a number of more digits than Python converts
                raise BatchError(f"{self.name}:{number}: a number too long to read ({error})") from None
            if not isinstance(row, dict):
                raise BatchError(f"{self.name}:{number}: expected a JSON object per line")
            if (b"\\ud" in line or b"\\uD" in line) and not _all_text(row):
                raise BatchError(
                    f"{self.name}:{number}: a \\u escape of half a character (a lone surrogate), which no text holds"
                )
            yield row

    def rows(self) -> Iterator[Row]:
        yield from self._first
        self._first = []
        yield from self._lines


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are each given once: of a key given twice, Python keeps the
    last value and the first (a name) would be lost without a word."""
    row = dict(pairs)
    if len(row) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise NotStrictJson(f"the key {key!r} is given twice in one object")
            seen.add(key)
    return row


def _no_constant(name: str) -> float:
    """``NaN`` and ``Infinity``, which Python reads and JSON does not have."""
    raise NotStrictJson(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    """A JSON number as a float; one too large for a float (``1e400``) is refused, as it would be
    written back as ``Infinity``, which no JSON reader takes."""
    value = float(text)
    if math.isinf(value):
        raise NotStrictJson(f"the number {text[:40]} is too large to read")
    return value


def _all_text(value: Any) -> bool:
    """Whether every string in a JSON value (keys too) is text that UTF-8 can write."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_all_text(k) and _all_text(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_all_text(v) for v in value)
    return True


# a cell holding a formula and no value (no type, an empty or no <v>): what a program that writes
# formulas without computing them saves; a cell whose formula gave empty text has t="str"
_UNCOMPUTED_FORMULA = re.compile(
    rb'<c r="([A-Z]+[0-9]+)"(?![^>]*\st=)[^>]*>\s*(?:<f[^>]*/>|<f[^>]*>([^<]*)</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_SHEET_BLOCK = 1 << 22


def _uncomputed_formula(raw: IO[bytes], sheet: str) -> tuple[str, str] | None:
    """The first cell of a worksheet (its path in the workbook) holding a formula whose value the
    workbook does not keep: (its reference, the formula). Such a cell reads as empty, and its
    row's name would be screened as none and written back blank."""
    import zipfile

    if not sheet:
        return None  # (an openpyxl that no longer says where the sheet lies: read as before)
    raw.seek(0)
    with zipfile.ZipFile(raw) as book:
        sheet = sheet.lstrip("/")
        if sheet not in book.NameToInfo:
            return None  # (a sheet stored under another spelling of its path: read as before)
        with book.open(sheet) as xml:
            return _first_uncomputed(xml)


def _first_uncomputed(xml: IO[bytes]) -> tuple[str, str] | None:
    """``_uncomputed_formula`` in one worksheet's XML, read a block at a time."""
    tail = b""
    while block := xml.read(_SHEET_BLOCK):
        data = tail + block
        if b"<f" in data:
            found = _UNCOMPUTED_FORMULA.search(data)
            if found is not None:
                formula = html.unescape((found.group(2) or b"").decode("utf-8", "replace"))
                return found.group(1).decode("ascii"), formula
        tail = data[-65_536:]  # (a cell cut between two blocks is read whole in the next)
    return None


class ExcelSource(RowSource):
    def __init__(self, raw: IO[bytes], name: str) -> None:
        from openpyxl import load_workbook

        self.name = name
        try:
            self._book = load_workbook(raw, read_only=True, data_only=True)
            self._sheet = self._book.worksheets[0]
            uncomputed = _uncomputed_formula(raw, str(getattr(self._sheet, "_worksheet_path", "")))
            self._iter = self._sheet.iter_rows(values_only=True)
            first = next(self._iter, None)
        except Exception as error:  # noqa: BLE001 - openpyxl reports a damaged workbook in many ways
            raise BatchError(f"{name}: not a readable Excel (.xlsx) workbook ({type(error).__name__}: {error})") from None
        if uncomputed is not None:
            cell, formula = uncomputed
            shown = f" (={formula[:60]})" if formula else ""
            raise BatchError(
                f"{name}: cell {cell} holds a formula{shown} whose value the workbook does not keep (saved by a program "
                "that does not compute formulas); open and save it in a spreadsheet program, or save it as CSV"
            )
        if first is None:
            raise BatchError(f"{name}: the first sheet is empty")
        self.header = ["" if v is None else str(v) for v in first]
        self._done = 0

    def rows(self) -> Iterator[Row]:
        width = len(self.header)
        try:
            for values in self._iter:
                self._done += 1
                cells = ["" if v is None else v for v in values]
                while len(cells) > width and cells[-1] == "":  # blank cells past the header
                    cells.pop()
                if len(cells) < width:
                    cells += [""] * (width - len(cells))
                yield cells
        except Exception as error:  # noqa: BLE001 - as above, mid-sheet
            raise BatchError(f"{self.name}: row {self._done + 1}: cannot read the workbook ({type(error).__name__}: {error})") from None

    def position(self) -> int:
        return self._done

    def total(self) -> int | None:
        maximum = self._sheet.max_row
        return maximum - 1 if maximum else None

    def close(self) -> None:
        self._book.close()


class IterableSource(RowSource):
    """Rows a program already holds: lists under ``header``, or dicts (then ``header`` may be empty
    and is taken from the first rows' keys)."""

    def __init__(self, header: Iterable[str], rows: Iterable[Row], name: str = "rows") -> None:
        self.name = name
        self.header = list(header)
        self._rows = iter(rows)
        self._first: list[Row] = []
        if not self.header:
            for row in self._rows:
                if not isinstance(row, dict):
                    raise BatchError(f"{name}: rows without a header must be mappings")
                self._first.append(row)
                self.header.extend(key for key in row if key not in self.header)
                if len(self._first) >= HEADER_SAMPLE:
                    break
        self._done = 0

    def rows(self) -> Iterator[Row]:
        width = len(self.header)
        first, self._first = self._first, []
        for row in first:
            self._done += 1
            yield row
        for row in self._rows:
            self._done += 1
            if isinstance(row, list | tuple):
                row = list(row)
                if len(row) < width:
                    row += [""] * (width - len(row))
            elif not isinstance(row, dict):
                raise BatchError(f"{self.name}: row {self._done}: expected a list of cells or a mapping")
            yield row

    def position(self) -> int:
        return self._done


def _open_stream(raw: IO[bytes], name: str, fmt: str, size: int | None, encoding: str = "utf-8") -> RowSource:
    try:
        if fmt == "csv":
            return DelimitedSource(raw, name, ",", size, encoding)
        if fmt == "tsv":
            return DelimitedSource(raw, name, "\t", size, encoding)
        if fmt == "jsonl":
            return JsonLinesSource(raw, name, size)
        return ExcelSource(raw, name)
    except BaseException:
        raw.close()
        raise


def check_encoding(encoding: str) -> str:
    """A text encoding Python knows (CSV and TSV input), or a clear error."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise BatchError(f"--encoding: unknown text encoding {encoding!r} (e.g. utf-8, cp1252, latin-1)") from None
    if not getattr(info, "_is_text_encoding", True):  # (rot13, base64, hex: codecs of bytes, not of text)
        raise BatchError(f"--encoding: {encoding!r} is not a text encoding (e.g. utf-8, cp1252, latin-1)")
    return encoding


def from_path(path: Path, encoding: str = "utf-8") -> RowSource:
    """Rows of a file; its kind from its suffix. Anything but a regular file is refused unread.
    ``encoding`` applies to CSV and TSV (JSON lines are UTF-8; Excel carries its own)."""
    fmt = file_format(path)
    check_encoding(encoding)
    check_input_file(path)
    try:
        raw = path.open("rb")
    except OSError as error:
        raise BatchError(f"{path}: cannot read ({error.strerror})") from None
    return _open_stream(raw, path.name, fmt, path.stat().st_size, encoding)


def from_bytes(data: bytes, fmt: str, name: str = "upload", encoding: str = "utf-8") -> RowSource:
    """Rows of uploaded content of kind ``fmt`` (csv, tsv, xlsx or jsonl)."""
    if fmt not in ("csv", "tsv", "xlsx", "jsonl"):
        raise BatchError(f"{name}: unknown file type {fmt!r} (use csv, tsv, xlsx or jsonl)")
    return _open_stream(io.BytesIO(data), name, fmt, len(data), check_encoding(encoding))
