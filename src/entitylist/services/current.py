"""Every party the store has known, folded once per list version: services that live as long as a
server does see an import or a link made since at their next call, and fold nothing otherwise."""

from __future__ import annotations

from typing import Self

from entitylist.parties import Parties
from entitylist.services.base import StoreBacked


class KnowsParties(StoreBacked):
    """A service that looks parties up by id or name across all time."""

    _box: list[tuple[str | None, Parties]] | None = None  # shared by services that share one fold

    @property
    def _parties(self) -> Parties:
        if self._box is None:
            self._box = []
        version = self._store.list_version()
        if not self._box or self._box[0][0] != version or version is None:
            self._box[:] = [(version, self._store.parties())]
        return self._box[0][1]

    def sharing_parties_with(self, other: KnowsParties) -> Self:
        """This service, folding the parties once together with ``other``."""
        if other._box is None:
            other._box = []
        self._box = other._box
        return self
