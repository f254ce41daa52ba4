"""CSL-style search (the trade.gov Consolidated Screening List search API, v1): filter the list
by name, source, type, country and address, page through it; fuzzy by the screening matcher.

Records are rendered in the CSL layout once per index (that is, per list version and date),
so a search costs a filter and a slice; fuzzy search asks the screening index, which is built
once per version too (see :class:`entitylist.screener.Screener`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from entitylist.errors import InvalidInput
from entitylist.exporters import csl_record
from entitylist.reference import vocabulary
from entitylist.screening import ListIndex, check_query
from entitylist.services.base import StoreBacked
from entitylist.services.output_model import Out as _Out
from entitylist.services.screening import ScreeningService
from entitylist.state import PartyState

CSL_TYPES = {"individual": "Individual", "entity": "Entity", "vessel": "Vessel", "aircraft": "Aircraft"}
FUZZY_CANDIDATES = 500  # fuzzy matches considered before filtering and paging
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    """Case, accents of punctuation and spacing folded away: ``"Co., Ltd."`` -> ``"co ltd"``."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


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
    record: dict[str, Any] = Field(description="The party as the CSL search API shows it (see search_record)")
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


VESSEL_FIELDS = ("call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage", "vessel_flag", "vessel_owner")
_LIST_FIELDS = ("programs", "alt_names", "citizenships", "dates_of_birth", "nationalities", "places_of_birth")


def _blank_to_none(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, dict):
        return {k: _blank_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_to_none(v) for v in value]
    return value


def search_record(state: PartyState) -> dict[str, Any]:
    """A party as the CSL search API shows it: every column, null or [] where there is nothing."""
    record = {k: _blank_to_none(v) for k, v in csl_record(state).items()}
    for key in _LIST_FIELDS:
        record[key] = [v for v in record.get(key) or [] if v]
    for key in VESSEL_FIELDS:
        record.setdefault(key, None)
    return record


def _row(state: PartyState) -> _Row:
    party = state.party
    record = search_record(state)
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


class _Prepared:
    """One index's list as search needs it: CSL rows in a stable order, a word index, the sources."""

    def __init__(self, index: ListIndex, last_imports: dict[str, dt.datetime]) -> None:
        self.index = index
        self.rows = sorted((_row(s) for s in index.parties), key=lambda r: (r.state.party.source, r.names[0]))
        self.by_id = {r.state.id: r for r in self.rows}
        postings: dict[str, set[int]] = {}
        for number, row in enumerate(self.rows):
            for name in row.names:
                for word in name.split():
                    postings.setdefault(word, set()).add(number)
        self.postings = postings
        self.words = sorted(postings)
        self.sources = self._sources(last_imports)

    def _rows_with_word_starting(self, prefix: str) -> set[int]:
        found: set[int] = set()
        start = bisect.bisect_left(self.words, prefix)
        for word in itertools.islice(self.words, start, None):
            if not word.startswith(prefix):
                break
            found |= self.postings[word]
        return found

    def containing(self, query: str) -> list[_Row]:
        """Rows with a name holding every word of the query (the last may be the start of a word), in order."""
        words = query.split()
        if not words:
            return self.rows
        numbers = self._rows_with_word_starting(words[-1])
        for word in words[:-1]:
            numbers &= self.postings.get(word, set())
            if not numbers:
                break
        return [self.rows[n] for n in sorted(numbers)]

    def _sources(self, last_imports: dict[str, dt.datetime]) -> list[SourceUsed]:
        """Each list's latest action date and latest import."""
        changed: dict[str, dt.date] = {}
        imported: dict[str, dt.datetime] = {}
        for row in self.rows:
            code = row.state.party.source
            latest = max((a.effective_date for a in row.state.actions), default=None)
            if latest and (code not in changed or latest > changed[code]):
                changed[code] = latest
            for dataset in row.state.datasets:
                when = last_imports.get(dataset)
                if when and (code not in imported or when > imported[code]):
                    imported[code] = when
        return [
            SourceUsed(
                source=vocabulary().csl_names.get(code, code),
                source_code=code,
                source_last_updated=dt.datetime.combine(changed[code], dt.time(), dt.timezone.utc) if code in changed else None,
                last_imported=imported.get(code),
                import_rate="on import" if code in imported else "bundled",
            )
            for code in sorted({r.state.party.source for r in self.rows})
        ]


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
        self._prepared: _Prepared | None = None
        self._preparing = threading.Lock()

    def _prepare(self, index: ListIndex) -> _Prepared:
        """The rows of this index's list, its word index and its sources: made once per index."""
        prepared = self._prepared
        if prepared is None or prepared.index is not index:
            with self._preparing:
                prepared = self._prepared
                if prepared is None or prepared.index is not index:
                    prepared = _Prepared(index, self._last_imports())
                    self._prepared = prepared
        return prepared

    def _last_imports(self) -> dict[str, dt.datetime]:
        """When each dataset was last imported."""
        imports: dict[str, dt.datetime] = {}
        for run in self._store.imports():
            started = run["started_at"]
            if run.get("ok", True) and isinstance(started, dt.datetime):
                started = started if started.tzinfo else started.replace(tzinfo=dt.timezone.utc)
                imports[run["dataset"]] = max(started, imports.get(run["dataset"], started))
        return imports

    def warm(self, as_of: dt.date | None = None) -> None:
        """Build the screening index and the search rows of ``as_of`` (today) now, not at the first search."""
        self._prepare(self._screening.listed_index(as_of))

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
        prepared = self._prepare(index)
        candidates: list[tuple[_Row, float | None, list[str] | None]]
        if query.fuzzy_name:
            name = query.name or ""
            check_query(name)
            candidates = []
            for match in index.screen(name, limit=FUZZY_CANDIDATES, explain=False):
                row = prepared.by_id[match.party_id]
                field = "name" if match.matched_name == row.state.party.name else "alt_names"
                candidates.append((row, round(match.score * 100, 2), [field]))
        else:
            candidates = [(r, None, None) for r in prepared.containing(_fold(query.name or ""))]
        filtered = query.sources or query.types or query.countries or any(
            (query.address, query.city, query.state, query.postal_code, query.full_address)
        )
        kept = [c for c in candidates if self._passes(c[0], query)] if filtered else candidates
        page = kept[query.offset : query.offset + query.size]
        return SearchPage(
            total=len(kept),
            offset=query.offset,
            sources_used=[s for s in prepared.sources if not query.sources or s.source_code in query.sources],
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
