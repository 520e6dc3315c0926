"""The Russian interface (?lang=ru) on every registered page, and the Russian exports (CSV, Excel, deck, brief)."""
from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest
import streamlit
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from apptest_support import decoded
from apptest_support import open_page as open_app_page

from exports.tables import csv_bytes, excel_bytes, readable_columns
from i18n import t
from i18n.catalog import po_path, read_catalog

PROJECT_DIR = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
UN_NAME, NON_UN_NAME = "Кыргызстан", "Киргизия"
BOM = b"\xef\xbb\xbf"


def registered_pages() -> list[tuple[str, str]]:
    """(path, English title) of every page in app.PAGES (read without running app.py)."""
    import ast
    tree = ast.parse((PROJECT_DIR / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) == "PAGES" for target in node.targets):
            return [(element.elts[0].value, element.elts[1].value) for element in node.value.elts]
    raise AssertionError("app.py defines no PAGES list")


PAGES = registered_pages()
HEADINGS = {"Report": "Report for donor meetings"}   # a page whose heading is longer than its menu title


@pytest.fixture(scope="module")
def english_leaks() -> set[str]:
    """English interface strings whose Russian differs: seeing one on a Russian page is a leak."""
    catalog = read_catalog(po_path("ru"))
    return {message.id for message in catalog
            if isinstance(message.id, str) and message.id and message.string and message.string != message.id
            and not message.fuzzy and CYRILLIC.search(message.string)}


@pytest.fixture
def page_titles(monkeypatch) -> list[str]:
    """The navigation titles app.py hands to st.Page (AppTest does not expose the navigation menu)."""
    titles: list[str] = []
    original = streamlit.Page

    def recording_page(page, *args, **kwargs):
        titles.append(kwargs.get("title"))
        return original(page, *args, **kwargs)

    monkeypatch.setattr(streamlit, "Page", recording_page)
    return titles


def start(monkeypatch, warehouse: Path, **params) -> AppTest:
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=90)
    at.query_params["lang"] = "ru"
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    return at


def open_page(monkeypatch, warehouse: Path, page: str, **params) -> AppTest:
    return open_app_page(monkeypatch, warehouse, page, timeout=90, lang="ru", **params)


def figures(at: AppTest) -> list[dict]:
    return [decoded(json.loads(element.proto.spec)) for element in at.get("plotly_chart")]


def _title(node) -> str:
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, dict):
            return title.get("text") or ""
        return title or ""
    return ""


def chart_texts(spec: dict) -> list[str]:
    """Title, axis and legend titles, trace names, colour-bar titles and notes of one figure."""
    layout = spec.get("layout", {})
    texts = [_title(layout)]
    texts += [_title(value) for key, value in layout.items() if re.fullmatch(r"[xy]axis\d*", key)]
    texts.append(_title(layout.get("legend", {})))
    texts += [note.get("text", "") for note in layout.get("annotations", [])]
    for trace in spec.get("data", []):
        texts.append(trace.get("name") or "")
        texts.append(_title(trace.get("colorbar", {})))
        colorbar = trace.get("colorbar", {})
        texts += [str(tick) for tick in colorbar.get("ticktext", [])]
    return [text for text in texts if text]


def chart_titles(at: AppTest) -> list[str]:
    """Every chart title, its line breaks as spaces (the page fits titles to the screen)."""
    return [_title(spec.get("layout", {})).replace("<br>", " ") for spec in figures(at)]


def categories(at: AppTest) -> set[str]:
    """Every category label drawn on any chart axis (x and y of every trace)."""
    found: set[str] = set()
    for spec in figures(at):
        for trace in spec.get("data", []):
            for axis in ("x", "y", "text"):
                values = trace.get(axis)
                if isinstance(values, list):
                    found.update(str(value) for value in np.ravel(np.array(values, dtype=object)))
    return found


def table_headers(at: AppTest) -> list[str]:
    return [str(column) for table in at.dataframe for column in table.value.columns]


def page_texts(at: AppTest) -> list[str]:
    """Every piece of interface text on the page: headings, notices, labels, table headers, chart texts."""
    texts = [element.value for kind in ("title", "header", "subheader", "caption", "info", "warning",
                                        "success", "error", "markdown", "text") for element in getattr(at, kind)]
    texts += [element.label for kind in ("selectbox", "multiselect", "radio", "number_input", "text_input",
                                         "button", "metric", "expander", "slider") for element in getattr(at, kind)]
    texts += [element.proto.label for kind in ("download_button", "link_button") for element in at.get(kind)]
    texts += [element.proto.help for kind in ("download_button", "link_button", "button")
              for element in at.get(kind) if element.proto.help]
    texts += table_headers(at)
    for spec in figures(at):
        texts += chart_texts(spec)
    return [str(text).replace("\\", "") for text in texts if text]


def assert_russian_page(at: AppTest, english_leaks: set[str], title: str) -> list[str]:
    """The page title in Russian, no interface string left in English, Kyrgyzstan in UN usage."""
    heading = t(HEADINGS.get(title, title), lang="ru")
    assert at.title[0].value == heading and CYRILLIC.search(heading)
    texts = page_texts(at)
    leaks = sorted({text for text in texts if text.strip() in english_leaks})
    assert not leaks, leaks
    everything = " ".join(texts) + " " + " ".join(categories(at))
    assert NON_UN_NAME not in everything
    return texts


def cyrillic(texts) -> list[str]:
    return [text for text in texts if CYRILLIC.search(str(text))]


# ---- app shell: navigation, sidebar, notices --------------------------------------------------------

def test_navigation_and_sidebar_are_russian(monkeypatch, demo_warehouse, page_titles, english_leaks):
    at = start(monkeypatch, demo_warehouse)
    assert page_titles[-len(PAGES):] == [t(title, lang="ru") for _, title in PAGES]
    assert all(CYRILLIC.search(title) for title in page_titles[-len(PAGES):])
    sidebar = at.sidebar
    assert sidebar.multiselect(key="f_countries").label == "Страны"
    assert UN_NAME in sidebar.multiselect(key="f_countries").options
    assert NON_UN_NAME not in sidebar.multiselect(key="f_countries").options
    labels = [widget.label for widget in sidebar.children.values() if hasattr(widget, "label")]
    assert labels == ["Язык", "Страны", "Тема", "Тип цикла", "Цикл", "Годы", "Механизм"]
    assert sidebar.header[0].value == t("Filters", lang="ru") == "Фильтры"
    assert sidebar.selectbox(key="f_mechanism").options == ["Все механизмы", "Универсальный периодический обзор",
                                                            "Договорные органы", "Специальные процедуры"]
    assert sidebar.radio(key="f_cycle_kind").options == ["Цикл УПО", "Программный цикл"]
    assert at.warning[0].value == t("This dashboard is showing demonstration data, not real figures.", lang="ru")


def test_hostile_parameter_notice_is_russian(monkeypatch, demo_warehouse):
    at = start(monkeypatch, demo_warehouse, theme="<script>")
    toasts = [toast.value for toast in at.toast]
    assert any(toast.startswith("Недопустимые параметры ссылки проигнорированы") for toast in toasts), toasts


# ---- every registered page in Russian ----------------------------------------------------------------

def test_every_registered_page_runs_in_russian(monkeypatch, demo_warehouse, english_leaks):
    """A smoke pass over app.PAGES: no exception, Russian title, no English interface string."""
    for path, title in PAGES:
        at = open_page(monkeypatch, demo_warehouse, path, country=["KGZ", "KAZ"])
        texts = assert_russian_page(at, english_leaks, title)
        assert len(cyrillic(texts)) >= 3, (path, texts)


def test_overview_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/overview.py")
    assert_russian_page(at, english_leaks, "Overview")
    titles = chart_titles(at)
    assert t("Recommendations received by country and theme", lang="ru") in titles
    assert any(title.startswith("Основные договоры и факультативные протоколы") for title in titles)
    heatmap = next(spec for spec in figures(at)
                   if _title(spec["layout"]) == "Полученные рекомендации по странам и темам")
    assert heatmap["layout"]["yaxis"]["title"]["text"] == "Тема"       # a row per theme
    assert heatmap["layout"]["xaxis"]["title"]["text"] == "Страна"
    assert UN_NAME in heatmap["data"][0]["x"]
    assert heatmap["layout"]["separators"] == ", "          # decimal comma, space between thousands
    assert f"**{UN_NAME}**" in [m.value for m in at.markdown]
    assert "Поддержано" in [metric.label for metric in at.metric]
    assert any(metric.proto.help.startswith("Доля поддержанных рекомендаций УПО") for metric in at.metric)
    shares = [metric.value for metric in at.metric if metric.label == "Поддержано"]
    assert any(re.fullmatch(r"\d+\s?%", value) for value in shares), shares   # Russian percent: '57 %'
    at.session_state["overview-card-tables"] = True       # the cards' tables, built once opened
    at.run()
    assert_russian_page(at, english_leaks, "Overview")
    assert {"Страна", "Цикл", "Рекомендации"} <= set(table_headers(at))


def test_country_profile_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/country.py", profile="KGZ")
    assert_russian_page(at, english_leaks, "Country profile")
    titles = chart_titles(at)
    assert "Кыргызстан: полученные рекомендации по темам и циклам" in titles
    assert "Кыргызстан: ответы на рекомендации УПО по циклам" in titles
    responses = next(spec for spec in figures(at)
                     if _title(spec["layout"]) == "Кыргызстан: ответы на рекомендации УПО по циклам")
    assert {trace["name"] for trace in responses["data"]} <= {"Поддержано", "Принято к сведению", "Нет ответа",
                                                             "Добровольные обязательства"}
    assert any("цикл УПО" in str(category) for category in categories(at))
    trend = next(spec for spec in figures(at) if spec["layout"].get("legend", {}).get("title"))
    assert trend["layout"]["xaxis"]["title"]["text"] == "Год"
    assert trend["layout"]["legend"]["title"]["text"] == "Страна"
    assert at.selectbox(key="country_profile").label == "Страна"
    assert at.selectbox(key="country_profile").value == "KGZ"


def test_theme_explorer_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/theme.py", theme="torture_prevention")
    assert_russian_page(at, english_leaks, "Theme explorer")
    theme = "Свобода от пыток и жестокого обращения"
    assert at.header[0].value == theme
    titles = chart_titles(at)
    assert f"Рекомендации по ответам государств: {theme}" in titles
    assert f"Доля поддержанных рекомендаций: {theme}" in titles
    assert UN_NAME in categories(at)
    assert {"Страна", "Поддержано", "Принято к сведению", "Всего"} <= set(table_headers(at))
    by_country = next(table.value for table in at.dataframe if "Доля поддержанных (%)" in table.value.columns)
    assert UN_NAME in set(by_country["Страна"])


def test_progress_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/progress.py")
    assert_russian_page(at, english_leaks, "Progress by cycle")
    assert at.expander[0].label == "Как измеряется прогресс"
    method = " ".join(markdown.value for markdown in at.markdown)
    assert "Базовое значение — последнее значение" in method and "мера прогресса open-sdg" in method
    assert "Барометра демократических пространств" in method and "без оценки «хорошо» или «плохо»" in method
    assert any(title.startswith("Прогресс: ") and "цикл УПО" in title for title in chart_titles(at))
    table = at.dataframe[-1].value
    assert {"Показатель", "Страна", "Цикл", "Статус", "Примечание"} <= set(table.columns)
    assert UN_NAME in set(table["Страна"])
    statuses = set(table["Статус"].dropna())
    assert statuses and all(CYRILLIC.search(status) for status in statuses), statuses


def test_recommendations_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/recommendations.py", country="KGZ")
    assert_russian_page(at, english_leaks, "Recommendations")
    titles = chart_titles(at)
    assert "Рекомендации по темам" in titles and "Рекомендации по циклам УПО" in titles
    table = at.dataframe[0].value
    assert {"Год", "Страна", "Механизм / орган", "Рекомендация", "Ответ государства", "Темы"} <= set(table.columns)
    assert set(table["Страна"]) == {UN_NAME}
    # the UPR once, by its name; treaty bodies and special procedures by the body's own name
    upr = table["Механизм / орган"] == "Универсальный периодический обзор"
    assert upr.any() and not table.loc[~upr, "Механизм / орган"].isin(["УПО", "UPR", ""]).any()
    labels = [button.proto.label for button in at.get("download_button")]
    assert any(label.startswith("Скачать CSV (строк: ") for label in labels), labels


def test_sources_in_russian(monkeypatch, demo_warehouse, english_leaks):
    at = open_page(monkeypatch, demo_warehouse, "views/sources.py", country="KGZ")
    assert_russian_page(at, english_leaks, "Data and sources")
    assert {"Файл", "Формат", "Издатель", "Лицензия", "Прочитано строк"} <= set(table_headers(at))
    assert "Годы со значением (1) и без него (0)" in chart_titles(at)
    assert any(str(category).startswith(UN_NAME) for category in categories(at))


@pytest.mark.slow
def test_report_in_russian_with_deck_and_brief(monkeypatch, demo_warehouse, english_leaks, deferred):
    at = open_page(monkeypatch, demo_warehouse, "views/overview.py", country=["KGZ", "KAZ"])
    at.button(key="report-overview-theme-heatmap").click().run()
    assert not at.exception
    assert any(toast.value.startswith("Добавлено в отчет") for toast in at.toast)
    at.switch_page("views/report.py")
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    assert_russian_page(at, english_leaks, "Report")
    assert at.subheader[0].value == "Графики в отчете (1)"
    assert at.selectbox(key="report-brief-country-KGZ").label == "Страна"
    # the deck: exports.deck.build_deck(lang='ru') behind the download button
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    slides = list(deck.slides)
    assert slides[0].shapes.title.text == "Права человека в Центральной Азии: избранные графики"
    assert slides[1].shapes.title.text == "Полученные рекомендации по странам и темам"
    # methods and sources: as many closing slides as the text needs at a legible size
    assert len(slides) >= 3 and {slide.shapes.title.text for slide in slides[2:]} == {"Методы и источники"}
    for slide in slides:
        text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert CYRILLIC.search(text) and NON_UN_NAME not in text
    first = "\n".join(shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame)
    assert "Страны: Кыргызстан, Казахстан" in first
    assert "Демонстрационные данные – не реальные показатели" in first
    closing = "\n".join(shape.text_frame.text for slide in slides[2:] for shape in slide.shapes
                        if shape.has_text_frame)
    assert "Базовое значение — последнее значение" in closing and "Источники" in closing
    assert "Изменение индекса относительно пороговых значений издателя." in closing
    # the brief: exports.brief.build_brief(lang='ru') behind the download button
    reader = pypdf.PdfReader(io.BytesIO(deferred["country-brief-KGZ.pdf"]()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert text.startswith("Справка по стране: Кыргызстан")
    for heading in ("Основные факты", "Графики", "Динамика основных показателей", "Источники"):
        assert heading in text, heading
    assert "Показатель Исходный уровень Последнее значение Статус" in text
    assert "Страница 1 из" in text and NON_UN_NAME not in text
    assert "Page 1 of" not in text and "Key facts" not in text


# ---- exports in Russian -----------------------------------------------------------------------------

def test_csv_with_cyrillic_headers_has_bom_and_decodes_intact():
    frame = pd.DataFrame({"country_iso3": ["KGZ", "KAZ"], "country_name": [UN_NAME, "Казахстан"],
                          "year": [2021, 2022], "value": [0.5, 1234.25], "unit": ["индекс", "=1+1"]})
    content = csv_bytes(readable_columns(frame, "ru"), is_demo=True, lang="ru")
    assert content.startswith(BOM)
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Код страны (ISO3),Страна,Год,Значение,Единица измерения,Примечание к данным"
    rows = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert rows["Страна"].tolist() == [UN_NAME, "Казахстан"]
    assert rows["Единица измерения"].tolist() == ["индекс", "'=1+1"]           # formula neutralised
    assert set(rows["Примечание к данным"]) == {"Демонстрационные данные – не реальные показатели"}


def test_excel_in_russian_has_russian_sheets_and_metadata():
    frame = readable_columns(pd.DataFrame({"country_name": [UN_NAME], "recommendations": [12]}), "ru")
    content = excel_bytes(frame, {t("Title", lang="ru"): "Рекомендации по темам"}, is_demo=True, lang="ru",
                          exported_at=datetime.datetime(2025, 11, 27, 9, 30))
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Данные", "Метаданные"]
    data = list(workbook["Данные"].values)
    assert data[0] == ("Страна", "Рекомендации", "Примечание к данным") and data[1][0] == UN_NAME
    metadata = dict(list(workbook["Метаданные"].values)[1:])
    assert metadata["Название"] == "Рекомендации по темам"
    assert metadata["Время экспорта"].startswith("27 ноября 2025")
    assert metadata["Примечание"] == "Демонстрационные данные – не реальные показатели"


def test_recommendations_full_download_in_russian(monkeypatch, demo_warehouse, deferred):
    at = open_page(monkeypatch, demo_warehouse, "views/recommendations.py", country="KGZ",
                   mechanism="upr")
    content = deferred["recommendations.csv"]()
    assert content.startswith(BOM)
    rows = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert {"Идентификатор", "Код страны (ISO3)", "Механизм", "Рекомендация", "Ответ государства",
            "Темы", "Примечание к данным"} <= set(rows.columns)
    assert set(rows["Код страны (ISO3)"]) == {"KGZ"}
    assert set(rows["Механизм"]) == {"Универсальный периодический обзор"}
    assert set(rows["Ответ государства"].dropna()) <= {"Поддержано", "Принято к сведению"}
    metric = next(m.value for m in at.metric)
    assert len(rows) == int(re.sub(r"\D", "", metric))


def test_chart_downloads_in_russian_excel_metadata_and_svg(monkeypatch, demo_warehouse, deferred):
    """The overview heatmap's Excel (data + metadata sheet) and SVG image, as the Russian page offers them."""
    open_page(monkeypatch, demo_warehouse, "views/overview.py", country=["KGZ", "KAZ"])
    workbook = openpyxl.load_workbook(io.BytesIO(deferred["overview-theme-heatmap.xlsx"]()))
    assert workbook.sheetnames == ["Данные", "Метаданные"]
    rows = list(workbook["Данные"].values)
    assert {"Страна", "Тема", "Рекомендации", "Примечание к данным"} <= set(rows[0])
    assert UN_NAME in {row[rows[0].index("Страна")] for row in rows[1:]}
    metadata = dict(list(workbook["Метаданные"].values)[1:])
    assert metadata["Название"] == "Полученные рекомендации по странам и темам"
    assert metadata["Фильтры"].startswith("Страны: Кыргызстан, Казахстан")
    assert metadata["Источник"] == "Демонстрационные данные (сгенерированные) — не реальные показатели"
    svg = deferred["overview-theme-heatmap.svg"]().decode("utf-8")
    for text in ("Полученные рекомендации по странам и темам", "Страны: Кыргызстан, Казахстан", "Кыргызстан",
                 "Тема"):
        assert text in svg, text
    assert NON_UN_NAME not in svg and "Exported" not in svg


def test_recommending_states_are_named_in_russian(monkeypatch, real_warehouse):
    """The Russian Recommendations table names each recommending state in Russian (Австралия, not Australia)
    when it is one country the warehouse knows; the real UPR Info rows of Kazakhstan."""
    at = open_page(monkeypatch, real_warehouse, "recommendations", country="KAZ")
    table = next(t.value for t in at.dataframe if "Рекомендующее государство" in t.value.columns)
    shown = table["Рекомендующее государство"].tolist()
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        names = dict(con.execute("SELECT name_en, name_ru FROM country WHERE name_ru <> ''").fetchall())
    assert len(shown) > 10
    assert not [name for name in shown if name in names]                 # no English name left
    assert sum(name in names.values() for name in shown) >= len(shown) - 2
