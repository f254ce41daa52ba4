"""The matching core's memos change no answer: each memoised function gives, cold, warm and past
its memo's bound, what it works out from scratch; a memo stays within its bound."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from entitylist.matching import index, normalize, vocabulary, wade_giles
from entitylist.matching.memo import Memo
from tests.counterparties import realistic_names, synthetic_list

MEMOISED: list[tuple[str, Callable[[str], Any], Memo[Any, Any]]] = [
    ("normalize_name", normalize.normalize_name, normalize._NORMALIZED),
    ("normalize_name, person", lambda name: normalize.normalize_name(name, True), normalize._NORMALIZED_PERSONS),
    ("romanisation_key", index.romanisation_key, index._ROMANISATION_KEYS),
    ("phonetic_key", index.phonetic_key, index._PHONETIC_KEYS),
    ("arabic_readings", index.arabic_readings, index._ARABIC_READINGS),
    ("cyrillic_readings", index.cyrillic_readings, index._CYRILLIC_READINGS),
    ("as_pinyin", wade_giles.as_pinyin, wade_giles._AS_PINYIN),
    ("as_wade_giles", wade_giles.as_wade_giles, wade_giles._AS_WADE_GILES),
    ("is_wade_giles", wade_giles.is_wade_giles, wade_giles._IS_WADE_GILES),
    ("_pinyin_word", wade_giles._pinyin_word, wade_giles._PINYIN_WORDS),
    ("derived_stem", vocabulary.derived_stem, vocabulary._DERIVED_STEMS),
    ("is_pinyin", vocabulary.is_pinyin, vocabulary._PINYIN),
    # (against the word with its last letter put in the place of another: the pairs it remembers)
    ("one_syllable_apart", lambda word: vocabulary.one_syllable_apart(word, word[:-1] + ("a" if word[-1:] != "a" else "e")),
     vocabulary._SYLLABLES_APART),
]


def test_a_memo_keeps_what_it_is_given_within_its_bound() -> None:
    memo: Memo[str, Any] = Memo(3)
    assert memo.get("a") is None
    assert memo.keep("a", False) is False and memo.get("a") is False  # a false result is a result
    assert memo.keep("b", "") == "" and memo.get("b") == ""
    memo.keep("c", frozenset())
    assert len(memo) == 3
    memo.keep("d", 4)  # full: everything forgotten, then the new one kept
    assert len(memo) == 1 and memo.get("a") is None and memo.get("d") == 4
    memo.clear()
    assert len(memo) == 0
    missing = object()  # where None is a result, a sentinel tells "not kept" from it
    memo.keep("none", None)
    assert memo.get("none", missing) is None and memo.get("other", missing) is missing
    with pytest.raises(ValueError, match="at least one"):
        Memo(0)


def _texts() -> list[str]:
    """Names and their words, in every script and romanisation the memoised functions read."""
    parties = synthetic_list(500, 3)
    names = [p.party.name for p in parties[:100]]
    names += realistic_names(parties, 300, seed=11, listed_share=0.3, people_share=0.2)
    names += [
        "Chang Chun-hsiung", "Hsiung", "chunhsiung", "Xiaoping", "lianchuang", "Foundation", "Zhang Wei",
        "huale", "xiaole", "Qadhafi", "Dhawahri", "Belgacem", "Kuznetsoff", "Chouvalov", "Schuwalow", "Jewgeni", "Yevgeny",
        "Krasnodarskiy", "yaltinskaya", "iranian", "Huawei Technologies Co., Ltd.", "华为技术有限公司",
        "محمد بن سلمان", "Ким Чен Ын", "", "a", "12345",
    ]
    words = sorted({word for name in names for word in name.casefold().split()})
    return names + words


def _comparable(value: Any) -> Any:
    return value.fields() if isinstance(value, normalize.NormalizedName) else value


@contextmanager
def _bound(memo: Memo[Any, Any], most: int) -> Iterator[None]:
    kept = memo.most
    memo.most = most
    try:
        yield
    finally:
        memo.most = kept


@pytest.mark.parametrize(("name", "function", "memo"), MEMOISED, ids=[m[0] for m in MEMOISED])
def test_memoised_functions_answer_as_worked_out_from_scratch(
    name: str, function: Callable[[str], Any], memo: Memo[Any, Any]
) -> None:
    texts = _texts()
    scratch = []
    for text in texts:
        memo.clear()
        scratch.append(_comparable(function(text)))
    memo.clear()
    assert [_comparable(function(text)) for text in texts] == scratch  # cold
    assert [_comparable(function(text)) for text in texts] == scratch  # warm
    assert [_comparable(function(text)) for text in reversed(texts)] == scratch[::-1]
    memo.clear()
    with _bound(memo, 7):
        assert [_comparable(function(text)) for text in texts] == scratch  # past the bound, again and again
        assert len(memo) <= 7
    assert len(memo) <= memo.most


def test_phonetic_keys_are_rigours_metaphone_codes() -> None:
    """``phonetic_key`` calls rigour's compiled ``metaphone`` directly where it can (past the
    public function's own cache): the codes are the public function's, word for word."""
    from rigour.text import metaphone

    words = [word for text in _texts() for word in text.casefold().split()]
    words += ["schwarzkopf", "knight", "xavier", "tchaikovsky", "wright", "ghislaine", "aaaa", "zzzz"]
    index._PHONETIC_KEYS.clear()
    coded = [(word, index.phonetic_key(word)) for word in words]
    assert coded == [(word, "" if len(word) < 4 or not word.isalpha() or len(code := metaphone(word)) < 3 else code) for word in words]
    assert sum(1 for _word, code in coded if code) > 300


def test_letters_only_is_isalpha() -> None:
    texts = _texts()
    words = [word for text in texts for word in text.split()]
    odd = ["", "a1", "é", "ß", "\u0660", "ǅ", "ⅷ", "一", "a b", "x\u0301", "\U0001d400"]
    assert [vocabulary.letters_only(t) for t in texts + words + odd] == [t.isalpha() for t in texts + words + odd]
    assert any(vocabulary.letters_only(w) for w in words) and not all(vocabulary.letters_only(w) for w in words)


def test_the_compiled_letters_only_is_isalpha_for_every_character() -> None:
    """``_letters.c`` answers as ``str.isalpha`` of every ASCII and Latin-1 character, alone and
    in words, and of random words over every width of string CPython stores (one, two and four
    bytes a character); it refuses what is not a str."""
    _letters = pytest.importorskip("entitylist.matching._letters")
    assert vocabulary._LETTERS_ONLY is _letters.letters_only  # (what matching calls, where compiled)
    characters = [chr(c) for c in range(256)] + ["\u0660", "\u01c5", "\u2167", "\u4e00", "\u0301", "\U0001d400", "\U0001f600"]
    for character in characters:
        for text in (character, "ab" + character, character + "ab", character * 3):
            assert _letters.letters_only(text) is text.isalpha(), repr(text)
    rng = random.Random(3)
    for _ in range(20_000):
        text = "".join(rng.choice(characters) for _ in range(rng.randint(0, 9)))
        assert _letters.letters_only(text) is text.isalpha(), repr(text)
    with pytest.raises(TypeError):
        _letters.letters_only(b"abc")