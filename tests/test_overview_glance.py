"""The Overview's headline small multiples on the real warehouse: a panel per theme with headline data, a line
per country equal to the warehouse's yearly totals, gaps for missing years, no caption walls under the cards,
Russian labels, and legible in Chromium at 1024x768, 1280x720, 1366x768 and 1920x1080."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from apptest_support import figures_by_title, open_page, warehouse_defaults
from i18n import t
from indicators.charts import SOURCE_ANNOTATION, plain_title
from indicators.palette import country_colour
from indicators.queries import run_query
from indicators.small_multiples import headline_small_multiples, year_ticks
from indicators.warehouse import warehouse_key
from ui.context import name_maps
from viewmodels.overview import headline_series_frame, headline_series_of, latest_headlines

TITLE = "Headline indicator of each theme, by year"


def expected_series(warehouse: Path, countries, year_from: int, year_to: int) -> dict[str, dict]:
    """Per theme: its headline indicator (data for most countries, then latest, then code) and, per country,
    the yearly totals (several totals of a year averaged) — computed here, straight from the warehouse."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("""
            SELECT i.theme_code, i.code, o.country_iso3, o.year, avg(o.value)
            FROM observation o JOIN indicator i ON i.code = o.indicator_code
            WHERE i.is_headline AND i.theme_code IS NOT NULL AND o.is_total AND o.value IS NOT NULL
              AND o.country_iso3 IN (SELECT unnest(?)) AND o.year BETWEEN ? AND ?
            GROUP BY ALL""", [list(countries), year_from, year_to]).fetchall()
    finally:
        con.close()
    coverage: dict[tuple[str, str], tuple[set, int]] = {}
    for theme, code, iso3, year, _ in rows:
        found, last = coverage.get((theme, code), (set(), 0))
        coverage[(theme, code)] = (found | {iso3}, max(last, year))
    chosen = {}
    for (theme, code), (found, last) in coverage.items():
        rank = (-len(found), -last, code)
        if theme not in chosen or rank < chosen[theme][0]:
            chosen[theme] = (rank, code)
    result = {theme: {"indicator": code, "points": {}} for theme, (_, code) in chosen.items()}
    for theme, code, iso3, year, value in rows:
        if theme in result and result[theme]["indicator"] == code:
            result[theme]["points"].setdefault(iso3, {})[year] = value
    return result


def panel_titles(spec: dict) -> list[str]:
    return [note["text"] for note in spec["layout"]["annotations"] if str(note.get("name", "")).startswith("panel_title_")]


def panel_of(trace: dict) -> str:
    return trace.get("xaxis", "x")


def test_small_multiples_are_the_warehouse_headline_series(real_warehouse, monkeypatch):
    at = open_page(monkeypatch, real_warehouse, "overview")
    defaults = warehouse_defaults(real_warehouse)
    expected = expected_series(real_warehouse, defaults.countries, defaults.year_from, defaults.year_to)
    spec = figures_by_title(at)[TITLE]
    go.Figure(spec)                                         # a valid figure: plotly validates it all again
    names = name_maps(warehouse_key(real_warehouse), "en")
    themes = [code for code in names.themes if code in expected]      # the page's theme order
    assert len(themes) >= 5                                 # the real files hold most themes' headline data
    titles = panel_titles(spec)
    # one panel per theme with headline data, each titled with the theme, its indicator and its unit
    assert len(titles) == len(themes)
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        catalogue = {code: (name, unit) for code, name, unit in con.execute(
            "SELECT code, name_en, unit FROM indicator WHERE is_headline").fetchall()}
    finally:
        con.close()
    for title, theme in zip(titles, themes):
        name, unit = catalogue[expected[theme]["indicator"]]
        assert plain_title(title.replace("<b>", "").replace("</b>", "")) == f"{names.themes[theme]} {name} ({unit})"
    axes = [f"x{index + 1}" if index else "x" for index in range(len(themes))]
    for axis, theme in zip(axes, themes):
        traces = [trace for trace in spec["data"] if panel_of(trace) == axis]
        points = expected[theme]["points"]
        # a line per selected country with data, in the other charts' colours
        assert sorted(trace["legendgroup"] for trace in traces) == sorted(points)
        for trace in traces:
            iso3 = trace["legendgroup"]
            assert trace["name"] == names.countries[iso3]
            assert trace["line"]["color"] == country_colour(iso3) and trace["connectgaps"] is False
            drawn = {year: value for year, value in zip(trace["x"], trace["y"]) if value is not None}
            assert drawn.keys() == points[iso3].keys()
            assert all(drawn[year] == pytest.approx(points[iso3][year]) for year in drawn)
            # every year from the first to the last, a missing one as None (a gap), never as zero
            assert trace["x"] == list(range(min(points[iso3]), max(points[iso3]) + 1))
    # the source line names the publishers and the data years of what is drawn
    source = next(note["text"] for note in spec["layout"]["annotations"] if note.get("name") == SOURCE_ANNOTATION)
    years = [year for theme in themes for country in expected[theme]["points"].values() for year in country]
    assert plain_title(source).endswith(f"Data years: {min(years)}–{max(years)}")
    assert "V-Dem Institute" in plain_title(source)
    # years as whole numbers, few of them
    ticks = spec["layout"]["xaxis"]["tickvals"]
    assert 2 <= len(ticks) <= 4 and all(isinstance(tick, int) for tick in ticks)


def test_cards_carry_no_headline_captions(real_warehouse, monkeypatch):
    at = open_page(monkeypatch, real_warehouse, "overview")
    names = name_maps(warehouse_key(real_warehouse), "en")
    captions = [caption.value.replace("\\", "") for caption in at.caption]
    assert not [text for text in captions for theme in names.themes.values() if text.startswith(f"{theme} — ")
                or text.startswith(f"{theme}: ")]
    assert not [text for text in captions if "latent score" in text or "index, 0-1" in text]
    headers = [header.value for header in at.header]
    # the small multiples come after the cards, in their own section
    assert headers.index("Headline indicators") == headers.index("Countries at a glance") + 1


def test_missing_year_is_a_gap_not_zero(real_warehouse, tmp_path):
    """One yearly total removed from a copy of the real warehouse: the line breaks there."""
    copy = tmp_path / "gap.duckdb"
    shutil.copy(real_warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        con.execute("""DELETE FROM observation WHERE indicator_code = 'vdem_equality_before_law'
                       AND country_iso3 = 'KAZ' AND year = 2015 AND is_total""")
    finally:
        con.close()
    key = warehouse_key(copy)
    names = name_maps(key, "en")
    countries = ["KAZ", "KGZ"]
    rows = headline_series_of(run_query("overview_headline_series", key, countries=countries, theme=None,
                                        year_from=2010, year_to=2020), countries)
    frame = headline_series_frame(rows, names.themes, names.countries, "en")
    figure = headline_small_multiples(frame, TITLE, "V-Dem Institute", False, "en")
    panel = list(dict.fromkeys(frame["theme_code"])).index("non_discrimination")
    axis = f"x{panel + 1}" if panel else "x"
    kazakhstan = next(trace for trace in figure.data if trace.xaxis == axis and trace.legendgroup == "KAZ")
    years = list(kazakhstan.x)
    assert years == list(range(2010, 2021))
    assert kazakhstan.y[years.index(2015)] is None                        # a gap, not zero
    assert all(value is not None for year, value in zip(years, kazakhstan.y) if year != 2015)
    assert not kazakhstan.connectgaps
    assert 2015 not in set(frame[(frame["country_iso3"] == "KAZ") & (frame["theme_code"] == "non_discrimination")]["year"])


def test_year_ticks_are_few_whole_years():
    assert year_ticks(2008, 2023) == [2010, 2015, 2020]
    assert year_ticks(2019, 2021) == [2019, 2020, 2021]
    assert year_ticks(2020, 2020) == [2020]
    assert year_ticks(1991, 2023) == [2000, 2010, 2020]


def test_russian_labels(real_warehouse, monkeypatch):
    at = open_page(monkeypatch, real_warehouse, "overview", lang="ru", country=["KAZ", "TJK"])
    title = t(TITLE, lang="ru")
    assert title != TITLE
    spec = figures_by_title(at)[title]
    names = name_maps(warehouse_key(real_warehouse), "ru")
    titles = [plain_title(text.replace("<b>", "").replace("</b>", "")) for text in panel_titles(spec)]
    assert titles and all(any(text.startswith(theme) for theme in names.themes.values()) for text in titles)
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        russian_names = [name for (name,) in con.execute(
            "SELECT name_ru FROM indicator WHERE is_headline AND name_ru IS NOT NULL").fetchall()]
    finally:
        con.close()
    assert all(any(name in text for name in russian_names) for text in titles)
    assert {trace["name"] for trace in spec["data"]} == {"Казахстан", "Таджикистан"}
    source = next(note["text"] for note in spec["layout"]["annotations"] if note.get("name") == SOURCE_ANNOTATION)
    assert plain_title(source).startswith("Источник")
    assert t("Headline indicators", lang="ru") in [header.value for header in at.header]


# ---- in the browser ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_small_multiples_are_legible_at_four_screen_sizes(real_server):
    """Loaded at 1024x768, then the window resized to each other size (tests/test_legibility.py: the server
    lays nothing out from the window's size), measured once the charts are redrawn at the new width."""
    from playwright.sync_api import sync_playwright

    from browser_support import artifacts_dir, launch_chromium
    from test_legibility import PROBLEMS_JS, SIZES, at_each_size

    found, drawn = {}, {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:   # a busy machine is slow, not illegible: three minutes to load
            for page, (width, height) in at_each_size(browser, real_server.url(""), timeout_ms=180_000):
                chart = page.locator(".js-plotly-plot", has_text=TITLE)
                chart.evaluate("plot => plot.scrollIntoView({block: 'start'})")
                page.screenshot(path=str(artifacts_dir() / f"overview-headlines-{width}x{height}.png"))
                drawn[(width, height)] = chart.evaluate("plot => [plot._fullData.length, plot._fullLayout.width]")
                found[(width, height)] = [problem for problem in page.evaluate(PROBLEMS_JS)
                                          if problem.lstrip().startswith(TITLE[:40])]
        finally:
            browser.close()
    assert all(count >= 5 for count, _ in drawn.values()), drawn       # the panels' lines are drawn
    widths = [width for _, width in drawn.values()]
    assert widths == sorted(widths) and len(set(widths)) == len(SIZES), drawn   # redrawn wider at each size
    assert found == {size: [] for size in SIZES}


def test_presentation_mode_shows_the_panels_as_laid_out(real_warehouse):
    """Presentation mode's larger type and 620 px height would pile the panel titles onto the panels: the
    small multiples are presented at their own size and type, with thicker lines."""
    from ui.presentation import presentation_figure

    key = warehouse_key(real_warehouse)
    names = name_maps(key, "en")
    rows = headline_series_of(run_query("overview_headline_series", key, countries=["KAZ", "UZB"], theme=None,
                                        year_from=2008, year_to=2023), ["KAZ", "UZB"])
    figure = headline_small_multiples(headline_series_frame(rows, names.themes, names.countries, "en"),
                                      TITLE, "V-Dem Institute", False, "en")
    big = presentation_figure(figure)
    assert big.layout.height == figure.layout.height and big.layout.margin == figure.layout.margin
    assert [note.font.size for note in big.layout.annotations] == [note.font.size for note in figure.layout.annotations]
    assert all(trace.line.width == 3 and trace.line.width > original.line.width
               for trace, original in zip(big.data, figure.data))
    assert [list(trace.y) for trace in big.data] == [list(trace.y) for trace in figure.data]


def _real_small_multiples(warehouse: Path):
    key = warehouse_key(warehouse)
    names = name_maps(key, "en")
    countries = list(warehouse_defaults(warehouse).countries)
    rows = headline_series_of(run_query("overview_headline_series", key, countries=countries, theme=None,
                                        year_from=2008, year_to=2023), countries)
    return headline_small_multiples(headline_series_frame(rows, names.themes, names.countries, "en"),
                                    TITLE, "V-Dem Institute", False, "en")


@pytest.mark.slow
def test_exported_image_and_slide_keep_the_panels_proportions(real_warehouse):
    """The PNG download is as tall as the panels need (not squeezed into 900 px), and the deck's picture keeps
    the rendered image's proportions inside the chart box (a squeezed 16:9 picture piled titles onto panels)."""
    import datetime
    import io

    from PIL import Image
    from pptx import Presentation

    from exports.decorate import ExportHeader
    from exports.deck import build_deck
    from exports.slide_layout import CHART_BOX, ReportItem, chart_png_or_reason
    from ui.chart_block import IMAGE_HEIGHT, IMAGE_WIDTH, image_bytes

    figure = _real_small_multiples(real_warehouse)
    plot_px = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
    header = ExportHeader(title=TITLE, subtitle="Countries: the five", is_demo=False, source="V-Dem Institute",
                          years="2008–2023", export_date=datetime.date(2026, 11, 29), files=(), version="v")
    width, height = Image.open(io.BytesIO(image_bytes(figure, header, "png", "en"))).size
    assert width == IMAGE_WIDTH and height > IMAGE_HEIGHT and height >= plot_px
    item = ReportItem(figure=figure, title=TITLE, key_message="", source="V-Dem Institute", years="2008–2023",
                      filters="", method="", table=None)
    slide_png, reason = chart_png_or_reason(item, False, "en")
    assert reason == ""
    image_width, image_height = Image.open(io.BytesIO(slide_png)).size
    deck = Presentation(io.BytesIO(build_deck([item], "Central Asia", ["Kazakhstan"], ["All themes"], "Method.",
                                              ["V-Dem Institute"], is_demo=False, lang="en")))
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    picture = next(shape for shape in pictures if abs(shape.top - int(CHART_BOX.top * 914400)) < 10)
    assert abs(picture.width / picture.height - image_width / image_height) < 0.01
    assert picture.height <= int(CHART_BOX.height * 914400) + 1 and picture.width <= int(CHART_BOX.width * 914400) + 1


def test_the_cards_latest_and_previous_values_are_those_of_the_series(real_warehouse):
    """The cards take each country's latest value and the one before it from the small multiples' rows
    (latest_headlines): checked against the yearly totals computed straight from the warehouse."""
    defaults = warehouse_defaults(real_warehouse)
    expected = expected_series(real_warehouse, defaults.countries, defaults.year_from, defaults.year_to)
    every = sorted(run_query("filter_choices_countries", warehouse_key(real_warehouse))["iso3"])
    rows = headline_series_of(run_query("overview_headline_series", warehouse_key(real_warehouse), countries=every,
                                        theme=None, year_from=defaults.year_from, year_to=defaults.year_to),
                              defaults.countries)
    found = {(row["theme_code"], row["country_iso3"]): row for row in latest_headlines(rows).to_dict("records")}
    wanted = {}
    for theme, chosen in expected.items():
        for iso3, points in chosen["points"].items():
            years = sorted(points, reverse=True)
            wanted[(theme, iso3)] = (chosen["indicator"], years[0], points[years[0]],
                                     years[1] if len(years) > 1 else None,
                                     points[years[1]] if len(years) > 1 else None)
    assert wanted and any(previous is not None for *_, previous in wanted.values())
    assert set(found) == set(wanted)
    for key, (code, latest_year, latest_value, previous_year, previous_value) in wanted.items():
        row = found[key]
        assert row["indicator_code"] == code and int(row["latest_year"]) == latest_year
        assert row["latest_value"] == pytest.approx(latest_value)
        if previous_year is None:
            assert pd.isna(row["previous_year"]) and pd.isna(row["previous_value"])
        else:
            assert int(row["previous_year"]) == previous_year
            assert row["previous_value"] == pytest.approx(previous_value)
