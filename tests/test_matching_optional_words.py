"""Issue 12: a query that leaves out part of a long official name ("Municipal", "People's
Government", a bracketed short form) meets it; a different place or body does not."""

from __future__ import annotations

import pytest

from entitylist.matching.index import optional_positions
from entitylist.model import Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState

LISTED = {
    "urumqi": "Urumqi Municipal Public Security Bureau",
    "kashgar": "Kashgar Prefecture Public Security Bureau",
    "xuar": "Xinjiang Uighur Autonomous Region (XUAR) People's Government Public Security Bureau",
    "xpcc": "Xinjiang Production and Construction Corps Public Security Bureau",
    "college": "Xinjiang Police College",
    "lotus": "Lotus Textiles",
}


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in LISTED.items()])


@pytest.mark.parametrize(("query", "expected"), [
    ("Urumqi Public Security Bureau", "urumqi"),                   # "Municipal" left out
    ("Urumqi City Public Security Bureau", "urumqi"),
    ("Kashgar Public Security Bureau", "kashgar"),                  # "Prefecture" left out
    ("Xinjiang Public Security Bureau", "xuar"),                    # region, short form, government left out
    ("Xinjiang Uyghur Autonomous Region Public Security Bureau", "xuar"),
    ("XUAR Public Security Bureau", "xuar"),
])
def test_an_official_name_met_without_its_optional_words(index: ListIndex, query: str, expected: str) -> None:
    found = index.screen(query, limit=1, explain=False)
    assert found and found[0].party_id == expected


@pytest.mark.parametrize("query", [
    "Hotan Public Security Bureau",        # another place
    "Public Security Bureau",              # no place at all
    "Autonomous Region Public Security Bureau",
    "Xinjiang Bureau",
])
def test_another_place_or_no_place_is_not_met(index: ListIndex, query: str) -> None:
    assert index.screen(query, limit=1, explain=False) == []


def test_the_other_words_of_a_body_still_count(index: ListIndex) -> None:
    """"Production and Construction Corps" is not optional: the XPCC's bureau is another body."""
    found = index.screen("Xinjiang Public Security Bureau", limit=5, explain=False, threshold=0.0)
    scores = {m.party_id: m.score for m in found}
    assert scores["xuar"] >= 0.72 > scores.get("xpcc", 0.0)


def test_optional_positions() -> None:
    tokens = ("xinjiang", "uyghur", "autonomous", "region", "xuar", "peoples", "government", "public", "security", "bureau")
    assert optional_positions(tokens) == (1, 2, 3, 4, 5, 6)
    assert optional_positions(("lotus", "textiles")) == ()
    assert optional_positions(("abc", "alpha", "beta", "gamma")) == ()  # no run of the other words spells "abc"


def test_an_airline_is_named_with_air_airlines_or_airways() -> None:
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None)
                       for k, v in {"mahan": "MAHAN AIR", "iran": "IRAN AIR", "lotus": "Lotus Textiles"}.items()])
    for query in ("Mahan Airlines", "Mahan Airways", "Air Mahan"):
        found = index.screen(query, limit=1, explain=False)
        assert found and found[0].party_id == "mahan"
    assert [m.party_id for m in index.screen("Iran Airlines", limit=2, explain=False)] == ["iran"]


@pytest.mark.parametrize(("query", "listed", "alike"), [
    ("أسامة بن لادن", "Usama bin Laden", True),   # a feminine ending ("ة") no romanisation writes
    ("فاطمة علي", "Fatima Ali", True),            # ... and "علي", one consonant, meets "Ali"
    ("أسامة بن لادن", "Sami bin Laden", False),   # the ending is left out only before a vowel
])
def test_arabic_script_names_meet_their_romanisations(query: str, listed: str, alike: bool) -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import PERSON
    from entitylist.matching.score import compare

    names = ["Usama bin Laden", "Sami bin Laden", "Fatima Ali"]
    index = NameIndex([(i, n, "name") for i, n in enumerate(names)], person_records=frozenset(range(len(names))))
    assert (compare(index, query, listed, listed_kind=PERSON).score >= 0.72) is alike


@pytest.mark.parametrize(("hangul", "listed"), [
    ("김정은", "Kim Jong Un"), ("리성철", "Ri Song Chol"), ("최룡해", "Choe Ryong Hae"), ("박봉주", "Pak Pong Ju"),
    ("박지성", "Park Ji Sung"), ("이민호", "Lee Min Ho"),   # South Korean spellings of the same syllables
])
def test_hangul_names_meet_their_listed_romanisations(hangul: str, listed: str) -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import PERSON
    from entitylist.matching.score import compare

    names = ["Kim Jong Un", "Kim Yong Chol", "Ri Song Chol", "Choe Ryong Hae", "Pak Pong Ju", "Park Ji Sung", "Lee Min Ho"]
    index = NameIndex([(i, n, "name") for i, n in enumerate(names)], person_records=frozenset(range(len(names))))
    scores = {n: compare(index, hangul, n, listed_kind=PERSON).score for n in names}
    assert scores[listed] >= 0.9
    assert max(s for n, s in scores.items() if n != listed) < 0.5


def test_a_name_of_common_words_met_in_full_by_spelling_variants_is_met() -> None:
    """The generic-only discount is for names met in part: "محمد علي" meets "Mohamed Ali" in
    full through its consonants, though neither word is distinctive in a list of many Muhammads."""
    from entitylist.matching.index import NameIndex
    from entitylist.matching.score import compare

    names = ["Mohamed Ali"] + [f"Muhammad Ali {w}" for w in ("Hasan", "Yusuf", "Omar", "Karim")] + ["Ali Ahmad", "Muhammad Omar"]
    index = NameIndex([(i, n, "name") for i, n in enumerate(names)])
    assert compare(index, "محمد علي", "Mohamed Ali").score >= 0.72
    assert compare(index, "Αλέξανδρος", "Alexander").score >= 0.72  # one name in another language's form


def test_a_business_name_is_not_a_listed_vessel_or_person_of_one_word() -> None:
    """A word left over that only organisations' names carry makes the query another kind of
    party than a listed vessel or person, as a legal form does."""
    parties = [
        PartyState(Party(id="vessel", name="NOOR", type="vessel"), listed=True, listed_since=None),
        PartyState(Party(id="person", name="NOOR, Haji Mohammad", type="individual"), listed=True, listed_since=None),
        PartyState(Party(id="firm", name="Lotus Textiles"), listed=True, listed_since=None),
    ]
    index = ListIndex(parties)
    assert index.screen("Noor Trading", limit=1, explain=False) == []
    assert index.screen("Al Noor Trading Company", limit=1, explain=False) == []
    assert [m.party_id for m in index.screen("NOOR", limit=1, explain=False)] == ["vessel"]  # the name alone still meets it
    assert [m.party_id for m in index.screen("Lotus Textiles", limit=1, explain=False)] == ["firm"]


@pytest.mark.parametrize(("query", "listed"), [
    ("Obedinennaya Aviastroitelnaya Korporatsiya", "OBEDINENNAYA SUDOSTROITELNAYA KORPORATSIYA"),  # aircraft / ship building
    ("Yazd Agrochemical Company", "Yazd Petrochemical Company"),
])
def test_compound_words_sharing_only_their_second_part_are_different_words(query: str, listed: str) -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.score import compare

    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name")])
    assert compare(index, query, listed).score < 0.72
    assert compare(index, query.replace("Aviastroitelnaya", "Sudostroitelnaya"), listed).score >= 0.72 or "Yazd" in query


def test_company_limited_is_the_legal_form_co_ltd() -> None:
    """"Company" written out before "Limited" is part of the legal form a query writes "Co., Ltd.",
    even where the list's many affiliates make the company's own word weigh little."""
    from entitylist.matching.index import NameIndex
    from entitylist.matching.score import compare

    names = ["Huawei Technologies Company Limited"] + [f"Huawei {w} Co., Ltd." for w in ("Device", "Cloud", "Digital", "Software")]
    index = NameIndex([(i, n, "name") for i, n in enumerate(names)])
    assert compare(index, "Huawei Technologies Co Ltd", "Huawei Technologies Company Limited").score >= 0.9
    assert compare(index, "Huawei Device Co Ltd", "Huawei Technologies Company Limited").score < 0.72


def test_a_brand_meets_its_listed_name_without_the_place_and_business_words() -> None:
    """A query of the brand alone meets a listed company's name with its place and business words
    ("Hikvision" / "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", listed with no alias), and a
    region added to a brand is no other company ("Garantex Europe" / "GARANTEX"); a query with
    a business word of its own is another business ("Quinron Dental" / "QUINRON BANK"), and a
    country, unlike a region, tells branches apart ("ISIS-Egypt" / "ISIS-PHILIPPINES")."""
    listed = {
        "hikvision": "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "garantex": "GARANTEX",
        "quinron": "QUINRON BANK", "isis": "ISIS-PHILIPPINES", "lotus": "Lotus Textiles",
    }
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    for query, party in (("Hikvision", "hikvision"), ("Garantex Europe", "garantex"), ("Sberbank Europe", None),
                         ("Quinron Dental", None), ("ISIS-Egypt", None), ("Hikvision Dental", None)):
        found = index.screen(query, limit=1, explain=False)
        assert (found[0].party_id if found else None) == party, (query, found)


def test_another_body_in_the_place_of_an_optional_word_is_another_body() -> None:
    """An official name's optional words say where the body is: a query with a distinctive word
    of its own in their place, or naming another government ("Boyuan Government"), names another
    body, however much of the long name it shares; leaving the words out still meets it."""
    listed = {
        "urumqi": "Urumqi Municipal Public Security Bureau",
        "xuar": "Xinjiang Uighur Autonomous Region (XUAR) People's Government Public Security Bureau",
        "xuar-zh": "新疆维吾尔自治区公安厅",
        "lotus": "Lotus Textiles",
    }
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    for query in (
        "Urumqi Tianshan District Public Security Bureau",
        "Xinjiang Uighur Autonomous Region (XUAR) Boyuan Government Public Security Bureau",
    ):
        assert index.screen(query, limit=1, explain=False) == [], query
    for query, party in (("Urumqi Public Security Bureau", "urumqi"), ("Urumqi Municipal Public Security Bureau", "urumqi"),
                         ("Xinjiang Uighur Autonomous Region People's Government Public Security Bureau", "xuar")):
        found = index.screen(query, limit=1, explain=False)
        assert found and found[0].party_id == party, query
    explained = index.screen("Urumqi Tianshan District Public Security Bureau", threshold=0.0, limit=1)[0].explanation
    assert "another_body_named" in [f["feature"] for f in explained["features"]]


def test_a_bracketed_seat_of_a_branch_may_be_left_out_but_not_replaced() -> None:
    """A place an organisation's name gives in brackets is the seat of that subsidiary: a query
    of the name without it meets the name ("Hoshine" / "Hoshine Silicon Industry (Shanshan) Co.,
    Ltd"), one with another seat in its place is the sibling company, not listed."""
    from entitylist.matching.index import bracketed_positions

    listed = {"hoshine": "Hoshine Silicon Industry (Shanshan) Co., Ltd", "lotus": "Lotus Textiles",
              "trade": "Shanshan Trading Company", "sun": "SUN MOON STAR (SINGAPORE) LTD."}
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    for query, party in (("Hoshine", "hoshine"), ("Hoshine Silicon Industry Co., Ltd", "hoshine"),
                         ("Hoshine Silicon Industry (Yongsheng) Co., Ltd", None), ("Sun Moon Star Ltd", "sun")):
        found = index.screen(query, limit=1, explain=False)
        assert (found[0].party_id if found else None) == party, (query, found)
    assert bracketed_positions("Hoshine Silicon Industry (Shanshan) Co., Ltd", ("hoshine", "silicon", "industry", "shanshan")) == (3,)
    assert bracketed_positions("(Shanshan) Hoshine", ("shanshan", "hoshine")) == ()  # a bracket that begins the name
    assert bracketed_positions("Lotus (Lotus)", ("lotus", "lotus")) == (1,)
    assert bracketed_positions("(Lotus)", ("lotus",)) == ()


def test_a_chinese_brand_in_pinyin_meets_its_english_name() -> None:
    """"Kuangshi Keji" is 旷视科技, Megvii Technology, written in pinyin; "Haikang Weishi" is Hikvision."""
    listed = {"megvii": "Megvii Technology", "hik": "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.",
              "sense": "SenseTime", "lotus": "Lotus Textiles"}
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    for query, party in (("Kuangshi Keji", "megvii"), ("Haikang Weishi", "hik"), ("Shangtang Keji", "sense"),
                         ("Kuangming Keji", None)):
        found = index.screen(query, limit=1, explain=False)
        assert (found[0].party_id if found else None) == party, (query, found)


@pytest.fixture(scope="module")
def xinjiang() -> ListIndex:
    listed = {
        "kelamayi": "Kelamayi Municipal Public Security Bureau", "tumushuke": "Tumushuke Municipal Public Security Bureau",
        "turfan": "Turfan Municipal Public Security Bureau", "hami": "Hami Municipal Public Security Bureau",
        "yili": "Yili Kazakh Autonomous Prefecture Public Security Bureau",
        "changji": "Changji Hui Autonomous Prefecture Public Security Bureau",
        "xuar": "新疆维吾尔自治区公安厅",
        "college": "Xinjiang Police College", "sailing": "Xinjiang Sailing Information Technology Co., Ltd.",
        "cloud": "Huawei Cloud Beijing", "ulanqab": "Wulanchabu Huawei Cloud Computing Technology",
        "huawei": "华为", "lotus": "Lotus Textiles",
    }
    return ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])


@pytest.mark.parametrize(("query", "expected"), [
    ("Karamay Municipal Public Security Bureau", "kelamayi"),   # Uyghur and pinyin names of one place
    ("Tumxuk Public Security Bureau", "tumushuke"),
    ("Tulufan Public Security Bureau", "turfan"),
    ("Kumul Municipal Public Security Bureau", "hami"),
    ("Ili Kazakh Autonomous Prefecture Public Security Bureau", "yili"),
    ("Ulanqab Huawei Cloud Computing Technology", "ulanqab"),
])
def test_a_place_in_another_language_or_romanisation_is_that_place(xinjiang: ListIndex, query: str, expected: str) -> None:
    found = xinjiang.screen(query, limit=1, explain=False)
    assert found and found[0].party_id == expected


@pytest.mark.parametrize(("query", "other"), [
    ("Sichuan Police College", "college"),                                     # another province's college
    ("Shanghai Sailing Information Technology Co., Ltd.", "sailing"),          # the business in another city
    ("Huawei Cloud Wuhan", "cloud"),                                           # (Huawei's own name, 华为, may still meet it)
    ("Ningxia Hui Autonomous Region Public Security Department", "changji"),   # another region's bureau
    ("Yili Kazakh Autonomous Prefecture Tourism Bureau", "yili"),              # another bureau of the same place
    ("Xinjiang Uyghur Autonomous Region Education Department", "xuar"),
    ("Xinjiang Uighur Autonomous Region Department of Commerce", "xuar"),
    ("Wulanchabu Alibaba Cloud Computing Co., Ltd.", "ulanqab"),               # another brand in the listed one's place
    ("Wei Hua", "huawei"),                                                     # 华为's syllables the other way round
])
def test_another_place_body_or_brand_is_not_the_listed_one(xinjiang: ListIndex, query: str, other: str) -> None:
    found = xinjiang.screen(query, limit=5, explain=False)
    assert other not in [m.party_id for m in found], (query, found)


def test_the_syllables_of_a_name_in_characters_keep_their_order_for_organisations_only() -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import ORGANIZATION, PERSON
    from entitylist.matching.score import compare

    index = NameIndex([(0, "华为", "name"), (1, "李明", "name"), (2, "Lotus Textiles", "name")], person_records=frozenset({1}))
    assert compare(index, "Hua Wei", "华为", listed_kind=ORGANIZATION).score == 1.0
    reordered = compare(index, "Wei Hua", "华为", explain=True, listed_kind=ORGANIZATION)
    assert reordered.score < 0.72
    assert "syllable_order_differs" in [f["feature"] for f in reordered.explanation["features"]]
    assert compare(index, "Ming Li", "李明", listed_kind=PERSON).score >= 0.9   # a person's name either way round
