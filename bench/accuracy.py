"""Screening accuracy, entitylist beside rapidfuzz (and nomenklatura's logic-v2 when installed).

    python bench/accuracy.py [--quick]

Labelled sets:

1. ``bench/eval/screening_eval.csv`` (the project's own, see make_eval_set.py): each query is
   screened against the bundled Entity List. A positive scores what the matcher gives its
   expected party (best over the party's names); a negative scores the best it gives any party.
2. OFAC SDN primary names against their own aliases (``../shared/data/watchman``), negatives the
   same aliases against a random other entry's primary name of the same type (fixed seed). The
   aliases that score at or above the threshold against their entry are also screened against
   every primary name: candidate search must reach what the score raises.
3. ``cross_script_pairs.csv``: each query against its expected Latin name; negatives against every
   other expected name.

4. ``person_pairs.csv`` and ``special_pairs.csv`` (make_eval_set.py): people's pairs with hard
   negatives, and number, particle, acronym and glued-legal-form pairs, each kind on its own,
   scored as ``entitylist evaluate`` scores them; ``person_pairs_world.csv``, 643 pairs written
   by hand of real people's names across some thirty kinds of variation (Arabic chains, Russian
   and Ukrainian forms, Wade-Giles and Taiwanese spellings, Korean, Hispanic double surnames,
   nicknames, titles) with hard negatives (relatives, one common given name, near spellings).
5. ``entity_list_aliases.csv``: Russian and Chinese Entity List style aliases screened against
   the entries' primary names (top-1 at the threshold, beside rapidfuzz token_set at 90); and
   ``entity_list_probe.csv``: hand-written variants of the bundled list's names, and unlisted
   look-alikes that must match nothing, screened against the bundled list.
   ``cross_script_world.csv``: 347 pairs written by hand of real people's and organisations' names
   in 22 scripts (Japanese katakana, Hebrew, the Brahmic scripts of India, Cyrillic, Arabic, Greek,
   Georgian, Armenian, Thai, Burmese, Khmer, Ethiopic...) against their Latin spellings, with
   hard negatives; by script, the positives found at the threshold.
6. The UN Security Council consolidated list (``UN_consolidated.xml``), labelled by the UN: each
   entry's name in its original script (Arabic mostly), and its good- and low-quality aliases,
   against its name; negatives against a random other entry's name of the same type. The
   original-script names are also screened against the whole UN list (top-1 at the threshold), and
   the aliases the score raises against their entry's name against every entry's name (in the first ten).

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

from common import (
    ROOT, UN_LIST, WATCHMAN, Metrics, PairScorer, UnRecord, cross_script_pairs, load_un, metrics, nomenklatura_scorer,
    load_sdn, rapidfuzz_scorers, sdn_alias_pairs, sdn_index, table, un_index, un_pairs,
)

from entitylist import bundled
from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import PERSON, VESSEL, parse_kind
from entitylist.matching.score import compare
from entitylist.evaluation import build_index
from entitylist.model import Alias, Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on

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
        "entitylist": lambda a, b, t: compare(index, a, b, listed_kind=parse_kind(t or None)).score
    }
    for peer, plain in rapidfuzz_scorers().items():
        scorers[peer] = lambda a, b, _t, plain=plain: plain(a, b)  # type: ignore[misc]
    nk = nomenklatura_scorer()
    if nk is not None:
        schemas = {PERSON: "Person", VESSEL: "Vessel"}  # nomenklatura told the type, as entitylist is
        scorers["nomenklatura logic-v2"] = lambda a, b, t: nk(a, b, schemas.get(parse_kind(t or None), "LegalEntity"))  # type: ignore[call-arg]
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


PERSONS = ROOT / "bench" / "eval" / "person_pairs.csv"
PERSONS_WORLD = ROOT / "bench" / "eval" / "person_pairs_world.csv"  # hand-written, real people's names
SPECIAL = ROOT / "bench" / "eval" / "special_pairs.csv"
EL_ALIASES = ROOT / "bench" / "eval" / "entity_list_aliases.csv"
PROBE = ROOT / "bench" / "eval" / "entity_list_probe.csv"
CROSS_SCRIPT_WORLD = ROOT / "bench" / "eval" / "cross_script_world.csv"  # hand-written, real names in 22 scripts


def labelled_sets(parties: list[PartyState]) -> None:
    """The people's pairs and the number / particle / acronym / glued-legal-form pairs, scored as
    ``entitylist evaluate`` scores them (word weights from the bundled list plus the right-hand
    names), each kind beside the peers."""
    person_rows = list(csv.DictReader(PERSONS.open(encoding="utf-8")))
    world_rows = list(csv.DictReader(PERSONS_WORLD.open(encoding="utf-8")))
    special_rows = list(csv.DictReader(SPECIAL.open(encoding="utf-8")))
    rows = person_rows + world_rows + special_rows
    index = build_index(parties, [r["right"] for r in rows], extra_people=[r["right"] for r in rows if r["type"] == "person"])
    kinds_of: dict[str, list[dict[str, str]]] = {
        "People's names (person_pairs.csv)": person_rows,
        "Real people's names and their variants, hard negatives (person_pairs_world.csv)": world_rows,
    }
    for row in special_rows:
        kinds_of.setdefault(f"{row['category']} (special_pairs.csv)", []).append(row)
    for title, rows in kinds_of.items():
        pos = [(r["left"], r["right"], r["type"]) for r in rows if r["label"] == "1"]
        neg = [(r["left"], r["right"], r["type"]) for r in rows if r["label"] == "0"]
        pair_set(title, pos, neg, index)


def cross_script_world_set(parties: list[PartyState]) -> None:
    """Real names written in other scripts against their Latin spellings, hand-written, with hard
    negatives (another name of the same script's set, a near Latin name): beside the peers, then
    how many of each script's positives entitylist scores at the threshold."""
    rows = list(csv.DictReader(CROSS_SCRIPT_WORLD.open(encoding="utf-8")))
    index = build_index(parties, [r["right"] for r in rows], extra_people=[r["right"] for r in rows if r["type"] == "person"])
    pos = [(r["left"], r["right"], r["type"]) for r in rows if r["label"] == "1"]
    neg = [(r["left"], r["right"], r["type"]) for r in rows if r["label"] == "0"]
    pair_set("Names in other scripts vs their Latin spellings (cross_script_world.csv)", pos, neg, index)
    threshold = index.weights.match_threshold
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        score = compare(index, row["left"], row["right"], listed_kind=parse_kind(row["type"] or None)).score
        counts = found[row["category"]]
        counts[0 if row["label"] == "1" else 1] += score >= threshold
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[row["category"]][0 if row["label"] == "1" else 1] += 1
    print("  at the threshold, by script (positives found; negatives raised):")
    for category in sorted(totals, key=lambda c: -totals[c][0]):
        (hit, raised), (size, negatives) = found[category], totals[category]
        print(f"    {category:26} {hit:3} of {size:3}; {raised} of {negatives}")


def entity_list_alias_set(parties: list[PartyState]) -> None:
    """Each alias of ``entity_list_aliases.csv`` screened against the entries' primary names
    (with the bundled list's names beside them): the share found at top-1 at or above the
    default threshold, beside rapidfuzz token_set_ratio's top-1 at its threshold of 90."""
    from rapidfuzz import fuzz, process, utils

    rows = list(csv.DictReader(EL_ALIASES.open(encoding="utf-8")))
    entries = list(dict.fromkeys(r["entry"] for r in rows))
    listed = [PartyState(Party(id=f"el-{i}", name=name), listed=True, listed_since=None) for i, name in enumerate(entries)]
    everyone = listed + [PartyState(s.party.model_copy(update={"aliases": ()}), listed=True, listed_since=None) for s in parties]
    index = ListIndex(everyone)
    threshold = index.index.weights.match_threshold
    primaries = [s.party.name for s in everyone]
    processed = [utils.default_process(n) for n in primaries]
    ours: dict[str, list[bool]] = defaultdict(list)
    peer: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        own = f"el-{entries.index(row['entry'])}"
        found = index.screen(row["alias"], limit=1, explain=False)
        ours[row["category"]].append(bool(found) and found[0].party_id == own)
        best = process.extractOne(utils.default_process(row["alias"]), processed, scorer=fuzz.token_set_ratio,
                                  processor=None, score_cutoff=90)
        peer[row["category"]].append(best is not None and primaries[best[2]] == row["entry"])
    print(f"\nEntity List aliases (entity_list_aliases.csv): {len(rows)} aliases of {len(entries)} entries, "
          f"screened against their primary names and the bundled list's ({len(everyone)} parties)")
    print(f"  {'kind of alias':24} {'entitylist top-1 >= ' + str(threshold):>26} {'token_set top-1 >= 90':>24}")
    for category in sorted(ours):
        a, b = ours[category], peer[category]
        print(f"  {category:24} {sum(a) / len(a):26.3f} {sum(b) / len(b):24.3f}")
    a_all = [v for vs in ours.values() for v in vs]
    b_all = [v for vs in peer.values() for v in vs]
    print(f"  {'all':24} {sum(a_all) / len(a_all):26.3f} {sum(b_all) / len(b_all):24.3f}")


def probe_set(parties: list[PartyState]) -> None:
    """``entity_list_probe.csv``, written by hand against the bundled list: variants of its names
    (typos, transliterations, Uyghur place names, Chinese characters, translations, legal forms)
    that must find their party at top-1 at or above the threshold, and unlisted look-alikes
    (similar distinctive words, sibling companies in other cities, other bureaus of the same or
    another place) that must stay below it, beside rapidfuzz token_set_ratio at 90."""
    from rapidfuzz import fuzz, process, utils

    index = ListIndex(parties)
    threshold = index.index.weights.match_threshold
    by_name = {s.party.name: s.id for s in parties}
    names = [(s.id, n) for s in parties for n in s.party.all_names()]
    processed = [utils.default_process(n) for _pid, n in names]
    ours: dict[tuple[str, str], list[bool]] = defaultdict(list)
    peer: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for row in csv.DictReader(PROBE.open(encoding="utf-8")):
        found = index.screen(row["query"], limit=1, explain=False)
        best = process.extractOne(utils.default_process(row["query"]), processed, scorer=fuzz.token_set_ratio,
                                  processor=None, score_cutoff=90)
        key = (row["kind"], row["category"])
        if row["kind"] == "variant":
            expected = by_name[row["expected"]]
            ours[key].append(bool(found) and found[0].party_id == expected)
            peer[key].append(best is not None and names[best[2]][0] == expected)
        else:
            ours[key].append(not found)
            peer[key].append(best is None)
    print(f"\nEntity List variants and look-alikes (entity_list_probe.csv), screened against the bundled list "
          f"({len(parties)} parties): share right (variant: own party at top-1 >= {threshold}; look-alike: nothing)")
    print(f"  {'kind':36} {'entitylist':>12} {'token_set >= 90':>16}")
    for kind in ("variant", "look-alike"):
        for (k, category), a in sorted(ours.items()):
            if k == kind:
                b = peer[(k, category)]
                print(f"  {kind + ': ' + category:36} {sum(a):5}/{len(a):<6} {sum(b):9}/{len(b)}")
        a_all = [v for (k, _c), vs in ours.items() if k == kind for v in vs]
        b_all = [v for (k, _c), vs in peer.items() if k == kind for v in vs]
        print(f"  {kind + ': all':36} {sum(a_all):5}/{len(a_all):<6} {sum(b_all):9}/{len(b_all)}")


def un_sets() -> None:
    """The UN list's own labels (see the module's docstring, set 6)."""
    records = load_un()
    index = un_index(records)
    for title, (positives, negatives) in un_pairs(records).items():
        pair_set(f"UN consolidated list, {title} vs names", positives, negatives, index)
    un_screened(records)
    un_aliases_screened(records)


def un_screened(records: list[UnRecord]) -> None:
    """Each original-script name screened against the UN list's Latin names and aliases: the
    right entry at top-1 above the default threshold, as a screening would raise it."""
    parties = [
        PartyState(Party(id=r.reference, name=r.name, type=r.kind, aliases=tuple(Alias(name=a) for a, _q in r.aliases)),
                   listed=True, listed_since=None)
        for r in records
    ]
    screening = ListIndex(parties)
    queries = [r for r in records if r.original_script]
    found = 0
    for record in queries:
        top = screening.screen(record.original_script, limit=1, explain=False)
        found += bool(top) and top[0].party_id == record.reference
    print(f"  screened against the UN list's Latin names: right entry at top-1 >= threshold for {found} of {len(queries)}")


def own_entry_found(screening: ListIndex, aliases: list[tuple[str, str, str, str]]) -> tuple[int, int]:
    """Of ``aliases`` (alias, its entry's party id, the entry's name, its kind), how many the score
    puts at or above the threshold against the entry's name, and how many of those screening
    finds the entry for (in its first ten): candidate search must reach what the score raises."""
    threshold = screening.index.weights.match_threshold
    raised = found = 0
    for alias, party_id, name, kind in aliases:
        if compare(screening.index, alias, name, listed_kind=parse_kind(kind)).score < threshold:
            continue
        raised += 1
        found += any(m.party_id == party_id for m in screening.screen(alias, limit=10, explain=False))
    return raised, found


def un_aliases_screened(records: list[UnRecord]) -> None:
    """Each UN alias (good and low quality) that the score raises against its own entry's name,
    screened against every entry's name (the UN's counterpart of ``ofac_screened``)."""
    parties = [PartyState(Party(id=r.reference, name=r.name, type=r.kind), listed=True, listed_since=None) for r in records]
    screening = ListIndex(parties)
    aliases = [(alias, r.reference, r.name, r.kind) for r in records for alias, _quality in r.aliases]
    raised, found = own_entry_found(screening, aliases)
    print(f"  UN aliases screened against the UN list's names: the own entry found for {found} of the {raised} aliases "
          f"that score >= {screening.index.weights.match_threshold} against it")


SDN_TYPES = {"individual": "person", "vessel": "vessel", "aircraft": "vessel"}


def ofac_screened(sample: list[tuple[str, str, str]] | None) -> None:
    """Each OFAC alias that the score puts at or above the threshold against its own entry's
    primary name, screened against every primary name: whether screening finds that entry (in its
    first ten), as candidate search must reach what the score would raise."""
    primaries, aliases = load_sdn()
    parties = [
        PartyState(Party(id=number, name=name, type=SDN_TYPES.get(kind, "organization")), listed=True, listed_since=None)
        for number, (name, kind) in primaries.items()
    ]
    screening = ListIndex(parties)
    wanted = None if sample is None else {(alias, primary) for alias, primary, _kind in sample}
    pairs = [
        (alias, number, primaries[number][0], primaries[number][1])
        for number, names in aliases.items() for alias in names
        if wanted is None or (alias, primaries[number][0]) in wanted
    ]
    raised, found = own_entry_found(screening, pairs)
    print(f"  screened against the SDN primary names: the own entry found for {found} of the {raised} aliases "
          f"that score >= {screening.index.weights.match_threshold} against it")


def main() -> None:
    quick = "--quick" in sys.argv
    own_set()
    _rules, actions = bundled.load()
    parties = listed_on(actions, dt.date(2026, 11, 1))
    labelled_sets(parties)
    cross_script_world_set(parties)
    entity_list_alias_set(parties)
    probe_set(parties)
    if not (WATCHMAN / "sdn.csv").exists():
        print("\nOFAC and cross-script sets skipped: ../shared/data/watchman is not present")
        return
    index = sdn_index()
    positives, negatives = sdn_alias_pairs()
    if quick:
        rng = random.Random(1)
        positives, negatives = rng.sample(positives, 2000), rng.sample(negatives, 2000)
    pair_set("OFAC SDN names vs their own aliases", positives, negatives, index)
    ofac_screened(positives if quick else None)
    cross_pos, cross_neg = cross_script_pairs()
    pair_set("Cross-script pairs", [(a, b, "") for a, b in cross_pos], [(a, b, "") for a, b in cross_neg], index)
    if UN_LIST.exists():
        un_sets()
    else:
        print("\nUN sets skipped: ../shared/data/watchman/UN_consolidated.xml is not present")


if __name__ == "__main__":
    main()
