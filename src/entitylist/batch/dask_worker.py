"""What runs on a Dask worker: the batch's index, shipped once to each worker, and the screening task.

The index travels as a worker plugin, not as Dask data: the scheduler sends a plugin once to
every worker of the cluster (and to a worker that joins later, before its first task), and the
worker keeps it until the driver removes it. Scattered data would not stay put: the scheduler's
active memory manager drops the copies it thinks redundant, and a task would then fetch the
whole list again from another worker. The plugin carries what the index is built from (the
listed parties and the matching weights; a built index holds compiled objects that do not
pickle, and building it costs less than shipping it would) and builds it in ``setup``.

Tasks take and return bytes (the chunk's keys pickled in the driver, the results pickled on the
worker): Dask then ships one object each way, instead of walking every key of a chunk looking
for futures to resolve, which cost the driver more than writing the rows did.

This module imports ``distributed``; only the Dask executor loads it.
"""

from __future__ import annotations

import asyncio
import gc
import pickle
import threading
from dataclasses import dataclass
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from entitylist.batch.executors import Key, KeyScreener
from entitylist.matching.weights import Weights
from entitylist.screening import ListIndex
from entitylist.state import PartyState

PLUGIN_PREFIX = "entitylist-index-"


@dataclass(frozen=True)
class IndexRecipe:
    """What a worker builds its index from; ``token`` names this index and its options."""

    token: str
    parties: list[PartyState]
    weights: Weights | None  # None: the package's default weights
    threshold: float | None
    limit: int


_built: dict[str, KeyScreener] = {}  # on a worker: the screeners of the plugins it holds, by token
_lock = threading.Lock()


def _install(recipe: IndexRecipe) -> None:
    with _lock:
        if recipe.token in _built:
            return
        index = ListIndex(recipe.parties, recipe.weights)
        index.index.warm()  # (its look-up tables made before freezing, as the batch engine makes them)
        _built[recipe.token] = KeyScreener(index, threshold=recipe.threshold, limit=recipe.limit)
        gc.freeze()  # as in forked workers: collections would otherwise walk the whole index again and again


def _drop(token: str) -> None:
    with _lock:
        if _built.pop(token, None) is None:
            return
        gc.unfreeze()  # the dropped index is collected; what remains is frozen again
        gc.collect()
        gc.freeze()


class IndexPlugin(WorkerPlugin):
    """Builds a batch's index on each worker (in a thread: the worker keeps answering the
    scheduler meanwhile) and drops it when the driver unregisters the plugin."""

    def __init__(self, recipe: IndexRecipe) -> None:
        self.recipe = recipe
        self.name = PLUGIN_PREFIX + recipe.token

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(_install, self.recipe)

    def teardown(self, worker: Any) -> None:
        _drop(self.recipe.token)


def screen_chunk(token: str, keys: bytes) -> bytes:
    """The task: one chunk of pickled keys against the worker's index of ``token``; the results, pickled."""
    screener = _built.get(token)
    if screener is None:
        raise RuntimeError("this worker holds no index for the batch (was it removed, or the worker restarted?)")
    loaded: list[Key] = pickle.loads(keys)
    return pickle.dumps(screener(loaded), protocol=pickle.HIGHEST_PROTOCOL)
