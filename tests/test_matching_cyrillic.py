"""Russian, Ukrainian and Belarusian names in the romanisations sources use: English ("Shuvalov"),
French ("Chouvalov", "Iouri", "Timtchenko"), German ("Schuwalow", "Jewgeni", "Tschemesow") and
the national forms of given names ("Mykola" / "Nikolai", "Siarhei" / "Sergei"). A screening of
one spelling must find the party listed under another, and the other people of the same family
or a similar name must stay below the threshold."""

from __future__ import annotations

import random

import pytest

from entitylist.evaluation import build_index
from entitylist.matching.index import _rewritten, cyrillic_readings, cyrillic_spellings_agree
from entitylist.matching.normalize import normalize_name
from entitylist.matching.palladius import palladius_form, pinyin_of
from entitylist.matching.score import compare
from entitylist.matching.vocabulary import WRITTEN_ONCE, cyrillic_romanisations, gender_forms
from entitylist.screening import ListIndex
from tests.matching_fixtures import assert_found_at_top, make_states, people_index, top

PEOPLE = [
    ("ushakov", "USHAKOV, Yuri Viktorovich"),
    ("shuvalov", "SHUVALOV, Igor Ivanovich"),
    ("chemezov", "CHEMEZOV, Sergei Viktorovich"),
    ("volodin", "VOLODIN, Vyacheslav Viktorovich"),
    ("timchenko", "TIMCHENKO, Gennady Nikolayevich"),
    ("medvedchuk", "MEDVEDCHUK, Viktor Volodymyrovych"),
    ("azarov", "AZAROV, Nikolai Yanovich"),
    ("chayka", "CHAYKA, Yuriy Yakovlevich"),
    ("poklonskaya", "POKLONSKAYA, Natalya Vladimirovna"),
    ("zhukov", "ZHUKOV, Georgy"),
    ("sergeenko", "SERGEENKO, Igor"),
    ("rotenberg", "ROTENBERG, Arkady Romanovich"),
    # people a loose reading must not take for the ones above
    ("ushakin", "USHAKIN, Yuri"),
    ("medvedev", "MEDVEDEV, Viktor"),
    ("rotenberg-boris", "ROTENBERG, Boris Romanovich"),
    ("zhang", "ZHANG, Wei"),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return people_index(PEOPLE)


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("Iouri Ouchakov", "ushakov"),  # French
        ("Juri Uschakow", "ushakov"),  # German
        ("Igor Chouvalov", "shuvalov"),
        ("Igor Schuwalow", "shuvalov"),
        ("Sergej Tschemesow", "chemezov"),
        ("Wjatscheslaw Wolodin", "volodin"),
        ("Viatcheslav Volodine", "volodin"),
        ("Gennadij Timtschenko", "timchenko"),
        ("Guennadi Timtchenko", "timchenko"),
        ("Wiktor Medwedtschuk", "medvedchuk"),
        ("Mykola Azarov", "azarov"),  # Ukrainian given name
        ("Yuri Tchaika", "chayka"),
        ("Natalia Poklonskaia", "poklonskaya"),
        ("Georgi Joukov", "zhukov"),
        ("Ihar Sergeenko", "sergeenko"),  # Belarusian given name
        ("Arkadij Rotenberg", "rotenberg"),
    ],
)
def test_other_romanisations_find_the_party(index: ListIndex, query: str, party: str) -> None:
    assert_found_at_top(index, query, party)


@pytest.mark.parametrize(
    ("query", "other"),
    [
        ("Yuri Ushakin", "ushakov"),
        ("Viktor Medvedev", "medvedchuk"),
        ("Boris Rotenberg", "rotenberg"),
        ("Jiang Wei", "zhang"),  # romanised Chinese syllables are read as written
    ],
)
def test_similar_names_stay_apart(index: ListIndex, query: str, other: str) -> None:
    found = top(index, query, query_type="person")
    assert found is None or found[0] != other, (query, found)


def test_readings_level_each_system_and_keep_other_sounds_apart() -> None:
    assert "shuvalov" in cyrillic_readings("chouvalov") & cyrillic_readings("schuwalow")
    assert cyrillic_readings("jewgeni") & cyrillic_readings("yevgeny")
    assert cyrillic_spellings_agree("tschemesow", "chemezov")
    assert cyrillic_spellings_agree("zarew", "tsarev")  # German z
    assert cyrillic_spellings_agree("joukov", "zhukov")  # French j
    assert not cyrillic_spellings_agree("zhang", "yang")  # zh is never a y
    assert not cyrillic_spellings_agree("maria", "mara")  # a vowel is not a glide
    assert not cyrillic_spellings_agree("ivanov", "ivanenko")
    assert cyrillic_readings("ab") == frozenset() and cyrillic_readings("o'neil") == frozenset()


def test_national_forms_of_given_names_are_one_name() -> None:
    for forms in (("Mykola", "Nikolay", "Mikalai"), ("Siarhei", "Serhiy", "Sergey"), ("Volodymyr", "Uladzimir", "Vladimir")):
        assert len({normalize_name(form, person=True).tokens for form in forms}) == 1, forms


def test_a_given_name_that_companies_use_as_a_word_is_that_name_only_in_peoples_names() -> None:
    """Ukrainian "Petro" (Pyotr) is also the short form of "petroleum": made the given name in
    every name, it broke "Petro Iran" from the listed "PETROIRAN" that writes it run together.
    It is the given name in a person's name, and a name of unknown kind meets the given name."""
    assert normalize_name("Petro Iran Development Company").tokens[0] == "petro"
    assert normalize_name("Petro Poroshenko", person=True).tokens[0] == "pyotr"
    index = ListIndex(make_states([
        ("petroiran", "PETROIRAN DEVELOPMENT COMPANY (PEDCO) LIMITED", "company", ()),
        ("petrogreen", "PETRO GREEN", "company", ()),
        ("poroshenko", "POROSHENKO, Petr", "individual", ()),
        ("kovalchuk", "KOVALCHUK, Petro", "individual", ()),
    ]))
    assert (top(index, "Petro Iran Development Company") or ("", 0.0))[0] == "petroiran"
    assert (top(index, "Petrogreen") or ("", 0.0))[0] == "petrogreen"
    for query, party in (("Petro Poroshenko", "poroshenko"), ("Pyotr Kovalchuk", "kovalchuk"), ("Petr Kovalchuk", "kovalchuk")):
        assert_found_at_top(index, query, party)
        assert (top(index, query) or ("", 0.0))[0] == party, query  # not said to be a person's name


def test_a_family_names_other_gender_form_is_found_where_the_list_uses_the_name_itself() -> None:
    """"Natalya Ivanov" for "IVANOVA, Natalya": a word the list uses is taken as written, so no
    typo of "Ivanov" was looked up and the index never brought her name in, though the scorer
    gives the pair 0.9. The masculine and feminine forms of a Slavic family name are looked up."""
    index = people_index([
        ("ivanova", "IVANOVA, Natalya"), ("ivanov", "IVANOV, Sergei"), ("tolstaya", "TOLSTAYA, Tatyana"), ("tolstoy", "TOLSTOY, Lev"),
    ])
    for query, party in (("Natalya Ivanov", "ivanova"), ("Sergei Ivanova", "ivanov"), ("Tatyana Tolstoy", "tolstaya")):
        assert_found_at_top(index, query, party)
        assert (top(index, query) or ("", 0.0))[0] == party, query  # not said to be a person's name
    assert top(index, "Svetlana Ivanova", query_type="person") is None  # another given name
    assert gender_forms("ivanov") == ["ivanova"] and gender_forms("lin") == []  # ("Lin" is no "Lina")


def test_rewrites_apply_as_their_patterns_do() -> None:
    """Each table of rewrites gives what its patterns give, substituted in turn: plain letters
    replaced, other patterns run only where their letters occur, doubled letters written once
    without the engine (``WRITTEN_ONCE``); on the words of the romanisations and random words."""
    spellings, _readings, levels = cyrillic_romanisations()
    assert [needs for *_rest, needs in levels].count(WRITTEN_ONCE) == 1
    rng = random.Random(5)
    words = [query for query, _party in PEOPLE] + ["vassili", "poussov", "yevgeny", "ievgueni", "andreievich", "smirnoff"]
    words += ["".join(rng.choice("aeiouyszchtkwjqxfgnlr") for _ in range(rng.randrange(1, 12))) for _ in range(20_000)]
    for table in (spellings, levels):
        for word in words:
            expected = word
            for pattern, into, _letters, _needs in table:
                expected = pattern.sub(into, expected)
            assert _rewritten(word, table) == expected, word


COMPANIES = [
    ("huawei", "Huawei Technologies Co., Ltd.", "company", ()),
    ("dahua", "Zhejiang Dahua Technology Co., Ltd.", "company", ("Dahua Technology",)),
    ("megvii", "Megvii Technology", "company", ()),
    ("huadong", "Huadong Electronics", "company", ()),
]


@pytest.fixture(scope="module")
def companies() -> ListIndex:
    return ListIndex(make_states(COMPANIES))


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("Хуавэй Текнолоджиз", "huawei"),  # as the Russian press writes it
        ("Хуавей", "huawei"),
        ("ХУАВЕЙ ТЕХНОЛОДЖИС КО", "huawei"),
        ("Хуавэй Текнолоджиз Ко., Лтд.", "huawei"),
        ("Дахуа Технолоджи Ко., Лтд.", "dahua"),
        ("Мегвий Текнолоджи", "megvii"),
        ("Хуадун Электроникс", "huadong"),  # "Хуадун" by Palladius: Huadong, not Huawei
    ],
)
def test_a_company_written_in_cyrillic_finds_its_latin_name(companies: ListIndex, query: str, party: str) -> None:
    """A listed organisation's word is reached by its Cyrillic transliteration's readings
    ("khuavey": "huawei"), not only people's words, and only that party is."""
    found = companies.screen(query, explain=False)
    assert [m.party_id for m in found] == [party], (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize("query", ["Хуаксин Текнолоджиз", "Мегатрон Текнолоджи", "Дахан", "Хуадин Электроникс"])
def test_another_brand_written_in_cyrillic_stays_apart(companies: ListIndex, query: str) -> None:
    assert companies.screen(query, explain=False) == [], query


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Семикондактор Мэньюфэкчуринг Интернэшнл Корпорейшн", "Semiconductor Manufacturing International Corporation"),
        ("Бета Энерджи Груп", "Beta Energy Group"), ("Альфа Холдингс", "Alfa Holdings"), ("Дельта Эйрлайнс", "Delta Airlines"),
        ("Сигма Фармасьютикалс", "Sigma Pharmaceuticals"), ("Гамма Эквипмент", "Gamma Equipment"),
        ("Лямбда Секьюрити Солюшнс", "Lambda Security Solutions"), ("Альфа Эвиэйшн Индастриз", "Alfa Aviation Industries"),
    ],
)
def test_english_business_words_as_russian_writes_them_are_those_words(russian: str, latin: str) -> None:
    """Russian writes the English words of a company's name as they sound ("Мэньюфэкчуринг",
    "Энерджи", "Груп"): read back into English (``transliterated_words.yaml``), not left as
    "menyufekchuring", which met no "Manufacturing" (0.03-0.39 before)."""
    index = build_index([], [latin, "Gamma Holdings"])  # (the names listed: a name in Cyrillic meets listed words)
    assert compare(index, russian, latin).score >= 0.9
    assert compare(index, "Бета Холдингс", "Gamma Holdings").score < 0.72  # (the generic word alone is no match)


def test_a_latin_spelling_of_the_reading_does_not_reach_an_organisation(companies: ListIndex) -> None:
    """Written in Latin letters, "Khuavey" is another word: an organisation's words are met by
    their Cyrillic readings only from a name written in Cyrillic (the Latin candidates stay as
    they were)."""
    assert companies.screen("Khuavey Trading", explain=False, threshold=0.0) == []
    assert companies.index.cyrillic_lookup("zzzz", companies.index.lookup("zzzz")).found == {}


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("Хуавэй Текнолоджиз Ко., Лтд.", ("khuavey", "technologies")),
        ("Хуавэй Текнолоджиз Ко", ("khuavey", "technologies")),
        ("Хуавэй Текнолоджиз Инк.", ("khuavey", "technologies")),
        ("Дахуа Технолоджи", ("dakhua", "technology")),
    ],
)
def test_english_legal_forms_and_words_written_in_cyrillic(name: str, tokens: tuple[str, ...]) -> None:
    normalized = normalize_name(name)
    assert normalized.tokens == tokens
    assert normalized.cyrillic
    assert normalized.legal_forms == (frozenset() if name == "Дахуа Технолоджи" else frozenset({"llc"}))


def test_a_cyrillic_form_is_never_the_whole_name_nor_a_persons_word() -> None:
    assert normalize_name("Ко").tokens == ("ko",)
    assert normalize_name("Ко Чол Ман").tokens == ("ko", "chol", "man")  # a Korean family name first
    assert normalize_name("Ко Чол Ман", True).tokens == ("ko", "chol", "man")
    assert not normalize_name("Huawei").cyrillic and not normalize_name("هواوي").cyrillic


@pytest.mark.parametrize(
    ("word", "pinyin"),
    [
        ("цзиньпин", ["jin", "ping"]), ("синьцзян", ["xin", "jiang"]), ("хуавэй", ["hua", "wei"]),
        ("хуавей", ["hua", "wei"]),  # the press's "ей" for Palladius's "эй"
        ("шэньчжэнь", ["shen", "zhen"]), ("сиань", ["xi", "an"]), ("цзэдун", ["ze", "dong"]),
        ("москва", None), ("сергей", None), ("урумчи", None),  # no run of Palladius syllables
    ],
)
def test_palladius_words_read_back_into_pinyin(word: str, pinyin: list[str] | None) -> None:
    assert pinyin_of(word) == pinyin


@pytest.mark.parametrize(
    ("russian", "latin"),
    [("Си Цзиньпин", "Xi Jinping"), ("Мао Цзэдун", "Mao Zedong"), ("Синьцзян", "Xinjiang"), ("Дэн Сяопин", "DENG Xiaoping")],
)
def test_a_chinese_name_written_in_russian_meets_its_pinyin(russian: str, latin: str) -> None:
    """Russian writes Chinese names by the Palladius system: "Си Цзиньпин" transliterated letter by
    letter is "Si Tszinpin" (0.03 against Xi Jinping); read back into pinyin it is the name."""
    index = ListIndex([]).index
    assert compare(index, russian, latin).score >= 0.95


def test_russian_words_are_not_read_as_chinese() -> None:
    """A Russian name stays as written; one word of one syllable alone is not read ("Ли"), and a
    name's words that are no run of syllables stay as they are beside those that are."""
    assert palladius_form(normalize_name("Сергей Шувалов")) is None
    assert palladius_form(normalize_name("Ли")) is None
    form = palladius_form(normalize_name("Чжэцзян Дахуа Текнолоджи"))
    assert form is not None and form.tokens == ("zhejiang", "dahua", "technology")
    index = ListIndex([]).index
    assert compare(index, "Си Цзиньпин", "Xi Mingze").score < 0.72
    assert compare(index, "Ван Хуэй", "Wang Wei").score < compare(index, "Ван Хуэй", "Wang Hui").score
