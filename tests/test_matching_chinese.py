"""Names in Chinese characters against their English translation (issue 12, second round): the
pinyin of characters comes one syllable a word, so the vocabulary's Chinese words and place
names are read syllable by syllable in such names, and never in names written in Latin letters."""

from __future__ import annotations

import pytest

from entitylist.matching.index import NameIndex
from entitylist.matching.normalize import normalize_name
from entitylist.matching.score import compare

LISTED = ["Kashgar Prefecture Public Security Bureau", "Shenzhen Dajiang Technology Co., Ltd.",
          "Xinjiang Uyghur Autonomous Region Public Security Department", "China Electronics Technology Group Company"]


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex([(i, name, "name") for i, name in enumerate(LISTED)])


@pytest.mark.parametrize(("chinese", "english"), [
    ("喀什地区公安局", "Kashgar Prefecture Public Security Bureau"),  # a place name's syllables joined, then its older name
    ("深圳大疆科技有限公司", "Shenzhen Dajiang Technology Co., Ltd."),  # "da" of a name in characters is no stopword
    ("新疆维吾尔自治区公安厅", "Xinjiang Uyghur Autonomous Region Public Security Department"),
])
def test_chinese_characters_meet_their_english_translation(index: NameIndex, chinese: str, english: str) -> None:
    assert compare(index, chinese, english).score >= 0.9


def test_syllables_are_read_only_in_names_written_in_characters() -> None:
    assert normalize_name("中国电子科技集团公司").tokens == ("china", "electronics", "technology", "group", "company")
    assert normalize_name("Zhongguo Dianzi Keji Jituan Gongsi").tokens == ("china", "electronics", "technology", "group", "company")
    assert normalize_name("Ke Ji Hua").tokens == ("ke", "ji", "hua")  # a person's given name, not "technology"
