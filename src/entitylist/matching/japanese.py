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

A person's name in kanji reads several ways, and the dictionary's best reading of the whole
string is not always the name's: "岸田文雄" is read "Kishida Bunyu" as words, "Kishida Fumio" as a
name, "菅義偉" "Kan Yoshihide" and "Suga Yoshihide". A name of three characters or more that one
of the dictionary's best cuttings reads as a family name and a given name of its people's names is
also read so (``name_readings``), each such reading another form it is screened as.

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
_L_AND_V: Final = str.maketrans("rb", "lv")  # katakana's "r" and "b" as a foreign "l" and "v"
_FINAL_F: Final = re.compile(r"f$")  # ... and its final "フ" as a final "v", as Russian names end ("ラブロフ", Lavrov)
_HANGUL: Final = re.compile(r"[\uac00-\ud7af]")
HAN_NAME_MOST: Final = 5  # characters of a name in kanji alone read as Japanese, at most
HAN_NAME_LEAST: Final = 2
# a long vowel, written twice or as "ou", before anything but a vowel: written once
_LONG_VOWEL: Final = re.compile(r"(?:(?<=o)u|(?<=u)u|(?<=o)o)(?![aeiou])")
_LOCK = threading.Lock()  # (one MeCab tagger: the server screens in several threads)
NAME_CUTTINGS: Final = 6  # the dictionary's best cuttings of a name in kanji asked for its people's names
NAME_LEAST: Final = 3  # characters of a name in kanji read so, at least
NAME_READINGS_MOST: Final = 3  # readings of a name in kanji as a person's, at most
# UniDic's parts of speech of a family name, then a given name: a Japanese person's name
_FAMILY_THEN_GIVEN: Final = [("固有名詞", "人名", "姓"), ("固有名詞", "人名", "名")]
_KATAKANA_TO_HIRAGANA: Final = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


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


@functools.lru_cache(maxsize=4096)
def name_readings(original: str) -> tuple[str, ...]:
    """A name in kanji read as a person's name (see the module's docstring): each of the
    dictionary's best cuttings into a family name and a given name of its people's names, read word by word in
    Hepburn as ``japanese_reading`` writes it ("菅義偉": "kan yoshihide", "suga yoshihide"); none for
    a name with kana or of another length than a person's in kanji."""
    if _KANA.search(original) is not None or len(original) < NAME_LEAST or not may_be_japanese(original):
        return ()  # (a name of two characters is as often Chinese: "王毅" is no "Takeshi O")
    readings: list[str] = []
    with _LOCK:
        cutlet = _romaniser()
        for words in cutlet.tagger.nbestToNodeList(original, NAME_CUTTINGS):
            features = [word.feature for word in words]
            if [(feature.pos2, feature.pos3, feature.pos4) for feature in features] != _FAMILY_THEN_GIVEN or not all(
                feature.kana for feature in features
            ):
                continue  # (another cutting: "伊藤博文" as "ito hiroshi fumi")
            romaji = " ".join(cutlet.map_kana(str(feature.kana).translate(_KATAKANA_TO_HIRAGANA)) for feature in features)
            reading = _LONG_VOWEL.sub("", romaji.casefold().replace("'", ""))
            if reading not in readings:
                readings.append(reading)
                if len(readings) >= NAME_READINGS_MOST:
                    break
    return tuple(readings)


def name_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A name in kanji as each of its ``name_readings``, but one that is its ``japanese_reading``."""
    if not normalized.original:
        return []
    first = japanese_reading(normalized.original)
    forms: list[NormalizedName] = []
    for reading in name_readings(normalized.original):
        form = read_as(normalized, reading, person) if reading != first else None
        if form is not None:
            forms.append(form)
    return forms


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
    return " ".join(word for word, _spelt in _loanword_words(original)) or None  # (none for a name of marks alone: "ー")


@functools.lru_cache(maxsize=4096)
def _loanword_words(original: str) -> tuple[tuple[str, bool], ...]:
    """The words of ``loanword_reading``, each with whether the dictionary spelt it (or none): a
    word of marks alone ("ー") is none."""
    original = unicodedata.normalize("NFC", original) if original else original  # (a voicing mark written apart: "ト\u3099")
    if not original or _KATAKANA_NAME.fullmatch(original) is None or _KANA.search(original) is None:
        return ()
    words: list[tuple[str, bool]] = []
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
            return ()
        foreign = foreign.casefold()
        if _FOREIGN_WORD.fullmatch(foreign) is not None and foreign != hepburn.casefold():
            words.append((foreign, True))  # (a word the dictionary spells whole, "al-qaida" too; not "sense time")
        else:
            # (the vowels put after consonants first: a long vowel, "ー", is a vowel written twice
            # then, "puuchin", whose first is no such vowel; then written once, as is any vowel twice)
            sounds = _EPENTHETIC.sub("", hepburn.casefold().replace("'", "").replace(" ", ""))
            words.append((_CONSONANT_TWICE.sub(r"\1", _N_BEFORE_LABIAL.sub("m", _VOWEL_TWICE.sub(r"\1", sounds))), False))
    return tuple(word for word in words if any(letter.isalpha() for letter in word[0]))


def loanword_readings(original: str) -> tuple[str, ...]:
    """``loanword_reading``; where it holds a "chi" the same with "ti": katakana writes a foreign
    "ti" and a final "t" with the "chi" it writes a "ch" with ("プーチン", Putin, and "ロスネフチ",
    Rosneft, as "アブラモビッチ", Abramovich); and where a word the dictionary did not spell holds
    an "r" or a "b", the same with those words' "r" an "l", "b" a "v" and a final "f" a "v", which
    katakana writes with the same letters ("セルゲイ・ラブロフ": "sergey lavlov", Lavrov; "アリ":
    "ali"). None where it reads nothing."""
    reading = loanword_reading(original)
    if reading is None:
        return ()
    readings = [reading]
    if "chi" in reading:
        readings.append(reading.replace("chi", "ti"))
    words = _loanword_words(original)
    if any(not spelt and ("r" in word or "b" in word) for word, spelt in words):
        readings.append(" ".join(word if spelt else _FINAL_F.sub("v", word.translate(_L_AND_V)) for word, spelt in words))
    return tuple(readings)


def loanword_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A name written in katakana as the foreign name it writes (``loanword_readings``)."""
    readings = loanword_readings(normalized.original) if normalized.original else ()
    return [form for form in (read_as(normalized, reading, person) for reading in readings) if form is not None]
