"""The store on every backend: seeding, appending, as-of reads, atomic failure, bad databases."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from entitylist import bundled
from entitylist.errors import StoreError
from entitylist.model import ActionKind, Changes, ListingAction, Party, Rule
from entitylist.store import Store
from entitylist.store.store import SCHEMA_REVISION
from entitylist.store.config import resolve_url

D = dt.date


def test_new_store_is_migrated_and_seeded_once(store_url: str) -> None:
    with Store.open(store_url) as store:
        assert store.schema_revision() == SCHEMA_REVISION
        first = len(store.actions())
        assert first == len(bundled.load()[1])
    with Store.open(store_url) as store:  # reopening adds nothing
        assert len(store.actions()) == first
        assert len(store.rules()) == len(bundled.load()[0])


def test_as_of_queries_on_the_bundled_history(store_url: str) -> None:
    with Store.open(store_url) as store:
        before = {s.id for s in store.listed(D(2019, 10, 8))}
        after = {s.id for s in store.listed(D(2019, 10, 9))}
        assert "cn-hikvision" not in before and "cn-hikvision" in after
        assert len(after - before) == 28
        assert all(s.party.country == "HK" for s in store.listed(D(2024, 1, 1), country="HK"))
        assert len(store.listed(D(2024, 1, 1), country="HK")) == 1


def test_recorded_actions_round_trip_and_order(store_url: str) -> None:
    party = Party(id="ru-test-co", name="Test Co", country="RU", aliases=(), license_requirement="For all items")
    rule = Rule(id="99-fr-1", citation="99 FR 1", effective_date=D(2030, 1, 2), publication_date=D(2030, 1, 3))
    with Store.open(store_url) as store:
        store.record(
            [
                ListingAction(kind=ActionKind.ADD, party_id=party.id, effective_date=D(2030, 1, 2), party=party, rule_id=rule.id, dataset="test"),
                ListingAction(
                    kind=ActionKind.MODIFY,
                    party_id=party.id,
                    effective_date=D(2030, 1, 2),
                    changes=Changes(name="Test Company"),
                    rule_id=rule.id,
                    dataset="test",
                ),
            ],
            rules=[rule],
        )
        state = store.states(D(2030, 1, 2))[party.id]
        assert state.party.name == "Test Company" and state.listed
        assert [a.kind for a in store.actions(party_id=party.id)] == [ActionKind.ADD, ActionKind.MODIFY]
        assert store.rules()["99-fr-1"].publication_date == D(2030, 1, 3)
        assert party.id not in store.states(D(2030, 1, 1))


def test_failed_write_leaves_the_store_unchanged(store_url: str) -> None:
    good = Party(id="ru-good", name="Good")
    with Store.open(store_url) as store:
        count = len(store.actions())
        with pytest.raises(StoreError):  # the second action cites a rule that does not exist
            store.record(
                [
                    ListingAction(kind=ActionKind.ADD, party_id="ru-good", effective_date=D(2030, 1, 1), party=good, dataset="t"),
                    ListingAction(kind=ActionKind.REMOVE, party_id="ru-good", effective_date=D(2030, 2, 1), rule_id="no-such-rule", dataset="t"),
                ]
            )
        assert len(store.actions()) == count


def test_empty_store_stays_empty(store_url: str) -> None:
    with Store.open(store_url, seed=False) as store:
        assert store.actions() == []
    with Store.open(store_url) as store:  # created empty on purpose: never seeded later
        assert store.actions() == []


def test_history_span_is_the_first_and_last_date_the_log_holds(store_url: str) -> None:
    party = Party(id="ru-span-co", name="Span Co", country="RU", aliases=())
    with Store.open(store_url, seed=False) as store:
        assert store.history_span() is None  # (no history: not the same as an empty list)
        store.record([
            ListingAction(kind=ActionKind.ADD, party_id=party.id, effective_date=D(2020, 3, 4), party=party, dataset="test"),
            ListingAction(kind=ActionKind.REMOVE, party_id=party.id, effective_date=D(2031, 5, 6), dataset="test"),
            ListingAction(kind=ActionKind.MODIFY, party_id=party.id, effective_date=D(2021, 1, 1),
                          changes=Changes(name="Span Company"), dataset="test"),
        ])
        assert store.history_span() == (D(2020, 3, 4), D(2031, 5, 6))


def test_changed_bundle_replaces_only_the_bundled_history(store_url: str) -> None:
    party = Party(id="ru-kept", name="Kept")
    with Store.open(store_url) as store:
        store.record([ListingAction(kind=ActionKind.ADD, party_id="ru-kept", effective_date=D(2030, 1, 1), party=party, dataset="mine")])
        engine = create_engine(store_url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE meta SET value = 'old' WHERE key = 'bundled_sha256'"))
            conn.execute(text("DELETE FROM actions WHERE party_id = 'cn-hikvision'"))
        engine.dispose()
    with Store.open(store_url) as store:
        states = store.states()
        assert "cn-hikvision" in states and "ru-kept" in states
        assert len(store.actions()) == len(bundled.load()[1]) + 1


def test_migrate_false_refuses_an_uninitialised_database(store_url: str) -> None:
    with pytest.raises(StoreError, match="db upgrade"):
        Store.open(store_url, migrate=False)


def test_foreign_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="other tables"):
        Store.open(str(path))
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"customers"}


def test_corrupt_file_gives_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(str(path))
    assert path.read_bytes() == garbage


def test_read_only_database(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    Store.open(str(path)).close()
    with Store.open(f"sqlite:///file:{path}?mode=ro&uri=true") as store:  # reads work
        assert store.listed(D(2020, 1, 1))
        with pytest.raises(StoreError, match="readonly|read-only|read only"):
            store.record([ListingAction(kind=ActionKind.REMOVE, party_id="cn-hikvision", effective_date=D(2030, 1, 1))])
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="readonly|read-only|read only"):
        Store.open(f"sqlite:///file:{empty}?mode=ro&uri=true")


def test_unreachable_server_and_bad_urls() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open("postgresql+psycopg://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    with pytest.raises(StoreError) as info:
        Store.open("postgresql+psycopg://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(info.value)
    with pytest.raises(StoreError, match="invalid database URL"):
        Store.open("::not a url::/x://")
    with pytest.raises(StoreError, match="no database driver"):
        Store.open("nosuchdb://host/db")


def test_missing_directory_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "x.sqlite"
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(target))
    assert not target.parent.exists()


def test_default_location_is_created_in_the_user_data_dir(tmp_path: Path) -> None:
    url, is_default = resolve_url(None)
    assert is_default and url.startswith("sqlite:///") and str(tmp_path) in url
    with Store.open() as store:
        assert store.actions()
    assert Path(url.removeprefix("sqlite:///")).exists()


def test_environment_variable_selects_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENTITYLIST_DB", str(tmp_path / "env.sqlite"))
    assert resolve_url(None) == (f"sqlite:///{tmp_path / 'env.sqlite'}", False)
    assert resolve_url("postgresql://x/y") == ("postgresql://x/y", False)


def test_failed_first_open_deletes_the_file_it_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.sqlite"

    def broken() -> None:
        raise StoreError("bundled data broken")

    monkeypatch.setattr(bundled, "load", broken)
    with pytest.raises(StoreError, match="bundled data broken"):
        Store.open(str(path))
    assert not path.exists()
    assert not os.listdir(tmp_path) or "new.sqlite" not in os.listdir(tmp_path)
