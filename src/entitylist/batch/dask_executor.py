"""Batch screening on a Dask cluster, behind the engine's executor interface.

The index is shipped to each worker once, as a worker plugin that builds it there and keeps it
for later batches (see :mod:`entitylist.batch.dask_worker`). The engine's chunks are larger than
the local executors' (``CHUNK_ROWS`` rows); it hands ``CHUNKS_PER_WORKER`` of them for each worker
over at once, one task a worker (a run of the window's keys sorted by name: a task costs the
scheduler the same whatever its size), as pickled bytes both ways; two such windows are in
flight, and the engine writes the results in input order, as with the local executors: the
output is the same.

A local cluster (``LocalCluster(processes=True)``, two single-threaded workers unless told, with
Dask's sampling profiler off: it costs the workers time and nobody reads it) is started when no
scheduler address is given; with one, the workers of that cluster do the work (each needs
entitylist installed, at the same version).
"""

from __future__ import annotations

import importlib
import pickle
import time
import uuid
from typing import TYPE_CHECKING, Any

from entitylist.batch.executors import Key, KeyScreener, Pending, Result, Session, completed
from entitylist.errors import EntityListError, InvalidInput
from entitylist.matching.weights import default_weights
from entitylist.screening import ListIndex

if TYPE_CHECKING:
    from entitylist.batch.dask_worker import IndexPlugin

CONNECT_TIMEOUT = 10  # seconds to reach a scheduler
CHUNKS_PER_WORKER = 4  # chunks a window holds for each worker (its one task of the window)
CHUNK_ROWS = 2000  # rows a chunk: twice the local executors'


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
        found: list[Result] = pickle.loads(_outcome(self._future))
        return found


class _DaskSession:
    chunk_rows = CHUNK_ROWS

    def __init__(self, client: Any, token: str, workers: int) -> None:
        self._client, self._token = client, token
        self.workers, self.window = workers, workers * CHUNKS_PER_WORKER
        self._futures: list[Any] = []
        from entitylist.batch.dask_worker import screen_chunk

        self._screen = screen_chunk

    def submit(self, keys: list[Key]) -> Pending:
        if not keys:
            return completed([])
        payload = pickle.dumps(keys, protocol=pickle.HIGHEST_PROTOCOL)
        future = self._client.submit(self._screen, self._token, payload, pure=False)
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
    unreachable scheduler fails at once); :meth:`close` removes the index from the workers,
    disconnects and stops a local cluster."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None, timeout: float = CONNECT_TIMEOUT) -> None:
        self.scheduler, self.workers, self.timeout = scheduler, workers or 2, timeout
        self._client: Any = None
        self._cluster: Any = None
        self._shipped: tuple[ListIndex, float | None, int, IndexPlugin] | None = None  # index, threshold, limit, plugin

    def start(self) -> None:
        if self._client is not None:
            return
        try:
            distributed: Any = importlib.import_module("distributed")  # only --engine dask loads it
            dask: Any = importlib.import_module("dask")
        except ImportError:
            raise InvalidInput("--engine dask needs Dask: pip install 'entitylist[dask]'") from None
        if self.scheduler is None:
            with dask.config.set({"distributed.worker.profile.enabled": False}):
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

    def cpu_seconds(self) -> float:
        """CPU seconds the worker processes have used so far, all together (``bench/scale.py``)."""
        self.start()
        return float(sum(self._client.run(time.process_time).values()))

    def open(self, screener: KeyScreener) -> Session:
        """A session over this batch's index: shipped to the workers at the first batch, and
        again only when a later batch screens against another index or with other options."""
        self.start()
        index = screener.index
        shipped = self._shipped
        if shipped is None or shipped[0] is not index or shipped[1:3] != (screener.threshold, screener.limit):
            self._unship()
            plugin = self._plugin(screener)
            try:
                self._client.register_plugin(plugin)  # returns when every worker has built the index
            except Exception as error:  # noqa: BLE001 - as _outcome: one line, whatever failed on the cluster
                self._client.unregister_worker_plugin(plugin.name)
                raise EntityListError(f"building the index on the Dask workers failed ({type(error).__name__}: {error})") from None
            shipped = self._shipped = (index, screener.threshold, screener.limit, plugin)
        return _DaskSession(self._client, shipped[3].recipe.token, max(1, self.worker_count()))

    @staticmethod
    def _plugin(screener: KeyScreener) -> IndexPlugin:
        from entitylist.batch.dask_worker import IndexPlugin, IndexRecipe

        index = screener.index
        weights = index.index.weights
        recipe = IndexRecipe(
            uuid.uuid4().hex, index.parties, None if weights is default_weights() else weights, screener.threshold,
            screener.limit,
        )
        return IndexPlugin(recipe)

    def _unship(self) -> None:
        """Remove the index this executor shipped: the workers drop it (they may serve others)."""
        if self._shipped is not None and self._client is not None:
            name, self._shipped = self._shipped[3].name, None
            try:
                self._client.unregister_worker_plugin(name)
            except Exception:  # noqa: BLE001, S110 - a cluster already gone holds no index
                pass

    def close(self) -> None:
        self._unship()
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

