"""False alarms on ordinary company names: the classes of issue 12."""

from __future__ import annotations

import pytest

from entitylist.errors import InvalidInput
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_index, score_of, top


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return make_index()


@pytest.mark.parametrize(
    "query",
    [
        "Harbor Logistics GmbH",  # a one-word vessel name inside a company name
        "Rainbow Machinery A.S.",
        "Lotus Mining",  # one shared common word, the other (generic) words differ
        "Falcon Systems Dental Ltd",  # a listed name of common words inside a longer one
        "Garden Steel LLP",  # a correctly spelled common word is not a typo of "GARDENIA"
        "Katek Steel FZE",  # a short look-alike of "KADEK" and a business word
    ],
)
def test_ordinary_company_names_do_not_hit(index: ListIndex, query: str) -> None:
    assert top(index, query) is None, index.screen(query, threshold=0.0, limit=1)


@pytest.mark.parametrize(
    ("query", "party"),
    [("HARBOR", "harbor"), ("Lotus Textiles Ltd", "lotus"), ("Falcon Systems", "falcon"), ("Hikvision Trading", "hikvision"),
     ("Hikvisoin Digital Technology", "hikvision"), ("KADEK", "kadek")],
)
def test_listed_names_still_hit(index: ListIndex, query: str, party: str) -> None:
    found = top(index, query)
    assert found is not None and found[0] == party


def test_party_kind_must_agree(index: ListIndex) -> None:
    plain = score_of(index, "Rahul Sanjay", "sanjay")
    assert plain >= 0.72
    assert score_of(index, "Rahul Sanjay Ltd", "sanjay") < 0.72  # a company legal form against a listed person
    assert score_of(index, "Rahul Sanjay", "sanjay", query_type="vessel") < 0.72
    assert score_of(index, "Rahul Sanjay", "sanjay", query_type="person") == plain


def test_unknown_query_type_is_refused(index: ListIndex) -> None:
    with pytest.raises(InvalidInput, match="type 'spaceship'"):
        index.screen("Rahul Sanjay", query_type="spaceship")


def test_a_persons_name_is_no_vessel_named_after_a_woman() -> None:
    """A vessel is often named after a woman ("AMINA", "MARINA"); a query that adds words of
    people's names on the list to that name ("Amina Khan", "Marina Kim", "Лена Ким") is a
    person's name, the other kind of party, while a vessel's own additions ("MV", "Star", a
    number) still meet it."""
    from tests.matching_fixtures import make_states

    screening = ListIndex(make_states([
        ("amina", "AMINA", "vessel", ()), ("lena", "LENA", "vessel", ()), ("khan", "KHAN, Abdul Qadeer", "individual", ()),
        ("kim", "KIM, Jong Un", "individual", ()), ("lotus", "Lotus Textiles", "company", ()),
    ]))
    for query in ("Amina Khan", "Лена Ким", "Lena Kim"):
        assert score_of(screening, query, query.split()[0].casefold().replace("лена", "lena")) < 0.72, query
    for query in ("Amina", "MV Amina", "Amina 1"):
        assert score_of(screening, query, "amina") >= 0.6, query
    # (said to be a vessel, it is compared as one)
    assert score_of(screening, "Amina Khan", "amina", query_type="vessel") > score_of(screening, "Amina Khan", "amina") + 0.3


def test_a_short_word_sounds_like_no_word_of_more_syllables() -> None:
    """A phonetic key drops the vowels: a short word of one syllable shares it with longer words
    of three ("Khon" / "KAHANE", "Setareh" / "STAR": KN, STR), which do not sound alike; words of
    about as many syllables still do ("Mohamad" / "MUHAMMAD", "Jong" / "JUNG")."""
    from entitylist.matching.index import phonetic_key, sound_alike

    for query, listed in (("khon", "kahane"), ("star", "setareh"), ("jang", "jong")):
        assert not sound_alike(query, listed, phonetic_key(query)), (query, listed)
    for query, listed in (("mohamad", "muhammad"), ("jong", "jung")):
        assert phonetic_key(query) == phonetic_key(listed)
        assert sound_alike(query, listed, phonetic_key(query)), (query, listed)


def test_short_words_of_another_first_consonant_are_other_words() -> None:
    """A short word's first letter is most of it, and sources spell it right: "Hong" is no typo
    of "KONG", nor "Wang" of "YANG" or "Chan" of "KHAN" ("Хон Бо" met "PO, Kong" at 0.93), nor a
    short word with a letter before it ("Hong" / "THONG", "Amir" / "SAMIR"). The
    romanisations' own spellings of a first sound still pair: Wade-Giles ("Chao" / "ZHAO"), a
    Korean syllable ("Pong" / "BONG"), Arabic ("Sham" / "CHAM"), two vowels ("Omar" / "AMAR"), and
    a first "h" left unwritten ("Abib" / "HABIB", "Otel" / "HOTEL")."""
    from entitylist.matching.index import NameIndex

    names = NameIndex([
        (0, "KONG", "name"), (1, "YANG", "name"), (2, "ZHAO", "name"), (3, "BONG", "name"), (4, "AMAR", "name"), (5, "CHAM", "name"),
        (6, "THONG", "name"), (7, "SAMIR", "name"), (8, "HABIB", "name"), (9, "HOTEL", "name"),
    ])
    for query, listed in (("hong", "kong"), ("wang", "yang"), ("hong", "thong"), ("amir", "samir")):
        assert names.pair_similarity(query, listed, False) is None, (query, listed)
        assert listed not in names.matches(query), (query, listed)
    for query, listed in (("chao", "zhao"), ("pong", "bong"), ("omar", "amar"), ("sham", "cham"), ("abib", "habib"), ("otel", "hotel")):
        assert names.pair_similarity(query, listed, False) is not None, (query, listed)


def test_hong_and_kong_are_words_of_a_name_beside_no_other() -> None:
    """"Hong" and "Kong" are Korean and Chinese family names as well as the place Hong Kong. The
    place, written in two words, is one generic word ("hongkong"); each word alone weighs as the
    word of a name it is, and a person's name does not meet a company by its other word ("Tan
    Hong" / "TAN S.A." was 0.92, "Kong Feng" / "FENG SHENG CO., LTD." 0.88)."""
    from entitylist.matching.normalize import normalize_name
    from tests.matching_fixtures import make_states

    assert normalize_name("Star Trading (Hong Kong) Limited").tokens == ("star", "trading", "hongkong")
    assert normalize_name("Hong-Kong Electronics").tokens == ("hongkong", "electronics")
    assert normalize_name("Tan Hong").tokens == ("tan", "hong")
    # (its words apart, in a name reordered, are the place still; not in a Chinese name: 孔伟洪)
    assert normalize_name("Huawei Kong Cloud Hong").tokens == ("huawei", "cloud", "hongkong")
    assert normalize_name("Kong Wei Hong").tokens == ("kong", "wei", "hong")
    screening = ListIndex(make_states([
        ("tan", "TAN S.A.", "company", ()), ("feng", "FENG SHENG CO., LTD.", "company", ()),
        ("huawei-hk", "HUAWEI TECHNOLOGIES (HONG KONG) CO., LTD.", "company", ()),
        ("star-hk", "GOLDEN STAR HONG KONG LIMITED", "company", ()), ("hong", "HONG, Song Chol", "individual", ()),
    ]))
    assert top(screening, "Tan Hong") is None
    assert top(screening, "Kong Feng") is None
    for query, party in (("Huawei Technologies Hong Kong", "huawei-hk"), ("Huawei (HK)", "huawei-hk"),
                         ("Golden Star Hongkong Ltd", "star-hk"), ("Hong Song Chol", "hong")):
        found = top(screening, query)
        assert found is not None and found[0] == party, (query, found)


def test_a_vietnamese_name_keeps_its_family_and_middle_names() -> None:
    """A Vietnamese person's name is written a syllable a word, family name first: its "Le",
    "Do" and "Van" are the family names Lê and Đỗ and the middle name Văn, not the French article,
    the Portuguese "do" and the Dutch "van", and its "Ngo" is no NGO. Dropped, "Le Van Anh" was
    "Anh" alone and met "YK-ANH" at 0.97, "Do Van Khanh" met "KAHANE" at 0.82. A listed
    Vietnamese name is still met, with or without its diacritics and written "FAMILY, Given"; other
    names keep their particles ("Van Gogh", "Le Mans", "Le Havre")."""
    from entitylist.matching.normalize import normalize_name
    from tests.matching_fixtures import make_states

    assert normalize_name("Le Van Anh").tokens == ("le", "van", "anh")
    assert normalize_name("Nguyen Van Ngo").tokens == ("nguyen", "van", "ngo")
    assert not normalize_name("Nguyen Van Ngo").legal_forms
    assert normalize_name("Lê Văn Thành").tokens == ("le", "van", "thanh")
    assert normalize_name("LE, Van Thanh").tokens == ("le", "van", "thanh")
    assert normalize_name("Van Gogh").particles == ("van",)
    assert normalize_name("Le Mans").tokens == ("mans",)
    assert normalize_name("Le Havre").tokens == ("havre",)
    # (a company's name is no person's, though its words are syllables: "Co", "Cong Ty")
    assert normalize_name("Ngo Trading Co., Ltd").legal_forms
    screening = ListIndex(make_states([
        ("yk-anh", "YK-ANH", "vessel", ()), ("kahane", "KAHANE", "individual", ()),
        ("le", "LE VAN THANH", "individual", ()), ("nguyen", "NGUYEN, Thi Lan", "individual", ()),
    ]))
    for query in ("Le Van Anh", "Do Van Khanh", "Ngo Van Khanh", "Le Van Hung"):
        assert top(screening, query) is None, (query, screening.screen(query, threshold=0.0, limit=1))
    for query, party in (("Le Van Thanh", "le"), ("Lê Văn Thành", "le"), ("Nguyen Thi Lan", "nguyen"), ("Nguyễn Thị Lan", "nguyen")):
        found = top(screening, query)
        assert found is not None and found[0] == party, (query, found)


def test_a_persons_name_is_no_organisation_named_by_its_family_name() -> None:
    """A query of a given name and a family name is a person's name: it does not meet an
    organisation whose name holds the family name alone ("Felix Wagner" / "PRIVATE MILITARY
    COMPANY 'WAGNER'", 0.75 before), when the query's type is not given. The organisation's own
    name with a word of its own still meets it ("Wagner Group"), and so does an organisation
    named after a person, which writes the given name too ("Donna Shell" / "DONA-SHELL")."""
    from entitylist.model import Party
    from entitylist.state import PartyState

    listed = [  # (people who bear the given names, as the list's do: they weigh as the list weighs them)
        ("PRIVATE MILITARY COMPANY 'WAGNER'", "company"), ("N.P.T.T. DONA-SHELL", "company"), ("Lotus Textiles", "company"),
        ("ARELLANO FELIX, Benjamin", "individual"), ("FELIX, Ramon", "individual"), ("KOVAC, Peter", "individual"),
        ("PETER, Felix", "individual"), ("ROSS, Paul", "individual"), ("PAUL, Peter", "individual"),
    ]
    screening = ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type=kind), listed=True, listed_since=None) for i, (name, kind) in enumerate(listed)
    ])
    for query in ("Felix Wagner", "Peter Wagner", "Wagner Paul"):
        assert not screening.screen(query), query
    for query, party in (("Wagner Group", "p0"), ("PMC Wagner", "p0"), ("Donna Shell", "p1")):
        found = screening.screen(query)
        assert found and found[0].party_id == party, query


def test_a_lone_number_says_little_of_a_name() -> None:
    """"First", "One" and "No. 1" are all the number 1, which is no distinctive word, however rare
    on the list: "First Trading" is not "FIRST FURAT TRADING LLC" without its distinctive word
    (0.75 before), while the name with it still meets it; two names whose numbers differ still
    differ ("Argo 1" / "ARGO 2"), and a vessel's number still weighs ("Kang Song" meets "KANG
    SONG 1" less than "Kang Song 1" does)."""
    from entitylist.model import Party
    from entitylist.state import PartyState

    listed = [
        "FIRST FURAT TRADING LLC", "ARGO 2", "KANG SONG 1", "Lotus Textiles", "Summit Mining Corporation", "Global Trading LLC",
        "Alpha Trading LLC", "Orient Trading Company", "Nova Trading LLC", "Delta Shipping LLC", "Pacific Mining Company",
    ]
    screening = ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type="company"), listed=True, listed_since=None) for i, name in enumerate(listed)
    ])
    for query in ("First Trading OOO", "First Trading GmbH", "One Trading LLC", "Argo 1"):
        assert all(m.party_id not in ("p0", "p1") for m in screening.screen(query)), query
    for query, party in (("First Furat Trading", "p0"), ("1st Furat Trading LLC", "p0"), ("Argo 2", "p1")):
        found = screening.screen(query)
        assert found and found[0].party_id == party, query
    with_number, without = (screening.screen(query, threshold=0.3)[0].score for query in ("Kang Song 1", "Kang Song"))
    assert with_number > without + 0.05
