"""CSV and TSV rows read a block of lines at a time (lines without a quote split directly, the
others by csv) are the rows csv reads from the stream line by line, whatever the line endings, the
block boundaries, the quoting and the errors."""

from __future__ import annotations

import csv
import io
import random

import pytest

from entitylist.batch.formats import BatchError
from entitylist.batch.readers import DelimitedSource

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


def _read(text: str, delimiter: str, block: int) -> tuple[list[str], list[list[str]]] | str:
    try:
        source = DelimitedSource(io.BytesIO(text.encode("utf-8")), "in", delimiter, None, text_block=block)
    except BatchError as error:
        return "empty" if "empty" in str(error) else "line 1"
    try:
        return source.header, [list(row) for row in source.rows()]
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
