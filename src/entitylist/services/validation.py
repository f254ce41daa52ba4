"""Model validation, as regulators expect of screening systems: one pair's score and explanation,
and metrics over a file of labelled pairs, both scored exactly as screening scores a query
against a listed name (word weights from the list on the date)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from entitylist.evaluation import build_index, compare_pair, evaluate, read_pairs
from entitylist.matching.kinds import PERSON, parse_kind
from entitylist.screening import check_query, check_threshold
from entitylist.services.base import StoreBacked
from entitylist.services.models import Comparison, Evaluation, Explanation


class ValidationService(StoreBacked):
    """Scores pairs of names against the word weights of the store's list."""

    def compare(self, left: str, right: str, *, type: str | None = None, as_of: dt.date | None = None) -> Comparison:
        """``left`` as a query against ``right`` as a listed name of ``type`` (person, organization, vessel)."""
        person = parse_kind(type) == PERSON  # (an unknown type: the one-line error compare_pair gives)
        check_query(left)  # (a name with nothing to compare, "the" or "!!!", is refused as screening refuses it)
        check_query(right)
        index = build_index(self._store.listed(as_of or dt.date.today()), [right], extra_people=[right] if person else [])
        scored = compare_pair(index, left, right, type)
        return Comparison(
            left=left, right=right, type=type, score=round(scored.score, 4),
            explanation=Explanation.model_validate(scored.explanation),
        )

    def evaluate(self, path: Path, *, threshold: float | None = None, as_of: dt.date | None = None) -> Evaluation:
        """Metrics over the labelled pairs of a CSV file (``left``, ``right``, ``label``, optional ``type``)."""
        check_threshold(threshold)
        pairs = read_pairs(path)
        return Evaluation.model_validate(evaluate(pairs, self._store.listed(as_of or dt.date.today()), threshold))
