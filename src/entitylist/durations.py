"""Durations as people write them for schedules: ``6h``, ``30m``, ``1d``, ``1h30m``, ``90s``."""

from __future__ import annotations

import re

from entitylist.errors import InvalidInput

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")


def parse_duration(text: str) -> float:
    """Seconds in ``text`` (one or more number-unit parts: s, m, h, d, w); more than zero."""
    value = text.strip().lower()
    parts = _PART.findall(value)
    if not value or "".join(n + u for n, u in parts) != value:
        raise InvalidInput(f"invalid duration {text!r}: write e.g. 6h, 30m, 1d or 1h30m")
    seconds = sum(float(number) * _UNITS[unit] for number, unit in parts)
    if seconds <= 0:
        raise InvalidInput(f"invalid duration {text!r}: must be more than zero")
    return seconds
