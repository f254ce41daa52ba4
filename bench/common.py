"""Shared helpers for the benchmark scripts: data locations, metrics, peers and tables."""

from __future__ import annotations

import csv
import itertools
import math
import random
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from entitylist.evaluation import recall_at_fpr, roc_auc
from entitylist.matching.index import NameIndex

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
WATCHMAN = SHARED_DATA / "watchman"


@dataclass
class Metrics:
    auc: float
    best_f1: float
    recall_at_1pct_fpr: float
    threshold_at_1pct_fpr: float


def metrics(positives: Sequence[float], negatives: Sequence[float]) -> Metrics:
    """ROC AUC (Mann-Whitney, ties count half), best F1 over thresholds, recall at FPR <= 1 %
    (the AUC and recall as ``entitylist evaluate`` reports them)."""
    labelled = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    n_pos, n_neg = len(positives), len(negatives)
    best_f1 = 0.0
    tp, fp = n_pos, n_neg
    for k, (score, label) in enumerate(labelled):  # threshold just above score k: items after k are "positive"
        if k and labelled[k - 1][0] != score:
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / n_pos if n_pos else 0.0
            if precision + recall:
                best_f1 = max(best_f1, 2 * precision * recall / (precision + recall))
        tp -= label
        fp -= 1 - label
    allowed = math.floor(0.01 * n_neg)
    ordered = sorted(negatives, reverse=True)
    threshold = ordered[allowed] if allowed < len(ordered) else -math.inf
    return Metrics(roc_auc(positives, negatives), best_f1, recall_at_fpr(positives, negatives, 0.01), threshold)


def table(title: str, rows: list[tuple[str, Metrics]], baseline: str | None) -> None:
    """Print matchers side by side, with each one's recall as a ratio of the baseline's."""
    base = next((m for name, m in rows if name == baseline), None)
    print(f"\n{title}")
    print(f"  {'matcher':28} {'ROC AUC':>8} {'best F1':>8} {'recall@1%FPR':>13} {'vs ' + (baseline or '-'):>22}")
    for name, m in rows:
        ratio = f"{m.recall_at_1pct_fpr / base.recall_at_1pct_fpr:.2f}x ({(m.recall_at_1pct_fpr - base.recall_at_1pct_fpr) * 100:+.1f} pts)" if base and base.recall_at_1pct_fpr else "-"
        print(f"  {name:28} {m.auc:8.3f} {m.best_f1:8.3f} {m.recall_at_1pct_fpr:13.3f} {ratio:>22}")


def load_sdn(folder: Path = WATCHMAN) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """OFAC primary names {ent_num: (name, type)} and aliases {ent_num: [names]}."""
    primaries: dict[str, tuple[str, str]] = {}
    with (folder / "sdn.csv").open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) >= 3 and row[0].strip().isdigit():
                kind = row[2].strip()
                primaries[row[0].strip()] = (row[1].strip(), "entity" if kind in ("", "-0-") else kind)
    aliases: dict[str, list[str]] = {}
    with (folder / "alt.csv").open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if len(row) >= 4 and row[0].strip() in primaries and row[3].strip() not in ("", "-0-"):
                aliases.setdefault(row[0].strip(), []).append(row[3].strip())
    return primaries, aliases


def sdn_index() -> NameIndex:
    """Every OFAC primary name and alias in one index (the word weights of the pair sets), each
    entry's names under its own record and people's names read as people's, as screening reads a
    listed party of its type."""
    primaries, aliases = load_sdn()
    corpus: list[tuple[int, str, str]] = []
    people: set[int] = set()
    for record, (number, (name, kind)) in enumerate(primaries.items()):
        corpus.append((record, name, "name"))
        corpus.extend((record, alias, "aka") for alias in aliases.get(number, ()))
        if kind == "individual":
            people.add(record)
    return NameIndex(corpus, person_records=frozenset(people))


def sdn_alias_pairs(seed: int = 7) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Positives: each OFAC entry's primary name against each of its own aliases (OFAC's labels).

    Negatives: for each positive, the alias against the primary name of another entry of the same
    type (individual, entity, vessel, aircraft), drawn at random with a fixed seed. Each pair
    carries that type, as a listed record does.
    """
    primaries, aliases = load_sdn()
    by_type: dict[str, list[str]] = {}
    for number, (_name, kind) in primaries.items():
        by_type.setdefault(kind, []).append(number)
    rng = random.Random(seed)
    positives: list[tuple[str, str, str]] = []  # (alias, primary name, OFAC type)
    negatives: list[tuple[str, str, str]] = []
    for number, names in aliases.items():
        primary, kind = primaries[number]
        for alias in names:
            positives.append((alias, primary, kind))
            other = number
            while other == number:
                other = rng.choice(by_type[kind])
            negatives.append((alias, primaries[other][0], kind))
    return positives, negatives


@dataclass
class UnRecord:
    """One entry of the UN Security Council consolidated list, as the pair sets read it."""

    reference: str
    kind: str  # "individual" or "entity"
    name: str  # the name parts in order
    original_script: str  # the name in its own script, when the list gives it
    aliases: list[tuple[str, str]]  # (alias, quality: "Good", "Low" or "")


UN_LIST = WATCHMAN / "UN_consolidated.xml"


def load_un(path: Path = UN_LIST) -> list[UnRecord]:
    """The UN consolidated list's individuals and entities (a third party's names and labels)."""

    def text(element: ET.Element, tag: str) -> str:
        found = element.find(tag)
        return (found.text or "").strip() if found is not None else ""

    records: list[UnRecord] = []
    root = ET.parse(path).getroot()
    for kind, path_of, alias_tag in (("individual", "INDIVIDUALS/INDIVIDUAL", "INDIVIDUAL_ALIAS"), ("entity", "ENTITIES/ENTITY", "ENTITY_ALIAS")):
        for element in root.findall(path_of):
            parts = [text(element, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            aliases = [(text(a, "ALIAS_NAME"), text(a, "QUALITY")) for a in element.findall(alias_tag)]
            records.append(UnRecord(
                text(element, "REFERENCE_NUMBER"), kind, " ".join(p for p in parts if p),
                " ".join(text(element, "NAME_ORIGINAL_SCRIPT").split()), [(n, q) for n, q in aliases if n],
            ))
    return records


def un_index(records: list[UnRecord]) -> NameIndex:
    """Every UN name, alias and original-script name in one index (the word weights of the UN sets)."""
    corpus: list[tuple[int, str, str]] = []
    for number, record in enumerate(records):
        corpus.append((number, record.name, "name"))
        corpus.extend((number, alias, "aka") for alias, _quality in record.aliases)
        if record.original_script:
            corpus.append((number, record.original_script, "original_script"))
    people = frozenset(n for n, r in enumerate(records) if r.kind == "individual")
    return NameIndex(corpus, person_records=people)


def un_pairs(records: list[UnRecord], seed: int = 7) -> dict[str, tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]]:
    """Labelled (query, listed name, type) pairs of the UN list, labelled by the UN itself: each
    entry's original-script name, and its good- and low-quality aliases, against its name; each
    negative the same query against a random other entry's name of the same type (fixed seed)."""
    rng = random.Random(seed)
    by_kind: dict[str, list[int]] = {}
    for number, record in enumerate(records):
        by_kind.setdefault(record.kind, []).append(number)

    def other(number: int) -> str:
        pick = number
        while pick == number:
            pick = rng.choice(by_kind[records[number].kind])
        return records[pick].name

    sets: dict[str, tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]] = {}
    for title, queries in (
        ("original-script names", lambda r: [r.original_script] if r.original_script else []),
        ("good-quality aliases", lambda r: [a for a, q in r.aliases if q == "Good"]),
        ("low-quality aliases", lambda r: [a for a, q in r.aliases if q == "Low"]),
    ):
        positives, negatives = [], []
        for number, record in enumerate(records):
            for query in queries(record):
                positives.append((query, record.name, record.kind))
                negatives.append((query, other(number), record.kind))
        sets[title] = (positives, negatives)
    return sets


def cross_script_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Positives from cross_script_pairs.csv; negatives: each query against every other expected name."""
    rows: list[tuple[str, str]] = []
    with (WATCHMAN / "cross_script_pairs.csv").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                parts = next(csv.reader([line]))
                rows.append((parts[0].strip(), parts[1].strip()))
    negatives = [(q, other) for q, expected in rows for _q2, other in rows if other != expected]
    return rows, negatives


PairScorer = Callable[[str, str], float]


def rapidfuzz_scorers() -> dict[str, PairScorer]:
    from rapidfuzz import fuzz, utils

    return {
        "rapidfuzz WRatio": lambda a, b: fuzz.WRatio(a, b, processor=utils.default_process) / 100,
        "rapidfuzz token_set_ratio": lambda a, b: fuzz.token_set_ratio(a, b, processor=utils.default_process) / 100,
    }


_ENTITY_IDS = itertools.count()


def nomenklatura_scorer() -> PairScorer | None:
    """nomenklatura's logic-v2 (a bench-only extra), or None when it is not installed."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        return None
    config = algorithm.default_config()

    def entity(name: str, schema: str) -> object:
        proxy = model.make_entity(schema)
        # nomenklatura caches by id: every entity of the process gets its own (a counter per
        # scorer made ids repeat from one pair set to the next, and logic-v2 scored the next
        # set's pairs with the last set's names)
        proxy.id = f"bench-{next(_ENTITY_IDS)}"
        proxy.add("name", name)
        return proxy

    def scorer(a: str, b: str, schema: str = "LegalEntity") -> float:
        """``schema``: the FollowTheMoney schema of both names (Person, Vessel, LegalEntity)."""
        return float(algorithm.compare(entity(a, schema), entity(b, schema), config).score)  # type: ignore[arg-type]

    return scorer
