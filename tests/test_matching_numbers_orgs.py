"""Numbers and generation marks, glued legal forms, acronyms, government abbreviations, place
variants, transliterated Russian and Chinese words, CJK compared in its own script (issue 12)."""

from __future__ import annotations

import itertools
import random

import pytest

from entitylist.matching.normalize import _supplementary_forms, _supplementary_matches, normalize_name
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_index, score_of, top


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return make_index()


@pytest.mark.parametrize(("one", "other"), [("3rd Battalion", "Third Battalion"), ("21 Holdings", "Twenty-One Holdings"),
                                            ("21st Century", "Twenty First Century"), ("Henry II", "Henry 2")])
def test_numbers_are_equated(one: str, other: str) -> None:
    assert normalize_name(one).tokens == normalize_name(other).tokens


def test_different_numbers_and_generations_tell_parties_apart(index: ListIndex) -> None:
    assert score_of(index, "Third Battalion of the Coastal Guard", "battalion") >= 0.9
    assert score_of(index, "4th Battalion of the Coastal Guard", "battalion") < 0.72
    assert score_of(index, "John Smith II", "smith-ii") == 1.0
    assert score_of(index, "John Smith III", "smith-ii") < 0.72


def test_a_generation_mark_on_one_side_only_tells_father_from_son() -> None:
    """"Donald Trump" is not "Donald Trump Jr.": a person's generation mark that the other name
    lacks costs enough to fall below the threshold, in either direction; with the mark on both
    sides, or a list that also carries the name without it, the match holds."""
    from entitylist.evaluation import build_index, compare_pair
    from entitylist.model import Alias, Party
    from entitylist.state import PartyState

    names = ["Donald Trump Jr.", "Robert F. Kennedy", "Samuel Knowles III"]
    index = build_index([], names, extra_people=names)
    for query, listed in [("Donald Trump", "Donald Trump Jr."), ("Robert F. Kennedy Jr.", "Robert F. Kennedy"),
                          ("Samuel Knowles", "Samuel Knowles III")]:
        scored = compare_pair(index, query, listed, "person")
        assert scored.score < 0.72, (query, listed, scored.score)
        assert "generation_one_side" in [f["feature"] for f in scored.explanation["features"]]
    assert compare_pair(index, "Trump, Donald Jr.", "Donald Trump Jr.", "person").score >= 0.9
    assert compare_pair(index, "Donald Trump", "Donald Trump Jr.", "person", explain=False).score > 0.5  # still ranked
    # not for organisations: a fund's numeral is number_differs' business, a company name's "Junior" is a word
    assert compare_pair(index, "Junior Trading", "Junior Trading", "organization").score == 1.0
    listed = ListIndex([PartyState(Party(id="knowles", name="KNOWLES, Samuel", type="individual",
                                         aliases=(Alias(name="KNOWLES, JR., Samuel"),)), listed=True, listed_since=None)])
    assert [m.party_id for m in listed.screen("Samuel Knowles Jr.")] == ["knowles"]
    assert [m.party_id for m in listed.screen("Samuel Knowles")] == ["knowles"]


def test_glued_legal_forms_are_split_off(index: ListIndex) -> None:
    assert normalize_name("VolkswagenAG").tokens == ("volkswagen",)
    assert normalize_name("DahuaLtd").legal_forms == {"llc"}
    assert top(index, "VolkswagenAG") == ("volkswagen", 1.0)


@pytest.mark.parametrize(("query", "party"), [("NUDT", "nudt"), ("MSS", "mss")])
def test_acronyms_and_government_abbreviations_find_the_long_name(index: ListIndex, query: str, party: str) -> None:
    found = top(index, query)
    assert found is not None and found[0] == party


def test_a_government_body_written_in_full_finds_its_listed_abbreviation() -> None:
    """The other direction of the government abbreviations: the listed name is the usual
    abbreviation ("FSB"), the query the body's words."""
    from entitylist.model import Party
    from entitylist.state import PartyState

    listed = ["FSB", "GRU", "Lotus Textiles", "Federal Tax Service of Ukraine"]
    screening = ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type="organization"), listed=True, listed_since=None) for i, name in enumerate(listed)
    ])
    found = screening.screen("Federal Security Service")
    assert found and found[0].party_id == "p0" and found[0].explanation["tokens"][0]["how"] == "acronym"
    assert [m.party_id for m in screening.screen("Main Intelligence Directorate")] == ["p1"]
    assert all(m.party_id != "p0" for m in screening.screen("Federal Tax Service", threshold=0.3))  # not all its words


@pytest.mark.parametrize(("query", "listed", "same"), [
    ("Sberbank of Russia", "SBERBANK", True),  # the country where the listed party is
    ("Bank Melli Iran", "BANK MELLI", True),
    ("London Green Shipping Ltd", "GREEN SHIPPING LTD.", False),  # a name of common words: another company
    ("ISIS-Egypt", "ISIS-PHILIPPINES", False),  # another country than the listed name's
])
def test_a_country_added_to_a_listed_name_met_in_full(query: str, listed: str, same: bool) -> None:
    from entitylist.matching.index import NameIndex
    from entitylist.matching.kinds import ORGANIZATION
    from entitylist.matching.score import compare

    names = [listed, "Lotus Textiles", "Harbor Mining", "Northstar Trading Corporation", "Bank of Moscow"]
    index = NameIndex([(i, n, "name") for i, n in enumerate(names)])
    assert (compare(index, query, listed, listed_kind=ORGANIZATION).score >= 0.72) == same


def test_place_romanisation_variants(index: ListIndex) -> None:
    assert score_of(index, "Kashi Prefecture Public Security Bureau", "kashgar") >= 0.9


def test_transliterated_russian_and_chinese_words_meet_their_english(index: ListIndex) -> None:
    assert score_of(index, "JSC Design Bureau Almaz", "almaz") >= 0.9
    assert score_of(index, "Shenzhen Huaxing Technology Co., Ltd.", "keji") >= 0.9


def test_cjk_names_are_compared_in_their_own_script(index: ListIndex) -> None:
    assert score_of(index, "北京航空航天大学", "beijing-uni") == 1.0
    # another character with the same reading ("da") makes another name, scored well below
    assert score_of(index, "北京航空航天达学", "beijing-uni") < 0.85


@pytest.mark.parametrize(("query", "listed"), [
    ("Tata Steel Private Limited", "TATA STEEL PVT. LTD."),       # India
    ("Tata Steel (Pvt) Ltd", "Tata Steel Limited"),
    ("Mitsubishi Kabushiki Kaisha", "MITSUBISHI K.K."),           # Japan
    ("PT Bank Mandiri Tbk", "BANK MANDIRI"),                      # Indonesia: a prefix and a suffix
    ("Byblos Bank S.A.L.", "BYBLOS BANK"),                        # Lebanon
    ("Al Rajhi Bank SJSC", "AL RAJHI BANK"),                      # Saudi Arabia
    ("Zain Group K.S.C.P.", "ZAIN GROUP"),                        # Kuwait
    ("Skoda Auto akciova spolecnost", "SKODA AUTO A.S."),         # Czechia, written out
    ("Orlen Sp z oo", "ORLEN SP. Z O.O."),                        # Poland, without its dots
])
def test_legal_forms_rigour_does_not_know_are_legal_forms(query: str, listed: str) -> None:
    """vocab/legal_forms.yaml: forms missing from rigour's table are cut as legal forms, so the
    name is met whichever way its form is written."""
    from entitylist.matching.index import NameIndex
    from entitylist.matching.score import compare

    index = NameIndex([(0, listed, "name"), (1, "Lotus Textiles", "name"), (2, "Bank Melli Iran", "name")])
    assert compare(index, query, listed).score >= 0.9


def test_a_supplementary_legal_form_is_cut_only_at_the_ends_of_a_company_name() -> None:
    assert normalize_name("Sal Oppenheimer").tokens == ("sal", "oppenheimer")  # a name's first word, not a suffix
    assert normalize_name("Sal").tokens == ("sal",)  # the whole name
    assert normalize_name("Pvt Ali Khan", person=True).tokens == ("pvt", "ali", "khan")  # never from a person's name
    assert normalize_name("Bank Mandiri PT").tokens == ("bank", "mandiri", "pt")  # "PT" is a prefix


@pytest.mark.parametrize("written", ["ACME S.A", "ACME S.A.", "ACME SA"])
def test_a_dotted_legal_form_without_its_last_dot_is_still_the_form(written: str) -> None:
    assert normalize_name(written).tokens == ("acme",)
    assert normalize_name(written).legal_forms == {"jsc"}


def test_the_legal_forms_a_name_ends_or_begins_with_are_found_as_their_definition_reads() -> None:
    """``_supplementary_matches`` stops at the first word that is in no form: every form of
    legal_forms.yaml, at the end, at the start, before the words that may follow a form and
    inside a name, finds what trying every run of words finds."""
    suffixes, prefixes, after, most, form_words, _never_syllables = _supplementary_forms()

    def defined(words: list[str]) -> list[tuple[str, str]]:
        """Every run of words that ends the name (or but for what may follow a form), or begins it."""
        found: list[tuple[str, str]] = []
        size = len(words)
        for end in (size, size - 1, size - 2) if words and words[-1] in form_words else ():
            if end < size and " ".join(words[end:]) not in after:
                continue
            for length in range(1, most + 1):
                form = " ".join(words[end - length:end])
                if end - length >= 1 and form in suffixes:
                    found.append((form, suffixes[form]))
        for length in range(1, min(most, size - 1) + 1) if words and words[0] in form_words else ():
            form = " ".join(words[:length])
            if form in prefixes:
                found.append((form, prefixes[form]))
        return found

    rng = random.Random(3)
    names = ["golden star", "pt bank", "sae chang", "al noor trading", "hikvision", "co", "the bank of", "ltd", ""]
    forms = [*suffixes, *prefixes]
    cases = 0
    tails = ["", *sorted(after)[:4]]
    for name, form, tail in itertools.product(names, rng.sample(forms, min(150, len(forms))), tails):
        before, inside = [*name.split(), *form.split(), *tail.split()], [*name.split(), *form.split(), *name.split()]
        for words in (before, [*form.split(), *name.split()], [*name.split(), *form.split()], inside):
            assert _supplementary_matches(words) == defined(words), words
            cases += 1
    assert cases > 7_000
