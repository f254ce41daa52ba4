"""Korean names written in Chinese characters read as Korean ("金正恩": 김정은, "Kim Jong Un").

A name in Han characters is compared with Latin names as its characters read in Mandarin ("jin
zheng en", as every name in Han characters is), and a Korean name written so (Hanja, as South
Korean papers and older North Korean texts write people's names) is not its Mandarin reading.
Where such a name may be Korean it is also read in Korean: each character by its readings in
Unicode's Unihan database (``vocab/hanja_readings.yaml``), the first character by the first of its
readings that is a Korean family name ("金" is 김, the family name, not 금, gold), the others by
the reading taught in school ("北" is 북, not 배); the Hangul that makes is read as names written in
Hangul are (``hangul.yaml``: "김정은" -> "kim jong un").

A name may be Korean when it is a run of two to four Han characters, as a Korean person's name
is (a family name of one character and a given name of one or two), with no legal form, whose
first character reads as a Korean family name ("金", "李", "朴", "崔"; ``korean_family_readings``,
from ``person_names.yaml``) and whose every character has a Korean reading (a simplified character,
"习", is Chinese only). A Chinese name that passes ("李明") gets a Korean reading beside its
Mandarin one: the characters are the same, and each reading meets only the Latin names written
from it. Only a query is read so, as a name in Japanese is: the lists write Korean names in Latin
letters.

A name in Hangul is read one word per syllable, as people's names are romanised ("김정은": "kim
jong un"). A company's or a place's name is written in Latin letters a word per word of Hangul
("서울": "Seoul", "삼성전자": "Samsung Electronics"): a name in Hangul that is not said to be a
person's is also read so (``hangul_forms``), each run of Hangul as the Korean words of
``transliterated_words.yaml`` it holds, in English ("전자", chonja: electronics; "무역", muyok:
trading), the syllables between them one word, once as McCune-Reischauer writes them (North
Korean names: "평양", "Pyongyang") and once as the Revised Romanization does (South Korea's:
"부산", "Busan").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from anyascii import anyascii

from entitylist.matching.normalize import NormalizedName, korean_key, normalize_name, read_as
from entitylist.matching.vocabulary import hanja_reading_lines, korean_family_readings, read_hangul
from entitylist.reference import load_package_yaml

HAN_NAME_LEAST: Final = 2  # characters of a Korean person's name in Hanja, at least
HAN_NAME_MOST: Final = 4  # and at most
_HAN_ONLY: Final = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]+")
_HANGUL_RUN: Final = re.compile(r"[\uac00-\ud7a3]+")
KOREAN_WORD_MOST_SYLLABLES: Final = 5  # of a word of the vocabulary ("chonghoesa": 총회사)
KOREAN_WORD_LEAST_SYLLABLES: Final = 2  # of a company's or place's name left when a particle is cut off
_LAST_RUN: Final = re.compile(r"[\uac00-\ud7a3]+$")


@functools.cache
def hanja_readings() -> Mapping[str, tuple[str, ...]]:
    """Each Han character's readings in Korean, syllables in Hangul, the one taught in school
    first (``hanja_readings.yaml``)."""
    # (a block of lines, "金 금 김", read in 6 ms, where a mapping of 8,000 keys took 0.1 s: a batch's
    # worker reads it when its first name that may be Korean asks)
    return MappingProxyType({line[0]: tuple(line[1:]) for line in hanja_reading_lines() if len(line) > 1})


@functools.lru_cache(maxsize=4096)
def korean_reading(original: str) -> str | None:
    """The characters read in Korean, in Hangul ("金正恩": "김정은"); None where they may not be a
    Korean person's name (see the module's docstring)."""
    if not HAN_NAME_LEAST <= len(original) <= HAN_NAME_MOST or _HAN_ONLY.fullmatch(original) is None:
        return None
    table = hanja_readings()
    readings = [table.get(character, ()) for character in original]
    if not all(readings):
        return None
    family = next((syllable for syllable in readings[0] if is_family_name(syllable)), None)
    if family is None:
        return None
    return family + "".join(syllables[0] for syllables in readings[1:])


def is_family_name(syllable: str) -> bool:
    """Whether a syllable in Hangul reads as a Korean family name ("김": kim; not "금")."""
    tokens = normalize_name(syllable, True).tokens
    return len(tokens) == 1 and tokens[0] in korean_family_readings()


def korean_form(normalized: NormalizedName, person: bool = False) -> NormalizedName | None:
    """A name in Chinese characters as its Korean reading, to compare with Latin names, or None
    (see ``korean_reading``). A reading, not a translation: it keeps the characters, so that
    against another name in characters the characters still decide."""
    if normalized.legal_forms or not normalized.original:
        return None  # (an organisation's name: "崔龍海有限公司")
    reading = korean_reading(normalized.original)
    return None if reading is None else read_as(normalized, reading, person)


@functools.cache
def korean_words() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """The Korean words of ``transliterated_words.yaml`` (``ko`` and ``hangul``) by their
    ``korean_key`` ("jonja" for "chonja"), each as its English; and those read so only where a
    name starts with them ("^choson")."""
    raw: dict[str, dict[str, str]] = load_package_yaml("entitylist.vocab", "transliterated_words.yaml")
    words = {str(word): str(english) for section in ("ko", "hangul") for word, english in raw[section].items()}
    anywhere = {korean_key(word): english for word, english in words.items() if not word.startswith("^")}
    first = {korean_key(word[1:]): english for word, english in words.items() if word.startswith("^")}
    return MappingProxyType(anywhere), MappingProxyType(first)


@functools.cache
def korean_particles() -> tuple[str, ...]:
    """The particles of ``hangul.yaml`` that running text writes onto a name, longest first."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "hangul.yaml")
    return tuple(sorted((str(particle) for particle in raw["particles"]), key=len, reverse=True))


def _without_particle(original: str) -> str | None:
    """A name in Hangul without the particle written onto its end ("삼성전자는": "삼성전자"), or None
    where it ends in none, or the run before it would be shorter than a name of two syllables."""
    run = _LAST_RUN.search(original)
    if run is None:
        return None
    for particle in korean_particles():
        if run.group().endswith(particle) and len(run.group()) - len(particle) >= KOREAN_WORD_LEAST_SYLLABLES:
            return original[: len(original) - len(particle)]
    return None


def _revised(syllable: str) -> str:
    """A Hangul syllable as the Revised Romanization writes it (anyascii's reading: "서" "seo")."""
    return anyascii(syllable).casefold()


def _run_words(syllables: list[str], first: bool) -> list[str]:
    """A run of Hangul syllables (read one way) as words: the vocabulary's words it holds, longest
    first from its start, in English, and each stretch of syllables between them joined.
    ``first``: the run starts the name."""
    words: list[str] = []
    pending = ""
    anywhere, at_start = korean_words()
    at = 0
    while at < len(syllables):
        size = min(KOREAN_WORD_MOST_SYLLABLES, len(syllables) - at)
        word = None
        while size > 1 and word is None:
            key = korean_key("".join(syllables[at:at + size]))
            word = at_start.get(key) if first and at == 0 else None
            word = anywhere.get(key) if word is None else word
            size -= 1 if word is None else 0
        if word is None:
            pending += syllables[at]
            at += 1
            continue
        if pending:
            words.append(pending)
            pending = ""
        words.append(word)
        at += size
    if pending:
        words.append(pending)
    return words


def hangul_forms(normalized: NormalizedName, person: bool = False) -> list[NormalizedName]:
    """A name in Hangul, not said to be a person's, as companies and places write theirs in Latin
    letters (see the module's docstring), and as read without a particle written onto its end
    (``korean_particles``: a name quoted in running text, "삼성전자는"); none for a person's name."""
    if person or _HANGUL_RUN.search(normalized.original) is None:
        return []
    forms: list[NormalizedName] = []
    written = normalized.original
    bare = _without_particle(written)
    for original, read in [(written, read_hangul), (written, _revised), *([(bare, read_hangul), (bare, _revised)] if bare else [])]:
        text = _HANGUL_RUN.sub(
            lambda run: " " + " ".join(_run_words([read(ch) for ch in run.group()], run.start() == 0)) + " ", original,
        )
        form = read_as(normalized, text, person)
        if form is not None and all(form.tokens != other.tokens for other in forms):
            # (an organisation's or a place's name: its syllables joined are never compared with a
            # listed person's, whom the syllables as a person's name meet: "김여정" is not "Kim Yu
            # Jong" however alike "kimyojong" and "kimyujong" are spelt)
            forms.append(NormalizedName(
                form.text, form.tokens, form.legal_forms, form.abjad, form.foreign_script, form.original, form.particles,
                True, form.reading, form.is_reading, form.written, form.sources, form.given,
            ))
    return forms
