"""Transliterated Russian, Arabic and Persian names against their English translations, and
acronyms of the words as written (issue 12, second round; ``vocab/transliterated_words.yaml``)."""

from __future__ import annotations

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import ORGANIZATION
from entitylist.matching.score import compare

LISTED = ["FEDERAL SECURITY SERVICE", "AL-NUSRAH FRONT", "PARDIS INVESTMENT COMPANY", "KATA'IB HIZBALLAH",
          "OOO 'DSK'", "Kuang Shi Technology", "JOINT STOCK COMPANY BLACK SEA BANK OF DEVELOPMENT AND RECONSTRUCTION"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex([(i, name, "name") for i, name in enumerate(LISTED)])


@pytest.mark.parametrize(("written", "translated"), [
    ("FEDERALNAYA SLUZHBA BEZOPASNOSTI", "FEDERAL SECURITY SERVICE"),                   # Russian
    ("AKTSIONERNOE OBSHCHESTVO CHERNOMORSKI BANK RAZVITIYA I REKONSTRUKTSII",
     "JOINT STOCK COMPANY BLACK SEA BANK OF DEVELOPMENT AND RECONSTRUCTION"),
    ("JABHAT AL-NUSRAH", "AL-NUSRAH FRONT"),                                             # Arabic
    ("SHERKAT-E SARMAYEGOZARI-E PARDIS", "PARDIS INVESTMENT COMPANY"),                   # Persian
])
def test_transliterated_names_meet_their_translation(index: NameIndex, written: str, translated: str) -> None:
    assert compare(index, written, translated, listed_kind=ORGANIZATION).score >= 0.85


def test_spelling_variants_of_a_translated_word_still_meet(index: NameIndex) -> None:
    assert compare(index, "KHATA'IB HEZBOLLAH", "KATA'IB HIZBALLAH", listed_kind=ORGANIZATION).score >= 0.8


def test_an_acronym_of_the_words_as_written(index: NameIndex) -> None:
    """"DSK" stands for "Dorozhnaya Stroitelnaya Kompaniya", although those words are read as English."""
    assert compare(index, "OOO 'DOROZHNAYA STROITELNAYA KOMPANIA'", "OOO 'DSK'", listed_kind=ORGANIZATION).score >= 0.8


def test_a_pinyin_syllable_of_a_name_in_characters_is_no_acronym(index: NameIndex) -> None:
    assert compare(index, "Shenzhen Huaantai Intelligent Technology", "旷视科技", listed_kind=ORGANIZATION).score < 0.3


@pytest.mark.parametrize(("short", "full"), [
    ("AO NII Kristall", "Joint Stock Company Scientific Research Institute Kristall"),
    ("KB Kometa JSC", "Design Bureau Kometa, Joint Stock Company"),  # "KB" is no Swedish partnership here
    ("NPO Okean", "Scientific Production Association Okean"),      # nor "NPO" a non-profit
])
def test_russian_initialisms_of_an_organisations_kind(short: str, full: str) -> None:
    index = NameIndex([(0, full, "name"), *((i, name, "name") for i, name in enumerate(LISTED, 1))])
    assert compare(index, short, full, listed_kind=ORGANIZATION).score >= 0.9


def test_a_city_the_query_leaves_out_costs_little() -> None:
    index = NameIndex([(0, "Limited Liability Company Zvezda Saint Petersburg", "name"), *((i, name, "name") for i, name in enumerate(LISTED, 1))])
    assert compare(index, "OOO Zvezda", "Limited Liability Company Zvezda Saint Petersburg", listed_kind=ORGANIZATION).score >= 0.72
