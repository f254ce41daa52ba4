"""Cheap checks that stand before a costly comparison tell apart only what the comparison would
not pair: ``NameIndex.may_be_fuzzy`` holds for every pair ``pair_similarity`` finds alike in
spelling, and turns most others away; ``NameIndex._may_match`` answers as its definition reads,
a number told at once. The keys a cold query word is looked up by answer as their definitions
read: ``arabic_readings``, ``person_skeleton_keys``. The runs the scorer joins are those its
definition reads (``_runs_against_singles``, which makes nothing for a run out of reach)."""

from __future__ import annotations

import random

import pytest

from entitylist.matching import index as index_module
from entitylist.matching.index import (
    INITIALS_RUN_KEY, PERSON_SKELETON_MIN_LENGTH, _read_every_way, _soft_c_read, abjad_key,
    arabic_readings, person_skeleton_keys, romanisation_key, somali_as_arabic,
)
from entitylist.matching.normalize import KOREAN_MOST_LETTERS, korean_key, skeleton
from entitylist.matching.normalize import normalize_name
from entitylist.matching.vocabulary import given_name_spellings, nicknames
from entitylist.screening import ListIndex
from tests import golden_batch
from tests.counterparties import realistic_names

VOWELS = str.maketrans("", "", "aeiouwy")  # (the letters a consonant skeleton drops)


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


def test_a_query_word_that_may_match_is_told_as_the_definition_reads(golden_index: ListIndex) -> None:
    index = golden_index.index

    def defined(text: str, abjad: bool, fuzzy: bool) -> bool:
        return (
            abjad or text in index.unit_weight or text in index.weights.synonyms or index._typo_searchable(text, fuzzy)
            or (fuzzy and INITIALS_RUN_KEY + text in index.unit_bound and text not in index.unit_weight)
            or (fuzzy and (text in nicknames() or text in given_name_spellings()))
            or (fuzzy and len(text) <= KOREAN_MOST_LETTERS and any(
                key in index._korean_syllables() for key in (korean_key(text), korean_key(text, True))
            ))
        )

    # no given name, familiar form or Korean syllable is written in digits: a number is told at once
    for words in (nicknames(), given_name_spellings(), index._korean_syllables()):
        assert not [word for word in words if any(c.isdigit() for c in word)]
    rng = random.Random(2)
    names = realistic_names(golden_index.parties, 1500, seed=6, listed_share=0.4, people_share=0.4)
    texts = sorted({t for name in names for t in normalize_name(name).tokens})
    texts += [str(rng.randrange(10 ** rng.randint(0, 7))) for _ in range(500)]
    texts += ["0", "1", "15", "007", "١٢٣", "2nd", "a1"]
    texts += [t for t in sorted(index.unit_weight) if any(c.isdigit() for c in t)][:300] + ["", "jo", "pom", "bill", "x"]
    told = 0
    for text in texts:
        for abjad in (False, True):
            for fuzzy in (False, True):
                assert index._may_match(text, abjad, fuzzy) == defined(text, abjad, fuzzy), (text, abjad, fuzzy)
                told += not defined(text, abjad, fuzzy)
    assert told > 500


def test_the_keys_of_a_cold_word_are_those_their_definitions_read(golden_index: ListIndex) -> None:
    """``arabic_readings`` levels each shape without reading its soft "c" and vowels again (a
    first "y" or "w" before a vowel kept, the consonant it is), and ``person_skeleton_keys`` keeps
    each key once in the order found, as these definitions do."""

    def readings(word: str) -> frozenset[str]:
        spelt = _soft_c_read(word).replace("ck", "k")
        lead = spelt[:1] if spelt[:1] in ("y", "w") and spelt[1:2] in ("a", "e", "i", "o", "u") else ""
        raw = spelt[len(lead):].translate(VOWELS)
        return frozenset(lead + abjad_key(shape) for shape in _read_every_way([raw], raw))

    def keys(word: str) -> tuple[str, ...]:
        if len(word) < PERSON_SKELETON_MIN_LENGTH or not word.isalpha():
            return ()
        found: list[str] = []
        for spelling in dict.fromkeys((word, somali_as_arabic(word))):
            key = romanisation_key(spelling)
            shape = skeleton(key) if key else ""
            if len(shape) >= 3:
                found.append("s:" + key[0] + shape)
            found.extend("r:" + reading for reading in arabic_readings(spelling) if len(reading) >= 3)
        return tuple(dict.fromkeys(found))

    rng = random.Random(4)
    names = realistic_names(golden_index.parties, 1500, seed=8, listed_share=0.4, people_share=0.5)
    words = sorted({t for name in names for t in normalize_name(name).tokens} | set(golden_index.index.people_words))
    # the letters the readings turn on, run together every way: "c" before a vowel or "k", "ck"
    # brought together by a vowel dropped ("cak"), "dh", "q", "x" (Somali), "y" and "w"
    letters = ["c", "k", "a", "e", "y", "w", "dh", "q", "x", "h", "s", "m"]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(4000)]
    words += ["cak", "cakcak", "qadhafi", "dhawahri", "xasan", "cabdi", "maxamed", "yicky", "", "a1", "12345"]
    index_module._ARABIC_READINGS.clear()
    for word in words:
        assert arabic_readings(word) == readings(word), word
        assert person_skeleton_keys(word) == keys(word), word



def _runs_as_defined(
    runs_of: tuple[str, ...], singles_of: tuple[str, ...], used_runs: set[int], used_singles: set[int], both_orders: bool,
) -> list[tuple[tuple[tuple[int, ...], str], tuple[int, str]]]:
    """Runs of two or three free neighbouring words of letters, each with every unpaired word of
    six letters or more within three letters of its length, in the order runs and singles stand."""
    singles = [(p, t) for p, t in enumerate(singles_of) if p not in used_singles and len(t) >= 6]
    runs: list[tuple[tuple[int, ...], str]] = []
    free = [p not in used_runs and t.isalpha() for p, t in enumerate(runs_of)]
    for size in (2, 3):
        for start in range(len(runs_of) - size + 1):
            if all(free[start:start + size]):
                positions = tuple(range(start, start + size))
                runs.append((positions, "".join(runs_of[start:start + size])))
                if both_orders and size == 2:
                    runs.append((positions, runs_of[start + 1] + runs_of[start]))
    return [(run, single) for run in runs for single in singles if abs(len(run[1]) - len(single[1])) <= 3]


def test_the_runs_joined_against_single_words_are_those_the_definition_reads() -> None:
    from entitylist.matching.score import _runs_against_singles

    rng = random.Random(17)
    words = ["al", "nam", "chon", "gang", "namchongang", "kheir", "beik", "khayrbik", "had", "kaew", "hatkaew", "de",
             "leon", "deleon", "ullah", "aman", "amanullah", "ab", "trading", "7", "co2", "abcdefghijk", "abcdef"]
    for _ in range(20_000):
        one = tuple(rng.choice(words) for _ in range(rng.randint(0, 6)))
        other = tuple(rng.choice(words) for _ in range(rng.randint(0, 6)))
        used_one = {p for p in range(len(one)) if rng.random() < 0.3}
        used_other = {p for p in range(len(other)) if rng.random() < 0.3}
        both = rng.random() < 0.5
        used_one_bits, used_other_bits = sum(1 << p for p in used_one), sum(1 << p for p in used_other)
        assert _runs_against_singles(one, other, used_one_bits, used_other_bits, both) == (
            _runs_as_defined(one, other, used_one, used_other, both)
        ), (one, other, used_one, used_other, both)
