"""Japanese names written in kanji or kana meet their Latin spellings ("山田太郎" / "Yamada Taro"):
each is read in Japanese beside its Mandarin reading, long vowels written once as passports write
them; a name that may not be Japanese (Korean syllables, a long Chinese organisation's name, or
characters the dictionary cannot read) is not read so. A foreign name in katakana is also read as
the foreign name it writes."""

from __future__ import annotations

import os
import time

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.japanese import (
    japanese_form, japanese_reading, loanword_reading, loanword_readings, may_be_japanese, name_readings,
)
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

PEOPLE = [
    ("kishida", "KISHIDA, Fumio", "individual", ()),
    ("suga", "SUGA, Yoshihide", "individual", ()),
    ("ito", "ITO, Hirobumi", "individual", ()),
    ("asahara", "ASAHARA, Shoko", "individual", ()),
    ("joyu", "JOYU, Fumihiro", "individual", ()),
    ("yamada", "YAMADA, Taro", "individual", ()),
    ("inoue", "INOUE, Takehiko", "individual", ()),
    ("li-ming", "LI, Ming", "individual", ()),
    ("toshiba", "Toshiba Corporation", "company", ()),
    ("itoh", "ITOH, Misaki", "individual", ()),
    ("ohno", "OHNO, Satoshi", "individual", ()),
    ("gotoh", "GOTOH, Kenji", "individual", ()),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(make_states(PEOPLE))


@pytest.mark.parametrize(
    ("original", "reading"),
    [
        ("山田太郎", "yamada taro"),  # "Tarou": the long vowel written once
        ("麻原彰晃", "asahara shoko"),
        ("上祐史浩", "joyu fumihiro"),
        ("井上雄彦", "inoue takehiko"),  # a vowel after "ou" starts its own syllable: kept
        ("大野智", "ono satoshi"),  # "Oono"
        ("ヤマダ タロウ", "yamada taro"),  # kana
    ],
)
def test_names_read_in_japanese_as_passports_write_them(original: str, reading: str) -> None:
    assert japanese_reading(original) == reading


@pytest.mark.parametrize(
    "original",
    ["김정은", "华为技术有限公司", "习近平", "李", ""],  # Korean; a long Chinese name; unreadable; one character
)
def test_names_that_are_not_read_in_japanese(original: str) -> None:
    assert japanese_reading(original) is None
    assert japanese_form(normalize_name(original or "Acme")) is None


def test_only_names_in_characters_may_be_japanese() -> None:
    assert may_be_japanese("山田太郎") and may_be_japanese("トヨタ自動車株式会社")  # kana: any length
    assert not may_be_japanese("") and not may_be_japanese("新疆维吾尔自治区公安厅")
    assert japanese_form(normalize_name("Yamada Taro")) is None  # a Latin name has no characters


@pytest.mark.parametrize(
    ("query", "party"),
    [("麻原彰晃", "asahara"), ("上祐史浩", "joyu"), ("山田太郎", "yamada"), ("井上雄彦", "inoue"), ("東芝", "toshiba")],
)
def test_a_japanese_name_in_characters_finds_its_latin_spelling(index: ListIndex, query: str, party: str) -> None:
    found = index.screen(query, explain=False)
    assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize("query", ["山田花子", "田中太郎", "麻生太郎"])  # one name shared, another person
def test_another_japanese_person_stays_below_the_threshold(index: ListIndex, query: str) -> None:
    assert index.screen(query, explain=False, query_type="person") == [], query


@pytest.mark.parametrize(
    ("original", "readings"),
    [
        # the dictionary's best reading of the string first, then the person's name it may be
        ("岸田文雄", ("kishida bunyu", "kishida fumio")), ("菅義偉", ("kan yoshihide", "suga yoshihide")),
        ("伊藤博文", ("ito hakubun", "ito hirobumi")),  # (not "ito hiroshi fumi": a cutting of three words)
        ("山田太郎", ("yamada taro",)),
        ("三菱重工業", ()), ("ヤマダ タロウ", ()), ("华为技术", ()),  # a company's name; kana; not Japanese
        ("王毅", ()), ("東京", ()),  # two characters: as often a Chinese name, or a place
    ],
)
def test_a_name_in_kanji_is_also_read_as_a_persons_name(original: str, readings: tuple[str, ...]) -> None:
    assert name_readings(original) == readings


@pytest.mark.parametrize(("query", "party"), [("岸田文雄", "kishida"), ("菅義偉", "suga"), ("伊藤博文", "ito")])
def test_a_japanese_persons_name_read_otherwise_as_words_finds_its_latin_spelling(
    index: ListIndex, query: str, party: str,
) -> None:
    """The dictionary reads "文雄" as the word "bunyu" and "菅" as "Kan": the name's readings as a
    person's find "Fumio Kishida" and "Yoshihide Suga" (0.33 before)."""
    for query_type in (None, "person"):
        found = index.screen(query, explain=False, query_type=query_type)
        assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize(("query", "party"), [("伊東美咲", "itoh"), ("大野智", "ohno"), ("後藤健二", "gotoh")])
def test_a_long_vowel_as_passports_write_it_meets_the_reading(index: ListIndex, query: str, party: str) -> None:
    """Passports write a long "o" as "oh" ("ITOH", "OHNO"); a reading writes the vowel alone
    ("ito": 0.35 before, a word too short to meet as a typo)."""
    for query_type in (None, "person"):
        found = index.screen(query, explain=False, query_type=query_type)
        assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


def test_pinyin_ou_is_no_long_vowel(index: ListIndex) -> None:
    names: NameIndex = index.index
    assert compare(names, "伊東美咲", "ITOH, Misaki", listed_kind="person", query_kind="person").score >= 0.9
    assert compare(names, "侯明", "HO, Ming", listed_kind="person", query_kind="person").score < 0.72  # (侯, Hou, is not 何, Ho)


def test_a_chinese_name_keeps_its_mandarin_reading(index: ListIndex) -> None:
    """A short name in Han characters is read both ways: its pinyin still meets its Latin
    spelling ("李明" / "Li Ming"), and its Japanese reading ("Ri Akira") adds no other party."""
    found = index.screen("李明", explain=False)
    assert [m.party_id for m in found] == ["li-ming"] and found[0].score == 1.0


def test_pairs_are_compared_both_ways(index: ListIndex) -> None:
    names: NameIndex = index.index
    assert compare(names, "山田太郎", "Yamada Taro").score == 1.0
    assert compare(names, "山田太郎", "Taro YAMADA").score >= 0.9
    assert compare(names, "山田太郎", "Tanaka Hanako").score < 0.3


@pytest.mark.parametrize(
    ("original", "reading"),
    [
        ("ドナルド・トランプ", "donald trump"),  # foreign spellings the dictionary knows
        ("アルカイダ", "al-qaida"),
        ("カスペルスキー", "kasperski"),  # "kasuperusukii": the vowels put after consonants left out
        ("ヴィクトル・ボウト", "viktor bout"),
        ("センスタイム", "senstaim"),  # "Sense time": the dictionary cut the word in two, spelt in sounds
        ("ルカシェンコ", "rukashenko"),  # a first syllable's vowel kept but before an "r" or after an "s"
        ("スターリン", "stalin"),
        ("ロステック", "rostek"),  # the small tsu's doubling written once
    ],
)
def test_a_foreign_name_in_katakana_reads_as_the_name_it_writes(original: str, reading: str) -> None:
    assert loanword_reading(original) == reading


@pytest.mark.parametrize("original", ["山田太郎", "トヨタ自動車", "Donald Trump", "", "ー", "ー・ー"])
def test_only_names_wholly_in_katakana_read_as_loanwords(original: str) -> None:
    assert loanword_reading(original) is None


@pytest.mark.parametrize(
    ("katakana", "latin"),
    [
        ("ドナルド・トランプ", "Donald Trump"), ("カスペルスキー", "Kaspersky"), ("ラムザン・カディロフ", "Ramzan Kadyrov"),
        ("アレクサンドル・ルカシェンコ", "Alexander Lukashenko"), ("アルカイダ", "Al-Qaida"), ("ガスプロム", "Gazprom"),
        ("オレグ・デリパスカ", "Oleg Deripaska"), ("ミハイル・フリードマン", "Mikhail Fridman"), ("ワグネル", "Wagner"),
        ("ドナルド トランプ", "Donald Trump"), ("ウサマ＝ビンラディン", "Osama bin Laden"),  # words apart by a space or "＝"
        # "チ" a foreign "ti" or "t" as well as a "ch" (read both ways): 0.27-0.33 read "chi" alone
        ("ウラジーミル・プーチン", "Vladimir Putin"), ("ロスネフチ", "Rosneft"), ("ロマン・アブラモビッチ", "Roman Abramovich"),
        # katakana's "r" a foreign "l" and "b" a "v" too, a final "フ" a "v": 0.33 read "rabrof", "ari" alone
        ("セルゲイ・ラブロフ", "Sergey Lavrov"), ("アリ・ハメネイ", "Ali Khamenei"),
    ],
)
def test_a_foreign_name_in_katakana_meets_its_latin_spelling(katakana: str, latin: str) -> None:
    """Each scored 0.03-0.44 when katakana was read in Hepburn only ("donarudo toranpu")."""
    names = ListIndex([]).index
    assert compare(names, katakana, latin).score >= 0.8, (katakana, latin)


def test_only_the_words_the_dictionary_did_not_spell_are_read_with_l_and_v() -> None:
    assert loanword_readings("セルゲイ・ラブロフ") == ("sergey rabrof", "sergey lavlov")  # ("sergey": the dictionary's)
    assert loanword_readings("ドナルド・トランプ") == ("donald trump",)  # (the dictionary spelt both)


@pytest.mark.parametrize(
    ("katakana", "latin"), [("ハイクビジョン", "Hike Vision"), ("センスタイム", "Sense Time Trading"), ("トヨタ", "Toyo")],
)
def test_a_katakana_name_meets_no_english_words_its_sounds_spell(katakana: str, latin: str) -> None:
    names = ListIndex([]).index
    assert compare(names, katakana, latin).score < 0.72, (katakana, latin)


def test_a_process_forked_while_another_thread_reads_can_read() -> None:
    """A batch's worker forked while a thread of the server holds the reader's lock gets its own
    lock and reader: it would otherwise wait for ever on a lock no thread of it holds."""
    from entitylist.matching import japanese

    japanese_reading.cache_clear()
    with japanese._LOCK:  # (as another thread, mid-reading, would hold it at the fork)
        child = os.fork()
        if child == 0:  # the worker
            status = 1
            try:
                status = 0 if japanese_reading("田中花子") == "tanaka hanako" else 1
            finally:
                os._exit(status)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.05)
    os.kill(child, 9)
    os.waitpid(child, 0)
    raise AssertionError("the forked process waited on the parent's lock")
