"""Screening speed against a realistic list, beside a naive rapidfuzz scan in the same run.

    python bench/speed.py [--rows N]

The list: the OFAC SDN names and aliases from ``../shared/data/watchman`` (about 17,000 names)
plus the bundled Entity List. The queries: a fixed-seed mix of one third variants of listed
names (typos, reordered words, legal forms) and two thirds names that are not listed (made-up
companies and people). Prints single-query p50 / p99 latency (with explanations, as the CLI and
API return them), batch throughput of ``screen-file`` over N distinct names on every core (the
median and best of three runs, each on a fresh index), and each as a ratio of
``rapidfuzz.process.extractOne`` (WRatio) over the same names.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import WATCHMAN

from entitylist import bundled
from entitylist.batch import screen_file
from entitylist.compiled import extension_files
from entitylist.importers import sdn
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

FIRST = ["Global", "United", "Pacific", "Golden", "Eastern", "Northern", "Royal", "First", "Prime", "Silver", "Blue",
         "Green", "Atlas", "Delta", "Summit", "Harbor", "Crown", "Liberty", "Orient", "Sunrise"]
SECOND = ["Trading", "Logistics", "Shipping", "Electronics", "Textiles", "Machinery", "Foods", "Chemicals", "Metals",
          "Software", "Energy", "Pharma", "Garments", "Plastics", "Motors", "Optics", "Paper", "Furniture"]
FORMS = ["Ltd", "LLC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "B.V.", "Pte Ltd", "SARL", ""]
GIVEN = ["James", "Maria", "Chen", "Olga", "Ahmed", "Priya", "Lucas", "Fatima", "Kenji", "Elena", "Omar", "Sofia"]
FAMILY = ["Miller", "Garcia", "Wang", "Ivanova", "Hassan", "Sharma", "Silva", "Khan", "Tanaka", "Rossi", "Novak"]


RUNS = 3  # batch runs per mix: this machine's speed varies from run to run


def load_parties() -> list[PartyState]:
    _rules, actions = bundled.load()
    parties = listed_on(actions, dt.date.today())
    snapshot = sdn.read(WATCHMAN)
    parties += [PartyState(e.party, listed=True, listed_since=None) for e in snapshot.entries]
    return parties


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


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    if not (WATCHMAN / "sdn.csv").exists():
        print("skipped: ../shared/data/watchman (the OFAC list) is not present")
        return
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 100_000
    parties = load_parties()
    started = time.perf_counter()
    index = ListIndex(parties)
    build = time.perf_counter() - started
    choices = [n for p in parties for n in p.party.all_names()]
    core = "compiled (mypyc)" if extension_files() else "pure Python"
    print(f"list: {len(parties)} parties, {len(choices)} names; index built in {build:.2f} s; matching core {core}")

    sample = queries(parties, 2000)
    for q in sample[:200]:  # warm caches as a long-running service would be
        index.screen(q)
    latencies = []
    for q in sample:
        t = time.perf_counter()
        index.screen(q)
        latencies.append((time.perf_counter() - t) * 1000)
    p50, p99 = percentile(latencies, 0.5), percentile(latencies, 0.99)

    from rapidfuzz import fuzz, process, utils

    processed = [utils.default_process(c) for c in choices]
    naive = []
    for q in sample[:150]:
        t = time.perf_counter()
        process.extractOne(utils.default_process(q), processed, scorer=fuzz.WRatio, processor=None)
        naive.append((time.perf_counter() - t) * 1000)
    naive_p50 = statistics.median(naive)
    naive_rate = 1000 / statistics.mean(naive)

    batches = []
    for label, share in (("one third listed-name variants", 1 / 3), ("2 % listed-name variants", 0.02)):
        batch_names = queries(parties, rows, seed=7, listed_share=share)
        with tempfile.TemporaryDirectory() as folder:
            source, target = Path(folder) / "in.csv", Path(folder) / "out.csv"
            with source.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["id", "name"])
                writer.writerows((i, n) for i, n in enumerate(batch_names))
            rates = []
            for _run in range(RUNS):  # a fresh index each run: no run profits from another's caches
                fresh = ListIndex(parties)
                t = time.perf_counter()
                report = screen_file(fresh, source, target, column="name")
                rates.append(report.rows / (time.perf_counter() - t))
            batches.append((label, statistics.median(rates), max(rates), report.matched_rows))

    print(f"\nsingle query, {len(sample)} distinct names (p50 / p99, ms)")
    print(f"  entitylist          {p50:7.3f} / {p99:7.3f}")
    print(f"  rapidfuzz extractOne {naive_p50:6.3f} (median)   -> entitylist p50 is {naive_p50 / p50:.0f}x faster")
    print(f"\nbatch, {rows} distinct names, {os.cpu_count()} cores, screen-file CSV in and out (median / best of {RUNS} runs)")
    for label, rate, top, matched in batches:
        print(
            f"  entitylist, {label:32} {rate:9,.0f} / {top:,.0f} names/s ({matched} rows matched)"
            f" -> {rate / naive_rate:.0f}x naive"
        )
    print(f"  rapidfuzz extractOne (one core)  {naive_rate:22,.0f} names/s")
    print("\ntargets: p50 <= 1 ms, p99 <= 5 ms, batch >= 50,000 names/s and >= 100x the naive scan")


if __name__ == "__main__":
    main()
