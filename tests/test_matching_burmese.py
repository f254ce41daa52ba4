"""Names written in Burmese meet their English spellings: a name is read a word a syllable (Burmese
writes no space between them), each syllable as names are spelt ("ောင်" "aung", "ိုင်" "aing",
a nasal with the creaky tone "Myint"), a title ("ဦး", U) left out; against a listed person,
the spellings of one syllable meet ("Soe" / "so", "Htay" / "hte", "Tun" / "htun")."""

from __future__ import annotations

import pytest
from anyascii import anyascii

from entitylist.matching.burmese import read_burmese
from entitylist.matching.index import burmese_key
from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

THRESHOLD = 0.72

PEOPLE = [
    ("mah", "MIN AUNG HLAING"), ("assk", "Aung San Suu Kyi"), ("than-shwe", "THAN SHWE"), ("thein-sein", "Thein Sein"),
    ("soe-win", "SOE WIN"), ("khin-nyunt", "Khin Nyunt"), ("myint-swe", "MYINT SWE"), ("htin-kyaw", "Htin Kyaw"),
    ("u-thant", "U Thant"), ("ne-win", "Ne Win"), ("win-myint", "Win Myint"), ("htay-myint", "HTAY MYINT"),
    ("moe-myint-tun", "MOE MYINT TUN"), ("zaw-min-tun", "ZAW MIN TUN"), ("maung-maung-kyaw", "MAUNG MAUNG KYAW"),
    ("soe-htut", "SOE HTUT"), ("min-aung", "Min Aung"), ("tin-aye", "TIN AYE"), ("maung-aye", "Maung Aye"),
    ("thein-lay", "THEIN LAY"), ("toe-win", "Toe Win"),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(make_states([(pid, name, "individual", ()) for pid, name in PEOPLE]))


@pytest.mark.parametrize(
    ("burmese", "read"),
    [
        ("မင်းအောင်လှိုင်", "min aung hlaing"),  # a word a syllable; "လှ" is "hl", "ိုင်" "aing"
        ("သန်းရွှေ", "than shwe"),  # "ရ" with "ှ" is "sh", "ွ" a "w"
        ("သိန်းစိန်", "thein sein"),  # "ိန်" is "ein"
        ("ကျော်", "kyaw"),  # "ျ" a "y"; the asat on "ော" is a tone, no final
        ("မြင့်ဆွေ", "myint swe"),  # a nasal with the creaky tone written with a "t"
        ("ခင်ညွန့်", "khin nyunt"),  # "ွန်" is "un"
        ("ထွန်း", "htun"),
        ("မန္တလေး", "man ta le"),  # a consonant stacked under the next ends the syllable before it
        ("ဦးအောင်ကျော်", "aung kyaw"),  # the title U left out
        ("ဦးသန့်", "u thant"),  # ... but before a name of one syllable, listed with it
        ("ဒေါ်အောင်ဆန်းစုကြည်", "aung san su kyi"),  # and Daw
        ("၁၂၃", "123"),  # (its digits as digits)
        ("ဗိုလ်ချုပ်", "bo chok"),  # a final that is not said ("ဗိုလ်", "Bo")
    ],
)
def test_burmese_is_read_a_word_a_syllable(burmese: str, read: str) -> None:
    assert anyascii(read_burmese(burmese)) == read
    assert normalize_name(burmese, True).tokens == tuple(read.split())


def test_a_syllable_is_never_a_stopword_nor_a_legal_form() -> None:
    """"အေး" (Aye) reads "e", "လေး" (Lay) "le", "တိုး" (Toe) "to", "စ" "sa": Latin stopwords, a
    particle and a legal form, which were dropped from the name."""
    assert normalize_name("တင်အေး", True).tokens == ("tin", "e")
    assert normalize_name("သိန်းလေး").tokens == ("thein", "le")
    assert normalize_name("တိုးဝင်း").tokens == ("to", "win") and normalize_name("စ").tokens == ("sa",)


def test_a_syllable_spelt_either_way_has_one_key() -> None:
    assert burmese_key("Htay".casefold()) == burmese_key("hte") == "hte"
    assert burmese_key("soe") == burmese_key("so") and burmese_key("suu") == burmese_key("su")
    assert burmese_key("aye") == burmese_key("e") and burmese_key("lay") == burmese_key("le")
    assert burmese_key("tun") == burmese_key("htun") and burmese_key("oo") == burmese_key("u")
    assert burmese_key("shwe") != burmese_key("swe") and burmese_key("zaw") != burmese_key("saw")
    assert burmese_key("htin") != burmese_key("tin") and burmese_key("pho") != burmese_key("po")  # (ထ and တ, ဖ and ပ)


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("မင်းအောင်လှိုင်", "mah"), ("အောင်ဆန်းစုကြည်", "assk"), ("သန်းရွှေ", "than-shwe"), ("သိန်းစိန်", "thein-sein"),
        ("စိုးဝင်း", "soe-win"), ("ခင်ညွန့်", "khin-nyunt"), ("မြင့်ဆွေ", "myint-swe"), ("ထင်ကျော်", "htin-kyaw"),
        ("ဦးသန့်", "u-thant"), ("နေဝင်း", "ne-win"), ("ဝင်းမြင့်", "win-myint"), ("ဌေးမြင့်", "htay-myint"),
        ("မိုးမြင့်ထွန်း", "moe-myint-tun"), ("ဇော်မင်းထွန်း", "zaw-min-tun"), ("မောင်မောင်ကျော်", "maung-maung-kyaw"),
        ("စိုးထွဋ်", "soe-htut"),
        # syllables that spell a Latin stopword or particle: "e" (Aye), "le" (Lay), "to" (Toe)
        ("တင်အေး", "tin-aye"), ("မောင်အေး", "maung-aye"), ("သိန်းလေး", "thein-lay"), ("တိုးဝင်း", "toe-win"),
    ],
)
@pytest.mark.parametrize("query_type", ["person", None])
def test_a_name_in_burmese_finds_its_english_spelling(index: ListIndex, query: str, party: str, query_type: str | None) -> None:
    found = index.screen(query, explain=False, query_type=query_type)
    assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("မင်းထွန်း", "Min Aung Hlaing"), ("စိုးဝင်း", "Soe Myint"), ("သန်းရွှေ", "Than Htay"), ("ဝင်းမြင့်", "Win Aung"),
        ("ကျော်ဇော", "Kyaw Myint"), ("သိန်းစိန်", "Thein Htut"), ("အောင်ကျော်", "Aung San Suu Kyi"),
        ("စောဝင်း", "Zaw Win"), ("ဇော်ဝင်း", "Saw Win"), ("ထွန်းထွန်း", "Tin Tun"), ("မိုးမြင့်", "Moe Myat"),
        # an aspirate is not the plain consonant ("ထ", Ht, "တ", T; "ဖ", Ph, "ပ", P)
        ("ထင်ကျော်", "Tin Kyaw"), ("ဖိုးကျော်", "Po Kyaw"), ("တင်ထွန်း", "Htin Htun"),
        ("ဦးကျော်", "Aung Kyaw"),  # (U Kyaw: one syllable after the title, which is kept)
        ("တင်အေး", "Tin Oo"), ("တင်အေး", "Win Tin"),
    ],
)
def test_another_burmese_name_stays_below_the_threshold(index: ListIndex, query: str, listed: str) -> None:
    names: NameIndex = index.index
    assert compare(names, query, listed, listed_kind="person", query_kind="person").score < THRESHOLD


def test_latin_names_do_not_meet_as_burmese_syllables(index: ListIndex) -> None:
    # (the spellings of a syllable meet only where the query is written in Burmese: "Soe" is no "So")
    names: NameIndex = index.index
    assert compare(names, "So Win", "SOE WIN", listed_kind="person", query_kind="person").score < \
        compare(names, "စိုးဝင်း", "SOE WIN", listed_kind="person", query_kind="person").score
