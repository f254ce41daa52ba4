"""Chinese names written in Russian read back into pinyin ("Си Цзиньпин": "Xi Jinping").

Russian writes Chinese syllables by the Palladius system (``vocab/palladius.yaml``), not by
romanising their sounds letter by letter: "Цзиньпин" transliterated is "Tszinpin", which meets
no "Jinping". A word of a name written in Cyrillic that reads wholly as Palladius syllables
("Синь|цзян", "Хуа|вэй") is read as pinyin, joined as romanised names write it ("xinjiang",
"huawei"); the other words are left as written ("Чжэцзян Дахуа Текнолоджи": "zhejiang dahua
technology"). A word of one syllable is read so only beside another word so read ("Си
Цзиньпин"), as few Russian words are wholly Palladius syllables but many short ones are one
("Ли", "Ван", "Да").
"""

from __future__ import annotations

import functools
import re
from typing import Any, Final

from entitylist.matching.normalize import RUSSIAN_WORD, NormalizedName, normalize_name
from entitylist.matching.vocabulary import pinyin_syllables
from entitylist.reference import load_package_yaml

_LONGEST: Final = 6  # letters of the longest Palladius syllable ("цзюань")


@functools.cache
def palladius_syllables() -> dict[str, str]:
    """Each Palladius spelling (and the press's variants of it) -> its pinyin syllable, for every
    pinyin syllable the system writes."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "palladius.yaml")
    initials: dict[str, str] = raw["initials"]
    finals: dict[str, str] = raw["finals"]
    after_jqx: dict[str, str] = raw["after_jqx"]
    after_zcs: dict[str, str] = raw["after_zcs"]
    whole: dict[str, str] = raw["whole"]
    spelt: dict[str, str] = {}
    longest_first = sorted(initials, key=len, reverse=True)  # ("zh" before "z")
    for syllable in sorted(pinyin_syllables()):
        cyrillic = whole.get(syllable)
        if cyrillic is None:
            initial = next((i for i in longest_first if syllable.startswith(i)), "")
            final = syllable[len(initial):]
            table = after_jqx if initial in ("j", "q", "x") and final in after_jqx else after_zcs if initial in ("z", "c", "s") and final in after_zcs else finals
            if not initial or final not in table:
                continue  # ("m", "ng", "biang": outside the system)
            cyrillic = initials[initial] + table[final]
        spelt.setdefault(cyrillic, syllable)
    for official, press in raw["variants"].items():
        for cyrillic, syllable in list(spelt.items()):
            if official in cyrillic:
                spelt.setdefault(cyrillic.replace(official, press), syllable)
    return spelt


def pinyin_of(word: str) -> list[str] | None:
    """A lower-case Cyrillic word's Palladius syllables as pinyin ("цзиньпин": ["jin", "ping"]),
    in the fewest syllables that spell it whole; None where it is no run of them."""
    table = palladius_syllables()
    word = word.replace("ё", "е")
    best: list[list[str] | None] = [[]] + [None] * len(word)  # (the fewest syllables spelling each prefix)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            before = best[start]
            syllable = table.get(word[start:end])
            if before is not None and syllable is not None:
                made = [*before, syllable]
                current = best[end]
                if current is None or len(made) < len(current):
                    best[end] = made
    return best[-1]


def palladius_form(normalized: NormalizedName, person: bool = False) -> NormalizedName | None:
    """A name written in Cyrillic with its Palladius words read as pinyin (see the module), or
    None where it has none."""
    if not normalized.cyrillic:
        return None
    read: list[list[str]] = []

    def as_pinyin(match: re.Match[str]) -> str:
        syllables = pinyin_of(match.group())
        if not syllables:
            return match.group()
        read.append(syllables)
        return "".join(syllables)

    # (the name as given, its other words and scripts as they are: "Abu Muhammad (Абу Мухаммад)")
    text = RUSSIAN_WORD.sub(as_pinyin, normalized.given.casefold())
    if not read or (len(read) == 1 and len(read[0]) < 2):
        return None  # (one word of one syllable: mostly a Russian word)
    form = normalize_name(text, person)
    return None if form.empty or form.tokens == normalized.tokens else form
