"""Screened rows as CSV or TSV lines, a chunk at a time, compiled from ``_lines.c`` (see ``writers.py``)."""

from collections.abc import Sequence
from typing import Any

def lines(
    pairs: list[tuple[Any, Sequence[Any]]], width: int, delimiter: str, empty_match: tuple[str, ...], unmatched: str, raw: bool, /
) -> str | None: ...
def split(lines: list[str], at: int, delimiter: str, width: int, limit: int, most: int, /) -> list[Any]: ...
