"""Korean names written in Russian read back into Hangul ("Ким Чен Ын": 김정은, Kim Jong Un).

Russian writes a Korean syllable by the Kontsevich system or by the older spellings the press
still uses (``vocab/kontsevich.yaml``), not by romanising it: "Ким Чен Ын" transliterated is
"Kim Chen Yn", which meets no "Kim Jong Un". A name written in Cyrillic that reads wholly as
Korean syllables, a family name first or last ("Ким", "Пак", "Ли", "Цой") and one to three
syllables of a given name, a word per syllable ("Мун Чжэ Ин", "Мун Чжэ-ин") or in one word ("Мун Чжэин", "Ким
Чжонын"), and no Russian, Central Asian or English given name ("Кан Лена", "Джон Ким"), is read
back into
Hangul, and the Hangul is then compared as any name written in Hangul is (``korean.py``,
``hangul.yaml``), with the romanisations' differences levelled. A Korean person's name is
Sino-Korean: each syllable is taken as one of the readings of Han characters
(``hanja_readings.yaml``), which leaves a few Hangul syllables for each spelling. Where several
remain that the romanisations write apart ("Чен": 정, jong, or 전, jon, final "н" writing both ㅇ
and ㄴ), each is tried, up to ``MOST_FORMS`` readings of one name.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any, Final

from entitylist.matching.korean import is_family_name
from entitylist.matching.normalize import LETTER_RUN, RUSSIAN_WORD, NormalizedName, has_eo, korean_key, normalize_name
from entitylist.matching.palladius import pinyin_of
from entitylist.matching.vocabulary import read_hangul, sino_korean_syllables
from entitylist.matching.western_in_russian import western_names
from entitylist.reference import load_package_yaml

MOST_FORMS: Final = 8  # readings of one name in Hangul, at most
LEAST_SYLLABLES: Final = 2  # of a Korean person's name: a family name and a given name
MOST_SYLLABLES: Final = 4
WORD_MOST_SYLLABLES: Final = 2  # of a word of a given name: written a word per syllable, or two as one
FAMILY_MOST_LETTERS: Final = 4  # of a Korean family name in Cyrillic ("Чхве"): a longer word is none
_INITIALS: Final = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"  # (in Unicode's order of syllable blocks)
_MEDIALS: Final = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS: Final = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")


@functools.cache
def syllable_spellings() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], int, frozenset[str]]:
    """Each Cyrillic spelling of a syllable -> the Sino-Korean syllables in Hangul it may write,
    one for each reading the romanisations write apart (``_distinct``); the family names spelt
    otherwise (``family_names``); the longest spelling's letters; and the Russian and Central
    Asian given names no Korean given name is read from (``russian_given_names``)."""
    raw: dict[str, Any] = load_package_yaml("entitylist.vocab", "kontsevich.yaml")
    sino = sino_korean_syllables()
    closed: dict[str, list[str]] = raw["closed_vowels"]
    bare: dict[str, list[str]] = raw["bare_vowels"]
    spelt: dict[str, list[str]] = {}
    for initial, initial_letters in raw["initials"].items():
        for vowel, vowel_letters in raw["vowels"].items():
            for final, final_letters in raw["finals"].items():
                found = spelt.setdefault(f"{initial}{vowel}{final}", [])
                medials = [
                    *vowel_letters, *(closed.get(vowel, ()) if final else ()), *(bare.get(vowel, ()) if not (initial or final) else ()),
                ]
                for i, m, f in itertools.product(initial_letters, medials, final_letters):
                    block = chr(0xAC00 + (_INITIALS.index(i) * 21 + _MEDIALS.index(m)) * 28 + _FINALS.index(f))
                    if block in sino and block not in found:
                        found.append(block)
    table = {spelling: _distinct(blocks) for spelling, blocks in spelt.items() if blocks}
    family = {str(spelling): tuple(str(b) for b in blocks) for spelling, blocks in raw["family_names"].items()}
    russian = frozenset(str(name) for name in raw["russian_given_names"])
    return table, family, max(len(spelling) for spelling in table), russian


def _distinct(blocks: list[str]) -> tuple[str, ...]:
    """One syllable for each reading the romanisations write apart (``korean_key``: 전 and 천 are
    both "jon"), the one whose vowel is eo where there is one (it meets the "u" South Korean
    names also write for it: see ``korean_key``)."""
    chosen: dict[str, str] = {}
    for block in blocks:
        key = korean_key(read_hangul(block))
        if key not in chosen or (has_eo(block) and not has_eo(chosen[key])):
            chosen[key] = block
    return tuple(chosen.values())


def syllable_runs(word: str, most: int = WORD_MOST_SYLLABLES) -> list[list[tuple[str, ...]]]:
    """A lower-case Cyrillic word's readings as at most ``most`` Korean syllables: each way of
    cutting it into spellings of syllables (``vocab/kontsevich.yaml``), as the Hangul each may
    write ("чжонын": [[(정, 전), (은, 응)]]); none where it is no run of them."""
    table, _family, longest, _russian = syllable_spellings()
    if len(word) > most * longest:
        return []  # (longer than any run of ``most`` syllables: asked before cutting it)
    none: list[tuple[str, ...]] = []
    runs: list[list[list[tuple[str, ...]]]] = [[none], *([] for _ in word)]  # (the readings of each prefix)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):
            blocks = table.get(word[start:end])
            if blocks is not None:
                runs[end].extend([*before, blocks] for before in runs[start] if len(before) < most)
    return runs[-1]


def _family_name(word: str) -> tuple[str, ...]:
    """The family names in Hangul a Cyrillic word of one syllable may write ("ким": 김)."""
    table, family, _longest, _russian = syllable_spellings()
    if word in family:
        return family[word]
    return tuple(block for block in table.get(word, ()) if is_family_name(block))


def hangul_readings(text: str) -> list[str]:
    """A name written in Cyrillic as the Korean person's names in Hangul it may write, family name
    first (see the module): at most ``MOST_FORMS``; none where it is no such name."""
    words = LETTER_RUN.findall(text.casefold())
    if not 2 <= len(words) <= MOST_SYLLABLES:
        return []
    russian = syllable_spellings()[3]
    western = western_names()
    if any(word in russian or any(word in names for names, _pattern, _letters in western) for word in words):
        # a Russian or Central Asian given name ("Ким Анна", "Кан Лена", "Хван Семён": Koreans of
        # the former Soviet Union), or an English or Spanish one ("Джон Ким"), whose words may
        # cut into Korean syllables too
        return []
    # the family name first, or last; asked first (most Russian names have none, "Иван Петров");
    # first only in a name every word of which is Palladius syllables, which may be a Chinese
    # one, its family name first too ("Су Ли" is Su Li, no 이수; "Кан Мин" may be 강민, Kang Min)
    chinese = all("ё" not in word and pinyin_of(word) for word in words)
    orders = ((0, words[1:]),) if chinese else ((0, words[1:]), (len(words) - 1, words[:-1]))
    for family_at, given in orders:
        family = _family_name(words[family_at]) if len(words[family_at]) <= FAMILY_MOST_LETTERS else ()
        if not family or any(RUSSIAN_WORD.fullmatch(word) is None for word in given):
            continue
        readings: list[list[tuple[str, ...]]] = [[family]]
        for word in given:
            runs = syllable_runs(word)
            readings = [[*before, *run] for before in readings for run in runs if len(before) + len(run) <= MOST_SYLLABLES]
            if not readings:
                break
        else:
            found: list[str] = []
            for syllables in readings:
                if not LEAST_SYLLABLES <= len(syllables) <= MOST_SYLLABLES:
                    continue
                for blocks in itertools.product(*syllables):
                    name = "".join(blocks)
                    if name not in found:
                        found.append(name)
                    if len(found) >= MOST_FORMS:
                        return found
            if found:
                return found
    return []


def kontsevich_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A Korean person's name written in Cyrillic as its readings in Hangul (see the module),
    each compared as a name written in Hangul is; none for other names."""
    if not normalized.cyrillic:
        return []
    forms: list[NormalizedName] = []
    for hangul in hangul_readings(normalized.given):
        form = normalize_name(hangul, person)
        if not form.empty and form.tokens != normalized.tokens and all(form.tokens != other.tokens for other in forms):
            forms.append(form)
    return forms
