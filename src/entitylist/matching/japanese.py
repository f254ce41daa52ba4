"""Names written in Japanese read as Latin lists write them ("山田太郎": "Yamada Taro").

A name in kanji is compared with Latin names as its characters read in Mandarin ("shan tian tai
lang", as every name in Han characters is) and, where it may be Japanese, also as they read in
Japanese. The Japanese reading is cutlet's romanisation (Hepburn), whose readings come from
UniDic's dictionary through MeCab (fugashi): kanji have several readings each, and only a
dictionary of words and names tells which one a name uses ("山田" is "Yamada", not "San'den").

Its long vowels are written as passports and most lists write them: "Tarou" is "Taro", "Shoukou"
"Shoko", "Oono" "Ono", "Jouyuu" "Joyu"; a vowel after them starts a syllable of its own ("Inoue"
keeps its "ou").

A foreign name written in katakana ("ウラジーミル・プーチン", "ドナルド・トランプ") is also read as a
loanword (``loanword_reading``): each word as the foreign spelling UniDic gives it, where the
dictionary knows the word whole ("Vladimir", "Donald", "trump"), else in Hepburn without the
vowels Japanese puts after a foreign consonant ("Rukashenko"; "toranpu" read "tramp", "sensutaimu"
"senstaim"). A dictionary that cuts a word into parts spells each part in English ("Sense time",
"Loss technical"): that is a translation of the sounds, not the name, and is never taken.

A name may be Japanese when it holds kana, or when it is a short run of Han characters, as a
person's name is (two to five characters): a longer one is mostly a Chinese organisation's name,
which the dictionary reads badly. A name the dictionary cannot read in full (characters only
Chinese writes, "习近平") is not read. The dictionary is loaded when a name first asks (0.05 s),
never by names written in other scripts.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Final

from entitylist.matching.normalize import NormalizedName, read_as

if TYPE_CHECKING:
    from cutlet import Cutlet

_KANA: Final = re.compile(r"[\u3040-\u30ff]")
# a name written wholly in katakana, its words apart by spaces or the middle dots and equals signs
# that Japanese writes between a foreign name's words ("ドナルド・トランプ", "ウサマ＝ビンラディン")
_KATAKANA_NAME: Final = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\s\uff1d=\u30fb\uff65]+")
_KATAKANA_WORD_SEPARATORS: Final = re.compile(r"[\s\uff1d=\u30fb\uff65]+")
_CONSONANT: Final = "bcdfghjklmnpqrstvxz"
# the vowel Japanese puts after a foreign consonant that has none: "u" (after "t" and "d", "o")
# before another consonant or at a word's end ("kasuperusuki": "kasperski", "donarudo": "donard")
# ("kasuperusuki": "kasperski", "donarudo": "donard"); in a word's first syllable only before an
# "r" ("toranpu": "tramp", "purigojin": "prigojin") or after an "s" ("sutarin": "starin"), where a
# foreign word begins with two consonants: "ルカシェンコ", "rukashenko", keeps its "u"
_EPENTHETIC: Final = re.compile(
    rf"(?<=[a-z][{_CONSONANT}])u(?=[{_CONSONANT}]|$)|(?<=[a-z][td])o(?=[{_CONSONANT}]|$)"
    rf"|(?<=^[{_CONSONANT}])[uo](?=r)|(?<=^s)u(?=[{_CONSONANT}])"
)
_CONSONANT_TWICE: Final = re.compile(rf"([{_CONSONANT}])\1")  # the small tsu's doubling: "rosutekku" is "Rostec"
_VOWEL_TWICE: Final = re.compile(r"([aeiou])\1")  # a long vowel in a loanword: "ー" after it ("ou" of "ボウト", Bout, is two)
_FOREIGN_WORD: Final = re.compile(r"[a-z]+(?:-[a-z]+)*")  # a foreign spelling of one word, hyphens aside
_N_BEFORE_LABIAL: Final = re.compile(r"n(?=[bmp])")  # "ン" before b, m, p: "toranpu" is "tramp"
_HANGUL: Final = re.compile(r"[\uac00-\ud7af]")
HAN_NAME_MOST: Final = 5  # characters of a name in kanji alone read as Japanese, at most
HAN_NAME_LEAST: Final = 2
# a long vowel, written twice or as "ou", before anything but a vowel: written once
_LONG_VOWEL: Final = re.compile(r"(?:(?<=o)u|(?<=u)u|(?<=o)o)(?![aeiou])")
_LOCK = threading.Lock()  # (one MeCab tagger: the server screens in several threads)


@functools.cache
def _romaniser() -> Cutlet:
    from cutlet import Cutlet

    return Cutlet(use_foreign_spelling=False)  # ("カツ" read as "katsu", not "cutlet")


def _afresh_in_child() -> None:
    """A forked process (a batch's worker, forked by a server that screens in threads) gets its own
    lock and tagger: another thread of the parent may have held the lock, mid-reading, at the fork,
    and no thread of the child would ever release it."""
    global _LOCK
    _LOCK = threading.Lock()
    _romaniser.cache_clear()


os.register_at_fork(after_in_child=_afresh_in_child)


def may_be_japanese(original: str) -> bool:
    """Whether a name's characters (``NormalizedName.original``) may be a Japanese name: kana, or
    a short run of Han characters, and no Korean syllables."""
    if not original or _HANGUL.search(original) is not None:
        return False
    return _KANA.search(original) is not None or HAN_NAME_LEAST <= len(original) <= HAN_NAME_MOST


@functools.lru_cache(maxsize=4096)
def japanese_reading(original: str) -> str | None:
    """The characters read in Japanese, in lower case, long vowels written once ("山田太郎":
    "yamada taro"); None where they may not be a Japanese name or the dictionary cannot read them
    all."""
    if not may_be_japanese(original):
        return None
    with _LOCK:
        romaji = _romaniser().romaji(original)
    if "?" in romaji or not romaji.strip():
        return None
    return _LONG_VOWEL.sub("", romaji.casefold().replace("'", ""))


def japanese_form(normalized: NormalizedName, person: bool = False) -> NormalizedName | None:
    """A name in Japanese characters as its Japanese reading, to compare with Latin names, or None
    (see ``japanese_reading``). A romanisation, as pinyin is, not a translation: against its
    Latin spelling it is the same name. It keeps the characters, so that against another name in
    characters the characters still decide."""
    reading = japanese_reading(normalized.original) if normalized.original else None
    return None if reading is None else read_as(normalized, reading, person)


@functools.lru_cache(maxsize=4096)
def loanword_reading(original: str) -> str | None:
    """A name written wholly in katakana read as the foreign name it writes (see the module's
    docstring): "ウラジーミル・プーチン": "vladimir puchin", "カスペルスキー": "kasperski"; None for any
    other name, or where a word reads as nothing."""
    original = unicodedata.normalize("NFC", original) if original else original  # (a voicing mark written apart: "ト\u3099")
    if not original or _KATAKANA_NAME.fullmatch(original) is None or _KANA.search(original) is None:
        return None
    words: list[str] = []
    for word in _KATAKANA_WORD_SEPARATORS.split(original.strip()):
        if not word:
            continue
        with _LOCK:  # (one reader, its dictionary 27 MB, asked for the foreign spelling a moment)
            romaniser = _romaniser()
            romaniser.use_foreign_spelling = True
            try:
                foreign = romaniser.romaji(word)
            finally:
                romaniser.use_foreign_spelling = False
            hepburn = romaniser.romaji(word)
        if "?" in hepburn or not hepburn.strip():
            return None
        foreign = foreign.casefold()
        if _FOREIGN_WORD.fullmatch(foreign) is not None and foreign != hepburn.casefold():
            words.append(foreign)  # (a word the dictionary spells whole, "al-qaida" too; not "sense time")
        else:
            # (the vowels put after consonants first: a long vowel, "ー", is a vowel written twice
            # then, "puuchin", whose first is no such vowel; then written once, as is any vowel twice)
            sounds = _EPENTHETIC.sub("", hepburn.casefold().replace("'", "").replace(" ", ""))
            words.append(_CONSONANT_TWICE.sub(r"\1", _N_BEFORE_LABIAL.sub("m", _VOWEL_TWICE.sub(r"\1", sounds))))
    read = " ".join(word for word in words if any(letter.isalpha() for letter in word))
    return read or None  # (none for a name of marks alone: "ー")


def loanword_readings(original: str) -> tuple[str, ...]:
    """``loanword_reading``, and where it holds a "chi" the same with "ti": katakana writes a
    foreign "ti" and a final "t" with the "chi" it writes a "ch" with ("プーチン", Putin, and
    "ロスネフチ", Rosneft, as "アブラモビッチ", Abramovich); none where it reads nothing."""
    reading = loanword_reading(original)
    if reading is None:
        return ()
    return (reading, reading.replace("chi", "ti")) if "chi" in reading else (reading,)


def loanword_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A name written in katakana as the foreign name it writes (``loanword_readings``)."""
    readings = loanword_readings(normalized.original) if normalized.original else ()
    return [form for form in (read_as(normalized, reading, person) for reading in readings) if form is not None]
