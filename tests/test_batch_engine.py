"""Batch screening as an engine: the same output as screen-file had, from every kind of row stream
and executor, and two batches at once in one process."""

from __future__ import annotations

import csv
import gzip
import io
import os
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from entitylist.batch import (
    CACHE_SIZE,
    BatchEngine,
    ForkPoolExecutor,
    InProcessExecutor,
    IterableSource,
    from_bytes,
    from_path,
    screen_file,
)
from entitylist.batch.executors import Executor, Key, KeyScreener, Pending, Result, Session, completed
from entitylist.cells import neutralise
from entitylist.errors import EntityListError
from entitylist.screening import ListIndex

from . import batch_corpus


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return batch_corpus.index()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "in.csv"
    batch_corpus.write_input(path)
    return path


def _expected(all_matches: bool) -> bytes:
    return gzip.decompress(batch_corpus.EXPECTED[all_matches].read_bytes())


EXECUTORS: dict[str, Executor] = {"in-process": InProcessExecutor(), "fork pool": ForkPoolExecutor(2)}


class _Recording:
    """An executor that screens in this process and keeps the keys of each chunk it is handed."""

    window, chunk_rows, workers = 2, 4, 2

    def __init__(self) -> None:
        self.handed: list[list[Key]] = []
        self._screener: KeyScreener | None = None

    def open(self, screener: KeyScreener) -> Session:
        self._screener = screener
        return self

    def submit(self, keys: list[Key]) -> Pending:
        assert self._screener is not None
        self.handed.append(list(keys))
        return completed(self._screener(keys))

    def close(self, *, abandon: bool = False) -> None:
        return None


def test_each_key_is_handed_to_the_executor_once_a_window_at_a_time_sorted_by_name(index: ListIndex) -> None:
    """A name repeated inside a window, in a later window while it is still on its way, or after
    its result is kept is screened once; an empty name never. A window (the executor's two chunks
    of four rows here) is handed over at once, its names sorted as their case folded, in one part
    for each of its two workers; the rows are written in the order read."""
    names = [
        "Hikvisoin", "acme", "Hikvisoin", "",  # (windows of two chunks of four rows, two windows in
        "Bolt", "acme", "Crane", "Hikvisoin",  # flight: the first window's results are kept when
        "Dune", "Bolt", "Eagle", "Crane",  # the second is handed over, before the third is read)
        "acme", "Dune", "Fjord", "Hikvisoin",
        "Gale", "Acme", "Fjord", "Bolt",
    ]
    recording = _Recording()
    out = io.BytesIO()
    source = IterableSource(["name"], iter([[name] for name in names]))
    report = BatchEngine(index, column="name", executor=recording).run(source, out, "csv")
    assert recording.handed == [["acme", "Bolt"], ["Crane", "Hikvisoin"], ["Dune"], ["Eagle", "Fjord"], ["Acme"], ["Gale"]]
    assert (report.rows, report.screened, report.distinct) == (20, 19, 9)
    written = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert [row[0] for row in written[1:]] == names
    assert {row[1] for row in written[1:] if row[0] == "Hikvisoin"} == {"cn-hikvision"}


def test_a_window_is_handed_over_in_parts_of_near_equal_size(index: ListIndex) -> None:
    """Five distinct names in a window of two chunks of four rows: two parts, one for each of the
    executor's two workers (of two and three names), sorted across the parts; a window of one
    name is one part."""
    names = ["Kilo", "Juliet", "India", "Hotel", "Golf", "Kilo", "Juliet", "India", "Lima"]
    recording = _Recording()
    source = IterableSource(["name"], iter([[name] for name in names]))
    BatchEngine(index, column="name", executor=recording).run(source, io.BytesIO(), "csv")
    assert recording.handed == [["Golf", "Hotel"], ["India", "Juliet", "Kilo"], ["Lima"]]


class _Echo(KeyScreener):
    """Matches every key with itself (the index never asked), counting the keys it screens."""

    def __init__(self, index: ListIndex) -> None:
        super().__init__(index, threshold=None, limit=1)
        self.screened = 0

    def __call__(self, keys: Sequence[Key]) -> list[Result]:
        self.screened += len(keys)
        return [((f"id-{key}", str(key), str(key), 1.0),) for key in keys]


class _Wide(_Recording):
    window, chunk_rows, workers = 60, 1000, 2  # windows of 60,000 rows: more than half the result cache


def test_a_window_of_more_names_than_the_result_cache_holds_is_screened_once_and_written_whole(
    index: ListIndex,
) -> None:
    """Each row gets its own key's result, and no key is screened twice, though a window's
    results push some of its own and the last window's out of the result cache before its rows
    are written (the engine used to screen those again, one at a time, in its own process)."""
    assert 60_000 > CACHE_SIZE / 2
    names = [f"N{number}" for number in range(125_000)]
    names[61_000:61_100] = names[59_000:59_100]  # (on their way in the window before, when read)
    names[-100:] = names[:100]  # (cached when read: their window's results push them out)
    recording, out = _Wide(), io.BytesIO()
    engine = BatchEngine(index, column="name", executor=recording)
    engine.screener = echo = _Echo(index)
    report = engine.run(IterableSource(["name"], iter([[name] for name in names])), out, "csv")
    handed = sum(len(part) for part in recording.handed)
    assert echo.screened == handed == report.distinct == len(set(names))
    written = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"))))[1:]
    assert [row[0] for row in written] == names
    assert all(row[3] == row[0] for row in written)  # (match_name: the row's own name)


@pytest.mark.parametrize("all_matches", [False, True])
@pytest.mark.parametrize("executor", list(EXECUTORS))
def test_output_is_byte_identical_to_screen_file_before_the_engine(
    tmp_path: Path, index: ListIndex, corpus: Path, executor: str, all_matches: bool
) -> None:
    target = tmp_path / "out.csv"
    report = screen_file(index, corpus, target, column="name", country_column="country", all_matches=all_matches,
                         executor=EXECUTORS[executor], raw=True)  # as screen-file wrote cells before --raw existed
    assert report.rows == batch_corpus.ROWS
    assert target.read_bytes() == _expected(all_matches)


def test_safe_output_differs_only_by_neutralised_cells(tmp_path: Path, index: ListIndex, corpus: Path) -> None:
    target = tmp_path / "out.csv"
    screen_file(index, corpus, target, column="name", country_column="country", workers=2)
    expected = list(csv.reader(io.StringIO(_expected(False).decode("utf-8"))))
    written = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert written == [[neutralise(cell) for cell in row] for row in expected]
    assert written != expected  # the corpus has names that begin with a tab


def test_uploaded_bytes_and_iterators_of_rows_give_the_same_output(index: ListIndex, corpus: Path) -> None:
    engine = BatchEngine(index, column="name", country_column="country", executor=InProcessExecutor(), raw=True)
    from_upload = io.BytesIO()
    engine.run(from_bytes(corpus.read_bytes(), "csv"), from_upload, "csv")
    assert from_upload.getvalue() == _expected(False)
    header, *rows = batch_corpus.rows(batch_corpus.listed_names())
    from_rows = io.BytesIO()
    engine.run(IterableSource(header, iter(rows)), from_rows, "csv")
    assert from_rows.getvalue() == _expected(False)
    as_dicts = io.BytesIO()  # mappings without a header: the keys of the first rows make it
    engine.run(IterableSource([], (dict(zip(header, row, strict=True)) for row in rows)), as_dicts, "csv")
    assert as_dicts.getvalue() == _expected(False)


def test_two_batches_at_once_from_two_threads_match_each_run_alone(index: ListIndex, corpus: Path, tmp_path: Path) -> None:
    """Each thread runs its own forked pool with different options; neither sees the other's."""
    outputs: dict[bool, bytes] = {}
    errors: list[BaseException] = []

    def run(all_matches: bool) -> None:
        try:
            engine = BatchEngine(index, column="name", country_column="country", all_matches=all_matches,
                                 executor=ForkPoolExecutor(2), raw=True)
            source = from_path(corpus)
            out = io.BytesIO()
            try:
                engine.run(source, out, "csv")
            finally:
                source.close()
            outputs[all_matches] = out.getvalue()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(flag,)) for flag in (False, True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors
    assert outputs[False] == _expected(False)
    assert outputs[True] == _expected(True)


class _DiesOnKill(KeyScreener):
    """A screener whose worker process dies when it meets the name KILL (as a worker killed by the
    system, or by running out of memory, would)."""

    def __call__(self, keys: Sequence[Key]) -> list[Result]:
        if any((key if isinstance(key, str) else key[0]) == "KILL" for key in keys):
            os._exit(9)
        return super().__call__(keys)


def test_a_worker_that_dies_is_a_clear_error_not_a_hang(index: ListIndex) -> None:
    rows = [["Hikvision"]] * 3000 + [["KILL"]] + [["Dahua"]] * 3000
    engine = BatchEngine(index, column="name", executor=ForkPoolExecutor(2))
    engine.screener = _DiesOnKill(index, threshold=None, limit=1)
    out = io.BytesIO()
    previous = signal.signal(signal.SIGALRM, _took_too_long)
    signal.alarm(60)
    try:
        with pytest.raises(EntityListError, match="worker process died"):
            engine.run(IterableSource(["name"], rows), out, "csv")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _took_too_long(_signal: int, _frame: object) -> None:
    raise TimeoutError("the batch waited for a dead worker")


class _DeafAndSlow(KeyScreener):
    """A screener whose worker no longer ends on SIGTERM (as a worker still starting did: it had the
    parent's deferring handler) and takes a minute over its chunk."""

    def __call__(self, keys: Sequence[Key]) -> list[Result]:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        time.sleep(60)
        return super().__call__(keys)


def test_an_abandoned_batch_stops_its_workers_whatever_they_do_with_sigterm(index: ListIndex) -> None:
    """A batch given up (bad input, Ctrl-C) ends its workers at once. Ending them with SIGTERM left
    a worker that did not take it alive; the pool's shutdown waited for it, at times for ever."""
    session = ForkPoolExecutor(2).open(_DeafAndSlow(index, threshold=None, limit=1))
    session.submit(["Hikvision"])
    session.submit(["Dahua"])
    time.sleep(0.5)  # both workers are in their chunk, deaf to SIGTERM
    started = time.monotonic()
    session.close(abandon=True)
    assert time.monotonic() - started < 10


def test_a_forked_process_neither_defers_nor_keeps_the_parents_stop_handler() -> None:
    """A process forked while a batch defers stops (the pool's workers, forked inside the batch)
    ends on SIGTERM as by default from its first instruction, before any code of its own runs."""
    import multiprocessing

    from entitylist import interrupts

    context = multiprocessing.get_context("fork")
    queue = context.SimpleQueue()

    def report() -> None:
        queue.put((signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, interrupts._STATE.deferring))

    with interrupts.ending_on_termination(), interrupts.deferred():
        child = context.Process(target=report)
        child.start()
        child.join(30)
    assert child.exitcode == 0  # (else nothing was put, and the queue would wait for ever)
    assert queue.get() == (True, 0)


def test_a_batch_leaves_what_the_process_had_frozen_frozen() -> None:
    """A server freezes its index away from the garbage collector; a batch run in it (an upload)
    must not thaw it when it ends, while a process that froze nothing is left with nothing frozen."""
    import gc

    from entitylist.batch.executors import frozen_collector

    gc.unfreeze()
    with frozen_collector.during_batch():
        pass
    assert gc.get_freeze_count() == 0
    kept = [object() for _ in range(1000)]
    gc.freeze()
    try:
        with frozen_collector.during_batch():
            pass
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_screening_leaves_no_reference_cycles(index: ListIndex) -> None:
    """A batch's forked workers freeze what each chunk leaves alive (``_screen_in_worker``), out
    of the garbage collector's reach for the rest of the batch: that is safe only while screening
    makes no reference cycles, which only the collector could free. Names of every kind and
    script the matching core reads, typos and reordered words among them, leave none (a function
    nested in another that calls itself made one a call, ``pinyin_segmentations`` once did)."""
    import gc

    from tests.counterparties import realistic_names

    names = realistic_names(index.parties, 600, seed=5, listed_share=0.3, people_share=0.3)
    names += [
        "Wang Wei", "Zhang Junxiong", "Huawei Jishu Youxian Gongsi", "Chang Chun-hsiung", "Xian Huale Keji", "Kuangshi Keji",
        "华为技术有限公司", "海康威视", "محمد بن سلمان", "شمس الدين", "Ким Чен Ын", "Евгений Шувалов", "김정은", "Moon Jae-in",
        "Abd al-Rahman", "J. Smith & Sons", "O'Brien Ltd", "Co., Ltd.", "S.A.", "twenty first century", "Kuznetsoff",
    ]
    index.screen_keys(names[:100], None, 1)  # (first uses: vocabularies and tables made, patterns compiled)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        screened = index.screen_keys(names, None, 1)  # (the workers' loop)
        screened += index.screen_keys([(name, "CN", None) for name in names[:200]], None, 10)
        gc.collect()
        left = [type(found).__name__ for found in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert sum(1 for found in screened if found) > 100  # (names that matched, and so were scored, among them)
    assert left == []


def test_a_batch_collects_young_objects_less_often_and_leaves_the_threshold_as_it_was() -> None:
    """While any batch runs the youngest generation is collected every BATCH_GC_THRESHOLD
    allocations (reading and writing a file allocates rows by the thousand); the process's own
    threshold comes back when the last batch ends, batches nested or not."""
    import gc

    from entitylist.batch.executors import BATCH_GC_THRESHOLD, frozen_collector

    before = gc.get_threshold()
    gc.set_threshold(900, before[1], before[2])
    try:
        with frozen_collector.during_batch():
            assert gc.get_threshold() == (BATCH_GC_THRESHOLD, before[1], before[2])
            with frozen_collector.during_batch():
                assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD
            assert gc.get_threshold()[0] == BATCH_GC_THRESHOLD  # (another batch still runs)
        assert gc.get_threshold() == (900, before[1], before[2])
        gc.set_threshold(200_000, before[1], before[2])  # a process that collects less often still
        with frozen_collector.during_batch():
            assert gc.get_threshold()[0] == 200_000
        assert gc.get_threshold()[0] == 200_000
    finally:
        gc.set_threshold(*before)
