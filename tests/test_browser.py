"""Real-browser tests: `streamlit run app.py` on the real warehouse (../shared/data), driven by
Debian's Chromium through Playwright. Every page of app.PAGES loads in English and Russian without
an exception (full-page screenshots saved), a sidebar filter changes the chart, the Overview's card
tables are built once their expander is opened, and the Recommendations page's CSV download holds exactly
the filtered rows of the warehouse.
"""
from __future__ import annotations

import io
import math
import re
from urllib.parse import parse_qs, urlparse

import duckdb
import pandas as pd
import pptx
import pypdf
import pytest
from playwright.sync_api import sync_playwright

from browser_support import (VIEWPORT, StreamlitServer, artifacts_dir, exception_texts, figure_titled,
                             full_page_screenshot, launch_chromium, open_app, plotly_figures, registered_pages,
                             wait_for_app)
from apptest_support import warehouse_defaults
from exports.tables import starts_like_formula_text

pytestmark = pytest.mark.browser

PAGES = registered_pages()
HEATMAP_TITLE = "Recommendations received by country and theme"
OVERVIEW = next(p.address for p in PAGES if p.name == "overview")
RECOMMENDATIONS = next(p.address for p in PAGES if p.name == "recommendations")


# ---- fixtures -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_server(real_server, chromium):
    """The worker's server on the real warehouse. Its first visit here is the app's root, as a user's would
    be (a deep link as the very first visit is tested separately, on a fresh server)."""
    context = chromium.new_context(viewport=VIEWPORT)
    try:
        open_app(context.new_page(), real_server.url())
    finally:
        context.close()
    return real_server


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport=VIEWPORT, accept_downloads=True, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def query(warehouse, sql: str, params: dict | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


# ---- every page, both languages -------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_page_loads_without_exception(app_server, browser_page, app_page, lang):
    page = browser_page
    params = {"lang": lang} if lang != "en" else {}
    open_app(page, app_server.url(app_page.address, **params))
    shot = full_page_screenshot(page, artifacts_dir() / f"{app_page.name}{'' if lang == 'en' else '_' + lang}.png")
    assert exception_texts(page) == [], app_server.log_tail()
    assert page.locator('[role="dialog"]').filter(has_text="Page not found").count() == 0
    assert urlparse(page.url).path.strip("/") == app_page.address   # not sent to another page
    heading = page.locator('[data-testid="stMain"] h1').first.inner_text().strip()
    assert heading, "the page has no title"
    assert len(main_text(page)) > 200, "the page shows next to nothing"
    sidebar = page.locator('[data-testid="stSidebar"]')
    if lang == "ru":
        assert page.get_by_role("radio", name="Русский").is_checked()
        assert "Фильтры" in sidebar.inner_text()
        assert re.search("[А-Яа-яЁё]{4,}", heading), f"Russian page titled {heading!r}"
        assert parse_qs(urlparse(page.url).query).get("lang") == ["ru"]
    else:
        assert page.get_by_role("radio", name="English").is_checked()
        assert "Filters" in sidebar.inner_text()
    assert shot.stat().st_size > 10_000


# ---- a filter changes the chart ---------------------------------------------------------------------------

def default_years(warehouse) -> dict[str, int]:
    """The year range the app shows by default on this warehouse ($first, $last)."""
    defaults = warehouse_defaults(warehouse)
    return {"first": defaults.year_from, "last": defaults.year_to}


def heatmap_rows(page) -> dict[str, dict[str, float]]:
    """Country -> {theme: recommendations} of the overview heatmap as drawn (a row per theme, a column per
    country; empty cells left out)."""
    trace = figure_titled(page, HEATMAP_TITLE)["traces"][0]
    assert trace["type"] == "heatmap"
    return {country: {theme: row[index] for theme, row in zip(trace["y"], trace["z"])
                      if row[index] is not None and not (isinstance(row[index], float) and math.isnan(row[index]))
                      and row[index] != 0}
            for index, country in enumerate(trace["x"])}


def kazakhstan_by_theme(warehouse) -> dict[str, int]:
    """Recommendations received (pledges apart) per theme; those with no ROCA theme as 'Other themes'."""
    rows = query(warehouse, """
        SELECT name, count(*) FROM (
            SELECT t.name_en AS name FROM recommendation r
            JOIN recommendation_theme rt ON rt.recommendation_id = r.id JOIN theme t ON t.code = rt.theme_code
            WHERE r.country_iso3 = 'KAZ' AND NOT r.is_pledge AND r.year BETWEEN $first AND $last
            UNION ALL
            SELECT 'Other themes' FROM recommendation r
            WHERE r.country_iso3 = 'KAZ' AND NOT r.is_pledge AND len(r.theme_codes) = 0
              AND r.year BETWEEN $first AND $last)
        GROUP BY name""", default_years(warehouse))
    return dict(rows)


def test_sidebar_country_filter_changes_the_chart(app_server, browser_page, real_warehouse):
    page = browser_page
    open_app(page, app_server.url(OVERVIEW))
    before = heatmap_rows(page)
    assert list(before) == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    assert before["Kazakhstan"] == kazakhstan_by_theme(real_warehouse)

    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Remove Kazakhstan").click()
    page.wait_for_function(
        """title => Array.from(document.querySelectorAll('.js-plotly-plot')).some(plot =>
              (plot._fullLayout.title.text || '').includes(title) && !Array.from(plot._fullData[0].y).includes('Kazakhstan'))""",
        arg=HEATMAP_TITLE, timeout=60_000)
    wait_for_app(page)
    after = heatmap_rows(page)
    assert list(after) == ["Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    assert {country: after[country] for country in after} == {country: before[country] for country in after}
    focus = warehouse_defaults(real_warehouse).countries
    assert parse_qs(urlparse(page.url).query).get("country") == [c for c in focus if c != "KAZ"]
    assert exception_texts(page) == []


def test_country_in_the_url_changes_the_chart(app_server, browser_page, real_warehouse):
    page = browser_page
    open_app(page, app_server.url(OVERVIEW, country="KAZ"))
    assert heatmap_rows(page) == {"Kazakhstan": kazakhstan_by_theme(real_warehouse)}
    ratifications = figure_titled(page, "Core treaties and optional protocols")["traces"][0]
    assert ratifications["x"] == ["Kazakhstan"]   # a column per country
    assert page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Remove Kazakhstan").count() == 1
    assert page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Remove Kyrgyzstan").count() == 0



def test_the_cards_tables_are_built_once_their_expander_is_opened(app_server, browser_page):
    page = browser_page
    open_app(page, app_server.url(OVERVIEW))
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="The figures on the cards as tables")
    tables = expander.locator('[data-testid="stDataFrame"]')
    assert expander.count() == 1 and tables.count() == 0          # closed: nothing built
    expander.locator("summary").click()                             # opening reruns the page with the tables
    tables.nth(1).wait_for(state="visible", timeout=60_000)
    wait_for_app(page)
    assert tables.count() == 2
    assert "the latest value rose/fell against the previous available value" in expander.inner_text()
    assert expander.get_by_role("button", name="Download CSV").count() == 2
    assert exception_texts(page) == []

# ---- the CSV download ------------------------------------------------------------------------------------

def expected_export(warehouse, country: str, response: str | None = None) -> pd.DataFrame:
    rows = query(warehouse, """
        SELECT id, country_iso3, year, response, is_pledge, text FROM recommendation
        WHERE country_iso3 = $country AND year BETWEEN $first AND $last
          AND ($response::VARCHAR IS NULL OR response = $response)
        ORDER BY id""", {"country": country, **default_years(warehouse), "response": response})
    return pd.DataFrame(rows, columns=["id", "country_iso3", "year", "response", "is_pledge", "text"])


def download_full_export(page) -> bytes:
    """Click the page's full CSV download (after "Prepare download" if the page offers that step)."""
    prepare = page.get_by_role("button", name="Prepare download")
    if prepare.count():
        prepare.click()
    button = page.get_by_role("button", name=re.compile(r"^Download CSV \(")).first
    button.wait_for(state="visible", timeout=60_000)
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    return download.value.path().read_bytes()


@pytest.mark.parametrize("response", [None, "supported"])
def test_recommendations_csv_download_equals_the_filtered_rows(app_server, browser_page, real_warehouse,
                                                               response):
    params = {"country": "KAZ", **({"response": response} if response else {})}
    page = browser_page
    open_app(page, app_server.url(RECOMMENDATIONS, **params))
    assert exception_texts(page) == []
    expected = expected_export(real_warehouse, "KAZ", response)
    if response is None:
        assert len(expected) == 327          # UPR Info: 129 (session 7) + 198 (session 20), no pledges
    content = download_full_export(page)
    assert content.startswith(b"\xef\xbb\xbf"), "the CSV is not UTF-8 with BOM"
    got = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype={"id": str, "text": str})
    assert "data_note" not in got.columns          # real data: no demonstration note
    assert page.get_by_role("button", name=f"Download CSV ({len(expected)} rows)").count() == 1
    assert len(got) == len(expected)
    assert got["id"].is_unique
    got = got.sort_values("id").reset_index(drop=True)
    assert got["id"].tolist() == expected["id"].tolist()
    assert set(got["country_iso3"]) == {"KAZ"}
    assert got["year"].astype(int).tolist() == expected["year"].tolist()
    assert got["response"].fillna("").tolist() == expected["response"].fillna("").tolist()
    safe_texts = ["'" + text if starts_like_formula_text(text) else text for text in expected["text"]]
    assert got["text"].tolist() == safe_texts


# ---- a deep link as the first visit of a fresh server -------------------------------------------------

def test_deep_link_works_as_the_first_visit_after_server_start(real_warehouse, chromium):
    """A bookmarked page link opened right after `streamlit run` (offline users start the app and
    open their bookmark) must run app.py's shared setup, not the page script alone."""
    with StreamlitServer(real_warehouse) as server:
        context = chromium.new_context(viewport=VIEWPORT)
        try:
            page = context.new_page()
            open_app(page, server.url(RECOMMENDATIONS, country="KAZ"))
            assert exception_texts(page) == [], server.log_tail()
            metric = page.locator('[data-testid="stMetric"]').filter(has_text="Matching recommendations")
            assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "327"
        finally:
            context.close()


# ---- the report builder, end to end -------------------------------------------------------------------

def test_three_charts_added_to_the_report_download_as_a_deck_and_a_brief(app_server, browser_page):
    """Add three overview charts to the report, open the Report page in the same session, and
    download the deck and the country brief; both open and hold what was added."""
    page = browser_page
    open_app(page, app_server.url(""))
    buttons = page.get_by_role("button", name="Add to report")
    assert buttons.count() >= 3
    added_titles = []
    for index in range(3):
        figure = plotly_figures(page)[index]
        added_titles.append(figure["title"])
        page.get_by_role("button", name="Add to report").nth(index).click()
        wait_for_app(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Report", exact=True).click()
    wait_for_app(page)
    assert exception_texts(page) == []
    assert "Charts in the report (3)" in main_text(page)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download PowerPoint (3 charts)").click()
    deck = pptx.Presentation(io.BytesIO(download.value.path().read_bytes()))
    slide_texts = ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
                   for slide in deck.slides]
    titles = [slide.shapes.title.text for slide in deck.slides]
    # title slide, the three charts, then the methods and sources on as many slides as they need
    assert len(slide_texts) >= 5 and set(titles[4:]) == {"Methods and sources"}
    for number, title in enumerate(added_titles, start=1):
        first_words = title.split()[:3]
        assert all(word in slide_texts[number] for word in first_words), (title, slide_texts[number])
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="Download country brief (PDF)").click()
    brief = pypdf.PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.extract_text() for p in brief.pages)
    assert "Kazakhstan" in text and len(brief.pages) >= 1
    full_page_screenshot(page, artifacts_dir() / "report_with_three_charts.png")
