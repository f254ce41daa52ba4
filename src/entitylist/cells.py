"""Cells that are safe to open in a spreadsheet (CSV injection, as OWASP describes it).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some strip first) as a formula. OWASP's remedy is to prefix such a cell with an
apostrophe, which spreadsheets read as "this is text". Two kinds of cell are left alone because
nothing in them can run and changing them would lose data: values that are not text (a match
score, a negative number read from an Excel cell) and text that is a plain number ("-5",
"+1.25", "-3e-4"), which a spreadsheet reads as that number.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(value: Any) -> Any:
    """``value`` with an apostrophe in front when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value and value[0] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def neutralise_row(values: list[Any]) -> list[Any]:
    """Every cell of a row neutralised; the row itself when no cell needs it (the common case)."""
    for value in values:
        if isinstance(value, str) and value and value[0] in FORMULA_START:
            return [neutralise(v) for v in values]
    return values
