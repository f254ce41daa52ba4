"""Screening snapshots: a query screened against an index of only the parties it reaches, with
the whole list's statistics, gets exactly the whole index's matches, scores and explanations;
and a new Screener answers its first queries from the snapshot kept on disk, without folding
the list or building the whole index."""

from __future__ import annotations

import csv
import datetime as dt
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from entitylist import list_cache, screen_snapshot
from entitylist.matching.normalize import NormalizedName, normalize_name
from entitylist.model import Alias, Party
from entitylist.screen_snapshot import ScreenSnapshot
from entitylist.screener import SNAPSHOT_QUERIES, Screener
from entitylist.screening import ListIndex, Match
from entitylist.state import PartyState
from entitylist.store import Store

from .matching_fixtures import make_states

EVAL = Path(__file__).resolve().parent.parent / "bench" / "eval"
TODAY = dt.date(2026, 11, 1)
_KINDS = {"person": "individual", "organization": "company", "vessel": "vessel"}


def _eval_parties() -> list[PartyState]:
    """The right-hand names of the labelled pairs, as listed parties of their kind."""
    states: list[PartyState] = []
    seen: set[str] = set()
    for name in ("person_pairs.csv", "special_pairs.csv"):
        with (EVAL / name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["right"] in seen:
                    continue
                seen.add(row["right"])
                party = Party(id=f"eval-{len(states)}", name=row["right"], type=_KINDS.get(row["type"], "company"))
                states.append(PartyState(party, listed=True, listed_since=None))
    with (EVAL / "entity_list_aliases.csv").open(encoding="utf-8") as handle:
        entries: dict[str, list[str]] = {}
        for row in csv.DictReader(handle):
            entries.setdefault(row["entry"], [])
    for entry in entries:
        states.append(PartyState(Party(id=f"eval-{len(states)}", name=entry, aliases=(Alias(name=entry.split()[-1]),)),
                                 listed=True, listed_since=None))
    return states


@pytest.fixture(scope="module")
def parties(tmp_path_factory: pytest.TempPathFactory) -> list[PartyState]:
    """The bundled list, the matching tests' parties of every kind and the evaluation sets' names."""
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('snap') / 'bundled.sqlite'}") as store:
        bundled = store.listed(TODAY)
    return [*bundled, *make_states(), *_eval_parties()]


def _queries(parties: list[PartyState]) -> list[tuple[str, str | None]]:
    """Names as screening meets them: as listed, with typos, words dropped or turned round, acronyms,
    short forms, other scripts, people's names as OFAC writes them, and names nobody listed."""
    rng = random.Random(7)
    names = [n for state in parties for n in (state.party.name, *(a.name for a in state.party.aliases))]
    queries: list[tuple[str, str | None]] = []
    for name in rng.sample(names, min(400, len(names))):
        words = name.split()
        queries.append((name, None))
        if len(name) > 4:
            at = rng.randrange(1, len(name) - 1)
            queries.append((name[:at] + name[at + 1:], None))  # a letter dropped
            queries.append((name[:at] + name[at + 1] + name[at] + name[at + 2:], None))  # two swapped
        if len(words) > 1:
            queries.append((" ".join(reversed(words)), None))
            queries.append((" ".join(words[1:]), None))
            queries.append((words[0], None))
            queries.append(("".join(w[0] for w in words if w[:1].isalpha()), None))  # initials
            queries.append((" ".join(words) + " Ltd", None))
    for path in ("person_pairs.csv", "special_pairs.csv"):
        with (EVAL / path).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                queries.append((row["left"], row["type"] if row["type"] in _KINDS else None))
    with (EVAL / "entity_list_aliases.csv").open(encoding="utf-8") as handle:
        queries.extend((row["alias"], None) for row in csv.DictReader(handle))
    queries += [("Hikvisoin", None), ("NUDT", None), ("MSS", None), ("北京航空航天大学", None), ("Huawei", "person"),
                ("Harbor Logistics GmbH", None), ("Acme Widgets", None), ("Al Hakim Trading", None),
                ("国防科技大学", None), ("杭州海康威视数字技术有限公司", None), ("Colcerdos", None), ("Krasnodarskogo", None),
                # read in Japanese too, and written in Cyrillic (looked up among organisations' words by their readings)
                ("麻原彰晃", "person"), ("大華", None), ("ダーファ", None), ("Хуавэй Текнолоджиз Ко., Лтд.", None), ("Дахуа", None)]
    return queries


def _shown(matches: list[Match]) -> list[tuple[Any, ...]]:
    return [(m.party_id, m.matched_name, m.score, m.explanation) for m in matches]


def test_a_query_screened_against_the_parties_it_reaches_matches_the_whole_index(
    parties: list[PartyState], tmp_path: Path
) -> None:
    whole = ListIndex(parties)
    screen_snapshot.write(whole, tmp_path / "list.snapshot")
    snapshot = ScreenSnapshot(tmp_path / "list.snapshot")  # as a new process reads it
    queries = _queries(parties)
    assert len(queries) > 2000
    smaller = 0
    for name, kind in queries:
        subset = snapshot.index_for(name, kind)
        smaller += len(subset.parties) < len(parties) / 10
        for threshold, limit in ((None, 10), (0.3, 25)):
            expected = whole.screen(name, threshold=threshold, limit=limit, query_type=kind)
            got = subset.screen(name, threshold=threshold, limit=limit, query_type=kind)
            assert _shown(got) == _shown(expected), (name, kind, threshold)
    assert smaller > 0.75 * len(queries)  # and most queries reach only a few parties


def test_files_that_are_not_a_snapshot_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "not.snapshot"
    for data in (b"", b"garbage" * 100, list_cache._MAGIC):
        path.write_bytes(data)
        with pytest.raises(ValueError, match="not a readable screening snapshot"):
            ScreenSnapshot(path)


def test_a_new_screener_answers_from_the_kept_snapshot_without_folding_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", str(tmp_path / "cache"))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as store:
        expected = _shown(Screener(store).screen("Hikvisoin", as_of=TODAY))  # builds the index, keeps its snapshot
        assert expected and expected[0][0] == "cn-hikvision"
        assert list((tmp_path / "cache").glob("*.snapshot"))

    def no_folding(*_args: object, **_kwargs: object) -> list[PartyState]:
        raise AssertionError("the list was folded: the snapshot was not used")

    with Store.open(url) as store:
        monkeypatch.setattr(Store, "listed", no_folding)
        screener = Screener(store)
        for _ in range(SNAPSHOT_QUERIES):
            assert _shown(screener.screen("Hikvisoin", as_of=TODAY)) == expected
        with pytest.raises(AssertionError, match="folded"):  # then it builds the whole index
            screener.screen("Hikvisoin", as_of=TODAY)


def test_a_damaged_snapshot_file_is_removed_and_the_index_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", str(cache))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as store:
        expected = _shown(Screener(store).screen("Dahua", as_of=TODAY))
        (kept,) = cache.glob("*.snapshot")
        kept.write_bytes(kept.read_bytes()[:1000])  # cut off
        assert _shown(Screener(store).screen("Dahua", as_of=TODAY)) == expected
        assert [p.stat().st_size > 1000 for p in cache.glob("*.snapshot")] == [True]  # written anew


_SCREEN_IN_A_NEW_PROCESS = """
import datetime as dt, sys
from entitylist.screener import Screener
from entitylist.store import Store
with Store.open(sys.argv[1]) as store:
    found = Screener(store).screen("Hikvision", as_of=dt.date(2026, 11, 1))
print(found[0].party_id, "pypinyin" in sys.modules)
"""


def test_a_new_process_screens_from_the_snapshot_without_loading_the_pinyin_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hikvision's listed names include Chinese characters: from the snapshot their normalised forms
    come ready, so the process never loads pypinyin (a fifth of a second) for a Latin query."""
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", str(tmp_path / "cache"))
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    runs = [subprocess.run([sys.executable, "-c", _SCREEN_IN_A_NEW_PROCESS, url], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0] == ["cn-hikvision", "True"]  # the first builds the whole index, reading every name
    assert runs[1] == ["cn-hikvision", "False"]


def test_a_normalised_name_is_made_again_from_its_fields_with_every_attribute() -> None:
    """The snapshot keeps names in Chinese characters normalised: a new attribute of
    NormalizedName that ``fields`` forgot would make the snapshot's index differ."""
    for name in ("Hangzhou Hikvision Digital Technology Co., Ltd.", "杭州海康威视数字技术股份有限公司", "Pieter VAN DEN BERG",
                 "Dorozhnaya Stroitelnaya Kompaniya OOO", "محمد بن سلمان", "K.J. Trading S.A."):
        for person in (False, True):
            made = normalize_name(name, person)
            again = NormalizedName.of(made.fields())
            attributes = [a for a in dir(made) if not a.startswith("_") and not callable(getattr(made, a))]
            assert len(attributes) >= 9
            assert {a: getattr(again, a) for a in attributes} == {a: getattr(made, a) for a in attributes}
