"""Evidence besides the name, as both sides give it: dates of birth (a year or a full date),
nationality or citizenship, identifiers (passport, registration, IMO numbers).

Listed records write these loosely ("DOB 12 Jan 1960", "circa 1955", "Passport A1234567
(Iran)"); what cannot be read is ignored for the feature and counted, never an error. What a
user gives is read strictly: a date of birth that cannot be read is refused with a one-line error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Final

from entitylist.errors import InvalidInput

_MONTHS: Final = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_ISO: Final = re.compile(r"\b(1[89][0-9]{2}|20[0-9]{2})-([01][0-9])-([0-3][0-9])\b")
_DAY_MONTH_YEAR: Final = re.compile(r"\b([0-3]?[0-9])[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](1[89][0-9]{2}|20[0-9]{2})\b")
_YEAR: Final = re.compile(r"\b(1[89][0-9]{2}|20[0-9]{2})\b")
_DOB_REMARK: Final = re.compile(r"\bDOB\b[:\s]*([^;]+)", re.IGNORECASE)
_ID_TOKEN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{3,}")


class BirthDates:
    """The years and full dates one side gives; empty when nothing could be read."""

    def __init__(self, years: frozenset[int] = frozenset(), dates: frozenset[dt.date] = frozenset()) -> None:
        self.years: Final = years
        self.dates: Final = dates

    def __bool__(self) -> bool:
        return bool(self.years)


NO_BIRTH_DATES: Final = BirthDates()


def _dates_in(text: str) -> tuple[set[int], set[dt.date]]:
    years: set[int] = set()
    dates: set[dt.date] = set()
    for year, month, day in _ISO.findall(text):
        try:
            dates.add(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    for day, month, year in _DAY_MONTH_YEAR.findall(text):
        number = _MONTHS.get(month.casefold())
        if number:
            try:
                dates.add(dt.date(int(year), number, int(day)))
            except ValueError:
                continue
    years.update(d.year for d in dates)
    years.update(int(y) for y in _YEAR.findall(text))
    return years, dates


def listed_birth_dates(values: Iterable[str], remarks: str | None = None) -> tuple[BirthDates, int]:
    """A listed record's dates of birth (its field, and "DOB ..." in its remarks), and how many
    values could not be read."""
    years: set[int] = set()
    dates: set[dt.date] = set()
    malformed = 0
    texts = list(values) + (_DOB_REMARK.findall(remarks) if remarks else [])
    for text in texts:
        found_years, found_dates = _dates_in(text)
        if not found_years:
            malformed += 1
        years |= found_years
        dates |= found_dates
    return BirthDates(frozenset(years), frozenset(dates)), malformed


def parse_birth_date(text: str | None) -> BirthDates:
    """A user's date of birth: YYYY or YYYY-MM-DD. Raises :class:`InvalidInput` otherwise."""
    if text is None or not text.strip():
        return NO_BIRTH_DATES
    value = text.strip()
    if re.fullmatch(r"[0-9]{4}", value):
        return BirthDates(frozenset([int(value)]))
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"invalid date of birth {text!r}: expected YYYY or YYYY-MM-DD") from None
    return BirthDates(frozenset([date.year]), frozenset([date]))


def birth_dates_agree(query: BirthDates, listed: BirthDates) -> str | None:
    """"date" (a full date in common), "year" (a year in common, or within one year when one
    side gives only years), "differs", or None when a side gives none."""
    if not query or not listed:
        return None
    if query.dates & listed.dates:
        return "date"
    if query.dates and listed.dates and not query.years & {d.year for d in listed.dates}:
        return "differs"
    if any(abs(a - b) <= 1 for a in query.years for b in listed.years):
        return "year"
    return "differs"


def identifier_tokens(values: Iterable[str]) -> frozenset[str]:
    """Identifier numbers, normalised (upper case, no dashes), that carry a digit: "Passport
    A-1234567 (Iran)" -> {"A1234567"}."""
    found: set[str] = set()
    for value in values:
        for token in _ID_TOKEN.findall(value):
            plain = token.replace("-", "").upper()
            if len(plain) >= 5 and any(c.isdigit() for c in plain):
                found.add(plain)
    return frozenset(found)
