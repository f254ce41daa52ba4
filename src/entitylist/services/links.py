"""A person's judgement of identity: two records are one party (link), or not (unlink), and
the pairs worth a look (suggest). Judgements are kept in the links log; later imports respect them."""

from __future__ import annotations

import getpass

from entitylist.services.models import LinkSuggestion, LinkOut, PartyRef
from entitylist.services.base import StoreBacked


def judge(note: str | None) -> str:
    """Who judged, as the links log records it: the login name, and the note if given."""
    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        who = "a person"
    return who + (f" ({note})" if note else "")


class LinkService(StoreBacked):
    """Records and proposes links between the records of one store."""

    def link(self, first: str, second: str, *, force: bool = False, note: str | None = None) -> list[LinkOut]:
        """Two parties are one (under the older id); ``force`` replaces a contrary judgement."""
        from entitylist import linking  # the matching code: only for the commands that link

        rows = linking.link(self._store.parties(), self._store.membership(), first, second, force=force, by=judge(note))
        self._store.record_links(rows)
        return [LinkOut.from_row(r) for r in rows]

    def unlink(self, first: str, second: str, *, force: bool = False, note: str | None = None) -> list[LinkOut]:
        """Two records of one party are different parties: the one that does not found the party leaves it."""
        from entitylist import linking

        rows = linking.unlink(self._store.parties(), self._store.membership(), first, second, force=force, by=judge(note))
        self._store.record_links(rows)
        return [LinkOut.from_row(r) for r in rows]

    def suggest(self) -> list[LinkSuggestion]:
        """Pairs of listed parties a name matches that no link joins, and what evidence is missing."""
        from entitylist import linking

        return [
            LinkSuggestion(
                first=PartyRef.from_state(s.first),
                second=PartyRef.from_state(s.second),
                score=round(s.score, 4),
                matched_name=s.matched_name,
                evidence=s.evidence,
            )
            for s in linking.suggest(self._store.records(), self._store.membership())
        ]
