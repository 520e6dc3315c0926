"""App tests of the theme explorer: indicator trends, comparators, recommendations, commitments."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from apptest_support import default_between, open_page as open_app_page, warehouse_defaults

PROJECT_DIR = Path(__file__).resolve().parents[1]


def open_page(monkeypatch, warehouse, **params) -> AppTest:
    return open_app_page(monkeypatch, warehouse, "theme", **params)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def titles(at: AppTest) -> list[str]:
    return [figure["layout"]["title"]["text"].replace("<br>", " ") for figure in figures(at)]


def table_with(at: AppTest, column: str):
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with column {column!r}")


def sql(warehouse, query: str, params=None):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(query, params or []).df()


def headline_names(warehouse, theme: str) -> list[str]:
    defaults = warehouse_defaults(warehouse)
    return sql(warehouse, f"""
        SELECT name_en FROM indicator i
        WHERE catalogued AND theme_code = ? AND is_headline
          AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_code = i.code AND o.is_total
                      AND list_contains({list(defaults.countries)}, o.country_iso3)
                      AND o.year BETWEEN {defaults.year_from} AND {defaults.year_to})
        ORDER BY CASE type WHEN 'structural' THEN 0 WHEN 'process' THEN 1 ELSE 2 END, name_en""",
               [theme])["name_en"].tolist()


def expected_responses(warehouse, theme: str, countries, mechanism=None):
    frame = sql(warehouse, f"""
        SELECT c.name_en AS country,
               count(*) FILTER (WHERE NOT is_pledge AND response = 'supported') AS supported,
               count(*) FILTER (WHERE NOT is_pledge AND response = 'noted') AS noted,
               count(*) FILTER (WHERE NOT is_pledge) AS total
        FROM recommendation r JOIN country c ON c.iso3 = r.country_iso3
        WHERE r.id IN (SELECT recommendation_id FROM recommendation_theme WHERE theme_code = $theme)
          AND list_contains($countries, r.country_iso3) AND r.year {default_between(warehouse)}
          AND ($mechanism::VARCHAR IS NULL OR r.mechanism = $mechanism)
        GROUP BY c.name_en ORDER BY c.name_en""",
                {"theme": theme, "countries": list(countries), "mechanism": mechanism})
    return {row.country: (row.supported, row.noted, row.total) for row in frame.itertuples()}


def shown_responses(at: AppTest):
    table = table_with(at, "Share supported (%)")
    return {row["Country"]: (row["Supported"], row["Noted"], row["Total"])
            for row in table.to_dict("records")}


def test_default_view_shows_non_discrimination_headline_charts_and_counts(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    assert [h.value for h in at.main.header] == ["Non-discrimination and equality"]
    assert at.selectbox(key="theme_page_theme").value == "non_discrimination"
    expected = headline_names(demo_warehouse, "non_discrimination")
    assert expected and set(titles(at)[:len(expected)]) == set(expected)
    first = figures(at)[0]
    assert {trace["name"] for trace in first["data"]} == {"Kazakhstan", "Kyrgyzstan", "Tajikistan",
                                                         "Turkmenistan", "Uzbekistan"}
    notes = " ".join(a.get("text", "") for a in first["layout"]["annotations"])
    assert "Demonstration data" in notes
    assert shown_responses(at) == expected_responses(demo_warehouse, "non_discrimination", warehouse_defaults(demo_warehouse).countries)
    assert "Recommendations by response: Non-discrimination and equality" in titles(at)
    matrix = at.dataframe[-1].value   # the commitments matrix is the last table
    assert matrix["Country"].tolist() == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
                                          "Uzbekistan"]
    structural = sql(demo_warehouse, """SELECT name_en FROM indicator WHERE catalogued
        AND theme_code = 'non_discrimination' AND type = 'structural'""")["name_en"]
    assert set(matrix.columns[1:]) == set(structural)


def test_filtered_view_theme_countries_group_and_mechanism(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, theme="torture_prevention", country=["KAZ", "KGZ"],
                   mechanism="upr")
    assert [h.value for h in at.main.header] == ["Freedom from torture and ill-treatment"]
    at.radio(key="theme_indicator_group").set_value("outcome-1").run()
    assert not at.exception
    expected = sql(demo_warehouse, f"""
        SELECT name_en FROM indicator i WHERE catalogued AND theme_code = 'torture_prevention'
          AND type = 'outcome' AND EXISTS (SELECT 1 FROM observation o WHERE o.indicator_code = i.code
              AND o.is_total AND o.country_iso3 IN ('KAZ','KGZ') AND o.year {default_between(demo_warehouse)})
        ORDER BY NOT is_headline, name_en""")["name_en"].tolist()[:6]
    assert set(titles(at)[:len(expected)]) == set(expected)   # drawn one below the other
    for figure in figures(at)[:len(expected)]:
        assert {trace["name"] for trace in figure["data"]} <= {"Kazakhstan", "Kyrgyzstan"}
    assert shown_responses(at) == expected_responses(demo_warehouse, "torture_prevention",
                                                     ["KAZ", "KGZ"], "upr")


def test_view_from_url_with_comparators(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, theme="nhri", country="KAZ", compare=["TJK", "UZB"])
    assert at.multiselect(key="theme_compare").value == ["TJK", "UZB"]
    assert at.query_params["compare"] == ["TJK", "UZB"]
    names = {trace["name"] for trace in figures(at)[0]["data"]}
    assert names == {"Kazakhstan", "Tajikistan", "Uzbekistan"}
    matrix = at.dataframe[-1].value   # the commitments matrix is the last table
    assert matrix["Country"].tolist() == ["Kazakhstan", "Tajikistan", "Uzbekistan"]
    latest = sql(demo_warehouse, """
        SELECT value, year FROM observation WHERE indicator_code = 'demo_nhri_status'
          AND country_iso3 = 'TJK' AND is_total AND year <= 2025 ORDER BY year DESC LIMIT 1""").iloc[0]
    name = sql(demo_warehouse, "SELECT name_en FROM indicator WHERE code = 'demo_nhri_status'").iloc[0, 0]
    words = "Achieved" if latest["value"] else "Not achieved"
    assert matrix.loc[1, name] == f"{words} ({int(latest['year'])})"
    # recommendations stay those of the countries in the shared filter
    assert list(shown_responses(at)) == ["Kazakhstan"]


def test_hostile_url_parameter_is_ignored(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse,
                   compare=["<script>alert(1)</script>", "KAZ' OR 1=1 --", "XXX"],
                   theme="../../etc/passwd")
    assert at.multiselect(key="theme_compare").value == []
    assert "compare" not in at.query_params
    toasts = " ".join(toast.value for toast in at.toast)
    assert "(3)" in toasts and "`compare=scriptalert1/script`" in toasts and "<" not in toasts
    assert [h.value for h in at.main.header] == ["Non-discrimination and equality"]
    assert all("<script>" not in text for text in titles(at))


def test_no_data_selection_names_the_filters(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, theme="fair_trial", years="1990-1995")
    infos = " ".join(info.value for info in at.info)
    assert "No indicator of this theme has data for this selection" in infos
    assert "No recommendations on this theme for this selection" in infos
    assert "1990–1995" in infos
    assert not [t for t in titles(at) if t.startswith("Recommendations")]


def test_real_warehouse_figures_and_comparators(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, theme="non_discrimination", compare="RUS")
    options = at.multiselect(key="theme_compare").options
    assert options[:4] == ["Russian Federation", "Afghanistan", "Mongolia", "Azerbaijan"]
    shown = shown_responses(at)
    assert shown == expected_responses(real_warehouse, "non_discrimination", warehouse_defaults(real_warehouse).countries)
    assert shown["Kazakhstan"] == (97, 16, 113)   # with Rights of the Child etc. mapped (before: 78, 16, 94)
    traces = {trace.get("name") for figure in figures(at) for trace in figure["data"]}
    assert "Russian Federation" in traces
    vdem = next(f for f in figures(at) if f["layout"]["title"]["text"].startswith("Equality before the law"))
    notes = " ".join(a.get("text", "") for a in vdem["layout"]["annotations"])
    assert "V-Dem" in notes and "Demonstration" not in notes
    # every recommendation of the real UPR Info exports: 493 supported, 236 noted, 2 pledges
    # (the thematic lists in the same folder are about Slovenia)
    totals = sql(real_warehouse, """SELECT count(*) FILTER (WHERE response = 'supported' AND NOT is_pledge),
                                           count(*) FILTER (WHERE response = 'noted' AND NOT is_pledge),
                                           count(*) FILTER (WHERE is_pledge) FROM recommendation
                                    WHERE country_iso3 <> 'SVN'""")
    assert totals.iloc[0].tolist() == [493, 236, 2]


def test_default_view_in_russian_uses_russian_names(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, lang="ru", theme="mechanisms")
    name = sql(demo_warehouse, "SELECT name_ru FROM theme WHERE code = 'mechanisms'").iloc[0, 0]
    assert [h.value for h in at.main.header] == [name]
    matrix = at.dataframe[-1].value
    assert matrix.iloc[:, 0].tolist()[:2] == ["Казахстан", "Кыргызстан"]


def test_results_for_every_country_narrowed_equal_the_selections_own(real_warehouse):
    """The page asks its theme queries once for every choosable country and keeps the selection's rows
    (comparators included): that equals asking the database for the selection alone."""
    import pandas as pd

    from indicators.queries import run_query
    from indicators.records import of_countries
    from indicators.warehouse import warehouse_key
    key = warehouse_key(real_warehouse)
    every = sorted(run_query("filter_choices_countries", key)["iso3"])
    compared = 0
    for theme in run_query("filter_choices_themes", key)["code"]:
        comparators = [code for code in run_query("theme_comparator_choices", key, theme=theme)["iso3"]
                       if code not in ("KAZ", "KGZ", "TJK", "TKM", "UZB")][:2]
        for selection in (["KAZ", "KGZ", "TJK", "TKM", "UZB"], ["UZB", *comparators], ["TKM"]):
            for name, params in (
                    ("theme_observations", {"year_from": 2000, "year_to": 2024}),
                    ("theme_structural", {"year_to": 2020}),
                    ("theme_recommendations", {"mechanism": None, "cycle": None, "year_from": 2008,
                                               "year_to": 2024})):
                alone = run_query(name, key, theme=theme, countries=selection, **params)
                narrowed = of_countries(run_query(name, key, theme=theme, countries=every, **params), selection)
                pd.testing.assert_frame_equal(narrowed, alone, check_dtype=False)   # the same rows and values
                compared += not alone.empty
    assert compared >= 20


def test_each_indicators_series_is_its_rows_of_the_observations(real_warehouse):
    """series_of_each (one pass over the indicator column) gives each indicator's rows as a boolean
    selection does, bands dropped when none is given, for every theme of the real warehouse."""
    import pandas as pd

    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key
    from viewmodels.theme import series_of_each, with_names
    key = warehouse_key(real_warehouse)
    every = sorted(run_query("filter_choices_countries", key)["iso3"])
    compared = 0
    for theme in run_query("filter_choices_themes", key)["code"]:
        observations = with_names(run_query("theme_observations", key, theme=theme, countries=every,
                                            year_from=1990, year_to=2024), "en")
        codes = [*dict.fromkeys(observations["indicator_code"]), "no_such_indicator"]
        found = series_of_each(observations, codes)
        for code in codes:
            rows = observations[observations["indicator_code"] == code]
            expected = rows[["country_iso3", "country_name", "year", "value", "lower", "upper"]].reset_index(drop=True)
            expected = expected.drop(columns=[band for band in ("lower", "upper") if expected[band].isna().all()])
            pd.testing.assert_frame_equal(found[code], expected)
            compared += len(expected) > 0
    assert compared >= 10
