"""Reads that are cheap and never stale: the list version, opening without writing, the write lock
under concurrent first use, and the on-disk cache of folded lists."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from entitylist import bundled, list_cache
from entitylist.model import ActionKind, ListingAction, Party
from entitylist.screener import Screener
from entitylist.store import Store
from entitylist.store.store import SCHEMA_REVISION

from .conftest import run_cli

TODAY = dt.date(2030, 6, 1)
NEW_PARTY = "Zorvexa Quantum Widgets"


def _add(name: str, dataset: str = "mine") -> ListingAction:
    party_id = "xx-" + name.lower().replace(" ", "-")
    return ListingAction(
        kind=ActionKind.ADD, party_id=party_id, effective_date=dt.date(2030, 1, 1),
        party=Party(id=party_id, name=name), dataset=dataset,
    )


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine runs while the test does."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split()[:2]).upper())

    event.listen(Engine, "before_cursor_execute", record)
    yield seen
    event.remove(Engine, "before_cursor_execute", record)


def test_schema_revision_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from entitylist.store.store import _alembic_config

    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == SCHEMA_REVISION


def test_every_write_changes_the_list_version_and_reading_does_not(store_url: str, statements: list[str]) -> None:
    with Store.open(store_url) as store:
        first = store.list_version()
    statements.clear()
    with Store.open(store_url) as store:  # a current store: opened by reading only
        assert store.list_version() == first
        assert store.listed(TODAY)
    assert statements and all(s.startswith("SELECT ") or s == "BEGIN" for s in statements)
    with Store.open(store_url) as store:
        store.record([_add(NEW_PARTY)])
        second = store.list_version()
        store.replace_bundled()
        third = store.list_version()
    assert len({first, second, third}) == 3


def test_opening_a_current_store_loads_no_migration_code(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    Store.open(str(path)).close()
    script = f"import sys; from entitylist import Store; Store.open({str(path)!r}).close(); print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_read_only_store_screens(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "store.sqlite"
    Store.open(str(path)).close()
    path.chmod(0o444)
    try:
        with Store.open(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
            assert Screener(store).screen("Hikvision", as_of=TODAY)[0].party_id == "cn-hikvision"
    finally:
        path.chmod(0o644)


_RECORD_SCRIPT = """
import sys, datetime as dt
from entitylist import Store
from entitylist.model import ActionKind, ListingAction, Party
party = Party(id="xx-new", name=sys.argv[2])
with Store.open(sys.argv[1]) as store:
    store.record([ListingAction(kind=ActionKind.ADD, party_id="xx-new", effective_date=dt.date(2030, 1, 1), party=party, dataset="other")])
"""


def test_an_open_screener_sees_another_process_import(store_url: str, cache_dir: Path) -> None:
    with Store.open(store_url) as store:
        screener = Screener(store)
        assert screener.screen(NEW_PARTY, as_of=TODAY) == []
        subprocess.run([sys.executable, "-c", _RECORD_SCRIPT, store_url, NEW_PARTY], check=True, timeout=120)
        matches = screener.screen(NEW_PARTY, as_of=TODAY)
    assert matches and matches[0].party_id == "xx-new"


def _open_and_count(url: str) -> int:
    with Store.open(url) as store:
        return len(store.actions())


@pytest.mark.parametrize("attempt", range(2))
def test_four_processes_create_a_new_store_at_once(store_url: str, tmp_path: Path, attempt: int) -> None:
    context = multiprocessing.get_context("spawn")  # no inherited connections or locks
    with context.Pool(4) as pool:
        counts = pool.map(_open_and_count, [store_url] * 4)
    expected = len(bundled.load()[1])
    assert counts == [expected] * 4
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM actions")).scalar() == expected
        assert conn.execute(text("SELECT count(*) FROM meta WHERE key = 'bundled_sha256'")).scalar() == 1
    engine.dispose()


def test_the_disk_cache_is_used_and_follows_the_list_version(tmp_path: Path, cache_dir: Path) -> None:
    url = str(tmp_path / "store.sqlite")
    with Store.open(url) as store:
        assert Screener(store).screen(NEW_PARTY, as_of=TODAY) == []
        kept = list(cache_dir.glob("*.pickle"))
        assert len(kept) == 1
        version = store.list_version()
        parties = list_cache.load(store.describe(), version, TODAY)
        assert parties is not None and {p.id for p in parties} == {p.id for p in store.listed(TODAY)}
        store.record([_add(NEW_PARTY)])  # an import: a new version, so a new key
        assert list_cache.load(store.describe(), store.list_version(), TODAY) is None
        assert Screener(store).screen(NEW_PARTY, as_of=TODAY)[0].party_id == "xx-zorvexa-quantum-widgets"
        assert len(list(cache_dir.glob("*.pickle"))) == 2


def test_a_changed_bundle_is_not_served_from_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    url = str(tmp_path / "store.sqlite")
    with Store.open(url) as store:
        assert Screener(store).screen("Hikvision", as_of=TODAY)
    engine = create_engine(f"sqlite:///{url}")
    with engine.begin() as conn:  # the store as an older package left it: other bundled data
        conn.execute(text("UPDATE meta SET value = 'older' WHERE key = 'bundled_sha256'"))
        conn.execute(text("DELETE FROM actions WHERE party_id = 'cn-hikvision'"))
    engine.dispose()
    with Store.open(url) as store:  # re-seeded from this package's bundle: a new version
        assert Screener(store).screen("Hikvision", as_of=TODAY)[0].party_id == "cn-hikvision"
        assert len(store.actions()) == len(bundled.load()[1])


def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path: Path, cache_dir: Path) -> None:
    url = str(tmp_path / "store.sqlite")
    with Store.open(url) as store:
        Screener(store).screen("Hikvision", as_of=TODAY)
        (kept,) = cache_dir.glob("*.pickle")
        for garbage in (b"", b"entitylist-list-cache/1\nnot a pickle", kept.read_bytes()[:1000]):
            kept.write_bytes(garbage)
            for snapshot in cache_dir.glob("*.snapshot"):  # else the screening snapshot answers, folding nothing
                snapshot.unlink()
            assert list_cache.load(store.describe(), store.list_version(), TODAY) is None
            assert Screener(store).screen("Hikvision", as_of=TODAY)[0].party_id == "cn-hikvision"
            assert list_cache.load(store.describe(), store.list_version(), TODAY) is not None


def test_caching_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENTITYLIST_CACHE_DIR", "off")
    with Store.open(str(tmp_path / "store.sqlite")) as store:
        assert Screener(store).screen("Hikvision", as_of=TODAY)
    assert list_cache.cache_dir() is None


def test_a_read_only_store_made_before_list_versions_still_opens(tmp_path: Path, cache_dir: Path) -> None:
    path = tmp_path / "store.sqlite"
    Store.open(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # as an earlier entitylist left it
        conn.execute(text("DELETE FROM meta WHERE key IN ('list_version', 'store_id')"))
    engine.dispose()
    with Store.open(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        assert store.list_version() is None
        assert Screener(store).screen("Hikvision", as_of=TODAY)[0].party_id == "cn-hikvision"
    assert not list(cache_dir.glob("*.pickle"))
    with Store.open(str(path)) as store:  # writable: given an id and a version on opening
        assert store.list_version() is not None


def test_the_screen_command_fills_and_reuses_the_cache(tmp_path: Path) -> None:
    db, cache = str(tmp_path / "cli.sqlite"), tmp_path / "cli-cache"
    env = {"ENTITYLIST_CACHE_DIR": str(cache)}
    first = run_cli("screen", "Hikvision", "--json", "--as-of", "2030-06-01", db=db, env=env)
    assert first.code == 0 and len(list(cache.glob("*.pickle"))) == 1
    second = run_cli("screen", "Hikvision", "--json", "--as-of", "2030-06-01", db=db, env=env)
    assert second.code == 0 and second.stdout == first.stdout


def test_commands_that_do_not_screen_do_not_load_the_matching_code() -> None:
    script = "import sys, entitylist.cli; print(sorted(m for m in sys.modules if m.startswith(('entitylist.matching', 'alembic', 'pypinyin'))))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
