"""Names in the Brahmic scripts of India meet their Latin spellings: each consonant read with the
vowel it carries, not said at a northern word's end, the nasal mark as the consonant after it
writes it ("ਅਮਰਿੰਦਰ ਸਿੰਘ" / "Amarinder Singh", which a letter-by-letter transliteration read
"amrimdr simgh")."""

from __future__ import annotations

import pytest

from entitylist.matching.indic import read_indic
from entitylist.matching.kinds import PERSON, UNKNOWN
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex


@pytest.mark.parametrize(
    ("original", "reading"),
    [
        ("मसूद अज़हर", "masūd azahar"),  # Devanagari: each consonant's vowel, but a word's last; the nukta's "z"
        ("नरेन्द्र मोदी", "narendra modī"),  # the last of a cluster keeps its vowel
        ("अमित शाह", "amit shāh"),  # "ś" is "sh"
        ("ਅਮਰਿੰਦਰ ਸਿੰਘ", "amarindar singh"),  # Gurmukhi: the tippi "n" before "d" and "g"
        ("ইসলামী ব্যাংক", "isalāmī byānk"),  # Bengali: "v" is "b"
        ("చంద్రబాబు", "chandrabābu"),  # Telugu: "c" is "ch"; a southern word keeps its last vowel
        ("ಸಿದ್ದರಾಮಯ್ಯ", "siddarāmayya"),  # Kannada
        ("Acme अमित", "Acme amit"),  # other words as they are
    ],
)
def test_indic_names_read_with_the_vowels_their_consonants_carry(original: str, reading: str) -> None:
    assert read_indic(original) == reading


@pytest.mark.parametrize(
    ("indic", "latin", "kind"),
    [
        ("हाफ़िज़ सईद", "Hafiz Saeed", PERSON),
        ("मसूद अज़हर", "Masood Azhar", PERSON),
        ("दाऊद इब्राहिम", "Dawood Ibrahim", PERSON),  # (and "Daud" a spelling of Dawud: name_variants.yaml)
        ("अमित शाह", "Amit Shah", PERSON),
        ("ਅਮਰਿੰਦਰ ਸਿੰਘ", "Amarinder Singh", PERSON),
        ("ਬੱਬਰ ਖ਼ਾਲਸਾ", "Babbar Khalsa", UNKNOWN),
        ("ਜ਼ਫ਼ਰ ਸ਼ਾਹ", "Zafar Shah", PERSON),  # letters with a nukta, which Unicode's canonical form writes apart
        ("ইসলামী ব্যাংক", "Islami Bank", UNKNOWN),
        ("জামাতুল মুজাহিদীন বাংলাদেশ", "Jamaatul Mujahideen Bangladesh", UNKNOWN),
        ("নরেন্দ্র মোদী", "Narendra Modi", PERSON),
        ("નરેન્દ્ર મોદી", "Narendra Modi", PERSON),  # Gujarati
    ],
)
def test_an_indic_name_meets_its_latin_spelling(indic: str, latin: str, kind: str) -> None:
    """Each scored 0.02-0.60 when the letters were read one by one ("amrimdr simgh"), but "Amit
    Shah" and the last two, 0.87 ("nrendr modi")."""
    names = ListIndex([]).index
    assert compare(names, indic, latin, listed_kind=kind).score >= 0.8, (indic, latin)


@pytest.mark.parametrize(
    ("indic", "latin"),
    [("मसूद अज़हर", "Masood Akhtar"), ("नरेन्द्र मोदी", "Narendra Modak"), ("ਅਮਰਿੰਦਰ ਸਿੰਘ", "Amarjit Singh"), ("ইসলামী ব্যাংক", "Islami Insurance")],
)
def test_another_name_stays_apart_from_an_indic_one(indic: str, latin: str) -> None:
    names = ListIndex([]).index
    assert compare(names, indic, latin).score < 0.72, (indic, latin)


def test_a_name_in_tamil_is_left_to_anyascii() -> None:
    """Tamil's letters each write a voiced and an unvoiced consonant, which the Sanskrit
    transliteration reads wrongly ("அப்துல்": "abhdhul"): read letter by letter, as before."""
    assert normalize_name("அப்துல் கலாம்").tokens == ("aptul", "klam")
