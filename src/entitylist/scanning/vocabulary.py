"""The reference data of document scanning (``vocab/scan.yaml``), read once."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from entitylist.reference import load_package_yaml

_SPACES = re.compile(r"[\W_]+")  # (letters of every script: "Лтд" is a form as "Ltd" is)


def phrase_key(text: str) -> str:
    """A phrase as the vocabulary compares it: lower case, words of letters and digits, apostrophes
    dropped ("People's Government" -> "peoples government")."""
    return " ".join(_SPACES.sub(" ", text.casefold().replace("'", "").replace("’", "")).split())


@dataclass(frozen=True)
class ScanVocabulary:
    threshold: float
    max_mention_words: int
    max_gap_words: int
    # other wording (as a tuple of phrase words) -> the listed phrase it stands for
    body_synonyms: dict[tuple[str, ...], str]
    longest_synonym: int
    descriptive_words: frozenset[str]
    body_words: frozenset[str]
    han_body_endings: tuple[str, ...]  # (a body's name in Chinese ends in one)
    generic_phrases: frozenset[str]
    closing_words: frozenset[str]
    abjad_body_cues: frozenset[str]  # (as written, in Arabic, Persian or Hebrew letters)


@functools.cache
def scan_vocabulary() -> ScanVocabulary:
    raw = load_package_yaml("entitylist.vocab", "scan.yaml")
    synonyms: dict[tuple[str, ...], str] = {}
    for listed, others in raw["body_synonyms"].items():
        for other in others:
            synonyms[tuple(phrase_key(str(other)).split())] = str(listed)
    return ScanVocabulary(
        threshold=float(raw["threshold"]),
        max_mention_words=int(raw["max_mention_words"]),
        max_gap_words=int(raw["max_gap_words"]),
        body_synonyms=synonyms,
        longest_synonym=max((len(k) for k in synonyms), default=0),
        descriptive_words=frozenset(phrase_key(str(w)) for w in raw["descriptive_words"]),
        body_words=frozenset(phrase_key(str(w)) for w in raw["body_words"]),
        han_body_endings=tuple(str(c) for c in raw["han_body_endings"]),
        generic_phrases=frozenset(phrase_key(str(p)) for p in raw["generic_phrases"]),
        closing_words=frozenset(phrase_key(str(w)) for w in raw["closing_words"]),
        abjad_body_cues=frozenset(str(w) for w in raw["abjad_body_cues"]),
    )
