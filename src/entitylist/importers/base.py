"""What every importer produces, and the errors it raises.

An importer turns a source file into a :class:`Snapshot`: the entries the source lists now, with
the dates the source gives. Reconciling the snapshot with the store (``entitylist.reconcile``)
turns it into listing actions. Row-level problems are collected as :class:`BadRow`; the import
fails on the first one unless the user asked to skip bad rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from entitylist.errors import InvalidInput
from entitylist.model import Party
from entitylist.reference import MAX_NAME_LENGTH

ProgressCallback = Callable[[int], None]  # called with the number of bytes or rows done


class ImportFailed(InvalidInput):
    """The file cannot be imported (bad input: exit code 2); the store was not changed."""


@dataclass(frozen=True)
class BadRow:
    """One row that could not be read, and why."""

    location: str
    problem: str

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"


@dataclass
class Entry:
    """One entry of a source list as the source gives it today."""

    party: Party
    listed_since: dt.date | None = None
    federal_register: str | None = None
    source_key: str | None = None  # the source's own key: reconciliation finds the entry by it first


@dataclass
class Snapshot:
    """Everything a source file lists, for the source lists it covers."""

    entries: list[Entry] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    bad_rows: list[BadRow] = field(default_factory=list)
    # why the reader believes the source was cut off (a known size it did not reach), if it does
    cut_off: str | None = None
    # Party fields the source could not fill this time (a companion file left out on purpose):
    # they are carried over from the store's current entries instead of being cleared
    kept_fields: frozenset[str] = frozenset()


def require_regular_file(path: Path) -> None:
    """Refuse a directory, FIFO, socket or device before opening it (a FIFO would block forever)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise ImportFailed(f"{path}: cannot read ({error.strerror})") from None
    if stat.S_ISDIR(mode):
        raise ImportFailed(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(mode):
        kind = "FIFO" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket or special file"
        raise ImportFailed(f"{path}: is a {kind}, not a regular file")


def json_kind(value: object) -> str:
    """How a JSON value is called in a message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def load_json(text: bytes, where: str, *, json_line: bool = False) -> object:
    """Parse JSON (a whole file, or one JSON line), every way it can fail on bad input one clear ImportFailed."""
    kind = "not a JSON line" if json_line else "malformed JSON"
    try:
        # UTF-8, as JSON is exchanged (RFC 8259): json.loads would take UTF-16 and UTF-32 bytes too,
        # where every other importer refuses them
        return json.loads(text.decode("utf-8-sig"))
    except json.JSONDecodeError as error:
        if json_line:
            detail = f"{error.msg} (column {error.colno})"
        else:
            where, detail = f"{where}:{error.lineno}:{error.colno}", error.msg
        raise ImportFailed(f"{where}: {kind} ({detail}); the file may be truncated") from None
    except UnicodeDecodeError as error:
        raise ImportFailed(f"{where}: not UTF-8 text ({error.reason})") from None
    except RecursionError:
        raise ImportFailed(f"{where}: {kind}: nested too deeply to be a list entry") from None
    except ValueError as error:  # e.g. an integer of thousands of digits (int conversion limit)
        raise ImportFailed(f"{where}: {kind}: {str(error).split(':')[0].lower()}") from None


def malformed_csv(name: str, line: int, error: Exception) -> str:
    """The message for a CSV record that cannot be read, starting at ``line``: a quote never
    closed swallowed the rest of the file (a download cut off inside a cell)."""
    if "unexpected end of data" in str(error):
        return f"{name}:{line}: a quote opened in this record is never closed; the file may be truncated"
    return f"{name}:{line}: malformed CSV ({error}); the file may be truncated"


def sniff_html(path: Path) -> None:
    """Refuse a non-file, or an HTML page (an error or login page saved in place of the data), early and clearly."""
    require_regular_file(path)
    with path.open("rb") as handle:
        head = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        raise ImportFailed(f"{path.name}: this is an HTML page, not a data file (an error page from the server?)")


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(text: str | None) -> dt.date | None:
    """A source's ISO date; empty is None; anything else raises ValueError with the text."""
    value = (text or "").strip()
    if not value:
        return None
    if not _ISO_DATE.match(value[:10]):
        raise ValueError(f"invalid date {value!r}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"invalid date {value!r}") from None


def clean_name(text: str | None) -> str:
    """Whitespace folded; control characters dropped."""
    value = "".join(ch for ch in (text or "") if ch >= " " or ch in "\t\n")
    return " ".join(value.split())


def check_name(name: str) -> str | None:
    """The problem with a listed name, if any: none at all, or none that can be seen or screened
    (no letter or digit: only zero-width, direction or format characters, combining marks)."""
    if not name or not any(unicodedata.category(ch)[0] in "LN" for ch in name):
        return "empty name" if not name.strip() else f"empty name (no letter or digit in {name!r})"
    if len(name) > MAX_NAME_LENGTH:
        return f"name is {len(name)} characters long (more than {MAX_NAME_LENGTH})"
    return None


def texts_in(value: object) -> Iterator[str]:
    """Every text inside a JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from texts_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from texts_in(inner)


def nul_problem(fields: Iterable[str]) -> str | None:
    """NUL bytes in a text file mean a corrupt or binary file, never a real value."""
    return "NUL byte in the row (a corrupt or binary file?)" if any("\x00" in f for f in fields) else None
