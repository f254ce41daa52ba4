"""The kinds of file batch screening reads and writes, and its error."""

from __future__ import annotations

from pathlib import Path

from entitylist.errors import InvalidInput

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class BatchError(InvalidInput):
    """The input cannot be screened as asked (a bad file is bad input: the CLI exits 2)."""


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(f"{path.name}: unknown file type {path.suffix!r} (use .csv, .tsv, .xlsx or .jsonl)")
    return fmt


class NotStrictJson(ValueError):
    """A JSON line that Python would read but that is no strict JSON, or would lose a value (kept
    out of the compiled reader: a native exception class there broke the ``except`` clauses after it)."""
