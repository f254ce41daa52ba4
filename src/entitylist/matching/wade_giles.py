"""Chinese names in Wade-Giles against the same names in pinyin.

Taiwan, older sources and many lists write Chinese names in Wade-Giles ("Chang Chun-hsiung",
"Mao Tse-tung", "Hsu Wei"), most others in pinyin ("Zhang Junxiong", "Mao Zedong", "Xu Wei").
Without the apostrophes of aspiration, which lists leave out, one Wade-Giles spelling writes
several pinyin syllables ("chang": zhang or chang), so a Wade-Giles word is read as every pinyin
word it may write, and a pinyin word is written in Wade-Giles (``vocab/wade_giles.yaml``).

Most pinyin syllables are spelt alike in both ("wang", "li", "ming"), so a name is taken for
Wade-Giles only when its words are syllables and one is not pinyin ("hsiung", "tung", "ching"): "Chang Wei" is
read as pinyin, and is not "Zhang Wei", another name.
"""

from __future__ import annotations

import itertools
from typing import Final, TypeAlias

from entitylist.matching.memo import Memo, Once
from entitylist.matching.vocabulary import letters_only, pinyin_syllables
from entitylist.reference import load_package_yaml

MOST_READINGS: Final = 32  # pinyin words one Wade-Giles word is read as, at most
_LONGEST: Final = 6  # letters of the longest syllable ("chuang", "hsiung")


Tables: TypeAlias = tuple[dict[str, tuple[str, ...]], dict[str, frozenset[str]]]


def _tables() -> Tables:
    """(pinyin syllable -> its Wade-Giles spellings, Wade-Giles spelling -> the pinyin syllables it
    writes), made once (a ``memo.Once``: every name's romanisation test asks for them)."""
    return _TABLES.get()


def _made_tables() -> Tables:
    """The tables, made from wade_giles.yaml's initials, finals and whole syllables."""
    raw = load_package_yaml("entitylist.vocab", "wade_giles.yaml")
    initials = {str(k): str(v) for k, v in raw["initials"].items()}
    finals = {str(k): str(v) for k, v in raw["finals"].items()}
    whole = {str(k): tuple(str(s) for s in v) for k, v in raw["syllables"].items()}
    spellings: dict[str, tuple[str, ...]] = {}
    for syllable in pinyin_syllables():
        if not any(vowel in syllable for vowel in "aeiouv"):
            continue  # interjections ("m", "ng", "hm"), never in a name
        if syllable in whole:
            spellings[syllable] = whole[syllable]
            continue
        initial = next((i for i in (syllable[:2], syllable[:1]) if i in initials and len(i) < len(syllable)), "")
        final = syllable[len(initial):]
        spellings[syllable] = (initials.get(initial, "") + finals.get(final, final),)
    readings: dict[str, set[str]] = {}
    for syllable, written in spellings.items():
        for spelling in written:
            readings.setdefault(spelling, set()).add(syllable)
    return spellings, {k: frozenset(v) for k, v in readings.items()}


_TABLES: Final = Once(_made_tables)  # the one pair of tables, made on first use


def _splits(word: str, known: dict[str, frozenset[str]] | dict[str, tuple[str, ...]]) -> list[list[str]]:
    """The ways to cut ``word`` into as few syllables of ``known`` as it can be (at most
    MOST_READINGS): "hsiao" is one syllable, not "hsia" + "o"."""
    ways: list[list[list[str]]] = [[] for _ in range(len(word) + 1)]
    ways[0].append([])
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            if ways[start] and word[start:end] in known:
                ways[end].extend(way + [word[start:end]] for way in ways[start][:MOST_READINGS])
        if ways[end]:
            fewest = min(len(way) for way in ways[end])
            ways[end] = [way for way in ways[end] if len(way) == fewest]
    return ways[len(word)][:MOST_READINGS]


WORDS_KEPT: Final = 100_000  # words whose readings each memo below keeps
_AS_PINYIN: Final[Memo[str, frozenset[str]]] = Memo(WORDS_KEPT)
_AS_WADE_GILES: Final[Memo[str, str]] = Memo(WORDS_KEPT)
_IS_WADE_GILES: Final[Memo[str, bool]] = Memo(WORDS_KEPT)
_PINYIN_WORDS: Final[Memo[str, bool]] = Memo(WORDS_KEPT)


def as_pinyin(word: str) -> frozenset[str]:
    """The pinyin words a Wade-Giles word may write ("chunhsiung": junxiong, zhunxiong, ...)."""
    known = _AS_PINYIN.get(word)
    if known is not None:
        return known
    _spellings, readings = _tables()
    out: set[str] = set()
    for way in _splits(word, readings):
        for syllables in itertools.islice(itertools.product(*(sorted(readings[s]) for s in way)), MOST_READINGS):
            out.add("".join(syllables))
    return _AS_PINYIN.keep(word, frozenset(out))


def as_wade_giles(word: str) -> str:
    """A pinyin word in Wade-Giles, syllable by syllable ("junxiong" -> "chunhsiung"), or "" for
    a word that is not pinyin; of several ways to cut it, the one of fewest syllables."""
    known = _AS_WADE_GILES.get(word)
    if known is not None:
        return known
    spellings, _readings = _tables()
    ways = _splits(word, spellings)
    return _AS_WADE_GILES.keep(word, "".join(spellings[s][0] for s in ways[0]) if ways else "")


def is_wade_giles(word: str) -> bool:
    """Whether a word is Wade-Giles that pinyin does not write so: cut into Wade-Giles syllables,
    one of them is no pinyin syllable ("hsiung", "tung", "chiang"; not "chang", "wei")."""
    known = _IS_WADE_GILES.get(word)
    if known is not None:
        return known
    spellings, readings = _tables()
    return _IS_WADE_GILES.keep(word, any(any(s not in spellings for s in way) for way in _splits(word, readings)))


def _pinyin_word(word: str) -> bool:
    """A word of one or two pinyin syllables, as names write them ("Wang", "Xiaoping"); longer
    words that pinyin could spell are mostly other languages' ("Tanaka", "Maria")."""
    known = _PINYIN_WORDS.get(word)
    if known is not None:
        return known
    spellings = _tables()[0]
    if word in spellings:
        return True
    cuts = range(1, min(len(word), _LONGEST + 1))
    return _PINYIN_WORDS.keep(word, any(word[:cut] in spellings and word[cut:] in spellings for cut in cuts))


def romanised_chinese(tokens: tuple[str, ...]) -> str:
    """How a name's words romanise Chinese: "wade-giles" when every word is one Wade-Giles
    syllable (as Wade-Giles writes names: "Chang Chun-hsiung") and one of them is no pinyin
    syllable, "pinyin" when every word is one or two pinyin syllables, else "" (not a romanised
    Chinese name)."""
    if not tokens:
        return ""
    spellings, readings = _tables()
    # (one walk over the words, which ends at the first that is neither: most names' first word)
    all_readings, no_pinyin_spelling, all_pinyin = True, False, True
    for token in tokens:
        if not letters_only(token):
            return ""
        if all_readings:
            if token in readings:
                no_pinyin_spelling = no_pinyin_spelling or token not in spellings
            else:
                all_readings = False
        if all_pinyin and not _pinyin_word(token):
            all_pinyin = False
        if not all_readings and not all_pinyin:
            return ""
    if all_readings and no_pinyin_spelling:
        return "wade-giles"
    return "pinyin" if all_pinyin else ""
