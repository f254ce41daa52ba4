"""Webhook delivery of alerts: a JSON body signed with HMAC-SHA256, retried with exponential backoff.

The receiver checks ``X-Entitylist-Signature: sha256=<hex>``, the HMAC-SHA256 of the exact body
under the shared secret. A delivery is tried up to ``attempts`` times while the receiver cannot be
reached, times out, or answers 408, 429 or 5xx, waiting ``backoff`` seconds, then twice as long,
and so on; another 4xx is final. Every delivery is logged by the caller, with its attempts.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from entitylist.errors import InvalidInput

SIGNATURE_HEADER = "X-Entitylist-Signature"
TIMEOUT = 10.0
_RETRIED = {408, 429}


def check_webhook_url(url: str) -> str:
    """An http(s) URL with a host, or a one-line error."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"webhook URL {url!r} is not an http(s) URL")
    return url.strip()


def parse_webhook_urls(value: str | None) -> list[str]:
    """The comma-separated URLs of ``ENTITYLIST_WEBHOOK_URLS``, each checked."""
    return [check_webhook_url(u) for u in (value or "").split(",") if u.strip()]


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Delivery:
    url: str
    attempts: int
    ok: bool
    status_code: int | None = None
    error: str | None = None


def deliver(
    url: str,
    body: bytes,
    *,
    secret: str | None,
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """POST ``body`` to ``url`` until it is accepted (2xx) or the attempts run out."""
    headers = {"Content-Type": "application/json", "User-Agent": "entitylist"}
    if secret:
        headers[SIGNATURE_HEADER] = signature(body, secret)
    status: int | None = None
    error: str | None = None
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client:
        for attempt in range(1, attempts + 1):
            try:
                response = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as failure:
                status, error = None, f"{type(failure).__name__}: {failure}"
            else:
                status = response.status_code
                if 200 <= status < 300:
                    return Delivery(url, attempt, True, status)
                error = f"HTTP {status}"
                if status < 500 and status not in _RETRIED:
                    return Delivery(url, attempt, False, status, error)
            if attempt < attempts:
                sleep(backoff * 2 ** (attempt - 1))
    return Delivery(url, attempts, False, status, error)
