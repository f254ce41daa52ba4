"""Names in Chinese characters read as the words their translated and romanised forms use.

A name in characters is compared with other names in characters in its own script (see
:mod:`entitylist.matching.score`); against a Latin name it is compared as it reads: the words
of ``vocab/chinese_words.yaml`` in English ("技术" -> "technology"), places as they are usually
romanised ("杭州" -> "hangzhou", "哈尔滨" -> "harbin"), brands as they write themselves in
English ("海康威视" -> "hikvision"), ordinals with "第" as numbers
("第十四" -> "14"), and the characters no entry covers in pinyin, two syllables a word
("海康威视" -> "haikang weishi"), as romanised names write them.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from entitylist.matching.memo import Once
from entitylist.reference import load_package_yaml

_HAN_RUN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_DIGITS: Final = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL: Final = re.compile(r"第([零〇一二两三四五六七八九十百]+)")


@functools.cache
def _vocabulary() -> tuple[dict[str, str], int]:
    """Characters -> their English or romanised words, and the longest entry's length."""
    raw: dict[str, dict[str, str]] = load_package_yaml("entitylist.vocab", "chinese_words.yaml")
    table = {str(k): str(v) for group in ("words", "places", "brands", "forms") for k, v in raw[group].items()}
    return table, max(len(k) for k in table)


@functools.cache
def brand_readings() -> dict[str, str]:
    """The pinyin of each one-word brand's characters, as romanised names write them, and the
    English brand it stands for ("kuangshi" -> "megvii", "haikang weishi" -> "hikvision"):
    "Kuangshi Keji" is Megvii Technology written in pinyin."""
    raw: dict[str, dict[str, str]] = load_package_yaml("entitylist.vocab", "chinese_words.yaml")
    return {str(reading): str(brand) for reading, brand in raw["brands_in_pinyin"].items()}


def _chinese_countries_made() -> frozenset[str]:
    """``CHINESE_COUNTRIES``, made (once, when first asked)."""
    raw: dict[str, list[str]] = load_package_yaml("entitylist.vocab", "chinese_words.yaml")
    return frozenset(str(code) for code in raw["countries"])


# The countries (ISO codes) whose parties' romanised names are Chinese (``countries``), by its
# ``get``. (This module is not compiled: a function here returning it was a call through the
# interpreter for each pair scored, about 600 instructions more than compiled code's direct call
# of a ``memo.Once``'s ``get``.)
CHINESE_COUNTRIES: Final = Once(_chinese_countries_made)


def brand_pinyin(characters: str) -> str:
    """A brand's characters in pinyin as ``brand_readings`` writes them (loads the pinyin dictionary)."""
    return " ".join(_pinyin_words(characters))


def chinese_number(text: str) -> int:
    """A Chinese numeral below a thousand ("十四" -> 14, "二十一" -> 21, "一百零五" -> 105)."""
    total = current = 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def _pinyin_words(run: str) -> list[str]:
    """Characters no entry covers, in pinyin two syllables a word (three for a run of three)."""
    from pypinyin import Style, lazy_pinyin  # loaded on first use: see normalize._transliterate

    syllables = lazy_pinyin(run, style=Style.NORMAL, errors=lambda chars: chars)
    sizes = [3] if len(syllables) == 3 else [2] * (len(syllables) // 2) + [1] * (len(syllables) % 2)
    if len(syllables) > 3 and len(syllables) % 2:
        sizes = [2] * (len(syllables) // 2 - 1) + [3]
    words, at = [], 0
    for size in sizes:
        words.append("".join(syllables[at:at + size]))
        at += size
    return words


def _read_words(run: str) -> list[str]:
    """A run of characters (no numeral) as its words: vocabulary entries matched longest first
    from the end of the run (Chinese names put the words of their kind after the brand, and
    matching from the end keeps "安科技术" as "anke technology", not "an technology shu"), and the
    characters between them in pinyin."""
    table, longest = _vocabulary()
    pieces: list[list[str]] = []
    pending = ""
    end = len(run)
    while end > 0:
        for size in range(min(longest, end), 0, -1):
            english = table.get(run[end - size:end])
            if english is not None:
                if pending:
                    pieces.append(_pinyin_words(pending))
                    pending = ""
                pieces.append(english.split())
                end -= size
                break
        else:
            pending = run[end - 1] + pending
            end -= 1
    if pending:
        pieces.append(_pinyin_words(pending))
    return [word for piece in reversed(pieces) for word in piece]


def _read_run(run: str) -> list[str]:
    """A run of characters as its words, an ordinal ("第十四") as its number."""
    out: list[str] = []
    for at, part in enumerate(_NUMERAL.split(run)):
        if at % 2:
            out.append(str(chinese_number(part)))
        elif part:
            out.extend(_read_words(part))
    return out


def reading(text: str, short: bool = False) -> str:
    """The text with each run of Chinese characters replaced by its words as they read; "" for
    a short name no entry of the vocabulary applies to (a person's name, "李明", "金正恩": its
    pinyin syllables, which the name's tokens are already, say all there is), unless ``short``:
    then such a name reads as its syllables, two a word, as a brand romanises itself ("依图":
    "yitu"), for a name whose tokens are no longer its syllables."""
    table, _longest = _vocabulary()
    runs = _HAN_RUN.findall(text)
    if not short and not any(len(run) >= 4 or _NUMERAL.search(run) or any(word in run for word in table) for run in runs):
        return ""
    return _HAN_RUN.sub(lambda m: " " + " ".join(_read_run(m.group(0))) + " ", text)
