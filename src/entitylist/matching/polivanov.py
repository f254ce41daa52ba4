"""Japanese names written in Russian read back into Hepburn ("Синдзо Абэ": "Shinzo Abe").

Russian writes Japanese by the Polivanov system (``vocab/polivanov.yaml``), a Cyrillic spelling
for each kana syllable, not by romanising the sounds: "Синдзо" transliterated is "Sindzo",
"Хиросима" "Khirosima", "Сёко Асахара" "Seko Asakhara", which meet no "Shinzo", "Hiroshima" or
"Shoko Asahara". A name written in Cyrillic whose every word reads wholly as Polivanov syllables
is read as the Hepburn spelling the lists write, each word's syllables joined ("Дзюнъитиро
Коидзуми": "junichiro koizumi"); a name of one word is read so when it has three syllables or
more ("Тосиба", "Мицубиси"), a name of several words when it has four or more ("Абэ Синдзо";
not "Де Катя", a Russian given name's "тя" read "cha"), as a Japanese name has. Russian names
rarely read so (most end in a consonant other than "н"), and the reading is one more form a name
is compared as: where it is no Japanese name, it meets nothing the name itself does not.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from entitylist.matching.normalize import LETTER_RUN, RUSSIAN_WORD, NormalizedName, normalize_name
from entitylist.reference import load_package_yaml

ONE_WORD_LEAST: Final = 3  # syllables of a name of one word read so, at least
NAME_LEAST: Final = 4  # and of a name of several words ("Абэ Синдзо", 5; not "Де Катя", Katya's 3)
_NO_START: Final = frozenset(["н", "нъ", "й"])  # (no Japanese word begins with them)
# what no run of Polivanov syllables holds: a letter it never writes, "в" but in "ва", "ф" but in
# "фу", "з" but after "д", or another consonant before no vowel (but for "н", "й" and a consonant
# written twice): told by one search, before a word is cut into syllables (most Russian names fail
# at once: "Иван Петров", its "тр" and final "в")
_IMPOSSIBLE: Final = re.compile(r"[лжщыьшч]|в(?!а)|ф(?!у)|(?<!д)з|д(?![аеиоуэюяз])|([бгкмпрстхц])(?![аеёиоуэюя]|\1)")


@functools.cache
def polivanov_syllables() -> tuple[dict[str, str], int]:
    """Each Polivanov spelling of a syllable (with the press's variants, and with its consonant
    written twice, a double consonant) -> its Hepburn; and the longest spelling's letters."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "polivanov.yaml")
    table = {str(cyrillic): str(hepburn) for cyrillic, hepburn in raw["syllables"].items()}
    for official, press in raw["variants"].items():
        for cyrillic, hepburn in list(table.items()):
            if official in cyrillic:
                table.setdefault(cyrillic.replace(official, press), hepburn)
    for letter in raw["doubled"]:
        for cyrillic, hepburn in list(table.items()):
            if cyrillic.startswith(letter) and len(cyrillic) > 1:
                # (っ before ち is "tch", before し "ssh": the first Latin letter of the syllable's sound)
                table[letter + cyrillic] = ("t" if hepburn.startswith("ch") else hepburn[0]) + hepburn
    return table, max(len(cyrillic) for cyrillic in table)


def hepburn_of(word: str) -> list[str] | None:
    """A lower-case Cyrillic word's Polivanov syllables in Hepburn ("синдзо": ["shi", "n", "zo"]),
    in the fewest syllables that spell it whole; None where it is no run of them."""
    table, longest = polivanov_syllables()
    best: list[list[str] | None] = [[]] + [None] * len(word)  # (the fewest syllables spelling each prefix)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):
            before = best[start]
            if before is None:
                continue
            spelling = word[start:end]
            syllable = table.get(spelling)
            if syllable is None or (start == 0 and spelling in _NO_START):
                continue
            current = best[end]
            if current is None or len(before) + 1 < len(current):
                best[end] = [*before, syllable]
    return best[-1]


def polivanov_form(normalized: NormalizedName, person: bool = False) -> NormalizedName | None:
    """A name written in Cyrillic as the Japanese name in Hepburn it writes (see the module), or
    None where it is no such name."""
    if not normalized.cyrillic:
        return None
    text = normalized.given.casefold()
    if _IMPOSSIBLE.search(text) is not None:
        return None
    words = LETTER_RUN.findall(text)
    read: list[str] = []
    syllables = 0
    for word in words:
        if RUSSIAN_WORD.fullmatch(word) is None:
            return None
        hepburn = hepburn_of(word)
        if hepburn is None:
            return None
        read.append("".join(hepburn))
        syllables += len(hepburn)
    if not read or syllables < (ONE_WORD_LEAST if len(read) == 1 else NAME_LEAST):
        return None
    form = normalize_name(" ".join(read), person)
    if form.empty or form.tokens == normalized.tokens or len(form.tokens) < len(read):
        return None  # (nor one that loses a word, read as an English stopword: "Пай Ин", "pai in")
    return form
