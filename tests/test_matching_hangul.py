"""Names written in Hangul meet the Latin spellings both Koreas use: a person's name read one
word per syllable, its syllables paired across McCune-Reischauer, the Revised Romanization and
South Korean people's own spellings ("전두환" / "Chun Doo-hwan", "이건희" / "Lee Kun-hee"); a
company's or a place's name also read a word per run of Hangul, with the Korean words of the
vocabulary in English ("삼성전자" / "Samsung Electronics", "서울" / "Seoul"), never against a
listed person. Another person who shares a family name and a syllable stays below the threshold."""

from __future__ import annotations

import pytest

from entitylist.matching.korean import hangul_forms
from entitylist.matching.normalize import korean_key, normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

THRESHOLD = 0.72

PEOPLE = [
    ("chun", "CHUN Doo-hwan", "individual"), ("lee", "LEE Kun-hee", "individual"), ("yoon", "YOON Suk-yeol", "individual"),
    ("moon", "MOON Jae-in", "individual"), ("ahn", "AHN Cheol-soo", "individual"), ("han", "HAN Duck-soo", "individual"),
    ("roh", "ROH Moo-hyun", "individual"), ("chung", "CHUNG Mong-koo", "individual"), ("yoo", "YOO Jae-suk", "individual"),
    ("kim-yo-jong", "KIM Yo Jong", "individual"), ("kim-yu-jong", "KIM Yu Jong", "individual"),
    ("kim-yong-jo", "KIM Yong Jo", "individual"),
]
BODIES = [
    ("samsung", "Samsung Electronics Co., Ltd.", "entity"), ("hyundai", "Hyundai Motor Company", "entity"),
    ("kepco", "Korea Electric Power Corporation", "entity"), ("ryonbong", "Korea Ryonbong General Corporation", "entity"),
    ("haegeumgang", "Haegeumgang Trading Company", "entity"), ("seoul", "Seoul Trading Ltd", "entity"),
    ("daewoo", "Daewoo Shipbuilding & Marine Engineering", "entity"),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(make_states([(pid, name, kind, ()) for pid, name, kind in [*PEOPLE, *BODIES]]))


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("전두환", "Chun Doo-hwan"), ("이건희", "Lee Kun-hee"), ("윤석열", "Yoon Suk-yeol"), ("윤석열", "Yun Seok-yeol"),
        ("문재인", "Moon Jae-in"), ("문재인", "Mun Jae-in"), ("안철수", "Ahn Cheol-soo"), ("한덕수", "Han Duck-soo"),
        ("노무현", "Roh Moo-hyun"), ("정몽구", "Chung Mong-koo"), ("유재석", "Yoo Jae-suk"), ("노태우", "Roh Tae-woo"),
        ("정의선", "Chung Eui-sun"),
        # and the romanisations against each other, in Latin letters on both sides (but eo written
        # "u", "Kun" / "Kon", which McCune-Reischauer's "o" and "u" cannot tell from two syllables)
        ("Han Duck-soo", "Han Tuk Su"), ("Lee Kun-hee", "Yi Kun-hui"), ("Roh Tae-woo", "No Thae U"),
    ],
)
def test_a_korean_persons_name_meets_every_romanisation(index: ListIndex, query: str, listed: str) -> None:
    assert compare(index.index, query, listed, listed_kind="person").score >= THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("김영주", "Kim Yong Jo"),  # 주 is "ju", 조 "jo": two syllables, in an open syllable never levelled
        ("조용필", "Ju Yong-pil"), ("김여정", "Kim Yu Jong"), ("정몽구", "Chung Mong-joon"), ("김정은", "Kim Jong Il"),
        ("Kim Yong Ju", "Kim Yong Jo"), ("Jo Song Ho", "Ju Song Ho"), ("이건희", "Lee Jae-yong"),
        # "o" before a final consonant is "u" only where the Hangul says the vowel is eo: McCune-
        # Reischauer writes "o" and "u" for two other vowels on both sides (순 and 선)
        ("최순희", "CHOE, Son Hui"), ("Choe Sun Hui", "CHOE, Son Hui"), ("Kim Kum Chol", "Kim Kom Chol"),
        ("Suh Jong Ho", "Su Jong Ho"),  # (서 and 수: an "h" after "u" is no silent letter)
        # a Chinese family name Korean also has ("Gu", "Yu"), in two names in pinyin: Chinese names
        ("Gu Bin", "Gu Pin"), ("Yu Bo", "Yu Po"), ("顾斌", "Gu Pin"), ("于涛", "Yu Dao"),
    ],
)
def test_another_korean_person_stays_below_the_threshold(index: ListIndex, query: str, listed: str) -> None:
    assert compare(index.index, query, listed, listed_kind="person").score < THRESHOLD


def test_the_levels_pair_eo_written_u_in_a_closed_syllable_only() -> None:
    """Where the Hangul says the vowel is eo (``eo``), "Chun", "Jon" and "Jeon" are one syllable
    (전), as are "Kun" and "Geon" (건); "Hee" and "Hui" (희), "Ahn" and "An" (안) always; "Jo" and
    "Ju" stay two (조, 주), and so do "Son" and "Sun" without the Hangul to say so."""
    assert korean_key("chun", True) == korean_key("jon", True) == korean_key("jeon", True)
    assert korean_key("kun", True) == korean_key("geon", True) and korean_key("hee") == korean_key("hui")
    assert korean_key("ahn") == korean_key("an") and korean_key("duck", True) == korean_key("tok", True)
    assert korean_key("roh") == korean_key("no") and korean_key("eui") == korean_key("ui")
    assert korean_key("jo", True) != korean_key("ju", True) and korean_key("so") != korean_key("su")
    assert korean_key("son") != korean_key("sun") and korean_key("suh") != korean_key("su")


def test_a_syllable_read_from_hangul_is_no_legal_form_nor_stopword() -> None:
    """"인" reads "in" (no Slovenian legal form, no English "in"), "구" "ku" (no legal form);
    a Korean legal form written in Hangul is still one."""
    moon = normalize_name("문재인")
    assert moon.tokens == ("mun", "jae", "in") and not moon.legal_forms
    assert normalize_name("정몽구").tokens == ("jong", "mong", "ku") and not normalize_name("정몽구").legal_forms
    assert normalize_name("현대자동차 주식회사").legal_forms


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("삼성전자", "samsung"), ("현대자동차", "hyundai"), ("한국전력공사", "kepco"), ("조선련봉총회사", "ryonbong"),
        ("해금강무역회사", "haegeumgang"), ("서울무역", "seoul"),
    ],
)
def test_a_body_named_in_hangul_finds_its_latin_name(index: ListIndex, query: str, party: str) -> None:
    found = index.screen(query, explain=False)
    assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize(("query", "listed"), [("서울", "Seoul"), ("부산", "Busan"), ("평양", "Pyongyang")])
def test_a_place_in_hangul_meets_its_latin_name(index: ListIndex, query: str, listed: str) -> None:
    assert compare(index.index, query, listed).score >= THRESHOLD


def test_a_particle_written_onto_a_bodys_name_is_read_without_it_too() -> None:
    """Running text writes a particle onto a name ("삼성전자는", Samsung Electronics as the topic):
    the name is also read without it, never cut shorter than two syllables."""
    assert ("samsong", "electronics") in [form.tokens for form in hangul_forms(normalize_name("삼성전자는"))]
    assert all(len(form.tokens[0]) > 2 for form in hangul_forms(normalize_name("서울은")))  # ("서울", not "서")
    assert [form.tokens for form in hangul_forms(normalize_name("가는"))] == [("kanun",), ("ganeun",)]  # (one syllable left)


def test_korea_is_read_at_a_names_start_only() -> None:
    """조선 is Korea where a name starts with it and shipbuilding after a company's name; the Latin
    "Choson" of a listed name is left as written."""
    assert [form.tokens[0] for form in hangul_forms(normalize_name("조선광업개발무역회사"))] == ["korea"]
    assert all("korea" not in form.tokens for form in hangul_forms(normalize_name("대우조선해양")))
    assert normalize_name("Choson Kumsong Trading").tokens[0] == "choson"
    # (the words read in names written in Hangul only: "Kurup" is an Indian family name, no group)
    assert normalize_name("Suresh Kurup", True).tokens == ("suresh", "kurup")
    assert normalize_name("Konsol Ltd").tokens == ("konsol",)


def test_a_name_in_hangul_read_as_a_bodys_never_meets_a_person(index: ListIndex) -> None:
    """Untyped, "김여정" is screened as a person's name and as a body's ("kimyojong"): the body's
    reading is not compared with listed people, so Kim Yu Jong, a syllable apart, is not raised."""
    found = index.screen("김여정", explain=False)
    assert found and found[0].party_id == "kim-yo-jong"
    assert "kim-yu-jong" not in [m.party_id for m in found]
    assert hangul_forms(normalize_name("김여정", True), person=True) == []
    assert all(form.organization_form for form in hangul_forms(normalize_name("김여정")))


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Kim In Ho", ("kim", "in", "ho")), ("Moon Jae In", ("moon", "jae", "in")), ("AN, Chol Su", ("an", "chol", "su")),
        ("Pak To Chun", ("park", "to", "chun")), ("Kim Do Hyun", ("kim", "do", "hyon")),
        ("Ri An Sok", ("lee", "an", "sok")),  # (the family name as written: "Ri", not yet "Lee")
        ("Park In Ho", ("park", "in", "ho")), ("Rhee In Ho", ("lee", "in", "ho")),  # (a South Korean spelling)
        ("An Jonghyok", ("an", "jonghyok")),  # (a given name of two syllables written as one word)
    ],
)
def test_a_korean_names_syllables_are_no_stopwords_nor_legal_forms(name: str, tokens: tuple[str, ...]) -> None:
    """A name of a Korean family name and syllables, written a word per syllable: its "In", "An",
    "To" and "Do" are syllables of the name, not the English and Romance words they spell in
    other names, nor the Slovenian legal form "in" (as a name not said to be a person's)."""
    for person in (True, False):
        normalized = normalize_name(name, person)
        assert (normalized.tokens, normalized.legal_forms) == (tokens, frozenset()), (name, person)


def test_a_name_with_a_word_of_no_korean_syllables_keeps_its_stopwords_out() -> None:
    """Only a name every word of which is a Korean syllable or two: "An Eagle Corp" keeps no "an",
    nor "Bruce Lee In Town" its "in", and a Korean family name alone decides nothing."""
    assert normalize_name("An Eagle Corporation").tokens == ("eagle", "corporation")
    assert normalize_name("Bruce Lee In Town", True).tokens == ("bruce", "lee", "town")
    assert normalize_name("Kim and Co").tokens == ("kim", "company")


@pytest.mark.parametrize(
    ("query", "listed", "alike"),
    [
        ("Moon Jae In", "Moon Jae-in", True), ("Ahn Cheol Soo", "AN, Chol Su", True), ("AN Jong Hyok", "An Jonghyok", True),
        ("Kim In Ho", "KIM In-ho", True), ("Kim In Ho", "KIM In Chol", False),
        ("Park In Ho", "PAK, In Ho", True), ("Park Do Chun", "PAK, To-Chun", True),  # (do and to: one syllable, no particles)
    ],
)
def test_korean_names_with_syllables_that_spell_small_words(query: str, listed: str, alike: bool) -> None:
    """"Moon Jae In" met "Moon Jae-in" at 0.48 and "Ahn Cheol Soo" "AN, Chol Su" at 0.16 when
    "In" and "An" were dropped as the English words."""
    scored = compare(ListIndex([]).index, query, listed, listed_kind="person").score
    assert (scored >= THRESHOLD) == alike, scored
