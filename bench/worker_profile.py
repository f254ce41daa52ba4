"""Where a batch worker's time goes beyond screening warm names: first-time work and copied pages.

    python bench/worker_profile.py [--names N] [--mix realistic|third] [--runs R] [--served]

``screen-file`` forks its workers from the process that built and warmed the index, and each
screens about half of a file's distinct names. This screens one worker's share (``--names``,
default 35,000: half the distinct names of ``bench/speed.py``'s realistic file) as a worker does,
three ways:

- **forked, first pass**: a process forked from a warmed index screens the names (a batch
  worker's work);
- **forked, second pass**: the same process screens them again. Every word, pair of words and
  reading is then met before, and every page it writes is its own: what the first pass spent
  beyond this is first-time work (the look-ups of new words, new pairs of words compared) and the
  pages copied from the parent;
- **unforked, first pass**: a new process that never forked screens them once. What the forked
  first pass spent beyond this is the cost of sharing pages with the parent: writing an object
  (its reference count, when it is read) copies its page (a minor fault). The fault counts are the
  steady measure of it: two processes' times differ by this machine's drift between them too.

Each run forks from the one index this process built and warmed, as a batch's workers do.
``--served``: the index as ``entitylist serve`` keeps it, its listed words looked up at start-up
(``NameIndex.look_up_listed_words``): the index the API's screening jobs and the web UI's uploads
screen their files with, in the server's process.

Prints CPU microseconds a name and minor page faults for each (the median of ``--runs`` runs,
alternated, as this machine's speed drifts), and the ratios of the first pass to the second and
of the forked to the unforked. The list is the OFAC SDN list plus the bundled Entity List;
skipped without ``../shared/data/watchman``.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import traceback

from common import ROOT, WATCHMAN
from entitylist.batch.executors import BATCH_GC_THRESHOLD, CHUNK_ROWS
from entitylist.screening import ListIndex

from speed import load_parties, load_sdn, queries

sys.path.insert(0, str(ROOT))  # the counterparty generator is shared with the golden test
from tests.counterparties import realistic_names  # noqa: E402

RUNS = 3


def mix_names(mix: str, count: int) -> list[str]:
    """The worker's share: ``count`` distinct names of the mix, made by ``bench/speed.py``'s
    generator for it with its seed."""
    if mix == "realistic":
        return realistic_names(load_sdn(), count, seed=18, listed_share=0.02)
    return queries(load_parties(), count, seed=7, listed_share=1 / 3)


def screen_as_worker(index: ListIndex, names: list[str]) -> dict[str, float]:
    """The names screened chunk by chunk as a pool worker screens them (its collector tuned and
    what each chunk leaves frozen, as ``batch.executors`` does): CPU seconds and minor faults."""
    before, started = resource.getrusage(resource.RUSAGE_SELF), time.process_time()
    for start in range(0, len(names), CHUNK_ROWS):
        index.screen_keys(names[start:start + CHUNK_ROWS], None, 1)
        gc.freeze()
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": time.process_time() - started, "faults": after.ru_minflt - before.ru_minflt}


def set_up_as_worker() -> None:
    """This process's collector set as a pool's initializer sets a worker's (``batch.executors``):
    what it holds frozen, young objects collected 70 times less often."""
    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def warmed_index(served: bool) -> ListIndex:
    """The index as ``screen-file`` warms it before forking; ``served``: and as ``serve`` keeps
    it, its listed words looked up ahead."""
    index = ListIndex(load_parties())
    index.index.warm()
    if served:
        index.index.look_up_listed_words()
    return index


def forked_passes(index: ListIndex, names: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """The first and second pass of a process forked from ``index``'s."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the worker
        status = 1
        try:
            os.close(read)
            set_up_as_worker()
            passes = [screen_as_worker(index, names), screen_as_worker(index, names)]
            os.write(write, json.dumps(passes).encode())
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)  # (never the parent's code after the fork, whatever happened)
    os.close(write)
    with os.fdopen(read) as answer:
        written = answer.read()
    _pid, status = os.waitpid(child, 0)
    if status != 0:
        raise SystemExit("the forked worker failed (its error is above)")
    first, second = json.loads(written)
    return first, second


def unforked_pass(mix: str, count: int, served: bool) -> dict[str, float]:
    """The first pass of a new process that never forks (this script, run with ``--unforked``)."""
    done = subprocess.run(
        [sys.executable, __file__, "--unforked", "--mix", mix, "--names", str(count), *(["--served"] if served else [])],
        check=True, capture_output=True, text=True,
    )
    measured: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return measured


def main() -> None:
    if not (WATCHMAN / "sdn.csv").exists():
        print("skipped: ../shared/data/watchman (the OFAC list) is not present")
        return
    args = sys.argv[1:]
    count = int(args[args.index("--names") + 1]) if "--names" in args else 35_000
    mix = args[args.index("--mix") + 1] if "--mix" in args else "realistic"
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else RUNS
    served = "--served" in args
    if mix not in ("realistic", "third"):
        raise SystemExit(f"--mix {mix!r}: realistic or third")
    names = mix_names(mix, count)
    if "--unforked" in args:
        index = warmed_index(served)
        set_up_as_worker()
        print(json.dumps(screen_as_worker(index, names)))
        return
    measured: dict[str, list[dict[str, float]]] = {"first": [], "second": [], "unforked": []}
    index = warmed_index(served)
    for _run in range(runs):  # (alternated: the machine's speed drifts from minute to minute)
        first_pass, second_pass = forked_passes(index, names)
        measured["first"].append(first_pass)
        measured["second"].append(second_pass)
        measured["unforked"].append(unforked_pass(mix, count, served))

    def median(kind: str, field: str) -> float:
        return statistics.median(run[field] for run in measured[kind])

    kept = "the index as `serve` keeps it (listed words looked up ahead)" if served else "the index as `screen-file` warms it"
    print(f"one worker's share: {count:,} distinct names of the {mix} mix, chunks of {CHUNK_ROWS:,} (median of {runs} runs); {kept}")
    for kind, label in (("first", "forked, first pass"), ("second", "forked, second pass"), ("unforked", "unforked, first pass")):
        cpu = median(kind, "cpu") / count * 1e6
        print(f"  {label:22s} {cpu:6.1f} us CPU a name, {median(kind, 'faults'):9,.0f} minor faults")
    first, second, unforked = median("first", "cpu"), median("second", "cpu"), median("unforked", "cpu")
    print(f"first pass / second pass (first-time work and copied pages): {first / second:.2f}x")
    print(f"forked / unforked first pass (pages shared with the parent): {first / unforked:.2f}x")


if __name__ == "__main__":
    main()
