"""The web UI's document scan page, license-check form and alerts page, in-process (TestClient):
what each shows, and the message each gives for bad input."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from entitylist.api import create_app
from entitylist.monitoring.portfolio_file import CounterpartyIn
from entitylist.services import Services
from entitylist.services.models import MentionOut
from entitylist.settings import Settings
from entitylist.web import documents
from entitylist.web.documents import Segment, segments_of

MAX_UPLOAD = 200_000
PRESS_RELEASE = (
    "WASHINGTON - The Commerce Department added Hikvision and Zhejiang Dahua Technology.The\n"
    "agency also named the Kashgar prefecture police department."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web2") / "web.sqlite")
    with Services(Settings(db=path, cache_dir="off")) as services:
        services.portfolios.save("suppliers", [CounterpartyIn("S1", "Hikvision", "CN"), CounterpartyIn("S2", "Acme Widgets", "US")])
        services.portfolios.screen("suppliers")
        services.portfolios.save("archive", [CounterpartyIn("A1", "Dahua Technology", "CN")])
        services.portfolios.screen("archive")
        services.portfolios.screen("archive", full=True, today=dt.date(2019, 1, 1))  # before the listing: the alert closes
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=db, cache_dir="off", max_upload_bytes=MAX_UPLOAD))
    with TestClient(app) as test_client:
        yield test_client


def alert_text(html: str) -> str:
    found = re.search(r'role="alert">([^<]*)<', html)
    assert found, "no error message on the page"
    return found[1].replace("&#39;", "'")


def marks(html: str) -> list[str]:
    return re.findall(r"<mark[^>]*>.*?</mark>", html, re.S)


@pytest.mark.parametrize(("path", "nav"), [("/scan", "Scan a document"), ("/license-check", "License check"), ("/alerts", "Alerts")])
def test_every_new_page_is_linked_from_the_navigation_and_labels_its_fields(client: TestClient, path: str, nav: str) -> None:
    html = client.get(path).text
    assert re.search(rf'<a href="http://testserver{path}" aria-current="page">{nav}</a>', html)
    assert f'href="http://testserver{path}"' in client.get("/").text
    for field in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
        assert f'for="{field}"' in html, f"{path}: the field {field!r} has no label"
    assert html.count("<h1") == 1


# -- document scan -------------------------------------------------------------------------------
def test_pasted_text_shows_each_mention_highlighted_and_linked_with_its_score(client: TestClient) -> None:
    response = client.post("/scan", data={"text": PRESS_RELEASE})
    assert response.status_code == 200
    found = marks(response.text)
    assert len(found) == 3
    assert found[0].startswith('<mark title="Hikvision: 100%"><a href="http://testserver/parties/cn-hikvision">Hikvision</a>')
    assert '>Zhejiang Dahua Technology</a>' in found[1]
    assert "parties/cn-dahua-technology" in found[1]
    assert ">Kashgar prefecture police department</a>" in found[2]
    assert "Commerce Department" not in "".join(found)
    table = response.text.split('class="stack parties-found"')[1].split("</table>")[0]
    assert table.count("<tr>") == 4  # the heading and three parties
    assert "3 mentions of 3 listed parties" in response.text
    assert "The Commerce Department added " in response.text  # the text around the mentions is kept


def test_the_scan_uses_the_list_of_the_date_asked(client: TestClient) -> None:
    response = client.post("/scan", data={"text": "Orders from Hikvision.", "as_of": "2019-01-01"})
    assert response.status_code == 200
    assert marks(response.text) == []
    assert "0 mentions of 0 listed parties" in response.text
    assert "the list of 2019-01-01" in response.text


def test_an_uploaded_document_is_scanned_and_then_removed(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    page = b"<html><body><h1>Bill of lading</h1><p>Consignee: Hangzhou Hikvision Digital Technology Co., Ltd.</p></body></html>"
    response = client.post("/scan", files={"file": ("lading.html", page, "text/html")})
    assert response.status_code == 200
    assert '<h3 class="filename">lading.html</h3>' in response.text
    assert str(tmp_path) not in response.text
    assert any("parties/cn-hikvision" in m for m in marks(response.text))
    assert "<h1>Bill" not in response.text  # the extracted text, escaped, not the markup
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_upload_is_a_message_and_is_removed(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.post("/scan", files={"file": ("report.pdf", b"%PDF-1.4 broken", "application/pdf")})
    assert response.status_code == 200
    assert "PDF" in alert_text(response.text)
    assert list(tmp_path.iterdir()) == []


def test_an_oversized_upload_is_refused_and_leaves_nothing(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.post("/scan", files={"file": ("big.txt", b"Hikvision " * (MAX_UPLOAD // 5), "text/plain")})
    assert response.status_code == 413  # refused from its declared size, before the body is read
    assert alert_text(response.text) == "the upload is larger than 0.2 MB"
    assert '<textarea id="text"' in response.text  # the scan form, to try again
    assert list(tmp_path.iterdir()) == []


def test_an_empty_upload_is_one_message_and_leaves_nothing(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.post("/scan", files={"file": ("empty.txt", b"", "text/plain")})
    assert response.status_code == 400
    assert alert_text(response.text) == "empty.txt: the file is empty"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"text": "  "}, "paste a text or choose a document to scan"),
        ({"text": "Hikvision", "as_of": "2020-13-45"}, "2020-13-45"),
    ],
)
def test_bad_scan_input_is_one_message_and_the_form_keeps_what_was_typed(client: TestClient, form: dict[str, str], message: str) -> None:
    response = client.post("/scan", data=form)
    assert response.status_code == 400
    assert message in alert_text(response.text)
    if len(form["text"]) < 100:
        assert f">{form['text']}</textarea>" in response.text


def test_a_pasted_text_over_the_limit_is_one_message(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_PASTED_CHARS", 20)
    response = client.post("/scan", data={"text": "Hikvision " * 3})
    assert response.status_code == 400
    assert alert_text(response.text) == "the text is 30 characters long; paste at most 20 or upload it as a file"
    assert marks(response.text) == []


def mention(start: int, end: int) -> MentionOut:
    return MentionOut(party_id="p", party_name="P", text="", start=start, end=end, score=1.0, explanation=None)


def test_segments_cut_the_text_at_the_mentions_and_drop_those_past_its_end() -> None:
    text = "abc Hikvision def Dahua"
    segments = segments_of(text, [mention(18, 23), mention(4, 13), mention(20, 40)])
    assert [s.text for s in segments] == ["abc ", "Hikvision", " def ", "Dahua"]
    assert [s.mention is not None for s in segments] == [False, True, False, True]
    assert segments_of("", []) == []
    assert segments_of("ab", [mention(0, 2)]) == [Segment("ab", mention(0, 2))]


# -- license check -------------------------------------------------------------------------------
def determination(client: TestClient, **query: str) -> str:
    response = client.get("/license-check", params=query)
    assert response.status_code == 200, response.text
    return response.text.split('id="determination"')[1]


def test_a_license_check_gives_the_review_policy_and_links_the_party(client: TestClient) -> None:
    html = determination(client, party="Hikvision", item="1A004.c", date="2020-01-01")
    assert "License required." in html
    assert "Review policy: Case-by-case review." in html
    assert '<a href="http://testserver/parties/cn-hikvision">Hikvision</a>' in html
    assert ">84 FR 54004, 10/9/19</a>" in html  # the citation, linked to the Federal Register
    assert "The party is on the Entity List" in html
    denial = determination(client, party="cn-hikvision", item="3A001", date="2020-01-01")
    assert "Review policy: Presumption of denial." in denial
    assert "<dt>Policy text</dt>" in denial


def test_a_license_check_before_the_listing_needs_no_license(client: TestClient) -> None:
    html = determination(client, party="Hikvision", item="3A001", date="2019-01-01")
    assert "No Entity List license requirement." in html
    assert "not yet listed on 2019-01-01" in html


def test_a_license_check_reports_the_footnotes_and_warns_of_a_fuzzy_party(client: TestClient) -> None:
    huawei = determination(client, party="cn-huawei-technologies", item="EAR99", date="2024-01-01")
    assert re.search(r"Footnote \d+:", huawei)
    fuzzy = determination(client, party="Hikvisoin", item="3A001", date="2020-01-01")
    assert "confirm the identity" in fuzzy


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"party": "Hikvision", "item": "3A0x"}, 400, "malformed ECCN '3A0x'"),
        ({"party": "Zzyzx Qwerty Nonesuch", "item": "3A001"}, 404, "no party named 'Zzyzx Qwerty Nonesuch'"),
        ({"party": "Hikvision", "item": ""}, 400, "give both a party"),
        ({"party": "Hikvision", "item": "3A001", "date": "yesterday"}, 400, "yesterday"),
    ],
)
def test_bad_license_input_is_one_message(client: TestClient, query: dict[str, str], status: int, message: str) -> None:
    response = client.get("/license-check", params=query)
    assert response.status_code == status
    assert message in alert_text(response.text)
    assert 'id="determination"' not in response.text
    assert f'value="{query["party"]}"' in response.text  # the form keeps what was typed


# -- alerts --------------------------------------------------------------------------------------
def alert_rows(html: str) -> list[str]:
    if "alerts-table" not in html:
        return []
    return re.findall(r"<tr[^>]*>\s*<td.*?</tr>", html.split("alerts-table")[1], re.S)


def test_the_alerts_page_shows_the_open_alerts_with_party_score_and_date(client: TestClient) -> None:
    html = client.get("/alerts").text
    rows = alert_rows(html)
    assert len(rows) == 1
    assert "Hikvision" in rows[0] and "S1" in rows[0] and "suppliers" in rows[0]
    assert '<a href="http://testserver/parties/cn-hikvision">Hikvision</a>' in rows[0]
    assert "100%" in rows[0]
    assert dt.date.today().isoformat() in rows[0]
    assert "1 open alert." in html


def test_the_alerts_page_filters_by_status_and_portfolio(client: TestClient) -> None:
    closed = alert_rows(client.get("/alerts", params={"status": "closed"}).text)
    assert len(closed) == 1 and "Dahua Technology" in closed[0] and "party no longer listed" in closed[0]
    assert len(alert_rows(client.get("/alerts", params={"status": "all"}).text)) == 2
    archive = client.get("/alerts", params={"status": "all", "portfolio": "archive"}).text
    assert len(alert_rows(archive)) == 1 and "Dahua" in alert_rows(archive)[0]
    assert '<option value="archive" selected>' in archive
    assert alert_rows(client.get("/alerts", params={"portfolio": "archive"}).text) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [({"status": "bogus"}, "unknown alert status 'bogus'"), ({"portfolio": "nope"}, "no portfolio named 'nope'")],
)
def test_bad_alert_filters_are_one_message(client: TestClient, query: dict[str, str], message: str) -> None:
    response = client.get("/alerts", params=query)
    assert response.status_code == 400
    assert message in alert_text(response.text)
