"""A small list of parties of every kind, for the matching tests (built in memory)."""

from __future__ import annotations

from entitylist.model import Alias, Party
from entitylist.screening import ListIndex
from entitylist.state import PartyState

PARTIES: list[tuple[str, str, str, tuple[str, ...]]] = [
    # (id, name, type, aliases)
    ("harbor", "HARBOR", "vessel", ()),
    ("lotus", "LOTUS TEXTILES", "company", ()),
    ("falcon", "FALCON SYSTEMS", "company", ()),
    ("kadek", "KADEK", "company", ()),
    ("rainbow", "RAINBOW", "vessel", ()),
    ("gardenia", "GARDENIA", "vessel", ()),
    ("hikvision", "Hangzhou Hikvision Digital Technology Co., Ltd.", "company", ("Hikvision",)),
    ("sanjay", "SANJAY, Rahul", "individual", ()),
    ("ali-hassan", "Ali bin Hassan AL-TIKRITI", "individual", ()),
    ("van-den-berg", "Pieter VAN DEN BERG", "individual", ()),
    ("kim-jong", "KIM Jong Su", "individual", ()),
    ("mohd", "Muhammad Rafiq AZIZ", "individual", ()),
    ("smith-ii", "John SMITH II", "individual", ()),
    ("battalion", "3rd Battalion of the Coastal Guard", "government_agency", ()),
    ("nudt", "National University of Defense Technology", "university", ()),
    ("volkswagen", "Volkswagen AG", "company", ()),
    ("kashgar", "Kashgar Prefecture Public Security Bureau", "government_agency", ()),
    ("almaz", "Aktsionernoe Obshchestvo Konstruktorskoe Byuro Almaz", "company", ()),
    ("keji", "Shenzhen Huaxing Keji Youxian Gongsi", "company", ()),
    ("mss", "Ministry of State Security", "government_agency", ()),
    ("beijing-uni", "北京航空航天大学", "university", ("Beihang University",)),
]


def make_states(rows: list[tuple[str, str, str, tuple[str, ...]]] = PARTIES) -> list[PartyState]:
    return [
        PartyState(Party(id=pid, name=name, type=kind, aliases=tuple(Alias(name=a) for a in aliases)), listed=True, listed_since=None)
        for pid, name, kind, aliases in rows
    ]


def make_index() -> ListIndex:
    return ListIndex(make_states())


def top(index: ListIndex, query: str, **kwargs: object) -> tuple[str, float] | None:
    """The best party at the default threshold, or None."""
    found = index.screen(query, explain=False, **kwargs)  # type: ignore[arg-type]
    return (found[0].party_id, found[0].score) if found else None


def score_of(index: ListIndex, query: str, party_id: str, **kwargs: object) -> float:
    """What the party scores for the query (0 when it is not a candidate)."""
    found = index.screen(query, threshold=0.0, limit=100, explain=False, **kwargs)  # type: ignore[arg-type]
    return next((m.score for m in found if m.party_id == party_id), 0.0)


def people_index(people: list[tuple[str, str]]) -> ListIndex:
    """The parties above and these people, (id, name) each."""
    return ListIndex(make_states([*PARTIES, *((pid, name, "individual", ()) for pid, name in people)]))


def assert_found_at_top(index: ListIndex, query: str, party: str) -> None:
    """The party is the best match for a person's name, at the default threshold or above."""
    found = top(index, query, query_type="person")
    assert found is not None and found[0] == party, (query, found)
