"""The API on the real server (``entitylist serve`` in a subprocess): never a stale list, uploads,
problems, and the first start on a fresh default database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import run_cli
from tests.live_server import free_port, live_server
from tests.official_formats import base_rows, write_csl_csv


@pytest.mark.e2e
def test_an_import_by_another_process_is_served_at_the_next_request(store_url: str, tmp_path: Path) -> None:
    with live_server(store_url) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.get("/api/search", params={"name": "Sinobright"}).json()["total"] == 0
        query = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Sinobright Import and Export"]}}}}
        assert client.post("/api/match/default", json=query).json()["responses"]["q"]["results"] == []  # index built
        imported = run_cli("import", "csl", str(write_csl_csv(tmp_path / "csl.csv", base_rows())), db=store_url)
        assert imported.code == 0, imported.stderr
        found = client.get("/api/search", params={"name": "Sinobright"}).json()
        assert found["total"] == 1
        fuzzy = client.get("/api/search", params={"name": "Sinobrite Import Export", "fuzzy_name": "true"}).json()
        assert fuzzy["results"][0]["name"].startswith("Sinobright")
        matched = client.post("/api/match/default", json=query).json()["responses"]["q"]["results"]
        assert matched and matched[0]["caption"].startswith("Sinobright")
        screened = client.post("/api/screen", json={"name": "Sinobright Import and Export Company"}).json()
        assert screened["results"][0]["matches"]


@pytest.mark.e2e
def test_the_real_server_screens_uploads_and_answers_problems(tmp_path: Path) -> None:
    env = {"ENTITYLIST_MAX_JSON_BYTES": "2000"}
    with live_server(str(tmp_path / "served.sqlite"), env=env) as base, httpx.Client(base_url=base, timeout=30) as client:
        upload = b"name\nHikvisoin\nHuawei Technologies Co\nAcme Bakery\n"
        response = client.post("/api/screen/file", files={"file": ("clients.csv", upload)})
        assert response.status_code == 200, response.text
        assert response.headers["x-entitylist-rows-with-match"] == "2"
        too_big = client.post("/api/screen", json={"name": "x" * 3000})
        assert too_big.status_code == 413 and too_big.headers["content-type"] == "application/problem+json"
        refused = client.post("/api/links", json={"first": "a", "second": "b"})
        assert refused.status_code == 403 and "no API key is configured" in refused.json()["detail"]


@pytest.mark.e2e
def test_serve_prints_its_url_and_serves_the_bundled_list_on_a_fresh_default_database(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path / "home")}
    env.pop("ENTITYLIST_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "entitylist", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/search", params={"name": "Hikvision"}, timeout=30)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["total"] == 1
        assert list((tmp_path / "data").rglob("*.sqlite"))  # the default database, created on first use
    finally:
        proc.terminate()
        proc.wait(timeout=10)
