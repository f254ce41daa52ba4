"""Batch screening throughput on Dask with 1 and 2 workers, and the time 100 million names would take.

    python bench/scale.py [--rows N] [--scheduler ADDRESS]

The list: the bundled Entity List and the OFAC SDN names of ``../shared/data/watchman`` (as
``bench/speed.py``). The input: N distinct names (default 40,000; one third listed-name variants,
as ``bench/speed.py`` makes them). For 1 and 2 workers of a local cluster (or, with
``--scheduler``, the workers of that cluster), screens the file through ``screen-file``'s Dask
executor and reports names per second (cluster start-up left out; shipping the index and building
it on each worker timed apart, as a one-name batch first) beside the local engine on the same cores in the same run, and
projects the time for 100,000,000 names at the measured rate, and for a cluster of more such
workers (the rate per worker times the workers: screening is per name, with no shared state).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from speed import load_parties, queries

from entitylist.batch import screen_file
from entitylist.batch.dask_executor import DaskExecutor
from entitylist.screening import ListIndex

TARGET = 100_000_000


def write_input(path: Path, names: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name"])
        writer.writerows([n] for n in names)


def hours(names_per_second: float) -> str:
    return f"{TARGET / names_per_second / 3600:,.1f} h"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--scheduler", help="an existing Dask scheduler (default: local clusters of 1 and 2 workers)")
    args = parser.parse_args()
    parties = load_parties()
    index = ListIndex(parties)
    names = queries(parties, args.rows)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.csv"
        write_input(source, names)
        print(f"{len(names):,} distinct names against {len(parties):,} listed parties")
        started = time.perf_counter()
        screen_file(index, source, Path(folder) / "local.csv", column="name", workers=2)
        local = len(names) / (time.perf_counter() - started)
        print(f"  local engine, 2 processes:     {local:9,.0f} names/s  (100 M names: {hours(local)})")
        counts = [None] if args.scheduler else [1, 2]
        rates: dict[int, float] = {}
        warm: dict[int, float] = {}
        warm_up = Path(folder) / "one.csv"
        write_input(warm_up, names[:1])
        for workers in counts:
            executor = DaskExecutor(args.scheduler, workers)
            try:
                executor.start()
                size = executor.worker_count()
                started = time.perf_counter()
                screen_file(index, warm_up, Path(folder) / "warm.csv", column="name", executor=executor)
                warm[size] = time.perf_counter() - started
                started = time.perf_counter()
                screen_file(index, source, Path(folder) / f"dask{size}.csv", column="name", executor=executor)
                rates[size] = len(names) / (time.perf_counter() - started)
            finally:
                executor.close()
            same = (Path(folder) / f"dask{size}.csv").read_bytes() == (Path(folder) / "local.csv").read_bytes()
            print(f"  Dask, {size} worker{'s' if size > 1 else ' '}:               {rates[size]:9,.0f} names/s  "
                  f"(100 M names: {hours(rates[size])}; output as the local engine's: {same}; "
                  f"shipping and building the index on the workers first: {warm[size]:.1f} s)")
        if 1 in rates and 2 in rates:
            print(f"  2 workers / 1 worker: {rates[2] / rates[1]:.2f}x  (this machine has 2 cores, shared with the client)")
        per_worker = max(rate / size for size, rate in rates.items())
        for workers in (8, 32, 128):
            print(f"  projected, {workers:3} such workers: {hours(per_worker * workers)} for 100 M names")


if __name__ == "__main__":
    main()
