"""Finding the one party a person means: by id, by exact name or alias, else by the screening matcher.

There is one fuzzy matcher in entitylist, the screening core; ``show Hikvison`` and ``history
海康威视`` go through it too, over every party the store has ever known (removed ones included),
so that a name that screens as a party also resolves to it. The matcher's index is built only
when neither the id nor an exact name answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from entitylist.errors import Ambiguous, InvalidInput, NotFound
from entitylist.lookup import name_key
from entitylist.matching.normalize import normalize_name
from entitylist.screening import ListIndex
from entitylist.state import PartyState

CLOSE = 0.80  # the least screening score that counts as a close match
MARGIN = 0.05  # how far the best close match must lead the next party
HINT = 0.55  # the least score shown as "closest" when nothing is close enough
SHOWN = 6


def _listing(states: Sequence[PartyState]) -> str:
    shown = ", ".join(f"{s.id} ({s.party.name})" for s in states[:SHOWN])
    more = f" and {len(states) - SHOWN} more" if len(states) > SHOWN else ""
    return shown + more


def resolve_party(states: Mapping[str, PartyState], query: str) -> PartyState:
    """The one party ``query`` names: its id, an exact name or alias, else a unique close match."""
    if not query.strip():
        raise InvalidInput("empty party name")
    if query in states:
        return states[query]
    key = name_key(query)
    if not key or normalize_name(query).empty:
        raise InvalidInput(f"party name {query!r} has no letters or digits")
    exact = [s for s in states.values() if any(name_key(n) == key for n in s.party.all_names())]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise Ambiguous(f"{query!r} names several parties: {_listing(exact)}; give an id")
    matches = ListIndex(list(states.values())).screen(query, threshold=HINT, limit=SHOWN, explain=False)
    close = [m for m in matches if m.score >= CLOSE]
    if not close:
        hint = f"; closest: {_listing([m.state for m in matches[:3]])}" if matches else ""
        raise NotFound(f"no party named {query!r}{hint}")
    if len(close) == 1 or close[0].score - close[1].score >= MARGIN:
        return close[0].state
    raise Ambiguous(f"{query!r} is close to several parties: {_listing([m.state for m in close])}; give an id")
