"""Chinese text as words. Chinese is written without spaces: a sentence is one run of Han
characters, in which a listed name ("我们与华为技术有限公司讨论了合同") is no word of its own. Such a
run is cut into words by jieba's dictionary (``rjieba``, the binding of jieba-rs), with the list's
own Chinese names added to it, so that a listed name is one word or a run of words. Its choice
between readings of a run keeps names that only straddle two words out ("中华为人民服务" is
"中华 / 为 / 人民 / 服务", not "华为").

jieba's dictionary is of simplified Chinese: a run in traditional characters, as Taiwan and Hong
Kong write ("華為技術有限公司", "市場"), or in Japanese kanji ("株式市場") is cut as its simplified
form reads (``vocab/simplified_characters.yaml``, from OpenCC's tables; one character for one, so
that the words' offsets are the run's own). Cut as written, its characters fell apart into words
of one, and a listed name in traditional characters was never found while "市" and "場" started
passages that met listed people ("CHANG, Shi-Fu") in any Japanese or traditional business text."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from typing import Final

import rjieba

from entitylist.matching.vocabulary import in_simplified
from entitylist.scanning.tokens import HAN_CHARACTERS, KANA_CHARACTERS

HAN: Final = re.compile(f"[{HAN_CHARACTERS}]+")  # a run of Han characters
KANA: Final = re.compile(f"[{KANA_CHARACTERS}]")
# a word cut by script: Han characters, katakana (with its prolonged sound mark), hiragana, and
# anything else (Latin letters, digits) (the voicing marks written apart, U+3099 and U+309A, stay
# with the kana before them)
_RUNS: Final = re.compile(
    f"[{HAN_CHARACTERS}]+|[\u30a0-\u30ff][\u30a0-\u30ff\u3099\u309a]*|[\u3040-\u3098\u309b-\u309f][\u3040-\u309f]*"
    f"|[^{HAN_CHARACTERS}{KANA_CHARACTERS}]+|[\u3099\u309a]+"
)
MEMO_SIZE: Final = 50_000  # runs whose cut is remembered (a text's words, its short runs)


class HanWords:
    """Cuts runs of Han characters into words; the list's Chinese names are words of its dictionary."""

    def __init__(self, names: Iterable[str]) -> None:
        runs = tuple(sorted({in_simplified(run) for name in names for run in HAN.findall(name)}))
        self._jieba = _dictionary(runs)
        self._listed = "\n".join(runs)  # the list's runs of Han characters, one a line, simplified
        self._memo: dict[str, list[tuple[int, int]]] = {}
        self._lock = threading.Lock()

    def holds(self, word: str) -> bool:
        """Whether ``word`` is written inside one of the list's names in Chinese (in either
        characters: the names and the word compared simplified)."""
        return "\n" not in word and in_simplified(word) in self._listed

    def split(self, word: str) -> list[tuple[int, int]] | None:
        """The words inside ``word`` as (start, end) offsets in it: each run of Han characters cut
        into its words, what lies between kept whole but for Japanese kana, whose runs of katakana
        and of hiragana are words apart ("ロシアのカスペルスキーは": "ロシア", "の", "カスペルスキー",
        "は": a foreign name is written in katakana, the particles around it in hiragana); None
        where it holds no Han character or kana. (The list may be shared: do not change it.)"""
        first = HAN.search(word)
        if first is None and KANA.search(word) is None:
            return None
        if first is not None and first.end() == len(word) and first.start() == 0:
            return self._cut(word)  # (most: a run of Han characters between punctuation)
        pieces: list[tuple[int, int]] = []
        for run in _RUNS.finditer(word):
            if HAN.fullmatch(run.group()) is not None:
                pieces.extend((run.start() + s, run.start() + e) for s, e in self._cut(run.group()))
            else:
                pieces.append(run.span())
        return pieces

    def _cut(self, run: str) -> list[tuple[int, int]]:
        cut = self._memo.get(run)
        if cut is None:
            # by the dictionary alone: its model of unknown words joins characters into words
            # of its own guessing, which may run a listed name into its neighbour
            # (as its simplified characters read, one for one: the offsets are the run's own)
            cut = [(s, e) for _word, s, e in self._jieba.tokenize(in_simplified(run), "default", False)]
            with self._lock:
                if len(self._memo) >= MEMO_SIZE:
                    self._memo.clear()
                self._memo[run] = cut
        return cut


@functools.lru_cache(maxsize=4)
def _dictionary(runs: tuple[str, ...]) -> rjieba.Jieba:
    """jieba's dictionary with ``runs`` added: loading it takes 0.1 s, kept for the next finder
    of a list with the same names in Chinese (a new list version, the same day's next index)."""
    jieba = rjieba.Jieba()
    for run in runs:
        if len(run) > 1 and not jieba.has_word(run):
            jieba.add_word(run, None, None)  # (a frequency that keeps it whole)
    return jieba
