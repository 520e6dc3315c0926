"""App tests of the progress page: the table equals the progress method applied to the whole warehouse."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from apptest_support import open_page as open_app_page, warehouse_defaults

from indicators.markdown import inline_code

from indicators.direction import direction_labels
from indicators.progress import assess, assess_frame, method_explanation, status_labels

PROJECT_DIR = Path(__file__).resolve().parents[1]


def open_page(monkeypatch, warehouse, **params) -> AppTest:
    return open_app_page(monkeypatch, warehouse, "progress", **params)


def sql(warehouse, query: str, params=None) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(query, params or {}).df()


def expected_table(warehouse, countries, kind, theme=None, cycle=None, year_from=None, year_to=None):
    """The progress method on ALL totals of the warehouse (no year bounds), as (indicator, country,
    cycle) -> (baseline year, latest year, status words); cycles overlapping the years (by default
    the warehouse's default year range)."""
    defaults = warehouse_defaults(warehouse)
    year_from, year_to = year_from or defaults.year_from, year_to or defaults.year_to
    observations = sql(warehouse, """
        SELECT indicator_code, country_iso3, year, value, lower, upper, is_total FROM observation
        WHERE list_contains($countries, country_iso3)""", {"countries": list(countries)})
    indicators = sql(warehouse, """
        SELECT i.code, i.name_en, i.progress_method, i.higher_is_better, i.scale_min, i.scale_max,
               coalesce(p.threshold, i.change_threshold) AS change_threshold,
               coalesce(p.threshold_down, i.change_threshold) AS change_threshold_down
        FROM indicator i LEFT JOIN progress_cutpoint p ON p.indicator_code = i.code
        WHERE i.catalogued AND ($theme::VARCHAR IS NULL OR i.theme_code = $theme)""", {"theme": theme})
    cycles = sql(warehouse, """
        SELECT code, name, start_date, end_date FROM cycle WHERE kind = $kind
          AND ($cycle::VARCHAR IS NULL OR code = $cycle)
          AND ($cycle::VARCHAR IS NOT NULL OR (year(start_date) <= $to AND year(end_date) >= $from))""",
                 {"kind": kind, "cycle": cycle, "from": year_from, "to": year_to})
    result = assess_frame(observations, indicators, cycles)
    names = dict(zip(indicators["code"], indicators["name_en"]))
    countries_en = dict(sql(warehouse, "SELECT iso3, name_en FROM country").itertuples(index=False))
    cycle_names = dict(zip(cycles["code"], cycles["name"]))
    labels = status_labels("en")
    return {(names[row.indicator_code], countries_en[row.country_iso3], cycle_names[row.cycle_code]):
            (_int(row.baseline_year), _int(row.latest_year), labels[row.status])
            for row in result.itertuples()}


def _int(value):
    return None if pd.isna(value) else int(value)


def shown_table(at: AppTest) -> dict:
    table = at.dataframe[-1].value
    return {(row["Indicator"], row["Country"], row["Cycle"]):
            (_int(row["Baseline year"]), _int(row["Latest year"]), row["Status"])
            for row in table.to_dict("records")}


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in at.get("plotly_chart")]


def test_default_view_equals_the_method_on_the_whole_warehouse(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    shown = shown_table(at)
    assert shown == expected_table(demo_warehouse, warehouse_defaults(demo_warehouse).countries, "upr")
    assert {cycle for _, _, cycle in shown} == set(sql(demo_warehouse,
                                                       "SELECT name FROM cycle WHERE kind = 'upr'")["name"])
    shown_text = [m.value for m in at.markdown]
    paragraphs = method_explanation("en").split("\n\n")
    assert len(paragraphs) == 6 and all(paragraph in shown_text for paragraph in paragraphs)
    assert at.radio(key="progress_cycle_shown").value == "upr-4"   # the latest cycle with values
    name = sql(demo_warehouse, "SELECT name FROM cycle WHERE code = 'upr-4'").iloc[0, 0]
    assert chart_titles(at) == [f"Progress in {name}"]
    table = at.dataframe[-1].value
    assert set(table["Status"]) <= set(status_labels("en").values())
    assert table["Note"].str.contains("Data gaps|Short series").any()


def test_filtered_view_theme_cycle_and_country(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, theme="torture_prevention", cycle="upr-2", country="KAZ")
    shown = shown_table(at)
    assert shown and shown == expected_table(demo_warehouse, ["KAZ"], "upr", theme="torture_prevention",
                                             cycle="upr-2")
    cycle_name = sql(demo_warehouse, "SELECT name FROM cycle WHERE code = 'upr-2'").iloc[0, 0]
    assert {cycle for _, _, cycle in shown} == {cycle_name}
    assert {country for _, country, _ in shown} == {"Kazakhstan"}
    assert chart_titles(at) == [f"Progress in {cycle_name}"]
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    cells = [text for row in spec["data"][0]["text"] for text in row]
    assert any(label.split()[0] in cell for cell in cells for label in status_labels("en").values())


def test_view_from_url_programming_cycles(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, cycle_kind="programming", country=["KGZ", "TJK"],
                   theme="nhri")
    shown = shown_table(at)
    assert shown == expected_table(demo_warehouse, ["KGZ", "TJK"], "programming", theme="nhri")
    programming = set(sql(demo_warehouse, "SELECT name FROM cycle WHERE kind = 'programming'")["name"])
    assert {cycle for _, _, cycle in shown} == programming
    at.radio(key="progress_cycle_shown").set_value("omp-2014-2017").run()
    assert not at.exception
    assert chart_titles(at) == ["Progress in " + sql(
        demo_warehouse, "SELECT name FROM cycle WHERE code = 'omp-2014-2017'").iloc[0, 0]]


def test_hostile_url_parameter_is_ignored(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, cycle="upr-1';DROP TABLE observation;--",
                   theme="<img src=x onerror=alert(1)>", cycle_kind="evil", country="KAZ")
    toasts = " ".join(at.first_toasts)
    # the names are shown as stripped inline code (toasts render markdown): no link or formatting
    assert inline_code("cycle=upr-1';DROP TABLE observation;--") in toasts
    assert inline_code("cycle_kind=evil") in toasts and len(at.first_toasts) == 1
    assert "cycle" not in at.query_params and "theme" not in at.query_params
    assert shown_table(at) == expected_table(demo_warehouse, ["KAZ"], "upr")
    assert sql(demo_warehouse, "SELECT count(*) FROM observation").iloc[0, 0] > 0


def test_no_data_selection_names_the_filters(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, years="1990-1995", theme="nhri")
    infos = " ".join(info.value for info in at.info)
    assert "No indicator values to assess for this selection" in infos
    assert "1990–1995" in infos and "National human rights institutions" in infos  # names, not codes
    assert not at.get("plotly_chart")


def test_real_warehouse_uses_vdem_cutpoints(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, theme="non_discrimination", cycle="upr-3", country="KAZ")
    shown = shown_table(at)
    assert shown == expected_table(real_warehouse, ["KAZ"], "upr", theme="non_discrimination", cycle="upr-3")
    series = sql(real_warehouse, """SELECT year, value FROM observation WHERE is_total
        AND indicator_code = 'vdem_equality_before_law' AND country_iso3 = 'KAZ' AND year BETWEEN 2017 AND 2022
        ORDER BY year""")
    up, down = sql(real_warehouse, """SELECT threshold, threshold_down FROM progress_cutpoint
        WHERE indicator_code = 'vdem_equality_before_law'""").iloc[0]
    assert (up, down) == (0.04, 0.04)         # the Barometer's up/down cut-points, not `all` (0.0421)
    result = assess(list(series.itertuples(index=False, name=None)), "absolute", True, float(up),
                    change_threshold_down=float(down))
    table = at.dataframe[-1].value
    row = table[table["Indicator"] == "Equality before the law and individual liberty index"].iloc[0]
    assert (row["Baseline year"], row["Latest year"]) == (2017, 2022)
    assert row["Status"] == status_labels("en")[result.status]
    assert row["Direction"] == direction_labels("en")[result.direction]
    assert abs(row["Baseline value"] - series["value"].iloc[0]) < 1e-3


def test_a_selection_assessed_country_by_country_equals_it_assessed_whole(real_warehouse):
    """The page assesses every indicator of each country once (cached) and puts a selection together from
    them, narrowed to the theme: the same rows, order and column types as assessing the selection and theme
    in one go, on the real data (every theme, selections of one to five countries)."""
    from indicators.progress_run import progress_assessments
    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key
    from viewmodels.progress import assessed, named_assessments

    key = warehouse_key(real_warehouse)

    def query(name, **params):
        return run_query(name, key, **params)

    compared = 0
    themes = [None, *run_query("filter_choices_themes", key)["code"]]
    assert {"torture_prevention", "non_discrimination"} <= set(themes)
    for countries in [("KAZ", "KGZ", "TJK", "TKM", "UZB"), ("UZB", "KAZ"), ("TKM", "KGZ", "KAZ"), ("TJK",), ("TKM",)]:
        for theme in themes:
            for kind in ("upr", "programming"):
                cycles, indicators, whole = progress_assessments(query, kind, None, 2000, 2026, list(countries), theme)
                _, _, assembled = assessed(key, kind, None, 2000, 2026, countries, theme, "ru", _query=query)
                if whole is None:
                    assert assembled is None
                    continue
                expected = named_assessments(whole, indicators, query("progress_countries", countries=list(countries)),
                                             cycles, "ru")
                pd.testing.assert_frame_equal(assembled, expected)
                compared += 1
    assert compared >= 40


def test_the_cycles_with_values_are_those_whose_chart_is_not_empty(real_warehouse, demo_warehouse):
    """cycles_with_values (one pass) picks the cycles whose chart_rows are not empty, in the given order, on every
    theme and both kinds of cycle of the real and demonstration warehouses."""
    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key
    from viewmodels.progress import assessed, chart_rows, cycles_with_values

    compared, differing = 0, 0
    for warehouse in (real_warehouse, demo_warehouse):
        key = warehouse_key(warehouse)

        def query(name, **params):
            return run_query(name, key, **params)

        for theme in [None, *run_query("filter_choices_themes", key)["code"]]:
            for kind in ("upr", "programming"):
                cycles, _, named = assessed(key, kind, None, 2000, 2030, ("KAZ", "KGZ", "TJK", "TKM", "UZB"), theme,
                                            "en", _query=query)
                if named is None:
                    continue
                codes = list(cycles["code"])
                expected = [code for code in codes if not chart_rows(named, code).empty]
                assert cycles_with_values(named, codes) == expected
                compared += 1
                differing += len(expected) < len(codes)
    assert compared >= 20 and differing >= 1      # some selections have cycles without a value


def test_progress_chart_names_the_publishers_of_what_it_draws_once_each(monkeypatch, real_warehouse):
    """UPR cycle 4 on the real data: Fariss (ends 2019), RSF (2021) and Freedom House's press freedom (2016)
    have no value inside the cycle; the chart's source line leaves their publishers out, and names each
    publisher once even where an indicator credits two statistics offices together."""
    at = open_page(monkeypatch, real_warehouse, cycle="upr-4")
    left_out = [c.value for c in at.caption if c.value.startswith("No value inside this cycle")]
    assert left_out and "Fariss" in left_out[0] and "RSF" in left_out[0]
    specs = [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
    notes = [a["text"] for spec in specs for a in spec["layout"].get("annotations", [])
             if a.get("text", "").startswith("Source: ")]
    assert len(notes) == 1
    named = notes[0].replace("<br>", " ").split("Source: ", 1)[1].split(" · ")[0]
    publishers = named.split("; ")
    assert len(publishers) == len(set(publishers)) >= 3
    assert "Bureau of National Statistics of the Republic of Kazakhstan" in publishers
    assert "National Statistical Committee of the Kyrgyz Republic" in publishers
    assert not any(word in named for word in ("Fariss", "Reporters Without Borders", "Freedom House (processed"))


def test_indicator_publishers_names_each_publisher_once():
    from viewmodels.progress import indicator_publishers as publishers_of

    indicators = pd.DataFrame({"code": ["a", "b", "c", "d"],
                               "publisher": ["Office A; Office B", "Office B", None, "Office C"]})
    assert publishers_of(indicators, ["a", "b", "c"]) == "Office A; Office B"
    assert publishers_of(indicators, []) == ""
