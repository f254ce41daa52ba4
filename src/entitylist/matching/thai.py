"""Names written in Thai put in the order their sounds are said before they are transliterated.

Thai is compared as the abjad scripts are, by its consonants (a consonant's own vowel is not
written: "สมชาย" is "Somchai"), but a letter-by-letter transliteration (anyascii) reads the
letters in the order they are written, which is not always the order they are said, and reads
letters that are not said:
- a vowel written before its consonant (เ แ โ ใ ไ) is said after it: "เดช" is "Det", not "edch";
- a letter under the silencing mark (thanthakhat, with the vowel sign on it) is not said:
  "สมศักดิ์" is "Somsak", "อนันต์" "Anan";
- "ห" before a sonorant only marks its tone: "หลีก" is "Leek";
- "รร" between consonants is "an" ("สุวรรณ", "Suwan"); "ว" between two consonants with no vowel
  sign is the vowel "ua" ("ชวน", "Chuan");
- a word's last consonant after a vowel is said as one of six finals, "ส", "ฐ", "ด" as "t", "ร",
  "ล", "ญ" as "n" ("สวัส", "Sawat"; "ประเสริฐ", "Prasert"), and "ญ" ending a syllable inside a word
  too ("บุญมี", "Boonmee");
- "อ" carrying a vowel sign is silent, and a word's first "อ" before a consonant the "a" said with
  it ("อนันต์", "Anan").
The rest is left to anyascii, and matching to the consonants.

Thai's aspirated consonants are written "ph", "th", "kh" in the official romanisation ("Thaksin",
"Suthep") and as often without the "h" ("Sompong", "Leekpai", "Paetongtarn"): a name that holds
one is also read with each unaspirated (``unaspirated``), another form it is screened as.
"""

from __future__ import annotations

import re
from typing import Final

THAI_WORD: Final = re.compile(r"[\u0e01-\u0e4e]+")
_CONSONANT: Final = "\u0e01-\u0e2e"
# a consonant (with the vowel sign "i" or "u" on it) under the thanthakhat: not said
_SILENT: Final = re.compile(rf"[{_CONSONANT}][\u0e34\u0e38]?\u0e4c|(?<=\u0e19)[\u0e17\u0e15]\u0e23\u0e4c")  # (and "ทร์", "ตร์" after "น": "จันทร์", "Chan")
# a vowel written before the consonant it follows in speech
_PREPOSED: Final = re.compile(rf"([\u0e40-\u0e44])([{_CONSONANT}])")
# "ห" that only marks the tone of the sonorant after it
_TONE_HO: Final = re.compile(r"\u0e2b(?=[\u0e07\u0e19\u0e21\u0e22\u0e23\u0e25\u0e27])")
# "รร" after a consonant: the vowel "a" and a final "n"
_RO_HAN: Final = re.compile(rf"(?<=[{_CONSONANT}])\u0e23\u0e23")
# "ว" between two consonants, with no vowel sign on either side of it: the vowel "ua"
_WO_VOWEL: Final = re.compile(rf"(?<=[{_CONSONANT}])\u0e27(?=[{_CONSONANT}])")
_YO_FINAL: Final = re.compile(r"\u0e0d$")
# a consonant that ends a word after a vowel (its sign, a tone mark) is said as one of six: k, t,
# p, n, m, ng ("สวัส" is "Sawat", "ประเสริฐ" "Prasert", "ธนาคาร" "Thanakhan"); inside a word a
# consonant after a vowel may as well begin the next syllable ("สุรชัย", "Surachai"), but for
# "ญ", which is "n" there too ("บุญมี", "Boonmee")
_FINAL: Final = re.compile(rf"(?<=[\u0e31-\u0e39\u0e40-\u0e44\u0e47-\u0e4b])(?:([{_CONSONANT}])$|(\u0e0d)(?=[{_CONSONANT}]))")
# "อ" that carries the vowel written on it, or at a word's start the "a" said with it ("อนันต์",
# "Anan"; "อุดม", "Udom")
_VOWEL_CARRIER: Final = re.compile(r"\u0e2d(?=[\u0e30-\u0e39\u0e40-\u0e44])")
_FIRST_A: Final = re.compile(rf"^\u0e2d(?=[{_CONSONANT}])")
_FINAL_SOUNDS: Final[dict[str, str]] = {
    **dict.fromkeys("\u0e02\u0e03\u0e04\u0e05\u0e06", "\u0e01"),  # kh -> k
    # (not "ด", which names end in as often written "d" as said "t": "นิด", "Nid", "Nit")
    **dict.fromkeys("\u0e08\u0e0a\u0e0b\u0e0c\u0e0e\u0e0f\u0e10\u0e11\u0e12\u0e16\u0e17\u0e18\u0e28\u0e29\u0e2a", "\u0e15"),  # -> t
    **dict.fromkeys("\u0e1a\u0e1e\u0e1f\u0e20", "\u0e1b"),  # -> p
    **dict.fromkeys("\u0e0d\u0e13\u0e23\u0e25\u0e2c", "\u0e19"),  # -> n
}


def _final_sound(match: re.Match[str]) -> str:
    consonant = match.group(match.lastindex or 0)
    return _FINAL_SOUNDS.get(consonant, consonant)


def read_thai_word(word: str) -> str:
    """One Thai word with its letters in the order said and those not said left out (see the
    module's docstring); Latin letters where no Thai letter writes the sound."""
    word = _SILENT.sub("", word)
    word = _PREPOSED.sub(r"\2\1", word)
    word = _TONE_HO.sub("", word)
    word = _RO_HAN.sub("an", word)
    word = _WO_VOWEL.sub("ua", word)
    word = _FINAL.sub(_final_sound, word)
    word = _VOWEL_CARRIER.sub("", _FIRST_A.sub("a", word))
    return _YO_FINAL.sub("\u0e19", word)


def read_thai(text: str) -> str:
    """Each Thai word of a text read by ``read_thai_word``."""
    return THAI_WORD.sub(lambda match: read_thai_word(match.group()), text)


# each aspirated consonant and the unaspirated one of its place (ph, th, kh -> p, t, k)
_UNASPIRATED: Final = str.maketrans({
    **dict.fromkeys("\u0e1c\u0e1e\u0e20", "\u0e1b"),
    **dict.fromkeys("\u0e10\u0e11\u0e12\u0e16\u0e17\u0e18", "\u0e15"),
    **dict.fromkeys("\u0e02\u0e03\u0e04\u0e05\u0e06", "\u0e01"),
})
_ASPIRATED: Final = re.compile("[\u0e1c\u0e1e\u0e20\u0e10\u0e11\u0e12\u0e16\u0e17\u0e18\u0e02\u0e03\u0e04\u0e05\u0e06]")


def unaspirated(text: str) -> str | None:
    """A name in Thai with its aspirated consonants written as the unaspirated ones ("สมพงษ์"
    as "สมปงษ์", read "Sompong"), or None where it holds none."""
    return text.translate(_UNASPIRATED) if _ASPIRATED.search(text) else None
