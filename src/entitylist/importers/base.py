"""What every importer produces, and the errors it raises.

An importer turns a source file into a :class:`Snapshot`: the entries the source lists now, with
the dates the source gives. Reconciling the snapshot with the store (``entitylist.reconcile``)
turns it into listing actions. Row-level problems are collected as :class:`BadRow`; the import
fails on the first one unless the user asked to skip bad rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from entitylist.errors import EntityListError
from entitylist.model import Party

MAX_NAME_LENGTH = 1000  # no listed name is near this; longer means a broken file
ProgressCallback = Callable[[int], None]  # called with the number of bytes or rows done


class ImportFailed(EntityListError):
    """The file cannot be imported; the store was not changed."""


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


def sniff_html(path: Path) -> None:
    """Refuse an HTML page (an error or login page saved in place of the data) early and clearly."""
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
    """The problem with a listed name, if any."""
    if not name:
        return "empty name"
    if len(name) > MAX_NAME_LENGTH:
        return f"name is {len(name)} characters long (more than {MAX_NAME_LENGTH})"
    return None
