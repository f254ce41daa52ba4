"""Delivery of new alerts: signed webhooks (with retries against a receiver that fails, then
recovers), the delivery log, and e-mail through an SMTP server the test runs on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from entitylist.errors import InvalidInput
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.monitoring.webhooks import SIGNATURE_HEADER, check_webhook_url
from entitylist.services import Services
from entitylist.settings import Settings
from entitylist.store.monitoring import MonitoringStore

from .live_server import free_port

SECRET = "s3cret"
COUNTERPARTIES = [CounterpartyIn("1", "Huawei Technologies", "CN"), CounterpartyIn("2", "Acme Widgets")]


@dataclass
class Receiver:
    """An HTTP receiver answering with ``answers`` in turn (then 200), keeping what it got."""

    answers: list[int]
    got: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(answers=[])

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.got.append(({k: v for k, v in self.headers.items()}, body))
            self.send_response(state.answers.pop(0) if state.answers else 200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield state
    server.shutdown()
    server.server_close()


def services_for(tmp_path: Path, **settings: Any) -> Services:
    return Services(Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off", webhook_backoff=0.01, **settings))


def test_webhook_body_is_signed_and_delivery_retries_until_the_receiver_recovers(receiver: Receiver, tmp_path: Path) -> None:
    receiver.answers = [500, 503]  # down twice, then up
    with services_for(tmp_path, webhook_urls=receiver.url, webhook_secret=SECRET) as services:
        services.portfolios.save("p", COUNTERPARTIES)
        run = services.portfolios.screen("p")[0]
        log = MonitoringStore(services.store).deliveries()
    assert [(d.ok, d.attempts) for d in run.deliveries] == [(True, 3)]
    assert len(receiver.got) == 3
    headers, body = receiver.got[-1]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers[SIGNATURE_HEADER] == expected
    payload = json.loads(body)
    assert payload["event"] == "alerts.opened"
    assert [(a["counterparty_id"], a["party_id"]) for a in payload["alerts"]] == [("1", "cn-huawei-technologies")]
    assert [(d["url"], d["attempts"], d["status_code"], d["ok"]) for d in log] == [(receiver.url, 3, 200, True)]
    assert log[0]["alert_ids"] == [run.opened[0].id]


def test_a_receiver_that_stays_down_is_logged_as_failed_and_the_alerts_are_kept(receiver: Receiver, tmp_path: Path) -> None:
    receiver.answers = [500] * 10
    with services_for(tmp_path, webhook_urls=receiver.url, webhook_secret=SECRET, webhook_attempts=3) as services:
        services.portfolios.save("p", COUNTERPARTIES)
        run = services.portfolios.screen("p")[0]
        log = MonitoringStore(services.store).deliveries()
        assert len(services.alerts.alerts()) == 1
    assert [(d.ok, d.attempts, d.error) for d in run.deliveries] == [(False, 3, "HTTP 500")]
    assert [(d["ok"], d["attempts"], d["status_code"]) for d in log] == [(False, 3, 500)]


def test_a_client_error_is_not_retried_and_an_unreachable_receiver_is(tmp_path: Path, receiver: Receiver) -> None:
    receiver.answers = [404]
    closed = f"http://127.0.0.1:{free_port()}/hook"  # nothing listens there
    with services_for(tmp_path, webhook_urls=f"{receiver.url},{closed}", webhook_attempts=2) as services:
        services.portfolios.save("p", COUNTERPARTIES)
        run = services.portfolios.screen("p")[0]
    assert [(d.target, d.ok, d.attempts) for d in run.deliveries] == [(receiver.url, False, 1), (closed, False, 2)]
    assert run.deliveries[1].error and "ConnectError" in run.deliveries[1].error
    assert SIGNATURE_HEADER not in receiver.got[0][0]  # no secret configured: no signature


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "file:///etc/passwd", "example.org/hook", "http://"])
def test_a_webhook_url_that_is_not_http_is_refused_before_anything_is_screened(tmp_path: Path, url: str) -> None:
    with pytest.raises(InvalidInput, match="not an http"):
        check_webhook_url(url)
    with services_for(tmp_path, webhook_urls=url) as services:
        services.portfolios.save("p", COUNTERPARTIES)
        with pytest.raises(InvalidInput, match="not an http"):
            services.portfolios.screen("p")
        assert services.alerts.alerts() == []
        assert services.portfolios.portfolios()[0].screened_at is None  # nothing half-saved


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's API
        self.messages.append(envelope)
        return "250 OK"


def test_new_alerts_are_emailed_through_smtp(tmp_path: Path) -> None:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with services_for(tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_to="compliance@example.org, ops@example.org") as services:
            services.portfolios.save("p", COUNTERPARTIES)
            run = services.portfolios.screen("p")[0]
            again = services.portfolios.screen("p")[0]
    finally:
        controller.stop()
    assert [(d.channel, d.ok) for d in run.deliveries] == [("email", True)]
    assert again.deliveries == []  # no new alert, no mail
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message.rcpt_tos == ["compliance@example.org", "ops@example.org"]
    mail = email.message_from_bytes(message.content, policy=email.policy.default)
    assert mail["Subject"] == "entitylist: 1 new alert"
    text = mail.get_content()  # type: ignore[attr-defined]
    assert "Huawei Technologies (id 1)" in text and "(cn-huawei-technologies)" in text


def test_an_unreachable_smtp_server_is_reported_not_fatal(tmp_path: Path) -> None:
    with services_for(tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_to="a@example.org") as services:
        services.portfolios.save("p", COUNTERPARTIES)
        run = services.portfolios.screen("p")[0]
        assert len(services.alerts.alerts()) == 1
    assert [(d.channel, d.ok) for d in run.deliveries] == [("email", False)]
