"""ui.chart_block and ui.presentation: deferred PNG/SVG/Excel downloads, presentation mode by button and URL."""
from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from urllib.parse import parse_qs

import openpyxl
import plotly.graph_objects as go
from PIL import Image
from streamlit.testing.v1 import AppTest

from exports.decorate import ExportHeader, with_header
from exports.images import figure_png
from indicators.markdown import inline_code
from indicators.queries import run_query
from indicators.warehouse import warehouse_key
from ui import chart_block
from ui.presentation import FONT_SIZE, HEIGHT_PX, TITLE_SIZE, presentation_figure, requested_chart

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHART_APP = PROJECT_DIR / "tests" / "chart_block_app.py"   # app.py with the overview = tests/chart_block_page.py
CHART_IDS = ("test-trend", "test-bar", "test-responses")
DEMO_NOTE = "Demonstration data – not real figures"


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("ROCA_ARTIFACTS", PROJECT_DIR / "tests" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def chart_app(monkeypatch, warehouse: Path, **params) -> AppTest:
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(CHART_APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def button_keys(at: AppTest) -> list[str]:
    return [button.key for button in at.button]


# ---- pure parts -------------------------------------------------------------------------------------

def test_requested_chart_accepts_ids_and_rejects_anything_else():
    assert requested_chart({}) == (None, [])
    assert requested_chart({"present": ["overview-heatmap"]}) == ("overview-heatmap", [])
    assert requested_chart({"present": ["a_b-9"]}) == ("a_b-9", [])
    for hostile in ("<script>", "Overview", "a" * 81, "", "x/../y", "x y"):
        chart, ignored = requested_chart({"present": [hostile]})
        assert chart is None and ignored == [f"present={hostile[:40]}"]


def test_presentation_figure_is_large_and_leaves_the_original_alone():
    figure = go.Figure(go.Scatter(x=[2019, 2020], y=[1, 2], mode="lines"))
    figure.update_layout(font_size=16, title=dict(text="Trend", font=dict(size=22)),
                         annotations=[dict(text="Source: X", font=dict(size=14), yshift=-80, showarrow=False)])
    before = figure.to_dict()
    big = presentation_figure(figure)
    assert (big.layout.font.size, big.layout.title.font.size, big.layout.height) == (FONT_SIZE, TITLE_SIZE, HEIGHT_PX)
    assert big.layout.legend.font.size == FONT_SIZE
    assert big.layout.annotations[0].font.size == round(14 * FONT_SIZE / 16)
    assert big.layout.annotations[0].yshift == round(-80 * FONT_SIZE / 16)
    assert big.data[0].line.width == 4
    assert figure.to_dict() == before


def test_presentation_title_is_rewrapped_to_fit_a_1024_pixel_screen():
    from ui.presentation import SCREEN_WIDTH, TITLE_CHARACTERS

    title = "Core treaties and optional protocols: year of ratification<br>(as of 2025)"
    big = presentation_figure(go.Figure(layout=dict(title=dict(text=title), margin=dict(t=100))))
    lines = big.layout.title.text.split("<br>")
    assert " ".join(lines) == "Core treaties and optional protocols: year of ratification (as of 2025)"
    assert len(lines) == 2 and all(len(line) <= TITLE_CHARACTERS for line in lines)
    assert TITLE_CHARACTERS * 0.55 * TITLE_SIZE <= SCREEN_WIDTH - 2 * 24 <= 1024 - 2 * 16   # about 0.55 em a character


def test_export_figure_drops_only_the_notes_the_header_redraws():
    figure = go.Figure(layout=dict(annotations=[dict(name="source_line", text="s"), dict(name="demo_watermark", text="d"),
                                                dict(name="event", text="e")]))
    assert [note.name for note in chart_block.export_figure(figure).layout.annotations] == ["event"]
    assert len(figure.layout.annotations) == 3


def test_export_footer_moves_below_long_category_labels():
    header = ExportHeader(title="Bars", source="S", years="2020")
    long_labels = go.Figure(go.Bar(x=["Democratic space and fundamental freedoms", "Short"], y=[1, 2]))
    plain = with_header(long_labels, header, 1600, "en")
    footer_before = plain.layout.annotations[-1].yshift
    moved = chart_block.with_tick_label_room(with_header(long_labels, header, 1600, "en"))
    assert moved.layout.annotations[-1].yshift < footer_before - 100
    assert moved.layout.margin.b - plain.layout.margin.b == footer_before - moved.layout.annotations[-1].yshift
    years = go.Figure(go.Scatter(x=[2019, 2020], y=[1, 2]))
    assert chart_block.with_tick_label_room(with_header(years, header, 1600, "en")).to_dict() == \
        with_header(years, header, 1600, "en").to_dict()


# ---- the chart block in the app -----------------------------------------------------------------------

def test_every_chart_has_csv_excel_png_svg_report_and_presentation_buttons(monkeypatch, demo_warehouse, deferred):
    at = chart_app(monkeypatch, demo_warehouse)
    assert len(plotly_specs(at)) == 3
    files = [button.proto.deferred_file_id for button in at.get("download_button")]
    assert len(files) == 18    # 3 charts x (CSV, Excel, sources, PNG, SVG) + table (CSV, Excel, sources)
    for chart_id in CHART_IDS:
        assert f"report-{chart_id}" in button_keys(at)
        assert {f"{chart_id}.xlsx", f"{chart_id}.png", f"{chart_id}.svg"} <= set(deferred)
    assert {"test-table.csv", "test-table.xlsx", "test-table-sources.txt"} <= set(deferred)
    assert [link.proto.url for link in at.get("link_button")] == [f"?present={chart_id}" for chart_id in CHART_IDS]


def test_csv_downloads_are_built_only_when_clicked_with_the_bytes_of_what_is_drawn(
        monkeypatch, demo_warehouse, deferred):
    built = []
    real_csv_bytes = chart_block.csv_bytes
    monkeypatch.setattr(chart_block, "csv_bytes", lambda *args: built.append(args) or real_csv_bytes(*args))
    chart_app(monkeypatch, demo_warehouse, country="KGZ")
    assert built == []                                   # a rerun builds no CSV
    assert {f"{chart_id}.csv" for chart_id in CHART_IDS} | {"test-table.csv"} <= set(deferred)
    clicked = deferred["test-responses.csv"]()
    assert len(built) == 1
    drawn = run_query("brief_recommendations", warehouse_key(demo_warehouse), country="KGZ").dropna(
        subset=["theme_code"])
    assert clicked == real_csv_bytes(drawn, True, "en")
    header = clicked.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[:len(drawn.columns)] == list(drawn.columns) and len(drawn) > 0


def test_png_and_svg_are_rendered_on_click_with_the_export_header(monkeypatch, demo_warehouse, deferred):
    chart_app(monkeypatch, demo_warehouse, country="KGZ", years="2010-2024")
    png = deferred["test-bar.png"]()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1600, 900)
    (artifacts_dir() / "chart_block_bar.png").write_bytes(png)
    svg = deferred["test-trend.svg"]().decode("utf-8")
    assert 'width="1600"' in svg
    assert "Countries: Kyrgyzstan · Years: 2010–2024" in svg
    assert re.search(r"Source: Test source · Data: 2010–20\d\d · Exported \w+ \d+, 20\d\d", svg)
    assert DEMO_NOTE in svg
    assert svg.count("Source: Test source") == 1        # the on-screen source line is not drawn twice


def test_chart_excel_has_the_data_and_metadata_with_filters_sources_licences_time_and_demo_note(
        monkeypatch, demo_warehouse, deferred):
    chart_app(monkeypatch, demo_warehouse, theme="fair_trial")
    workbook = openpyxl.load_workbook(io.BytesIO(deferred["test-responses.xlsx"]()))
    assert workbook.sheetnames == ["Data", "Metadata"]
    metadata = {row[0]: row[1] for row in workbook["Metadata"].iter_rows(min_row=2, values_only=True)}
    assert metadata["Title"] == "Recommendations by theme"
    assert metadata["Filters"].startswith("Countries: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan")
    assert "Theme: Fair trial, independence of judges and lawyers" in metadata["Filters"]
    assert metadata["Source"] == "Test source"
    demo_file = metadata["Source file 1 (publisher — file — sha256 — licence)"]
    assert demo_file.startswith("Demonstration data (generated by the dashboard) — ") and " — sha256 " in demo_file
    assert len(metadata["Warehouse version"]) == 12
    assert metadata["Cite this chart"].endswith(f"warehouse version {metadata['Warehouse version']}.")
    assert "Export time" in metadata and metadata["Note"] == DEMO_NOTE
    table = openpyxl.load_workbook(io.BytesIO(deferred["test-table.xlsx"]()))
    assert table["Data"].max_row == 1 + 7      # one row per theme
    assert {"Filters", "Export time", "Note"} <= {row[0] for row in table["Metadata"].iter_rows(values_only=True)}


def test_without_chromium_the_hint_replaces_png_and_svg(monkeypatch, demo_warehouse, deferred):
    monkeypatch.setattr(chart_block, "server_export_available", lambda: False)
    at = chart_app(monkeypatch, demo_warehouse)
    labels = [button.label for button in at.get("download_button")]
    assert "Download PNG" not in labels and labels.count("Download Excel") == 4
    assert any("apt-get install chromium" in caption.value for caption in at.caption)
    for element in at.get("plotly_chart"):   # plotly's own camera button still saves a 1600 px PNG
        assert json.loads(element.proto.config)["toImageButtonOptions"]["width"] == 1600


# ---- presentation mode ----------------------------------------------------------------------------------

def assert_presenting(at: AppTest, title_fragment: str, laid_out: bool = False) -> dict:
    specs = plotly_specs(at)
    assert len(specs) == 1
    layout = specs[0]["layout"]
    if laid_out:   # panels placed in pixels (small multiples): their own type and height, thicker lines
        assert layout["meta"]["presentation"] == "as_laid_out"
        assert specs[0]["data"] and all(trace["line"]["width"] == 3 for trace in specs[0]["data"])
    else:
        assert layout["font"]["size"] == FONT_SIZE and layout["title"]["font"]["size"] == TITLE_SIZE
        assert layout["height"] == HEIGHT_PX
    assert title_fragment in layout["title"]["text"]
    assert not at.get("download_button") and not at.get("link_button") and not at.title and not at.button
    exits = [link.proto for link in at.get("page_link")]
    assert [link.label for link in exits] == ["Exit presentation mode"]
    assert "present" not in parse_qs(exits[0].query_string)
    return specs[0]


def test_presentation_mode_from_url_shows_one_large_chart_with_the_same_filters(monkeypatch, demo_warehouse):
    at = chart_app(monkeypatch, demo_warehouse, present="test-bar", country="TJK")
    spec = assert_presenting(at, "Latest values")
    assert at.query_params["present"] == "test-bar" and at.query_params["country"] == "TJK"
    figure = go.Figure(spec)
    content = figure_png(figure, width=1600, height=HEIGHT_PX)
    assert Image.open(io.BytesIO(content)).size == (1600, HEIGHT_PX)
    (artifacts_dir() / "presentation_mode.png").write_bytes(content)
    exit_link = at.get("page_link")[0].proto
    assert parse_qs(exit_link.query_string) == {"country": ["TJK"]} and exit_link.page_script_hash
    at.query_params.pop("present")      # what following the exit link does
    at.run()
    assert not at.exception
    assert len(plotly_specs(at)) == 3 and "present" not in at.query_params
    assert at.query_params["country"] == "TJK"


def test_presentation_link_on_each_chart_carries_the_filters_and_opens_presentation_mode(
        monkeypatch, demo_warehouse):
    at = chart_app(monkeypatch, demo_warehouse, country=["KGZ", "TJK"], theme="fair_trial")
    links = [element.proto for element in at.get("link_button")]
    assert [link.label for link in links] == ["Presentation mode"] * 3
    link = links[2].url
    assert link == "?country=KGZ&country=TJK&theme=fair_trial&present=test-responses"
    query = parse_qs(link[1:])
    presenting = chart_app(monkeypatch, demo_warehouse, **{name: values if len(values) > 1 else values[0]
                                                           for name, values in query.items()})
    assert_presenting(presenting, "Recommendations by theme")


def test_every_chart_of_the_real_overview_page_can_be_presented(monkeypatch, demo_warehouse):
    monkeypatch.setenv("ROCA_WAREHOUSE", str(demo_warehouse))
    overview = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60).run()
    links = [element.proto.url for element in overview.get("link_button")]
    assert links, "the overview page shows no chart"
    for link in links:
        at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=60)
        chart_id = parse_qs(link[1:])["present"][0]
        at.query_params["present"] = chart_id
        at.run()
        assert not at.exception
        assert_presenting(at, "", laid_out=chart_id == "overview-headlines-chart")


def test_unknown_chart_id_shows_a_notice_and_the_normal_page(monkeypatch, demo_warehouse):
    at = chart_app(monkeypatch, demo_warehouse, present="no-such-chart")
    assert "not on this page" in at.info[0].value
    assert len(plotly_specs(at)) == 3 and at.title[0].value == "Overview"


def test_hostile_present_parameter_is_ignored_with_a_notice(monkeypatch, demo_warehouse):
    at = chart_app(monkeypatch, demo_warehouse, present="<img src=x onerror=alert(1)>")
    assert len(plotly_specs(at)) == 3
    hostile = "present=<img src=x onerror=alert(1)>"
    assert [toast.value for toast in at.toast] == [f"Ignored invalid link parameters (1): {inline_code(hostile)}"]
    assert "present" not in at.query_params
