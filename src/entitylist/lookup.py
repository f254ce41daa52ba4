"""Finding a party from what a person types: its id, its name or an alias, or a unique close match."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz
from rigour.text.normalize import Normalize, normalize

from entitylist.errors import Ambiguous, InvalidInput, NotFound
from entitylist.state import PartyState

_CLOSE = 85.0  # minimum similarity (0-100) for a close match
_MARGIN = 5.0  # how far the best close match must lead the next party


def name_key(text: str) -> str:
    """A name casefolded and tokenised, for exact comparison."""
    return normalize(text, Normalize.CASEFOLD | Normalize.NAME) or ""


def _listing(states: list[PartyState]) -> str:
    shown = ", ".join(f"{s.id} ({s.party.name})" for s in states[:6])
    more = f" and {len(states) - 6} more" if len(states) > 6 else ""
    return shown + more


def find_party(states: Mapping[str, PartyState], query: str) -> PartyState:
    """The one party ``query`` names: by id, by exact name or alias, else by a unique close match."""
    if not query.strip():
        raise InvalidInput("empty party name")
    if query in states:
        return states[query]
    key = name_key(query)
    if not key:
        raise InvalidInput(f"party name {query!r} has no letters or digits")
    exact = [s for s in states.values() if any(name_key(n) == key for n in s.party.all_names())]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise Ambiguous(f"{query!r} names several parties: {_listing(exact)}; give an id")
    scored = sorted(
        ((max(fuzz.token_set_ratio(key, name_key(n)) for n in s.party.all_names()), s) for s in states.values()),
        key=lambda pair: -pair[0],
    )
    close = [s for score, s in scored if score >= _CLOSE]
    if not close:
        hint = f"; closest: {_listing([s for _, s in scored[:3]])}" if scored else ""
        raise NotFound(f"no party named {query!r}{hint}")
    if len(close) == 1 or scored[0][0] - scored[1][0] >= _MARGIN:
        return scored[0][1]
    raise Ambiguous(f"{query!r} is close to several parties: {_listing(close)}; give an id")
