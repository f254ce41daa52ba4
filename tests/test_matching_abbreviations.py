"""Third round of issue 12, classes found among OFAC names against their own aliases: company
names abbreviated to the first letters of most of their words (with a legal form's letters on the
end), people's names joined across "FAMILY, Given", and lone letters or two-letter runs that are
no evidence of identity."""

from __future__ import annotations

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.kinds import ORGANIZATION, PERSON, VESSEL
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import abbreviation_span, compare
from entitylist.model import Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState

LISTED = [
    "HAFEZ DARYA ARYA SHIPPING COMPANY", "FRUTAS EXOTICAS COLOMBIANOS S.A.", "ZIMBABWE IRON AND STEEL COMPANY",
    "COMPANIA DE IMPORTACION Y EXPORTACION IBERIA", "COMERCIALIZADORA ANDINA BRASILERA S.A.",
    "OBRAS, SERVICIOS Y MANTENIMIENTOS C.A.", "MIR BUSINESS BANK", "AFRIDI, Amanullah", "BARAKZAI, Haji Khairullah",
    "MARTIN HODWALKER M. & CIA. S. EN C.", "HAPPINESS I", "CAPACITACION AERONAUTICA PROFESIONAL S.C.",
    "DONCOALTRADE SP Z O O", "Lotus Textiles", "Northstar Trading Corporation",
]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex([(i, name, "name") for i, name in enumerate(LISTED)], person_records=frozenset({7, 8}))


@pytest.mark.parametrize(("short", "full"), [
    ("HDASCO", "HAFEZ DARYA ARYA SHIPPING COMPANY"),           # one to three letters of every word
    ("FREXCO S.A.", "FRUTAS EXOTICAS COLOMBIANOS S.A."),       # two letters of each
    ("ZISCO", "ZIMBABWE IRON AND STEEL COMPANY"),              # a stopword passed over
    ("CIMEX", "COMPANIA DE IMPORTACION Y EXPORTACION IBERIA"),  # the last word left out
    ("CABRASA", "COMERCIALIZADORA ANDINA BRASILERA S.A."),      # the legal form's letters on the end
    ("OSERMACA", "OBRAS, SERVICIOS Y MANTENIMIENTOS C.A."),
])
def test_an_abbreviation_ranks_its_name_far_above_unrelated_names(index: NameIndex, short: str, full: str) -> None:
    own = compare(index, short, full, listed_kind=ORGANIZATION).score
    assert own >= 0.4
    assert compare(index, full, short, listed_kind=ORGANIZATION).score >= 0.4  # either side may be the short one
    for other in LISTED:
        if other != full:
            assert compare(index, short, other, listed_kind=ORGANIZATION).score < own / 2


def test_an_abbreviation_alone_stays_below_the_threshold(index: NameIndex) -> None:
    """Looser than an acronym: the first letters of a name's words spell many coined brands."""
    assert compare(index, "HDASCO", "HAFEZ DARYA ARYA SHIPPING COMPANY", listed_kind=ORGANIZATION).score < 0.72
    assert compare(index, "HDASCO SHIPPING COMPANY", "HAFEZ DARYA ARYA SHIPPING COMPANY").score < 0.72


@pytest.mark.parametrize(("word", "tokens"), [
    ("hdasco", ("hafez", "darya", "shipping")),              # letters left over
    ("dasco", ("hafez", "darya", "arya", "shipping", "company")),  # not from the first word
    ("hsco", ("hafez", "darya", "arya", "shipping", "company")),   # two words skipped
    ("hdz", ("hafez", "darya", "arya", "shipping", "company", "zeta", "beta")),  # fewer than half the words
    ("lotus", ("lotus", "textiles")),                          # a word of the name itself
    ("ab", ("alpha", "beta")),                                 # too short
])
def test_what_is_no_abbreviation(word: str, tokens: tuple[str, ...]) -> None:
    assert abbreviation_span(word, tokens) is None


def test_an_abbreviation_span_names_the_words_used() -> None:
    assert abbreviation_span("trapsa", ("taller", "reparaciones", "aerodinos", "sus", "partes", "servicios", "aereos")) == (
        0, 1, 2, 4, 5, 6,
    )
    assert abbreviation_span("crymsa", ("comercial", "rodajes", "maquinaria")) is None  # no legal form: "sa" is no part
    assert abbreviation_span("crymsa", ("comercial", "rodajes", "maquinaria"), legal_form=True) is None  # "y" is gone
    assert abbreviation_span("cromsa", ("comercial", "rodajes", "maquinaria"), legal_form=True) == (0, 1, 2)


@pytest.mark.parametrize(("query", "listed"), [
    ("ULLAH, Aman", "AFRIDI, Amanullah"),           # "FAMILY, Given": the name joined in its spoken order
    ("ULLAH, Haji Khair", "BARAKZAI, Haji Khairullah"),
])
def test_a_persons_name_split_across_the_comma_meets_it_joined(index: NameIndex, query: str, listed: str) -> None:
    assert compare(index, query, listed, listed_kind=PERSON).score >= 0.5


@pytest.mark.parametrize(("query", "listed", "kind"), [
    ("M/S WELFARE & DEVELOPMENT ORGANIZATION", "MARTIN HODWALKER M. & CIA. S. EN C.", ORGANIZATION),  # lone letters
    ("ANA I", "HAPPINESS I", VESSEL),
    ("SWEDISH CHARITABLE AQSA EST.", "CAPACITACION AERONAUTICA PROFESIONAL S.C.", ORGANIZATION),  # two letters, not leading
    ("CHINA JMM IMPORT & EXPORT SHANGHAI PUDONG CORPORATION", "DONCOALTRADE SP Z O O", ORGANIZATION),
])
def test_lone_letters_and_two_letter_runs_are_no_evidence(index: NameIndex, query: str, listed: str, kind: str) -> None:
    assert compare(index, query, listed, listed_kind=kind).score < 0.1


def test_a_leading_two_letter_acronym_still_counts(index: NameIndex) -> None:
    assert compare(index, "MB BANK", "MIR BUSINESS BANK", listed_kind=ORGANIZATION).score >= 0.72


def test_a_translated_name_is_no_acronym_of_its_translation() -> None:
    """"Jamiat Ayat-ur-Rhas al Islamia" is read as "Society ... Islamic" to meet its English
    alias, but nobody abbreviates it "SARI"; its written initials still count."""
    index = NameIndex([(0, "JAMIAT AYAT-UR-RHAS AL ISLAMIA", "name"), (1, "Lotus Textiles", "name")])
    assert compare(index, "SARI", "JAMIAT AYAT-UR-RHAS AL ISLAMIA", listed_kind=ORGANIZATION).score < 0.3
    assert compare(index, "Sari Logistics GmbH", "JAMIAT AYAT-UR-RHAS AL ISLAMIA").score < 0.3


@pytest.mark.parametrize(("query", "listed", "alike"), [
    ("John Smith", "Jon Smyth", True),     # a letter inside a short name word
    ("Jon Smyth", "John Smith", True),
    ("Anna Petrova", "Ana Petrova", True),
    ("Evan Petrov", "Eva Petrov", False),  # a letter on the end makes another name
    ("Ali Hassan", "Alia Hassan", False),
])
def test_short_name_words_meet_a_letter_inside_whichever_side_is_listed(query: str, listed: str, alike: bool) -> None:
    """The same answer whether or not the query's own word is listed somewhere (then the index
    takes it as written and the pair is compared directly)."""
    index = NameIndex([(0, "Smith, John", "name"), (1, "Jon Smyth", "name"), (2, "Ana Petrova", "name"),
                       (3, "Anna Petrova", "name"), (4, "Eva Petrov", "name"), (5, "Evan Petrov", "name"),
                       (6, "Alia Hassan", "name"), (7, "Ali Hassan", "name")], person_records=frozenset(range(8)))
    scored = compare(index, query, listed, listed_kind=PERSON).score
    assert (scored >= 0.72) is alike


@pytest.mark.parametrize(("short", "full"), [
    ("CRYMSA", "COMERCIAL RODAJES Y MAQUINARIA, S.A."),  # "y" and the legal form's "sa"
    ("MODLEX", "MINISTRY OF DEFENSE LOGISTICS EXPORT"),  # "of"
    ("SEYMEH S.R.L.", "SOLUCIONES ELECTRICAS Y MECANICAS HADOM S.R.L."),
    ("AEISA", "AERO EXPRESS INTERCONTINENTAL, S.A."),  # "a-ei-sa" is no pinyin name
])
def test_an_abbreviation_may_keep_the_initials_of_small_words(short: str, full: str) -> None:
    """Normalising drops "y", "of", "de"; an abbreviation made while they were there keeps them."""
    index = NameIndex([(0, full, "name"), (1, "Lotus Textiles", "name"), (2, "Grupo Industrial del Norte S.A.", "name")])
    own = compare(index, short, full, listed_kind=ORGANIZATION).score
    assert 0.2 <= own < 0.72  # evidence, but an abbreviation alone is no match
    assert compare(index, short, "Grupo Industrial del Norte S.A.", listed_kind=ORGANIZATION).score < own / 2


def test_small_words_alone_spell_no_abbreviation() -> None:
    from entitylist.matching.score import _span_in
    from entitylist.matching.normalize import normalize_name

    assert _span_in("yde", normalize_name("Comercial y de Maquinaria"), True) is None
    assert _span_in("iosa", normalize_name("Infinity Fisheries of Doha Ltd"), True) is None  # one word of the name
    assert _span_in("cromsa", normalize_name("Comercial Rodajes y Maquinaria S.A."), True) == (0, 1, 2)  # found without them


def test_a_short_form_given_beside_the_words_it_stands_for_costs_nothing() -> None:
    listed = ["Xinjiang Production and Construction Corps", "MOBILE VALUE-ADDED SERVICES LABORATORY", "Corps of Engineers"]
    index = NameIndex([(i, name, "name") for i, name in enumerate(listed)])
    full = compare(index, "Xinjiang Production and Construction Corps", listed[0], explain=True)
    both = compare(index, "Xinjiang Production and Construction Corps (XPCC)", listed[0], explain=True)
    assert full.score == 1.0 and 0.95 <= both.score < 1.0  # (the words meet: the short form explains nothing more)
    assert both.explanation["spelt_out"] == ["xpcc"] and not both.explanation["unmatched_query"]
    assert compare(index, "XPCC", listed[0]).score >= 0.8  # alone, it still stands for the name
    assert compare(index, "VALUE-ADDED SERVICES LABORATORY VASL", listed[1]).score >= 0.85
    # both with the short form: the identical name, and the short form meets its own
    with_form = NameIndex([(0, "Xinjiang Uighur Autonomous Region (XUAR) Public Security Bureau", "name")])
    assert compare(with_form, "Xinjiang Uighur Autonomous Region (XUAR) Public Security Bureau",
                   "Xinjiang Uighur Autonomous Region (XUAR) Public Security Bureau").score == 1.0
    # a short form of other words than those met is a word the listed name lacks
    assert compare(index, "Xinjiang Production and Construction Corps (COE)", listed[0]).score < both.score


def test_an_acronym_of_a_run_of_the_words_as_written() -> None:
    """"SMP" is the initials of "Severny Morskoy Put", which the vocabulary reads "northern sea put"."""
    index = NameIndex([(0, "BANK SEVERNY MORSKOY PUT", "name"), (1, "Lotus Textiles", "name")])
    assert compare(index, "SMP BANK", "BANK SEVERNY MORSKOY PUT", listed_kind=ORGANIZATION).score >= 0.8
    assert compare(index, "BANK SEVERNY MORSKOY PUT", "SMP BANK", listed_kind=ORGANIZATION).score >= 0.8


REORDERED = ["REVOLUTIONARY ARMED FORCES OF COLOMBIA", "MOROCCAN ISLAMIC COMBATANT GROUP", "TUNISIAN COMBAT GROUP",
             "RAJAH SOLAIMAN MOVEMENT (RSM)", "AVIANDINA S.A.C.", "Lotus Textiles"]


@pytest.mark.parametrize(("short", "full"), [
    ("FARC", "REVOLUTIONARY ARMED FORCES OF COLOMBIA"),  # Fuerzas Armadas Revolucionarias de Colombia
    ("GICM", "MOROCCAN ISLAMIC COMBATANT GROUP"),         # Groupe Islamique Combattant Marocain
    ("GCT", "TUNISIAN COMBAT GROUP"),
])
def test_an_acronym_in_another_word_order_is_weak_evidence(short: str, full: str) -> None:
    """The acronym of a name in its own language spells its translation's initials reordered:
    far above unrelated names, below the threshold alone."""
    index = NameIndex([(i, name, "name") for i, name in enumerate(REORDERED)])
    own = compare(index, short, full, listed_kind=ORGANIZATION).score
    assert 0.4 <= own < 0.72
    assert compare(index, full, short, listed_kind=ORGANIZATION).score >= 0.4
    for other in REORDERED:
        if other != full:
            assert compare(index, short, other, listed_kind=ORGANIZATION).score < 0.1


def test_reordered_initials_only_between_names_that_share_nothing_else() -> None:
    index = NameIndex([(i, name, "name") for i, name in enumerate(REORDERED)])
    # "RSRM" is no reordering of "Rajah Solaiman Movement (RSM)": the words themselves meet
    assert compare(index, "RAJAH SOLAIMAN REVOLUTIONARY MOVEMENT (RSRM)", "RAJAH SOLAIMAN MOVEMENT (RSM)").score >= 0.72
    # a short word that ends its name spells nothing ("S.A.C." / "Atlas Shipping Company")
    assert compare(index, "ATLAS SHIPPING COMPANY", "AVIANDINA S.A.C.", listed_kind=ORGANIZATION).score < 0.1


def test_an_acronym_may_count_the_small_words() -> None:
    """"AIAI" counts the articles of "al-Itihaad al-Islamiya", which normalising drops."""
    index = NameIndex([(0, "AL-ITIHAAD AL-ISLAMIYA", "name"), (1, "Lotus Textiles", "name")])
    assert compare(index, "AIAI", "AL-ITIHAAD AL-ISLAMIYA", listed_kind=ORGANIZATION).score >= 0.8
    assert compare(index, "AL-ITIHAAD AL-ISLAMIYA", "AIAI", listed_kind=ORGANIZATION).score >= 0.8
    assert compare(index, "AIAI", "Lotus Textiles", listed_kind=ORGANIZATION).score < 0.05


def test_screening_finds_the_name_an_acronym_counting_small_words_stands_for() -> None:
    parties = [PartyState(Party(id=str(i), name=name, type="organization"), listed=True, listed_since=None)
               for i, name in enumerate(["AL-ITIHAAD AL-ISLAMIYA", "Lotus Textiles"])]
    assert [m.party_name for m in ListIndex(parties).screen("AIAI")] == ["AL-ITIHAAD AL-ISLAMIYA"]


def test_an_acronym_written_as_spaced_letters() -> None:
    index = NameIndex([(0, "B R C S.A.", "name"), (1, "Lotus Textiles", "name"), (2, "S. C. S. Trading", "name")])
    assert compare(index, "BARRERA RIOS CAMACHO ADMINISTRACION Y FINANZAS S.A.", "B R C S.A.", listed_kind=ORGANIZATION).score >= 0.4
    # letters that meet letters are not read as one acronym
    assert compare(index, "S. C. S. Trading", "S. C. S. Trading", listed_kind=ORGANIZATION).score == 1.0


def test_a_word_of_its_own_spells_no_acronym_counting_small_words() -> None:
    """"Asia" spells the initials of "al-Salah Islamic Association" with its article: an
    ordinary word, not an acronym (a false alarm on thousands of "Asia ..." company names)."""
    parties = [PartyState(Party(id=str(i), name=name, type="organization"), listed=True, listed_since=None)
               for i, name in enumerate(["AL-SALAH ISLAMIC ASSOCIATION", "Lotus Textiles", "Asia Pacific Trading"])]
    screening = ListIndex(parties)
    assert [m.party_name for m in screening.screen("Asia Power Services PLC")] == []
    assert compare(screening.index, "Asia Power Services PLC", "AL-SALAH ISLAMIC ASSOCIATION", listed_kind=ORGANIZATION).score < 0.1


def test_reordered_initials_are_explained_as_such() -> None:
    index = NameIndex([(i, name, "name") for i, name in enumerate(REORDERED)])
    scored = compare(index, "FARC", "REVOLUTIONARY ARMED FORCES OF COLOMBIA", explain=True, listed_kind=ORGANIZATION)
    assert [t["how"] for t in scored.explanation["tokens"]] == ["initials reordered"]


def test_a_word_not_written_in_capitals_is_no_acronym() -> None:
    """A name written in small letters and capitals spells its acronyms in capitals ("IRGC
    Navy", "Bank SEPAH"): where none of its words is, a short word is a word, not the initials of
    a listed run of words ("Red Medical of Damascus" is no "Rotterdam Engineering Dental"; "Хегай
    Сен", a Korean name in Russian, no "Servicios Educativos y de Negocios"). All in capitals or
    all in small letters, or one word alone, a name may still be an acronym; and a query that
    writes a listed acronym's words in full still meets it ("Federal Security Service" / "FSB")."""
    from entitylist.matching.score import acronyms_unwritten

    listed = [
        "Rotterdam Engineering Dental Pte Ltd", "SERVICIOS EDUCATIVOS Y DE NEGOCIOS, S. DE R.L. DE C.V.", "FSB", "Lotus Textiles",
    ]
    screening = ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type="organization"), listed=True, listed_since=None) for i, name in enumerate(listed)
    ])
    assert screening.screen("Red Medical of Damascus Limited") == []
    assert screening.screen("Хегай Сен") == []
    for query in ("RED Medical of Damascus", "RED MEDICAL OF DAMASCUS", "red medical of damascus", "Red"):
        assert not acronyms_unwritten(normalize_name(query)), query
    assert [m.party_id for m in screening.screen("RED")] == ["p0"]
    found = screening.screen("Federal Security Service")
    assert found and found[0].party_id == "p2"
