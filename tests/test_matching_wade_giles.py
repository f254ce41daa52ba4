"""Chinese names in Wade-Giles ("Chang Chun-hsiung", "Mao Tse-tung") against the same names in
pinyin ("Zhang Junxiong", "Mao Zedong"), whichever side is listed; and the pinyin names that
Wade-Giles would write alike ("Zhang Wei" and "Chang Wei", two names) kept apart."""

from __future__ import annotations

import pytest

from entitylist.matching.normalize import normalize_name
from entitylist.matching.wade_giles import as_pinyin, as_wade_giles, romanised_chinese
from entitylist.screening import ListIndex
from tests.matching_fixtures import assert_found_at_top, people_index

PEOPLE = [
    ("zhang-junxiong", "ZHANG, Junxiong"),
    ("mao", "MAO, Zedong"),
    ("deng", "DENG, Xiaoping"),
    ("xiao", "XIAO, Wenqing"),
    ("xu-wei", "XU, Wei"),
    ("chen", "CHEN, Shuibian"),
    ("zhang-wei", "ZHANG, Wei"),
    ("wu-tung", "WU, Tung-ming"),  # listed in Wade-Giles
    ("chiang", "CHIANG, Ching-kuo"),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return people_index(PEOPLE)


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("Chang Chun-hsiung", "zhang-junxiong"),
        ("Mao Tse-tung", "mao"),
        ("Teng Hsiao-ping", "deng"),
        ("Hsiao Wen-ching", "xiao"),
        ("Hsu Wei", "xu-wei"),
        ("Chen Shui-pien", "chen"),
        ("Wu Dongming", "wu-tung"),  # pinyin against Wade-Giles listed
        ("Jiang Jingguo", "chiang"),
    ],
)
def test_one_romanisation_finds_the_other(index: ListIndex, query: str, party: str) -> None:
    assert_found_at_top(index, query, party)


def test_a_name_in_characters_finds_its_wade_giles_spelling(index: ListIndex) -> None:
    """A name in Chinese characters is read in pinyin, and its syllables are looked up in
    Wade-Giles too ("毛泽东" / "MAO, Tse-tung" scored 0.43, "ze" and "dong" met no "tse", "tung")."""
    listed_in_wade_giles = people_index([("mao", "MAO, Tse-tung"), ("deng", "TENG, Hsiao-ping")])
    for query, party in [("毛泽东", "mao"), ("邓小平", "deng")]:
        assert_found_at_top(listed_in_wade_giles, query, party)
    assert_found_at_top(index, "毛泽东", "mao")  # (and as pinyin)


def test_characters_read_in_pinyin_are_no_wade_giles_spelling() -> None:
    """A name in characters is read in pinyin for sure: its "chang" (场) is no Wade-Giles
    "chang" (张, zhang), though the listed word may be a Wade-Giles spelling. "市场" (the market,
    in every Chinese business text) met "ZHANG, Shi" at 0.94; in Latin letters "Shi Chang" may
    be Wade-Giles and still does."""
    listed = people_index([("zhang-shi", "ZHANG, Shi"), ("chang-shih", "CHANG, Shih")])
    for query in ("市场", "市場"):
        assert all(m.party_id != "zhang-shi" for m in listed.screen(query, explain=False)), query
    assert_found_at_top(listed, "张石", "zhang-shi")
    assert "zhang-shi" in [m.party_id for m in listed.screen("Shi Chang", explain=False)]


def test_pinyin_names_are_read_as_written(index: ListIndex) -> None:
    # "Chang Wei" (常伟) spells no Wade-Giles that pinyin does not: its "chang" is no romanisation
    # of "zhang" (张); the one letter apart is a typo's worth, no more
    found = index.screen("Chang Wei", threshold=0.0, query_type="person")
    zhang = next(m for m in found if m.party_id == "zhang-wei")
    assert {t["how"] for t in zhang.explanation["tokens"]} == {"exact", "fuzzy"}


def test_spellings_each_way() -> None:
    assert {"junxiong", "qunxiong"} <= as_pinyin("chunhsiung")
    assert "zedong" in as_pinyin("tsetung") and as_pinyin("hsiao") == {"xiao"}
    assert as_wade_giles("junxiong") == "chunhsiung" and as_wade_giles("jian") == "chien"
    assert as_wade_giles("hello") == ""
    assert romanised_chinese(("chang", "chun", "hsiung")) == "wade-giles"
    assert romanised_chinese(("chang", "wei")) == "pinyin"  # spelt alike in both: read as pinyin
    assert romanised_chinese(("chen", "shui", "pien")) == "wade-giles"  # ("pie" + "n" is no name's pinyin)
    assert romanised_chinese(("golden", "harbor")) == ""


def test_a_syllable_spelling_a_legal_form_stays_in_a_chinese_name() -> None:
    # screened without a type, "Yu" and "Na" were taken for legal forms (rigour's): "Wang Yu" was "Wang"
    assert normalize_name("Wang Yu").tokens == ("wang", "yu") and not normalize_name("Wang Yu").legal_forms
    assert normalize_name("Li Na").tokens == ("li", "na")
    assert normalize_name("Feng Yu-hsiang").tokens == ("feng", "yu", "hsiang")
    assert normalize_name("AO Kometa").tokens == ("kometa",)  # not Chinese: a Russian legal form
    assert normalize_name("Yu Trading Co").tokens == ("trading", "company")


def test_how_a_name_romanises_chinese_is_told_in_one_walk_over_its_words() -> None:
    """``romanised_chinese`` answers as its definition reads, for names of every kind: pinyin and
    Wade-Giles names, ordinary words, a word of digits or a hyphen anywhere, the empty name."""
    from entitylist.matching.wade_giles import _pinyin_word, _tables

    def defined(tokens: tuple[str, ...]) -> str:
        if not tokens or not all(token.isalpha() for token in tokens):
            return ""
        spellings, readings = _tables()
        if all(token in readings for token in tokens) and any(token not in spellings for token in tokens):
            return "wade-giles"
        return "pinyin" if all(_pinyin_word(token) for token in tokens) else ""

    words = ["zhang", "chang", "hsiung", "tung", "wei", "xiaoping", "junxiong", "chun", "golden", "star", "mao",
             "tse", "trading", "li", "na", "12", "chun-hsiung", "", "maria", "tanaka", "chiang", "ching", "kuo"]
    seen: dict[str, int] = {"": 0}
    for first in words:
        for second in words:
            for third in ["", *words[:8], "12"]:
                tokens = tuple(t for t in (first, second, third) if t) + (("x1",) if first == "12" else ())
                answer = romanised_chinese(tokens)
                assert answer == defined(tokens), tokens
                seen[answer] = seen.get(answer, 0) + 1
    assert seen.get("wade-giles", 0) > 20 and seen.get("pinyin", 0) > 50 and seen[""] > 100
