"""Shared by the API tests: an app over a seeded SQLite store, in-process."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entitylist.api import create_app
from entitylist.settings import Settings

KEY = "test-key-0123456789"


@contextmanager
def api_client(db: Path | str, **settings: object) -> Iterator[TestClient]:
    """A TestClient over ``create_app`` (lifespan run, so one ``Services`` is open)."""
    app = create_app(Settings(db=str(db), **settings))  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder uploads go to, watched by the test (import it into a test module)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_problem(response: object, status: int, *needles: str) -> dict[str, object]:
    """The response is an RFC 9457 problem of that status whose detail says each needle."""
    from httpx import Response

    assert isinstance(response, Response)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body: dict[str, object] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys(), body
    assert body["status"] == status
    for needle in needles:
        assert needle.lower() in str(body["detail"]).lower(), body
    return body
