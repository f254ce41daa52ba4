"""Screening use cases: one name, many names, a whole file, against the list on a date."""

from __future__ import annotations

import datetime as dt
import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from entitylist.errors import InvalidInput
from entitylist.screener import Screener
from entitylist.screening import Match, check_threshold
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

if TYPE_CHECKING:
    from entitylist.batch import Executor

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
        engine: str = "local",
        scheduler: str | None = None,
    ) -> BatchReport:
        """Screen every row of a file into ``output`` (see :mod:`entitylist.batch`); paths are
        checked before the index is built, so a bad path fails at once. ``engine``: ``local`` (this
        machine's cores) or ``dask`` (a Dask cluster: the one at ``scheduler``, else a local one of
        ``workers`` processes), connected before the index is built."""
        from entitylist.batch import check_encoding, check_paths, screen_file

        date = as_of or dt.date.today()
        check_paths(source, output)
        check_encoding(encoding)
        check_threshold(threshold)
        with batch_executor(engine, scheduler, workers) as executor:
            report = screen_file(
                self._screener.index_for(date), source, output, column=column, country_column=country_column,
                address_column=address_column, threshold=threshold, all_matches=all_matches, workers=workers,
                executor=executor, raw=raw, encoding=encoding, progress=progress,
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


ENGINES = ("local", "dask")


@contextlib.contextmanager
def batch_executor(engine: str, scheduler: str | None, workers: int | None) -> Iterator[Executor | None]:
    """The executor of a batch engine (None: the local default), connected, and closed afterwards."""
    if engine not in ENGINES:
        raise InvalidInput(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "local":
        if scheduler is not None:
            raise InvalidInput("--scheduler needs --engine dask")
        yield None
        return
    from entitylist.batch.dask_executor import DaskExecutor

    executor = DaskExecutor(scheduler, workers)
    try:
        executor.start()
        yield executor
    finally:
        executor.close()
