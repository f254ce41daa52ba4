"""Screening accuracy, entitylist beside rapidfuzz (and nomenklatura's logic-v2 when installed).

    python bench/accuracy.py [--quick]

Three labelled sets:

1. ``bench/eval/screening_eval.csv`` (the project's own, see make_eval_set.py): each query is
   screened against the bundled Entity List. A positive scores what the matcher gives its
   expected party (best over the party's names); a negative scores the best it gives any party.
2. OFAC SDN primary names against their own aliases (``../shared/data/watchman``), negatives the
   same aliases against a random other entry's primary name of the same type (fixed seed).
3. ``cross_script_pairs.csv``: each query against its expected Latin name; negatives against every
   other expected name.

For each set it prints ROC AUC, best F1 and recall at a 1 % false-positive rate, and each
matcher's recall as a ratio of the best baseline's. Sets whose data is absent are skipped.
``--quick`` samples 2,000 OFAC pairs of each label instead of all ~9,600.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable

from common import ROOT, WATCHMAN, Metrics, PairScorer, cross_script_pairs, load_sdn, metrics, nomenklatura_scorer, rapidfuzz_scorers, sdn_alias_pairs, table

from entitylist import bundled
from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import party_kind
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from entitylist.state import listed_on

EVAL = ROOT / "bench" / "eval" / "screening_eval.csv"


def own_set() -> None:
    _rules, actions = bundled.load()
    parties = listed_on(actions, dt.date(2026, 11, 1))
    by_name = {s.party.name: s for s in parties}
    rows = list(csv.DictReader(EVAL.open(encoding="utf-8")))
    unknown = {r["expected"] for r in rows if r["expected"] and r["expected"] not in by_name}
    if unknown:
        raise SystemExit(f"evaluation set names parties not in the bundled list: {sorted(unknown)[:5]}")
    index = ListIndex(parties)
    names = [(s.party.id, n) for s in parties for n in s.party.all_names()]
    results: list[tuple[str, Metrics]] = []
    scored: dict[str, tuple[list[float], list[float]]] = {}

    started = time.perf_counter()
    pos, neg = [], []
    per_category: dict[str, list[bool]] = defaultdict(list)
    threshold = index.index.weights.match_threshold
    for row in rows:
        matches = index.screen(row["query"], threshold=0.0, limit=len(parties), explain=False)
        if row["expected"]:
            expected = by_name[row["expected"]].id
            value = next((m.score for m in matches if m.party_id == expected), 0.0)
            pos.append(value)
            per_category[row["category"]].append(value >= threshold)
        else:
            value = matches[0].score if matches else 0.0
            neg.append(value)
            per_category["negative (no hit)"].append(value < threshold)
    scored["entitylist"] = (pos, neg)
    elapsed = time.perf_counter() - started

    peers: dict[str, PairScorer] = dict(rapidfuzz_scorers())
    nk = nomenklatura_scorer()
    if nk is not None:
        peers["nomenklatura logic-v2"] = nk
    for peer, scorer in peers.items():
        pos, neg = [], []
        for row in rows:
            if row["expected"]:
                expected = by_name[row["expected"]].id
                pos.append(max(scorer(row["query"], n) for pid, n in names if pid == expected))
            else:
                neg.append(max(scorer(row["query"], n) for _pid, n in names))
        scored[peer] = (pos, neg)
    for matcher, (pos, neg) in scored.items():
        results.append((matcher, metrics(pos, neg)))
    best = max((r for r in results if r[0] != "entitylist"), key=lambda r: r[1].recall_at_1pct_fpr)[0]
    table(f"Own evaluation set: {len(scored['entitylist'][0])} positives, {len(scored['entitylist'][1])} negatives "
          f"(entitylist screened them in {elapsed:.2f} s)", results, best)
    print(f"\n  entitylist at its default threshold {threshold}: share right per category")
    for category, outcomes in sorted(per_category.items()):
        print(f"    {category:22} {sum(outcomes) / len(outcomes):6.3f}  ({sum(outcomes)}/{len(outcomes)})")


Pair = tuple[str, str, str]  # (query, listed name, type of the listed party or "")


def pair_set(title: str, positives: list[Pair], negatives: list[Pair], index: NameIndex) -> None:
    """Each pair's query scored against its listed name; entitylist is told the listed party's
    type, as a listed record carries it."""
    scorers: dict[str, Callable[[str, str, str], float]] = {
        "entitylist": lambda a, b, t: compare(index, a, b, listed_kind=party_kind(t)).score
    }
    for peer, plain in rapidfuzz_scorers().items():
        scorers[peer] = lambda a, b, _t, plain=plain: plain(a, b)  # type: ignore[misc]
    nk = nomenklatura_scorer()
    if nk is not None:
        scorers["nomenklatura logic-v2"] = lambda a, b, _t: nk(a, b)  # type: ignore[misc]
    results = []
    timings = {}
    for name, scorer in scorers.items():
        started = time.perf_counter()
        pos = [scorer(a, b, t) for a, b, t in positives]
        neg = [scorer(a, b, t) for a, b, t in negatives]
        timings[name] = time.perf_counter() - started
        results.append((name, metrics(pos, neg)))
    best = max((r for r in results if r[0] != "entitylist"), key=lambda r: r[1].recall_at_1pct_fpr)[0]
    table(f"{title}: {len(positives)} positives, {len(negatives)} negatives", results, best)
    print("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


def main() -> None:
    quick = "--quick" in sys.argv
    own_set()
    if not (WATCHMAN / "sdn.csv").exists():
        print("\nOFAC and cross-script sets skipped: ../shared/data/watchman is not present")
        return
    primaries, aliases = load_sdn()
    corpus = [(i, name, "name") for i, (name, _kind) in enumerate(primaries.values())]
    corpus += [(-1, alias, "aka") for names in aliases.values() for alias in names]
    index = NameIndex(corpus)
    positives, negatives = sdn_alias_pairs()
    if quick:
        rng = random.Random(1)
        positives, negatives = rng.sample(positives, 2000), rng.sample(negatives, 2000)
    pair_set("OFAC SDN names vs their own aliases", positives, negatives, index)
    cross_pos, cross_neg = cross_script_pairs()
    pair_set("Cross-script pairs", [(a, b, "") for a, b in cross_pos], [(a, b, "") for a, b in cross_neg], index)


if __name__ == "__main__":
    main()
