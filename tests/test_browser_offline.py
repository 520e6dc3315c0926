"""In a real browser, the app asks nothing of any host but its own: every page and every export, on the
real data and on the hostile-data corpus with hostile link parameters (Debian's Chromium, Playwright)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

from browser_support import (VIEWPORT, StreamlitServer, exception_texts, launch_chromium, open_app,
                             registered_pages, wait_for_app)
from tests.hostile_payloads import EVIL_HOST, FAMILIES

pytestmark = pytest.mark.browser

PAGES = registered_pages()
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
HOSTILE_LINK = {"country": ["KAZ", FAMILIES["markdown"][1]], "theme": FAMILIES["directive"][0],
                "compare": FAMILIES["markup"][0], "profile": FAMILIES["markdown"][0], "q": FAMILIES["url_style"][0]}
EXPORT_BUTTONS = ("Download CSV", "Download Excel", "Download PNG", "Download SVG")


@pytest.fixture(scope="module")
def hostile_warehouse(hostile_corpus_build):
    return hostile_corpus_build[0]


def _outside(requests: list[str]) -> list[str]:
    """Requests to any host other than the app's own (data: and blob: addresses stay in the page)."""
    return [url for url in requests
            if urlparse(url).scheme in {"http", "https", "ws", "wss", "ftp"}
            and urlparse(url).hostname not in LOCAL_HOSTS]


def _visit_every_page_and_export(server: StreamlitServer, params: dict) -> tuple[list[str], int]:
    requests: list[str] = []
    downloads = 0
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()
            for app_page in PAGES:
                open_app(page, server.url(app_page.address, **params))
                assert exception_texts(page) == [], (app_page.name, server.log_tail())
                for label in EXPORT_BUTTONS:
                    button = page.get_by_role("button", name=label).first
                    if button.count():
                        with page.expect_download(timeout=120_000):
                            button.click()
                        downloads += 1
            # the report lives in the session: add charts and open the Report page without reloading
            open_app(page, server.url("", **params))
            for index in range(2):
                page.get_by_role("button", name="Add to report").nth(index).click()
                wait_for_app(page)
            page.locator('[data-testid="stSidebarNav"]').get_by_text("Report", exact=True).click()
            wait_for_app(page)
            for label in ("Download PowerPoint", "Download country brief (PDF)"):
                with page.expect_download(timeout=180_000):
                    page.get_by_role("button", name=label).first.click()
                downloads += 1
            context.close()
        finally:
            browser.close()
    return requests, downloads


@pytest.mark.parametrize("data", ["real", "hostile"])
def test_no_request_leaves_the_machine_on_any_page_or_export(request, data):
    if data == "real":
        requests, downloads = _visit_every_page_and_export(request.getfixturevalue("real_server"), {})
    else:
        with StreamlitServer(request.getfixturevalue("hostile_warehouse")) as server:
            requests, downloads = _visit_every_page_and_export(server, HOSTILE_LINK)
    print(f"\n{data}: {len(requests)} requests, {downloads} downloads, {len(PAGES)} pages")
    assert len(requests) > 50 and downloads >= 10        # the pages and exports were really loaded
    assert _outside(requests) == []
    assert not [url for url in requests if EVIL_HOST in (urlparse(url).hostname or "")]


def test_the_request_check_sees_an_outside_host():
    assert _outside(["http://localhost:8501/x", "data:image/png;base64,AA", f"https://{EVIL_HOST}/q.svg",
                     "https://fonts.gstatic.com/s/i/x.svg", "ws://127.0.0.1:8501/_stcore/stream"]) == \
        [f"https://{EVIL_HOST}/q.svg", "https://fonts.gstatic.com/s/i/x.svg"]
