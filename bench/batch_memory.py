"""Peak memory of ``screen-file`` as the file grows: flat, or not.

    python bench/batch_memory.py [--rows 100000,1000000] [--workers N]

For each size a fresh process generates a CSV (a fixed-seed mix: 64 % of rows a name not seen
before, the rest repeats, 2 % listed-name variants), builds the index, records its resident size
(the baseline), screens the file on every core and reports the peak resident size of the parent
and of the largest worker. The list is the OFAC SDN list plus the bundled Entity List when
``../shared/data/watchman`` is present, else the bundled list alone. Prints each size's peaks as a
ratio of the smallest size's: a flat engine stays near 1.0x.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import WATCHMAN

from entitylist import bundled
from entitylist.batch import screen_file
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

FIRST = ["Global", "United", "Pacific", "Golden", "Eastern", "Northern", "Royal", "Atlas", "Summit", "Harbor"]
SECOND = ["Trading", "Logistics", "Shipping", "Electronics", "Textiles", "Machinery", "Foods", "Metals", "Optics"]
NEW_NAME_SHARE = 0.64  # 1,000,000 rows -> about 640,000 distinct names, as in the report


def parties() -> list[PartyState]:
    _rules, actions = bundled.load()
    found = listed_on(actions, dt.date.today())
    if (WATCHMAN / "sdn.csv").exists():
        from entitylist.importers import sdn

        found += [PartyState(e.party, listed=True, listed_since=None) for e in sdn.read(WATCHMAN).entries]
    return found


def write_rows(path: Path, count: int, listed: list[str]) -> None:
    """Each name keeps its country, so that a repeated name is a repeated key."""
    rng = random.Random(count)
    seen: list[tuple[str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name", "country"])
        for number in range(count):
            roll = rng.random()
            if roll < 0.02:
                row = (rng.choice(listed), "CN")
            elif roll < 0.02 + NEW_NAME_SHARE or not seen:
                row = (f"{rng.choice(FIRST)} {rng.choice(SECOND)} {number}", rng.choice(["CN", "US", "DE", ""]))
                if len(seen) < 100_000:
                    seen.append(row)
                else:
                    seen[rng.randrange(len(seen))] = row
            else:
                row = rng.choice(seen)
            writer.writerow([number, *row])


def kib_to_mb(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def one(rows: int, workers: int | None) -> dict[str, float]:
    """Runs in its own process, so that its peaks are its own."""
    found = parties()
    index = ListIndex(found)
    listed = sorted({n for p in found for n in p.party.all_names()})
    baseline = kib_to_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.csv", Path(folder) / "out.csv"
        write_rows(source, rows, listed)
        before_screening = kib_to_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        started = time.perf_counter()
        report = screen_file(index, source, target, column="name", country_column="country", workers=workers)
        seconds = time.perf_counter() - started
    return {
        "rows": report.rows,
        "distinct": report.distinct,
        "index_mb": baseline,
        "before_mb": before_screening,
        "parent_mb": kib_to_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        "worker_mb": kib_to_mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
        "rows_per_s": report.rows / seconds,
    }


def main() -> None:
    if "--one" in sys.argv:
        workers = int(sys.argv[sys.argv.index("--workers") + 1]) if "--workers" in sys.argv else None
        print(json.dumps(one(int(sys.argv[sys.argv.index("--one") + 1]), workers)))
        return
    sizes = [int(s) for s in sys.argv[sys.argv.index("--rows") + 1].split(",")] if "--rows" in sys.argv else [100_000, 1_000_000]
    extra = sys.argv[sys.argv.index("--workers"):sys.argv.index("--workers") + 2] if "--workers" in sys.argv else []
    print(f"list: {'OFAC SDN + bundled Entity List' if (WATCHMAN / 'sdn.csv').exists() else 'bundled Entity List only'}; "
          f"{os.cpu_count()} cores")
    results = []
    for size in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(size), *extra], capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    base = results[0]
    print(f"\n{'rows':>11} {'distinct':>9} {'index':>8} {'parent peak':>12} {'worker peak':>12} "
          f"{'parent vs ' + format(int(base['rows']), ','):>20} {'worker vs ' + format(int(base['rows']), ','):>20} {'rows/s':>9}")
    for r in results:
        print(f"{int(r['rows']):>11,} {int(r['distinct']):>9,} {r['index_mb']:>6.0f}MB {r['parent_mb']:>10.0f}MB {r['worker_mb']:>10.0f}MB "
              f"{r['parent_mb'] / base['parent_mb']:>19.2f}x {r['worker_mb'] / base['worker_mb']:>19.2f}x {r['rows_per_s']:>9,.0f}")
    print("\n(peak resident sizes; 'index' is the parent after building the index, before reading the file)")


if __name__ == "__main__":
    main()
