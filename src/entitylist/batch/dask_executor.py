"""Batch screening on a Dask cluster, behind the engine's executor interface.

The index is shipped to each worker once: what it is built from (the listed parties and the
matching weights) is scattered to every worker with ``broadcast=True``, and each worker builds the
index from it (all at once, before the first chunk) and keeps it for later batches (a built index holds compiled objects
that do not pickle, and rebuilding costs less than shipping it would). Chunks of screening keys
are then submitted as tasks, a few per worker in flight, and the engine writes the results in
input order, as with the local executors: the output is the same.

A local cluster (``LocalCluster(processes=True)``, two single-threaded workers unless told) is
started when no scheduler address is given; with one, the workers of that cluster do the work
(each needs entitylist installed, at the same version).
"""

from __future__ import annotations

import gc
import importlib
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from entitylist.batch.executors import Key, KeyScreener, Pending, Result, Session
from entitylist.errors import EntityListError, InvalidInput
from entitylist.matching.weights import Weights, default_weights
from entitylist.screening import ListIndex
from entitylist.state import PartyState

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class IndexRecipe:
    """What a worker builds its index from; ``token`` names this batch's index on the worker."""

    token: str
    parties: list[PartyState]
    weights: Weights | None  # None: the package's default weights
    threshold: float | None
    limit: int


_built: dict[str, KeyScreener] = {}  # on a worker: the screener of the recipe it was last sent
_building = threading.Lock()


def _screener_for(recipe: IndexRecipe) -> KeyScreener:
    with _building:
        screener = _built.get(recipe.token)
        if screener is None:
            if _built:
                _built.clear()  # one index at a time is kept on a worker
                gc.unfreeze()
                gc.collect()
            index = ListIndex(recipe.parties, recipe.weights)
            screener = _built[recipe.token] = KeyScreener(index, threshold=recipe.threshold, limit=recipe.limit)
            gc.freeze()  # as in forked workers: collections would otherwise walk the whole index again and again
        return screener


def build_index(recipe: IndexRecipe) -> int:
    """The task that builds the recipe's index on one worker before the first chunk arrives; the
    number of listed parties."""
    return len(_screener_for(recipe).index.parties)


def screen_chunk(recipe: IndexRecipe, keys: list[Key]) -> list[Result]:
    """The task each worker runs: one chunk of keys against the recipe's index."""
    return _screener_for(recipe)(keys)


def _outcome(future: Any) -> Any:
    """A task's result; a lost worker or a failed task fails the batch, and nothing is written."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - whatever failed on the cluster ends the batch with one line
        raise EntityListError(f"a Dask task failed ({type(error).__name__}: {error}); nothing was written") from None


class _DaskPending:
    def __init__(self, future: Any) -> None:
        self._future = future

    def result(self) -> list[Result]:
        found: list[Result] = _outcome(self._future)
        return found


class _DaskSession:
    def __init__(self, client: Any, recipe: Any, window: int) -> None:
        self._client, self._recipe, self.window = client, recipe, window
        self._futures: list[Any] = []

    def submit(self, keys: list[Key]) -> Pending:
        future = self._client.submit(screen_chunk, self._recipe, keys, pure=False)
        self._futures.append(future)
        if len(self._futures) > 4 * self.window:
            self._futures = [f for f in self._futures if not f.done()]
        return _DaskPending(future)

    def close(self, *, abandon: bool = False) -> None:
        if abandon:
            self._client.cancel(self._futures)


class DaskExecutor:
    """Screens on a Dask cluster: an existing scheduler at ``scheduler``, else a local cluster of
    ``workers`` processes. :meth:`start` connects (call it before building the index, so that an
    unreachable scheduler fails at once); :meth:`close` disconnects and stops a local cluster."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None, timeout: float = CONNECT_TIMEOUT) -> None:
        self.scheduler, self.workers, self.timeout = scheduler, workers or 2, timeout
        self._client: Any = None
        self._cluster: Any = None
        self._shipped: tuple[ListIndex, float | None, int, Any] | None = None  # index, threshold, limit, recipe

    def start(self) -> None:
        if self._client is not None:
            return
        try:
            distributed: Any = importlib.import_module("distributed")  # untyped; only --engine dask loads it
        except ImportError:
            raise InvalidInput("--engine dask needs Dask: pip install 'entitylist[dask]'") from None
        if self.scheduler is None:
            self._cluster = distributed.LocalCluster(
                processes=True, n_workers=self.workers, threads_per_worker=1, dashboard_address=None,
            )
            self._client = distributed.Client(self._cluster)
            return
        try:
            self._client = distributed.Client(self.scheduler, timeout=self.timeout)
        except (OSError, TimeoutError, ValueError, TypeError) as error:
            raise InvalidInput(f"cannot reach the Dask scheduler at {self.scheduler!r}: {str(error).splitlines()[0] if str(error) else type(error).__name__}") from None

    def worker_count(self) -> int:
        self.start()
        return len(self._client.scheduler_info().get("workers", {}))

    def open(self, screener: KeyScreener) -> Session:
        """A session over this batch's index: shipped to the workers at the first batch, and
        again only when a later batch screens against another index or with other options."""
        self.start()
        index = screener.index
        shipped = self._shipped
        if shipped is None or shipped[0] is not index or shipped[1:3] != (screener.threshold, screener.limit):
            weights = index.index.weights
            recipe = IndexRecipe(
                uuid.uuid4().hex, index.parties, None if weights is default_weights() else weights, screener.threshold,
                screener.limit,
            )
            if shipped is not None:
                self._client.cancel(shipped[3])
            future = self._client.scatter(recipe, broadcast=True, hash=False)
            self._build_everywhere(future)
            shipped = self._shipped = (index, screener.threshold, screener.limit, future)
        return _DaskSession(self._client, shipped[3], max(1, self.worker_count()) * CHUNKS_PER_WORKER)

    def _build_everywhere(self, recipe: Any) -> None:
        """Build the index on every worker at once (a worker that joins later builds it at its first chunk)."""
        workers = list(self._client.scheduler_info().get("workers", {}))
        builds = [
            self._client.submit(build_index, recipe, workers=[w], allow_other_workers=False, pure=False) for w in workers
        ]
        for build in builds:
            _outcome(build)

    def close(self) -> None:
        self._shipped = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
