"""CSL-style search (the trade.gov Consolidated Screening List search API, v1): filter the list
by name, source, type, country and address, page through it; fuzzy by the screening matcher.

Records are rendered in the CSL layout once per index (that is, per list version and date),
so a search costs a filter and a slice; fuzzy search asks the screening index, which is built
once per version too (see :class:`entitylist.screener.Screener`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from entitylist.errors import InvalidInput
from entitylist.exporters import csl_record
from entitylist.reference import vocabulary
from entitylist.screening import ListIndex
from entitylist.services.base import StoreBacked
from entitylist.services.models import _Out
from entitylist.services.screening import ScreeningService
from entitylist.state import PartyState

CSL_TYPES = {"individual": "Individual", "entity": "Entity", "vessel": "Vessel", "aircraft": "Aircraft"}
FUZZY_CANDIDATES = 500  # fuzzy matches considered before filtering and paging
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Case, accents of punctuation and spacing folded away: ``"Co., Ltd."`` -> ``"co ltd"``."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def name_contains(query: str, name: str) -> bool:
    """Exact search as the CSL API does it: the query is in the name, or each of its words is a word of the name."""
    if not query:
        return True
    if query in name:
        return True
    words = set(name.split())
    return all(word in words for word in query.split())


class SearchQuery(_Out):
    """The CSL search parameters, checked."""

    name: str | None = None
    fuzzy_name: bool = False
    sources: list[str] = Field(default_factory=list, description="List codes (EL, SDN, ...)")
    types: list[str] = Field(default_factory=list, description="Individual, Entity, Vessel, Aircraft")
    countries: list[str] = Field(default_factory=list, description="ISO 3166 alpha-2 codes")
    address: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    full_address: str | None = None
    offset: int = 0
    size: int = 10


class SearchHit(_Out):
    record: dict[str, Any] = Field(description="The party as a CSL record (JSON field names)")
    score: float | None = Field(default=None, description="Fuzzy search only: 0-100")
    matched_fields: list[str] | None = None


class SourceUsed(_Out):
    source: str
    source_code: str
    source_last_updated: dt.datetime | None
    last_imported: dt.datetime | None
    import_rate: str


class SearchPage(_Out):
    total: int
    offset: int
    sources_used: list[SourceUsed]
    search_performed_at: dt.datetime
    results: list[SearchHit]


@dataclass(frozen=True)
class _Row:
    """One listed party, prepared for filtering."""

    state: PartyState
    record: dict[str, Any]
    names: tuple[str, ...]  # folded name and aliases
    kind: str  # CSL type, Entity for organisations
    countries: frozenset[str]
    addresses: tuple[tuple[str, str, str, str, str], ...]  # folded street, city, state, postal code, one line


def _row(state: PartyState) -> _Row:
    party = state.party
    record = csl_record(state)
    csl_type = record["type"] or "Entity"
    countries = {c for c in (party.country, *(a.country for a in party.addresses)) if c}
    for value in party.nationalities:
        try:
            countries.add(vocabulary().country_code(value))
        except InvalidInput:
            continue
    addresses = tuple(
        (_fold(a.street or ""), _fold(a.city or ""), _fold(a.region or ""), _fold(a.postal_code or ""), _fold(a.one_line()))
        for a in party.addresses
    )
    return _Row(state, record, tuple(_fold(n) for n in party.all_names()), csl_type, frozenset(countries), addresses)


def parse_list(values: Sequence[str] | str | None) -> list[str]:
    """Comma-separated values (repeated parameters too), blanks dropped."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


class SearchService(StoreBacked):
    """CSL-style search over the list on a date; shares the screening service's indexes."""

    def __init__(self, store: Any, screening: ScreeningService) -> None:
        super().__init__(store)
        self._screening = screening
        self._prepared: tuple[ListIndex, list[_Row], dict[str, _Row]] | None = None

    def _rows(self, index: ListIndex) -> tuple[list[_Row], dict[str, _Row]]:
        prepared = self._prepared
        if prepared is None or prepared[0] is not index:
            rows = sorted((_row(s) for s in index.parties), key=lambda r: (r.state.party.source, r.names[0]))
            prepared = (index, rows, {r.state.id: r for r in rows})
            self._prepared = prepared
        return prepared[1], prepared[2]

    @staticmethod
    def check(query: SearchQuery) -> SearchQuery:
        """The query with its codes checked and normalised; InvalidInput names the bad value."""
        if query.offset < 0:
            raise InvalidInput(f"offset must be 0 or more, not {query.offset}")
        if not 1 <= query.size <= 100:
            raise InvalidInput(f"size must be between 1 and 100, not {query.size}")
        types = []
        for value in query.types:
            kind = CSL_TYPES.get(value.strip().casefold())
            if kind is None:
                raise InvalidInput(f"unknown type {value!r} (known: {', '.join(CSL_TYPES.values())})")
            types.append(kind)
        if query.fuzzy_name and not (query.name or "").strip():
            raise InvalidInput("fuzzy_name needs a name to search for")
        return query.model_copy(
            update={
                "sources": [vocabulary().source_code(s) for s in query.sources],
                "types": types,
                "countries": [vocabulary().country_code(c) for c in query.countries],
            }
        )

    def search(self, query: SearchQuery, as_of: dt.date | None = None) -> SearchPage:
        """One page of the parties listed on ``as_of`` (today) that pass every filter."""
        query = self.check(query)
        index = self._screening.listed_index(as_of)
        rows, by_id = self._rows(index)
        candidates: list[tuple[_Row, float | None, list[str] | None]]
        if query.fuzzy_name:
            matches = self._screening.screen(query.name or "", as_of=as_of, limit=FUZZY_CANDIDATES).matches
            candidates = []
            for match in matches:
                row = by_id[match.party_id]
                field = "name" if match.matched_name == row.state.party.name else "alt_names"
                candidates.append((row, round(match.score * 100, 2), [field]))
        else:
            name = _fold(query.name or "")
            candidates = [(r, None, None) for r in rows if any(name_contains(name, n) for n in r.names)]
        kept = [c for c in candidates if self._passes(c[0], query)]
        page = kept[query.offset : query.offset + query.size]
        return SearchPage(
            total=len(kept),
            offset=query.offset,
            sources_used=self._sources_used(rows, query.sources),
            search_performed_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
            results=[SearchHit(record=row.record, score=score, matched_fields=fields) for row, score, fields in page],
        )

    @staticmethod
    def _passes(row: _Row, query: SearchQuery) -> bool:
        if query.sources and row.state.party.source not in query.sources:
            return False
        if query.types and row.kind not in query.types:
            return False
        if query.countries and not row.countries.intersection(query.countries):
            return False
        wanted = [(i, _fold(v)) for i, v in enumerate((query.address, query.city, query.state, query.postal_code, query.full_address)) if v]
        if wanted:
            return any(all(value in address[i] for i, value in wanted) for address in row.addresses)
        return True

    def _sources_used(self, rows: list[_Row], sources: list[str]) -> list[SourceUsed]:
        """Each list searched, with when its data last changed and was last imported."""
        imports: dict[str, dt.datetime] = {}
        for run in self._store.imports():
            started = run["started_at"]
            if run.get("ok", True) and isinstance(started, dt.datetime):
                started = started if started.tzinfo else started.replace(tzinfo=dt.timezone.utc)
                imports[run["dataset"]] = max(started, imports.get(run["dataset"], started))
        by_source: dict[str, tuple[dt.date | None, dt.datetime | None]] = {}
        for row in rows:
            code = row.state.party.source
            if sources and code not in sources:
                continue
            changed = max((a.effective_date for a in row.state.actions), default=None)
            imported = max((imports[d] for d in row.state.datasets if d in imports), default=None)
            known_changed, known_imported = by_source.get(code, (None, None))
            by_source[code] = (
                max(d for d in (changed, known_changed) if d) if changed or known_changed else None,
                max(d for d in (imported, known_imported) if d) if imported or known_imported else None,
            )
        return [
            SourceUsed(
                source=vocabulary().csl_names.get(code, code),
                source_code=code,
                source_last_updated=dt.datetime.combine(changed, dt.time(), dt.timezone.utc) if changed else None,
                last_imported=imported,
                import_rate="on import" if imported else "bundled",
            )
            for code, (changed, imported) in sorted(by_source.items())
        ]
