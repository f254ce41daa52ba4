"""Greek names read as they are romanised, letter pairs together ("Ντόναλντ Τραμπ": "Donald
Tramp", "Πούτιν": "Poutin").

A letter-by-letter transliteration writes each Greek letter apart: "μπ" as "mp", "ντ" as "nt",
"ου" as "oy", "ευ" as "ey". Greek writes "b", "d" and "g" with those pairs, above all in foreign
names ("Οσάμα μπιν Λάντεν" is Osama bin Laden, read "Osama mpin Lanten"), and romanised Greek
names write "ou", "ev", "af" (``vocab/greek.yaml``). A Greek word is read here pair by pair; its
other letters are left to the transliteration that follows. Accents are dropped (a diaeresis
keeps its vowel apart: "Ευρωπαϊκή").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Final

from entitylist.reference import load_package_yaml

# a Greek word: a Greek letter, then Greek letters and combining accents (a decomposed Latin
# letter's accent alone is no Greek word)
GREEK_WORD: Final = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff][\u0370-\u03ff\u1f00-\u1fff\u0300-\u036f]*")
_DIAERESIS: Final = "\u0308"
_MARKS: Final = re.compile(r"[\u0300-\u036f]")


@functools.cache
def greek_pairs() -> tuple[dict[str, dict[str, str]], dict[str, str], frozenset[str]]:
    """(pair -> its reading at a word's start, inside it and at its end; vowel before "υ" -> its
    Latin vowel; the voiceless consonants) of ``vocab/greek.yaml``."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "greek.yaml")
    pairs = {str(pair): {str(k): str(v) for k, v in where.items()} for pair, where in raw["pairs"].items()}
    return pairs, {str(k): str(v) for k, v in raw["upsilon_after"].items()}, frozenset(str(raw["voiceless"]))


def read_greek_word(word: str) -> str:
    """A Greek word with its letter pairs read as romanised names write them, lower case, its
    other letters as they are."""
    pairs, upsilon_after, voiceless = greek_pairs()
    decomposed = unicodedata.normalize("NFD", word.lower())
    letters: list[str] = []
    apart: set[int] = set()  # letters written with a diaeresis: never the second of a pair
    for character in decomposed:
        if character == _DIAERESIS and letters:
            apart.add(len(letters) - 1)
        elif not _MARKS.match(character):
            letters.append(character)
    out: list[str] = []
    at, size = 0, len(letters)
    while at < size:
        letter = letters[at]
        following = letters[at + 1] if at + 1 < size else ""
        if following and at + 1 not in apart:
            where = "start" if at == 0 else "end" if at + 2 == size else "inside"
            reading = pairs.get(letter + following)
            if reading is not None:
                out.append(reading[where])
                at += 2
                continue
            vowel = upsilon_after.get(letter)
            if vowel is not None and following == "υ":
                after = letters[at + 2] if at + 2 < size else ""
                out.append(vowel + ("f" if not after or after in voiceless else "v"))
                at += 2
                continue
        out.append(letter)
        at += 1
    return "".join(out)


def read_greek(text: str) -> str:
    """Each Greek word of a text read by ``read_greek_word``."""
    return GREEK_WORD.sub(lambda match: read_greek_word(match.group()), text)
