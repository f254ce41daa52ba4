"""CSV and TSV rows read a block of lines at a time (lines without a quote split directly, the
others by csv) are the rows csv reads from the stream line by line, whatever the line endings, the
block boundaries, the quoting and the errors."""

from __future__ import annotations

import csv
import io
import random

import pytest

from entitylist.batch.formats import BatchError
from entitylist.batch.readers import DelimitedSource, _split_rows

# the characters that matter: delimiters, quotes, every line ending (and the characters that
# ``str.splitlines`` but not csv ends a line at), spaces, letters and a few beyond ASCII
LETTERS = ['a', 'b', ' ', ',', '\t', '"', '\n', '\r', '\r\n', '\x0b', '\x0c', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '\u00e9', '\u4e2d']


def _reference(text: str, delimiter: str) -> tuple[list[str], list[list[str]]] | str:
    """The header and rows as csv reads them from the stream, padded as the source pads them (the
    reading before blocks of lines: csv over the text stream, the line of a record's start kept
    for an error); or the error's line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return "empty"
    except csv.Error:
        return "line 1"
    width, rows, started = len(header), [], reader.line_num + 1
    try:
        for values in reader:
            rows.append(values + [""] * (width - len(values)))
            started = reader.line_num + 1
    except csv.Error:
        return f"line {started}"
    return header, rows


def _read(text: str, delimiter: str, block: int, chunk: int = 0) -> tuple[list[str], list[list[str]]] | str:
    """The source's header and rows, read by ``rows`` or (``chunk``) by ``chunks`` of that size,
    each chunk but the last holding exactly that many; or the error's line."""
    try:
        source = DelimitedSource(io.BytesIO(text.encode("utf-8")), "in", delimiter, None, text_block=block)
    except BatchError as error:
        return "empty" if "empty" in str(error) else "line 1"
    try:
        if not chunk:
            return source.header, [list(row) for row in source.rows()]
        chunks = list(source.chunks(chunk))
        assert all(len(c) == chunk for c in chunks[:-1]) and all(chunks), [len(c) for c in chunks]
        return source.header, [list(row) for c in chunks for row in c]
    except BatchError as error:
        return "line " + str(error).split(":")[1]


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_random_texts_read_as_csv_reads_them(delimiter: str) -> None:
    rng = random.Random(5)
    errors = quoted = 0
    for _text in range(3000):
        # (mostly plain lines, some with a quote or an odd line ending)
        pool = LETTERS if rng.random() < 0.5 else ['a', 'b', ' ', delimiter, '\n', '\r\n', '\u00e9']
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        expected = _reference(text, delimiter)
        for block in (1, 2, 3, 7, 64, 1 << 16):
            assert _read(text, delimiter, block) == expected, (text, block)
        for block, chunk in ((1, 1), (3, 2), (7, 3), (1 << 16, 1), (1 << 16, 4), (1 << 16, 1000)):
            assert _read(text, delimiter, block, chunk) == expected, (text, block, chunk)  # (compiled: many lines at a time)
        errors += isinstance(expected, str)
        quoted += '"' in text and not isinstance(expected, str)
    assert errors > 100 and quoted > 100  # (both kinds were met)


def test_a_long_file_with_a_few_quoted_cells_reads_as_csv_reads_it() -> None:
    rng = random.Random(8)
    lines = ["id,name"]
    for number in range(5000):
        name = rng.choice(["Acme Trading", "Zentrovex Co., Ltd.", 'The "Best" Shop', "two\nlines", "Café Nord", ""])
        cell = f'"{name.replace(chr(34), chr(34) * 2)}"' if any(c in name for c in ',"\n') else name
        lines.append(f"{number},{cell}")
    text = "\r\n".join(lines) + "\r\n"
    expected = _reference(text, ",")
    assert not isinstance(expected, str) and len(expected[1]) == 5000
    assert any(row[1] == "two\nlines" for row in expected[1]) and any(row[1] == 'The "Best" Shop' for row in expected[1])
    for block in (1 << 10, 1 << 16):
        assert _read(text, ",", block) == expected
        for chunk in (1, 999, 1000, 5000, 6000):
            assert _read(text, ",", block, chunk) == expected


def test_compiled_split_takes_the_lines_rows_takes_as_they_are() -> None:
    """``_lines.split`` against the lines' own reading: each line up to the first that holds a
    quote or is longer than the limit, at most as many as asked, its ending cut and its cells
    split and padded, in every width of character; and its refusals."""
    _lines = pytest.importorskip("entitylist.batch._lines")
    rng = random.Random(3)
    pool = ["a", "b", " ", ",", "\t", '"', "\u00e9", "\u4e2d", "\U0001f600", ""]
    ends = ["\n", "\r\n", "\r", ""]
    stopped = 0
    for _case in range(3000):
        delimiter = rng.choice([",", "\t"])
        lines = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) + rng.choice(ends) for _line in range(rng.randint(0, 6))]
        lines = [line or "\n" for line in lines]  # (a line is never empty)
        at, width, limit, most = rng.randint(0, 3), rng.randint(0, 4), rng.choice([3, 6, 1 << 20]), rng.choice([1, 2, 100])
        expected: list[list[str]] = []
        for line in lines[at:]:
            if len(expected) >= most or '"' in line or len(line) > limit:
                stopped += len(expected) < most
                break
            content = line.rstrip("\r\n")
            values = content.split(delimiter) if content else []
            expected.append(values + [""] * (width - len(values)))
        assert _lines.split(lines, at, delimiter, width, limit, most) == expected, (lines, at, width, limit, most)
        assert _split_rows(lines, at, delimiter, width, limit, most) == expected  # (its Python path)
    assert stopped > 300
    with pytest.raises(TypeError):
        _lines.split(["a\n"], 0, ",;", 1, 10, 10)
    with pytest.raises(TypeError):
        _lines.split(["a\n", 7], 0, ",", 1, 10, 10)  # type: ignore[list-item]
    with pytest.raises(TypeError):
        _lines.split(("a\n",), 0, ",", 1, 10, 10)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        _lines.split(["a\n"], -1, ",", 1, 10, 10)
