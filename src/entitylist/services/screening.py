"""Screening use cases: one name, many names, a whole file, against the list on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from pathlib import Path

from entitylist.screener import Screener
from entitylist.screening import ListIndex, Match, check_threshold
from entitylist.services.models import (
    BatchReport,
    Explanation,
    Listing,
    MatchOut,
    NotScreened,
    ScreenQuery,
    ScreenResult,
)
from entitylist.services.base import StoreBacked

Progress = Callable[[int, int | None], None]


def match_out(match: Match) -> MatchOut:
    """A screening match as the services return it."""
    return MatchOut(
        party_id=match.party_id,
        party_name=match.party_name,
        matched_name=match.matched_name,
        score=round(match.score, 4),
        explanation=Explanation.model_validate(match.explanation) if match.explanation else None,
        listing=Listing.from_state(match.state),
    )


class ScreeningService(StoreBacked):
    """Screens against the store's list; the index of a (date, list version) is built once and kept."""

    @cached_property
    def _screener(self) -> Screener:
        return Screener(self._store)

    def listed_index(self, as_of: dt.date | None = None) -> ListIndex:
        """The screening index of the list on ``as_of`` (today) at the store's current version."""
        return self._screener.index_for(as_of or dt.date.today())

    def screen(
        self,
        name: str,
        *,
        country: str | None = None,
        address: str | None = None,
        as_of: dt.date | None = None,
        threshold: float | None = None,
        limit: int = 10,
        type: str | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        identifiers: Sequence[str] = (),
    ) -> ScreenResult:
        """Listed parties ``name`` may be, best first, each with its explanation. ``type`` (person,
        organization, vessel), ``birth_date`` (YYYY or YYYY-MM-DD), ``nationality`` and
        ``identifiers`` count where a listed record has them."""
        date = as_of or dt.date.today()
        matches = self._screener.screen(
            name, country=country, address=address, as_of=date, threshold=threshold, limit=limit, query_type=type,
            birth_date=birth_date, nationality=nationality, identifiers=identifiers,
        )
        query = ScreenQuery(
            name=name, country=country, address=address, as_of=date, type=type, birth_date=birth_date,
            nationality=nationality, identifiers=list(identifiers),
        )
        return ScreenResult(query=query, matches=[match_out(m) for m in matches])

    def screen_many(
        self, queries: Iterable[ScreenQuery], *, threshold: float | None = None, limit: int = 10
    ) -> list[ScreenResult]:
        """Several names, each on its own date; one result per query, in order."""
        return [
            self.screen(
                q.name, country=q.country, address=q.address, as_of=q.as_of, threshold=threshold, limit=limit,
                type=q.type, birth_date=q.birth_date, nationality=q.nationality, identifiers=q.identifiers,
            )
            for q in queries
        ]

    def screen_file(
        self,
        source: Path,
        output: Path,
        *,
        column: str,
        country_column: str | None = None,
        address_column: str | None = None,
        as_of: dt.date | None = None,
        threshold: float | None = None,
        all_matches: bool = False,
        workers: int | None = None,
        raw: bool = False,
        encoding: str = "utf-8",
        progress: Progress | None = None,
        type_column: str | None = None,
        birth_date_column: str | None = None,
        nationality_column: str | None = None,
        id_column: str | None = None,
    ) -> BatchReport:
        """Screen every row of a file into ``output`` (see :mod:`entitylist.batch`); paths are
        checked before the index is built, so a bad path fails at once. The type, date-of-birth,
        nationality and identifier columns not named are found by their header names."""
        from entitylist.batch import EvidenceColumns, check_encoding, check_paths, screen_file

        date = as_of or dt.date.today()
        check_paths(source, output)
        check_encoding(encoding)
        check_threshold(threshold)
        report = screen_file(
            self._screener.index_for(date),
            source,
            output,
            column=column,
            country_column=country_column,
            address_column=address_column,
            threshold=threshold,
            all_matches=all_matches,
            workers=workers,
            raw=raw,
            encoding=encoding,
            progress=progress,
            evidence=EvidenceColumns(type_column, birth_date_column, nationality_column, id_column),
        )
        return BatchReport(
            input=str(source),
            output=str(output),
            as_of=date,
            rows=report.rows,
            screened=report.screened,
            distinct_names=report.distinct,
            rows_with_match=report.matched_rows,
            not_screened_rows=report.not_screened,
            not_screened=[NotScreened(row=r, reason=why) for r, why in report.unscreenable],
        )
