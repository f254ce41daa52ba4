"""Monitoring: a portfolio of 100,000 counterparties, an update adding three parties, and the
alerts that follow; delta screening against a full re-screen; removals, edits, reviews."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from entitylist.batch import ForkPoolExecutor
from entitylist.errors import InvalidInput
from entitylist.monitoring import delta
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.services import Services
from entitylist.services.monitoring_models import ScreeningRun
from entitylist.settings import Settings
from entitylist.store.monitoring import MonitoringStore

from .monitoring_corpus import NEW_PARTIES, counterparties
from .official_formats import el_row, write_csl_csv

PORTFOLIO_SIZE = 100_000
BUNDLED_SPELLED = ["Hikvision", "Xinjiang Daqo New Energy, Co. Ltd", "Huawei Technologies Co., Ltd."]
BEFORE = ["Karamay Tianshan Lubricant Works", "Novaterra Maritime Services"]  # listed before the portfolio is screened


def csl(path: Path, names: list[str]) -> str:
    write_csl_csv(path, [el_row(n, _id=f"id-{n}", addresses="Beijing, CN") for n in names])
    return str(path)


def pairs(hits: list[delta.Hit]) -> set[tuple[int, str]]:
    return {(h.counterparty_id, h.party_id) for h in hits}


@dataclass
class World:
    services: Services
    first: ScreeningRun
    second: ScreeningRun
    open_before: set[tuple[int, str]]
    full_after: set[tuple[int, str]]
    new_party_ids: set[str]
    keys: dict[int, str]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A store with the bundled list and a small CSL; a 100,000-counterparty portfolio screened
    once; then an update adding three parties, and the screening after it."""
    folder = tmp_path_factory.mktemp("monitoring")
    services = Services(Settings(db=str(folder / "store.sqlite"), cache_dir="off"))
    services.imports.import_source("csl", csl(folder / "csl1.csv", BEFORE))
    saved = services.portfolios.save("customers", counterparties(PORTFOLIO_SIZE, [*BUNDLED_SPELLED, *BEFORE, *NEW_PARTIES]))
    assert saved.added > PORTFOLIO_SIZE
    first = services.portfolios.screen("customers")[0]
    monitoring = MonitoringStore(services.store)
    portfolio = monitoring.portfolio("customers")
    assert portfolio is not None
    open_before = {(a.counterparty_id, a.party_id) for a in monitoring.open_alerts(portfolio.id)}
    services.imports.import_source("csl", csl(folder / "csl2.csv", BEFORE + NEW_PARTIES))
    second = services.portfolios.screen("customers")[0]
    everyone = monitoring.counterparties(portfolio.id)
    index = services.portfolios._screener.index_for(dt.date.today())
    full_after = pairs(delta.screen(index, everyone))  # what a full re-screen finds now
    new_ids = {s.id for s in index.parties if s.party.name in NEW_PARTIES}
    yield World(services, first, second, open_before, full_after, new_ids, {c.id: c.key for c in everyone})
    services.close()


def test_first_screening_screens_every_counterparty_against_the_whole_list(world: World) -> None:
    assert world.first.full > PORTFOLIO_SIZE and world.first.delta == 0
    alerted = {a.counterparty_id for a in world.first.opened}
    assert {"l0-0", "l1-0", "l2-0", "l3-0", "l4-0"} <= alerted  # the bundled and earlier CSL names
    assert not any(a.counterparty_id.startswith(("l5", "l6", "l7")) for a in world.first.opened)  # not listed yet


def test_an_update_adding_three_parties_opens_exactly_the_alerts_a_full_rescreen_adds(world: World) -> None:
    run = world.second
    assert run.full == 0 and run.changed_parties == 3
    assert run.delta < PORTFOLIO_SIZE / 100  # only counterparties that share a word, a typo key or a sound with the new names
    opened = {(next(i for i, k in world.keys.items() if k == a.counterparty_id), a.party_id) for a in run.opened}
    assert opened == world.full_after - world.open_before
    assert {party for _, party in opened} == world.new_party_ids
    alerted = {a.counterparty_id for a in run.opened}
    for n in (5, 6, 7):
        assert f"l{n}-0" in alerted and f"l{n}-1" in alerted  # as listed, and upper case
        assert f"l{n}-near" not in alerted
    assert run.closed == 0


def test_screening_again_without_a_change_screens_nothing(world: World) -> None:
    run = world.services.portfolios.screen("customers")[0]
    assert (run.full, run.delta, run.changed_parties, run.opened, run.closed) == (0, 0, 0, [], 0)
    assert world.services.portfolios.portfolios()[0].open_alerts == len(world.open_before) + len(world.second.opened)


# -- smaller portfolios: what each kind of change does --------------------------------------------


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    with Services(Settings(db=str(tmp_path / "store.sqlite"), cache_dir="off")) as opened:
        yield opened


TRICKY_LISTED = ["Veridex Nanofab Group Limited", "Novosibirsk Institute of Applied Radiophysics", "Kuznetsov Design Bureau"]
TRICKY_COUNTERPARTIES = [
    ("joined", "Veri Dex Nanofab Group"),  # two words that the listed name writes as one
    ("typo", "Novosibirsk Insitute of Applied Radiophysiks"),
    ("acronym", "NIAR"),  # initials of a listed organisation name
    ("romanised", "Kuznetsoff Design Bureau"),
    ("person", "Maria Kuznetsova"),
    ("unrelated", "Sunrise Bakery"),
]


def test_delta_hits_equal_a_full_rescreen_of_the_changed_parties(services: Services, tmp_path: Path) -> None:
    """Joined words, typos, acronyms and romanisations reach the changed names through the token index."""
    services.imports.import_source("csl", csl(tmp_path / "a.csv", BEFORE))
    items = [CounterpartyIn(key, name) for key, name in TRICKY_COUNTERPARTIES] + counterparties(2000, seed=3)
    services.portfolios.save("p", items)
    services.portfolios.screen("p")
    services.imports.import_source("csl", csl(tmp_path / "b.csv", BEFORE + TRICKY_LISTED))
    run = services.portfolios.screen("p")[0]
    index = services.portfolios._screener.index_for(dt.date.today())
    monitoring = MonitoringStore(services.store)
    everyone = monitoring.counterparties(monitoring.portfolio("p").id)  # type: ignore[union-attr]
    changed = {s.id for s in index.parties if s.party.name in TRICKY_LISTED}
    keys = {c.id: c.key for c in everyone}
    expected = {(keys[c], p) for c, p in pairs(delta.screen(index, everyone)) if p in changed}
    assert {(a.counterparty_id, a.party_id) for a in run.opened} == expected
    assert {"joined", "typo", "romanised"} <= {k for k, _ in expected}


def test_the_first_screening_opens_the_same_alerts_with_one_and_two_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The full screening of a large portfolio runs on the batch engine's executors: forked
    workers on every core from the command line, this thread in the server; the alerts are the
    same (workers from 1,000 counterparties on here, not 10,000: the test stays short)."""
    if not ForkPoolExecutor.available():
        pytest.skip("this system cannot fork")
    monkeypatch.setattr(delta, "PARALLEL_FROM", 1000)
    items = counterparties(3000, [*BUNDLED_SPELLED, *BEFORE, *NEW_PARTIES], seed=11) + [
        CounterpartyIn("typed", "Huawei Technologies", "CN", type="organization"),
        CounterpartyIn("born", "Maria Kuznetsova", type="person", birth_date="1970-01-02"),
    ]
    assert len(items) > delta.PARALLEL_FROM  # large enough to be screened by the workers
    alerts = []
    for workers in (1, 2):
        with Services(Settings(db=str(tmp_path / f"w{workers}.sqlite"), cache_dir="off")) as services:
            services.imports.import_source("csl", csl(tmp_path / f"w{workers}.csv", BEFORE + NEW_PARTIES))
            services.portfolios.save("p", items)
            run = services.portfolios.screen("p", workers=workers)[0]
            assert run.full == len(items)
            alerts.append(sorted((a.counterparty_id, a.party_id, a.matched_name, a.score) for a in run.opened))
    assert len(alerts[0]) > 20 and {"typed", "l0-0", "l5-0"} <= {key for key, *_ in alerts[0]}
    assert alerts[1] == alerts[0]


def test_a_removed_party_closes_its_open_alerts(services: Services, tmp_path: Path) -> None:
    services.imports.import_source("csl", csl(tmp_path / "a.csv", BEFORE))
    services.portfolios.save("p", [CounterpartyIn("1", BEFORE[0]), CounterpartyIn("2", BEFORE[1]), CounterpartyIn("3", "Hikvision")])
    assert len(services.portfolios.screen("p")[0].opened) == 3
    services.imports.import_source("csl", csl(tmp_path / "b.csv", BEFORE[1:]), allow_removals=True)
    run = services.portfolios.screen("p")[0]
    assert run.closed == 1 and run.opened == []
    closed = services.alerts.alerts(status="closed")
    assert [(a.counterparty_id, a.closed_reason) for a in closed] == [("1", "party no longer listed")]
    assert sorted(a.counterparty_id for a in services.alerts.alerts()) == ["2", "3"]


def test_re_adding_updates_by_id_and_screens_edited_counterparties_in_full(services: Services) -> None:
    services.portfolios.save("p", [CounterpartyIn("1", "Acme Widgets"), CounterpartyIn("2", "Hikvision"), CounterpartyIn("3", "Globex")])
    assert len(services.portfolios.screen("p")[0].opened) == 1
    saved = services.portfolios.save("p", [CounterpartyIn("1", "Huawei Technologies"), CounterpartyIn("2", "Hikvision"), CounterpartyIn("4", "Initech")])
    assert (saved.added, saved.updated, saved.unchanged, saved.removed) == (1, 1, 1, 0)
    run = services.portfolios.screen("p")[0]
    assert run.full == 2  # the edited and the new one
    assert [(a.counterparty_id, a.party_id) for a in run.opened] == [("1", "cn-huawei-technologies")]
    replaced = services.portfolios.save("p", [CounterpartyIn("2", "Acme")], replace=True)
    assert (replaced.updated, replaced.removed) == (1, 3)
    run = services.portfolios.screen("p")[0]
    assert run.closed == 1 and services.alerts.alerts() == []  # Hikvision's counterparty is now Acme
    assert services.portfolios.portfolios()[0].counterparties == 1


def test_a_cleared_review_is_respected_until_the_party_changes(tmp_path: Path) -> None:
    """Reviews recorded with the review service: a pair cleared under the user's id opens no
    alert; a confirmed one does, and so do a namesake's (another id) and the name cleared alone
    (another counterparty, as screen --counterparty-id takes it)."""
    with Services(Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off")) as services:
        services.reviews.record("Hikvision", "cn-hikvision", "cleared", reason="our supplier of cables", counterparty_id="2")
        services.reviews.record("Dahua", "cn-dahua-technology", "cleared", reason="a restaurant in Lyon", counterparty_id="3")
        services.reviews.record("Megvii", "cn-megvii-technology", "cleared", reason="a namesake, reviewed without an id")
        services.reviews.record("Huawei Technologies", "cn-huawei-technologies", "confirmed", counterparty_id="1")
        services.portfolios.save("p", [CounterpartyIn("1", "Huawei Technologies"), CounterpartyIn("2", "Hikvision"),
                                       CounterpartyIn("3", "Dahua"), CounterpartyIn("4", "Hikvision"), CounterpartyIn("5", "Megvii")])
        run = services.portfolios.screen("p")[0]
        screened = services.screening.screen("Megvii", counterparty_id="5")
    # "4" is another counterparty called Hikvision: the review of counterparty "2" does not clear it
    assert sorted(a.counterparty_id for a in run.opened) == ["1", "4", "5"] and run.cleared == 2
    assert not any(m.review and m.review.suppressed for m in screened.matches)  # the same as screening it


def test_clearing_an_alerted_pair_closes_its_alert_at_once(tmp_path: Path) -> None:
    """An alert is closed by reviewing its pair, in the review's transaction, and the audit log
    says which (it stayed open until the portfolio's next screening before); a review of the name
    alone, of no saved counterparty, and a confirmation close nothing."""
    with Services(Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off")) as services:
        services.portfolios.save("p", [CounterpartyIn("7", "Hikvison"), CounterpartyIn("8", "Dahua"), CounterpartyIn("9", "Megvii")])
        first = services.portfolios.screen("p")[0]
        assert sorted(a.counterparty_id for a in first.opened) == ["7", "8", "9"]
        assert services.reviews.record("Dahua", "cn-dahua-technology", "cleared", reason="a restaurant").closed_alerts == []
        assert services.reviews.record("Megvii", "cn-megvii-technology", "confirmed", counterparty_id="9").closed_alerts == []
        review = services.reviews.record("Hikvison", "cn-hikvision", "cleared", reason="a shop of that name", counterparty_id="7")
        [closed] = services.alerts.alerts(status="closed")
        assert review.closed_alerts == [closed.id]
        assert (closed.counterparty_id, closed.closed_reason) == ("7", "cleared by a review")
        assert sorted(a.counterparty_id for a in services.alerts.alerts()) == ["8", "9"]
        entry = services.audit.records()[-1]
        assert entry.kind == "review" and entry.payload["closed_alerts"] == [closed.id]
        assert services.audit.verify().ok
        second = services.portfolios.screen("p")[0]
        assert second.closed == 0 and second.opened == []  # (nothing left for the run to close)
        assert services.portfolios.screen("p", full=True)[0].opened == []  # and it stays cleared


def test_bad_portfolio_names_and_unknown_portfolios_are_refused(services: Services) -> None:
    with pytest.raises(InvalidInput, match="portfolio name"):
        services.portfolios.save("no spaces", [CounterpartyIn("1", "x")])
    with pytest.raises(InvalidInput, match="no portfolio named 'nope'"):
        services.portfolios.screen("nope")
    with pytest.raises(InvalidInput, match="an id is given twice"):
        services.portfolios.save("p", [CounterpartyIn("1", "x"), CounterpartyIn("1", "y")])
    assert services.portfolios.portfolios() == []


def test_monitoring_on_each_backend(store_url: str, tmp_path: Path) -> None:
    """Token index, delta screening and alerts on SQLite and PostgreSQL alike."""
    with Services(Settings(db=store_url, cache_dir="off")) as services:
        services.imports.import_source("csl", csl(tmp_path / "a.csv", BEFORE))
        services.portfolios.save("p", counterparties(300, NEW_PARTIES, seed=5))
        first = services.portfolios.screen("p")[0]
        assert first.full == 300 + 6 * len(NEW_PARTIES) and first.opened == []
        services.imports.import_source("csl", csl(tmp_path / "b.csv", BEFORE + NEW_PARTIES))
        second = services.portfolios.screen("p")[0]
        assert second.full == 0 and second.changed_parties == 3
        assert {a.counterparty_id for a in second.opened} >= {"l0-0", "l1-0", "l2-0", "l0-1"}
        saved = services.portfolios.save("p", [CounterpartyIn("l0-0", "Acme Widgets")])
        assert saved.updated == 1
        third = services.portfolios.screen("p")[0]
        assert third.full == 1 and third.closed == 1
