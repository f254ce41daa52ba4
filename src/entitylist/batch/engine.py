"""The batch engine: rows in, every row out with its best match (or all), in order.

Rows are read in chunks (of the size the executor asks for); the distinct keys of a window of
chunks (names alone where the file has no country, address or evidence columns, else (name,
country, address[, facts]) tuples; see ``executors.Key``) that are neither cached nor already on
their way are handed to an executor a window at a time (the ``window`` of chunks the executor asks
for), two windows in flight: one is screened while the oldest finished one is written. A window's
keys are sorted by name and handed over in one run for each worker: names that share their first
words are then screened one after the other, by one worker, while what they have in common (the
words' look-ups, the candidates they reach, the index's pages they read) is still at hand in its
caches (15-25 % less CPU a name than chunks handed over as read: see the README's twenty-first
round of batch speed). Every input row is written, with its columns and four more:
``match_party_id, match_party_name, match_name, match_score`` (empty when nothing matched); with
``all_matches`` once per match. Memory stays flat whatever the file's length: a bounded number of
chunks in flight and a bounded cache of recent results (a name that recurs after more than
``CACHE_SIZE`` other names is screened again). All state lives in the engine's run: two batches
can run at once in one process.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, Final, Protocol

from entitylist.batch.evidence import EvidenceColumns
from entitylist.batch.executors import (
    Executor, Facts, Key, KeyScreener, Match, Pending, Result, Session, default_executor, frozen_collector,
)
from entitylist.batch.formats import BatchError
from entitylist.batch.readers import Row, RowSource
from entitylist.batch.writers import EMPTY_MATCH, RowWriter, open_writer
from entitylist import interrupts
from entitylist.errors import InvalidInput
from entitylist.reference import MAX_NAME_LENGTH
from entitylist.reference import vocabulary
from entitylist.screening import ListIndex

NO_MATCH: Final = EMPTY_MATCH  # the match cells of a row that matched nothing
CACHE_SIZE: Final = 100_000  # results kept for names seen recently
UNSCREENABLE_KEPT: Final = 1000  # row numbers kept of the rows that could not be screened (all are counted)

Progress = Callable[[int, int | None], None]


Cells = Callable[[Row, "Match | None"], tuple[Any, ...]]
WriteMany = Callable[[list[tuple[Row, Any]]], None]  # a chunk's rows, each with its match, in order


class Annotator(Protocol):
    """More columns for each written row: ``bind`` gets the input's header and returns what makes a
    row's cells from the row and its match (None when nothing matched or the row could not be
    screened). Runs in the parent process, after screening; scores are never changed."""

    columns: tuple[str, ...]

    def bind(self, header: list[str]) -> Cells: ...


@dataclass
class BatchReport:
    """What a batch did. ``rows - screened`` rows could not be screened; ``unscreenable`` gives the
    first of them with the reason, so that a file of millions of empty names stays in memory bounds."""

    rows: int = 0
    screened: int = 0
    distinct: int = 0
    matched_rows: int = 0
    unscreenable: list[tuple[int, str]] = field(default_factory=list)

    @property
    def not_screened(self) -> int:
        return self.rows - self.screened


class Unscreenable:
    """Why a row cannot be screened: in a chunk's keys, where a key may be a name alone (a string)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


EMPTY_NAME: Final = Unscreenable("empty name")


class Columns:
    """Where a row keeps the name, country, address and the evidence columns (type, date of
    birth, nationality, identifiers): a position in list rows, a key in objects."""

    def __init__(
        self, source: RowSource, name: str, country: str | None, address: str | None,
        evidence: EvidenceColumns | None = None,
    ) -> None:
        header = source.header
        given = evidence or EvidenceColumns()
        found = given.found_in(header)
        for wanted in (name, country, address, *given.named()):
            if wanted and wanted not in header:
                raise BatchError(f"{source.name}: no column {wanted!r} (columns: {', '.join(header[:20]) or 'none'})")
        self.name, self.country, self.address = name, country, address
        self.evidence = found
        self._name_only = found.empty and country is None and address is None  # the key is the name alone
        columns = (name, country, address, *found.named())
        self._at = {column: header.index(column) for column in columns if column}
        # (read from a list row directly: every row asks for it; -1 for no such column, asked as before)
        self._name_at = self._at.get(name, -1)
        self._codes: dict[str, str | None] = {}  # country as written -> code (files repeat a few)
        self._facts: dict[tuple[Any, ...], Facts] = {}  # evidence cells as written -> what screening takes

    def get(self, row: Row, column: str | None) -> Any:
        if column is None:
            return None
        if isinstance(row, dict):
            return row.get(column)
        return row[self._at[column]]

    def key(self, row: Row) -> Key | Unscreenable:
        """The screening key of a row, or why it cannot be screened."""
        value = row[self._name_at] if isinstance(row, list) and self._name_at >= 0 else self.get(row, self.name)
        name = value if isinstance(value, str) else "" if value is None else str(value)
        if not name or name.isspace():
            return EMPTY_NAME
        if len(name) > MAX_NAME_LENGTH:
            return Unscreenable(f"name of {len(name)} characters (at most {MAX_NAME_LENGTH} are screened)")
        if self._name_only:
            return name
        evidence = self.evidence
        if evidence.empty:
            return (name, self._country(row), str(self.get(row, self.address) or "").strip() or None)
        cells = tuple(self.get(row, column) for column in evidence.named())
        facts = self._facts.get(cells)
        if facts is None:
            facts = evidence.read(row, self.get)
            if len(self._facts) > 10_000:
                self._facts.clear()
            self._facts[cells] = facts
        return (name, self._country(row), str(self.get(row, self.address) or "").strip() or None, facts)

    def _country(self, row: Row) -> str | None:
        written = str(self.get(row, self.country) or "").strip()
        if not written:
            return None
        if written not in self._codes:
            if len(self._codes) > 10_000:
                self._codes.clear()
            try:
                self._codes[written] = vocabulary().country_code(written)
            except InvalidInput:
                self._codes[written] = None  # an unreadable country is no evidence either way: screen by name
        return self._codes[written]


class ResultCache:
    """Results of the names seen most recently: two generations of at most ``size / 2`` each; a
    hit moves to the young one, and when that is full the old one is dropped whole (O(1) a name)."""

    def __init__(self, size: int) -> None:
        self._half = max(1, size // 2)
        self._young: dict[Key, Result] = {}
        self._old: dict[Key, Result] = {}

    def __contains__(self, key: Key) -> bool:
        return key in self._young or key in self._old

    def get(self, key: Key) -> Result | None:
        found = self._young.get(key)
        if found is None:
            found = self._old.get(key)
            if found is not None:
                self.put(key, found)
        return found

    def put(self, key: Key, result: Result) -> None:
        self._young[key] = result
        if len(self._young) >= self._half:
            self._old, self._young = self._young, {}


WINDOWS_IN_FLIGHT: Final = 2  # windows of chunks handed over and not yet written (one is screened while the other is written)


def _by_name(key: Key) -> str:
    """What a window's keys are sorted by: the name, its case folded (so "ACME Trading" and
    "Acme Steel" lie together)."""
    return (key if isinstance(key, str) else key[0]).casefold()


@dataclass
class _Window:
    """Chunks of rows read together, their keys to screen handed over at once (``todo``, sorted by
    name, in one part of near-equal size for each worker: ``parts`` holds each part's pending
    results). One part a worker, not one a chunk: a worker then screens one run of the sorted
    names (about 15 % less CPU a name than parts of a chunk's rows, which the workers took in
    turn)."""

    chunks: list[tuple[list[Row], list[Key | Unscreenable]]] = field(default_factory=list)
    todo: list[Key] = field(default_factory=list)
    parts: list[Pending] = field(default_factory=list)
    # results its rows need that the cache held when they were read: taken then, since the
    # results of the windows screened meanwhile may push them out of it before they are written
    cached: dict[Key, Result] = field(default_factory=dict)

    def hand_over(self, session: Session) -> None:
        todo = self.todo
        todo.sort(key=_by_name)  # (stable: equal names keep the order first met)
        count = min(session.workers, len(todo))
        for part in range(count):
            self.parts.append(session.submit(todo[len(todo) * part // count:len(todo) * (part + 1) // count]))

    def results(self) -> list[Result]:
        """Each key's result, in the order of ``todo``."""
        return [result for part in self.parts for result in part.result()]


class BatchEngine:
    """Screens row streams against one index; ``run`` once per batch, from any thread."""

    def __init__(
        self,
        index: ListIndex,
        *,
        column: str,
        country_column: str | None = None,
        address_column: str | None = None,
        threshold: float | None = None,
        all_matches: bool = False,
        executor: Executor | None = None,
        workers: int | None = None,
        raw: bool = False,
        evidence: EvidenceColumns | None = None,
        annotator: Annotator | None = None,
    ) -> None:
        """``evidence``: the type, date-of-birth, nationality and identifier columns, named or
        found by their header names (see :mod:`entitylist.batch.evidence`)."""
        self.index = index
        self.annotator = annotator
        self.column, self.country_column, self.address_column = column, country_column, address_column
        self.evidence = evidence
        self.all_matches = all_matches
        self.raw = raw
        self.screener = KeyScreener(index, threshold=threshold, limit=10 if all_matches else 1)
        self.executor = executor if executor is not None else default_executor(workers)

    def run(self, source: RowSource, out: IO[bytes], fmt: str, progress: Progress | None = None) -> BatchReport:
        """Screen every row of ``source`` and write them to ``out`` as ``fmt`` (csv, tsv, xlsx,
        jsonl). The caller closes both."""
        columns = Columns(source, self.column, self.country_column, self.address_column, self.evidence)
        extra = self.annotator.columns if self.annotator else ()
        writer = open_writer(out, fmt, list(source.header), raw=self.raw, extra=extra)
        vocabulary()  # loaded before forking, so that workers share it
        write = writer.write_many if self.annotator is None else _annotated(writer.write, self.annotator.bind(list(source.header)))
        with frozen_collector.during_batch(), interrupts.deferred():  # (a stop is taken between chunks)
            # (and the index's look-up tables, made with the collector kept off the index: its
            # full collections walking every object of the index cost the making as much again)
            self.index.index.warm()
            return self._run(source, columns, writer, write, progress)

    def _run(
        self, source: RowSource, columns: Columns, writer: RowWriter, write: WriteMany, progress: Progress | None
    ) -> BatchReport:
        report = BatchReport()
        cache = ResultCache(CACHE_SIZE)
        on_their_way: set[Key] = set()
        session = self.executor.open(self.screener)
        in_flight: deque[_Window] = deque()
        reading = _Window()
        written: dict[Key, Result] = {}  # the results of the window written last
        finished = False
        try:
            for rows in source.chunks(session.chunk_rows):
                interrupts.check()
                keys = [columns.key(r) for r in rows]
                # the keys neither cached nor on their way, each once (a key is on its way from when
                # it is first met: the window's later rows of it are not screened twice); a cached
                # key's result taken now (it may be pushed out before the window is written)
                todo, cached = reading.todo, reading.cached
                for k in keys:
                    if isinstance(k, Unscreenable) or k in on_their_way or k in cached:
                        continue
                    known = cache.get(k)
                    if known is not None:
                        cached[k] = known
                    else:
                        on_their_way.add(k)
                        todo.append(k)
                reading.chunks.append((rows, keys))
                if len(reading.chunks) >= session.window:
                    reading.hand_over(session)
                    in_flight.append(reading)
                    reading = _Window()
                    if len(in_flight) >= WINDOWS_IN_FLIGHT:
                        written = self._write(in_flight.popleft(), written, write, cache, on_their_way, report)
                        if progress:
                            progress(source.position(), source.total())
            if reading.chunks:
                reading.hand_over(session)
                in_flight.append(reading)
            while in_flight:
                interrupts.check()
                written = self._write(in_flight.popleft(), written, write, cache, on_their_way, report)
            if progress:
                progress(source.position(), source.total())
            writer.finish()
            finished = True
        finally:
            session.close(abandon=not finished)
        return report

    def _write(
        self,
        window: _Window,
        before: dict[Key, Result],
        write: WriteMany,
        cache: ResultCache,
        on_their_way: set[Key],
        report: BatchReport,
    ) -> dict[Key, Result]:
        """Write a window's rows; returns its results (the next window's rows may hold keys that
        were on their way in this one: ``before`` is the last window's, for this one's rows).
        Each row's result is the window's own, or one taken from the cache when it was read, or
        the last window's: never looked for in the cache at writing time, where a window of more
        distinct keys than the cache holds would have pushed some of its own out."""
        results = dict(zip(window.todo, window.results(), strict=True))
        report.distinct += len(window.todo)
        for done, result in results.items():
            cache.put(done, result)
        on_their_way.difference_update(window.todo)
        for rows, keys in window.chunks:
            self._write_rows(rows, keys, (results, window.cached, before), write, report)
        return results

    def _write_rows(
        self, rows: list[Row], keys: list[Key | Unscreenable], known: tuple[dict[Key, Result], ...], write: WriteMany,
        report: BatchReport,
    ) -> None:
        """A chunk's rows written at once, each with its match (from the first of ``known`` that
        holds its key)."""
        all_matches = self.all_matches
        # the chunk's rows and their matches, written at once; the counts kept in locals meanwhile
        out: list[tuple[Row, Any]] = []
        number, rows_screened, rows_matched = report.rows, 0, 0
        unscreenable = report.unscreenable
        for row, key in zip(rows, keys, strict=True):
            number += 1
            if isinstance(key, Unscreenable):
                if len(unscreenable) < UNSCREENABLE_KEPT:
                    unscreenable.append((number, key.reason))
                out.append((row, NO_MATCH))
                continue
            rows_screened += 1
            found = None
            for results in known:
                found = results.get(key)
                if found is not None:
                    break
            if found is None:  # (never: every key of a row is screened in its window or the last)
                raise RuntimeError(f"batch engine: no result for row {number}")
            if not found:
                out.append((row, NO_MATCH))
                continue
            rows_matched += 1
            for match in found if all_matches else found[:1]:
                out.append((row, match))
        report.rows, report.screened, report.matched_rows = (
            number, report.screened + rows_screened, report.matched_rows + rows_matched,
        )
        write(out)


def _annotated(write: Callable[[Row, Any], None], cells: Cells) -> WriteMany:
    """``write`` of each row with an annotator's cells after the match columns."""

    def annotated(pairs: list[tuple[Row, Any]]) -> None:
        for row, match in pairs:
            write(row, (*match, *cells(row, match if match[0] else None)))

    return annotated
