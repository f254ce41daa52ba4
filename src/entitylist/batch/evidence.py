"""The optional evidence columns of a screened file: the party's type, date of birth,
nationality and identifiers, passed to the same query fields as ``screen --type --birth-date
--nationality --id``.

A column is named by the caller or, when not named, found by its header name
(``vocab/batch_columns.yaml``: "Date of Birth", "DOB", "Nationality", "Passport No", ...). A cell
that cannot be read (an unknown type, a date that is not YYYY or YYYY-MM-DD, an unknown country)
is no evidence either way, as an unreadable country is: the row is screened on the rest.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any

from entitylist.batch.executors import Facts
from entitylist.errors import InvalidInput
from entitylist.matching.evidence import parse_birth_date
from entitylist.matching.kinds import UNKNOWN, parse_kind
from entitylist.reference import load_package_yaml, vocabulary

FIELDS = ("type", "birth_date", "nationality", "identifiers")
_SPLIT_IDS = re.compile(r"[;,|\n]+")


def _header_key(text: str) -> str:
    return "_".join(re.sub(r"[\s.\-/]+", " ", text.casefold()).split())


@functools.cache
def header_names() -> dict[str, str]:
    """Header name (as :func:`_header_key` writes it) -> the evidence field it holds."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "batch_columns.yaml")
    return {_header_key(str(name)): field for field in FIELDS for name in raw[field]}


class EvidenceColumns:
    """Which column holds each evidence field (None: the file has none)."""

    def __init__(
        self, type: str | None = None, birth_date: str | None = None, nationality: str | None = None,
        identifiers: str | None = None, detect: bool = True,
    ) -> None:
        self.type, self.birth_date, self.nationality, self.identifiers = type, birth_date, nationality, identifiers
        self.detect = detect

    def named(self) -> tuple[str | None, ...]:
        return (self.type, self.birth_date, self.nationality, self.identifiers)

    @property
    def empty(self) -> bool:
        return not any(self.named())

    def found_in(self, header: Sequence[str]) -> EvidenceColumns:
        """These columns, each one not named taken from the header when a header name says what
        it holds (the first such column)."""
        chosen = dict(zip(FIELDS, self.named(), strict=True))
        if self.detect:
            names = header_names()
            taken = set(chosen.values())
            for column in header:
                field = names.get(_header_key(column))
                if field is not None and chosen[field] is None and column not in taken:
                    chosen[field] = column
                    taken.add(column)
        return EvidenceColumns(chosen["type"], chosen["birth_date"], chosen["nationality"], chosen["identifiers"], detect=False)

    def read(self, row: Any, get: Callable[[Any, str | None], Any]) -> Facts:
        """The facts of one row, each left out when its cell is empty or cannot be read."""
        kind = _text(get(row, self.type))
        birth = _text(get(row, self.birth_date))
        nationality = _text(get(row, self.nationality))
        ids = _text(get(row, self.identifiers))
        try:
            kind = kind if kind and parse_kind(kind) != UNKNOWN else None
        except InvalidInput:
            kind = None
        try:
            birth = birth if birth and parse_birth_date(birth) else None
        except InvalidInput:
            birth = None
        try:
            nationality = vocabulary().country_code(nationality) if nationality else None
        except InvalidInput:
            nationality = None
        identifiers = tuple(part.strip() for part in _SPLIT_IDS.split(ids) if part.strip()) if ids else ()
        return (kind, birth, nationality, identifiers)


def _text(value: Any) -> str | None:
    """A cell as text: Excel gives numbers and dates as such (a year of birth read as 1970.0)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()[:10]
    text = str(value).strip()
    return text or None
