"""Readable, stable party ids such as ``cn-hangzhou-hikvision-digital-technology``.

An id is the destination country and the listed name, transliterated to ASCII, lower case, with
legal forms ("Co., Ltd.") dropped so that a later re-spelling of the legal form keeps the id.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rigour.names import remove_org_types
from rigour.text.normalize import Normalize, normalize

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_MAX_LEN = 120


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    return _NON_ALNUM.sub("-", anyascii(text).lower()).strip("-")[:_MAX_LEN].strip("-")


def party_id(name: str, country: str | None = None, prefix: str | None = None) -> str:
    """The id for a party listed under ``country`` (ISO alpha-2) as ``name``.

    ``prefix`` replaces the country part (importers use it for ids keyed by a source's number).
    """
    folded = normalize(name, Normalize.CASEFOLD | Normalize.NAME) or name
    core = slugify(remove_org_types(folded)) or slugify(name) or "unnamed"
    head = prefix if prefix is not None else (country or "xx").lower()
    return f"{head}-{core}"


def unique_id(candidate: str, taken: set[str]) -> str:
    """``candidate`` or, if taken, the first free ``candidate-2``, ``candidate-3``, ..."""
    if candidate not in taken:
        return candidate
    n = 2
    while f"{candidate}-{n}" in taken:
        n += 1
    return f"{candidate}-{n}"
