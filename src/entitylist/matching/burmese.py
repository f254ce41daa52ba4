"""Names written in Burmese (Myanmar script) read syllable by syllable as they are spelt in English.

A letter-by-letter transliteration (anyascii) reads "မင်းအောင်လှိုင်" as one word, "mn'eanlhiun":
it writes the letters, not the syllables they spell, and Burmese writes a name's syllables with no
space between them. Each syllable of a Burmese name is a word of its English spelling ("Min Aung
Hlaing", "Aung San Suu Kyi", "Than Shwe"), so a name is read here one word per syllable:

- a syllable begins with a consonant or a vowel letter, unless the consonant is a final (under
  the killing mark, asat, or stacked on the next with the virama);
- its initial is read as the conventional spelling writes it ("သ" "th", "ထ" "ht", "ရ" "y"), with
  its medials: "ျ" and "ြ" a "y" ("Kyaw", "Myint"; "ချ" "ch"), "ွ" a "w" ("Shwe", "Lwin"), "ှ" an
  "h" before a sonorant ("Hla", "Hnin") and "sh" with "ရ", "ယ" ("ရွှေ", "Shwe");
- its vowel and final as one rhyme ("ောင်" "aung", "ိုင်" "aing", "ိန်" "ein", "ွန်" "un",
  "ည်" "i"); a nasal final with the creaky tone is written with a "t" ("မြင့်" "Myint",
  "ညွန့်" "Nyunt"); tone marks are not written;
- a name's Burmese title ("ဦး", U; "ဒေါ်", Daw) is left out before a name of two syllables or
  more: lists write the name without it.
"""

from __future__ import annotations

import re
from typing import Final

BURMESE_WORD: Final = re.compile(r"[\u1000-\u103f]+")  # (letters and marks; its digits are left to anyascii)

# initials as names are spelt in English ("အ" carries a vowel and is not written)
_INITIALS: Final[dict[str, str]] = {
    "\u1000": "k", "\u1001": "kh", "\u1002": "g", "\u1003": "g", "\u1004": "ng", "\u1005": "s", "\u1006": "s",
    "\u1007": "z", "\u1008": "z", "\u1009": "ny", "\u100a": "ny", "\u100b": "t", "\u100c": "ht", "\u100d": "d",
    "\u100e": "d", "\u100f": "n", "\u1010": "t", "\u1011": "ht", "\u1012": "d", "\u1013": "d", "\u1014": "n",
    "\u1015": "p", "\u1016": "ph", "\u1017": "b", "\u1018": "b", "\u1019": "m", "\u101a": "y", "\u101b": "y",
    "\u101c": "l", "\u101d": "w", "\u101e": "th", "\u101f": "h", "\u1020": "l", "\u1021": "",
}
# vowel letters, each a syllable of its own
_VOWEL_LETTERS: Final[dict[str, str]] = {
    "\u1023": "i", "\u1024": "i", "\u1025": "u", "\u1026": "u", "\u1027": "e", "\u1029": "aw", "\u102a": "aw",
}
_CONSONANT: Final = range(0x1000, 0x1022)
_ASAT, _VIRAMA, _CREAKY, _ANUSVARA = "\u103a", "\u1039", "\u1037", "\u1036"  # (the visarga, a tone, is not read)
_YA_MEDIALS: Final = frozenset("\u103b\u103c")
_WA_MEDIAL, _HA_MEDIAL = "\u103d", "\u103e"
# a final consonant's class: each is said as one of a few endings
_FINAL_CLASS: Final[dict[str, str]] = {
    "\u1000": "k", "\u1004": "ng", "\u1005": "c", "\u100a": "ny", "\u1009": "ny", "\u1010": "t", "\u100b": "t",
    "\u1012": "t", "\u1014": "n", "\u100f": "n", "\u1015": "t", "\u1019": "n", "\u101a": "y", "\u101e": "t",
}
# (vowel signs, final class) -> rhyme; the vowel signs as Unicode orders them after the initial
_RHYMES: Final[dict[tuple[str, str], str]] = {
    ("", ""): "a", ("", "k"): "et", ("", "ng"): "in", ("", "c"): "it", ("", "ny"): "i", ("", "t"): "at",
    ("", "n"): "an", ("", "y"): "e",
    ("\u102c", ""): "a", ("\u102b", ""): "a",
    ("\u102d", ""): "i", ("\u102d", "t"): "eik", ("\u102d", "n"): "ein", ("\u102d", "k"): "eik", ("\u102d", "ng"): "ein",
    ("\u102e", ""): "i",
    ("\u102f", ""): "u", ("\u102f", "t"): "ok", ("\u102f", "n"): "on", ("\u102f", "k"): "ok",
    ("\u1030", ""): "u",
    ("\u1031", ""): "e", ("\u1032", ""): "e",
    ("\u1031\u102c", ""): "aw", ("\u1031\u102b", ""): "aw", ("\u1031\u102c", "k"): "auk", ("\u1031\u102b", "k"): "auk",
    ("\u1031\u102c", "ng"): "aung", ("\u1031\u102b", "ng"): "aung",
    ("\u102d\u102f", ""): "o", ("\u102d\u102f", "k"): "aik", ("\u102d\u102f", "ng"): "aing",
}
# initials with the medial "ျ" or "ြ" that are not the initial and a "y" ("ချ": "Chit")
_WITH_Y: Final[dict[str, str]] = {"kh": "ch", "": "y", "y": "y"}
# each final class's sound after a vowel no rhyme above holds
_FINAL_SOUNDS: Final[dict[str, str]] = {"n": "n", "ng": "n", "k": "k", "t": "t", "c": "t"}
# after the medial "ွ", an "a" with a final is said "u" ("ထွန်း", "Htun"), as the medial is
_WA_RHYMES: Final[dict[str, str]] = {"t": "ut", "n": "un"}
# the titles a Burmese name is written with: U ("ဦး", also written "ဥ" and the visarga), Daw ("ဒေါ်")
_TITLE_SPELLINGS: Final = frozenset(["\u1026\u1038", "\u1025\u1038", "\u1012\u1031\u102b\u103a"])


class _Syllable:
    """One syllable's letters, as they are met."""

    def __init__(self, initial: str) -> None:
        self.initial = initial
        self.medials = ""
        self.vowels = ""
        self.final = ""
        self.creaky = False
        self.nasal = False  # (the anusvara: a final "n")


def _syllables(word: str) -> list[_Syllable]:
    """A run of Burmese letters cut into its syllables."""
    found: list[_Syllable] = []
    at = 0
    while at < len(word):
        letter = word[at]
        after = word[at + 1:at + 3].replace(_CREAKY, "")[:1]  # (the dot below may stand before the asat)
        if ord(letter) in _CONSONANT and found and after in (_ASAT, _VIRAMA):
            found[-1].final = found[-1].final or letter  # (a killed consonant closes the syllable before it)
        elif ord(letter) in _CONSONANT or letter in _VOWEL_LETTERS:
            found.append(_Syllable(letter))
        elif found:
            syllable = found[-1]
            if letter in _YA_MEDIALS or letter in (_WA_MEDIAL, _HA_MEDIAL):
                syllable.medials += letter
            elif "\u102b" <= letter <= "\u1032":
                syllable.vowels += letter
            elif letter == _ANUSVARA:
                syllable.nasal = True
            elif letter == _CREAKY:
                syllable.creaky = True
        at += 1
    return found


def _initial(syllable: _Syllable) -> str:
    letter = syllable.initial
    if letter in _VOWEL_LETTERS:
        return ""
    initial = _INITIALS.get(letter, "")
    medials = syllable.medials
    if _HA_MEDIAL in medials:
        if letter in "\u101b\u101a" or (letter == "\u101c" and any(m in _YA_MEDIALS for m in medials)):
            initial = "sh"  # ("ရှ", "ယှ", "လျှ": "Shwe")
        elif initial in ("l", "m", "n", "ng", "ny", "w", "y"):
            initial = "h" + initial  # ("လှ": "Hla", "နှ": "Hnin")
    elif any(m in _YA_MEDIALS for m in medials):
        initial = _WITH_Y.get(initial, initial + "y")  # ("မြ": "Mya", "ချ": "Chit")
    return initial


def _rhyme(syllable: _Syllable) -> str:
    if syllable.initial in _VOWEL_LETTERS:
        return _VOWEL_LETTERS[syllable.initial]
    final = _FINAL_CLASS.get(syllable.final, "")  # (another final is not said: "ဗိုလ်", "Bo")
    if syllable.nasal and not final:
        final = "n"
    vowels = syllable.vowels
    wa = _WA_MEDIAL in syllable.medials
    if wa and not vowels and final in _WA_RHYMES:
        rhyme = _WA_RHYMES[final]
    else:
        known = _RHYMES.get((vowels, final))
        # (an unusual pairing: the vowel's own, then the final's sound)
        rhyme = known if known is not None else _RHYMES.get((vowels, ""), "a") + _FINAL_SOUNDS.get(final, "")
        if wa:
            rhyme = "w" + rhyme
    if syllable.creaky and rhyme.endswith("n") and final in ("n", "ng", "ny"):
        rhyme += "t"  # ("မြင့်": "Myint", "ညွန့်": "Nyunt")
    return rhyme


def read_burmese_word(word: str) -> str:
    """A run of Burmese letters read as its syllables are spelt in English, one word a syllable
    (see the module's docstring)."""
    read = [_initial(syllable) + _rhyme(syllable) for syllable in _syllables(word)]
    return " ".join(part for part in read if part)


def read_burmese(text: str) -> str:
    """Each run of Burmese letters of a text read by ``read_burmese_word``, a name's Burmese title
    ("ဦး", U; "ဒေါ်", Daw) at its start left out where two syllables or more follow it (a name of
    one, "ဦးသန့်", U Thant, is listed with it)."""
    stripped = text.lstrip()
    for title in _TITLE_SPELLINGS:
        if stripped.startswith(title) and len(_syllables(stripped[len(title):].strip())) >= 2:
            text = stripped[len(title):]
            break
    return BURMESE_WORD.sub(lambda match: f" {read_burmese_word(match.group())} ", text).strip()


def burmese_syllables(text: str) -> frozenset[str]:
    """The words a text's runs of Burmese letters read as: syllables, never the Latin stopwords or
    legal forms some spell ("အေး", Aye, reads "e"; "လေး", Lay, "le"; "စ" "sa")."""
    return frozenset(word for match in BURMESE_WORD.finditer(text) for word in read_burmese_word(match.group()).split())
