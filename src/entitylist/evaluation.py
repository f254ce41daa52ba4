"""Model validation, as regulators expect of screening systems: the score of one pair, and the
accuracy of the matcher on labelled pairs.

Both score a left name against a right name exactly as screening scores a query against a
listed name: the right name is indexed with the list's names, so its words weigh what they
would weigh on the list (:func:`build_index`), and the type, when given, is the listed party's.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from entitylist.errors import InvalidInput
from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import PERSON, UNKNOWN, parse_kind
from entitylist.matching.score import Scored, compare
from entitylist.matching.weights import Weights, default_weights
from entitylist.state import PartyState


class LabelledPair:
    """One row of a pairs file: a left (query) name, a right (listed) name, 1 for the same party
    and 0 for another, and the party's type when known."""

    def __init__(self, left: str, right: str, label: int, type: str = "") -> None:
        self.left = left
        self.right = right
        self.label = label
        self.type = type


def build_index(
    parties: Sequence[PartyState], extra_names: Iterable[str] = (), weights: Weights | None = None,
    extra_people: Iterable[str] = (),
) -> NameIndex:
    """An index of the list's names plus ``extra_names`` (the right-hand names being evaluated),
    for word weights as screening would give them. ``extra_people``: right-hand names that are
    people's, indexed as a listed person's are (their words meet nicknames, short forms, the
    other gender form of a family name)."""
    people_names = frozenset(extra_people)
    extra = list(dict.fromkeys([*extra_names, *sorted(people_names)]))
    names = [(number, name, "name") for number, state in enumerate(parties) for name in state.party.all_names()]
    names += [(-1 - i, name, "name") for i, name in enumerate(extra)]
    people = frozenset(n for n, state in enumerate(parties) if state.party.type == "individual")
    people |= {-1 - i for i, name in enumerate(extra) if name in people_names}
    return NameIndex(names, weights or default_weights(), person_records=people)


def compare_pair(index: NameIndex, left: str, right: str, type: str | None = None, explain: bool = True) -> Scored:
    """``left`` scored as a query against ``right`` as a listed name of the given type (person,
    organization, vessel or a party type; see :func:`entitylist.matching.kinds.parse_kind`).
    Raises :class:`InvalidInput` for an unknown type or a name with nothing to match."""
    kind = parse_kind(type)
    for name in (left, right):
        if not name or not name.strip():
            raise InvalidInput("empty name: nothing to compare")
    return compare(index, left, right, explain=explain, listed_kind=kind)


def read_pairs(path: Path) -> list[LabelledPair]:
    """Labelled pairs from a CSV file with the columns ``left``, ``right``, ``label`` (1 or 0)
    and, optionally, ``type``. Raises :class:`InvalidInput` naming the first bad row."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from error
    with handle:
        reader = csv.DictReader(handle)
        missing = {"left", "right", "label"} - set(reader.fieldnames or ())
        if missing:
            raise InvalidInput(f"{path}: missing column(s) {', '.join(sorted(missing))} (need left, right, label)")
        pairs = []
        for line, row in enumerate(reader, start=2):
            label = (row.get("label") or "").strip()
            if label not in ("0", "1"):
                raise InvalidInput(f"{path}, line {line}: label {label!r} is not 1 or 0")
            left, right = (row.get("left") or "").strip(), (row.get("right") or "").strip()
            if not left or not right:
                raise InvalidInput(f"{path}, line {line}: empty name")
            kind = (row.get("type") or "").strip()
            try:
                parse_kind(kind or None)
            except InvalidInput as error:
                raise InvalidInput(f"{path}, line {line}: {error}") from error
            pairs.append(LabelledPair(left, right, int(label), kind))
    if not pairs:
        raise InvalidInput(f"{path}: no pairs")
    return pairs


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Area under the ROC curve (Mann-Whitney; ties count half); NaN without both labels."""
    labelled = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum = 0.0
    i = 0
    while i < len(labelled):
        j = i
        while j < len(labelled) and labelled[j][0] == labelled[i][0]:
            j += 1
        rank_sum += (i + j + 1) / 2 * sum(label for _s, label in labelled[i:j])
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg) if n_pos and n_neg else math.nan


def recall_at_fpr(positives: Sequence[float], negatives: Sequence[float], rate: float) -> float:
    """Share of positives scoring above the threshold that lets at most ``rate`` of negatives through."""
    if not positives:
        return math.nan
    ordered = sorted(negatives, reverse=True)
    allowed = math.floor(rate * len(ordered))
    threshold = ordered[allowed] if allowed < len(ordered) else -math.inf
    return sum(1 for s in positives if s > threshold) / len(positives)


def _summary(scored: Sequence[tuple[LabelledPair, float]], threshold: float) -> dict[str, Any]:
    positives = [s for p, s in scored if p.label == 1]
    negatives = [s for p, s in scored if p.label == 0]
    hits = sum(1 for s in positives if s >= threshold)
    false_hits = sum(1 for s in negatives if s >= threshold)
    precision = hits / (hits + false_hits) if hits + false_hits else math.nan
    recall = hits / len(positives) if positives else math.nan
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else math.nan
    return {
        "pairs": len(scored),
        "positives": len(positives),
        "negatives": len(negatives),
        "auc": _rounded(roc_auc(positives, negatives)),
        "recall_at_1pct_fpr": _rounded(recall_at_fpr(positives, negatives, 0.01)),
        "recall_at_5pct_fpr": _rounded(recall_at_fpr(positives, negatives, 0.05)),
        "threshold": threshold,
        "precision": _rounded(precision),
        "recall": _rounded(recall),
        "f1": _rounded(f1),
    }


def _rounded(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def evaluate(
    pairs: Sequence[LabelledPair], parties: Sequence[PartyState] = (), threshold: float | None = None,
    weights: Weights | None = None,
) -> dict[str, Any]:
    """Score every pair (left as a query, right as a listed name, word weights from ``parties``
    plus the right-hand names) and report, as JSON-ready data: ``pairs``, ``auc``,
    ``recall_at_1pct_fpr``, ``recall_at_5pct_fpr``, ``threshold``, ``precision``, ``recall``,
    ``f1`` (at the threshold, by default the screening threshold), ``by_type`` (the same per
    type) and ``errors`` (the misses and false hits at the threshold, worst first). Metrics that
    need both labels are ``None`` when one is absent."""
    weights = weights or default_weights()
    cutoff = weights.match_threshold if threshold is None else threshold
    if not 0.0 <= cutoff <= 1.0:
        raise InvalidInput(f"threshold {cutoff} is outside 0-1")
    people = [p.right for p in pairs if p.type and parse_kind(p.type) == PERSON]
    index = build_index(parties, (p.right for p in pairs), weights, extra_people=people)
    scored = [(p, compare_pair(index, p.left, p.right, p.type or None, explain=False).score) for p in pairs]
    report = _summary(scored, cutoff)
    by_type: dict[str, list[tuple[LabelledPair, float]]] = {}
    for pair, value in scored:
        by_type.setdefault(parse_kind(pair.type or None) if pair.type else UNKNOWN, []).append((pair, value))
    report["by_type"] = {kind: _summary(rows, cutoff) for kind, rows in sorted(by_type.items())}
    misses = sorted(((p, s) for p, s in scored if p.label == 1 and s < cutoff), key=lambda ps: ps[1])
    false_hits = sorted(((p, s) for p, s in scored if p.label == 0 and s >= cutoff), key=lambda ps: -ps[1])
    report["errors"] = [
        {"kind": kind, "left": p.left, "right": p.right, "type": p.type, "label": p.label, "score": round(s, 4)}
        for kind, rows in (("miss", misses), ("false_hit", false_hits))
        for p, s in rows
    ]
    return report


__all__ = ["LabelledPair", "build_index", "compare_pair", "evaluate", "read_pairs", "recall_at_fpr", "roc_auc"]
