"""Real browser, real data: Slovenia's reviews from OHCHR's thematic lists on the Recommendations page,
filtered by SDG and affected persons from the URL; the CSV holds those rows with document and paragraph."""
from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import sync_playwright

from browser_support import (VIEWPORT, artifacts_dir, exception_texts, full_page_screenshot,
                             launch_chromium, open_app, registered_pages, wait_for_app)

pytestmark = pytest.mark.browser

RECOMMENDATIONS = next(p.address for p in registered_pages() if p.name == "recommendations")


def test_sdg_and_affected_persons_filters_and_the_source_document(real_warehouse, real_server):
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        expected = con.execute("""
            SELECT id, document, paragraph FROM recommendation
            WHERE country_iso3 = 'SVN' AND list_contains(regexp_extract_all(sdgs, '(?:^|;\\s*)(\\d{1,2})\\b', 1), '16')
              AND list_contains(string_split(lower(affected_persons), '; '), 'disappeared persons')
            ORDER BY id""").df()
    assert len(expected) > 0 and set(expected["document"]) == {"A/HRC/43/15"}
    server = real_server
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT, accept_downloads=True, locale="en-GB")
            page = context.new_page()
            open_app(page, server.url(RECOMMENDATIONS, country="SVN", sdg="16", persons="disappeared persons"))
            assert exception_texts(page) == []
            full_page_screenshot(page, artifacts_dir() / "recommendations-thematic-list-sdg16.png")
            button = page.get_by_role("button", name=f"Download CSV ({len(expected)} rows)")
            button.wait_for(state="visible", timeout=60_000)
            wait_for_app(page)
            with page.expect_download(timeout=60_000) as download:
                button.click()
            got = pd.read_csv(io.BytesIO(download.value.path().read_bytes()), encoding="utf-8-sig",
                              dtype={"id": str, "paragraph": str})
        finally:
            browser.close()
    got = got.sort_values("id").reset_index(drop=True)
    assert got["id"].tolist() == expected["id"].tolist()
    assert got["paragraph"].tolist() == expected["paragraph"].tolist()
    assert set(got["document"]) == {"A/HRC/43/15"}
