"""Screening use cases: one name, many names, a whole file, against the list on a date."""

from __future__ import annotations

import datetime as dt
import contextlib
import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from entitylist.eccn import Eccn, parse_eccn
from entitylist.matching.weights import Weights
from entitylist.errors import InvalidInput
from entitylist.screener import ListSource, Screener
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
from entitylist.services.review_keys import counterparty_key

if TYPE_CHECKING:
    from entitylist.batch import Executor
    from entitylist.services.licensing import LicensingService
    from entitylist.services.reviews import ReviewService
    from entitylist.state import PartyState
    from entitylist.store import Store
    from entitylist.store.quick import QuickReader

Progress = Callable[[int, int | None], None]


LOOK_AHEAD_STEP = 100  # listed words looked up between two chances for a server's other threads to run (a few ms)


def _look_ahead(index: ListIndex) -> int:
    """``NameIndex.look_up_listed_words`` of a server's index, its tables made first and what
    they made frozen from the collector, as long-lived as the index. A hundred words a call:
    between two calls the interpreter lets a thread that waits for its lock run (a request),
    which one compiled call for every word would keep waiting for a second or two."""
    names = index.index
    names.warm()
    for _step in range(0, len(names.unit_weight), LOOK_AHEAD_STEP):
        names.look_up_listed_words(LOOK_AHEAD_STEP)
    count = names.look_up_listed_words()  # (any left: none)
    gc.freeze()
    return count


def _look_ahead_in_background(index: ListIndex, date: dt.date) -> None:
    """An index a server has just built, looked up ahead meanwhile if it is today's (an index
    of another date answers a rare request, and is looked up as they meet its words)."""
    if date == dt.date.today():
        threading.Thread(target=_look_ahead, args=(index,), name="entitylist-look-ahead", daemon=True).start()


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


class QuickListSource:
    """The store as a one-shot command's Screener reads it: the version through the quick reader,
    the store itself opened only when the list must be folded (no snapshot of the version yet)."""

    def __init__(self, quick: QuickReader, open_store: Callable[[], Store]) -> None:
        self._quick = quick
        self._open_store = open_store

    def describe(self) -> str:
        return self._quick.describe()

    def list_version(self) -> str | None:
        return self._quick.list_version()

    def listed(self, as_of: dt.date) -> list[PartyState]:
        return self._open_store().listed(as_of)


class ScreeningService(StoreBacked):
    """Screens against the store's list; the index of a (date, list version) is built once and kept."""

    def __init__(self, store: Store | Callable[[], Store], *, quick: Callable[[], QuickReader | None] | None = None) -> None:
        super().__init__(store)
        self._quick_reader = quick

    @cached_property
    def _quick(self) -> QuickReader | None:
        return self._quick_reader() if self._quick_reader is not None else None

    @cached_property
    def _screener(self) -> Screener:
        quick = self._quick
        source: ListSource = QuickListSource(quick, lambda: self._store) if quick is not None else self._store
        return Screener(source)

    def listed_index(self, as_of: dt.date | None = None) -> ListIndex:
        """The screening index of the list on ``as_of`` (today) at the store's current version."""
        return self._screener.index_for(as_of or dt.date.today())

    def look_up_listed_words(self, as_of: dt.date | None = None) -> int:
        """Build the index of ``as_of`` (today) and look its listed words up ahead, as a
        long-running server does at start-up (see ``NameIndex.look_up_listed_words``): the same
        matches, sooner. From then on each index of the day built for a later list version (an
        import) or the next day is looked up so too, in the background. The number of words."""
        count = _look_ahead(self.listed_index(as_of))
        self._screener.on_new_index = _look_ahead_in_background
        return count

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
        counterparty_id: str | None = None,
        item: str | None = None,
        features: Weights | None = None,
    ) -> ScreenResult:
        """Listed parties ``name`` may be, best first, each with its explanation. ``type`` (person,
        organization, vessel), ``birth_date`` (YYYY or YYYY-MM-DD), ``nationality`` and
        ``identifiers`` count where a listed record has them. Each match carries the latest review
        of its (counterparty, party) pair (``counterparty_id``: the user's id for the counterparty),
        marked ``suppressed`` when cleared and unchanged since, and, for an ``item`` (ECCN or
        EAR99), the license determination for it. ``features``: feature weights
        of this call's own (see :meth:`entitylist.matching.weights.Weights.overridden`)."""
        date = as_of or dt.date.today()
        eccn = parse_eccn(item) if item is not None else None
        matches = self._screener.screen(
            name, country=country, address=address, as_of=date, threshold=threshold, limit=limit, query_type=type,
            birth_date=birth_date, nationality=nationality, identifiers=identifiers, features=features,
        )
        query = ScreenQuery(
            name=name, country=country, address=address, as_of=date, type=type, birth_date=birth_date,
            nationality=nationality, identifiers=list(identifiers), counterparty_id=counterparty_id,
            item=eccn.text if eccn else None,
        )
        return ScreenResult(query=query, matches=self.annotate(name, counterparty_id, matches, eccn, date))

    def annotate(self, name: str, counterparty_id: str | None, matches: Sequence[Match], eccn: Eccn | None,
                 as_of: dt.date) -> list[MatchOut]:
        """Matches as the services return them, with their reviews and license determinations
        (scores untouched: a suppressed hit is shown as such, never dropped)."""
        out = [match_out(m) for m in matches]
        if not out:
            return out
        key = counterparty_key(name, counterparty_id)
        quick = self._quick
        unreviewed = quick is not None and not quick.has_reviews([key])  # the usual case, read without the store
        notes = {} if unreviewed else self._reviews.notes([key], [m.party_id for m in matches])
        graph = self._licensing.graph(as_of) if eccn is not None else None
        annotated = []
        for match, result in zip(matches, out, strict=True):
            note = notes.get((key, match.party_id))
            update: dict[str, object] = {"review": note, "suppressed": bool(note and note.suppressed)}
            if eccn is not None and graph is not None:
                update["license"] = self._licensing.for_state(name, match.state, eccn, as_of, graph, [])
            annotated.append(result.model_copy(update=update))
        return annotated

    @cached_property
    def _reviews(self) -> ReviewService:
        from entitylist.services.reviews import ReviewService

        return ReviewService(self._store)

    @cached_property
    def _licensing(self) -> LicensingService:
        from entitylist.services.licensing import LicensingService

        return LicensingService(self._store)

    def screen_many(
        self, queries: Iterable[ScreenQuery], *, threshold: float | None = None, limit: int = 10
    ) -> list[ScreenResult]:
        """Several names, each on its own date; one result per query, in order."""
        return [
            self.screen(
                q.name, country=q.country, address=q.address, as_of=q.as_of, threshold=threshold, limit=limit,
                type=q.type, birth_date=q.birth_date, nationality=q.nationality, identifiers=q.identifiers,
                counterparty_id=q.counterparty_id, item=q.item,
            )
            for q in queries
        ]

    def check_columns(
        self,
        source: Path,
        *,
        column: str,
        country_column: str | None = None,
        address_column: str | None = None,
        encoding: str = "utf-8",
    ) -> None:
        """Read the file's header (nothing is screened, no index built) and refuse it when a column
        named is not there: a file queued for screening is refused at once, not when its turn comes."""
        from entitylist.batch import from_path
        from entitylist.batch.engine import Columns

        reader = from_path(source, encoding)
        try:
            Columns(reader, column, country_column, address_column)
        finally:
            reader.close()

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
        item: str | None = None,
        counterparty_id_column: str | None = None,
        engine: str = "local",
        scheduler: str | None = None,
    ) -> BatchReport:
        """Screen every row of a file into ``output`` (see :mod:`entitylist.batch`); paths are
        checked before the index is built, so a bad path fails at once. The type, date-of-birth,
        nationality and identifier columns not named are found by their header names. ``item``
        adds each match's license determination; when the store holds reviews, each match's
        latest review of its (counterparty, party) pair is added too (``counterparty_id_column``:
        the user's ids for counterparties). ``engine``: ``local`` (this machine's cores) or
        ``dask`` (a Dask cluster: the one at ``scheduler``, else a local one of ``workers``
        processes), connected before the index is built."""
        from entitylist.batch import EvidenceColumns, check_encoding, check_paths, screen_file
        from entitylist.services.hit_columns import HitColumns

        date = as_of or dt.date.today()
        eccn = parse_eccn(item) if item is not None else None
        check_paths(source, output)
        check_encoding(encoding)
        check_threshold(threshold)
        with batch_executor(engine, scheduler, workers) as executor:
            index = self._screener.index_for(date)
            columns = HitColumns(
                column=column, id_column=counterparty_id_column, item=eccn, as_of=date, licensing=self._licensing,
                parties={s.id: s for s in index.parties},
                notes=self._reviews.notes() if self._reviews.any() or counterparty_id_column else None,
            )
            report = screen_file(
                index, source, output, column=column, country_column=country_column, address_column=address_column,
                threshold=threshold, all_matches=all_matches, workers=workers, executor=executor, raw=raw,
                encoding=encoding, progress=progress,
                evidence=EvidenceColumns(type_column, birth_date_column, nationality_column, id_column),
                annotator=columns if columns.columns else None,
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
            suppressed_rows=columns.suppressed_rows,
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
