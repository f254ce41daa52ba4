"""Running text as words with their character offsets, the way mention finding reads it.

A word is a run of letters and digits, apostrophes inside it kept ("IS'Vision", "Hua'antai").
What typesetting does to a name is undone here, offsets still pointing into the text: a word
hyphenated across a line break is one word ("Hik-\\nvision"), a possessive ending is dropped
("Huawei's"), and a sentence glued to a name ("Technology.The") is two words anyway. Between two
words lies a *separator*; some separators end any name (a blank line, ";", ":", "?", "!", a tab,
a wide gap between table cells), others are kept inside a name as written ("Co., Ltd.").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Final

# the combining marks that many scripts write on their letters, which are neither letters nor
# digits: the vowel signs of Devanagari and the other scripts of India, Hebrew points, Arabic
# harakat, Latin accents written apart ("मसूद" is one word, not "मस" and "द"), Burmese vowel signs,
# medials and tone marks ("မင်းအောင်လှိုင်" is one word, not nine)
_MARK_RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670),
    (0x06D6, 0x06ED), (0x0900, 0x0DFF), (0x1000, 0x109F), (0x3099, 0x309A),
)


def _marks_class() -> str:
    """The marks of ``_MARK_RANGES`` as a character class's contents (the letters and digits
    among them left out: a word's pattern then never has two ways to read one character)."""
    marks = [
        chr(code) for low, high in _MARK_RANGES for code in range(low, high + 1)
        if unicodedata.category(chr(code)).startswith("M") and not chr(code).isalnum()
    ]
    return "".join(re.escape(mark) for mark in marks)


MARKS: Final = _marks_class()
# a word's letters and digits with the marks on them (one class each, so that a Latin word is one
# step of the pattern, as before the marks were read: an alternation for each character took twice
# as long); WORD_TAIL what may follow a word's first character
WORD_TAIL: Final = rf"[^\W_]*(?:[{MARKS}]+[^\W_]*)*"
# "Allah" written apart after a word of Arabic script is one word with it ("حزب الله", Hizballah;
# "نصر الله", Nasrallah; "عبد الله"), as Latin names write them: the two are looked up as one run.
# (Inside a word, beside the apostrophes, Hebrew's geresh and gershayim: "בע״מ", "צה״ל".)
ALLAH_AFTER: Final = r"(?:(?<=[\u0620-\u065f\u0670])[ \u00a0][\u0627\u0671]\u0644\u0644\u0647(?![^\W_]))?"  # (alef or alef wasla)
WORD_PATTERN: Final = (
    rf"[^\W_]{WORD_TAIL}(?:(?:['’\u05f3\u05f4]|-[ \t]*\r?\n[ \t]*(?=[a-z]))[^\W_]{WORD_TAIL})*{ALLAH_AFTER}"
)
_WORD = re.compile(WORD_PATTERN)
_LINE_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_POSSESSIVE: Final[tuple[str, ...]] = ("'s", "’s", "'S", "’S")  # (of any length: see matching.normalize.Rewrites)
_HARD_BREAK = re.compile(r"[;:?!|\t\u2022\u25aa\uff1b\uff1a\uff1f\uff01\uff5c]|\n[ \t]*\r?\n| {3,}")
JOINED: Final = 1  # kinds of separator between two words (bits)
SENTENCE: Final = 2
COMMA: Final = 4
TITLE_SHARE: Final = 0.7  # a line with this share of capitalised words is a headline
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f\u104b][\"')\]”’\u300d\u300f\uff09]*\s*$")  # (and Burmese's "။")


# the words inside a run of letters, as offsets in it (None: the run is one word)
Split = Callable[[str], list[tuple[int, int]] | None]
HAN_CHARACTERS: Final = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # (a character class's ranges)
HAN_CHARACTER: Final = re.compile(f"[{HAN_CHARACTERS}]")  # Chinese, which is written without spaces
KANA_CHARACTERS: Final = "\u3040-\u30ff"  # Japanese, written without spaces too: its runs of kana are cut apart
UNSPACED_CHARACTER: Final = re.compile(f"[{HAN_CHARACTERS}{KANA_CHARACTERS}]")  # (a word that may hold several)


def _pieces(word: str, split: Split) -> list[str] | tuple[str]:
    cut = split(word)  # (None where the word holds no Han character or kana)
    return (word,) if cut is None else [word[s:e] for s, e in cut]


class Words:
    """The words of one stretch of text: cleaned spelling, start and end offsets (end exclusive),
    whether a name may run on from each word to the next, and whether a word opens a sentence."""

    def __init__(self, text: str, base: int = 0, split: Split | None = None) -> None:
        """``base``: the offset of ``text`` in the whole document (offsets are the document's);
        ``split``: the words inside a run of letters that a script writes without spaces
        (Chinese), as offsets in it, or None where it is one word."""
        self.text: Final = text
        self.base: Final = base
        # One pass of the regex over the text gives the words (no match objects); each word's
        # offset is where it next occurs, since nothing between two words can start one.
        spellings: list[str] = _WORD.findall(text)
        if split is not None and UNSPACED_CHARACTER.search(text) is not None:
            spellings = [piece for word in spellings for piece in ((word,) if word.isascii() else _pieces(word, split))]
        starts: list[int] = []
        ends: list[int] = []
        at = 0
        for i, word in enumerate(spellings):
            at = text.find(word, at)
            starts.append(at)
            at += len(word)
            ends.append(at)
            if "-" in word or "'" in word or "’" in word:  # rare: undo what typesetting did
                if "-" in word:
                    word = _LINE_HYPHEN.sub("", word)
                if word.endswith(_POSSESSIVE) and len(word) > 3:
                    word = word[:-2]
                    ends[i] -= 2
                spellings[i] = word
        self.spellings: Final = spellings
        self.starts: Final = starts
        self.ends: Final = ends
        self._gaps: list[int] = [-1] * len(spellings)  # -1: not worked out yet

    def gap_kind(self, i: int) -> int:
        """What separates word ``i`` from the next (``JOINED`` | ``SENTENCE`` | ``COMMA``), worked
        out when first asked: most words of a document are never looked at again."""
        kind = self._gaps[i]
        if kind < 0:
            if i + 1 >= len(self.spellings):
                kind = 0
            else:
                gap = self.text[self.ends[i]:self.starts[i + 1]]
                if gap == " ":
                    kind = JOINED
                else:
                    kind = 0 if _HARD_BREAK.search(gap) else JOINED
                    if _SENTENCE_END.search(gap):
                        kind |= SENTENCE
                    if "," in gap or "\uff0c" in gap or "\u3001" in gap or "\u104a" in gap:  # (and the Chinese and Burmese commas)
                        kind |= COMMA
            self._gaps[i] = kind
        return kind

    def joined(self, i: int) -> bool:
        """Whether a name may run on from word ``i`` to word ``i + 1``."""
        return bool(self.gap_kind(i) & JOINED)

    def in_title_line(self, i: int) -> bool:
        """Whether word ``i`` stands in a line of three words or more, most of them capitalised
        (a headline, a table heading)."""
        start = self.text.rfind("\n", 0, self.starts[i]) + 1
        end = self.text.find("\n", self.ends[i])
        line = self.text[start:end if end != -1 else len(self.text)].split()
        if len(line) < 3:
            return False
        return sum(1 for w in line if w[0].isupper() or not w[0].isalpha()) >= TITLE_SHARE * len(line)

    def comma_between(self, i: int) -> bool:
        """Whether a comma stands between word ``i`` and the next."""
        return bool(self.gap_kind(i) & COMMA)

    def opens_sentence(self, i: int) -> bool:
        """Whether word ``i`` is the first of a sentence (so its capital says nothing)."""
        if i == 0:
            return True
        kind = self.gap_kind(i - 1)
        return not kind & JOINED or bool(kind & SENTENCE)

    def __len__(self) -> int:
        return len(self.spellings)

    def passage(self, first: int, last: int, spelled: dict[int, str] | None = None) -> str:
        """Words ``first``..``last`` (inclusive) as one name: cleaned spellings (or ``spelled``
        ones) with the separators between them as written, line breaks as spaces."""
        pieces: list[str] = []
        for i in range(first, last + 1):
            if i > first:
                pieces.append(self.text[self.ends[i - 1]:self.starts[i]].replace("\n", " ").replace("\r", " "))
            pieces.append(spelled.get(i, self.spellings[i]) if spelled else self.spellings[i])
        return "".join(pieces)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Document offsets of words ``first``..``last``: start of the first, end of the last."""
        return self.base + self.starts[first], self.base + self.ends[last]

    def title_case(self, i: int) -> bool:
        """A capitalised word of letters ("Smith"), not an acronym or a code ("DS", "2CD")."""
        word = self.spellings[i]
        return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()
