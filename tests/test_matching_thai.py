"""Names written in Thai meet their Latin spellings: Thai is compared by its consonants, read in
the order they are said (a vowel written before its consonant after it), without the letters the
silencing mark or a tone's "ห" leaves unsaid, with a word's last consonant as it is said, and with
its aspirated consonants read with and without their "h" ("Thaksin", "Sompong")."""

from __future__ import annotations

import pytest
from anyascii import anyascii

from entitylist.matching.index import NameIndex
from entitylist.matching.score import compare, other_forms
from entitylist.matching.normalize import normalize_name
from entitylist.matching.thai import read_thai, unaspirated
from entitylist.screening import ListIndex
from tests.matching_fixtures import make_states

THRESHOLD = 0.72

PEOPLE = [
    ("thaksin", "Thaksin Shinawatra"), ("yingluck", "Yingluck Shinawatra"), ("prayut", "Prayut Chan-o-cha"),
    ("somchai", "Somchai Wongsawat"), ("somsak", "Somsak"), ("prasert", "Prasert"), ("suthep", "Suthep Thaugsuban"),
    ("prawit", "Prawit Wongsuwan"), ("chuan", "Chuan Leekpai"), ("sompong", "Sompong"), ("boonmee", "Boonmee"),
    ("anan", "Anan"), ("paetongtarn", "Paetongtarn Shinawatra"), ("surachai", "Surachai"),
]


@pytest.fixture(scope="module")
def index() -> ListIndex:
    return ListIndex(make_states([(pid, name, "individual", ()) for pid, name in PEOPLE]))


@pytest.mark.parametrize(
    ("thai", "read"),
    [
        ("สมศักดิ์", "smsak"),  # "ดิ์" under the silencing mark: not said
        ("อนันต์", "anan"),  # "ต์" too; a first "อ" before a consonant is the "a" said with it
        ("ประเสริฐ", "praserit"),  # "เ" said after "ส"; a last "ฐ" is a "t"
        ("สุเทพ", "suthep"),
        ("หลีก", "lik"),  # "ห" before "ล" marks its tone only
        ("สุวรรณ", "suwann"),  # "รร" is "an"
        ("ชวน", "chuan"),  # "ว" between two consonants: the vowel "ua"
        ("บุญมี", "bunmi"),  # "ญ" ending a syllable: "n"
        ("สุรชัย", "surchay"),  # a consonant inside a word may begin the next syllable: left as written
    ],
)
def test_thai_is_read_in_the_order_said(thai: str, read: str) -> None:
    assert anyascii(read_thai(thai)) == read


def test_aspirated_consonants_are_also_read_without_their_h() -> None:
    assert unaspirated("สมพงษ์") == "สมปงษ์" and unaspirated("สมชาย") is None
    forms = other_forms(normalize_name("ชวน หลีกภัย", True), True)
    assert [form.tokens for form in forms] == [("chuan", "likpay")] and forms[0].abjad


@pytest.mark.parametrize(
    ("query", "party"),
    [
        ("ทักษิณ ชินวัตร", "thaksin"), ("ยิ่งลักษณ์ ชินวัตร", "yingluck"), ("ประยุทธ์ จันทร์โอชา", "prayut"),
        ("สมชาย วงศ์สวัสดิ์", "somchai"), ("สมศักดิ์", "somsak"), ("ประเสริฐ", "prasert"), ("สุเทพ เทือกสุบรรณ", "suthep"),
        ("ประวิตร วงษ์สุวรรณ", "prawit"), ("ชวน หลีกภัย", "chuan"), ("สมพงษ์", "sompong"), ("บุญมี", "boonmee"),
        ("อนันต์", "anan"), ("แพทองธาร ชินวัตร", "paetongtarn"), ("สุรชัย", "surachai"),
    ],
)
def test_a_name_in_thai_finds_its_latin_spelling(index: ListIndex, query: str, party: str) -> None:
    found = index.screen(query, explain=False, query_type="person")
    assert found and found[0].party_id == party, (query, [(m.party_id, m.score) for m in found])


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("สมชาย", "Somsak"), ("สมศักดิ์", "Somchai"), ("วิชัย", "Wichit"), ("สุรชัย", "Surasak"), ("สมพงษ์", "Sompop"),
        ("ประเสริฐ", "Prasit"), ("ชวน หลีกภัย", "Chuan Leekpong"), ("ประยุทธ์ จันทร์โอชา", "Prawit Wongsuwan"),
    ],
)
def test_another_thai_name_stays_below_the_threshold(index: ListIndex, query: str, listed: str) -> None:
    names: NameIndex = index.index
    assert compare(names, query, listed, listed_kind="person", query_kind="person").score < THRESHOLD
