"""Finding listed parties in running text written in Arabic, Hebrew, the Brahmic scripts of India
and Japanese: words read whole, vowel signs and all; a word of an abjad script met by its
consonants, as screening meets it; and, since common words of those scripts share their
consonants with some listed name far more often than Latin words share their spelling, a mention
there needs more than one such word, or a word beside it saying what kind of body it names. In
Japanese, written without spaces, a run of katakana is a word, read as the foreign name it
writes."""

from __future__ import annotations

import pytest

from entitylist.scanning.mentions import MentionFinder
from entitylist.scanning.tokens import Words
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

PARTIES = [
    ("obl", "BIN LADIN, Usama", "individual", ()),
    ("haniyeh", "HANIYEH, Ismail", "individual", ()),
    ("rabin", "RABIN, Yitzhak", "individual", ()),
    ("azhar", "AZHAR, Masood", "individual", ()),
    ("hamas", "HAMAS", "entity", ()),
    ("hizballah", "HIZBALLAH", "entity", ()),
    ("melli", "BANK MELLI IRAN", "entity", ()),
    ("babbar", "Babbar Khalsa International", "entity", ()),
    ("nso", "NSO Group Technologies Ltd.", "entity", ()),
    # names whose consonants common Arabic words also write: "وزير" (minister), "التقى الرئيس"
    # (met the president), "هذا" (this), "الاستقرار" (stability)
    ("vazir", "VAZIR", "entity", ()),
    ("altun", "ALTUN, Ali Riza", "individual", ("ALTUG, Risa",)),
    ("hadid", "HADID", "entity", ()),
    ("citicar", "CITICAR LTDA.", "entity", ()),
    ("trump", "TRUMP, Donald", "individual", ()),
    ("wagner", "PMC Wagner", "entity", ()),
    ("prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich", "individual", ()),
    ("service", "Service Computer News Hotel", "entity", ()),  # (the English of common loanwords)
    ("samsung", "Samsung Electronics Co., Ltd.", "entity", ()),
    ("kim-yo-jong", "KIM, Yo Jong", "individual", ()),
    ("min-aung-hlaing", "MIN AUNG HLAING", "individual", ()),
    ("than-shwe", "THAN SHWE", "individual", ()),
    ("aung-kyi", "AUNG KYI", "individual", ()),
]


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    return MentionFinder(ListIndex(make_states(PARTIES)))


def found(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.party_id) for m in finder.find(text)]


def test_a_word_with_vowel_signs_is_one_word() -> None:
    """Devanagari's vowel signs are combining marks, neither letters nor digits: "मसूद" was read
    as "मस" and "द", and no name written in the scripts of India was ever found."""
    assert Words("मौलाना मसूद अज़हर ने कहा।").spellings == ["मौलाना", "मसूद", "अज़हर", "ने", "कहा"]


def test_allah_written_apart_after_an_arabic_word_is_one_word_with_it() -> None:
    assert Words("وقال حزب الله إن عبد الله. Allah الله").spellings == ["وقال", "حزب الله", "إن", "عبد الله", "Allah", "الله"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال أسامة بن لادن في تسجيل صوتي", [("أسامة بن لادن", "obl")]),
        ("التقى إسماعيل هنية بالسفير أمس.", [("إسماعيل هنية", "haniyeh")]),
        ("أعلنت حركة حماس اليوم عن هدنة", [("حماس", "hamas")]),  # "movement" beside the one word
        ("وقال حزب الله في بيان", [("حزب الله", "hizballah")]),  # two words, one listed word
        ("فرضت الخزانة عقوبات على بنك ملي إيران", [("بنك ملي إيران", "melli")]),
        ("יצחק רבין נרצח ב-1995.", [("יצחק רבין", "rabin")]),
        ("איסמעיל הנייה נפגש עם השגריר.", [("איסמעיל הנייה", "haniyeh")]),
        ("החברה קבוצת NSO הודיעה היום.", [("קבוצת NSO", "nso")]),
        ("मौलाना मसूद अज़हर ने कल एक बयान जारी किया।", [("मसूद अज़हर", "azhar")]),
        ("ਬੱਬਰ ਖ਼ਾਲਸਾ ਨੇ ਜ਼ਿੰਮੇਵਾਰੀ ਲਈ।", [("ਬੱਬਰ ਖ਼ਾਲਸਾ", "babbar")]),
        # Korean: a company's name read a word per run of Hangul, the particle on it cut off
        ("삼성전자는 오늘 실적을 발표했다.", [("삼성전자는", "samsung")]),
        ("김정은 위원장의 여동생 김여정 부부장이 담화를 발표했다.", [("김여정", "kim-yo-jong")]),
    ],
)
def test_names_in_running_text_of_other_scripts_are_found(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    """Each was missed: a word in Arabic or Hebrew script looked up as if Latin met nothing, and
    a match by consonants was never taken as a mention."""
    assert found(finder, text) == expected


def test_japanese_text_is_cut_into_runs_of_katakana_hiragana_and_han(finder: MentionFinder) -> None:
    word = "ロシアのカスペルスキーは声明"
    assert [word[s:e] for s, e in finder.split(word) or []] == ["ロシア", "の", "カスペルスキー", "は", "声明"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ドナルド・トランプ大統領は述べた。", [("ドナルド・トランプ", "trump")]),
        ("ワグネルの創設者エフゲニー・プリゴジンが死亡した。", [("ワグネル", "wagner"), ("エフゲニー・プリゴジン", "prigozhin")]),
        ("東京のホテルでマネージャーがニュースの取材に応じ、新しいサービスとコンピューターを発表した。", []),
    ],
)
def test_foreign_names_in_japanese_text_are_found(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    """A sentence of Japanese was one word, or cut as Chinese, and katakana read in Hepburn only
    ("toranpu"): nothing was found."""
    assert found(finder, text) == expected


def test_one_word_met_by_its_consonants_needs_a_word_naming_a_body_beside_it(finder: MentionFinder) -> None:
    """The rule itself (a list this small gives few one-word seeds: against the SDN list "وزير",
    minister, was a mention of VAZIR, an alias, until the rule): a single word met by its
    consonants counts beside "حركة" (movement), with or without an article or conjunction on it."""
    judged = finder._judge("حماس")
    assert judged is not None and judged.explained == 1
    for text, at, expected in [("قالت حماس اليوم", 1, False), ("قالت حركة حماس", 2, True), ("قالت والحركة حماس", 2, True)]:
        assert finder._abjad_evidence(Words(text), at, at, judged) is expected, text


def test_arabic_and_indic_names_quoted_in_an_english_text_are_found(finder: MentionFinder) -> None:
    """A text with Latin capitals is read from its capitalised words: a word of a script without
    capitals never started a passage there ("Reuters" alone made "أسامة بن لادن" go unfound)."""
    text = "CAIRO (Reuters) - Officials said that أسامة بن لادن and मसूद अज़हर were named in the Siemens report."
    assert found(finder, text) == [("أسامة بن لادن", "obl"), ("मसूद अज़हर", "azhar")]


def test_japanese_with_its_voicing_marks_written_apart_is_read_as_composed(finder: MentionFinder) -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "ドナルド・トランプ大統領は述べた。")
    assert [party for _text, party in found(finder, text)] == ["trump"]


@pytest.mark.parametrize(
    "text",
    [
        "قال وزير الخارجية إن الحكومة تعمل من أجل الاستقرار في المنطقة هذا العام.",
        "التقى الرئيس بوفد من رجال الأعمال في القاهرة.",  # (found as ALTUG, Risa without the rule)
        "قالت حماس",  # one word met by its consonants, no word naming a body beside it
    ],
)
def test_common_words_sharing_a_names_consonants_are_no_mention(finder: MentionFinder, text: str) -> None:
    assert found(finder, text) == []


def test_burmese_is_read_a_phrase_a_word_with_its_marks() -> None:
    """Burmese writes its vowel signs, medials and tone marks as combining marks: "မင်းအောင်လှိုင်"
    was read as nine words of a letter or two, and no name written in Burmese was found."""
    assert Words("မင်းအောင်လှိုင် နှင့် သန်းရွှေ တွေ့ဆုံခဲ့သည်။").spellings == ["မင်းအောင်လှိုင်", "နှင့်", "သန်းရွှေ", "တွေ့ဆုံခဲ့သည်"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("မင်းအောင်လှိုင် နှင့် သန်းရွှေ တွေ့ဆုံခဲ့သည်။", [("မင်းအောင်လှိုင်", "min-aung-hlaing"), ("သန်းရွှေ", "than-shwe")]),
        ("ဗိုလ်ချုပ်မှူးကြီး မင်းအောင်လှိုင်က ယနေ့ ပြောကြားခဲ့သည်။", [("မင်းအောင်လှိုင်က", "min-aung-hlaing")]),  # (the particle "က" written on)
        ("မြန်မာနိုင်ငံတွင် မိုးရာသီ စတင်ပြီဖြစ်သည်။", []),
        ("ရန်ကုန်မြို့တွင် ဈေးနှုန်းများ မြင့်တက်လာသည်။", []),
        # a name does not run on over Burmese's full stop ("... သန်း။ ရွှေ ...": a sentence ending in
        # "Than", the next beginning "Shwe", found as THAN SHWE before)
        ("ထမင်းစားပြီ သန်း။ ရွှေ ရောင်", []), ("သူ အောင်။ ကြည် သည်", []),
    ],
)
def test_names_in_burmese_text_are_found(finder: MentionFinder, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(finder, text) == expected
