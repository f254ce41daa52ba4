"""Korean names written in Chinese characters meet their Latin spellings ("金正恩" / "Kim Jong Un"):
a short name whose first character reads as a Korean family name is read in Korean too, each
character by its Unihan reading, beside its Mandarin reading; a name that may not be Korean (a
Chinese family name Korea does not use, a simplified character, a long organisation's name) is
not read so."""

from __future__ import annotations

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.korean import hanja_readings, korean_form, korean_reading
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

PEOPLE = [
    ("kim-jong-un", "KIM, Jong Un", "individual", ()),
    ("kim-il-sung", "Kim Il Sung", "individual", ()),
    ("kim-yo-jong", "KIM YO JONG", "individual", ()),
    ("choe-ryong-hae", "CHOE, Ryong Hae", "individual", ()),
    ("ri-sol-ju", "Ri Sol Ju", "individual", ()),
    ("park", "Park Geun-hye", "individual", ()),
    ("kim-sun-nam", "KIM Sun Nam", "individual", ()),
    ("roh", "ROH Moo-hyun", "individual", ()),
    ("li-ming", "LI, Ming", "individual", ()),
    ("wang-wei", "WANG, Wei", "individual", ()),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(make_states(PEOPLE))


def test_the_table_holds_each_characters_readings_the_usual_first() -> None:
    """Each character's readings, the one taught in school first ("金": 금, gold, then 김, the
    family name; "北": 북, not 배), the older reading with its initial r kept, as North Korean
    names are written ("龍" 룡, Ryong)."""
    table = hanja_readings()
    assert table["金"] == ("금", "김") and table["北"][0] == "북" and table["純"][0] == "순" and table["龍"][0] == "룡"
    assert table["朴"] == ("박",) and table["崔"] == ("최",)
    assert "习" not in table  # a simplified character: Chinese only
    assert len(table) > 8000


@pytest.mark.parametrize(
    ("original", "reading"),
    [
        ("金正恩", "김정은"), ("金日成", "김일성"), ("崔龍海", "최룡해"), ("李雪主", "리설주"), ("朴槿惠", "박근혜"),
        ("金純男", "김순남"),  # "純" as taught, 순, not 준, one of its readings allowed in names
        ("盧武鉉", "로무현"),  # the first of the family character's readings that is a family name
    ],
)
def test_names_read_in_korean(original: str, reading: str) -> None:
    assert korean_reading(original) == reading


@pytest.mark.parametrize(
    "original",
    [
        "王伟",  # a simplified character (and Wang is no family name the Korean rules here read)
        "习近平",  # a simplified character, which Korean does not write
        "山田太郎",  # Japanese: its first character no family name
        "中国",  # "中" reads 중, "jung": a South Korean spelling of 정, not a family name read so
        "金",  # one character: no name of a person
        "金正恩金正恩金",  # longer than a person's name
        "華為技術有限公司",
        "김정은",  # Hangul, read as Hangul is
        "",
    ],
)
def test_names_that_are_not_read_in_korean(original: str) -> None:
    assert korean_reading(original) is None
    assert korean_form(normalize_name(original or "Acme")) is None


def test_an_organisations_name_is_not_read_in_korean() -> None:
    """A name with a legal form is an organisation's, however its other characters read ("崔龍海有限
    公司": the company's name, a person's, is left when the form is cut, and stays Chinese)."""
    company = normalize_name("崔龍海有限公司")
    assert company.legal_forms and korean_reading(company.original) == "최룡해"
    assert korean_form(company) is None


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("金正恩", "kim-jong-un"),
        ("金日成", "kim-il-sung"),
        ("金與正", "kim-yo-jong"),
        ("崔龍海", "choe-ryong-hae"),
        ("李雪主", "ri-sol-ju"),
        ("朴槿惠", "park"),
        ("金純男", "kim-sun-nam"),
        ("盧武鉉", "roh"),
    ],
)
def test_a_korean_name_in_characters_finds_its_latin_spelling(index: ListIndex, query: str, party: str) -> None:
    found = index.screen(query, explain=False)
    assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


def test_chinese_names_keep_their_mandarin_reading(index: ListIndex) -> None:
    """A Chinese name that may also be Korean still meets its pinyin first ("李明" / "Li Ming"), and
    one that may not ("王伟") is read in Mandarin alone."""
    found = index.screen("李明", explain=False)
    assert found and found[0].party_id == "li-ming" and found[0].score == 1.0
    assert [m.party_id for m in index.screen("王伟", explain=False)] == ["wang-wei"]


def test_another_korean_person_stays_below_the_threshold(index: ListIndex) -> None:
    """One family name and one syllable shared is another person ("金正日", Kim Jong Il, is not
    Kim Jong Un)."""
    found = index.screen("金正日", explain=False, query_type="person")
    assert "kim-jong-un" not in [m.party_id for m in found]


def test_pairs_are_compared_in_either_word_order(index: ListIndex) -> None:
    """A query in characters is read in Korean as a query in Japanese is (the listed side, in Latin
    letters on the lists that write Korean names, is compared as written)."""
    names: NameIndex = index.index
    assert compare(names, "金正恩", "Kim Jong Un").score == 1.0
    assert compare(names, "金正恩", "KIM, Jong Un").score >= 0.9
    assert compare(names, "金正恩", "Park Geun-hye").score < 0.3


def test_the_table_is_built_from_unihan_readings() -> None:
    """``scripts/build_hanja_readings.py`` keeps the readings of KS X 1001 and of people's names,
    the one taught in school first, and passes over a reading of no source it keeps or a malformed
    item: the table ships only what it built (``hanja_readings.yaml``)."""
    import runpy
    from pathlib import Path

    script = runpy.run_path(str(Path(__file__).resolve().parent.parent / "scripts" / "build_hanja_readings.py"))
    version, notice, table = script["readings"]([
        "# Unicode version: 15.0.0",
        "# © 2022 Unicode®, Inc.",
        "U+5317\tkHangul\t배:0N 북:0E",  # 北: the reading taught in school first
        "U+91D1\tkHangul\t금:0E 김:0N",  # 金
        "U+349A\tkHangul\t온:1",  # a source not kept: left out
        "U+4E00\tkHangul\t일:0E odd",  # a malformed item passed over
        "U+4E00\tkMandarin\tyī",
    ])
    assert (version, notice) == ("15.0.0", "© 2022 Unicode®, Inc.")
    assert table == {"北": ["북", "배"], "金": ["금", "김"], "一": ["일"]}


@pytest.mark.parametrize(("query", "listed", "same"), [
    ("Jang Lee", "RI, Chong Chol", False),  # 장 / 정: other syllables, not a sound-alike ("JNK" both)
    ("Kim Jang Un", "KIM, Jong Un", False),
    ("Kang Ha Chan", "JANG, Chang Ha", False),  # 강 / 장: another family
    ("Кан Ен Чжон", "JON, Yong Sang", False),  # in Russian, read back into Hangul
    ("Чжан Ли", "RI, Chong Chol", False),  # a Chinese name in Russian, read as Korean too
    ("Kim Jung Un", "KIM, Jong Un", True),  # 정 as South Korean names write it
    ("Kim Jomg Un", "KIM, Jong Un", True),  # a typo that is no syllable is still a typo
    ("Ri Chong Chul", "RI, Chong Chol", True),
    ("HAN, Kon U", "HAN, Kwon U", True),  # a glide left out, as sources write a syllable carelessly
    ("Ким Чен Ын", "KIM, Jong Un", True),
])
def test_people_named_in_korean_syllables_differ_by_any_syllable(query: str, listed: str, same: bool) -> None:
    """Two Korean names written a syllable a word: syllables the romanisations write apart are
    other syllables, other names, as in pinyin ("Wang Fang" / "WANG, Feng"), however alike they
    sound or are spelt ("Jang" / "JONG" share a phonetic key and three letters of four)."""
    from entitylist.matching.kinds import PERSON

    names = NameIndex(
        [(0, listed, "name"), (1, "KIM, Song Il", "name"), (2, "Lotus Textiles", "name")], person_records=frozenset({0, 1}),
    )
    assert (compare(names, query, listed, listed_kind=PERSON).score >= 0.72) == same


@pytest.mark.parametrize(("query", "listed", "same"), [
    ("Ri Thae", "RI, Thae Chol", False),  # a syllable of the given name left out: another given name
    ("Ли Тхэ", "RI, Thae Chol", False),  # in Russian, as transliterated and as read back
    ("Ли Чхоль", "RI, Chong Chol", False),
    ("Jong Un Kim", "KIM, Jong Un", True),  # the family name last, in the Western order
    ("Chol Nam Kim", "KIM, Chol Nam", True),
    ("Kim Jongun", "KIM, Jong Un", True),  # the given name written as one word
    ("Ким Чер Нам", "KIM, Chol Nam", True),
    ("JO, Yon Jun S.A.", "JO, Yon Jun", True),  # a word added is noise, not a syllable left out
    ("TSAI SU, Lu-Chi", "SU, Lu-Chi", True),  # a Chinese name in Wade-Giles, not a Korean one
])
def test_a_korean_given_name_is_all_its_syllables(query: str, listed: str, same: bool) -> None:
    """A Korean given name is its syllables: one of them alone names another person
    (``korean_syllable_left_out``); the family name may go first or last."""
    from entitylist.matching.kinds import PERSON

    names = NameIndex(
        [(0, listed, "name"), (1, "KIM, Song Il", "name"), (2, "Lotus Textiles", "name")], person_records=frozenset({0, 1}),
    )
    found = compare(names, query, listed, listed_kind=PERSON)
    assert (found.score >= 0.72) == same, found.score


def test_a_hong_kong_name_is_no_korean_one() -> None:
    """Hong Kong writes a family name, two syllables and an English given name ("LEE, Ka Chiu
    John"), which read as Korean syllables too: "John Lee" is the same man, with no Korean
    syllable left out; a three-word Korean name is."""
    from entitylist.matching.kinds import PERSON

    names = NameIndex([(0, "LEE, Ka Chiu John", "name"), (1, "RI, Thae Chol", "name")], person_records=frozenset({0, 1}))

    def features(query: str, listed: str) -> list[str]:
        return [f["feature"] for f in compare(names, query, listed, explain=True, listed_kind=PERSON).explanation["features"]]

    assert "korean_syllable_left_out" not in features("John Lee", "LEE, Ka Chiu John")
    assert "korean_syllable_left_out" in features("Ri Thae", "RI, Thae Chol")
