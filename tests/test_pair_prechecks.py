"""Cheap checks that stand before a costly comparison of two words tell apart only pairs the
comparison would not pair: ``NameIndex.may_be_fuzzy`` holds for every pair ``pair_similarity``
finds alike in spelling, and turns most others away."""

from __future__ import annotations

import random

import pytest

from entitylist.matching.normalize import normalize_name
from entitylist.screening import ListIndex
from tests import golden_batch
from tests.counterparties import realistic_names


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


def _pairs(index: ListIndex) -> list[tuple[str, str]]:
    """Words run together against single words, as the scorer compares them: runs of a realistic
    name's words against listed words of about their length, runs of a listed name's words with a
    typo against the run written as one word, and words with the Arabic article run on."""
    rng = random.Random(7)
    names = realistic_names(index.parties, 1500, seed=3, listed_share=0.4, people_share=0.3)
    listed = sorted(w for w in index.index.unit_weight if len(w) >= 6 and w.isalpha())
    by_length: dict[int, list[str]] = {}
    for word in listed:
        by_length.setdefault(len(word), []).append(word)
    pairs = []
    for name in names:
        tokens = normalize_name(name).tokens
        for start in range(len(tokens) - 1):
            for size in (2, 3):
                run = "".join(tokens[start:start + size])
                near = [w for d in range(-3, 4) for w in by_length.get(len(run) + d, ())]
                pairs += [(run, w) for w in rng.sample(near, min(20, len(near)))]
    for entry in rng.sample(index.index.entries, 3000):
        tokens = entry.normalized.tokens
        if len(tokens) < 2:
            continue
        run = list("".join(tokens[:2]))
        whole = "".join(run)
        if len(run) > 3:
            run[rng.randrange(1, len(run) - 1)] = rng.choice("aeiourst")  # a typo inside
        pairs += [(" ".join(tokens[:2]).replace(" ", ""), whole), ("".join(run), whole), (whole, "".join(run))]
    pairs += [("al" + w, w) for w in listed[:: max(1, len(listed) // 400)]]
    pairs += [("el" + w[:-1], w) for w in listed[:: max(1, len(listed) // 400)]]
    return pairs


def test_may_be_fuzzy_holds_for_every_pair_alike_in_spelling(golden_index: ListIndex) -> None:
    index = golden_index.index
    pairs = _pairs(golden_index)
    fuzzy = turned_away = 0
    for query, listed in pairs:
        found = index.pair_similarity(query, listed, False)
        possible = index.may_be_fuzzy(query, listed)
        if found is not None and found.how == "fuzzy":
            fuzzy += 1
            assert possible, (query, listed)
        turned_away += not possible
    assert fuzzy > 500  # (typos of words run together: the pairs the check must let through)
    assert turned_away > len(pairs) // 2  # (and most pairs of unrelated words it turns away)
