"""The services behind the API, kept open as a server keeps them: one index per list version,
built once however many threads ask, frozen from the garbage collector, never stale."""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
from pathlib import Path

import pytest

from entitylist import screener as screener_module
from entitylist.screening import ListIndex
from entitylist.services import Services
from entitylist.services.search import SearchQuery
from entitylist.settings import Settings
from entitylist.store import Store
from tests.official_formats import base_rows, write_csl_csv


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The indexes screeners build from here on (their arguments), counted."""
    made: list[object] = []
    real = screener_module.ListIndex

    def counting(*args: object, **kwargs: object) -> object:
        made.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(screener_module, "ListIndex", counting)
    return made


def test_concurrent_first_requests_build_one_index(tmp_path: Path, built: list[object]) -> None:
    services = Services(Settings(db=str(tmp_path / "store.sqlite")))
    services.store  # noqa: B018 - opened (and seeded) first, as the server's warm-up does
    frozen_before = gc.get_freeze_count()
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(services.screening.listed_index())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len({id(i) for i in seen}) == 1
    assert gc.get_freeze_count() > frozen_before  # the new index is left out of later collections
    services.close()


def _looked_up_ahead(index: ListIndex) -> int:
    """The index's listed words looked up ahead, once a look-up running in the background is done
    (a minute at most)."""
    deadline = time.monotonic() + 60
    while index.index.listed_words_looked_up < len(index.index.unit_weight) and time.monotonic() < deadline:
        time.sleep(0.05)
    return index.index.listed_words_looked_up


def test_the_server_looks_its_listed_words_up_at_start_up(tmp_path: Path) -> None:
    from tests.api_fixtures import api_client

    with api_client(tmp_path / "store.sqlite") as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        index = services.screening.listed_index()  # (looked up in the background: requests are answered meanwhile)
        assert _looked_up_ahead(index) == len(index.index.unit_weight) > 0
        assert client.get("/api/search", params={"name": "Hikvisoin", "fuzzy_name": "true"}).json()["results"]
    with api_client(tmp_path / "store.sqlite", warm_index=False) as client:  # left to the first requests
        names = client.app.state.services.screening.listed_index().index  # type: ignore[attr-defined]
        assert names.listed_words_looked_up == 0


def test_a_server_looks_up_the_listed_words_of_each_new_list_version(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    with Services(Settings(db=db)) as services:
        first = services.screening.listed_index()
        assert services.screening.look_up_listed_words() == len(first.index.unit_weight) == _looked_up_ahead(first)
        with Services(Settings(db=db)) as other:  # an import by another process
            other.imports.import_source("csl", str(write_csl_csv(tmp_path / "csl.csv", base_rows())))
            assert other.screening.listed_index().index.listed_words_looked_up == 0  # (a one-shot command's: none)
        second = services.screening.listed_index()
        assert second is not first and "sinobright" in second.index.unit_weight
        assert _looked_up_ahead(second) == len(second.index.unit_weight)
        past = services.screening.listed_index(dt.date(2020, 1, 1))  # another date's: left to its queries
        assert past.index.listed_words_looked_up == 0


def test_monitoring_and_screening_share_one_index(tmp_path: Path, built: list[object]) -> None:
    """A server that screens saved counterparties keeps one index of the list, not one for the
    portfolios beside the screening service's (and the portfolios' screens use its look-ups)."""
    from entitylist.monitoring.portfolio_file import CounterpartyIn

    with Services(Settings(db=str(tmp_path / "store.sqlite"), cache_dir="off")) as services:
        services.screening.listed_index()  # (as the server builds it at start-up)
        services.portfolios.save("book", [CounterpartyIn("1", "Huawei Technologies", "CN"), CounterpartyIn("2", "Acme Widgets")])
        run = services.portfolios.screen("book")[0]
        assert [(a.counterparty_id, a.party_id) for a in run.opened] == [("1", "cn-huawei-technologies")]
        assert len(built) == 1


def test_long_lived_services_see_an_import_by_another_process(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    with Services(Settings(db=db)) as services:
        assert services.search.search(SearchQuery(name="Sinobright")).total == 0
        first_index = services.screening.listed_index()
        with Services(Settings(db=db)) as other:  # as the CLI would, with its own store
            other.imports.import_source("csl", str(write_csl_csv(tmp_path / "csl.csv", base_rows())))
        assert services.search.search(SearchQuery(name="Sinobright")).total == 1
        fuzzy = services.search.search(SearchQuery(name="Sinobrite Import Export", fuzzy_name=True))
        assert fuzzy.results and fuzzy.results[0].record["name"].startswith("Sinobright")
        assert services.screening.listed_index() is not first_index
        assert services.screening.listed_index() is services.screening.listed_index()  # then kept


def test_parties_are_folded_once_per_list_version_and_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from entitylist.services import lists as lists_module
    from tests.api_fixtures import api_client

    folds: list[object] = []
    real = lists_module.fold

    def counting(*args: object, **kwargs: object) -> object:
        folds.append(args[1:])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lists_module, "fold", counting)
    db = tmp_path / "store.sqlite"
    with api_client(db) as client:
        hikvision = client.get("/api/parties/cn-hikvision").json()
        assert hikvision["status"] == "listed"
        for _ in range(5):
            assert client.get("/api/parties/cn-hikvision").json() == hikvision
            assert client.get("/api/parties/cn-hikvision/history").status_code == 200
        assert len(folds) == 2  # all time, and as of today: once each for this version
        assert client.get("/api/parties/cn-hikvision", params={"as_of": "2019-01-01"}).json()["status"] == "not yet listed"
        assert len(folds) == 3  # another date: folded once more, the version's fold kept
        assert client.get("/api/parties/Sinobright Import and Export").status_code == 404
        with Services(Settings(db=str(db))) as other:  # as the CLI would, with its own store
            other.imports.import_source("csl", str(write_csl_csv(tmp_path / "csl.csv", base_rows())))
        found = client.get("/api/parties/Sinobright Import and Export")
        assert found.status_code == 200 and found.json()["name"].startswith("Sinobright")
        history = client.get(f"/api/parties/{found.json()['id']}/history").json()
        assert [a["kind"] for a in history["actions"]] == ["add"]


def test_concurrent_first_party_reads_fold_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from entitylist.services import lists as lists_module

    folds: list[object] = []
    real = lists_module.fold

    def counting(*args: object, **kwargs: object) -> object:
        folds.append(args[1:])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lists_module, "fold", counting)
    with Services(Settings(db=str(tmp_path / "store.sqlite"))) as services:
        services.store  # noqa: B018 - opened (and seeded) first
        seen: list[object] = []
        threads = [threading.Thread(target=lambda: seen.append(services.lists.history("cn-hikvision"))) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 8 and len(folds) == 1
