"""The shared filters: defaults from the warehouse, URL form, SQL parameters, words in each language."""
from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from apptest_support import figures_by_title, open_page, warehouse_defaults
from etl.build import build_warehouse
from etl.plan import plan_inputs
from i18n import localized
from indicators.names import NameMaps
from indicators.queries import run_query
from indicators.warehouse import warehouse_key
from ui.filters import Choices, FilterDefaults, Filters, parse_filters
from uhri_fixture import write_uhri_workbook

PROJECT_DIR = Path(__file__).resolve().parents[1]
INDICATOR = "sdg_16_3_2_pretrial_custody"     # catalogued (data/templates/indicator_values.csv uses it)


def direct(warehouse: Path, sql: str):
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def small_warehouse(folder: Path, last_year: int) -> Path:
    """A warehouse built from a tidy indicator file (KAZ, 2015..last_year) and a UHRI workbook whose
    newest recommendation is dated in `last_year`."""
    folder.mkdir(parents=True, exist_ok=True)
    values = folder / "indicator_values.csv"
    values.write_text("country,indicator,year,value,lower,upper,disaggregation,note\n" + "".join(
        f"KAZ,{INDICATOR},{year},{10 + year - 2015},,,,Test value\n" for year in range(2015, last_year + 1)),
        encoding="utf-8")
    serial = {2024: 45400, 2026: 46100}[last_year]       # Excel day numbers: 2024-04-19, 2026-03-20
    rows = [{"Text": "Adopt a comprehensive anti-discrimination law.", "Countries Concerned": "- Kazakhstan",
             "Reccomending Body": "- CEDAW", "Themes": "- Equality & non-discrimination",
             "Document Publication Date": 43850, "OHCHR Annotation Id": "t1"},
            {"Text": f"Review the law on peaceful assembly before {last_year + 1}.",
             "Countries Concerned": "- Kazakhstan", "Reccomending Body": "- CCPR",
             "Themes": "- Freedom of opinion and expression", "Document Publication Date": serial,
             "OHCHR Annotation Id": "t2"}]
    workbook = write_uhri_workbook(folder / "uhri_export.xlsx", rows)
    path = folder / "warehouse.duckdb"
    build_warehouse(plan_inputs([values, workbook]), path, log=lambda line: None)
    return path


@pytest.fixture(scope="module")
def warehouse_2026(tmp_path_factory) -> Path:
    return small_warehouse(tmp_path_factory.mktemp("span2026"), 2026)


def span_frame(first, last, first_cycle=2008, last_cycle=2027) -> pd.DataFrame:
    return pd.DataFrame({"first_year": [first], "last_year": [last], "first_cycle_year": [first_cycle],
                         "last_cycle_year": [last_cycle]})


FOCUS_FRAME = pd.DataFrame({"iso3": ["KAZ", "KGZ", "RUS"], "is_focus": [True, True, False]})


def test_defaults_come_from_the_years_and_cycles_held():
    held = FilterDefaults.from_frames(FOCUS_FRAME, span_frame(1991, 2025))
    assert (held.countries, held.first_year, held.last_year) == (("KAZ", "KGZ"), 1991, 2025)
    assert (held.year_from, held.year_to) == (2008, 2025)         # from the first cycle's start to the data's end
    later = FilterDefaults.from_frames(FOCUS_FRAME, span_frame(2015, 2027))
    assert (later.year_from, later.year_to) == (2015, 2027)      # data that begins after the first cycle
    empty = FilterDefaults.from_frames(FOCUS_FRAME, span_frame(None, None))
    assert (empty.year_from, empty.year_to) == (2008, 2027)      # nothing dated yet: the cycles' span


def test_defaults_follow_the_warehouse_span(tmp_path):
    for last_year in (2024, 2026):
        warehouse = small_warehouse(tmp_path / str(last_year), last_year)
        (first, last), = direct(warehouse, """SELECT min(year), max(year) FROM (SELECT year FROM observation
            UNION ALL SELECT year FROM recommendation UNION ALL SELECT year FROM ratification)""")
        (cycle_start,), = direct(warehouse, "SELECT min(year(start_date)) FROM cycle")
        focus = [code for (code,) in direct(warehouse, "SELECT iso3 FROM country WHERE is_focus ORDER BY name_en")]
        defaults = warehouse_defaults(warehouse)
        assert last == last_year
        assert (defaults.first_year, defaults.last_year, defaults.year_to) == (first, last_year, last_year)
        assert defaults.year_from == max(first, cycle_start)
        assert list(defaults.countries) == focus and len(focus) == 5


def test_a_2026_recommendation_and_observation_show_by_default(monkeypatch, warehouse_2026):
    at = open_page(monkeypatch, warehouse_2026, "recommendations")
    assert "years" not in at.query_params                                  # the default range: no parameter
    assert at.slider(key="f_years").value == (warehouse_defaults(warehouse_2026).year_from, 2026)
    (received,), = direct(warehouse_2026, "SELECT count(*) FROM recommendation WHERE NOT is_pledge")
    assert int(at.metric[0].value) == received == 2
    shown = at.dataframe[0].value
    assert shown["Year"].tolist()[0] == 2026
    assert shown["Recommendation"].tolist()[0] == "Review the law on peaceful assembly before 2027."
    country = open_page(monkeypatch, warehouse_2026, "country", profile="KAZ")
    trends = [spec for spec in figures_by_title(country).values() if spec["data"][0].get("mode") != "markers"
              and spec["data"][0].get("x") and spec["data"][0]["x"][0] == 2015]
    assert [trace["x"] for trace in trends[0]["data"][:1]] == [list(range(2015, 2027))]   # 2026 drawn


def test_an_old_link_keeps_its_years(monkeypatch, warehouse_2026):
    at = open_page(monkeypatch, warehouse_2026, "recommendations", years="2008-2025")
    assert at.slider(key="f_years").value == (2008, 2025)
    assert int(at.metric[0].value) == 1                                    # the 2026 text is outside the link's years
    assert at.query_params["years"] in ("2008-2025", ["2008-2025"])


def choices(defaults: FilterDefaults) -> Choices:
    return Choices(defaults=defaults, countries={"KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS"},
                   themes={"nhri", "fair_trial"}, cycles={"upr-3": "upr", "omp-2018-2023": "programming"})


DEFAULTS = FilterDefaults(countries=("KAZ", "KGZ", "TJK", "TKM", "UZB"), first_year=1991, last_year=2026,
                          year_from=2008, year_to=2026)


def test_url_form_round_trips_and_names_only_what_differs():
    default, ignored = parse_filters({}, choices(DEFAULTS))
    assert ignored == [] and default.as_params() == {}
    assert (default.countries, default.year_from, default.year_to) == (DEFAULTS.countries, 2008, 2026)
    link = {"country": ["KGZ", "RUS"], "theme": ["nhri"], "cycle": ["omp-2018-2023"], "years": ["2010-2024"],
            "mechanism": ["upr"], "lang": ["ru"]}
    parsed, ignored = parse_filters(link, choices(DEFAULTS))
    assert ignored == []
    assert parsed.cycle_kind == "programming"
    assert parsed.as_params() == {**link, "cycle_kind": ["programming"]}
    assert parse_filters(parsed.as_params(), choices(DEFAULTS))[0] == parsed
    hostile, ignored = parse_filters({"years": ["1900-9999"], "country": ["<b>"]}, choices(DEFAULTS))
    assert hostile == default and ignored == ["country=<b>", "years=1900-9999"]


def test_sql_parameters():
    filters = replace(Filters.default(DEFAULTS), countries=("KGZ",), theme="nhri", year_from=2010)
    assert filters.sql_params() == {"countries": ["KGZ"], "theme": "nhri", "cycle_kind": "upr", "cycle": None,
                                    "year_from": 2010, "year_to": 2026, "mechanism": None}
    assert filters.sql_params("year_from", "year_to") == {"year_from": 2010, "year_to": 2026}


def demo_names(warehouse: Path, lang: str) -> NameMaps:
    key = warehouse_key(warehouse)
    return NameMaps.from_frames(run_query("filter_choices_countries", key), run_query("filter_choices_themes", key),
                                run_query("filter_choices_cycles", key), lang)


def test_name_maps_are_the_localised_names(demo_warehouse):
    key = warehouse_key(demo_warehouse)
    countries, themes = run_query("filter_choices_countries", key), run_query("filter_choices_themes", key)
    cycles = run_query("filter_choices_cycles", key)
    for lang in ("en", "ru"):
        names = demo_names(demo_warehouse, lang)
        assert names.countries == {row["iso3"]: localized(row, "name", lang) for row in countries.to_dict("records")}
        assert names.themes == {row["code"]: localized(row, "name", lang) for row in themes.to_dict("records")}
        assert list(names.cycles) == cycles["code"].tolist()
        assert names.cycles["upr-3"] == ("3-й цикл УПО (2017–2022)" if lang == "ru" else "UPR cycle 3 (2017-2022)")
        assert list(names.cycles_of_kind("upr")) == ["upr-1", "upr-2", "upr-3", "upr-4"]


def test_words_in_each_language(demo_warehouse):
    defaults = warehouse_defaults(demo_warehouse)
    filters = replace(Filters.default(defaults), countries=("KGZ", "KAZ"), theme="torture_prevention",
                      cycle="upr-3", mechanism="treaty_body", year_from=2012, year_to=2012)
    assert filters.words(demo_names(demo_warehouse, "en"), "en") == (
        "Countries: Kyrgyzstan, Kazakhstan · Theme: Freedom from torture and ill-treatment · "
        "Cycle: UPR cycle 3 (2017-2022) · Mechanism: Treaty bodies · Years: 2012")
    russian = filters.words(demo_names(demo_warehouse, "ru"), "ru")
    assert russian.startswith("Страны: Кыргызстан, Казахстан · Тема: ")
    assert "Цикл: 3-й цикл УПО (2017–2022)" in russian and russian.endswith("Годы: 2012")
    default = Filters.default(defaults).words(demo_names(demo_warehouse, "en"), "en")
    assert default == (f"Countries: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan · "
                       f"Years: {defaults.year_from}–{defaults.year_to}")


def test_context_and_chart_block_import_no_circle():
    imports = set()
    for node in ast.walk(ast.parse((PROJECT_DIR / "ui" / "context.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            imports.add(node.module)
    assert "ui.chart_block" not in imports and "ui.sidebar" not in imports


def test_focus_countries_come_from_the_reference_file(demo_warehouse):
    from etl.countries import load_resolver
    from etl.readers.demo import FOCUS as DEMO_COUNTRIES
    from indicators.focus import focus_countries

    marked = load_resolver().focus                 # data/reference/countries.csv, is_focus = true
    assert len(marked) == 5
    assert set(focus_countries(warehouse_key(demo_warehouse))) == marked == set(DEMO_COUNTRIES)
    assert warehouse_defaults(demo_warehouse).countries == focus_countries(warehouse_key(demo_warehouse))


def test_recommendations_page_filters_word_themselves():
    from viewmodels.recommendations import PageFilters

    chosen = PageFilters(q="torture", body="CAT", response="noted", action=5, sdg="16", persons="women", recurs=True)
    assert chosen.words("en") == ("Search: torture; Body: CAT; Response: Noted; Action category: 5 – specific "
                                  "action; SDG 16; Affected persons: women; Only recommendations that recur from "
                                  "an earlier UPR cycle")
    assert chosen.words("ru").startswith("Поиск: torture; Орган: CAT; Ответ государства: Принято к сведению; ")
    assert PageFilters().words("en") == ""
