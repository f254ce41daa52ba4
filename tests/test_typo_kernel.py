"""A cold word's typo look-up compiled from C (``matching/_typos.c``) finds what the pure-Python
loop finds: the same matches for every word, whatever its letters; its filter holds every key of
the tables it was made from; and it refuses what is not its input."""

from __future__ import annotations

import random

import pytest

from entitylist.matching import index as index_module
from entitylist.matching.index import NameIndex, TokenMatch, deletions
from entitylist.matching.normalize import normalize_name
from entitylist.screening import ListIndex
from tests import golden_batch
from tests.counterparties import realistic_names

compiled = index_module.compiled_typos


@pytest.fixture(scope="module")
def golden_index() -> ListIndex:
    return golden_batch.index()


def _matches(index: NameIndex, words: list[str]) -> list[dict[str, tuple[float, str]]]:
    def plain(found: dict[str, TokenMatch]) -> dict[str, tuple[float, str]]:
        return {listed: (hit.similarity, hit.how) for listed, hit in found.items()}

    return [plain(index.matches(word)) for word in words]


def _words(index: ListIndex) -> list[str]:
    names = realistic_names(index.parties, 2000, seed=11, listed_share=0.4, people_share=0.3)
    words = list(dict.fromkeys(token for name in names for token in normalize_name(name).tokens))
    rng = random.Random(4)
    listed = sorted(index.index.unit_weight)
    for _ in range(600):  # typos of listed words, one and two letters off, which the tables do hold
        word = list(rng.choice(listed))
        for _edit in range(rng.randrange(1, 3)):
            if len(word) > 2:
                del word[rng.randrange(len(word))]
            word.insert(rng.randrange(len(word) + 1), rng.choice("aeiouhkrst"))
        words.append("".join(word))
    # letters of every width, runs of one letter, a word longer than any listed one
    words += ["müller", "çelikbilek", "straße", "łódźiana", "ǆemalović", "ṣāliḥ", "aaaaaaaaaa", "mohammadd",
              "abbbbbbbbbbc", "x" * 40, "ab", "", "𝔞𝔟𝔠𝔡𝔢𝔣𝔤𝔥"]
    return words


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled typo look-up")
def test_compiled_and_python_typo_look_ups_find_the_same_matches(
    golden_index: ListIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = _words(golden_index)
    native_index = ListIndex(golden_index.parties).index
    native_index.warm()  # (with the compiled filter)
    native = _matches(native_index, words)
    unfiltered = _matches(ListIndex(golden_index.parties).index, words)  # (cold: no filter yet for 63 words)
    with monkeypatch.context() as patched:
        patched.setattr(index_module, "compiled_typos", None)
        python_index = ListIndex(golden_index.parties).index
        python_index.warm()
        python = _matches(python_index, words)
        # (the same index asked both ways remakes its filter with the other hash each time)
        assert _matches(native_index, words[:300]) == python[:300]
    assert _matches(native_index, words[:300]) == native[:300]
    assert native == python
    assert unfiltered == python
    assert sum(1 for found in native if any(how == "fuzzy" for _s, how in found.values())) > 200  # (typos met plenty)


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled typo look-up")
def test_the_compiled_filter_holds_every_key_and_turns_most_others_away() -> None:
    assert compiled is not None
    make_filter, candidates = compiled
    listed = {"hekmatyar": 1.0, "gaddafi": 1.0, "müller": 1.0}
    deletes: dict[str, list[str]] = {}
    for word in listed:
        for variant in deletions(word):
            deletes.setdefault(variant, []).append(word)
    keys = make_filter([listed, deletes])
    assert len(keys) == 1 << 18
    # every variant one letter off a listed word reaches it, through the filter or without one
    for word in listed:
        for variant in deletions(word):
            for typo in (variant, variant + "z", "q" + variant):
                assert candidates(typo, keys, listed, deletes, True) == candidates(typo, None, listed, deletes, True)
        assert word in candidates(word + "x", keys, listed, deletes, False)
    assert candidates("hekhmartyar", keys, listed, deletes, True) == {"hekmatyar"}  # two edits away
    assert candidates("hekhmartyar", keys, listed, deletes, False) == set()
    assert candidates("muller", keys, listed, deletes, False) == {"müller"}
    assert bin(int.from_bytes(keys, "little")).count("1") < 200  # (few bits set: the rest turned away)


@pytest.mark.skipif(compiled is None, reason="installed as pure Python: no compiled typo look-up")
def test_the_compiled_typo_look_up_refuses_what_is_not_its_input() -> None:
    assert compiled is not None
    make_filter, candidates = compiled
    keys = make_filter([{"word": 1.0}])
    with pytest.raises(TypeError, match="not str"):
        make_filter([["word", 3]])
    with pytest.raises(TypeError):
        make_filter(3)
    with pytest.raises(TypeError, match="text must be str"):
        candidates(b"word", keys, {}, {}, True)
    with pytest.raises(TypeError, match="must be dicts"):
        candidates("word", keys, [], {}, True)
    with pytest.raises(ValueError, match="filter made by typo_filter"):
        candidates("word", b"short", {}, {}, True)
    with pytest.raises(TypeError, match="not a sequence"):
        candidates("words", None, {}, {"word": 3}, False)
    with pytest.raises(TypeError, match="5 arguments"):
        candidates("word", keys, {}, {})
