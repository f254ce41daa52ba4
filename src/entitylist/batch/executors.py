"""Executors: where chunks of screening keys are screened.

An ``Executor`` opens a session for one batch; the session takes chunks of keys and gives back,
later, one result per key. The engine hands chunks over ``window`` at a time (each such window's
keys sorted by name, in one part for each of the session's ``workers``) and keeps two windows in
flight, so that reading, screening
and writing overlap while memory stays bounded. Two executors now: ``InProcessExecutor`` and
``ForkPoolExecutor`` (worker processes forked from this one, sharing its index copy-on-write).
A distributed executor plugs into the same two protocols.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from entitylist.errors import EntityListError
from entitylist.screening import ListIndex

# what a row gives besides its name, country and address: the party's type, date of birth,
# nationality and identifiers, as the ``screen`` command takes them
Facts = tuple[str | None, str | None, str | None, tuple[str, ...]]
# a name alone (a file with no country, address or evidence columns: most), or (name, country,
# address), with the row's facts when the file has columns for them. (A string's hash is kept
# with it, a tuple's is worked out again each time: the engine hashes a key several times, in
# the batch's process, which reads and writes every row; and a string is pickled for the
# workers with no tuple around it.)
Key = str | tuple[str, str | None, str | None] | tuple[str, str | None, str | None, Facts]
Match = tuple[str, str, str, float]
Result = tuple[Match, ...]
CHUNK_ROWS = 1000  # rows the engine reads at a time, for the local executors


class KeyScreener:
    """Screens keys against one index with one batch's options; what every executor runs."""

    def __init__(self, index: ListIndex, *, threshold: float | None, limit: int) -> None:
        self.index, self.threshold, self.limit = index, threshold, limit

    def __call__(self, keys: Sequence[Key]) -> list[Result]:
        return self.index.screen_keys(keys, self.threshold, self.limit)


class Pending(Protocol):
    def result(self) -> list[Result]: ...


class Session(Protocol):
    """One batch's use of an executor."""

    window: int  # chunks the engine hands over at once (two such windows in flight)
    workers: int  # processes screening side by side: a window's keys are handed over in as many parts
    chunk_rows: int  # rows per chunk

    def submit(self, keys: list[Key]) -> Pending: ...

    def close(self, *, abandon: bool = False) -> None: ...


class Executor(Protocol):
    def open(self, screener: KeyScreener) -> Session: ...


class _Done:
    def __init__(self, results: list[Result]) -> None:
        self._results = results

    def result(self) -> list[Result]:
        return self._results


def completed(results: list[Result]) -> Pending:
    """Results already at hand, as a session gives them back."""
    return _Done(results)


class _InProcessSession:
    window = 1
    workers = 1
    chunk_rows = CHUNK_ROWS

    def __init__(self, screener: KeyScreener) -> None:
        self._screener = screener

    def submit(self, keys: list[Key]) -> Pending:
        return _Done(self._screener(keys))

    def close(self, *, abandon: bool = False) -> None:
        return None


class InProcessExecutor:
    """Screens in the calling thread."""

    def open(self, screener: KeyScreener) -> Session:
        return _InProcessSession(screener)


# A forked worker process serves exactly one session: the pool's initializer, which runs in the
# child after the fork, puts that session's screener here. The parent never sets it, so batches
# running at once (each with its own pool) cannot see each other's.
_forked_worker_screener: KeyScreener | None = None
# allocations between two collections of the youngest generation while a batch runs, in its
# workers and in the process that reads and writes its file (the default is 700)
BATCH_GC_THRESHOLD = 50_000


ORPHAN_CHECK_SECONDS = 1.0  # how often a worker asks whether the process that forked it still runs


def _exit_when_orphaned(parent: int) -> None:
    """End this worker once the process that forked it is gone (killed outright, so that it could
    not stop its workers): the worker holds its own end of the task pipe, never sees it close,
    and would otherwise sleep for ever, holding the caller's output pipes open."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


PR_SET_PDEATHSIG = 1  # (Linux's prctl option: the signal a process gets when the one that forked it dies)


def _killed_with_parent(parent: int) -> None:
    """Have the kernel kill this worker outright when the process that forked it dies (Linux's
    PR_SET_PDEATHSIG; elsewhere nothing). The orphan check below needs a turn of the interpreter's
    lock, which compiled screening may hold long: on a loaded machine a worker outlived its killed
    batch by more than ten seconds."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # (no C library to ask: the orphan check alone)
        return
    if os.getppid() != parent:  # (it died before the request was made)
        os._exit(1)


# Signals that stop a batch. Its workers are forked with them blocked, and unblock them once they
# have their own handlers: the process that forked them takes a stop and ends them.
STOP_SIGNALS = frozenset(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


@contextlib.contextmanager
def _stop_signals_blocked() -> Iterator[None]:
    """Stops held back meanwhile in this thread (and in processes it forks meanwhile), and taken
    when the block ends."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _install_in_worker(screener: KeyScreener) -> None:
    global _forked_worker_screener
    # A stop sent to the whole group (Ctrl-C at a terminal, a service manager's SIGTERM) is the
    # batch's process's to take: it ends its workers (outright) once it has. A worker that took
    # it too printed a KeyboardInterrupt traceback, or died first and the batch was reported as
    # ended by a worker's death. (A worker whose batch process is killed ends by itself.)
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    parent = os.getppid()
    _killed_with_parent(parent)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), name="entitylist-orphan-check", daemon=True).start()
    gc.freeze()  # what the worker inherited: its collections then never write to the parent's pages
    # screening a name leaves almost nothing cyclic behind: collect the youngest generation ~70
    # times less often than by default (a few percent of a worker's time, memory still bounded)
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])
    _forked_worker_screener = screener


def _screen_in_worker(keys: list[Key]) -> list[Result]:
    screener = _forked_worker_screener
    if screener is None:
        raise RuntimeError("a pool worker started without its screener")
    results = screener(keys)
    # What the chunk left alive is frozen too, as what the worker inherited is: the entries of
    # the matching core's memos, kept for later names (and freed as ever when a memo is emptied:
    # freezing only keeps the collector from walking them). Otherwise a collection ran each time
    # 50,000 more of them were alive, walked them all and freed nothing (53 ms in 50,000 names of
    # the one-third mix, 2 % of a worker's time). Screening leaves no reference cycles
    # (``tests/test_batch_engine.py`` holds it to that), so nothing is kept from the collector
    # that it could free; a worker lives for one batch. Freezing splices two lists.
    gc.freeze()
    return results


WORKER_DIED = "a screening worker process died (killed, or out of memory?); nothing was written"


class _PoolResult:
    def __init__(self, pending: Future[list[Result]]) -> None:
        self._pending = pending

    def result(self) -> list[Result]:
        try:
            return self._pending.result()
        except BrokenProcessPool:
            raise EntityListError(WORKER_DIED) from None


class _ForkPoolSession:
    """A batch's pool. A worker that dies (killed, out of memory) breaks the pool, and every chunk
    still in flight fails with a clear error instead of being waited for for ever."""

    chunk_rows = CHUNK_ROWS

    def __init__(self, pool: ProcessPoolExecutor, window: int, workers: int) -> None:
        self._pool, self.window, self.workers = pool, window, workers

    def submit(self, keys: list[Key]) -> Pending:
        if not keys:
            return _Done([])
        try:
            return _PoolResult(self._pool.submit(_screen_in_worker, keys))
        except BrokenProcessPool:
            raise EntityListError(WORKER_DIED) from None

    def close(self, *, abandon: bool = False) -> None:
        if abandon:
            # Killed outright: a worker keeps nothing worth saving, and SIGTERM could reach one
            # still starting, before it put back the default handler (the parent's handler, in a
            # batch, defers a stop). Such a worker lived on, and once the others were gone it waited
            # for ever on the task queue's lock, which a killed worker had held; the pool's
            # shutdown then waited for it, and so did the interpreter's exit.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.kill()  # the pool offers no way to stop its workers; they are its own
        self._pool.shutdown(wait=True, cancel_futures=abandon)


class _FrozenCollector:
    """The garbage collector kept away from everything that existed when a batch started (the
    index above all), for as long as any batch runs: a full collection would otherwise walk
    millions of index objects again and again, and in a forked worker it would write to every
    page it shares with the parent (a worker freezes what it inherited first thing, too).
    Freezing is process-wide, so batches running at once count. A process that had frozen
    things itself (a server or the services freeze each index they build) is left as it was:
    freezing more there and thawing it all at the end would cost a full collection of the
    whole heap (half a second and more) after every batch. The youngest generation is collected
    every ``BATCH_GC_THRESHOLD`` allocations meanwhile: reading, keying and writing a file
    allocates rows by the thousand, nearly none of them cyclic, and at the default of 700 the
    collections took a third of the reading process's time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._frozen_before = False
        self._threshold = gc.get_threshold()

    @contextlib.contextmanager
    def during_batch(self) -> Iterator[None]:
        with self._lock:
            if not self._running:
                self._frozen_before = gc.get_freeze_count() > 0  # a server froze its index itself
                self._threshold = gc.get_threshold()
                gc.set_threshold(max(self._threshold[0], BATCH_GC_THRESHOLD), *self._threshold[1:])
            self._running += 1
            if not self._frozen_before:
                gc.freeze()
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if not self._running:
                    gc.set_threshold(*self._threshold)
                    if not self._frozen_before:
                        gc.unfreeze()

    @contextlib.contextmanager
    def forking(self) -> Iterator[None]:
        """Freeze what exists now (this batch's screener included; unless the process had frozen
        its index itself) and fork one pool at a time."""
        with self._lock:
            if not self._frozen_before:
                gc.freeze()
            yield


frozen_collector = _FrozenCollector()


class ForkPoolExecutor:
    """Screens in ``workers`` processes forked from this one. They share the index page by page
    until something writes to it (see ``_FrozenCollector``)."""

    def __init__(self, workers: int, chunks_per_worker: int = 8) -> None:
        self.workers, self.chunks_per_worker = workers, chunks_per_worker

    @staticmethod
    def available() -> bool:
        return "fork" in multiprocessing.get_all_start_methods()

    def open(self, screener: KeyScreener) -> Session:
        with frozen_collector.forking():
            pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"), initializer=_install_in_worker,
                initargs=(screener,),
            )
            session = _ForkPoolSession(pool, self.workers * self.chunks_per_worker, self.workers)
            try:
                # start the workers now, while the collector is frozen (a pool that forks starts
                # them all at the first task); a stop meanwhile is taken once they are forked
                with _stop_signals_blocked():
                    started = pool.submit(int)
                started.result()
            except BaseException:  # Ctrl-C included: no worker outlives its batch
                session.close(abandon=True)
                raise
        return session


def default_executor(workers: int | None = None) -> Executor:
    """A pool of forked workers (every core unless told), or this process where the system cannot
    fork (Windows) or one worker is asked for."""
    count = workers or os.cpu_count() or 1
    if count > 1 and ForkPoolExecutor.available():
        return ForkPoolExecutor(count)
    return InProcessExecutor()
