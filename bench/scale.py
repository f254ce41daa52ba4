"""Batch screening throughput on Dask with 1 and 2 workers, and the time 100 million names would take.

    python bench/scale.py [--rows N] [--runs R] [--scheduler ADDRESS]

The list: the bundled Entity List and the OFAC SDN names of ``../shared/data/watchman`` (as
``bench/speed.py``). The input: N distinct names (default 40,000; one third listed-name variants,
as ``bench/speed.py`` makes them). Screens the file through ``screen-file``'s engine with the local
executors (this process; 2 forked processes) and the Dask executor on local clusters of 1 and 2
workers (or, with ``--scheduler``, the workers of that cluster), R rounds (default 3) taking turns,
so that the ratios compare runs made at the same time on a shared machine; reports the best and
the median rate of each (cluster start-up left out; shipping the index and building it on each
worker timed apart, as a one-name batch first), checks that every output is the local engine's,
and projects the time for 100,000,000 names at the measured rate, and for a cluster of more such
workers (the rate per worker times the workers: screening is per name, with no shared state).
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from speed import load_parties, queries

from entitylist.batch import Executor, ForkPoolExecutor, InProcessExecutor, screen_file
from entitylist.batch.dask_executor import DaskExecutor
from entitylist.screening import ListIndex

TARGET = 100_000_000


def write_input(path: Path, names: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name"])
        writer.writerows([n] for n in names)


def hours(names_per_second: float) -> str:
    seconds = TARGET / names_per_second
    return f"{seconds / 3600:,.1f} h" if seconds >= 3600 else f"{seconds / 60:,.1f} min"


def load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scheduler", help="an existing Dask scheduler (default: local clusters of 1 and 2 workers)")
    args = parser.parse_args()
    parties = load_parties()
    index = ListIndex(parties)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        warm_up = base / "one.csv"
        write_input(warm_up, ["Acme Trading Ltd"])
        print(f"{args.rows:,} distinct names a run against {len(parties):,} listed parties; {load()}")
        executors: dict[str, Executor] = {"local, 1 process": InProcessExecutor(), "local, 2 processes": ForkPoolExecutor(2)}
        clusters: list[DaskExecutor] = []
        rates: dict[str, list[float]] = {}
        cpu: dict[str, list[tuple[float, float]]] = {}  # (driver, workers) CPU seconds of each run
        checked: dict[str, bool] = {}
        try:
            for workers in [None] if args.scheduler else [1, 2]:
                cluster = DaskExecutor(args.scheduler, workers)
                clusters.append(cluster)
                cluster.start()
                size = cluster.worker_count()
                started = time.perf_counter()
                screen_file(index, warm_up, base / "warm.csv", column="name", executor=cluster)
                print(f"  Dask, {size} worker{'s' if size > 1 else ''}: shipping the index and building it on the workers: "
                      f"{time.perf_counter() - started:.1f} s")
                executors[f"Dask, {size} worker{'s' if size > 1 else ''}"] = cluster
            rates = {label: [] for label in executors}
            cpu = {label: [] for label in executors}
            seed = 42
            for run in range(args.runs):
                for label, executor in executors.items():
                    # each run its own names (the matching core caches what it saw: the same names again would be cheaper)
                    source, target = base / f"in-{run}-{seed}.csv", base / f"out-{run}-{seed}.csv"
                    write_input(source, queries(parties, args.rows, seed=seed))
                    seed += 1
                    before = cpu_seconds(executor)
                    started = time.perf_counter()
                    screen_file(index, source, target, column="name", executor=executor)
                    rates[label].append(args.rows / (time.perf_counter() - started))
                    after = cpu_seconds(executor)
                    cpu[label].append((after[0] - before[0], after[1] - before[1]))
                    if run == 0 and label.startswith("Dask"):  # checked below, against the local engine, untimed
                        reference = base / "local.csv"
                        screen_file(index, source, reference, column="name", executor=InProcessExecutor())
                        checked[label] = reference.read_bytes() == target.read_bytes()
        finally:
            for cluster in clusters:
                cluster.close()
        best = {label: max(found) for label, found in rates.items()}
        for label, found in rates.items():
            print(f"  {label + ':':22} {best[label]:9,.0f} names/s best of {len(found)} (median {statistics.median(found):,.0f}; "
                  f"100 M names: {hours(best[label])})")
        print(f"  output as the local engine's: {checked}; {load()}")
        print("  CPU time a name (medians; what the machine's load does not change), and the rate that allows on")
        print("  an idle machine of 2 cores (the driver, the workers and the cores each bound it):")
        per_name: dict[str, tuple[float, float]] = {}
        for label, found in cpu.items():
            driver = statistics.median(d for d, _ in found) / args.rows
            workers = statistics.median(w for _, w in found) / args.rows
            per_name[label] = (driver, workers)
            size = 1 if label == "local, 1 process" else cluster_size(label) if label.startswith("Dask") else 2
            bound = min(1 / driver, size / workers if workers else float("inf"), 2 / (driver + workers))
            print(f"  {label + ':':22} driver {driver * 1e6:5.1f} us, workers {workers * 1e6:5.1f} us -> at most {bound:9,.0f} names/s")
        one, two, local = best.get("Dask, 1 worker"), best.get("Dask, 2 workers"), best["local, 1 process"]
        if one and two:
            print(f"  measured: Dask 2 workers / 1 worker: {two / one:.2f}x; Dask 1 worker / local 1 process: {one / local:.2f}x; "
                  f"Dask 2 workers / local 2 processes: {two / best['local, 2 processes']:.2f}x")
        # a cluster: each worker on a core of its own screens at 1 / (its CPU time a name); the one driver
        # (reading, deduplicating, writing, scheduling) at 1 / (its own): past that, split the file
        dask = max((label for label in per_name if label.startswith("Dask")), key=cluster_size)
        driver, workers = per_name[dask]
        per_worker = 1 / workers  # workers: the CPU time a name took in whichever worker screened it
        print(f"  projected for 100 M names ({per_worker:,.0f} names/s a worker, one driver at most {1 / driver:,.0f} names/s):")
        for size in (8, 32, 128):
            rate = min(per_worker * size, 1 / driver)
            parts = math.ceil(per_worker * size * driver)
            split = f"; {hours(per_worker * size)} with the file split in {parts} parts, one screen-file each" if parts > 1 else ""
            print(f"    {size:3} workers: {hours(rate)} with one screen-file{split}")


def cpu_seconds(executor: Executor) -> tuple[float, float]:
    """CPU seconds so far of this process (the driver: reading, writing, and Dask's client and local
    scheduler threads) and of the workers (a Dask cluster's processes; forked pools, once ended)."""
    if isinstance(executor, DaskExecutor):
        workers = executor.cpu_seconds()
    else:
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime
    return time.process_time(), workers


def cluster_size(label: str) -> int:
    return int(label.split()[1])


if __name__ == "__main__":
    main()
