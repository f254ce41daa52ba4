"""Names written in the Brahmic scripts of India read as their Latin spellings write them.

A letter-by-letter transliteration (anyascii) leaves out the vowel a consonant of these scripts
carries when no vowel sign follows it: "मसूद अज़हर" read "msud azhr", "ਅਮਰਿੰਦਰ ਸਿੰਘ" "amrimdr simgh",
"చంద్రబాబు" "cmdrbabu". Here the letters are read by indic-transliteration's Sanskrit
transliteration (IAST), which writes that vowel, then as names are spelt in English: the vowel a
word's last single consonant carries is not said in Hindi, Bengali, Punjabi, Gujarati and Odia and
left out ("दाऊद": "Daud", not "Dauda"; a cluster keeps it, "नरेन्द्र": "Narendra"); the nasal mark
(anusvara, tippi) is the "n" or "m" of the consonant after it ("Amarinder", "Singh", "Chandrababu");
"ś" and "ṣ" are "sh", "c" is "ch" ("Shah", "Chandrababu"); Bengali "v" is a "b". Diacritics are
then dropped. Tamil, whose letters each write a voiced and an unvoiced consonant, is left to anyascii.

The transliteration's tables are loaded when a name in these scripts first asks (0.2 s), never by
names written in other scripts.
"""

from __future__ import annotations

import functools
import re
from typing import Final

# each script's block, and whether a word's last consonant is said without its vowel
_BLOCKS: Final[dict[int, tuple[str, bool]]] = {
    0x0900: ("devanagari", True), 0x0980: ("bengali", True), 0x0A00: ("gurmukhi", True), 0x0A80: ("gujarati", True),
    0x0B00: ("oriya", True), 0x0C00: ("telugu", False), 0x0C80: ("kannada", False), 0x0D00: ("malayalam", False),
}
INDIC_WORD: Final = re.compile(r"[\u0900-\u0b7f\u0c00-\u0d7f]+")
# offsets in each block (Unicode lays the scripts out alike): consonants, the nukta, the virama
_CONSONANTS: Final = range(0x15, 0x3A)
_NUKTA_CONSONANTS: Final = range(0x58, 0x60)
_NUKTA: Final = 0x3C
_VIRAMA: Final = 0x4D
# letters with a nukta that the transliteration reads whole, from the pair Unicode's canonical form
# makes of each (Gurmukhi sha, khha, ghha, za, fa, lla; Bengali rra, rha, yya; Odia rra, rha)
_NUKTA_LETTERS: Final[dict[str, str]] = {
    "\u0a38\u0a3c": "\u0a36", "\u0a16\u0a3c": "\u0a59", "\u0a17\u0a3c": "\u0a5a", "\u0a1c\u0a3c": "\u0a5b",
    "\u0a2b\u0a3c": "\u0a5e", "\u0a32\u0a3c": "\u0a33", "\u09a1\u09bc": "\u09dc", "\u09a2\u09bc": "\u09dd",
    "\u09af\u09bc": "\u09df", "\u0b21\u0b3c": "\u0b5c", "\u0b22\u0b3c": "\u0b5d",
}
_NASAL: Final = re.compile(r"ṃ(?=(.?))")
_LABIALS: Final = frozenset("pbm")
_C: Final = re.compile(r"c(h?)")  # IAST "c" is English "ch", its aspirate "ch" "chh"


def _block(character: str) -> int:
    return ord(character) & ~0x7F


def _said_without_last_vowel(word: str) -> str:
    """``word`` with a virama after its last letter where that is a single consonant whose vowel
    is not said ("दाऊद" -> "दाऊद्"), as Hindi and the other northern languages drop it."""
    base = _block(word[-1])
    last = ord(word[-1]) - base
    at = len(word) - 1
    if last == _NUKTA and len(word) > 1:  # ("ज़": the consonant, then its nukta)
        at -= 1
        last = ord(word[at]) - base
    if last not in _CONSONANTS and last not in _NUKTA_CONSONANTS:
        return word
    before = ord(word[at - 1]) - base if at > 0 else -1
    if before == _VIRAMA:
        return word  # the last of a cluster keeps its vowel ("न्द्र": "ndra")
    return word + chr(base + _VIRAMA)


@functools.lru_cache(maxsize=4096)
def read_indic_word(word: str) -> str:
    """One word of a Brahmic script of India read as names are spelt in English (see the module's
    docstring), in lower case; the word as it is where its script is not read here."""
    script = _BLOCKS.get(_block(word[0]))
    if script is None or any(_block(character) != _block(word[0]) for character in word):
        return word
    from indic_transliteration import sanscript  # (0.2 s of tables: only when such a name asks)

    name, northern = script
    if northern:
        word = _said_without_last_vowel(word)
    nukta = chr(_block(word[0]) + _NUKTA)
    if nukta in word:
        # (a letter with a nukta as one character, as the transliteration's tables hold it: Unicode's
        # canonical form writes it apart, "ਸ" + "਼", which they read as "s" and a stray mark; a
        # nukta on another letter is dropped)
        for pair, letter in _NUKTA_LETTERS.items():
            word = word.replace(pair, letter)
        if name != "devanagari":
            word = word.replace(nukta, "")
    latin = sanscript.transliterate(word, getattr(sanscript, name.upper()), sanscript.IAST).casefold()
    latin = _NASAL.sub(lambda match: "m" if match.group(1) in _LABIALS else "n", latin)
    latin = _C.sub(lambda match: "chh" if match.group(1) else "ch", latin).replace("ś", "sh").replace("ṣ", "sh")
    if name == "bengali":
        latin = latin.replace("v", "b")
    return latin


def read_indic(text: str) -> str:
    """Each word of a text in a Brahmic script of India read by ``read_indic_word``."""
    return INDIC_WORD.sub(lambda match: read_indic_word(match.group()), text)
