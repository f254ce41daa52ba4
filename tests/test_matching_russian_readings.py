"""Korean, Japanese and English names written in Russian, read back into Hangul (Kontsevich and
the press's older spellings), into Hepburn (Polivanov) and into English: "Ким Чен Ын"
transliterated letter by letter is "Kim Chen Yn", "Синдзо Абэ" "Sindzo Abe", "Джон Смит" "Dzhon
Smit", which met neither "Kim Jong Un", "Shinzo Abe" nor "John Smith"."""

from __future__ import annotations

import pytest

from entitylist.matching.kontsevich import MOST_FORMS, hangul_readings, kontsevich_forms, syllable_runs
from entitylist.matching.normalize import normalize_name
from entitylist.matching.polivanov import hepburn_of, polivanov_form
from entitylist.matching.western_in_russian import western_forms
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from tests.matching_fixtures import PARTIES, make_states, people_index, top

THRESHOLD = 0.72  # the default screening threshold


@pytest.fixture(scope="module")
def names() -> ListIndex:
    return ListIndex([])


@pytest.mark.parametrize(
    ("russian", "hangul"),
    [
        ("Ким Чен Ын", "김정은"),  # the press's spelling: ㅓ as "е", final ㅇ as "н"
        ("Ким Чжонын", "김정은"),  # Kontsevich's: the given name one word
        ("Ким Ир Сен", "김일성"),  # ㄹ as "р"
        ("Мун Чжэ-ин", "문재인"),
        ("Пак Кын Хе", "박근혜"),
        ("Пак Кынхе", "박근혜"),
        ("Ли Мён Бак", "이명박"),  # "Ли" is 이 (Lee) or 리 (North Korea's Ri)
        ("Ли Мён Бак", "리명박"),
        ("Цой Рён Хэ", "최령해"),  # 최 as the Koreans of the former Soviet Union write it; 령 and 룡 read alike
        ("Чхве Рён Хэ", "최령해"),
    ],
)
def test_korean_names_in_russian_read_back_into_hangul(russian: str, hangul: str) -> None:
    assert hangul in hangul_readings(russian)


def test_only_korean_persons_names_are_read_so() -> None:
    """A Russian name is no run of Korean syllables with a family name; nor is one word alone, nor
    a name in Latin letters; and a name of many ambiguous syllables is read at most
    ``MOST_FORMS`` ways."""
    for russian in ("Владимир Путин", "Иван Петров", "Ким", "Евгений Шувалов", "Kim Jong Un", "Ким Иванов"):
        assert hangul_readings(russian) == [], russian
    assert syllable_runs("москва") == []
    assert 1 < len(hangul_readings("Ким Чен Ын Сен")) <= MOST_FORMS
    assert kontsevich_forms(normalize_name("Сергей Шувалов")) == []


def test_a_korean_family_name_with_a_russian_given_name_is_not_read_as_korean() -> None:
    """Koreans of the former Soviet Union have Russian given names, many of which cut into Korean
    syllables ("Анна", "Лена", "Семён", "Даниил"): a name holding a Russian, Central Asian or
    English given name is not read as Korean ("Джон Ким" is no 김정); a Korean given name in one
    word is ("Чжонын", "Кынхе", "Мёнбак", "Ёнчоль"), and so is a lone "Е" (여, as "Ё")."""
    for russian in ("Ким Анна", "Кан Лена", "Хван Семён", "Хон Даниил", "Пак Оксана", "Джон Ким", "Ким Ян"):
        assert hangul_readings(russian) == [], russian
    assert "박근혜" in hangul_readings("Пак Кынхе") and "리영허" in hangul_readings("Ли Ён Хо")  # (허 and 호 read alike: "ho")
    assert "이명박" in hangul_readings("Ли Мёнбак") and "김여정" in hangul_readings("Ким Е Чжон")


def test_a_long_name_of_syllables_is_read_at_once() -> None:
    """Cutting words into syllables is bounded: a name of more words than a Korean name has is
    not read, and a word longer than two syllables is not cut (a name of ten such words once
    took seconds)."""
    import time

    started = time.perf_counter()
    assert hangul_readings("Ким " + " ".join(["ананан"] * 12)) == []
    assert hangul_readings("Ким ананан ананан ананан") == []
    assert time.perf_counter() - started < 0.5


def test_an_open_syllables_e_is_no_eo() -> None:
    """The older spellings write ㅓ as "е" before a final consonant ("Чен", 정); an open "Хе" is
    혜, not 허: "Пак Кын Хе" is not Park Geun-ho."""
    index = ListIndex([]).index
    assert compare(index, "Пак Кын Хе", "Park Geun-ho", listed_kind="person").score < THRESHOLD
    assert compare(index, "Ким Се Чжон", "Kim So Jong", listed_kind="person").score < THRESHOLD


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Ким Чен Ын", "Kim Jong Un"), ("Ким Чен Ын", "KIM Chong Un"), ("Ким Чжонын", "Kim Jong Un"),
        ("Ким Ир Сен", "Kim Il Sung"), ("Ким Ё Чжон", "Kim Yo Jong"), ("Цой Рён Хэ", "Choe Ryong Hae"),
        ("Мун Чжэ Ин", "Moon Jae-in"), ("Пак Кын Хе", "Park Geun-hye"), ("Ли Мён Бак", "Lee Myung-bak"),
    ],
)
def test_a_korean_name_written_in_russian_meets_its_romanisations(names: ListIndex, russian: str, latin: str) -> None:
    """Against a listed person, as the name in Hangul meets them (the romanisations' Korean
    syllables are paired in two Korean people's names)."""
    assert compare(names.index, russian, latin, listed_kind="person").score >= 0.9


def test_a_korean_name_in_russian_is_not_another_persons() -> None:
    """Read into Hangul, a name's syllables still decide: Kim Jong Un is not Kim Jong Il, nor his
    sister, and screening finds each among the three."""
    index = people_index([("un", "KIM, Jong Un"), ("il", "KIM, Jong Il"), ("yo", "KIM, Yo Jong")])
    assert compare(index.index, "Ким Чен Ын", "Kim Jong Il").score < THRESHOLD
    assert compare(index.index, "Ким Чен Ир", "Kim Jong Un").score < THRESHOLD
    assert compare(index.index, "Ким Ё Чжон", "Kim Jong Un").score < THRESHOLD
    for russian, party in (("Ким Чен Ын", "un"), ("Ким Чен Ир", "il"), ("Ким Ё Чжон", "yo")):
        found = top(index, russian)
        assert found is not None and found[0] == party, russian


@pytest.mark.parametrize(
    ("word", "hepburn"),
    [
        ("синдзо", ["shi", "n", "zo"]), ("хиросима", ["hi", "ro", "shi", "ma"]), ("сёко", ["sho", "ko"]),
        ("дзюнъитиро", ["ju", "n", "i", "chi", "ro"]), ("мицубиси", ["mi", "tsu", "bi", "shi"]),
        ("хаттори", ["ha", "tto", "ri"]), ("кэйко", ["ke", "i", "ko"]), ("абе", ["a", "be"]),  # the press's "е"
        ("оно", ["o", "no"]),  # (a syllable YAML would read as false, kept as written)
        ("москва", None), ("владимир", None), ("нагоя", ["na", "go", "ya"]),
    ],
)
def test_polivanov_words_read_back_into_hepburn(word: str, hepburn: list[str] | None) -> None:
    assert hepburn_of(word) == hepburn


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Синдзо Абэ", "Shinzo Abe"), ("Сёко Асахара", "ASAHARA, Shoko"), ("Хидэки Тодзё", "Hideki Tojo"),
        ("Дзюнъитиро Коидзуми", "Junichiro Koizumi"), ("Фусако Сигэнобу", "Fusako Shigenobu"),
        ("Кодзо Окамото", "Kozo Okamoto"), ("Тосиба", "Toshiba"), ("Мицубиси", "Mitsubishi"),
    ],
)
def test_a_japanese_name_written_in_russian_meets_its_hepburn(names: ListIndex, russian: str, latin: str) -> None:
    assert compare(names.index, russian, latin).score >= 0.95


def test_russian_names_are_not_read_as_japanese(names: ListIndex) -> None:
    """A name with a word of no Polivanov syllables stays as written, and a word of two syllables
    alone is not read; the name itself, where read, still meets only what it spells."""
    for russian in ("Владимир Путин", "Иван Петров", "Анна", "Сергей Шувалов"):
        assert polivanov_form(normalize_name(russian)) is None, russian
    assert compare(names.index, "Синдзо Абэ", "Shinji Abe").score < THRESHOLD
    assert compare(names.index, "Сёко Асахара", "Shoko Ishikawa").score < THRESHOLD


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Джон Смит", "John Smith"), ("Майкл Джексон", "Michael Jackson"), ("Джеймс Браун", "James Brown"),
        ("Эндрю Джонсон", "Andrew Johnson"), ("Генри Форд", "Henry Ford"), ("Уильям Тейлор", "William Taylor"),
        ("Джозеф Кони", "Joseph Kony"),  # (a word not in the table read as English spells the sounds: "дж" as "j")
        ("Смит, Джон", "SMITH, John"),
        ("Хоакин Гусман", "Joaquin Guzman"), ("Хорхе Родригес", "Jorge Rodriguez"), ("Хавьер Хименес", "Javier Jimenez"),
        ("Хосе Ортега", "Jose Ortega"),  # (Spanish: "х" is its "j")
    ],
)
def test_an_english_or_spanish_name_written_in_russian_meets_its_own_spelling(names: ListIndex, russian: str, latin: str) -> None:
    assert compare(names.index, russian, latin, listed_kind="person").score >= 0.9


def test_russian_names_are_not_read_as_english(names: ListIndex) -> None:
    """Only a name holding an English name in its Russian spelling is read so; and read so it is
    still the name it is: John Smith is not John Smithers, nor James Brown Jim Brown's namesake
    James Bond."""
    for russian in ("Владимир Путин", "Иван Петров", "Роберт Малли", "Ким Чен Ын"):
        assert western_forms(normalize_name(russian)) == [], russian
    assert compare(names.index, "Джон Смит", "John Smithers", listed_kind="person").score < THRESHOLD
    assert compare(names.index, "Джеймс Браун", "James Bond", listed_kind="person").score < THRESHOLD
    assert compare(names.index, "Майкл Джексон", "Michael Jordan", listed_kind="person").score < THRESHOLD
    assert compare(names.index, "Хорхе Родригес", "Jorge Ramirez", listed_kind="person").score < THRESHOLD


def test_english_stopwords_are_words_of_a_name_written_in_russian() -> None:
    """Russian never writes "in", "an", "a" or "and" as words of a name: in Cyrillic they are
    syllables ("Пай Ин", Pae In; "Ан", An, a Korean family name), kept, not dropped as the English
    stopwords they transliterate to; the particles Russian does write stay stopwords ("Ван",
    "де", "аль"). No reading of the name drops them either ("Пай Ин" is no Japanese "Pai")."""
    assert normalize_name("Пай Ин").tokens == ("pay", "in")
    assert normalize_name("Ан Мария").tokens == ("an", "mariya")
    assert normalize_name("Шарль де Голль").tokens == ("sharl", "goll")
    assert normalize_name("Pai In").tokens == ("pai",)  # in Latin letters, still the English stopword
    assert polivanov_form(normalize_name("Пай Ин")) is None
    people = people_index([("melnichuk", "MELNICHUK, Aleksandr Aleksandrovich"), ("mira", "MIRA")])
    assert top(people, "Ан Александр Александрович") is None  # "Ан" is a name of its own, not left out
    assert top(people, "Ан Эльмира") is None


def test_short_syllables_of_a_name_in_russian_are_no_legal_forms() -> None:
    """A Korean, Chinese or Vietnamese name in Russian writes its syllables as words of a capital
    and a small letter ("Айдар Ю", "Хон Бо", "Гу Ин", "Во Кхань"); Russian writes its legal forms'
    abbreviations all in capitals ("АО", "НО"), and a foreign form shortened with a period ("Ко.").
    Such syllables stay words of the name (and "Ю", read "yu", is no Latin form either); the
    forms are still cut out, and a name all in capitals is read as before."""
    assert normalize_name("Кайрат Ю").tokens == ("kayrat", "yu")
    assert not normalize_name("Кайрат Ю").legal_forms
    assert normalize_name("Хон Бо").tokens == ("khon", "bo")
    assert normalize_name("Во Кхань").tokens == ("vo", "kkhan")
    assert normalize_name("Гу Ин").tokens == ("gu", "in")
    assert normalize_name("АО Газпром").tokens == ("gazprom",)
    assert normalize_name("АО Газпром").legal_forms == {"jsc"}
    assert normalize_name("НО Фонд Развития").legal_forms == {"ngo"}
    assert normalize_name("Хуавэй Текнолоджиз Ко., Лтд.").legal_forms == {"llc"}
    assert normalize_name("ХОН БО").tokens == ("khon",)  # (all in capitals: "БО" is taken as the form it spells)
    # the common forms, which are no syllable, however written (a company's name title-cased)
    assert normalize_name("Ао Рособоронэкспорт").tokens == ("rosoboroneksport",)
    assert normalize_name("Ип Иванов").legal_forms == {"sp"}
    # the same at the end of the name, where Russian writes a foreign form ("Ко." for "Co."):
    # "Ирина Ко", a given name and the Korean family name Ko, keeps it; the form shortened with a
    # period, and at the end of a company's longer name, is cut
    assert normalize_name("Ирина Ко").tokens == ("irina", "ko")
    assert not normalize_name("Ирина Ко").legal_forms
    assert normalize_name("Самсунг Электроникс Ко.").tokens == ("samsung", "electronics")
    assert normalize_name("Самсунг Электроникс Ко").tokens == ("samsung", "electronics")
    assert normalize_name("САМСУНГ ЭЛЕКТРОНИКС КО").legal_forms
    companies = ListIndex(make_states([*PARTIES, ("karat", "KARAT INDUSTRY CO., LTD.", "company", ())]))
    assert top(companies, "Кайрат Ю") is None  # its family name is no legal form left out
    assert top(companies, "Карат Индастри Ко., Лтд.") is not None
