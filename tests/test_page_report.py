"""The report page: charts added with 'Add to report', reordered, annotated -> PowerPoint deck; PDF country brief."""
from __future__ import annotations

import io
import os
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import pypdf
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from streamlit.testing.v1 import AppTest

from exports.deck import slide_preview_png
from i18n import t
from indicators.markdown import inline_code
from indicators.provenance import warehouse_version
from ui import report_state
from ui.report_state import (
    KEY_MESSAGE_MAX, MAX_ITEMS, add_item, make_record, move_item, remove_item, set_key_message, to_report_items,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHART_APP = PROJECT_DIR / "tests" / "chart_block_app.py"   # app.py with the overview = tests/chart_block_page.py
REPORT_PAGE = str(PROJECT_DIR / "views" / "report.py")
DEMO_NOTE = "Demonstration data – not real figures"
TITLES = {"test-trend": "Core international human rights instruments ratified or acceded to",
          "test-bar": "Latest values", "test-responses": "Recommendations by theme"}


def artifacts_dir() -> Path:
    folder = Path(os.environ.get("ROCA_ARTIFACTS", PROJECT_DIR / "tests" / "artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def report_app(monkeypatch, warehouse: Path, app: Path = CHART_APP, **params) -> AppTest:
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(app), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception
    return at


def open_report(at: AppTest) -> AppTest:
    at.switch_page(REPORT_PAGE)
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [element.value for element in at.text]


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def sample_record(name: str, chart_id: str = "c") -> dict:
    figure = go.Figure(go.Bar(x=["a"], y=[1]), layout=dict(title=dict(text=name)))
    return make_record(figure.to_json(), chart_id=chart_id, page="Overview", title=name, source="V-Dem",
                       years="2019–2023", filters="Countries: Kazakhstan", countries=["KAZ"], theme=None)


# ---- report_state, without Streamlit ------------------------------------------------------------------

def test_report_state_add_remove_move_and_key_message():
    first, second, third = (sample_record(name, name) for name in ("one", "two", "three"))
    items, outcome = add_item([], first)
    assert outcome == "added"
    items, _ = add_item(items, second)
    items, _ = add_item(items, third)
    assert add_item(items, dict(second))[1] == "duplicate"
    assert [item["title"] for item in move_item(items, third["uid"], -1)] == ["one", "three", "two"]
    assert [item["title"] for item in move_item(items, first["uid"], -1)] == ["one", "two", "three"]
    assert [item["title"] for item in move_item(items, first["uid"], 5)] == ["two", "three", "one"]
    assert [item["title"] for item in remove_item(items, second["uid"])] == ["one", "three"]
    messaged = set_key_message(items, second["uid"], "  Rose   by 10 %\n since 2019 ")
    assert messaged[1]["key_message"] == "Rose by 10 % since 2019" and items[1]["key_message"] == ""
    assert len(set_key_message(items, first["uid"], "x" * 999)[0]["key_message"]) == KEY_MESSAGE_MAX
    converted = to_report_items(messaged)
    assert [item.key_message for item in converted] == [None, "Rose by 10 % since 2019", None]
    assert converted[0].figure.layout.title.text == "one"
    many = [sample_record(str(number), str(number)) for number in range(MAX_ITEMS)]
    assert add_item(many, sample_record("extra", "extra"))[1] == "full"


# ---- the page ------------------------------------------------------------------------------------------

def test_no_data_view_empty_report_says_how_to_add_charts(monkeypatch, demo_warehouse, deferred):
    at = open_report(report_app(monkeypatch, demo_warehouse))
    assert at.title[0].value == "Report for donor meetings"
    assert "press 'Add to report' under a chart" in at.info[0].value
    assert "report-deck.pptx" not in deferred and not at.get("plotly_chart")
    assert "country-brief-KAZ.pdf" in deferred       # the brief needs no charts


def test_default_view_three_charts_reordered_into_a_deck_and_a_brief(monkeypatch, demo_warehouse, deferred):
    at = report_app(monkeypatch, demo_warehouse)
    for chart_id in ("test-trend", "test-bar", "test-responses"):
        at.button(key=f"report-{chart_id}").click().run()
        assert not at.exception
    assert "Added to the report (3 charts)" in at.toast[0].value
    at.button(key="report-test-bar").click().run()
    assert at.toast[0].value == "This chart is already in the report."
    open_report(at)
    titles = [TITLES[chart_id] for chart_id in ("test-trend", "test-bar", "test-responses")]
    assert [text for text in texts(at) if text in titles] == titles
    assert len(at.get("plotly_chart")) == 3            # one thumbnail per chart
    items = at.session_state["report_items"]
    assert [item["page"] for item in items] == ["Overview"] * 3
    last = items[2]["uid"]
    at.button(key=f"report-up-{last}").click().run()       # responses above the bar chart
    at.button(key=f"report-remove-{items[0]['uid']}").click().run()   # drop the trend
    at.text_input(key=f"report-msg-{last}").input("Most recommendations concern non-discrimination.").run()
    at.text_input(key="report-title").input("Central Asia: donor briefing").run()
    assert not at.exception
    assert [item["title"] for item in at.session_state["report_items"]] == [TITLES["test-responses"],
                                                                              TITLES["test-bar"]]
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    slides = list(deck.slides)
    titles = [slide.shapes.title.text for slide in slides]
    assert titles[:3] == ["Central Asia: donor briefing", TITLES["test-responses"], TITLES["test-bar"]]
    assert len(titles) >= 4 and set(titles[3:]) == {"Methods and sources"}   # as many as the text needs
    chart_texts = [shape.text_frame.text for shape in slides[1].shapes if shape.has_text_frame]
    assert chart_texts[1] == "Most recommendations concern non-discrimination."
    assert chart_texts[2].startswith("Source: Test source · Filters: Countries: Kazakhstan, Kyrgyzstan")
    assert chart_texts[2].endswith(DEMO_NOTE)
    assert sum(shape.shape_type == MSO_SHAPE_TYPE.PICTURE for shape in slides[2].shapes) == 1
    title_lines = [shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame][1].splitlines()
    assert title_lines[1:] == ["Countries: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan",
                               "Themes: All themes", DEMO_NOTE]
    closing = "\n".join([shape.text_frame.text for shape in slide.shapes if shape.has_text_frame][1]
                        for slide in slides[3:])
    assert "open-sdg progress measure" in closing and "• Test source" in closing
    brief = pdf_text(deferred["country-brief-KAZ.pdf"]())
    assert brief.startswith("Country brief: Kazakhstan") and DEMO_NOTE in brief
    at.button(key="report-preview").click().run()
    assert not at.exception and len(at.get("image")) == 1
    preview = slide_preview_png(to_report_items(at.session_state["report_items"])[0], is_demo=True, lang="en")
    assert Image.open(io.BytesIO(preview)).size == (1600, 900)
    (artifacts_dir() / "report_slide_preview.png").write_bytes(preview)


def test_default_view_with_every_chart_of_the_real_overview_page(monkeypatch, demo_warehouse, deferred):
    at = report_app(monkeypatch, demo_warehouse, app=PROJECT_DIR / "app.py", country=["KAZ", "KGZ"])
    keys = [button.key for button in at.button if button.key.startswith("report-")]
    assert keys, "the overview page shows no chart"
    for key in keys:
        at.button(key=key).click().run()
        assert not at.exception
    items = at.session_state["report_items"]
    assert [f"report-{item['chart_id']}" for item in items] == keys
    assert all("Countries: Kazakhstan, Kyrgyzstan · " in item["filters"] for item in items)
    open_report(at)
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert [title for title in titles[1:] if title != "Methods and sources"] == [item["title"] for item in items]


def test_filtered_view_brief_defaults_to_the_filtered_country(monkeypatch, demo_warehouse, deferred):
    at = open_report(report_app(monkeypatch, demo_warehouse, country="KGZ", theme="fair_trial"))
    brief_country = at.selectbox[0]
    assert brief_country.value == "KGZ" and brief_country.format_func("KGZ") == "Kyrgyzstan"
    brief = pdf_text(deferred["country-brief-KGZ.pdf"]())
    assert brief.startswith("Country brief: Kyrgyzstan")
    with duckdb.connect(str(demo_warehouse), read_only=True) as con:   # the latest UPR cycle with recommendations
        name, total, supported = con.execute(
            "SELECT c.name, count(*), count(*) FILTER (WHERE r.response = 'supported') FROM recommendation r "
            "JOIN cycle c ON c.code = r.cycle_code WHERE r.country_iso3 = 'KGZ' AND NOT r.is_pledge "
            "AND c.kind = 'upr' GROUP BY c.name, c.start_date ORDER BY c.start_date DESC LIMIT 1").fetchone()
    assert f"{name}: {total} UPR recommendations received, {supported} supported" in " ".join(brief.split())


def test_view_from_url_in_russian_with_a_chart_already_in_the_report(monkeypatch, demo_warehouse, deferred):
    at = report_app(monkeypatch, demo_warehouse, lang="ru", country="TJK")
    at.button(key="report-test-bar").click().run()
    open_report(at)
    assert at.title[0].value == t("Report for donor meetings", lang="ru")
    assert at.selectbox(key="report-brief-country-TJK").value == "TJK"
    brief = pdf_text(deferred["country-brief-TJK.pdf"]())
    assert "Таджикистан" in brief
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert len([title for title in titles[1:] if title != t("Methods and sources", lang="ru")]) == 1   # one chart
    assert "Таджикистан" in [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame][1]


def test_hostile_url_parameter_is_ignored(monkeypatch, demo_warehouse, deferred):
    at = report_app(monkeypatch, demo_warehouse, present="../../etc/passwd", country="K'Z", theme="x; DROP TABLE x")
    notices = [toast.value for toast in at.toast]
    assert len(notices) == 1 and notices[0].startswith("Ignored invalid link parameters (3): ")
    for name in ("present=../../etc/passwd", "country=K'Z", "theme=x; DROP TABLE x"):
        assert inline_code(name) in notices[0]
    assert {"present", "country", "theme"}.isdisjoint(at.query_params)
    open_report(at)
    assert at.title[0].value == "Report for donor meetings"
    assert at.selectbox[0].value == "KAZ"


def test_real_warehouse_brief_states_real_facts(monkeypatch, real_warehouse, deferred):
    at = report_app(monkeypatch, real_warehouse, country="KAZ")
    at.button(key="report-test-bar").click().run()
    at = open_report(at)
    assert not at.warning        # real data: no demonstration banner
    brief = pdf_text(deferred["country-brief-KAZ.pdf"]())
    assert "Demonstration" not in brief
    words = " ".join(brief.split())
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        version = warehouse_version(con.execute("SELECT sha256 FROM source").df()["sha256"])
    assert f"warehouse version {version}" in words                   # the brief's first page and its sources
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    slides = list(deck.slides)
    assert f"Warehouse version {version}" in slides[1].notes_slide.notes_text_frame.text
    closing = [shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame][1]
    assert f"Warehouse version {version}" in closing
    assert "Newly ratified or acceded to in UPR cycle 2 (2012-2016): Convention on the Rights of Persons with " \
           "Disabilities (2015)." in words                                     # World Politics Datalab file
    assert "Core civil society index (index, 0-1) 0.387 (2012) 0.324 (2016)" in words   # V-Dem v14
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        supported, noted = con.execute(
            "SELECT count(*) FILTER (WHERE response = 'supported'), count(*) FILTER (WHERE response = 'noted') "
            "FROM recommendation WHERE country_iso3 = 'KAZ' AND NOT is_pledge AND cycle_code = 'upr-2'").fetchone()
    assert supported > 0 and f"{supported} supported" in words and f"and {noted} noted." in words
    assert "UPR Info. data/upr_info_export/" in words and "UPR Info terms of use; attribution required" in words
