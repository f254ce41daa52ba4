"""Portfolios, their counterparties and token index, alerts and webhook deliveries, in the store.

These writes do not change the list, so they take the store's write lock without bumping the list
version (folded lists and indexes stay valid). Each method is one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from entitylist.errors import StoreError
from entitylist.monitoring.delta import Counterparty, Hit, OpenAlert
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.monitoring.terms import MAX_TOKEN_LENGTH, NameTerms, Probes, token_keys
from entitylist.store import schema
from entitylist.store.store import Store, _describe

CHUNK = 500  # values per IN (...) list
ALWAYS = ""  # the token of every counterparty the token index cannot serve (no real token is empty)

c, t, k, a = schema.counterparties.c, schema.counterparty_tokens.c, schema.portfolio_token_keys.c, schema.alerts.c


@dataclass(frozen=True)
class PortfolioRow:
    id: int
    name: str
    created_at: dt.datetime
    screened_at: dt.datetime | None
    screened_on: dt.date | None
    action_mark: int | None
    link_mark: int | None


@dataclass(frozen=True)
class Marks:
    """How far the log was read: the last action and links sequence numbers."""

    action: int
    link: int


@dataclass(frozen=True)
class SaveCounts:
    added: int
    updated: int
    unchanged: int
    removed: int


@dataclass(frozen=True)
class AlertRow:
    id: int
    portfolio: str
    counterparty_key: str
    counterparty_name: str
    party_id: str
    party_name: str
    matched_name: str
    score: float
    status: str
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    closed_reason: str | None


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _bulk_insert(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Many plain rows at once through the driver (SQLAlchemy's per-row parameter handling would
    cost more than the database's work for a portfolio's hundreds of thousands of tokens)."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})", list(rows)
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _fields(item: CounterpartyIn) -> dict[str, Any]:
    return {
        "name": item.name, "country": item.country, "address": item.address, "type": item.type,
        "birth_date": item.birth_date,
    }


class MonitoringStore:
    """The monitoring tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _read(self, query: Any) -> list[Any]:
        return self.store._read(query)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """The store's write transaction, without a new list version; database errors as one line."""
        try:
            with self.store._write_transaction() as conn:
                yield conn
        except (DBAPIError, SQLAlchemyError) as error:
            raise StoreError(f"cannot write to database {self.store.describe()}: {_describe(error)}") from None

    # -- portfolios ----------------------------------------------------------------------------
    def portfolio(self, name: str) -> PortfolioRow | None:
        rows = self._read(select(schema.portfolios).where(schema.portfolios.c.name == name))
        return PortfolioRow(**rows[0]._mapping) if rows else None

    def portfolios(self) -> list[tuple[PortfolioRow, int, int]]:
        """Every portfolio with its count of counterparties and of open alerts, by name."""
        counts = dict(self._read(select(c.portfolio_id, func.count()).group_by(c.portfolio_id)))
        open_counts = dict(
            self._read(select(a.portfolio_id, func.count()).where(a.status == "open").group_by(a.portfolio_id))
        )
        rows = self._read(select(schema.portfolios).order_by(schema.portfolios.c.name))
        return [(PortfolioRow(**r._mapping), int(counts.get(r.id, 0)), int(open_counts.get(r.id, 0))) for r in rows]

    def save_counterparties(
        self, name: str, items: Sequence[tuple[CounterpartyIn, NameTerms]], *, replace: bool, fuzzy_min_length: int
    ) -> SaveCounts:
        """Create the portfolio if need be and add or update its counterparties by the user's ids
        (``replace``: remove those the file no longer has). New and changed ones are pending: the
        next screening screens them against the whole list."""
        now = _now()
        with self._writing() as conn:
            row = conn.execute(select(schema.portfolios.c.id).where(schema.portfolios.c.name == name)).first()
            if row is None:
                inserted = conn.execute(insert(schema.portfolios).values(name=name, created_at=now)).inserted_primary_key
                assert inserted is not None
                portfolio_id = int(inserted[0])
            else:
                portfolio_id = int(row.id)
            existing = {
                r.key: r for r in conn.execute(
                    select(c.id, c.key, c.name, c.country, c.address, c.type, c.birth_date).where(c.portfolio_id == portfolio_id)
                )
            }
            new_rows: list[dict[str, Any]] = []
            changed_rows: list[dict[str, Any]] = []
            needs_tokens: dict[str, NameTerms] = {}
            unchanged = 0
            for item, terms in items:
                values = {**_fields(item), "tokens": " ".join(terms.tokens), "always": terms.always}
                old = existing.get(item.key)
                if old is None:
                    new_rows.append({**values, "portfolio_id": portfolio_id, "key": item.key, "pending": True, "updated_at": now})
                elif any(getattr(old, f) != v for f, v in _fields(item).items()):
                    changed_rows.append({**values, "row_id": old.id})
                else:
                    unchanged += 1
                    continue
                needs_tokens[item.key] = terms
            given = {item.key for item, _ in items}
            removed_ids = [int(r.id) for key, r in existing.items() if key not in given] if replace else []
            for ids in _chunks(removed_ids + [int(r["row_id"]) for r in changed_rows]):
                conn.execute(delete(schema.counterparty_tokens).where(t.counterparty_id.in_(ids)))
            for ids in _chunks(removed_ids):
                conn.execute(delete(schema.alerts).where(a.counterparty_id.in_(ids)))
                conn.execute(delete(schema.counterparties).where(c.id.in_(ids)))
            if changed_rows:
                conn.execute(
                    update(schema.counterparties).where(c.id == bindparam("row_id")).values(
                        name=bindparam("name"), country=bindparam("country"), address=bindparam("address"),
                        type=bindparam("type"), birth_date=bindparam("birth_date"), tokens=bindparam("tokens"),
                        always=bindparam("always"), pending=True, updated_at=now,
                    ),
                    changed_rows,
                )
            if new_rows:
                conn.execute(insert(schema.counterparties), new_rows)
            if needs_tokens:
                row_ids = {r.key: int(r.id) for r in conn.execute(select(c.id, c.key).where(c.portfolio_id == portfolio_id))}
                token_rows = [
                    (portfolio_id, row_ids[key], token)
                    for key, terms in needs_tokens.items()
                    for token in ([ALWAYS] if terms.always else dict.fromkeys(terms.tokens))
                    if len(token) <= MAX_TOKEN_LENGTH
                ]
                _bulk_insert(conn, schema.counterparty_tokens, ("portfolio_id", "counterparty_id", "token"), token_rows)
                known = set(conn.execute(select(k.token).where(k.portfolio_id == portfolio_id).distinct()).scalars())
                fresh = {row[2] for row in token_rows} - known
                key_rows = [(portfolio_id, key, token) for token in fresh for key in token_keys(token, fuzzy_min_length)]
                _bulk_insert(conn, schema.portfolio_token_keys, ("portfolio_id", "key", "token"), key_rows)
        return SaveCounts(len(new_rows), len(changed_rows), unchanged, len(removed_ids))

    # -- reading what screening needs ------------------------------------------------------------
    def marks(self) -> Marks:
        """The newest action and links sequence numbers."""
        rows = self._read(select(func.max(schema.actions.c.sequence), select(func.max(schema.links.c.sequence)).scalar_subquery()))
        action, link = rows[0]
        return Marks(int(action or 0), int(link or 0))

    def changed_records(self, since: Marks, since_date: dt.date, today: dt.date, until: Marks) -> set[str]:
        """Record ids the log changed after ``since`` (up to ``until``), or whose action took
        effect after ``since_date`` (up to ``today``): their listed state may differ."""
        ac, lc = schema.actions.c, schema.links.c
        in_window = and_(ac.effective_date > since_date, ac.effective_date <= today)
        actions = self._read(
            select(ac.party_id).where(or_(and_(ac.sequence > since.action, ac.sequence <= until.action), in_window)).distinct()
        )
        links = self._read(
            select(lc.record_id, lc.party_id, lc.other_id).where(lc.sequence > since.link, lc.sequence <= until.link)
        )
        records = {str(r.party_id) for r in actions}
        for r in links:
            records.update(str(v) for v in (r.record_id, r.party_id, r.other_id) if v)
        return records

    def candidates(self, portfolio_id: int, probes: Probes) -> set[int]:
        """Counterparties holding a probed token, a token with a probed key, both words of a
        probed pair, or a name the token index cannot serve."""
        tokens = set(probes.tokens) | {ALWAYS}
        for keys in _chunks(probes.keys):
            query = select(k.token).where(k.portfolio_id == portfolio_id, k.key.in_(keys)).distinct()
            tokens.update(str(r.token) for r in self._read(query))
        pair_words = {w for pair in probes.pairs for w in pair}
        holders: dict[str, set[int]] = {}
        for words in _chunks(tokens | pair_words):
            for token, counterparty in self._read(select(t.token, t.counterparty_id).where(t.portfolio_id == portfolio_id, t.token.in_(words))):
                holders.setdefault(str(token), set()).add(int(counterparty))
        found: set[int] = set()
        for token in tokens:
            found |= holders.get(token, set())
        for first, second in probes.pairs:
            if first in holders and second in holders:
                found |= holders[first] & holders[second]
        return found

    def counterparties(self, portfolio_id: int, *, ids: Iterable[int] | None = None, pending: bool | None = None) -> list[Counterparty]:
        columns = select(c.id, c.key, c.name, c.country, c.address, c.type, c.birth_date)
        base = columns.where(c.portfolio_id == portfolio_id)
        if pending is not None:
            base = base.where(c.pending == pending)
        if ids is None:
            rows = self._read(base.order_by(c.id))
        else:
            rows = [r for chunk in _chunks(sorted(ids)) for r in self._read(base.where(c.id.in_(chunk)))]
        return [
            Counterparty(key=r.key, name=r.name, country=r.country, address=r.address, type=r.type, birth_date=r.birth_date, id=int(r.id))
            for r in rows
        ]

    def keys_of(self, portfolio_id: int, ids: Iterable[int]) -> dict[int, str]:
        return {
            int(r.id): str(r.key) for chunk in _chunks(ids)
            for r in self._read(select(c.id, c.key).where(c.portfolio_id == portfolio_id, c.id.in_(chunk)))
        }

    def open_alerts(self, portfolio_id: int) -> list[OpenAlert]:
        rows = self._read(select(a.id, a.counterparty_id, a.party_id).where(a.portfolio_id == portfolio_id, a.status == "open"))
        return [OpenAlert(int(r.id), int(r.counterparty_id), str(r.party_id)) for r in rows]

    # -- recording a screening -----------------------------------------------------------------
    def record_screening(
        self,
        portfolio_id: int,
        *,
        opened: Sequence[Hit],
        closed: Sequence[tuple[OpenAlert, str]],
        screened_pending: Iterable[int],
        marks: Marks,
        screened_on: dt.date,
    ) -> list[int]:
        """Open and close alerts, clear the pending flags and move the portfolio's marks, at once;
        the ids of the alerts opened."""
        now = _now()
        with self._writing() as conn:
            opened_ids = []
            for hit in opened:
                result = conn.execute(
                    insert(schema.alerts).values(
                        portfolio_id=portfolio_id, counterparty_id=hit.counterparty_id, party_id=hit.party_id,
                        party_name=hit.party_name, matched_name=hit.matched_name, score=hit.score, status="open",
                        opened_at=now,
                    )
                ).inserted_primary_key
                assert result is not None
                opened_ids.append(int(result[0]))
            for alert, reason in closed:
                conn.execute(
                    update(schema.alerts).where(a.id == alert.id).values(status="closed", closed_at=now, closed_reason=reason)
                )
            for ids in _chunks(screened_pending):
                conn.execute(update(schema.counterparties).where(c.id.in_(ids)).values(pending=False))
            conn.execute(
                update(schema.portfolios).where(schema.portfolios.c.id == portfolio_id).values(
                    screened_at=now, screened_on=screened_on, action_mark=marks.action, link_mark=marks.link
                )
            )
        return opened_ids

    # -- alerts and deliveries -------------------------------------------------------------------
    def alerts(self, *, portfolio: str | None = None, status: str | None = None, ids: Sequence[int] | None = None) -> list[AlertRow]:
        p = schema.portfolios.c
        query = (
            select(
                a.id, p.name.label("portfolio"), c.key.label("counterparty_key"), c.name.label("counterparty_name"),
                a.party_id, a.party_name, a.matched_name, a.score, a.status, a.opened_at, a.closed_at, a.closed_reason,
            )
            .join(schema.portfolios, p.id == a.portfolio_id)
            .join(schema.counterparties, c.id == a.counterparty_id)
            .order_by(a.id)
        )
        if portfolio is not None:
            query = query.where(p.name == portfolio)
        if status is not None:
            query = query.where(a.status == status)
        if ids is not None:
            return [AlertRow(**r._mapping) for chunk in _chunks(ids) for r in self._read(query.where(a.id.in_(chunk)))]
        return [AlertRow(**r._mapping) for r in self._read(query)]

    def log_delivery(self, url: str, alert_ids: Sequence[int], attempts: int, status_code: int | None, error: str | None, ok: bool) -> None:
        with self._writing() as conn:
            conn.execute(
                insert(schema.webhook_deliveries).values(
                    url=url, alert_ids=list(alert_ids), attempts=attempts, status_code=status_code, error=error, ok=ok,
                    delivered_at=_now(),
                )
            )

    def deliveries(self) -> list[dict[str, Any]]:
        rows = self._read(select(schema.webhook_deliveries).order_by(schema.webhook_deliveries.c.id))
        return [dict(r._mapping) for r in rows]
