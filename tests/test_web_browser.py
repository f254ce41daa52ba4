"""The web UI end to end: Debian's chromium, driven by Playwright, against the real server.

One browser for the session and one server for the module. Screenshots of every page, at a
desktop width and at a phone's 375 px, are saved under ``test-artifacts/web/`` (git-ignored) for
a person to look at. Skipped when chromium is not installed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live_server import live_server

pytestmark = pytest.mark.e2e

sync_api = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "web"
PAGES = {
    "search": "/?q=Hikvision",
    "party": "/parties/cn-huawei-technologies",
    "changes": "/changes?from=2021-06-01&to=2021-06-30",
    "upload": "/upload",
    "charts": "/charts",
    "scan": "/scan",
    "license": "/license-check?party=Hikvision&item=1A004.c&date=2020-01-01",
    "alerts": "/alerts?status=all",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "web.sqlite"
    with live_server(str(db), env={"ENTITYLIST_CACHE_DIR": "off"}) as base:
        yield base


class Watched:
    """A page whose console errors and uncaught exceptions are collected."""

    def __init__(self, browser: object, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    page = Watched(browser, VIEWPORTS["desktop"])
    yield page
    page.close()


def shoot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_typing_a_misspelling_leads_to_the_party_page(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/")
    box = page.get_by_label("Name", exact=True)
    box.press_sequentially("Hikvisoin", delay=40)  # typed, not filled: results come as one types
    result = page.locator("#results .results").get_by_role("link", name="Hikvision")  # a match, not a completion
    sync_api.expect(result).to_be_visible(timeout=15_000)
    sync_api.expect(page.locator("#results")).to_contain_text("fuzzy")
    shoot(page, "search-as-you-type")
    page.wait_for_url(base_url + "/?q=Hikvisoin")  # the address keeps the search
    result.focus()
    page.keyboard.press("Enter")  # by keyboard
    page.wait_for_url(re.compile(r"/parties/cn-hikvision$"))
    sync_api.expect(page.get_by_role("heading", level=1)).to_have_text("Hikvision")
    sync_api.expect(page.locator(".timeline")).to_contain_text("84 FR 54002")
    assert watched.errors == []


def test_a_word_still_being_typed_already_offers_names(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/")
    page.get_by_label("Name", exact=True).press_sequentially("Hikv", delay=40)
    offered = page.locator("#results .completions").get_by_role("link", name="Hikvision")
    sync_api.expect(offered).to_be_visible(timeout=15_000)
    assert watched.errors == []


def test_uploading_a_csv_gives_results_filters_and_a_download(watched: Watched, base_url: str, tmp_path: Path) -> None:
    source = tmp_path / "counterparties.csv"
    source.write_text("name,country\nHikvision,CN\nAcme Widgets,US\nHuawei Technologies,CN\n", encoding="utf-8")
    page = watched.page
    page.goto(base_url + "/upload")
    page.get_by_label("File").set_input_files(str(source))
    page.get_by_label("Column with the country").fill("country")
    page.get_by_role("button", name="Upload and screen").click()
    download_link = page.get_by_role("link", name=re.compile("Download counterparties-screened.csv"))
    sync_api.expect(download_link).to_be_visible(timeout=30_000)
    table = page.locator("#result-table")
    sync_api.expect(table).to_contain_text("3 of 3 rows shown")
    sync_api.expect(table.get_by_role("link", name="Hikvision")).to_be_visible()
    page.get_by_label("Matched rows only").check()
    sync_api.expect(table).to_contain_text("2 of 3 rows shown")
    sync_api.expect(table).not_to_contain_text("Acme Widgets")
    shoot(page, "upload-results")
    with page.expect_download() as info:
        download_link.click()
    saved = tmp_path / "screened.csv"
    info.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name,country,match_party_id,match_party_name,match_name,match_score"
    assert lines[1].startswith("Hikvision,CN,cn-hikvision,")
    assert watched.errors == []


def test_a_malformed_upload_shows_a_message(watched: Watched, base_url: str, tmp_path: Path) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(b'name\n"Hikvision\nAcme\n')
    page = watched.page
    page.goto(base_url + "/upload")
    page.get_by_label("File").set_input_files(str(source))
    page.get_by_role("button", name="Upload and screen").click()
    alert = page.get_by_role("alert")
    sync_api.expect(alert).to_contain_text("broken.csv:2: a quote opened here is never closed", timeout=30_000)
    assert watched.errors == []


def test_a_pasted_text_shows_the_mention_highlighted(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/scan")
    page.get_by_label("Text", exact=True).fill("Cameras bought from Hikvision were installed at the site last year.")
    page.get_by_role("button", name="Scan").click()
    mark = page.locator(".document-text mark")
    sync_api.expect(mark).to_have_count(1, timeout=15_000)
    sync_api.expect(mark).to_contain_text("Hikvision")
    assert mark.get_attribute("title") == "Hikvision: 100%"
    sync_api.expect(page.get_by_label("Text", exact=True)).to_have_value(re.compile("Cameras bought from Hikvision"))
    sync_api.expect(page.locator(".parties-found").get_by_role("link", name="Hikvision")).to_be_visible()
    shoot(page, "scan-highlighted")
    mark.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/parties/cn-hikvision$"))
    assert watched.errors == []


def test_a_license_check_by_keyboard_shows_the_determination(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/license-check")
    page.get_by_label("Party").fill("Hikvision")
    page.get_by_label("Item").fill("3A001")
    page.get_by_label("Date").fill("2020-01-01")
    page.get_by_label("Item").press("Enter")
    sync_api.expect(page.locator(".verdict")).to_contain_text("License required", timeout=15_000)
    sync_api.expect(page.locator("#determination")).to_contain_text("Presumption of denial")
    assert watched.errors == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_page_loads_without_console_errors_and_fits_the_screen(browser: object, base_url: str, viewport: str) -> None:
    watched = Watched(browser, VIEWPORTS[viewport])
    try:
        page = watched.page
        for name, path in PAGES.items():
            response = page.goto(base_url + path)
            assert response is not None and response.status == 200, path
            if name == "charts":
                drawn = page.evaluate("['chart-country','chart-reason','chart-rules'].map(id => !!Chart.getChart(id))")
                assert drawn == [True, True, True]
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"], f"{path} scrolls sideways at {viewport} width ({width} px)"
            shoot(page, f"{name}-{viewport}")
        assert watched.errors == []
    finally:
        watched.close()


def test_keyboard_users_can_skip_to_the_content_and_see_focus(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto(base_url + "/changes")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    sync_api.expect(skip).to_be_focused()
    outline = skip.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
