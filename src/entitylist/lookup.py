"""Finding a party from what a person types: its id, its name or an alias, or a unique close match.

There is one fuzzy matcher in entitylist, the screening core: ``show Hikvison``, ``history
海康威视`` and ``link`` arguments go through it too, over every party the store has known
(removed ones included), so a name that screens as a party also resolves to it. A close match
scores at least ``CLOSE`` and leads the next by ``MARGIN``; below that, a query all of whose
words the matcher finds in one party's name alone (a part of a long official name) resolves to
it. The matcher's index is built only when neither the id nor an exact name answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rigour.text.normalize import Normalize, normalize

from entitylist.errors import Ambiguous, InvalidInput, NotFound
from entitylist.parties import Parties
from entitylist.state import PartyState

CLOSE = 0.80  # the least screening score that counts as a close match
MARGIN = 0.05  # how far the best close match must lead the next party
HINT = 0.55  # the least score shown as "closest" when nothing is close enough
_SHOWN = 6


def name_key(text: str) -> str:
    """A name casefolded and tokenised, for exact comparison."""
    return normalize(text, Normalize.CASEFOLD | Normalize.NAME) or ""


def _listing(states: Sequence[PartyState]) -> str:
    shown = ", ".join(f"{s.id} ({s.party.name})" for s in states[:_SHOWN])
    more = f" and {len(states) - _SHOWN} more" if len(states) > _SHOWN else ""
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
    from entitylist.screening import ListIndex  # the matching core: only when no exact name answers

    matches = ListIndex(list(states.values())).screen(query, threshold=HINT, limit=_SHOWN)
    close = [m for m in matches if m.score >= CLOSE]
    if not close:  # a part of one long name ("Institute of Forensic Science"): every word typed is in it
        close = [m for m in matches if not m.explanation.get("unmatched_query")][:2]
        holders = _holding_every_word(states, key) if close else []
        if len(holders) > 1:
            # the words are part of several parties' names ("Beijing"): none is meant more than another
            raise Ambiguous(f"{query!r} is part of several parties' names: {_listing(holders)}; give an id or the whole name")
    if not close:
        hint = f"; closest: {_listing([m.state for m in matches[:3]])}" if matches else ""
        raise NotFound(f"no party named {query!r}{hint}")
    if len(close) == 1 or close[0].score - close[1].score >= MARGIN:
        return close[0].state
    raise Ambiguous(f"{query!r} is close to several parties: {_listing([m.state for m in close])}; give an id")


def _holding_every_word(states: Mapping[str, PartyState], key: str) -> list[PartyState]:
    """The parties one of whose names holds every word of ``key`` (a ``name_key``) as a word."""
    words = set(key.split())
    return [s for s in states.values() if any(words <= set(name_key(n).split()) for n in s.party.all_names())]


def find_in(parties: Parties, query: str) -> PartyState:
    """The party ``query`` names: a party or record id (every record id leads to its party), else
    as :func:`find_party` finds it."""
    party_id = parties.party_of.get(query.strip())
    if party_id is not None and party_id in parties.states:
        return parties.states[party_id]
    return find_party(parties.states, query)
