"""Names that begin with what a person has typed so far: the search box's suggestions.

Screening answers for whole names ("Hikvisoin" finds Hikvision); while a word is still being
typed ("Hikv") it rightly finds nothing. Completion is not a second matcher: no spelling
variants and no scores, only listed names and aliases with a word that begins with the text
typed, so that the search box has something to offer before the word is complete.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from pydantic import Field

from entitylist.services.base import StoreBacked
from entitylist.services.output_model import Out as _Out

_SEPARATORS = re.compile(r"[\W_]+")


class Completion(_Out):
    """A listed party one of whose names begins (at a word) with the text typed."""

    party_id: str
    party_name: str
    name: str = Field(description="The name or alias that begins with the text")
    country: str | None


def _words(text: str) -> str:
    """Case-folded, punctuation as spaces: 'huawei technologies co ltd'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _SEPARATORS.sub(" ", folded).strip()


class CompletionService(StoreBacked):
    """Completes names against the list in force on a date (read-only)."""

    def complete(self, text: str, as_of: dt.date, limit: int = 8) -> list[Completion]:
        """Listed parties with a name or alias in which every word typed begins a word ("Xinjiang
        Pub" finds the Xinjiang public security bureaus); names that begin with the first word
        typed come first, then by name. Scripts written without spaces match from the start."""
        typed = _words(text).split()
        if not typed:
            return []
        found: list[tuple[bool, str, Completion]] = []
        for state in self._store.listed(as_of):
            party = state.party
            for name in (party.name, *(a.name for a in party.aliases)):
                words = _words(name).split()
                if not all(any(w.startswith(t) for w in words) for t in typed):
                    if not "".join(words).startswith("".join(typed)):
                        continue
                completion = Completion(party_id=party.id, party_name=party.name, name=name, country=party.country)
                found.append((not words[0].startswith(typed[0]), party.name.casefold(), completion))
                break
        found.sort(key=lambda item: (item[0], item[1]))
        return [completion for _, _, completion in found[:limit]]
