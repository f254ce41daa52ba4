"""The columns ``screen-file`` adds for licenses and reviews: each matched row's determination for
``--item`` (license_required, review_policy, license_basis) and, when the store holds reviews,
the latest review of its (counterparty, party) pair (review_decision, suppressed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from entitylist.batch import Cells
from entitylist.batch.executors import Match
from entitylist.batch.readers import Row
from entitylist.eccn import Eccn
from entitylist.errors import InvalidInput
from entitylist.services.license_models import LicenseCheck, ReviewNote
from entitylist.services.licensing import LicensingService
from entitylist.services.review_keys import counterparty_key
from entitylist.state import PartyState

LICENSE_COLUMNS = ("license_required", "review_policy", "license_basis")
REVIEW_COLUMNS = ("review_decision", "suppressed")


class HitColumns:
    """An annotator for :class:`entitylist.batch.BatchEngine` (it counts the suppressed rows)."""

    def __init__(
        self,
        *,
        column: str,
        id_column: str | None,
        item: Eccn | None,
        as_of: dt.date,
        licensing: LicensingService,
        parties: Mapping[str, PartyState],
        notes: Mapping[tuple[str, str], ReviewNote] | None,
    ) -> None:
        self.column, self.id_column, self.item, self.as_of = column, id_column, item, as_of
        self.licensing, self.parties, self.notes = licensing, parties, notes
        self.columns = (LICENSE_COLUMNS if item else ()) + (REVIEW_COLUMNS if notes is not None else ())
        self.suppressed_rows = 0
        self._determined: dict[str, LicenseCheck] = {}

    def bind(self, header: list[str]) -> Cells:
        if self.id_column is not None and self.id_column not in header:
            raise InvalidInput(f"no column {self.id_column!r} for counterparty ids (columns: {', '.join(header[:20])})")
        at = {c: header.index(c) for c in (self.column, self.id_column) if c is not None and c in header}
        empty = ("",) * len(self.columns)
        graph = self.licensing.graph(self.as_of) if self.item else None

        def get(row: Row, column: str | None) -> str:
            if column is None:
                return ""
            value: Any = row.get(column) if isinstance(row, dict) else row[at[column]] if at[column] < len(row) else ""
            return "" if value is None else str(value)

        def cells(row: Row, match: Match | None) -> tuple[Any, ...]:
            if match is None:
                return empty
            out: list[Any] = []
            if self.item is not None and graph is not None:
                found = self._determined.get(match[0])
                if found is None:
                    found = self.licensing.for_state(match[1], self.parties[match[0]], self.item, self.as_of, graph, [])
                    self._determined[match[0]] = found
                out += ["true" if found.license_required else "false", found.review_policy or "", found.basis]
            if self.notes is not None:
                try:
                    note = self.notes.get((counterparty_key(get(row, self.column), get(row, self.id_column)), match[0]))
                except InvalidInput:
                    note = None
                out += [note.decision if note else "", "true" if note and note.suppressed else "false"]
                self.suppressed_rows += bool(note and note.suppressed)
            return tuple(out)

        return cells
