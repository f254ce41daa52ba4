"""Export Control Classification Numbers: parsing, validation and sub-paragraph coverage.

An ECCN is a category digit, a product group letter (A-E) and three digits (``3A001``), then
optional sub-paragraphs (``3A001.a.1``); ``EAR99`` is the basket for items subject to the EAR
that no ECCN describes. A rule naming ``1A004.c`` covers ``1A004.c.1`` (a part of it), but not
``1A004.d`` nor ``1A004`` as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from entitylist.errors import InvalidInput

EAR99 = "EAR99"
_ECCN = re.compile(r"^([0-9])([A-Ea-e])([0-9]{3})((?:\.(?:[a-z]{1,2}|[0-9]{1,2}))*)$")
# ECCNs as they appear inside a policy text ("1A004.c", "2A983,", "1A999.a;"): a trailing dot ends a sentence
ECCN_IN_TEXT = re.compile(r"\b(EAR99|[0-9][A-E][0-9]{3}(?:\.(?:[a-z]{1,2}|[0-9]{1,2}))*)(?![A-Za-z0-9])")


@dataclass(frozen=True, order=True)
class Eccn:
    """A parsed ECCN; ``parts`` is the base number then each sub-paragraph ("3A001", "a", "1")."""

    parts: tuple[str, ...]

    @property
    def text(self) -> str:
        return ".".join(self.parts)

    @property
    def is_ear99(self) -> bool:
        return self.parts == (EAR99,)

    def covers(self, item: Eccn) -> bool:
        """True when ``item`` is this number or one of its sub-paragraphs."""
        return item.parts[: len(self.parts)] == self.parts

    def __str__(self) -> str:
        return self.text


def parse_eccn(text: str) -> Eccn:
    """An ECCN as typed (``3a001.A.1`` reads as ``3A001.a.1``), or a one-line error."""
    value = text.strip()
    if value.upper() == EAR99:
        return Eccn((EAR99,))
    match = _ECCN.match(value[:5].upper() + value[5:].lower()) if len(value) >= 5 else None
    if match is None:
        raise InvalidInput(
            f"malformed ECCN {text!r}: expected a digit, a letter A-E and three digits with optional "
            "sub-paragraphs (3A001.a.1, 5E002, 1A004.c) or EAR99"
        )
    base = match.group(1) + match.group(2).upper() + match.group(3)
    subs = tuple(p for p in match.group(4).split(".") if p)
    return Eccn((base, *subs))


def eccns_in(text: str) -> list[Eccn]:
    """Every ECCN a text names, in order, once each."""
    found: list[Eccn] = []
    for token in ECCN_IN_TEXT.findall(text):
        eccn = parse_eccn(token)
        if eccn not in found:
            found.append(eccn)
    return found
