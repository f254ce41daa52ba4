"""Monitoring in the API: portfolios, alerts and a screening run, served from the same services."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from entitylist.api import create_app
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.services import Services
from entitylist.settings import Settings


def test_alerts_and_portfolios_are_served(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off", api_keys="k-123")  # type: ignore[arg-type]
    key = {"X-API-Key": "k-123"}
    with Services(settings) as services:
        services.portfolios.save("customers", [CounterpartyIn("7", "Hikvision"), CounterpartyIn("8", "Acme Widgets")])
    with TestClient(create_app(settings)) as client:
        run = client.post("/api/portfolios/customers/screen", headers=key)
        assert run.status_code == 200 and [a["counterparty_id"] for a in run.json()["opened"]] == ["7"]
        listed = client.get("/api/portfolios").json()
        assert [(p["name"], p["counterparties"], p["open_alerts"]) for p in listed] == [("customers", 2, 1)]
        alerts = client.get("/api/alerts", params={"portfolio": "customers"}).json()
        assert [(a["counterparty_name"], a["party_id"]) for a in alerts] == [("Hikvision", "cn-hikvision")]
        assert client.get("/api/alerts", params={"status": "closed"}).json() == []
        assert client.get("/api/alerts", params={"portfolio": "nope"}).status_code == 404
        assert client.post("/api/portfolios/nope/screen", headers=key).status_code == 404
        assert client.get("/api/alerts", params={"status": "maybe"}).status_code == 422
        assert "/api/alerts" in client.get("/openapi.json").json()["paths"]
        assert client.post("/api/portfolios/customers/screen").status_code == 401  # a write needs a key
