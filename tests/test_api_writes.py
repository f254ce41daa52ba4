"""The REST API's writes and guards: API keys, body size limits, uploads that leave nothing behind."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entitylist.api.security import key_is_valid
from tests.api_fixtures import KEY, api_client, assert_problem, private_tmp  # noqa: F401 - a fixture
from tests.official_formats import base_rows, el_row, write_csl_csv


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with api_client(tmp_path / "store.sqlite", api_keys=f"other-key, {KEY}") as client:
        yield client


def _csl_upload(tmp_path: Path, rows: list[dict[str, str]]) -> bytes:
    return write_csl_csv(tmp_path / "consolidated.csv", rows).read_bytes()


# -- keys -------------------------------------------------------------------------------------------
def test_key_comparison() -> None:
    assert key_is_valid("b", ["a", "b"])
    assert not key_is_valid("c", ["a", "b"]) and not key_is_valid("", ["a"]) and not key_is_valid("a", [])


def test_writes_are_refused_when_no_key_is_configured(tmp_path: Path) -> None:
    with api_client(tmp_path / "store.sqlite") as client:
        response = client.post("/api/links", json={"first": "a", "second": "b"}, headers={"X-API-Key": "anything"})
    assert_problem(response, 403, "no API key is configured")


def test_writes_need_a_valid_key(writer: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    body = {"first": "cn-hikvision", "second": "cn-huawei-technologies", "note": "test"}
    assert_problem(writer.post("/api/links", json=body), 401, "need an API key")
    caplog.set_level(logging.DEBUG)
    wrong = assert_problem(writer.post("/api/links", json=body, headers={"X-API-Key": "guess"}), 403, "not valid")
    assert "guess" not in str(wrong) and KEY not in caplog.text
    linked = writer.post("/api/links", json=body, headers={"X-API-Key": KEY})
    assert linked.status_code == 200, linked.text
    assert {row["party"] for row in linked.json()} == {"cn-huawei-technologies"}  # under the older id
    assert "via the API: test" in (linked.json()[0]["evidence"] or "")
    merged = writer.get("/api/entities/cn-hikvision").json()  # a record id leads to its party
    assert merged["id"] == "cn-huawei-technologies" and "cn-hikvision" in merged["referents"]
    unlinked = writer.delete(
        "/api/links", params={"first": "cn-hikvision", "second": "cn-huawei-technologies", "force": "true"}, headers={"Authorization": f"Bearer {KEY}"}
    )
    assert unlinked.status_code == 200, unlinked.text
    assert [row["kind"] for row in unlinked.json()] == ["unlink"]


def test_link_of_unknown_party_is_a_404(writer: TestClient) -> None:
    response = writer.post("/api/links", json={"first": "cn-hikvision", "second": "zzzz-nobody-qqq"}, headers={"X-API-Key": KEY})
    assert_problem(response, 404, "zzzz")


def test_reads_can_be_closed(tmp_path: Path) -> None:
    with api_client(tmp_path / "store.sqlite", api_keys=KEY, read_requires_key=True) as client:
        assert_problem(client.get("/api/search", params={"name": "hikvision"}), 401, "reads need an API key")
        assert_problem(client.get("/api/parties/cn-hikvision", headers={"X-API-Key": "nope"}), 403, "not valid")
        assert client.get("/api/search", params={"name": "hikvision"}, headers={"X-API-Key": KEY}).json()["total"] == 1
        assert client.get("/healthz").status_code == 200  # liveness stays open


# -- imports ------------------------------------------------------------------------------------------
def test_import_by_upload_is_served_at_the_next_request(writer: TestClient, tmp_path: Path, private_tmp: Path) -> None:
    before = writer.get("/api/search", params={"name": "Sinobright"}).json()["total"]
    assert before == 0
    upload = _csl_upload(tmp_path, base_rows())
    response = writer.post(
        "/api/imports", data={"format": "csl"}, files={"file": ("consolidated.csv", upload, "text/csv")}, headers={"X-API-Key": KEY}
    )
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 5 and response.json()["dataset"] == "csl"
    found = writer.get("/api/search", params={"name": "Sinobright", "sources": "ISN"}).json()
    assert found["total"] == 1 and found["results"][0]["source"].startswith("Nonproliferation")
    assert any(s["last_imported"] for s in writer.get("/api/search").json()["sources_used"])
    match = writer.post("/api/match/csl", json={"queries": {"q": {"schema": "Person", "properties": {"name": ["Rim Ryong Nam"]}}}})
    assert match.json()["responses"]["q"]["results"][0]["datasets"] == ["csl"]
    assert list(private_tmp.iterdir()) == []  # the upload is gone


def test_a_bad_import_changes_nothing_and_leaves_nothing_behind(writer: TestClient, private_tmp: Path) -> None:
    response = writer.post(
        "/api/imports", data={"format": "csl"}, files={"file": ("list.csv", b"<html>Service unavailable</html>", "text/csv")},
        headers={"X-API-Key": KEY},
    )
    assert_problem(response, 400)
    assert list(private_tmp.iterdir()) == []
    assert writer.get("/api/search", params={"sources": "SDN"}).json()["total"] == 0


@pytest.mark.parametrize(
    ("data", "files", "status", "needle"),
    [
        ({"format": "pdf"}, {"file": ("a.csv", b"x")}, 422, "format"),
        ({}, {"file": ("a.csv", b"x")}, 422, "format"),
        ({"format": "csl"}, {}, 422, "file"),
        ({"format": "csl"}, {"file": ("a.csv", b"")}, 400, "empty"),
        ({"format": "csl", "on": "someday"}, {"file": ("a.csv", b"x")}, 400, "invalid date"),
    ],
)
def test_import_bad_input_is_a_problem(writer: TestClient, data: dict[str, str], files: dict[str, tuple[str, bytes]], status: int, needle: str) -> None:
    assert_problem(writer.post("/api/imports", data=data, files=files, headers={"X-API-Key": KEY}), status, needle)


# -- screening a file ------------------------------------------------------------------------------------
def test_screen_file_returns_the_result_file(writer: TestClient, private_tmp: Path) -> None:
    upload = "name,country\nHikvision,CN\nAcme Bakery,US\nHuawei Technologies,CN\n".encode()
    response = writer.post("/api/screen/file", data={"column": "name", "country_column": "country"}, files={"file": ("clients.csv", upload)})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["x-entitylist-rows"] == "3" and response.headers["x-entitylist-rows-with-match"] == "2"
    lines = response.text.splitlines()
    assert lines[0].startswith("name,country,match_party_id") and "cn-hikvision" in lines[1]
    as_jsonl = writer.post("/api/screen/file", data={"output": "jsonl"}, files={"file": ("clients.csv", upload)})
    assert as_jsonl.headers["content-type"] == "application/x-ndjson" and len(as_jsonl.text.splitlines()) == 3
    assert list(private_tmp.iterdir()) == []  # upload and result both removed


@pytest.mark.parametrize(
    ("data", "filename", "content", "needle"),
    [
        ({}, "clients.pdf", b"name\nAcme\n", "unknown file type"),
        ({"column": "company"}, "clients.csv", b"name\nAcme\n", "company"),
        ({"encoding": "klingon-8"}, "clients.csv", b"name\nAcme\n", "klingon-8"),
        ({}, "clients.csv", "name\nSoci\u00e9t\u00e9\n".encode("utf-16"), "utf-16"),
        ({"output": "docx"}, "clients.csv", b"name\nAcme\n", "unknown output"),
        ({"as_of": "2020-02-31"}, "clients.csv", b"name\nAcme\n", "invalid date"),
        ({}, "clients.xlsx", b"not a workbook", "clients.xlsx"),
    ],
)
def test_screen_file_bad_input_is_a_problem_and_leaves_nothing(
    writer: TestClient, private_tmp: Path, data: dict[str, str], filename: str, content: bytes, needle: str
) -> None:
    response = writer.post("/api/screen/file", data=data, files={"file": (filename, content)})
    assert_problem(response, 400, needle)
    assert list(private_tmp.iterdir()) == []


def test_upload_names_cannot_escape_the_upload_folder(writer: TestClient, private_tmp: Path, tmp_path: Path) -> None:
    response = writer.post("/api/screen/file", files={"file": ("../../escape.csv", b"name\nHikvision\n")})
    assert response.status_code == 200, response.text
    assert not (tmp_path / "escape.csv").exists() and not (private_tmp.parent / "escape.csv").exists()


# -- size limits --------------------------------------------------------------------------------------
def test_oversized_bodies_are_413_problems(tmp_path: Path, private_tmp: Path) -> None:
    with api_client(tmp_path / "store.sqlite", max_json_bytes=1000, max_upload_bytes=5000) as client:
        big_json = {"queries": [{"name": "x" * 50}] * 30}
        assert_problem(client.post("/api/screen", json=big_json), 413, "1,000 bytes")
        upload = b"name\n" + b"Acme Trading\n" * 1000
        assert_problem(client.post("/api/screen/file", files={"file": ("big.csv", upload)}), 413, "5,000 bytes")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"name": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        response = client.post("/api/screen", content=chunks(), headers={"content-type": "application/json"})
        assert_problem(response, 413, "1,000 bytes")
        assert client.post("/api/screen", json={"name": "Hikvision"}).status_code == 200
    assert list(private_tmp.iterdir()) == []
