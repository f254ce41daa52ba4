"""``GET /api/license-check`` and ``POST /api/scan`` in-process: the services' answers, bad input
as problem+json, and uploads that leave nothing behind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entitylist.services import Services, Settings
from tests.api_fixtures import api_client, assert_problem, private_tmp  # noqa: F401 - a fixture
from tests.scan_documents import docx_with, encrypted_pdf, mail_with, pdf_with_text

NEWS = "Shares of Hikvision fell after the Commerce Department added Zhejiang Dahua Technology Co to the list."
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-scan") / "store.sqlite"


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with api_client(db) as client:
        yield client


# -- GET /api/license-check ------------------------------------------------------------------------
def test_license_check_answers_as_the_command_does(client: TestClient, db: Path) -> None:
    response = client.get("/api/license-check", params={"party": "Hikvision", "item": "1A004.c", "date": "2020-01-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["license_required"] is True and body["review_policy"] == "case_by_case"
    assert body["basis"] == "listed" and body["party"]["id"] == "cn-hikvision"
    with Services(Settings(db=str(db))) as services:  # what `license-check --json` prints
        assert body == services.licensing.check("Hikvision", "1A004.c", dt.date(2020, 1, 1)).as_json()
    denial = client.get("/api/license-check", params={"party": "cn-hikvision", "item": "3A001", "date": "2020-01-01"}).json()
    assert denial["review_policy"] == "presumption_of_denial"
    before = client.get("/api/license-check", params={"party": "Hikvision", "item": "EAR99", "date": "2019-01-01"}).json()
    assert before["license_required"] is False and before["basis"] == "none"


@pytest.mark.parametrize(
    ("params", "status", "needle"),
    [
        ({"party": "Hikvision", "item": "3A01"}, 400, "malformed ECCN '3A01'"),
        ({"party": "Hikvision", "item": "3A001", "date": "1990-01-01"}, 400, "before the Entity List began"),
        ({"party": "Hikvision", "item": "3A001", "date": "2020-02-30"}, 400, "invalid date"),
        ({"party": "Qqqzzx Nonexistent Xyzzy Holdings", "item": "3A001"}, 404, "Qqqzzx"),
        ({"party": "Hikvision"}, 422, "item"),
        ({"party": "", "item": "3A001"}, 422, "party"),
    ],
)
def test_license_check_bad_input_is_a_problem(client: TestClient, params: dict[str, str], status: int, needle: str) -> None:
    assert_problem(client.get("/api/license-check", params=params), status, needle)


# -- POST /api/scan ----------------------------------------------------------------------------------
def test_scan_a_text_given_as_json(client: TestClient) -> None:
    response = client.post("/api/scan", json={"text": NEWS, "source": "news", "as_of": "2020-01-01"})
    assert response.status_code == 200, response.text
    (document,) = response.json()["documents"]
    assert document["source"] == "news" and document["warnings"] == []
    assert [m["party_id"] for m in document["mentions"]] == ["cn-hikvision", "cn-dahua-technology"]
    first = document["mentions"][0]
    assert list(first) == ["party_id", "party_name", "text", "start", "end", "score", "explanation"]  # no license unasked
    assert NEWS[first["start"]:first["end"]] == first["text"] == "Hikvision"
    before_listing = client.post("/api/scan", json={"text": NEWS, "as_of": "2019-01-01"}).json()
    assert before_listing["documents"][0]["mentions"] == []


def test_scan_with_an_item_carries_each_partys_license_determination(client: TestClient) -> None:
    body = client.post("/api/scan", json={"text": NEWS, "as_of": "2020-01-01", "item": "1A004.c.1"}).json()
    licenses = {m["party_id"]: m["license"] for m in body["documents"][0]["mentions"]}
    assert licenses["cn-hikvision"]["review_policy"] == "case_by_case"
    assert licenses["cn-hikvision"]["item"] == "1A004.c.1" and licenses["cn-hikvision"]["query"] == "Hikvision"
    assert licenses["cn-dahua-technology"]["license_required"] is True


def test_scan_uploaded_documents_of_every_kind(client: TestClient, private_tmp: Path) -> None:
    docx = client.post(
        "/api/scan", files={"file": ("contract.docx", docx_with(["The buyer shall not resell to Nanchang O-Film Tech."]), DOCX)},
        data={"as_of": "2024-06-01", "item": "EAR99"},
    )
    assert docx.status_code == 200, docx.text
    (document,) = docx.json()["documents"]
    assert document["source"] == "contract.docx"  # the upload's name, never the server's path
    (mention,) = document["mentions"]
    assert mention["party_id"] == "cn-nanchang-o-film-tech" and mention["license"]["item"] == "EAR99"
    mail = mail_with("No mention here.", "Invoice", [
        ("invoice.pdf", pdf_with_text(["Seller: Xinjiang Daqo New Energy Co., Ltd."]), "application", "pdf"),
    ])
    sources = {d["source"]: d for d in client.post("/api/scan", files={"file": ("mail.eml", mail, "message/rfc822")}).json()["documents"]}
    assert [m["party_id"] for m in sources["mail.eml / invoice.pdf"]["mentions"]] == ["cn-xinjiang-daqo-new-energy"]
    locked = client.post("/api/scan", files={"file": ("locked.pdf", encrypted_pdf(["Hikvision"]), "application/pdf")})
    assert locked.status_code == 200 and "encrypted" in locked.json()["documents"][0]["warnings"][0]
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("files", "data", "status", "needle"),
    [
        ({"file": ("empty.txt", b"", "text/plain")}, {}, 400, "empty"),
        ({"file": ("news.txt", NEWS.encode(), "text/plain")}, {"item": "3A01"}, 400, "malformed ECCN"),
        ({"file": ("news.txt", NEWS.encode(), "text/plain")}, {"as_of": "2020-13-01"}, 400, "invalid date"),
        ({"file": ("news.txt", NEWS.encode(), "text/plain")}, {"threshold": "1.5"}, 422, "threshold"),
        ({"other": ("news.txt", NEWS.encode(), "text/plain")}, {}, 422, "file"),
    ],
)
def test_scan_upload_bad_input_is_a_problem_and_leaves_nothing_behind(
    client: TestClient, private_tmp: Path, files: dict[str, tuple[str, bytes, str]], data: dict[str, str], status: int, needle: str
) -> None:
    assert_problem(client.post("/api/scan", files=files, data=data), status, needle)
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"text": ""}, 422, "text"),
        ({"source": "x"}, 422, "text"),
        (["Hikvision"], 422, "dictionary"),
        ({"text": NEWS, "item": "EAR 99"}, 400, "malformed ECCN"),
        ({"text": NEWS, "threshold": -0.1}, 422, "threshold"),
    ],
)
def test_scan_text_bad_input_is_a_problem(client: TestClient, body: object, status: int, needle: str) -> None:
    assert_problem(client.post("/api/scan", json=body), status, needle)


def test_scan_refuses_other_media_and_bodies_that_are_not_json(client: TestClient) -> None:
    assert_problem(client.post("/api/scan", content=NEWS, headers={"content-type": "text/plain"}), 415, "multipart/form-data")
    assert_problem(client.post("/api/scan", content=b"{not json", headers={"content-type": "application/json"}), 400, "not valid JSON")


def test_scan_upload_over_the_limit_is_413_and_a_failing_scan_leaves_nothing(
    tmp_path: Path, private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with api_client(tmp_path / "store.sqlite", max_upload_bytes=2_000, max_json_bytes=500) as client:
        big = ("big.txt", b"Hikvision " * 1_000, "text/plain")
        assert_problem(client.post("/api/scan", files={"file": big}), 413, "larger than this server accepts")
        assert_problem(client.post("/api/scan", json={"text": "Hikvision " * 100}), 413, "larger")
        from entitylist.services.scan import ScanService

        def failing(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(ScanService, "scan", failing)
        response = client.post("/api/scan", files={"file": ("news.txt", NEWS.encode(), "text/plain")})
        assert_problem(response, 500, "the server failed")
        assert "disk on fire" not in response.text
    assert list(private_tmp.iterdir()) == []
