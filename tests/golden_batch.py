"""Golden screening results: 20,000 generated queries, their top three matches and scores.

Screening is made faster without changing what it finds: ``tests/test_golden_batch.py``
screens the queries again and compares every party id and score (to six decimals) with
``tests/fixtures/golden_batch.json.gz``. The queries (see :mod:`tests.counterparties`) are
ordinary company names sharing words with the list, people, and variants of listed names, some
with a country; the list is the bundled Entity List plus a synthetic list of the same vocabulary.
Each query is screened at the default threshold, and every fourth also at 0.5 (more candidates
scored in full, so that a change of any score shows).

When the matching itself deliberately changes, regenerate the fixture and review the diff::

    PYTHONPATH=src python -m tests.golden_batch --regenerate
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

from entitylist import bundled
from entitylist.screening import ListIndex
from entitylist.state import listed_on
from tests.counterparties import realistic_names, synthetic_list

QUERIES = 20_000
SEED = 18
AS_OF = dt.date(2026, 11, 1)
LOW_THRESHOLD = 0.5
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "golden_batch.json.gz"
COUNTRIES = ["CN", "Russia", "IR", "AE", "Germany", "HK", "US"]

Query = tuple[str, str | None]
Found = list[list[Any]]  # [party id, score] of each match, best first


def index() -> ListIndex:
    _rules, actions = bundled.load()
    return ListIndex([*listed_on(actions, AS_OF), *synthetic_list(4000, SEED)])


def queries(list_index: ListIndex) -> list[Query]:
    """The queries, each with a country for one in five."""
    names = realistic_names(list_index.parties, QUERIES, SEED, listed_share=0.15, people_share=0.15)
    rng = random.Random(SEED)
    return [(name, rng.choice(COUNTRIES) if rng.random() < 0.2 else None) for name in names]


def _found(list_index: ListIndex, name: str, country: str | None, threshold: float | None) -> Found:
    matches = list_index.screen(name, country=country, threshold=threshold, limit=3, explain=False)
    return [[m.party_id, round(m.score, 6)] for m in matches]


def screen_all(list_index: ListIndex, asked: list[Query]) -> list[list[Found]]:
    """Per query: the matches at the default threshold, and for every fourth those at 0.5."""
    out = []
    for number, (name, country) in enumerate(asked):
        found = [_found(list_index, name, country, None)]
        if number % 4 == 0:
            found.append(_found(list_index, name, country, LOW_THRESHOLD))
        out.append(found)
    return out


def load() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    return loaded


def regenerate() -> None:
    list_index = index()
    asked = queries(list_index)
    data = {"queries": [list(q) for q in asked], "found": screen_all(list_index, asked)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    FIXTURE.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    matched = sum(1 for found in data["found"] if found[0])
    print(f"{FIXTURE.name}: {len(asked)} queries, {matched} with a match at the default threshold")


if __name__ == "__main__":
    if "--regenerate" not in sys.argv:
        sys.exit("usage: python -m tests.golden_batch --regenerate")
    regenerate()
