"""Portfolios of saved counterparties: add (or update by the user's ids), list, screen.

Screening a portfolio screens new and edited counterparties against the whole list, and the
others only for what the list changed since the portfolio's last screening (delta screening, see
:mod:`entitylist.monitoring.delta`): the first screening is a full one, every later one costs in
proportion to the change. New matches become alerts, delivered by :class:`~entitylist.services.
alerts.Notifier`; alerts of parties no longer listed close.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from pathlib import Path

from entitylist.batch import Executor, default_executor
from entitylist.errors import InvalidInput
from entitylist.monitoring import delta
from entitylist.monitoring.delta import ClearedPairs, NoneCleared
from entitylist.monitoring.portfolio_file import CounterpartyIn, read_portfolio_file
from entitylist.monitoring.terms import name_terms, probes
from entitylist.services.alerts import Notifier, alert_out
from entitylist.services.base import IndexBacked, IndexFor
from entitylist.services.monitoring_models import PortfolioOut, PortfolioSaved, ScreeningRun
from entitylist.settings import Settings
from entitylist.store import Store
from entitylist.store.monitoring import Marks, MonitoringStore, PortfolioRow

_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")


def check_portfolio_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise InvalidInput(f"portfolio name {name!r}: use 1-100 letters, digits, '.', '_' or '-'")
    return name


class PortfolioService(IndexBacked):
    """Saved counterparties and their screening against the store's list."""

    def __init__(
        self, store: Store | Callable[[], Store], settings: Settings, *, reviews: ClearedPairs | None = None,
        sleep: Callable[[float], None] | None = None, index_for: IndexFor | None = None,
    ) -> None:
        """``reviews``: the pairs a person cleared (the review issue's integration point: none
        until reviews exist); ``sleep``: how webhook retries wait (tests); ``index_for``: the
        screening index of a date (see ``IndexBacked``)."""
        super().__init__(store, index_for)
        self.settings = settings
        self.reviews = reviews or NoneCleared()
        self._sleep = sleep

    @property
    def _monitoring(self) -> MonitoringStore:
        return MonitoringStore(self._store)

    def add(self, name: str, source: Path, *, replace: bool = False, encoding: str = "utf-8") -> PortfolioSaved:
        """Save the counterparties of a file into portfolio ``name`` (created if new), by the
        user's ids: new ids are added, changed rows updated; ``replace`` removes the ids the file
        lacks. The whole file is checked first: a bad row saves nothing."""
        check_portfolio_name(name)
        return self.save(name, read_portfolio_file(source, encoding), replace=replace)

    def save(self, name: str, counterparties: list[CounterpartyIn], *, replace: bool = False) -> PortfolioSaved:
        """:meth:`add` for counterparties already read (the library's and the tests' way in)."""
        check_portfolio_name(name)
        keys = [c.key for c in counterparties]
        if len(set(keys)) != len(keys):
            raise InvalidInput(f"portfolio {name!r}: an id is given twice")
        items = [(c, name_terms(c.name, c.type)) for c in counterparties]
        weights = self._screener.weights
        counts = self._monitoring.save_counterparties(name, items, replace=replace, fuzzy_min_length=weights.name.fuzzy_min_length)
        return PortfolioSaved(portfolio=name, added=counts.added, updated=counts.updated, unchanged=counts.unchanged, removed=counts.removed)

    def portfolios(self) -> list[PortfolioOut]:
        return [
            PortfolioOut(name=p.name, counterparties=n, open_alerts=o, created_at=p.created_at, screened_at=p.screened_at)
            for p, n, o in self._monitoring.portfolios()
        ]

    def _portfolio(self, name: str) -> PortfolioRow:
        found = self._monitoring.portfolio(name)
        if found is None:
            known = ", ".join(p.name for p, _n, _o in self._monitoring.portfolios()) or "none yet"
            raise InvalidInput(f"no portfolio named {name!r} (portfolios: {known})")
        return found

    def check_delivery(self) -> None:
        """Refuse a bad delivery setting (a webhook URL that is not http(s), e-mail without recipients)."""
        Notifier(self.settings, self._sleep)

    def screen(
        self, name: str | None = None, *, full: bool = False, today: dt.date | None = None, workers: int | None = 1,
    ) -> list[ScreeningRun]:
        """Screen one portfolio (every one when ``name`` is None) and deliver the new alerts;
        ``full`` screens every counterparty against the whole list. ``workers``: processes that
        screen a large set of counterparties (None: every core, as ``screen-file``; 1, the
        default: this thread, as a threaded server must, for it never forks)."""
        notifier = Notifier(self.settings, self._sleep)  # a bad webhook URL fails before anything is screened
        rows = [self._portfolio(check_portfolio_name(name))] if name is not None else [p for p, _n, _o in self._monitoring.portfolios()]
        executor = default_executor(workers)
        return [self._screen_one(row, notifier, executor, full=full, today=today or dt.date.today()) for row in rows]

    def _screen_one(self, portfolio: PortfolioRow, notifier: Notifier, executor: Executor, *, full: bool, today: dt.date) -> ScreeningRun:
        started = time.perf_counter()
        store = self._monitoring
        marks = store.marks()  # read first: a change recorded from here on is seen by the next run
        index = self._index(today)
        first = portfolio.action_mark is None or full
        pending = store.counterparties(portfolio.id) if first else store.counterparties(portfolio.id, pending=True)
        changed: set[str] = set()
        candidates: list[delta.Counterparty] = []
        open_alerts = store.open_alerts(portfolio.id)
        if not first:
            since = Marks(portfolio.action_mark or 0, portfolio.link_mark or 0)
            records = store.changed_records(since, portfolio.screened_on or today, today, marks)
            touched = delta.changed_parties(index.parties, records) if records else []
            changed = {s.id for s in touched}
            if touched:
                ids = store.candidates(portfolio.id, probes(delta.changed_index(index, touched).index))
                ids.update(a.counterparty_id for a in open_alerts if a.party_id in changed)
                ids.difference_update(c.id for c in pending)
                candidates = store.counterparties(portfolio.id, ids=ids)
        hits = delta.screen(index, pending, executor=executor) + delta.delta_hits(index, candidates, changed, executor=executor)
        rescreened = {c.id for c in pending}
        saved = {c.id: c for c in [*pending, *candidates]}
        alerted = {a.counterparty_id for a in open_alerts} - saved.keys()  # (their reviews may close them)
        if alerted:
            saved.update((c.id, c) for c in store.counterparties(portfolio.id, ids=alerted))
        reconciled = delta.reconcile(
            hits, open_alerts, rescreened=rescreened, changed=changed, listed={s.id for s in index.parties},
            saved=saved, reviews=self.reviews,
        )
        opened_ids = store.record_screening(
            portfolio.id, opened=reconciled.opened, closed=reconciled.closed, screened_pending=rescreened, marks=marks,
            screened_on=today,
        )
        opened = [alert_out(r) for r in store.alerts(ids=opened_ids)]
        deliveries = notifier.notify(opened, store.log_delivery)
        return ScreeningRun(
            portfolio=portfolio.name, as_of=today, changed_parties=len(changed), full=len(pending), delta=len(candidates),
            opened=opened, closed=len(reconciled.closed), cleared=reconciled.cleared,
            seconds=round(time.perf_counter() - started, 3), deliveries=deliveries,
        )
