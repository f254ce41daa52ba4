"""Alerts: listing them, and delivering new ones to the configured webhooks and e-mail recipients."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from entitylist.errors import InvalidInput
from entitylist.monitoring.email import parse_recipients, send_email
from entitylist.monitoring.webhooks import deliver, parse_webhook_urls
from entitylist.services.base import StoreBacked
from entitylist.services.monitoring_models import AlertOut, DeliveryOut
from entitylist.settings import Settings
from entitylist.store import Store
from entitylist.store.monitoring import AlertRow, MonitoringStore

STATUSES = ("open", "closed", "all")


def alert_out(row: AlertRow) -> AlertOut:
    return AlertOut(
        id=row.id, portfolio=row.portfolio, counterparty_id=row.counterparty_key, counterparty_name=row.counterparty_name,
        party_id=row.party_id, party_name=row.party_name, matched_name=row.matched_name, score=row.score,
        status="open" if row.status == "open" else "closed", opened_at=row.opened_at, closed_at=row.closed_at,
        closed_reason=row.closed_reason,
    )


class Notifier:
    """Where new alerts go, read from the settings and checked before anything is screened."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] | None = None) -> None:
        self.settings = settings
        self.webhooks = parse_webhook_urls(settings.webhook_urls)
        self.recipients = parse_recipients(settings.smtp_to)
        if settings.smtp_host and not self.recipients:
            raise InvalidInput("ENTITYLIST_SMTP_HOST is set but ENTITYLIST_SMTP_TO names no recipient")
        self._sleep = sleep

    def notify(self, alerts: Sequence[AlertOut], log: Callable[[str, Sequence[int], int, int | None, str | None, bool], None]) -> list[DeliveryOut]:
        """Deliver ``alerts`` (nothing when there are none); each webhook delivery is logged."""
        if not alerts:
            return []
        out: list[DeliveryOut] = []
        body = json.dumps({"event": "alerts.opened", "alerts": [a.as_json() for a in alerts]}, ensure_ascii=False).encode()
        ids = [a.id for a in alerts]
        for url in self.webhooks:
            extra = {"sleep": self._sleep} if self._sleep else {}
            done = deliver(
                url, body, secret=self.settings.webhook_secret, attempts=self.settings.webhook_attempts,
                backoff=self.settings.webhook_backoff, **extra,
            )
            log(url, ids, done.attempts, done.status_code, done.error, done.ok)
            out.append(DeliveryOut(channel="webhook", target=url, ok=done.ok, attempts=done.attempts, error=done.error))
        if self.settings.smtp_host:
            error = send_email(
                self.settings.smtp_host, self.settings.smtp_port, self.settings.smtp_from, self.recipients,
                f"entitylist: {len(alerts)} new alert{'s' if len(alerts) != 1 else ''}", email_text(alerts),
            )
            target = ", ".join(self.recipients)
            out.append(DeliveryOut(channel="email", target=target, ok=error is None, attempts=1, error=error))
        return out


def email_text(alerts: Sequence[AlertOut]) -> str:
    lines = [f"{len(alerts)} new alert(s) from entitylist:", ""]
    for alert in alerts:
        lines.append(
            f"- [{alert.portfolio}] {alert.counterparty_name} (id {alert.counterparty_id}) may be "
            f"{alert.party_name} ({alert.party_id}), matched on {alert.matched_name!r}, score {alert.score:.3f}"
        )
    return "\n".join(lines) + "\n"


class AlertService(StoreBacked):
    """The alerts of every portfolio."""

    def __init__(self, store: Store | Callable[[], Store], settings: Settings) -> None:
        super().__init__(store)
        self.settings = settings

    def alerts(self, *, portfolio: str | None = None, status: str = "open") -> list[AlertOut]:
        """Alerts, oldest first: ``status`` open (default), closed or all; of one portfolio or every one."""
        if status not in STATUSES:
            raise InvalidInput(f"unknown alert status {status!r} (known: {', '.join(STATUSES)})")
        store = MonitoringStore(self._store)
        if portfolio is not None and store.portfolio(portfolio) is None:
            raise InvalidInput(f"no portfolio named {portfolio!r}")
        rows = store.alerts(portfolio=portfolio, status=None if status == "all" else status)
        return [alert_out(r) for r in rows]

    def deliveries(self) -> list[dict[str, object]]:
        """The webhook delivery log, oldest first."""
        return MonitoringStore(self._store).deliveries()
