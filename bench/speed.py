"""Screening speed against a realistic list, beside a naive rapidfuzz scan in the same run.

    python bench/speed.py [--rows N] [--realistic-rows N]

The list: the OFAC SDN names and aliases from ``../shared/data/watchman`` (about 17,000 names)
plus the bundled Entity List. The queries: a fixed-seed mix of one third variants of listed
names (typos, reordered words, legal forms) and two thirds names that are not listed (made-up
companies and people). Prints single-query p50 / p99 latency (with explanations, as the CLI and
API return them; twice: on the index as a library loop keeps it, and as ``entitylist serve``
keeps it, its listed words looked up at start-up), batch throughput of ``screen-file`` over N
distinct names on every core (the median and best of three runs, each in a new process, as
each ``screen-file`` command is), and
each as a ratio of
``rapidfuzz.process.extractOne`` (WRatio) over the same kind of names. This machine's speed drifts
from minute to minute (by half and more in a slow hour), so the batch ratio is worked out run by
run: the naive scan is timed over ``NAIVE_EACH`` names of the mix just before each batch run, and
the ratio printed is the median of the three runs' ratios (the naive rates beside it).

The realistic mix (``--realistic-rows``, default 100,000 rows; 1,000,000 as the issue measured)
is a file as counterparties look (``tests/counterparties.py``): ordinary company names built from
common business words, places and legal forms, 10 % people, 2 % variants of OFAC SDN names, and
repeated rows (70 % of the rows are distinct names). It reports distinct names/s and rows/s.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, WATCHMAN

from entitylist import bundled
from entitylist.batch import screen_file
from entitylist.compiled import extension_files
from entitylist.importers import sdn
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

sys.path.insert(0, str(ROOT))  # the counterparty generator is shared with the golden test
from tests.counterparties import realistic_names, with_repeats  # noqa: E402

FIRST = ["Global", "United", "Pacific", "Golden", "Eastern", "Northern", "Royal", "First", "Prime", "Silver", "Blue",
         "Green", "Atlas", "Delta", "Summit", "Harbor", "Crown", "Liberty", "Orient", "Sunrise"]
SECOND = ["Trading", "Logistics", "Shipping", "Electronics", "Textiles", "Machinery", "Foods", "Chemicals", "Metals",
          "Software", "Energy", "Pharma", "Garments", "Plastics", "Motors", "Optics", "Paper", "Furniture"]
FORMS = ["Ltd", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pte Ltd", "SARL", ""]
GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Priya", "Lucas", "Fatima", "Kenji", "Elena", "Omar", "Sofia"]
FAMILY = ["Miller", "Garcia", "Wang", "Ivanova", "Hassan", "Sharma", "Silva", "Khan", "Tanaka", "Rossi", "Novak"]


RUNS = 3  # batch runs per mix: this machine's speed varies from run to run
NAIVE_EACH = 40  # names of the mix the naive scan is timed over before each batch run


DISTINCT_SHARE = 0.7  # of the realistic mix's rows


def load_sdn() -> list[PartyState]:
    return [PartyState(e.party, listed=True, listed_since=None) for e in sdn.read(WATCHMAN).entries]


def load_parties() -> list[PartyState]:
    _rules, actions = bundled.load()
    return listed_on(actions, dt.date.today()) + load_sdn()


def write_names(path: Path, names: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name"])
        writer.writerows((i, n) for i, n in enumerate(names))


def cpu_seconds() -> float:
    """CPU time of this process and of its finished child processes (the batch's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed_runs(
    source: Path, target: Path, naive_sample: list[str], processed: list[str],
) -> tuple[list[float], list[float], list[float], int, int, int]:
    """Wall and CPU seconds (parent and workers) of each run of ``screen-file``, the naive scan's
    names/s over ``naive_sample`` timed just before each run, and the last run's rows, distinct
    names and matched rows. Each run is a new process (``one_run``), as each ``entitylist
    screen-file`` is: it loads the list, builds the index and screens the file. Runs in this
    process, each on a new index, were slower the more indexes it had built and freed before
    (the later indexes' objects are spread over the holes the earlier left: 10-15 % more CPU a
    name on the fourth), which no user's command meets. CPU time moves less than wall time when
    other work shares the machine."""
    seconds, cpu, naive = [], [], []
    done: dict[str, float] = {}
    for _run in range(RUNS):
        naive.append(naive_rate(naive_sample, processed))
        ran = subprocess.run([sys.executable, __file__, "--one-run", str(source), str(target)], capture_output=True, text=True)
        if ran.returncode != 0:
            raise SystemExit(f"a batch run failed (exit {ran.returncode}):\n{ran.stderr}")
        done = json.loads(ran.stdout.strip().splitlines()[-1])
        seconds.append(done["seconds"])
        cpu.append(done["cpu"])
    return seconds, cpu, naive, int(done["rows"]), int(done["distinct"]), int(done["matched"])


def one_run(source: Path, target: Path) -> None:
    """One timed run of ``screen-file`` in this new process, as the command runs it: the list
    loaded and indexed (not timed), then the file screened on every core (timed). Prints the
    figures as JSON for ``timed_runs``."""
    index = ListIndex(load_parties())
    t, c = time.perf_counter(), cpu_seconds()
    report = screen_file(index, source, target, column="name")
    seconds, used = time.perf_counter() - t, cpu_seconds() - c
    print(json.dumps({
        "seconds": seconds, "cpu": used, "rows": report.rows, "distinct": report.distinct, "matched": report.matched_rows,
    }))


def naive_rate(names: list[str], processed: list[str]) -> float:
    """Names a second of ``rapidfuzz.process.extractOne`` over every listed name, one core."""
    from rapidfuzz import fuzz, process, utils

    t = time.perf_counter()
    for q in names:
        process.extractOne(utils.default_process(q), processed, scorer=fuzz.WRatio, processor=None)
    return len(names) / (time.perf_counter() - t)


def variant(name: str, rng: random.Random) -> str:
    words = name.replace(",", " ").split()
    choice = rng.randrange(3)
    if choice == 0 and words:
        w = max(words, key=len)
        if len(w) > 4:
            i = rng.randrange(1, len(w) - 2)
            w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
            return name.replace(w, w2, 1)
    if choice == 1 and len(words) > 1:
        rng.shuffle(words)
        return " ".join(words)
    return f"{name} {rng.choice(FORMS)}".strip()


def queries(parties: list[PartyState], count: int, seed: int = 42, listed_share: float = 1 / 3) -> list[str]:
    rng = random.Random(seed)
    names = [n for p in parties for n in p.party.all_names()]
    out: set[str] = set()
    while len(out) < count:
        roll = rng.random()
        if roll < listed_share:
            out.add(variant(rng.choice(names), rng))
        elif roll < listed_share + (1 - listed_share) * 0.7:
            out.add(f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.randrange(1, 10**6)} {rng.choice(FORMS)}".strip())
        else:
            out.add(f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}-{rng.randrange(1, 10**5)}")
    return sorted(out, key=lambda _q: rng.random())


def latency(index: ListIndex, sample: list[str]) -> tuple[float, float]:
    """p50 and p99 milliseconds of screening each name of ``sample`` once, after the first 200
    (caches warmed as a long-running service's would be)."""
    for q in sample[:200]:
        index.screen(q)
    latencies = []
    for q in sample:
        t = time.perf_counter()
        index.screen(q)
        latencies.append((time.perf_counter() - t) * 1000)
    return percentile(latencies, 0.5), percentile(latencies, 0.99)


def served_latency(parties: list[PartyState], sample: list[str]) -> tuple[float, float, float]:
    """``latency`` of an index as ``entitylist serve`` keeps it: built, frozen from the collector,
    its listed words looked up ahead at start-up; and the seconds of CPU the look-ups took."""
    index = ListIndex(parties)
    gc.freeze()
    index.index.warm()
    started = time.process_time()
    index.index.look_up_listed_words()
    ahead = time.process_time() - started
    gc.freeze()
    return (*latency(index, sample), ahead)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    if "--one-run" in sys.argv:
        at = sys.argv.index("--one-run")
        one_run(Path(sys.argv[at + 1]), Path(sys.argv[at + 2]))
        return
    if not (WATCHMAN / "sdn.csv").exists():
        print("skipped: ../shared/data/watchman (the OFAC list) is not present")
        return
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 100_000
    realistic_rows = int(sys.argv[sys.argv.index("--realistic-rows") + 1]) if "--realistic-rows" in sys.argv else 100_000
    parties = load_parties()
    started = time.perf_counter()
    index = ListIndex(parties)
    build = time.perf_counter() - started
    choices = [n for p in parties for n in p.party.all_names()]
    core = "compiled (mypyc)" if extension_files() else "pure Python"
    print(f"list: {len(parties)} parties, {len(choices)} names; index built in {build:.2f} s; matching core {core}")

    sample = queries(parties, 2000)
    p50, p99 = latency(index, sample)
    served_p50, served_p99, ahead = served_latency(parties, sample)  # (right after: this machine's speed drifts)

    from rapidfuzz import fuzz, process, utils

    processed = [utils.default_process(c) for c in choices]
    naive = []
    for q in sample[:150]:
        t = time.perf_counter()
        process.extractOne(utils.default_process(q), processed, scorer=fuzz.WRatio, processor=None)
        naive.append((time.perf_counter() - t) * 1000)
    naive_p50 = statistics.median(naive)
    naive_mixes = 1000 / statistics.mean(naive)

    distinct = max(1, int(realistic_rows * DISTINCT_SHARE))
    realistic = realistic_names(load_sdn(), distinct, seed=18, listed_share=0.02)
    naive_realistic = naive_rate(realistic[:150], processed)
    # (label, file rows, the names the naive scan is timed over beside each run: the same kind)
    mixes = [
        ("one third listed-name variants", queries(parties, rows, seed=7, listed_share=1 / 3), sample[-NAIVE_EACH:]),
        ("2 % listed-name variants", queries(parties, rows, seed=7, listed_share=0.02), sample[-NAIVE_EACH:]),
        ("realistic counterparties", with_repeats(realistic, realistic_rows, seed=18), realistic[-NAIVE_EACH:]),
    ]
    batches = []
    for label, batch_names, naive_sample in mixes:
        with tempfile.TemporaryDirectory() as folder:
            source, target = Path(folder) / "in.csv", Path(folder) / "out.csv"
            write_names(source, batch_names)
            seconds, cpu, naive_runs, done, names, matched = timed_runs(source, target, naive_sample, processed)
        batches.append((label, done, names, matched, seconds, cpu, naive_runs))

    print(f"\nsingle query, {len(sample)} distinct names (p50 / p99, ms)")
    print(f"  entitylist          {p50:7.3f} / {p99:7.3f}")
    print(f"  as `serve` keeps it {served_p50:7.3f} / {served_p99:7.3f}   (listed words looked up at start-up: {ahead:.2f} s of CPU)")
    print(f"  rapidfuzz extractOne {naive_p50:6.3f} (median)   -> entitylist p50 is {naive_p50 / p50:.0f}x faster")
    print(f"\nbatch, {os.cpu_count()} cores, screen-file CSV in and out (median / best of {RUNS} runs)")
    for label, done, names, matched, seconds, cpu, naive_runs in batches:
        rate, top = names / statistics.median(seconds), names / min(seconds)
        ratio = statistics.median(names / s / n for s, n in zip(seconds, naive_runs, strict=True))
        print(
            f"  {label:31} {done:9,} rows, {names:9,} distinct: {rate:9,.0f} / {top:,.0f} distinct names/s, "
            f"{done / statistics.median(seconds):9,.0f} rows/s ({matched} rows matched) -> {ratio:,.0f}x naive "
            f"(naive {' / '.join(f'{n:.0f}' for n in naive_runs)} names/s before each run); "
            f"CPU {statistics.median(cpu) / names * 1e6:.1f} us a distinct name (parent and workers)"
        )
    print(f"  rapidfuzz extractOne (one core), at the start: {naive_mixes:,.0f} names/s on the mixes, {naive_realistic:,.0f} on realistic names")
    print(f"load average (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print("\ntargets: p99 <= 1 ms; batch >= 100,000 / 60,000 names/s (2 % / one third); realistic >= 100,000 names/s "
          "or >= 2,000x the naive scan")


if __name__ == "__main__":
    main()
