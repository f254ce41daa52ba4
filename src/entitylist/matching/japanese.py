"""Names written in Japanese read as Latin lists write them ("山田太郎": "Yamada Taro").

A name in kanji is compared with Latin names as its characters read in Mandarin ("shan tian tai
lang", as every name in Han characters is) and, where it may be Japanese, also as they read in
Japanese. The Japanese reading is cutlet's romanisation (Hepburn), whose readings come from
UniDic's dictionary through MeCab (fugashi): kanji have several readings each, and only a
dictionary of words and names tells which one a name uses ("山田" is "Yamada", not "San'den").

Its long vowels are written as passports and most lists write them: "Tarou" is "Taro", "Shoukou"
"Shoko", "Oono" "Ono", "Jouyuu" "Joyu"; a vowel after them starts a syllable of its own ("Inoue"
keeps its "ou").

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
from typing import TYPE_CHECKING, Final

from entitylist.matching.normalize import NormalizedName, read_as

if TYPE_CHECKING:
    from cutlet import Cutlet

_KANA: Final = re.compile(r"[\u3040-\u30ff]")
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
