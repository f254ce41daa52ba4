"""``entitylist serve``: the real server answers on a loopback port, and stops cleanly."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.live_server import live_server


@pytest.mark.e2e
def test_serve_answers_health_checks_on_loopback(tmp_path: Path) -> None:
    with live_server(str(tmp_path / "served.sqlite")) as base:
        response = httpx.get(f"{base}/healthz", timeout=5)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
