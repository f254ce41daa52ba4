"""The kind of party a name stands for, as matching compares them: person, organization, vessel
(ships and aircraft, named like ships) or unknown.

A listed party's kind comes from its record's type; a query's from the type the user gives, or,
when none is given, from its legal form (a name with "Ltd" or "GmbH" is an organization) or a word
left unmatched that only organisations' names carry ("Trading", "Bank": organization_words.yaml).
"""

from __future__ import annotations

from typing import Final

from entitylist.errors import InvalidInput
from entitylist.matching.memo import Once
from entitylist.reference import load_package_yaml, vocabulary

PERSON: Final = "person"
ORGANIZATION: Final = "organization"
VESSEL: Final = "vessel"
UNKNOWN: Final = "unknown"
KINDS: Final[tuple[str, ...]] = (PERSON, ORGANIZATION, VESSEL, UNKNOWN)

_BY_PARTY_TYPE: Final = {"individual": PERSON, "vessel": VESSEL, "aircraft": VESSEL}
_QUERY_WORDS: Final = {
    "person": PERSON, "individual": PERSON, "people": PERSON,
    "organization": ORGANIZATION, "organisation": ORGANIZATION, "company": ORGANIZATION, "entity": ORGANIZATION,
    "business": ORGANIZATION, "government": ORGANIZATION, "agency": ORGANIZATION, "institute": ORGANIZATION,
    "university": ORGANIZATION, "vessel": VESSEL, "ship": VESSEL, "aircraft": VESSEL,
    "unknown": UNKNOWN, "any": UNKNOWN,
}


def party_kind(party_type: str | None) -> str:
    """The matching kind of a listed party's type (the model's codes: individual, vessel, ...)."""
    if not party_type:
        return UNKNOWN
    return _BY_PARTY_TYPE.get(party_type, ORGANIZATION)


def parse_kind(text: str | None) -> str:
    """A user's ``--type`` / ``type`` value as a matching kind; raises :class:`InvalidInput`."""
    if text is None or not text.strip():
        return UNKNOWN
    key = text.strip().casefold()
    if key in _QUERY_WORDS:
        return _QUERY_WORDS[key]
    try:
        return party_kind(vocabulary().party_type(key))
    except InvalidInput:
        pass
    choices = ", ".join(k for k in KINDS if k != UNKNOWN)
    raise InvalidInput(f"type {text!r} is not one of: {choices} (or a party type such as individual, company)")


def organization_words() -> frozenset[str]:
    """Words that make a name an organisation's (organization_words.yaml)."""
    return _ORGANIZATION_WORDS.get()


def _organization_words_made() -> frozenset[str]:
    """``organization_words``, made (once: see ``_ORGANIZATION_WORDS``)."""
    return frozenset(str(w) for w in load_package_yaml("entitylist.vocab", "organization_words.yaml"))


_ORGANIZATION_WORDS: Final = Once(_organization_words_made)  # (compiled code calls its ``get`` directly: see ``memo.Once``)


def query_kind(given: str, organization_form: bool) -> str:
    """What a query looks like: the kind the user gave, else an organization when it carries a
    legal form that marks one, else unknown."""
    if given != UNKNOWN:
        return given
    return ORGANIZATION if organization_form else UNKNOWN


def conflicts(query: str, party: str) -> bool:
    """Both kinds known and different."""
    return query != UNKNOWN and party != UNKNOWN and query != party
