"""Screening: normalisation, matching the issue's examples, explanations, evidence, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from entitylist import bundled
from entitylist.errors import InvalidInput
from entitylist.matching import kinds
from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name, skeleton
from entitylist.matching.score import compare
from entitylist.screener import Screener
from entitylist.screening import ListIndex
from entitylist.state import PartyState, listed_on
from entitylist.store import Store
from tests.counterparties import realistic_names


@pytest.fixture(scope="module")
def parties() -> list[PartyState]:
    _rules, actions = bundled.load()
    return listed_on(actions, dt.date(2026, 11, 1))


@pytest.fixture(scope="module")
def index(parties: list[PartyState]) -> ListIndex:
    return ListIndex(parties)


def best(index: ListIndex, name: str, **kwargs: object) -> tuple[str, float] | None:
    matches = index.screen(name, **kwargs)  # type: ignore[arg-type]
    return (matches[0].party_id, matches[0].score) if matches else None


def test_normalisation() -> None:
    hik = normalize_name("Hangzhou Hikvision Digital Technology Co., Ltd.")
    assert hik.tokens == ("hangzhou", "hikvision", "digital", "technology") and hik.legal_forms == {"llc"}
    chinese = normalize_name("杭州海康威视数字技术股份有限公司")
    assert chinese.tokens[:6] == ("hang", "zhou", "hai", "kang", "wei", "shi") and chinese.legal_forms == {"jsc"}
    assert normalize_name("Sense-Time Grp").tokens == ("sense", "time", "group")
    assert normalize_name("IS'Vision").tokens == ("isvision",)
    assert normalize_name("Tongfang R.I.A. Co., Ltd.").tokens == ("tongfang", "ria")
    assert normalize_name("ООО Ромашка").tokens == ("romashka",) and normalize_name("ООО Ромашка").legal_forms == {"llc"}
    assert normalize_name("محمد علي").abjad
    assert normalize_name("  \t\x00 ").empty
    assert skeleton("mohammed") == skeleton("mhmd") == "mhmd"


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("Hikvisoin", "cn-hikvision"),
        ("Dahau Tech", "cn-dahua-technology"),
        ("Sense-Time Grp", "cn-sense-time"),
        ("Xiamen Meiya Pico Details Co", "cn-xiamen-meiya-pico-information"),
        ("Zhejiang Dahua Know-how Co", "cn-dahua-technology"),
        ("Iflytec", "cn-iflytek"),
        ("Hangzhou Hikvision Digital Technology Co., Ltd.", "cn-hikvision"),
        ("SENSETIME GROUP LIMITED", "cn-sense-time"),
        ("HuaWei", "cn-huawei-technologies"),
        ("海康威视", "cn-hikvision"),
        ("Haikang Weishi", "cn-hikvision"),
        ("Technology Dahua", "cn-dahua-technology"),
        ("Urumqi Municipal Public Safety Bureau", "cn-urumqi-municipal-public-security-bureau"),
        ("Xinjiang Production and Construction Corps", "cn-xinjiang-production-and-construction-corps"),
    ],
)
def test_variants_find_the_listed_party(index: ListIndex, query: str, party: str) -> None:
    found = best(index, query)
    assert found is not None and found[0] == party, (query, found)


@pytest.mark.parametrize(
    "query",
    [
        "Beijing Information Technology Co. Ltd.",
        "Hangzhou Digital Technology Co.",
        "Xinjiang New Energy Co. Ltd.",
        "Hangzhou Wahaha Group Co. Ltd.",
        "Siemens AG",
        "Public Security Equipment Supplies Ltd.",
        "Anxin Hui Autonomous Prefecture Public Security Bureau",
    ],
)
def test_generic_words_and_near_misses_do_not_hit(index: ListIndex, query: str) -> None:
    assert best(index, query) is None, index.screen(query, threshold=0.0)[:1]


def test_exact_names_rank_above_variants(index: ListIndex) -> None:
    exact = best(index, "Megvii Technology")
    variant = best(index, "Megvi Technology")
    assert exact is not None and variant is not None and exact[1] == 1.0 and variant[1] < exact[1]


def test_explanation_shows_tokens_and_features(index: ListIndex) -> None:
    match = index.screen("Xiamen Meiya Pico Details Co", country="CN")[0]
    explanation = match.explanation
    assert explanation["matched_name"] == "Xiamen Meiya Pico Information Co. Ltd."
    hows = {t["how"] for t in explanation["tokens"]}
    assert "synonym" in hows and "exact" in hows
    details = next(t for t in explanation["tokens"] if t["query"] == "details")
    assert details["listed"] == "information" and details["similarity"] == 0.9
    features = [f["feature"] for f in explanation["features"]]
    assert features[0] == "name_similarity" and "country_matches" in features
    assert match.state.citations() == ["84 FR 54004, 10/9/19", "85 FR 44159"]


def test_explanation_kept_from_the_scoring_is_the_one_scoring_again_gives(index: ListIndex) -> None:
    """Screening explains its matches from what their one scoring kept (``explainable``), not by
    scoring them a second time: the explanation must be the one a second scoring with ``explain``
    makes, for every kind of pair (people, acronyms, words left over, features of the evidence)."""
    from entitylist.matching.score import Evidence, PreparedQuery, explanation_of, score

    inner = index.index
    queries = ["Xiamen Meiya Pico Details Co", "Hikvisoin Europe", "NUDT", "Huawei Technologies Co Ltd Shenzhen", "Zhang Wei"]
    compared = 0
    for name in queries:
        prepared = PreparedQuery.build(normalize_name(name), inner)
        for entry in inner.entries:
            person = kinds.PERSON if name == "Zhang Wei" else kinds.UNKNOWN  # (people's features too)
            evidence = Evidence(country="CN", party_countries=frozenset({"CN"}), query_kind=person)
            kept = score(prepared, entry, inner, evidence, explain=False, explainable=True)
            again = score(prepared, entry, inner, evidence, explain=True)
            assert kept.score == again.score and explanation_of(kept) == again.explanation
            compared += 1
        plain = score(prepared, inner.entries[0], inner, Evidence(), explain=False)
        assert plain.parts is None and explanation_of(plain) == {}  # (the batch keeps nothing)
    assert compared == len(queries) * len(inner.entries) > 500
    # and through screening, as the API shows it
    shown = index.screen("Xiamen Meiya Pico Details Co", country="CN")[0].explanation
    assert shown["matched_name"] == "Xiamen Meiya Pico Information Co. Ltd." and shown["tokens"]


def test_country_and_address_move_the_score_but_never_make_a_hit(index: ListIndex) -> None:
    plain = best(index, "Hikvisoin")
    same = best(index, "Hikvisoin", country="CN")
    other = best(index, "Hikvisoin", country="FR")
    assert plain and same and other and same[1] > plain[1] > other[1]
    assert best(index, "Acme Trading", country="CN", address="Hangzhou, Zhejiang, China") is None


def test_screener_uses_the_store_and_the_date(tmp_path: Path) -> None:
    screener = Screener(Store.open(str(tmp_path / "s.sqlite")))
    assert screener.screen("Hoshine Silicon Industry", as_of=dt.date(2021, 6, 23)) == []
    assert screener.screen("Hoshine Silicon Industry", as_of=dt.date(2021, 6, 24))[0].party_id == "cn-hoshine-silicon-industry-shanshan"
    removed = "Ministry of Public Security's Institute of Forensic Science of China"
    assert screener.screen(removed, as_of=dt.date(2022, 1, 1)) and not screener.screen(removed, as_of=dt.date(2024, 1, 1))


@pytest.mark.parametrize(("name", "message"), [("", "empty name"), ("   \n", "empty name"), ("x" * 10_000_000, "characters long"), ("!!! ???", "no letters or digits"),
    ("the and", "nothing to screen once its small words are set aside")])
def test_bad_queries_are_refused_clearly(tmp_path: Path, name: str, message: str) -> None:
    screener = Screener(Store.open(str(tmp_path / "s.sqlite")))
    with pytest.raises(InvalidInput, match=message):
        screener.screen(name)


def test_odd_unicode_and_mixed_scripts_do_not_crash(index: ListIndex) -> None:
    for name in ["Hik\u200bvision", "ＨＩＫＶＩＳＩＯＮ", "Hikvision 海康威视 Хиквижн", "\u202eHikvision", "Hikvision\x07"]:
        index.screen(name)
    assert best(index, "ＨＩＫＶＩＳＩＯＮ") == ("cn-hikvision", 1.0)
    # written inside a word, a soft hyphen or a zero-width space joins it (no reader sees either)
    for name in ["Hik\u00advision", "Hik\u200bvision", "Hik\u2060vi\ufeffsion"]:
        assert best(index, name) == ("cn-hikvision", 1.0), name


def test_pairwise_compare_for_cross_script_names() -> None:
    index = NameIndex([(0, "Vladimir Putin", "name"), (1, "Mohamed Ali", "name"), (2, "Abdullah", "name")])
    assert compare(index, "Владимир Путин", "Vladimir Putin").score > 0.9
    assert compare(index, "محمد علي", "Mohamed Ali").score > 0.7
    assert compare(index, "محمد علي", "Vladimir Putin").score < 0.3


def _variants(name: str) -> list[str]:
    """Index-visible variants: reordered, first word dropped, legal form added, one letter dropped."""
    words = name.replace(",", " ").split()
    longest = max(words, key=len)
    typo = name.replace(longest, longest[:2] + longest[3:], 1) if len(longest) >= 6 else name
    return [" ".join(reversed(words)), " ".join(words[1:]) or name, f"{name} Co Ltd", typo]


def _assert_search_finds_what_exhaustive_scoring_finds(index: ListIndex, queries: list[str], cutoff: float) -> None:
    """The pruned search returns every party that scoring every listed name would, at the same score."""
    from entitylist.matching import kinds
    from entitylist.matching.score import Evidence, PreparedQuery, score

    for query in queries:
        prepared = PreparedQuery.build(normalize_name(query), index.index)
        exhaustive: dict[str, float] = {}
        for entry in index.index.entries:
            state = index.parties[entry.record]
            evidence = Evidence(party_kind=kinds.party_kind(state.party.type))  # (the party's kind, as screening tells it)
            value = score(prepared, entry, index.index, evidence, explain=False).score
            if value >= cutoff and value > exhaustive.get(state.id, 0.0):
                exhaustive[state.id] = value
        found = {m.party_id: m.score for m in index.screen(query, threshold=cutoff, limit=100, explain=False)}
        assert found == pytest.approx(exhaustive), query


def test_candidate_search_loses_nothing_exhaustive_scoring_finds(index: ListIndex) -> None:
    """Variants of listed names, at 0.6."""
    _assert_search_finds_what_exhaustive_scoring_finds(index, [v for state in index.parties[:60] for v in _variants(state.party.name)], 0.6)


def test_candidate_search_loses_nothing_on_ordinary_company_names(index: ListIndex) -> None:
    """Names as counterparty files hold them, most sharing only generic words with the list ("Asia
    Technology Petroleum"), which candidate search bounds as the scorer discounts them: at a low
    threshold, where those pairs count, it still finds what exhaustive scoring finds."""
    _assert_search_finds_what_exhaustive_scoring_finds(index, realistic_names(index.parties, 150, seed=7, listed_share=0.1), 0.35)


def test_a_word_met_only_run_on_with_its_neighbour_may_still_bring_in_its_acronym() -> None:
    """"UM" of "UM AIR" is met by no look-up of its own, only run on with "air" ("UMAIR"); the
    scorer pairs it as the acronym of "UKRAINIAN-MEDITERRANEAN", 0.87. Candidate search counts
    such a word for every entry the other words reach, so that "AIR" brings that name in: counted
    only where an entry holds what "umair" meets, the search lost it (as it lost that OFAC alias)."""
    from entitylist.model import Party

    names = [
        ("um", "UKRAINIAN-MEDITERRANEAN AIRLINES", "organization"), ("umair", "UMAIR, Muhammad", "individual"),
        ("mahan", "MAHAN AIR", "organization"), ("caspian", "CASPIAN AIRLINES", "organization"),
        ("iran-air", "IRAN AIR", "organization"), ("meraj", "MERAJ AIR", "organization"), ("armenia", "AIR ARMENIA", "organization"),
        ("umair-trading", "UMAIR TRADING", "organization"),
    ]
    index = ListIndex([PartyState(Party(id=i, name=n, type=t), listed=True, listed_since=None) for i, n, t in names])
    assert compare(index.index, "UM AIR", "UKRAINIAN-MEDITERRANEAN AIRLINES").score >= 0.85
    assert "um" in {m.party_id for m in index.screen("UM AIR", limit=10)}


def test_names_a_cell_lists_apart_by_semicolons_are_each_screened() -> None:
    from entitylist.matching.normalize import separate_names
    from tests.matching_fixtures import people_index, score_of

    assert separate_names("Behman Asgharpour; Behman Asgharpur") == ["Behman Asgharpour", "Behman Asgharpur"]
    assert separate_names("AT&amp;T") == ["AT&amp;T"]  # a part of one letter: no list of names
    assert separate_names("Hangzhou Hikvision;") == ["Hangzhou Hikvision;"]
    index = people_index([("asgarpour", "BEHMAN ASGARPOUR"), ("salimi", "HOSEIN SALIMI")])
    listed_twice = "Husain Salimi; Hosain Salimi; Hossein Salimi"
    each = [score_of(index, one, "salimi") for one in separate_names(listed_twice)]
    assert score_of(index, listed_twice, "salimi") == max(each) >= 0.9 and len(each) == 3
    found = index.screen("Behman Asgharpur; Hosein Salimi", limit=5)
    assert {m.party_id for m in found} == {"asgarpour", "salimi"}  # each party once, at its best
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert index.screen("Hosein Salimi; Behman Asgharpur", limit=1)[0].party_id == "salimi"  # the best of both
    assert compare(index.index, listed_twice, "HOSEIN SALIMI").score == max(
        compare(index.index, one, "HOSEIN SALIMI").score for one in separate_names(listed_twice)
    ) > compare(index.index, "Husain Salimi Hosain Salimi Hossein Salimi", "HOSEIN SALIMI").score


def test_an_index_never_warmed_makes_its_typo_key_filter_after_a_few_cold_words(parties: list[PartyState]) -> None:
    """The filter of the typo tables' keys skips the variants of a cold word that neither table
    holds; ``warm`` makes it for a batch, and an index never warmed (a server, a library loop)
    makes it at its ``TYPO_KEYS_AFTER``-th cold typo look-up. The matches are the same either way."""
    from entitylist.matching import index as index_module

    words = [f"{stem}{end}" for stem in ("hikvis", "megvi", "sensetim", "dahu", "huawe", "xinjian") for end in "aeiouyx"]
    words += [f"{word}{end}" for word in words for end in "rs"]  # (more cold words than the filter waits for)
    assert len(words) > index_module.TYPO_KEYS_AFTER
    warmed = NameIndex([(number, party.party.name, "name") for number, party in enumerate(parties)])
    warmed.warm()
    cold = NameIndex([(number, party.party.name, "name") for number, party in enumerate(parties)])
    assert cold._typo_keys is None
    for word in words:
        assert repr(cold.matches(word)) == repr(warmed.matches(word)), word
    assert cold._typo_keys == warmed._typo_keys is not None


_UNMADE_VOCABULARIES = """
import datetime as dt, functools, gc, inspect, json, sys
from entitylist import bundled
from entitylist.matching.memo import Once
from entitylist.screening import ListIndex
from entitylist.state import listed_on

# made only when a name that may be Japanese first asks, never by warm: 27 MB and 30 ms that a
# batch of other names, most files, would spend for nothing (see matching/japanese.py); so the
# Korean readings of Han characters, when a name that may be Korean first asks (60 ms), and the
# Korean syllables Russian writes, which are those readings' (kontsevich.py)
LOADED_WHEN_ASKED = {"_romaniser", "hanja_readings", "syllable_spellings"}

def unmade():
    found = set()
    for value in gc.get_objects():
        if isinstance(value, Once) and not value._made:
            found.add(value._make.__qualname__)
        elif (
            isinstance(value, functools._lru_cache_wrapper) and (value.__module__ or "").startswith("entitylist.matching")
            and not inspect.signature(value.__wrapped__).parameters and value.cache_info().currsize == 0
        ):
            found.add(value.__qualname__)
    return found - LOADED_WHEN_ASKED

_rules, actions = bundled.load()
index = ListIndex(listed_on(actions, dt.date(2026, 11, 1)))
index.index.warm()
left = unmade()
for name in sys.argv[1:]:
    index.screen(name)
print(json.dumps(sorted(left), ensure_ascii=False), json.dumps(sorted(left - unmade()), ensure_ascii=False))
"""


def test_a_warmed_index_leaves_no_vocabulary_to_be_made() -> None:
    """``NameIndex.warm`` makes every vocabulary the matching core reads, each otherwise made when
    first asked: a batch warms its index before forking its workers, which share what was made
    and would each make what was not. In a fresh process (here, other tests have made them all),
    with the bundled list, mostly companies' names: nothing is left unmade, and screening names
    of every kind and script makes nothing."""
    import subprocess
    import sys

    names = [
        "Hikvision", "Wang Wei", "Zhang Junxiong", "Chang Chun-hsiung", "华为技术有限公司", "محمد بن سلمان", "شمس الدين",
        "Ким Чен Ын", "Евгений Шувалов", "김정은", "Moon Jae-in", "Iyad Ag Ghaly", "Abd al-Rahman", "J. Smith & Sons",
        "Crymsa S.A.", "OOO Romashka", "twenty first century", "Kuangshi Keji", "Siraj Haqqani", "Jim Smith",
        "山田太郎", "金正恩", "الدولة الإسلامية في العراق", "Хуавэй Текнолоджиз Ко., Лтд.",
    ]
    done = subprocess.run(
        [sys.executable, "-c", _UNMADE_VOCABULARIES, *names], capture_output=True, text=True, timeout=300, check=True,
    )
    left, made_by_screening = done.stdout.split()
    assert (left, made_by_screening) == ("[]", "[]")


# names whose words, joined pairs, readings and other romanisations the index's look-ups keep:
# the same text met as a word in one name and as words joined in another, in Latin letters, in
# Cyrillic, in Chinese characters and in Arabic script
ORDER_PROBES = [
    "Лу Сунчан", "Сун Чан", "Lu Sunchan", "Sun Chan", "Хуавэй Текнолоджиз", "Хуа Вэй", "Huawei Technologies",
    "Hua Wei", "Zhang Junxiong", "Chang Chun-hsiung", "Chun Hsiung Chang", "华为技术", "华 为", "Hik Vision",
    "Hikvision Digital", "Sense Time", "SenseTime Group", "Megvii", "Meg Vii", "مكتب الدولة", "المكتب", "Ким Чен Ын",
    "Kim Jong Un", "Kim Jongun", "Ю Алина", "Алина Де", "Tan Hong", "Hong Kong Trading", "Kong Hong",
    "Dahua Technology", "Da Hua", "Zhejiang Dahua", "Da Huatech", "Iflytek", "I Flytek", "Hangzhou Hikvision",
]


def test_what_a_name_meets_does_not_depend_on_the_names_screened_before_it(parties: list[PartyState]) -> None:
    """The index keeps its look-ups of words, pairs and readings for later names: what a name
    meets must be the same whatever was screened before it, in any order (a look-up kept by too
    little of what made it once lent a joined pair the typos of the word it spells)."""
    from tests.matching_fixtures import make_states

    # (and listed names those words, pairs and readings meet by typo or sound, as vessels are named)
    listed = [*parties, *make_states([("sunshine", "SUNSHINE", "vessel", ()), ("salina", "SALINA", "vessel", ())])]

    def screened(names: list[str]) -> dict[str, list[tuple[str, float]]]:
        index = ListIndex(listed)
        return {
            name: [(m.party_id, round(m.score, 6)) for m in index.screen(name, threshold=0.3, limit=5, explain=False)]
            for name in names
        }

    forward = screened(ORDER_PROBES)
    assert screened(list(reversed(ORDER_PROBES))) == forward
    assert any(forward.values())  # (the probes meet listed names: their look-ups found something to keep)


def test_candidate_bounds_hold_for_a_typo_of_a_lighter_word_and_middle_names_met_in_full() -> None:
    """Candidate search's bounds stay above the scores: a query word that meets a lighter listed
    word by a typo ("Ahmadi" / "AHMAD") counts that word's weight, not its best match's, in the
    query's side ("HASAN YUSUF, Ahmad" scored 0.73 and was bounded at 0.60, so screening at the
    threshold never scored it); and a listed name met in full by typos leaves the query's middle
    names costing little, as the scorer counts them ("IBRAHIM, 'Ali" / "AL-IBRAHIMI Jamal
    Muhammad Ali", 0.86 scored, bounded at 0.71). Screening at the threshold finds what scoring
    every listed name finds."""
    from entitylist.model import Party

    names = [
        "HASAN YUSUF, Ahmad", "AHMADI, Reza", "IBRAHIM, 'Ali", "IBRAHIMI, Kamal", "JAMAL, Omar", "KHAN, Jamal",
        *(f"{family}, {given}" for family in ("AHMAD", "HASAN", "MUHAMMAD", "ALI") for given in ("Hasan", "Ahmad", "Ali", "Muhammad", "Umar")),
    ]
    index = ListIndex([
        PartyState(Party(id=f"p{i}", name=name, type="individual"), listed=True, listed_since=None) for i, name in enumerate(names)
    ])
    _assert_search_finds_what_exhaustive_scoring_finds(index, ["Hassan Ahmadi", "AL-IBRAHIMI Jamal Muhammad Ali"], 0.72)
    assert "IBRAHIM, 'Ali" in {m.party_name for m in index.screen("AL-IBRAHIMI Jamal Muhammad Ali")}
