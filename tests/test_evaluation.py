"""Model validation: one pair scored as screening scores it, and labelled pairs evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from entitylist.errors import InvalidInput
from entitylist.evaluation import LabelledPair, build_index, compare_pair, evaluate, read_pairs, recall_at_fpr, roc_auc
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

KEYS = {"pairs", "auc", "recall_at_1pct_fpr", "recall_at_5pct_fpr", "threshold", "precision", "recall", "f1", "by_type", "errors"}


def test_compare_pair_scores_as_screening_does() -> None:
    states = make_states()
    index = build_index(states, ["LOTUS TEXTILES"])
    screened = ListIndex(states).screen("Lotus Textiles Ltd", threshold=0.0, limit=1)[0]
    pair = compare_pair(index, "Lotus Textiles Ltd", "LOTUS TEXTILES")
    assert pair.score == pytest.approx(screened.score)
    features = [f["feature"] for f in pair.explanation["features"]]
    assert features[0] == "name_similarity"
    assert compare_pair(index, "Rahul Sanjay Ltd", "SANJAY, Rahul", type="person").score < 0.72
    with pytest.raises(InvalidInput, match="type"):
        compare_pair(index, "a", "b", type="planet")


def test_metrics() -> None:
    assert roc_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert roc_auc([0.5], [0.5]) == 0.5
    assert recall_at_fpr([0.9, 0.3], [0.5] * 99 + [0.95], 0.01) == 0.5


def test_evaluate_reports_the_issue_keys_per_type_with_errors(tmp_path: Path) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text(
        "left,right,label,type\n"
        "Hangzhou Hikvisoin Digital Technology,Hangzhou Hikvision Digital Technology,1,organization\n"
        "Mohd Rafiq Aziz,Muhammad Rafiq AZIZ,1,person\n"
        "Amit Sanjay,SANJAY Rahul,0,person\n"
        "Lotus Mining,LOTUS TEXTILES,0,organization\n"
        "Hassan bin Ali,Ali bin Hassan,1,person\n",  # labelled a match on purpose: the matcher says no
        encoding="utf-8",
    )
    report = evaluate(read_pairs(source), make_states())
    assert KEYS <= set(report) and report["pairs"] == 5
    assert set(report["by_type"]) == {"organization", "person"} and report["by_type"]["person"]["pairs"] == 3
    assert [(e["kind"], e["left"]) for e in report["errors"]] == [("miss", "Hassan bin Ali")]
    assert report["precision"] == 1.0 and report["recall"] == pytest.approx(2 / 3, abs=1e-4)
    json.dumps(report)


@pytest.mark.parametrize(
    ("text", "message"),
    [("left,right\na,b\n", "missing column"), ("left,right,label\na,b,yes\n", "line 2: label 'yes'"),
     ("left,right,label,type\na,b,1,planet\n", "line 2: type 'planet'"), ("left,right,label\n", "no pairs")],
)
def test_bad_pairs_files_get_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    source = tmp_path / "pairs.csv"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=message):
        read_pairs(source)


def test_labelled_pair_defaults() -> None:
    assert LabelledPair("a", "b", 1).type == ""
