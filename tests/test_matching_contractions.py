"""Second round of issue 12: classes found among OFAC names against their own aliases that the
first round missed: company names shortened to the beginnings of their words run together,
romanised Arabic and Persian name words spelt with other vowels and consonant digraphs, long
words of one stem, and the order of pairs that match no word."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path
from types import ModuleType

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import ORGANIZATION, PERSON
from entitylist.matching.score import compare

LISTED = [
    "COLOMBIANA DE CERDOS LTDA.", "INDUSTRIAL MINERA Y PECUARIA S.A.", "DISTRIBUIDORA DE SERVICIOS Y COMBUSTIBLES S.A.",
    "DAHUA TECHNOLOGY", "SUGHAYR, Muhammad 'Abdallah Salih", "MAHMOUD, Ali Habib", "AL-JUHNI, 'Abd Al-Rahman",
    "Lotus Textiles", "Harbor Mining", "Xinjiang Lianhai Chuangzhi Information Technology",
]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex([(i, name, "name") for i, name in enumerate(LISTED)])


@pytest.mark.parametrize(("short", "full"), [
    ("COLCERDOS LTDA.", "COLOMBIANA DE CERDOS LTDA."),      # the beginning of one word, the other whole
    ("IMPECUA S.A.", "INDUSTRIAL MINERA Y PECUARIA S.A."),  # one-letter parts
    ("DISERCOM S.A.S.", "DISTRIBUIDORA DE SERVICIOS Y COMBUSTIBLES S.A."),
])
def test_a_contraction_meets_the_words_it_is_made_of(index: NameIndex, short: str, full: str) -> None:
    assert compare(index, short, full, listed_kind=ORGANIZATION).score >= 0.72
    assert compare(index, full, short, listed_kind=ORGANIZATION).score >= 0.72  # either side may be the short one


@pytest.mark.parametrize(("query", "listed"), [
    ("Dalian Cloud Huawei", "DAHUA TECHNOLOGY"),  # a short brand spelt by chance from other words' beginnings
    ("Colcerdos", "Lotus Textiles"),
    ("Lotustex Mining", "Harbor Mining"),
    ("Shenzhen Lianchuang Information Technology", "Xinjiang Lianhai Chuangzhi Information Technology"),  # pinyin syllables
])
def test_short_words_and_unrelated_names_are_no_contraction(index: NameIndex, query: str, listed: str) -> None:
    assert compare(index, query, listed, listed_kind=ORGANIZATION).score < 0.5


def test_romanised_name_words_with_other_vowels_and_digraphs_match(index: NameIndex) -> None:
    assert compare(index, "AL-SUGAYER, Muhammad", "SUGHAYR, Muhammad 'Abdallah Salih", listed_kind=PERSON).score >= 0.5
    assert compare(index, "AL-JAHANI, 'Abd Al-Rahman", "AL-JUHNI, 'Abd Al-Rahman", listed_kind=PERSON).score >= 0.85


@pytest.mark.parametrize(("query", "listed"), [
    ("SHARGH CEMENT", "SHARQ CEMENT"),  # Persian "gh" for qaf
    ("AL-HARAMAYN FOUNDATION", "AL-HARAMAIN FOUNDATION"),
    ("BAGHIATOLLAH MEDICAL SCIENCES UNIVERSITY", "BAQIYATTALLAH UNIVERSITY OF MEDICAL SCIENCES"),
])
def test_an_organisations_romanised_words_match_as_a_persons_do(query: str, listed: str) -> None:
    """Arabic and Persian words of organisations' names are romanised as people's are."""
    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name"), (2, "OBRAS, SERVICIOS Y MANTENIMIENTOS C.A.", "name")])
    assert compare(index, query, listed, listed_kind=ORGANIZATION).score >= 0.85


@pytest.mark.parametrize(("query", "listed"), [
    ("IHSAN CHARITY", "ELEHSSAN"),  # the article run on, and the word in another romanisation ("ehssan")
    ("AL-AHSAN CHARITABLE ORGANIZATION", "ELEHSSAN"),
])
def test_an_organisations_word_with_the_article_run_on_meets_another_romanisation(query: str, listed: str) -> None:
    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name"), (2, "ELMAS HOLDING", "name")])
    assert compare(index, query, listed, listed_kind=ORGANIZATION).score >= 0.72
    assert compare(index, "Elements Trading", listed, listed_kind=ORGANIZATION).score < 0.1
    assert compare(index, "Mas Holding", "ELMAS HOLDING", listed_kind=ORGANIZATION).score < 0.1  # "el" begins a name too


@pytest.mark.parametrize(("query", "listed"), [
    ("Shark Cement", "SHARQ CEMENT"),  # a common word is taken as written
    ("CABRASA", "OBRAS, SERVICIOS Y MANTENIMIENTOS C.A."),  # an organisation's "c" is no Somali ayn ("Cabdi")
])
def test_an_organisations_ordinary_words_are_no_romanisations(query: str, listed: str) -> None:
    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name"), (2, "Grupo Industrial del Norte S.A.", "name")])
    assert compare(index, query, listed, listed_kind=ORGANIZATION).score < 0.3


def test_names_sharing_only_their_consonants_stay_apart(index: NameIndex) -> None:
    """"Muhammad" and "Mahmud" (m-h-m-d) are different names."""
    assert compare(index, "JABIR, Muhammad", "MAHMOUD, Ali Habib", listed_kind=PERSON).score < 0.1


@pytest.mark.parametrize(("query", "listed"), [
    ("KRASNODARSKIY REGIONAL INVESTMENT BANK", "KRASNODAR REGIONAL INVESTMENT BANK"),  # a Russian adjective of a place
    ("DOLGOPRUDNENSKOYE RESEARCH ENTERPRISE", "DOLGOPRUDNY RESEARCH ENTERPRISE"),
    ("YAZD METALLURGICAL INDUSTRIES", "YAZD METALLURGY INDUSTRIES"),
])
def test_long_words_of_one_stem_match(index: NameIndex, query: str, listed: str) -> None:
    assert compare(index, query, listed, listed_kind=ORGANIZATION).score >= 0.85


def test_a_patronymic_is_not_the_given_name_it_comes_from(index: NameIndex) -> None:
    assert compare(index, "ANTIUFEYEV, Vladimir", "PODKOPAEV, Vadim Vladimirovich", listed_kind=PERSON).score < 0.05


def test_pairs_that_match_no_word_are_ordered_by_the_spelling_of_their_words(index: NameIndex) -> None:
    """Far below any threshold, a transliteration of each word of the shorter name ("GHATHAFI,
    Mouammar" / "GADDAFI, Muhammar") ranks above an unrelated name, whatever the word order and
    however many more words the longer name has."""
    variant = compare(index, "GHATHAFI, Mouammar Abu Minyar", "GADDAFI, Muhammar", listed_kind=PERSON).score
    assert compare(index, "Mouammar Abu Minyar GHATHAFI", "GADDAFI, Muhammar", listed_kind=PERSON).score == variant
    assert 0.03 < variant < 0.05 and compare(index, "KOVALENKO, Boris", "GADDAFI, Muhammar", listed_kind=PERSON).score < 0.01


def test_the_kept_pinyin_syllables_are_those_of_pypinyins_dictionary() -> None:
    """vocab/pinyin_syllables.yaml is read instead of working the syllables out in every process:
    it must hold what pypinyin's dictionary gives (regenerate it when pypinyin adds readings)."""
    from pypinyin.constants import PINYIN_DICT
    from pypinyin.contrib.tone_convert import to_normal

    from entitylist.matching.vocabulary import is_pinyin, pinyin_syllables

    readings = (to_normal(reading) for value in PINYIN_DICT.values() for reading in value.split(","))
    assert pinyin_syllables() == frozenset(r for r in readings if r.isascii() and r.isalpha())
    assert is_pinyin("lianchuang") and not is_pinyin("colcerdos")


@pytest.mark.parametrize("word", ["foundation", "education", "singapore", "canalve", "aeisa", "kayum", "namchongang"])
def test_words_read_as_syllables_only_with_a_vowel_inside_or_an_interjection_are_no_pinyin(word: str) -> None:
    """Pinyin writes an apostrophe before a syllable beginning with a vowel inside a word, and no
    name is written with an interjection ("m", "ng") or "lve": "Canalve" is no "ca-na-lve"."""
    from entitylist.matching.vocabulary import is_pinyin

    assert not is_pinyin(word)


@pytest.mark.parametrize("word", ["lianchuang", "zhicheng", "guangzhou", "xian", "anhui", "ouyang", "haidian"])
def test_romanised_chinese_words_are_pinyin(word: str) -> None:
    from entitylist.matching.vocabulary import is_pinyin

    assert is_pinyin(word)


@pytest.mark.parametrize(("short", "full"), [
    ("CANALVE LTDA.", "CANALES VENECIA LTDA."),  # "ca-na-lve" was taken for pinyin syllables, so no contraction
])
def test_a_contraction_that_reads_as_pinyin_syllables_only_by_odd_ones_still_counts(index: NameIndex, short: str, full: str) -> None:
    assert compare(index, short, full, listed_kind=ORGANIZATION).score >= 0.72


@pytest.mark.parametrize(("query", "listed"), [
    ("SERVICIOS Y GASOLINERAS BARRANCOS", "PETROBARRANCOS"),  # a part run onto the listed word
    ("NUEVOCONTINENTE S.A.", "AERO CONTINENTE S.A."),            # onto the query's
])
def test_a_word_with_a_part_run_onto_it_is_weak_evidence(query: str, listed: str) -> None:
    """Far above unrelated names, far below the threshold alone."""
    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name"), (2, "GRUPO INDUSTRIAL DEL NORTE S.A.", "name")])
    assert 0.05 <= compare(index, query, listed, listed_kind=ORGANIZATION).score < 0.5
    assert compare(index, query, "Lotus Textiles", listed_kind=ORGANIZATION).score < 0.05


def test_a_common_word_inside_another_or_around_it_is_no_compound() -> None:
    """"Interexpress" holds "express", a word too common to tell names apart; "Petroleum" begins
    with "Petro" but is a word of its own."""
    index = NameIndex([(0, "AERO EXPRESS S.A.", "name"), (1, "Lotus Textiles", "name"), (2, "EXPRESS TRADING", "name"),
                       (3, "PETRO GREEN", "name")])
    assert compare(index, "INTEREXPRESS", "AERO EXPRESS S.A.", listed_kind=ORGANIZATION).score < 0.05
    assert compare(index, "Diamond Petroleum Ltd", "PETRO GREEN", listed_kind=ORGANIZATION).score < 0.05


def test_a_plural_too_long_for_a_typo_is_another_form_of_the_word() -> None:
    """"Hoteles" is "Hotel" with "-es"; between people's names, "Flores" is no plural of "Flor"."""
    index = NameIndex([(0, "HOTELES Y BIENES S.A.", "name"), (1, "Lotus Textiles", "name"), (2, "FLORES, Maria", "name")],
                      person_records=frozenset({2}))
    assert compare(index, "HOTEL NUEVA GRANADA", "HOTELES Y BIENES S.A.", listed_kind=ORGANIZATION).score > 0.05
    assert compare(index, "FLOR, Maria", "FLORES, Maria", listed_kind=PERSON).score < 0.72


def test_a_typo_of_a_long_listed_word_is_still_looked_up_and_a_word_longer_than_any_is_not() -> None:
    """Typos are looked up two deletions deep; a word longer by more than two letters than every
    listed word has none there, so the look-up is skipped (a thousand-letter word costs nothing)."""
    long_word = "Abcdefghijklmnopqrstuvwxyzabcdefghijkl"  # 38 letters: past the length checked first
    index = NameIndex([(0, f"{long_word} Trading", "name"), (1, "Lotus Textiles", "name")])
    typo = long_word[:10] + long_word[11:]  # a letter left out
    assert long_word.lower() in index.matches(typo.lower())
    assert index.matches("x" * 1000) == {}


def _interpreted_score() -> ModuleType:
    """``score.py`` run by the interpreter, its contraction search left to its Python path."""
    from entitylist.matching import score

    source = Path(score.__file__ or "").with_name("score.py")
    spec = importlib.util.spec_from_file_location("entitylist_score_interpreted", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._CONTRACTION_PARTS = lambda _word, _tokens: False  # (what ``_letters.c`` answers for a word it leaves to Python)
    return module


def _contraction_case(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    """A name's words over a few letters (so that beginnings meet often) and a word: most of
    them spelt from beginnings of its words in order, some with a word skipped or a letter
    changed, others at random."""
    letters = "abcdeo"
    tokens = tuple(
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 8))) if rng.random() < 0.9 else rng.choice(["12", "a1", "x-y"])
        for _ in range(rng.randint(1, 7))
    )
    roll = rng.random()
    if roll < 0.7 and len(tokens) > 1:
        at, parts = rng.randrange(len(tokens) - 1), []
        while at < len(tokens):
            parts.append(tokens[at][: rng.randint(1, len(tokens[at]))])
            at += rng.choice([1, 1, 1, 2])
        word = "".join(parts)
        if roll < 0.1 and word:
            changed = rng.randrange(len(word))
            word = word[:changed] + rng.choice(letters) + word[changed + 1:]
    else:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(4, 14)))
    return word, tokens


def test_the_compiled_contraction_search_finds_the_parts_python_finds() -> None:
    """``_letters.contraction_parts`` (C), as ``score.contraction_parts`` calls it, gives the
    parts the Python search gives, on 40,000 words and names built to be spelt from the names'
    beginnings in every way the search tries (a word skipped, one-letter parts, a letter off,
    words that are not letters, the words themselves run together), and leaves to Python what
    is not ASCII."""
    _letters = pytest.importorskip("entitylist.matching._letters")
    from entitylist.matching import score

    assert score._CONTRACTION_PARTS is _letters.contraction_parts  # (what matching calls, where compiled)
    interpreted = _interpreted_score()
    assert interpreted._CONTRACTION_PARTS is not _letters.contraction_parts
    rng = random.Random(41)
    found = 0
    for _ in range(40_000):
        word, tokens = _contraction_case(rng)
        parts = score.contraction_parts(word, tokens)
        assert parts == interpreted.contraction_parts(word, tokens), (word, tokens)
        found += parts is not None
    assert found > 5_000
    assert score.contraction_parts("colcerdos", ("colombiana", "de", "cerdos")) == [(0, 3), (2, 6)]
    assert _letters.contraction_parts("colcerdos", ("colombiana", "dé", "cerdos")) is False
    assert _letters.contraction_parts("cölcerdos", ("colombiana", "cerdos")) is False
    assert _letters.contraction_parts("colcerdos", ("colombiana", "")) is False  # (an empty word: left to Python's path)
    assert _letters.contraction_parts("colombianacerdos", ("colombiana", "cerdos")) is None  # (the words run together)
    for wrong in [("colcerdos", ["col", "cerdos"]), (b"colcerdos", ("col", "cerdos")), ("colcerdos", ("col", 1)), ("colcerdos",)]:
        with pytest.raises(TypeError):
            _letters.contraction_parts(*wrong)
