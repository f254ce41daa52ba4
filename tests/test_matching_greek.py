"""Names written in Greek against their romanisations: Greek writes "b", "d" and "g" with the
letter pairs "μπ", "ντ" and "γκ", above all in foreign names, and romanised Greek names write
"ου", "αυ" and "ευ" as "ou", "av" and "ev"; a letter-by-letter transliteration wrote each letter
apart ("Οσάμα μπιν Λάντεν" was "Osama mpin Lanten", and scored 0.17 against Osama bin Laden)."""

from __future__ import annotations

import pytest

from entitylist.matching.greek import read_greek, read_greek_word
from entitylist.matching.kinds import PERSON
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex

THRESHOLD = 0.72


@pytest.mark.parametrize(("greek", "read"), [
    ("Μπασάρ", "βασάρ".replace("β", "b").replace("ά", "α")),  # "μπ" at the start: "b"
    ("Λαμπράκης", "λαmbρακης"),       # inside: "mb"
    ("Τραμπ", "τραmp"),               # at the end: "mp"
    ("Λάντεν", "λαndεν"),             # "ντ" inside: "nd"
    ("Ντόναλντ", "dοναλd"),           # "ντ": "d" at the start and the end
    ("Αγγελική", "αngελικη"),         # "γγ": "ng"
    ("Πούτιν", "πouτιν"),             # "ου": "ou"
    ("Ευάγγελος", "evngελος".replace("vng", "vαng")),  # "ευ" before a vowel: "ev"
    ("Ευθύμιος", "efθυμιος"),         # ... before a voiceless consonant: "ef"
    ("Ευρωπαϊκή", "evρωπαικη"),       # a diaeresis keeps "αϊ" apart (and is dropped)
    ("Προϋπολογισμός", "προυπολογισμος"),  # ... and "οϋ" is no "ou"
])
def test_greek_letter_pairs_are_read_together(greek: str, read: str) -> None:
    assert read_greek_word(greek) == read


def test_only_greek_words_are_read() -> None:
    """Latin words are left as they are; a Greek word's other letters are left to the
    transliteration that follows."""
    assert read_greek("Osama Μπιν Laden") == "Osama bιν Laden"
    assert read_greek("Jose\u0301") == "Jose\u0301"  # a decomposed Latin letter's accent is no Greek word


@pytest.mark.parametrize(("greek", "latin"), [
    ("Οσάμα μπιν Λάντεν", "Osama bin Laden"),
    ("Ντόναλντ Τραμπ", "Donald Trump"),
    ("Ερντογάν", "Erdogan"),
    ("Βλαντιμίρ Πούτιν", "Vladimir Putin"),
    ("Γιώργος Παπανδρέου", "Giorgos Papandreou"),
    ("Ευάγγελος Βενιζέλος", "Evangelos Venizelos"),
    ("ΜΠΑΣΑΡ ΑΛ ΑΣΑΝΤ", "Bashar al-Assad"),
])
def test_greek_names_meet_their_romanisations(greek: str, latin: str) -> None:
    index = ListIndex([]).index
    assert compare(index, greek, latin, listed_kind=PERSON).score >= THRESHOLD, (greek, latin)


@pytest.mark.parametrize(("greek", "latin"), [
    ("Ντόναλντ Τραμπ", "Donald Duck"),
    ("Γιώργος Παπανδρέου", "Georgios Papadopoulos"),
    ("Λάντεν", "Lantos"),
    ("Αντώνης", "Andrews"),
])
def test_other_names_stay_apart_from_greek_ones(greek: str, latin: str) -> None:
    index = ListIndex([]).index
    assert compare(index, greek, latin, listed_kind=PERSON).score < THRESHOLD, (greek, latin)


def test_a_greek_name_normalises_to_its_romanised_words() -> None:
    assert normalize_name("Οσάμα μπιν Λάντεν", person=True).tokens == ("osama", "bin", "landen")
