"""The results table of a screened upload: its output file read back, filtered for display.

The output file (what the download gives) is the one record of the results, so the table reads
it rather than keeping a second copy in memory: each row's name, country and the four match
columns the batch engine adds (``match_party_id, match_party_name, match_name, match_score``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHOWN_ROWS = 200  # rows of a table page; the download has them all


@dataclass(frozen=True)
class ResultRow:
    row: int
    name: str
    country: str
    party_id: str
    party_name: str
    matched_name: str
    score: float | None


@dataclass(frozen=True)
class ResultPage:
    rows: list[ResultRow]
    total: int  # rows in the file
    matching: int  # rows that pass the filters
    matched: int  # rows with a match


def _records(path: Path) -> Iterator[dict[str, Any]]:
    """Each output row as {column: value} (the last column of a repeated name wins: the match columns come last)."""
    suffix = path.suffix
    if suffix == ".jsonl":
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)
        return
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            header = [str(c) if c is not None else "" for c in next(rows, ())]
            for values in rows:
                yield dict(zip(header, values))
        finally:
            book.close()
        return
    with path.open(encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text, delimiter="\t" if suffix == ".tsv" else ",")
        header = next(reader, [])
        for cells in reader:
            yield dict(zip(header, cells))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _score(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def read_results(
    path: Path, *, column: str, country_column: str | None, matched_only: bool = False, min_score: float = 0.0,
    offset: int = 0, limit: int = SHOWN_ROWS,
) -> ResultPage:
    """A page of the rows that pass the filters (matched only; score at least ``min_score``)."""
    shown: list[ResultRow] = []
    total = matching = matched = 0
    for number, record in enumerate(_records(path), start=1):
        total += 1
        score = _score(record.get("match_score"))
        if score is not None:
            matched += 1
        if (matched_only or min_score > 0) and (score is None or score < min_score):
            continue
        matching += 1
        if offset < matching <= offset + limit:
            shown.append(
                ResultRow(
                    row=number,
                    name=_text(record.get(column)),
                    country=_text(record.get(country_column)) if country_column else "",
                    party_id=_text(record.get("match_party_id")),
                    party_name=_text(record.get("match_party_name")),
                    matched_name=_text(record.get("match_name")),
                    score=score,
                )
            )
    return ResultPage(rows=shown, total=total, matching=matching, matched=matched)
