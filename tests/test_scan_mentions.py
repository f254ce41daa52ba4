"""Finding listed parties in running text: the phenomena of real documents, one by one, and the
labelled corpus's precision and recall (``bench/scan_accuracy.py``)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from entitylist import bundled
from entitylist.scanning.mentions import WINDOW_CHARS, Mention, MentionFinder
from entitylist.screening import ListIndex
from entitylist.state import listed_on

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def finder() -> MentionFinder:
    _rules, actions = bundled.load()
    return MentionFinder(ListIndex(listed_on(actions, AS_OF)))


def found(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.party_id) for m in finder.find(text)]


def test_full_names_short_brand_names_and_legal_forms(finder: MentionFinder) -> None:
    text = ("The rule lists Huawei Technologies Co., Ltd. and Hikvision. Shares of Megvii fell, "
            "and SenseTime Group Ltd. said it regretted the decision.")
    assert found(finder, text) == [
        ("Huawei Technologies Co., Ltd", "cn-huawei-technologies"),
        ("Hikvision", "cn-hikvision"),
        ("Megvii", "cn-megvii-technology"),
        ("SenseTime Group Ltd", "cn-sense-time"),
    ]


def test_offsets_point_into_the_text(finder: MentionFinder) -> None:
    text = "Intro line.\n\nA shipment for Zhejiang Dahua Technology Co arrived."
    (mention,) = finder.find(text, base=100)
    assert text[mention.start - 100:mention.end - 100] == mention.text == "Zhejiang Dahua Technology Co"


def test_names_run_together_are_split_at_their_boundaries(finder: MentionFinder) -> None:
    text = ("They include the Xiamen Meiya Pico Information Co Yitu Technologies Zhejiang Dahua Technology Co "
            "Megvii Technology and others.")
    assert [p for _t, p in found(finder, text)] == [
        "cn-xiamen-meiya-pico-information", "cn-yitu-technologies", "cn-dahua-technology", "cn-megvii-technology",
    ]


def test_spun_and_misspelled_names(finder: MentionFinder) -> None:
    text = ("The Zhejiang Dahua Know-how Co and IFLYTEK Clever Details Co were named; so were "
            "Yitu Applied sciences and Hikvison, while Megvi Technology raised money.")
    assert [p for _t, p in found(finder, text)] == [
        "cn-dahua-technology", "cn-iflytek", "cn-yitu-technologies", "cn-hikvision", "cn-megvii-technology",
    ]


def test_government_bodies_described_in_other_words(finder: MentionFinder) -> None:
    text = ("Officers of the Kashgar prefecture police department and the Urumqi city police bureau were "
            "trained; the Xinjiang Police College was also named.")
    assert [p for _t, p in found(finder, text)] == [
        "cn-kashgar-prefecture-public-security-bureau",
        "cn-urumqi-municipal-public-security-bureau",
        "cn-xinjiang-police-college",
    ]


def test_typesetting_possessives_hyphenation_line_breaks_glued_sentences(finder: MentionFinder) -> None:
    text = ("Hikvision's shares fell, and Dahua Technology.The company said so. The list names Zhejiang Dahua\n"
            "Technology and Suzhou Keda Tech-\nnology Co., Ltd. next to Hik-\nvision.")
    mentions = finder.find(text)
    assert [(m.party_id, m.text) for m in mentions] == [
        ("cn-hikvision", "Hikvision"),
        ("cn-dahua-technology", "Dahua Technology"),
        ("cn-dahua-technology", "Zhejiang Dahua\nTechnology"),
        ("cn-suzhou-keda-technology", "Suzhou Keda Tech-\nnology Co., Ltd"),
        ("cn-hikvision", "Hik-\nvision"),
    ]


def test_unlisted_organisations_people_places_and_generic_phrases_are_not_reported(finder: MentionFinder) -> None:
    text = ("Tencent-backed Yitu and SoftBank-funded Megvii were named. Leon Smith of Reuters said the Commerce "
            "Department and public security bureaus in Kashgar were involved; the Xinjiang police declined to "
            "comment. The Dahua Mountain Resort hosted the meeting, and Silk Road Tech Trading Co shipped the goods.")
    assert found(finder, text) == [("Yitu", "cn-yitu-technologies"), ("Megvii", "cn-megvii-technology")]


def test_ordinary_words_and_lower_case_uses_are_not_names(finder: MentionFinder) -> None:
    """A one-word name must stand as a name stands: "Dahua" opening a sentence counts, but not a
    word the text also writes in lower case, nor a short form made of generic words only."""
    assert found(finder, "Cloud services grew. The cloud is big. Technology matters.") == []
    assert found(finder, "the text mentions dahua only in lower case, and Dahua once.") == []


def test_one_passage_is_one_mention(finder: MentionFinder) -> None:
    mentions = finder.find("Hikvision Hikvision; Huawei Cloud Beijing.")
    assert [(m.text, m.party_id) for m in mentions] == [
        ("Hikvision", "cn-hikvision"), ("Hikvision", "cn-hikvision"), ("Huawei Cloud Beijing", "cn-huawei-cloud-beijing"),
    ]
    spans = [(m.start, m.end) for m in mentions]
    assert len(set(spans)) == len(spans)


def test_acronym_and_chinese_names(finder: MentionFinder) -> None:
    text = "Owned by the XPCC. State media said 海康威视 would appeal."
    assert [p for _t, p in found(finder, text)] == ["cn-xinjiang-production-and-construction-corps", "cn-hikvision"]
    assert found(finder, "The BIS and the EAR apply.") == []
    assert found(finder, "The Xinjiang Police College (新疆警察学院) objected.") == [
        ("Xinjiang Police College", "cn-xinjiang-police-college"), ("新疆警察学院", "cn-xinjiang-police-college"),
    ]


def test_chinese_written_without_spaces(finder: MentionFinder) -> None:
    """A Chinese sentence is one run of characters: the listed names inside it are found, at their
    own offsets, and a name that only straddles two words ("中华 / 为人民服务") is not one."""
    text = "美国商务部将华为技术有限公司列入实体清单，海康威视和浙江大华技术股份有限公司的股价下跌。"
    mentions = finder.find(text, base=10)
    assert [(m.text, m.party_id) for m in mentions] == [
        ("华为技术有限公司", "cn-huawei-technologies"), ("海康威视", "cn-hikvision"),
        ("浙江大华技术股份有限公司", "cn-dahua-technology"),
    ]
    assert all(text[m.start - 10:m.end - 10] == m.text for m in mentions)
    assert found(finder, "我们与商汤科技讨论了合同，乌鲁木齐市公安局局长出席。") == [
        ("商汤科技", "cn-sense-time"), ("乌鲁木齐市公安局", "cn-urumqi-municipal-public-security-bureau"),
    ]
    for decoy in ("中华为人民服务的精神不变。", "北京市公安局和上海市公安局没有被列入。", "喀什的官员没有回应。", "腾讯科技和百度公司"):
        assert found(finder, decoy) == [], decoy
    # the English text around a name in characters is read as before
    assert found(finder, "The contract with 杭州海康威视数字技术股份有限公司 was signed.") == [
        ("杭州海康威视数字技术股份有限公司", "cn-hikvision"),
    ]


def test_chinese_in_traditional_characters_and_japanese_kanji(finder: MentionFinder) -> None:
    """Taiwan and Hong Kong write traditional characters, Japan its own forms: a run is cut into
    words as its simplified characters read (one for one: the mentions' offsets are the text's
    own). Cut as written, "華為技術有限公司" fell apart into words of one character and was never
    found, and "市場" (the market) in any such business text started passages of single
    characters that met listed people."""
    text = "美國商務部將華為技術有限公司列入實體清單，海康威視和浙江大華技術股份有限公司的股價下跌。"
    mentions = finder.find(text)
    assert [(m.text, m.party_id) for m in mentions] == [
        ("華為技術有限公司", "cn-huawei-technologies"), ("海康威視", "cn-hikvision"),
        ("浙江大華技術股份有限公司", "cn-dahua-technology"),
    ]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    for decoy in (
        "台灣股票市場今天上漲，科技股表現強勁，市場分析師表示投資人信心回升。",
        "日本の株式市場は今日上昇し、市場関係者は投資家の信頼が回復したと述べた。",
        "中華為人民服務的精神不變。",
    ):
        assert found(finder, decoy) == [], decoy


def test_a_short_brand_in_characters_whose_syllables_are_rewritten_is_found(finder: MentionFinder) -> None:
    """"依图" alone (Yitu) read "lee tu", its "yi" a spelling of the family name Lee, and was not
    found; it reads "yitu" too now, as the brand writes itself."""
    assert found(finder, "据报道，依图与多家公司合作。") == [("依图", "cn-yitu-technologies")]


def test_company_names_written_in_cyrillic(finder: MentionFinder) -> None:
    """Russian writes a foreign company's name in its own letters ("Хуавэй Текнолоджиз Ко.,
    Лтд."): found with its legal forms, in a sentence and alone; a Russian word that only
    sounds like a listed one is not."""
    assert found(finder, "Мы подписали контракт с Хуавэй Текнолоджиз Ко., Лтд. в Москве.") == [
        ("Хуавэй Текнолоджиз Ко., Лтд", "cn-huawei-technologies"),
    ]
    assert found(finder, "Компания Мегвий Текнолоджи и Дахуа Технолоджи поставили камеры.") == [
        ("Мегвий Текнолоджи", "cn-megvii-technology"), ("Дахуа Технолоджи", "cn-dahua-technology"),
    ]
    for decoy in ("Мы купили новые технологии в Москве.", "Компания Хуадун Электроникс открыла офис."):
        assert found(finder, decoy) == [], decoy


def test_words_cut_runs_of_chinese_only_when_asked() -> None:
    from entitylist.scanning.han import HanWords
    from entitylist.scanning.tokens import Words

    text = "Acme与华为技术有限公司签约，Huawei华为"
    assert Words(text).spellings == ["Acme与华为技术有限公司签约", "Huawei华为"]
    words = Words(text, split=HanWords(["华为技术有限公司"]).split)
    assert words.spellings == ["Acme", "与", "华为技术有限公司", "签约", "Huawei", "华为"]
    assert [text[s:e] for s, e in zip(words.starts, words.ends, strict=True)] == words.spellings
    assert words.joined(2) and words.comma_between(3) and not words.comma_between(2)
    assert Words("乌鲁木齐市公安局。然后", split=HanWords([]).split).opens_sentence(2)


def test_long_chinese_text_in_windows(finder: MentionFinder) -> None:
    paragraph = "本报讯，今年棉纱出口继续增长，港口的货物等待单据。" * 40 + "海康威视的摄像机也在船上。\n"
    pieces = [paragraph] * (2 * WINDOW_CHARS // len(paragraph))
    text = "".join(pieces)
    mentions = list(finder.find_in_stream(iter(pieces)))
    assert len(mentions) == text.count("海康威视") > 100
    assert all(text[m.start:m.end] == "海康威视" for m in mentions)


def filler(size: int) -> Iterator[str]:
    """Plain prose in pieces of about 64 KB, with a listed name every 200 KB."""
    sentence = "The shipment of cotton yarn was delayed at the port while the buyers waited for documents. "
    piece = sentence * (64_000 // len(sentence))
    made = 0
    while made < size:
        if made // 200_000 != (made + len(piece)) // 200_000:
            yield piece + "Hikvision cameras were also on board. "
            made += len(piece) + 38
        else:
            yield piece
            made += len(piece)


def test_long_text_in_overlapping_windows_each_mention_once(finder: MentionFinder) -> None:
    pieces = list(filler(3 * WINDOW_CHARS))
    text = "".join(pieces)
    mentions = list(finder.find_in_stream(iter(pieces)))
    assert len(mentions) == text.count("Hikvision") > 10
    assert all(text[m.start:m.end] == "Hikvision" for m in mentions)


def test_a_word_longer_than_a_window_does_not_stall_the_reading() -> None:
    """A window cut back to the break before a word of a million characters never moved on (the
    scan ran for ever): each cut falls between words near where it is wanted, else right there.
    Run in a process of its own, so that a stall fails the test instead of hanging the suite."""
    code = (
        "import datetime as dt\n"
        "from entitylist import bundled\n"
        "from entitylist.scanning.mentions import MentionFinder, WINDOW_CHARS\n"
        "from entitylist.screening import ListIndex\n"
        "from entitylist.state import listed_on\n"
        "_rules, actions = bundled.load()\n"
        "finder = MentionFinder(ListIndex(listed_on(actions, dt.date(2024, 1, 1))))\n"
        "text = 'a ' + 'y' * (WINDOW_CHARS + 50_000) + ' Hikvision was named. ' + 'x' * (2 * WINDOW_CHARS)\n"
        "pieces = [text[i:i + 65_536] for i in range(0, len(text), 65_536)]\n"
        "print([(m.text, m.start) for m in finder.find_in_stream(iter(pieces))])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"[('Hikvision', {2 + (1 << 20) + 50_000 + 1})]"


def test_huge_text_is_read_with_flat_memory(finder: MentionFinder) -> None:
    tracemalloc.start()
    try:
        count = sum(1 for _ in finder.find_in_stream(filler(40_000_000)))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200
    assert peak < 20_000_000  # 40 MB read, never held


# -- the labelled corpus ------------------------------------------------------------------------


def _bench_module() -> ModuleType:
    path = REPO / "bench" / "scan_accuracy.py"
    spec = importlib.util.spec_from_file_location("scan_accuracy", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["scan_accuracy"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_precision_and_recall(finder: MentionFinder) -> None:
    bench = _bench_module()
    documents = bench.load_corpus()
    assert len(documents) >= 20
    outcome = bench.evaluate(finder, documents)
    assert outcome.recall >= 0.98, outcome.missed
    assert outcome.precision >= 0.98, outcome.false
    by_tag = outcome.recall_by_tag()
    for tag in ("full", "short", "alias", "garbled", "spun", "runon", "body", "typeset", "acronym", "unspaced"):
        hits, total = by_tag[tag]
        assert total and hits == total, (tag, outcome.missed)


def test_mentions_carry_the_screening_explanation(finder: MentionFinder) -> None:
    (mention,) = finder.find("Zhejiang Dahua Know-how Co won the tender.")
    assert isinstance(mention, Mention)
    explanation = mention.match.explanation
    # its best name: "Dahua Technology", or its name in characters as read ("zhejiang dahua technology")
    assert explanation["matched_name"] in ("Dahua Technology", "浙江大华技术股份有限公司")
    aligned = {t["listed"]: t["how"] for t in explanation["tokens"]}
    assert any("dahua" in listed.split() and how == "exact" for listed, how in aligned.items())
    assert aligned["technology"] != "exact"
