"""A command's screening reads a current SQLite store without SQLAlchemy, and answers as the store does."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from entitylist.model import ActionKind, ListingAction, Party
from entitylist.services import Services
from entitylist.settings import Settings
from entitylist.store import Store
from entitylist.store.quick import QuickReader

from .conftest import modules_loaded_by, run_cli

TODAY = dt.date(2030, 6, 1)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", str(directory))
    return directory


def _add(store: Store, name: str) -> None:
    party_id = "xx-" + name.lower().replace(" ", "-")
    store.record([ListingAction(kind=ActionKind.ADD, party_id=party_id, effective_date=dt.date(2030, 1, 1),
                                party=Party(id=party_id, name=name), dataset="mine")])


def test_the_quick_reader_names_the_store_and_follows_its_version(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with Store.open(str(path)) as store:
        quick = QuickReader.open(str(path))
        assert quick is not None
        assert quick.describe() == store.describe()
        assert quick.list_version() == store.list_version()
        _add(store, "Zorvexa Quantum Widgets")
        assert quick.list_version() == store.list_version()  # another writer's change is seen at once
        quick.close()
    same = QuickReader.open(f"sqlite:///{path}")
    assert same is not None and same.describe() == f"sqlite:///{path}"
    same.close()


def _edit(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE alembic_version SET version_num = '0003'",  # an older schema: the store migrates it
        "UPDATE meta SET value = 'stale' WHERE key = 'bundled_sha256'",  # the package's bundle changed: reseeded
        "DELETE FROM meta WHERE key = 'list_version'",  # made before list versions
        "DROP TABLE alembic_version",
    ],
)
def test_a_store_that_opening_would_change_is_left_to_the_store(tmp_path: Path, statement: str) -> None:
    path = tmp_path / "store.sqlite"
    Store.open(str(path)).close()
    _edit(path, statement)
    assert QuickReader.open(str(path)) is None


def test_what_is_not_a_plain_current_sqlite_file_is_left_to_the_store(tmp_path: Path) -> None:
    assert QuickReader.open(str(tmp_path / "missing.sqlite")) is None
    assert not (tmp_path / "missing.sqlite").exists()  # never created by a quick read
    assert QuickReader.open("postgresql://user:secret@127.0.0.1/none") is None
    (tmp_path / "other.sqlite").write_bytes(b"not a database at all" * 100)
    assert QuickReader.open(str(tmp_path / "other.sqlite")) is None
    with sqlite3.connect(tmp_path / "foreign.sqlite") as connection:
        connection.execute("CREATE TABLE things (x)")
    assert QuickReader.open(str(tmp_path / "foreign.sqlite")) is None
    odd = tmp_path / "odd%20name.sqlite"
    Store.open(str(odd)).close()
    assert QuickReader.open(str(odd)) is None  # a name SQLAlchemy might render otherwise: not guessed


def test_has_reviews_answers_for_the_keys_given(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with Services(Settings(db=str(path))) as services:
        services.reviews.record("Hikvision", "Hikvision", "cleared", reason="namesake", reviewer="alice")
    quick = QuickReader.open(str(path))
    assert quick is not None
    from entitylist.services.review_keys import counterparty_key

    assert quick.has_reviews([counterparty_key("Hikvision")])
    assert not quick.has_reviews([counterparty_key("Dahua")])
    assert not quick.has_reviews([])
    quick.close()


def test_quick_and_full_services_screen_alike(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "store.sqlite"
    with Services(Settings(db=str(path))) as services:
        services.reviews.record("Hikvision", "Hikvision", "cleared", reason="namesake", reviewer="alice")
    for name in ["Hikvision", "Hikvisoin Digital", "Huawei Technologies", "Acme Widgets GmbH", "Dahua"]:
        with Services(Settings(db=str(path))) as full:
            expected = full.screening.screen(name, as_of=TODAY).as_json()
        for _ in range(2):  # the first builds the version's snapshot, the second answers from it
            with Services(Settings(db=str(path)), quick_reads=True) as quick:
                assert quick.screening.screen(name, as_of=TODAY).as_json() == expected, name


@pytest.mark.e2e
def test_a_repeated_screen_command_runs_without_sqlalchemy(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    env = {"ENTITYLIST_CACHE_DIR": str(tmp_path / "cache")}
    first = run_cli("screen", "Hikvision", "--json", "--as-of", "2030-06-01", db=db, env=env)
    assert first.code == 0, first.stderr
    printed, loaded = modules_loaded_by("--db", db, "screen", "Hikvision", "--json", "--as-of", "2030-06-01",
                                        prefixes=("sqlalchemy", "alembic"), env=env)
    assert printed == first.stdout
    assert loaded == set()
    # a store that must change on opening still goes through the store (and is migrated)
    _edit(Path(db), "UPDATE meta SET value = 'stale' WHERE key = 'bundled_sha256'")
    again = run_cli("screen", "Hikvision", "--json", "--as-of", "2030-06-01", db=db, env=env)
    assert again.code == 0 and json.loads(again.stdout)["matches"][0]["party_id"] == "cn-hikvision"
    assert QuickReader.open(db) is not None  # reseeded by that run
