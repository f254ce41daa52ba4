"""Every party the store has known, folded once per list version: services that live as long as a
server does see an import or a link made since at their next call, and fold nothing otherwise."""

from __future__ import annotations

from entitylist.parties import Parties
from entitylist.services.base import StoreBacked


class KnowsParties(StoreBacked):
    """A service that looks parties up by id or name across all time."""

    _folded: tuple[str | None, Parties] | None = None

    @property
    def _parties(self) -> Parties:
        version = self._store.list_version()
        if self._folded is None or self._folded[0] != version or version is None:
            self._folded = (version, self._store.parties())
        return self._folded[1]
