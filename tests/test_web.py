"""The web UI through the application in-process (TestClient): every page and fragment, the
upload jobs (results, filters, download, failures that leave nothing behind) and the insights
service behind the charts."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook

from entitylist.api import create_app
from entitylist.errors import InvalidInput
from entitylist.services import Services
from entitylist.settings import Settings
from entitylist.services.jobs import ScreeningJobs

COUNTERPARTIES = "name,country\nHikvision,CN\nAcme Widgets,US\nHuawei Technologies,CN\nHikvisoin Digital,CN\n"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("web") / "web.sqlite")


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    app = create_app(Settings(db=db, cache_dir="off", max_upload_bytes=1_000_000))
    with TestClient(app) as test_client:
        yield test_client


def jobs_of(client: TestClient) -> ScreeningJobs:
    found: ScreeningJobs = client.app.state.upload_jobs  # type: ignore[attr-defined]
    return found


def upload(client: TestClient, name: str, content: bytes, **form: str) -> str:
    """Upload a file; the path of its job page."""
    response = client.post(
        "/upload", files={"file": (name, content, "application/octet-stream")}, data={"column": "name", **form},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"]).removeprefix("http://testserver")


def finished_status(client: TestClient, job_page: str, timeout: float = 60) -> str:
    """Poll the status fragment, as the page does, until the job has finished."""
    deadline = time.monotonic() + timeout
    while True:
        response = client.get(f"{job_page}/status")
        assert response.status_code == 200
        if f'{job_page}/status"' not in response.text:  # a finished job's fragment stops polling
            return response.text
        assert time.monotonic() < deadline, "the upload job did not finish"
        time.sleep(0.05)


def job_folders(client: TestClient) -> set[Path]:
    root = jobs_of(client)._root
    return set(root.iterdir()) if root is not None else set()


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


# -- pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/", "/changes", "/upload", "/charts", "/parties/cn-hikvision"])
def test_every_page_is_an_accessible_html_document(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<html lang="en">' in html
    assert 'name="viewport"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="#main"' in html  # skip link
    for field in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
        assert f'for="{field}"' in html, f"{path}: the field {field!r} has no label"
    assert html.count("<h1") == 1


def test_search_as_you_type_explains_the_match(client: TestClient) -> None:
    page = client.get("/")
    assert 'hx-get="http://testserver/search/results"' in page.text
    assert "input changed delay" in page.text
    assert 'hx-sync="this:replace"' in page.text  # the latest keystroke's search wins, never an older one
    fragment = client.get("/search/results", params={"q": "Hikvisoin"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.text  # a fragment, not a page
    assert 'href="http://testserver/parties/cn-hikvision"' in fragment.text
    assert "hikvisoin</span> → <span class=\"l\">hikvision</span>" in fragment.text
    assert "fuzzy" in fragment.text
    assert fragment.headers["HX-Replace-Url"] == "http://testserver/?q=Hikvisoin"
    assert "84 FR 54004" in fragment.text


def test_search_offers_listed_names_beginning_with_a_word_still_being_typed(client: TestClient) -> None:
    partial = client.get("/search/results", params={"q": "Hikv"}).text
    assert "No listed party matches “Hikv” as a whole name" in partial
    assert "Listed names beginning with “Hikv”" in partial
    assert 'href="http://testserver/parties/cn-hikvision"' in partial
    whole = client.get("/search/results", params={"q": "Huawei"}).text
    matches, offered = whole.split("Listed names beginning with")
    assert "parties/cn-huawei-technologies" in matches and "parties/cn-huawei-technologies" not in offered
    assert "Huawei Cloud" in offered


def test_completion_needs_every_word_typed_to_begin_a_word(db: str, client: TestClient) -> None:
    today = dt.date.today()
    with Services.open(Settings(db=db, cache_dir="off")) as services:
        complete = services.completion.complete
        bureaus = complete("Xinjiang Pub", today, limit=50)
        assert bureaus and all("Xinjiang" in c.name and "Public" in c.name for c in bureaus)
        assert [c.party_id for c in complete("海康", today)] == ["cn-hikvision"]
        assert complete("ikvision", today) == []  # the middle of a word is not its beginning
        assert complete("  ", today) == [] and len(complete("co", today, limit=3)) == 3
        assert complete("Institute of Forensic", dt.date(2022, 1, 1)) and not complete("Institute of Forensic", today)


def test_search_page_with_a_query_has_the_results_without_javascript(client: TestClient) -> None:
    html = client.get("/", params={"q": "海康威视"}).text
    assert 'href="http://testserver/parties/cn-hikvision"' in html


def test_search_says_when_nothing_matches_and_refuses_bad_input_with_a_message(client: TestClient) -> None:
    assert "No listed party matches" in client.get("/search/results", params={"q": "Zzyzx Quetzal Bakery"}).text
    assert "Results for a name appear here" in client.get("/search/results", params={"q": "  "}).text
    long = client.get("/search/results", params={"q": "x" * 501})
    assert long.status_code == 400
    assert "at most 500" in long.text and 'role="alert"' in long.text
    country = client.get("/search/results", params={"q": "Hikvision", "country": "Atlantis"})
    assert country.status_code == 400
    assert "Atlantis" in country.text and "Traceback" not in country.text


def test_party_page_shows_names_relations_records_and_timeline_with_citations(client: TestClient) -> None:
    html = client.get("/parties/cn-hikvision").text
    assert "<h1>Hikvision</h1>" in html
    assert "<code>cn-hikvision</code>" in html
    assert ">bundled</span>" in html
    assert '<time datetime="2019-10-09">' in html and '<time datetime="2020-07-22">' in html
    assert 'href="https://www.federalregister.gov/citation/84-FR-54002"' in html
    assert "Federal Register column: 84 FR 54004, 10/9/19" in html
    huawei = client.get("/parties/cn-huawei-technologies").text
    assert "Has affiliate" in huawei and 'href="http://testserver/parties/cn-huawei-cloud-beijing"' in huawei
    affiliate = client.get("/parties/cn-huawei-cloud-beijing").text
    assert "Affiliate of" in affiliate and "Huawei Technologies Co., Ltd.</a>" in affiliate


def test_party_page_finds_a_party_by_a_close_name_and_says_when_none(client: TestClient) -> None:
    assert "<h1>Hikvision</h1>" in client.get("/parties/Hikvison").text
    missing = client.get("/parties/no-such-party-anywhere")
    assert missing.status_code == 404
    assert 'role="alert"' in missing.text and "Traceback" not in missing.text


def test_what_changed_between_two_dates(client: TestClient) -> None:
    html = client.get("/changes", params={"from": "2021-06-01", "to": "2021-06-30"}).text
    assert "5 parties changed after 2021-06-01 up to 2021-06-30" in html
    assert "Added (5)" in html
    assert "Xinjiang Production and Construction Corps" in html
    assert 'href="https://www.federalregister.gov/citation/86-FR-33119"' in html
    removed = client.get("/changes", params={"from": "2023-01-01", "to": "2023-12-31"}).text
    assert "Removed (1)" in removed and "Added (5)" in removed
    assert removed.index("Added (5)") < removed.index("Removed (1)")
    assert "Nothing changed on the list after 2022-03-01 up to 2022-12-31" in client.get(
        "/changes", params={"from": "2022-03-01", "to": "2022-12-31"}
    ).text
    default = client.get("/changes").text
    today = dt.date.today()
    five_years = f"?from={(today - dt.timedelta(days=5 * 365)).isoformat()}&amp;to={today.isoformat()}"
    assert f'href="http://testserver/changes{five_years}">Last 5 years</a>' in default


@pytest.mark.parametrize(
    ("start", "end", "says"),
    [("2021-13-01", "2021-06-30", "invalid date '2021-13-01'"), ("2021-06-30", "2021-06-01", "is after the second")],
)
def test_what_changed_refuses_bad_dates_with_a_message(client: TestClient, start: str, end: str, says: str) -> None:
    response = client.get("/changes", params={"from": start, "to": end})
    assert response.status_code == 400
    assert says in html.unescape(response.text) and 'role="alert"' in response.text


def test_charts_page_carries_its_data_and_the_vendored_chart_library(client: TestClient) -> None:
    html = client.get("/charts").text
    assert 'src="http://testserver/static/vendor/chart.umd.min.js"' in html
    for canvas in ("chart-country", "chart-reason", "chart-rules"):
        assert f'<canvas id="{canvas}" role="img"' in html
    data = json.loads(re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)[1])  # type: ignore[index]
    assert data["years"][:2] == [2019, 2020]
    assert data["by_country"][0]["key"] == "CN"
    assert data["largest_rules"][0]["rule"] == "85 FR 44159"
    assert client.get("/charts", params={"as_of": "yesterday-ish"}).status_code == 400
    early = client.get("/charts", params={"as_of": "2019-12-31"}).text
    assert "29 parties added up to 2019-12-31" in early and 'value="2019-12-31"' in early


def test_static_files_are_served_from_the_package_with_their_licences(client: TestClient) -> None:
    htmx = client.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200 and "javascript" in htmx.headers["content-type"]
    assert htmx.text.startswith("/*! htmx 2.") and "0BSD" in htmx.text[:200]
    chart = client.get("/static/vendor/chart.umd.min.js")
    assert "Released under the MIT License" in chart.text[:300]
    assert "Zero-Clause BSD" in client.get("/static/vendor/htmx.LICENSE").text
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/js/charts.js").status_code == 200


# -- uploads -------------------------------------------------------------------------------------
def test_upload_csv_shows_progress_then_results_with_filters_and_a_download(client: TestClient) -> None:
    page = upload(client, "counterparties.csv", COUNTERPARTIES.encode(), country_column="country")
    job_page = client.get(page)
    assert job_page.status_code == 200 and "counterparties.csv" in job_page.text
    status = finished_status(client, page)
    assert "Done: 4 rows" in status and "3 rows matched" in status
    assert 'href="http://testserver/parties/cn-hikvision"' in status
    assert "4 of 4 rows shown" in status
    matched = client.get(f"{page}/results", params={"matched": "1"})
    assert "3 of 4 rows shown" in matched.text and "Acme Widgets" not in matched.text
    strict = client.get(f"{page}/results", params={"min_score": "99"})
    assert "1 of 4 rows shown" in strict.text and "Huawei" not in strict.text
    assert client.get(f"{page}/results", params={"min_score": "lots"}).status_code == 400
    bad_page = client.get(f"{page}/results", params={"page": "x"})
    assert bad_page.status_code == 400 and "give a page number" in bad_page.text
    download = client.get(f"{page}/download")
    assert download.status_code == 200
    assert 'filename="counterparties-screened.csv"' in download.headers["content-disposition"]
    lines = download.text.splitlines()
    assert lines[0] == "name,country,match_party_id,match_party_name,match_name,match_score"
    assert lines[1].startswith("Hikvision,CN,cn-hikvision,Hikvision,Hikvision,")
    assert lines[2] == "Acme Widgets,US,,,,"


def test_a_long_result_table_comes_in_pages(client: TestClient) -> None:
    rows = "".join(f"Blue River Bakery {n}\n" for n in range(450))
    page = upload(client, "long.csv", ("name\n" + rows).encode())
    first = finished_status(client, page)
    assert "450 of 450 rows shown by the filters (page 1 of 3)" in first
    assert first.count('<td data-label="Row">') == 200 and "&amp;page=2" in first
    last = client.get(f"{page}/results", params={"page": "3"}).text
    assert last.count('<td data-label="Row">') == 50 and '<td data-label="Row">450</td>' in last
    assert "&amp;page=2" in last and "&amp;page=4" not in last


def test_upload_excel_gives_an_excel_result(client: TestClient) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["id", "name"], [1, "Huawei Technologies Co Ltd"], [2, "Blue River Bakery"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    page = upload(client, "book.xlsx", buffer.getvalue())
    assert "Done: 2 rows" in finished_status(client, page)
    result = load_workbook(io.BytesIO(client.get(f"{page}/download").content), read_only=True)
    rows = list(result.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "name", "match_party_id")
    assert rows[1][2] == "cn-huawei-technologies" and rows[2][2] in (None, "")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("latin1.csv", "name\nCafé Müller GmbH\n".encode("latin-1"), "byte 0xE9 is not utf-8 text"),
        ("quote.csv", b'name\n"Hikvision\nAcme\n', "a quote opened here is never closed"),
        ("columns.csv", b"company\nHikvision\n", "no column 'name'"),
    ],
)
def test_a_failed_upload_says_why_and_leaves_nothing_behind(client: TestClient, name: str, content: bytes, says: str) -> None:
    page = upload(client, name, content)
    status = html.unescape(finished_status(client, page))
    assert says in status and f"{name}:" in status  # named as uploaded, not as kept on the server
    assert 'role="alert"' in status and "Nothing of it was kept" in status
    assert "input.csv" not in status and "Traceback" not in status
    job = jobs_of(client).get(page.rsplit("/", 1)[1])
    assert job is not None and not job.folder.exists()
    assert client.get(f"{page}/download").status_code == 404


def test_a_latin1_file_screens_when_its_encoding_is_chosen(client: TestClient) -> None:
    page = upload(client, "latin1.csv", "name\nHikvision Café\n".encode("latin-1"), encoding="cp1252")
    assert "Done: 1 row (1 distinct name)" in finished_status(client, page)
    assert "Hikvision Café" in client.get(f"{page}/download").content.decode("utf-8")


@pytest.mark.parametrize(
    ("name", "content", "form", "status", "says"),
    [
        ("names.pdf", b"%PDF-1.4", {}, 400, "unknown file type '.pdf'"),
        ("empty.csv", b"", {}, 400, "the file is empty"),
        ("names.csv", b"name\nx\n", {"encoding": "klingon"}, 400, "unknown encoding"),
        ("names.csv", b"name\nx\n", {"column": " "}, 400, "name the column"),
        ("big.csv", b"name\n" + b"Acme Widgets\n" * 80_000, {}, 413, "the upload is larger than 1 MB"),
    ],
)
def test_an_upload_refused_at_once_shows_the_form_again_and_keeps_nothing(
    client: TestClient, name: str, content: bytes, form: dict[str, str], status: int, says: str
) -> None:
    jobs_before, folders_before = set(jobs_of(client)._jobs), job_folders(client)
    response = client.post("/upload", files={"file": (name, content, "text/csv")}, data={"column": "name", **form})
    assert response.status_code == status
    assert says in html.unescape(response.text) and 'role="alert"' in response.text
    assert 'enctype="multipart/form-data"' in response.text  # the form, to try again
    assert set(jobs_of(client)._jobs) == jobs_before
    assert job_folders(client) == folders_before


def test_an_upload_without_a_file_asks_for_one(client: TestClient) -> None:
    response = client.post("/upload", data={"column": "name"})
    assert response.status_code == 400
    assert "choose a file" in response.text and 'role="alert"' in response.text


def test_the_size_limit_holds_without_a_content_length(client: TestClient, tmp_path: Path) -> None:
    folders_before = job_folders(client)
    with pytest.raises(InvalidInput, match="larger than 1 MB"):
        jobs_of(client).submit(
            Services(Settings(db=str(tmp_path / "unused.sqlite"))), io.BytesIO(b"name\n" + b"Acme\n" * 250_000),
            "many.csv", column="name", country_column=None, encoding="utf-8", max_bytes=1_000_000,
        )
    assert job_folders(client) == folders_before
    assert not (tmp_path / "unused.sqlite").exists()


def test_unknown_jobs_are_a_clear_404(client: TestClient) -> None:
    for suffix in ("", "/status", "/results", "/download"):
        response = client.get(f"/upload/0123456789abcdef{suffix}")
        assert response.status_code == 404
        assert "not known here" in response.text


def test_shutting_down_removes_every_uploaded_file(tmp_path: Path) -> None:
    app = create_app(Settings(db=str(tmp_path / "s.sqlite"), cache_dir="off"))
    with TestClient(app) as local:
        page = upload(local, "c.csv", COUNTERPARTIES.encode())
        finished_status(local, page)
        root = jobs_of(local)._root
        assert root is not None and files_under(root)
    assert not root.exists()


# -- the service behind the charts -----------------------------------------------------------------
def test_insights_count_each_party_once_in_the_year_it_was_first_added(db: str, client: TestClient) -> None:
    with Services.open(Settings(db=db, cache_dir="off")) as services:
        insights = services.insights.insights(dt.date(2023, 12, 31))
        early = services.insights.insights(dt.date(2019, 12, 31), top_countries=1)
    assert insights.years == [2019, 2020, 2021, 2023]
    assert sum(s.total for s in insights.by_country) == insights.parties == sum(s.total for s in insights.by_reason)
    china = insights.by_country[0]
    assert (china.key, china.label) == ("CN", "China")
    assert china.counts[0] == 29  # the 28 Xinjiang entries of 84 FR 54002 and Huawei
    reasons = {s.key: s for s in insights.by_reason}
    assert reasons["human_rights"].counts[0] == 28 and reasons["huawei"].counts[0] == 1
    assert insights.largest_rules[0].rule == "85 FR 44159" and insights.largest_rules[0].modified == 37
    assert [r.total for r in insights.largest_rules] == sorted((r.total for r in insights.largest_rules), reverse=True)
    assert early.years == [2019] and early.parties == 29
    assert [s.key for s in early.by_country] == ["CN"]
