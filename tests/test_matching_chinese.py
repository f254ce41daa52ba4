"""Names in Chinese characters against their English and pinyin forms (issue 12, third round):
a name in characters is indexed and looked up twice, in its characters and as its words read
(``vocab/chinese_words.yaml``); two names in characters are still compared in their characters."""

from __future__ import annotations

import pytest

from entitylist.evaluation import build_index, compare_pair
from entitylist.matching.chinese import reading
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.model import Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState
from tests.matching_fixtures import assert_found_at_top, make_index, people_index, top

LISTED = [
    "Zhejiang Dahua Technology Co., Ltd.", "National University of Defense Technology",
    "Beijing Municipal Public Security Bureau", "浙江宇视科技有限公司", "Hangzhou Hikvision Digital Technology Co., Ltd.",
    "China Electronics Technology Group Corporation 14th Research Institute", "浙江大华技术股份有限公司",
    "江苏长江电子有限公司",
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex([PartyState(Party(id=f"p{i}", name=name), listed=True, listed_since=None) for i, name in enumerate(LISTED)])


def _top(index: ListIndex, query: str) -> tuple[str, float] | None:
    found = index.screen(query, limit=1, explain=False)
    return (found[0].party_name, found[0].score) if found else None


@pytest.mark.parametrize(("query", "listed"), [
    ("国防科技大学", "National University of Defense Technology"),          # words translated
    ("北京市公安局", "Beijing Municipal Public Security Bureau"),            # a place, a government body
    ("杭州海康威视数字技术有限公司", "Hangzhou Hikvision Digital Technology Co., Ltd."),  # a brand's English name
    ("中国电子科技集团公司第十四研究所", "China Electronics Technology Group Corporation 14th Research Institute"),  # an ordinal
    ("Zhejiang Uniview Technologies", "浙江宇视科技有限公司"),                # English query, listed in characters
    ("Jiangsu Changjiang Dianzi Youxian Gongsi", "江苏长江电子有限公司"),       # pinyin query, listed in characters
])
def test_chinese_characters_find_the_english_or_pinyin_name_and_back(index: ListIndex, query: str, listed: str) -> None:
    found = _top(index, query)
    assert found is not None and found[0] == listed, (query, found)
    assert found[1] < 1.0  # a translation is never the identical name


def test_two_names_in_characters_are_still_compared_in_their_characters(index: ListIndex) -> None:
    assert _top(index, "浙江大华技术股份有限公司") == ("浙江大华技术股份有限公司", 1.0)
    # another character with the same reading ("hua") is another name, though both read "zhejiang dahua technology"
    found = index.screen("浙江大花技术股份有限公司", threshold=0.0, limit=10, explain=False)
    in_script = next(m.score for m in found if m.party_name == "浙江大华技术股份有限公司")
    assert in_script < 0.8


def test_a_company_sharing_only_place_and_generic_words_stays_below_the_threshold(index: ListIndex) -> None:
    assert _top(index, "杭州数字技术有限公司") is None  # Hangzhou Digital Technology: no brand of its own listed


@pytest.mark.parametrize(("written", "read"), [
    ("杭州海康威视数字技术", "hangzhou hikvision digital technology"),
    ("杭州安科技术", "hangzhou anke technology"),  # matched from the end: the brand keeps its characters
    ("海南大华", "hainan dahua"),                  # characters no entry covers, in pinyin two syllables a word
    ("第二十一研究所", "21 research institute"),
])
def test_the_reading_of_a_name_in_characters(written: str, read: str) -> None:
    assert reading(written).split() == read.split()


def test_a_persons_name_in_characters_keeps_its_syllables_and_meets_its_pinyin() -> None:
    from entitylist.matching.normalize import normalize_name

    assert normalize_name("李明").reading == ()  # nothing to read beyond the syllables
    listed = ListIndex([PartyState(Party(id="p", name="李明", type="individual"), listed=True, listed_since=None)])
    found = listed.screen("Li Ming", limit=1, explain=False)
    assert found and found[0].score == 1.0  # its pinyin is the same name


def test_a_short_brand_whose_syllables_the_vocabularies_rewrite_reads_as_its_syllables_joined() -> None:
    """"依图" (Yitu) alone read "lee tu": the family-name variants make "yi" Lee, so its pinyin
    never met "YITU TECHNOLOGIES" (0.01). A short name whose tokens are no longer its syllables
    reads as them, two a word, as the brand romanises itself; a name whose tokens are its syllables
    ("李明", "大华") has nothing more to read, and a name said to be a person's keeps its syllables."""
    listed = ListIndex([
        PartyState(Party(id=party, name=name), listed=True, listed_since=None)
        for party, name in (("yitu", "YITU TECHNOLOGIES"), ("ehang", "EHANG INTELLIGENT EQUIPMENT"), ("yi", "YI, Gang"))
    ])
    assert normalize_name("依图").tokens == ("lee", "tu")
    assert normalize_name("依图").reading == ("yitu",)
    assert normalize_name("亿航").reading == ("yihang",)
    assert normalize_name("依图", person=True).reading == ()
    assert normalize_name("李明").reading == () and normalize_name("大华").reading == ()
    found = listed.screen("依图", limit=1, explain=False)
    assert found and found[0].party_id == "yitu" and found[0].score >= 0.9
    assert compare(listed.index, "依图", "EHANG INTELLIGENT EQUIPMENT").score < 0.3
    assert listed.screen("易纲", limit=1, explain=False)[0].party_id == "yi"  # (a person's name in characters still meets its pinyin)


def test_a_syllable_that_spells_an_article_elsewhere_is_a_syllable_of_a_chinese_name() -> None:
    """"De" of "Zhu De" (朱德), "Da" of "Li Da", "Du" of "Du Wei" were dropped as the articles and
    particles they spell in "Juan de la Cruz": "ZHU, De" was listed as "Zhu" alone, and its
    Wade-Giles spelling "Chu Teh" could not meet it. In a name of single pinyin syllables they
    are syllables, and other people of the same family name stay apart."""
    people = people_index([("zhu-de", "ZHU, De"), ("li-da", "LI, Da"), ("du-wei", "DU, Wei"), ("zhu-rongji", "ZHU, Rongji")])
    for query, party in (("Zhu De", "zhu-de"), ("Chu Teh", "zhu-de"), ("Li Da", "li-da"), ("Du Wei", "du-wei")):
        assert_found_at_top(people, query, party)
    for other in ("Zhu Hua", "Li Ming", "Wang Wei", "Zhu Rong"):
        found = top(people, other, query_type="person")
        assert found is None or found[0] == "zhu-rongji", (other, found)
    assert normalize_name("Juan de la Cruz").particles == ("de", "la")  # elsewhere, still particles
    assert normalize_name("Luca de Luca").particles == ("de",)


@pytest.mark.parametrize(("query", "listed", "same"), [
    ("Chen Wei", "CHENG, Wei", False),  # 陈 / 程: other syllables, other names, not a typo
    ("Wang Fang", "WANG, Feng", False),
    ("Zhang Xiaoming", "ZHANG, Xiaohong", False),
    ("ZHANG, Wen-Fu", "CHANG, Wen-Fu", True),  # "Chang" may be Zhang in Wade-Giles
    ("Zhang Xiaomng", "ZHANG, Xiaoming", True),  # a typo that is no pinyin is still a typo
    ("CH'A, Su'ng-chun", "CHA, Sung Jun", True),  # Korean, not pinyin ("sung" is no "su-ng")
    # a name in Wade-Giles: its syllables are pinyin's in another spelling, "Chiang" is jiang
    ("Pu Gang", "PU, Chiang", False),
    ("Pu Cheng", "PU, Chiang", False),
    ("Pu Jiang", "PU, Chiang", True),
    ("Jiang Jingguo", "CHIANG, Ching-kuo", True),
    ("Zhang Chunxiong", "CHANG, Chun-hsiung", True),
    ("Zhang Chunxiang", "CHANG, Chun-hsiung", False),
    ("HAN, Chang-su", "HAN, Jang Su", True),  # a Korean name, which Wade-Giles syllables also spell (an OFAC alias)
])
def test_people_named_in_pinyin_differ_by_any_syllable(query: str, listed: str, same: bool) -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import PERSON
    from entitylist.matching.score import compare

    index = NameIndex([(0, listed, "name"), (1, "LI, Wei", "name"), (2, "Lotus Textiles", "name")], person_records=frozenset({0, 1}))
    assert (compare(index, query, listed, listed_kind=PERSON).score >= 0.72) == same


def test_the_brands_written_in_pinyin_are_their_characters_read() -> None:
    """chinese_words.yaml writes each one-word brand's pinyin out (so screening Latin names never
    loads the pinyin dictionary); it must be what the characters read, for every such brand."""
    from entitylist.matching.chinese import brand_pinyin, brand_readings
    from entitylist.reference import load_package_yaml

    brands = load_package_yaml("entitylist.vocab", "chinese_words.yaml")["brands"]
    readings = {brand_pinyin(characters): brand for characters, brand in brands.items() if " " not in brand}
    expected = {reading: brand for reading, brand in readings.items() if reading != brand}
    assert brand_readings() == expected
    assert brand_readings()["kuangshi"] == "megvii"


def test_chinese_names_as_sources_write_them_meet_their_listed_forms() -> None:
    """A pinyin syllable that spells an article elsewhere stays a syllable among pinyin and
    business words ("Da Hua"), "HK" is Hong Kong, "Bingtuan" and 兵团 are the Production and
    Construction Corps, 云 is cloud and BGI is 华大基因 ("Huada Jiyin") in pinyin."""
    listed = {
        "dahua": "Dahua Technology",
        "hk": "Huawei Cloud Hong Kong", "xpcc": "Xinjiang Production and Construction Corps",
        "xpcc-psb": "Xinjiang Production and Construction Corps Public Security Bureau",
        "cloud": "Huawei Cloud Computing Technology", "bgi": "Beijing Liuhe BGI", "lotus": "Lotus Textiles",
        "huawei": "Huawei Technologies Co., Ltd.",
    }
    index = ListIndex([PartyState(Party(id=k, name=v), listed=True, listed_since=None) for k, v in listed.items()])
    for query, party in (
        ("Da Hua Technology", "dahua"),
        ("Huawei Cloud HK", "hk"), ("Xinjiang Bingtuan", "xpcc"), ("新疆生产建设兵团公安局", "xpcc-psb"),
        ("华为云计算技术有限公司", "cloud"), ("Beijing Liuhe Huada Jiyin Keji Youxian Gongsi", "bgi"),
    ):
        found = index.screen(query, limit=1, explain=False)
        assert found and found[0].party_id == party, (query, found)


def test_a_spanish_article_is_no_pinyin_syllable() -> None:
    from entitylist.matching.normalize import normalize_name

    assert normalize_name("Da Hua Technology").tokens == ("da", "hua", "technology")
    assert normalize_name("De Long Trading").tokens == ("de", "long", "trading")
    assert normalize_name("Juan de la Cruz").tokens == ("juan", "cruz")       # "Cruz" is no pinyin
    assert normalize_name("Banco da China").tokens == ("banco", "china")


@pytest.mark.parametrize(("one", "other", "apart"), [
    ("huawen", "huawei", True), ("taiyuan", "tanyuan", True), ("sailong", "sailing", True),
    ("huwei", "huawei", False),    # a letter left out: as often a typo that spells a syllable
    ("meiling", "mieling", False),  # two letters swapped
    ("dahau", "dahua", False),      # no pinyin: a typo
    ("taleban", "taliban", True),   # pinyin-looking, so the rule asks for a Chinese party (below)
])
def test_words_one_pinyin_syllable_apart(one: str, other: str, apart: bool) -> None:
    from entitylist.matching.vocabulary import one_syllable_apart

    assert one_syllable_apart(one, other) is apart


def test_a_chinese_companys_name_one_syllable_off_is_another_company() -> None:
    """"Huawen Technologies" is not "Huawei Technologies": against a Chinese party (its country, or
    a name in characters) a romanised word one syllable off in place of a letter is another name;
    a typo that leaves a letter out still finds the company, and a party of another country keeps
    the spelling variant ("Taleban" / "Taliban")."""
    screening = ListIndex([
        PartyState(Party(id="huawei", name="Huawei Technologies Co., Ltd.", country="CN"), listed=True, listed_since=None),
        PartyState(Party(id="sailing", name="Xinjiang Sailing Information Technology Co., Ltd.", country="CN"),
                   listed=True, listed_since=None),
        PartyState(Party(id="taliban", name="Taliban", country="AF"), listed=True, listed_since=None),
        PartyState(Party(id="other", name="Lotus Textiles Ltd."), listed=True, listed_since=None),
    ])
    assert screening.screen("Huawen Technologies Co., Ltd.") == []
    assert screening.screen("Xinjiang Sailong Information Technology Co., Ltd.") == []
    assert [m.party_id for m in screening.screen("Huwei Technologies Co., Ltd.")] == ["huawei"]
    assert [m.party_id for m in screening.screen("Xinjiang Saling Information Technology Co., Ltd.")] == ["sailing"]
    assert [m.party_id for m in screening.screen("Taleban")] == ["taliban"]


@pytest.mark.parametrize(
    ("name", "person", "tokens"),
    [
        ("Xi Jinping", False, ("xi", "jinping")),  # a Chinese syllable first: no Roman numeral
        ("XI, Jinping", True, ("xi", "jinping")),
        ("Wang Xi", True, ("wang", "xi")),  # after a word, in a name that is romanised Chinese
        ("Louis XI", True, ("louis", "11")),  # a regnal number
        ("Crusader XI Ltd", False, ("crusader", "11")),
    ],
)
def test_xi_is_a_numeral_only_after_a_name_that_is_not_chinese(name: str, person: bool, tokens: tuple[str, ...]) -> None:
    assert normalize_name(name, person).tokens == tokens


def test_a_short_word_the_index_never_saw_is_met_as_written_in_a_compared_pair() -> None:
    """``compare`` scores a listed name that need not be in the index: a two-letter word it does
    not hold ("Xi") still meets itself, as the index's own words do."""
    index = make_index().index
    assert "xi" not in index.unit_weight
    assert compare(index, "习近平", "Xi Jinping").score >= 0.9
    assert compare(index, "Xi Jinping", "Xi Jinping").score == 1.0
    assert compare(index, "Xi Mingze", "Li Mingze").score < compare(index, "Xi Mingze", "Xi Mingze").score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("杭州海康威視數字技術股份有限公司", "杭州海康威视数字技术股份有限公司"), ("華為技術有限公司", "华为技术有限公司"),
        ("中國電子科技集團公司", "中国电子科技集团公司"), ("東芝", "东芝"),  # (Japanese forms too)
    ],
)
def test_a_name_in_traditional_characters_is_its_simplified_name(query: str, listed: str) -> None:
    """Two names in characters are compared as simplified Chinese writes them: Taiwan's, Hong
    Kong's and Japan's characters for a listed name in simplified ones are the name (0.0-0.47
    before: the characters differed), and other characters are still another name."""
    index = build_index([], [listed])
    assert compare_pair(index, query, listed).score == 1.0
    assert compare_pair(build_index([], ["华夏"]), "華為", "华夏").score < 0.72


def test_what_a_name_meets_does_not_depend_on_the_names_screened_before_it() -> None:
    """A Chinese name's units are also looked up in the other romanisation, and those look-ups are
    kept: kept by the unit's text alone, the joined pair "sunchan" of "Сун Чан" took the look-up
    of the word "sunchan" of "Лу Сунчан" screened before it, typos and sound-alikes included, and
    met the vessel "SUNSHINE" at 0.82, which on its own it does not meet at all."""
    from tests.matching_fixtures import PARTIES, make_states

    def screened(*names: str) -> list[tuple[str, float]]:
        index = ListIndex(make_states([*PARTIES, ("sunshine", "SUNSHINE", "vessel", ())]))
        for name in names[:-1]:
            index.screen(name, threshold=0.5, explain=False)
        return [(m.party_id, round(m.score, 4)) for m in index.screen(names[-1], threshold=0.5, explain=False)]

    for before, name in (("Лу Сунчан", "Сун Чан"), ("Lu Sunchan", "Sun Chan")):
        assert screened(before, name) == screened(name), (before, name)



@pytest.mark.parametrize(("query", "listed", "same"), [
    ("Ying Guo", "WANG, Guo Ying", False),  # the family name left out: Guo is then the family name
    ("Ying Wang", "WANG, Guo Ying", False),  # a syllable of the given name left out
    ("Li He", "LI, Cheng He", False),
    ("Qiang He", "PAK, Kwang Ho", False),  # a Chinese name against a Korean one, its family name left out
    ("Jun Song", "CHA, Sung Jun", False),
    ("Hui Peng", "RYO'M, Hu'i-pong", False),  # Ryom (렴), a Korean family name as North Korea writes it
    ("Ryom Hui Bong", "RYO'M, Hu'i-pong", True),
    ("Guo Ying Wang", "WANG, Guo Ying", True),
    ("Wang Guoying", "WANG, Guo Ying", True),  # the given name written as one word
    ("Hassan Zhang", "ZHANG, Hassan Hassan", True),  # an Arabic given name, said twice: no Chinese name
    ("Julia Wang", "WANG, Julia Mei", True),
])
def test_a_chinese_name_met_without_a_syllable_is_another_persons(query: str, listed: str, same: bool) -> None:
    """A Chinese name is a family name and a given name of one or two syllables: without one of
    them it names another person (``chinese_syllable_left_out``), whether the other name is
    Chinese or Korean; a given name of other peoples that pinyin could spell ("Hassan", "Julia")
    makes no Chinese name."""
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import PERSON

    names = NameIndex(
        [(0, listed, "name"), (1, "KIM, Song Il", "name"), (2, "Lotus Textiles", "name")], person_records=frozenset({0, 1}),
    )
    found = compare(names, query, listed, listed_kind=PERSON)
    assert (found.score >= 0.72) == same, found.score
