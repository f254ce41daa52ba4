"""Parsing the dates users type: ISO dates only, so '01/02/2020' never means two things."""

from __future__ import annotations

import datetime as dt

from entitylist.errors import InvalidInput


def parse_date(text: str) -> dt.date:
    """An ISO 8601 calendar date (YYYY-MM-DD), or 'today'."""
    value = text.strip()
    if value.casefold() == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"invalid date {text!r}: expected YYYY-MM-DD, a real calendar date") from None
