"""App tests of the country profile page (trends with events, recommendations, responses, implementation,
recurring recommendations) and its pure helpers."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from indicators.markdown import escape_markdown
from indicators.queries import execute

from viewmodels.country import default_indicators, profile_from_url, recurring_table, status_frame

from apptest_support import default_between, figures_by_title, open_page


def open_country(warehouse: Path, monkeypatch, **params) -> AppTest:
    return open_page(monkeypatch, warehouse, "country", **params)


figures = figures_by_title


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def recurring_rows(at: AppTest) -> pd.DataFrame | None:
    for frame in at.dataframe:
        if "Recommendation" in frame.value.columns:
            return frame.value
    return None


RECURRING_SQL = """
    SELECT lower(trim(text)) AS normalised, count(DISTINCT cycle_code) AS cycles, count(*) AS received
    FROM recommendation
    WHERE country_iso3 = ? AND mechanism = 'upr' AND cycle_code IS NOT NULL AND year {years}
    GROUP BY 1 HAVING count(DISTINCT cycle_code) >= 2"""


def test_default_view_profiles_the_first_selected_country(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch)
    years = default_between(demo_warehouse)
    assert at.selectbox(key="country_profile").value == "KAZ"
    assert at.query_params["profile"] in ("KAZ", ["KAZ"])
    charts = figures(at)
    # one trend chart per theme by default, each with the country's events drawn on it
    trend_titles = [title for title in charts if not title.startswith("Kazakhstan:")]
    assert 1 <= len(trend_titles) <= 7
    assert any(trace.get("name") == "Events" for title in trend_titles for trace in charts[title]["data"])
    # theme x cycle heatmap equals a direct count
    heatmap = charts["Kazakhstan: recommendations received by theme and cycle"]["data"][0]
    expected = dict(((theme, cycle), n) for theme, cycle, n in query(demo_warehouse, f"""
        SELECT t.name_en, c.name, count(*) FROM recommendation r
        JOIN recommendation_theme rt ON rt.recommendation_id = r.id JOIN theme t ON t.code = rt.theme_code
        JOIN cycle c ON c.code = r.cycle_code
        WHERE r.country_iso3 = 'KAZ' AND r.year {years} AND NOT r.is_pledge GROUP BY ALL
        UNION ALL
        SELECT 'Other themes', c.name, count(*) FROM recommendation r JOIN cycle c ON c.code = r.cycle_code
        WHERE r.country_iso3 = 'KAZ' AND r.year {years} AND NOT r.is_pledge
          AND len(r.theme_codes) = 0 GROUP BY ALL"""))
    assert heatmap["y"][-1] == "Other themes"
    for row_index, theme in enumerate(heatmap["y"]):
        for column_index, cycle in enumerate(heatmap["x"]):
            assert heatmap["z"][row_index][column_index] == expected.get((theme, cycle), 0)
    # implementation: latest status per recommendation
    statuses = dict(query(demo_warehouse, f"""
        WITH latest AS (SELECT recommendation_id, arg_max(status, date) AS status FROM implementation
                        GROUP BY 1)
        SELECT l.status, count(*) FROM latest l JOIN recommendation r ON r.id = l.recommendation_id
        WHERE r.country_iso3 = 'KAZ' AND r.year {years} GROUP BY 1"""))
    bars = charts["Kazakhstan: recommendations by latest implementation status"]["data"][0]
    assert bars["y"] == [statuses.get(code, 0) for code in
                         ("not_implemented", "partially_implemented", "fully_implemented")]
    # recurring recommendations: same rows as a direct query
    table = recurring_rows(at)
    expected_rows = query(demo_warehouse, RECURRING_SQL.format(years=years), ["KAZ"])
    assert table is not None and len(table) == len(expected_rows) > 0
    assert sorted(table["Times received"]) == sorted(received for _, _, received in expected_rows)
    assert set(table["Recommendation"].str.lower().str.strip()) == \
        {normalised for normalised, _, _ in expected_rows}


def test_filtered_view_theme_cycle_mechanism(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch, profile="UZB", theme="torture_prevention",
                      mechanism="upr", cycle="upr-3")
    years = default_between(demo_warehouse)
    assert at.selectbox(key="country_profile").value == "UZB"
    assert [s.value.replace("\\", "") for s in at.subheader][0] == "Freedom from torture and ill-treatment"
    charts = figures(at)
    heatmap = charts["Uzbekistan: recommendations received by theme and cycle"]["data"][0]
    assert heatmap["x"] == ["UPR cycle 3 (2017-2022)"]
    assert heatmap["y"] == ["Freedom from torture and ill-treatment"]
    (count,) = query(demo_warehouse, f"""SELECT count(*) FROM recommendation r
        JOIN recommendation_theme rt ON rt.recommendation_id = r.id
        WHERE r.country_iso3 = 'UZB' AND rt.theme_code = 'torture_prevention' AND r.mechanism = 'upr'
          AND r.cycle_code = 'upr-3' AND r.year {years}""")[0]
    assert heatmap["z"] == [[count]]
    responses = charts["Uzbekistan: responses to UPR recommendations by cycle"]["data"]
    assert sum(sum(trace["y"]) for trace in responses) == count


def test_view_from_url_keeps_the_profile(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch, profile="TJK", lang="ru", cycle_kind="programming")
    assert at.selectbox(key="country_profile").value == "TJK"
    assert any(title.startswith("Таджикистан") or title.startswith("Tajikistan") for title in figures(at))
    at.selectbox(key="country_profile").set_value("KGZ").run()
    assert not at.exception
    assert at.query_params["profile"] in ("KGZ", ["KGZ"])


def test_hostile_url_parameter_is_ignored(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch, profile="../../etc/passwd<script>", country="KGZ")
    assert at.selectbox(key="country_profile").value == "KGZ"
    assert any(info.value.startswith("Ignored invalid link parameters (1): `profile") for info in at.info)
    assert at.query_params["profile"] in ("KGZ", ["KGZ"])
    at = open_country(demo_warehouse, monkeypatch, profile="ZZZ")
    assert at.selectbox(key="country_profile").value == "KAZ"


def test_no_data_selection_names_the_filters(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch, profile="TKM", years="1990-1991", mechanism="upr")
    messages = [info.value for info in at.info]
    for start in ("No recommendations for Turkmenistan", "No UPR recommendations for Turkmenistan",
                  "No implementation status recorded for Turkmenistan",
                  "No recurring UPR recommendations for Turkmenistan"):
        assert any(m.startswith(start) and escape_markdown("Years: 1990–1991") in m for m in messages), start
    assert not [title for title in figures(at) if title and title.startswith("Turkmenistan:")]


def test_real_warehouse_kazakhstan_responses(real_warehouse, monkeypatch):
    at = open_country(real_warehouse, monkeypatch, profile="KAZ")
    responses = figures(at)["Kazakhstan: responses to UPR recommendations by cycle"]["data"]
    by_name = {trace["name"]: trace["y"] for trace in responses}
    assert by_name["Supported"] == [122, 147]     # session 7 (cycle 1) and session 20 (cycle 2)
    assert by_name["Noted"] == [7, 51]
    assert responses[0]["x"] == ["UPR cycle 1 (2008-2011)", "UPR cycle 2 (2012-2016)"]
    recurring = query(real_warehouse, RECURRING_SQL.format(years=default_between(real_warehouse)), ["KAZ"])
    assert len(recurring) == (0 if recurring_rows(at) is None else len(recurring_rows(at)))


# ---- pure helpers ----------------------------------------------------------------------------------------

def test_profile_from_url_validates():
    assert profile_from_url("KAZ", ["KAZ", "KGZ"]) == ("KAZ", False)
    assert profile_from_url("kaz", ["KAZ"]) == (None, True)
    assert profile_from_url("RUS", ["KAZ"]) == (None, True)
    assert profile_from_url(None, ["KAZ"]) == (None, False)


def test_default_indicators_one_per_theme():
    indicators = pd.DataFrame({"code": ["a", "b", "c", "d"], "theme_code": ["t1", "t1", "t2", None],
                               "is_headline": [True, True, False, False]})
    assert default_indicators(indicators) == ["a", "c"]


def test_status_frame_and_recurring_table():
    frame = status_frame(pd.DataFrame({"status": ["fully_implemented"], "recommendations": [3]}), "en")
    assert frame["recommendations"].tolist() == [0, 0, 3]
    table = recurring_table(pd.DataFrame({"text": ["x"], "cycles": ["upr-1, upr-2"], "cycle_count": [2],
                                          "recommendations": [2], "first_year": [2010], "last_year": [2014]}),
                            {"upr-1": "C1", "upr-2": "C2"}, "en")
    assert table.iloc[0].tolist() == ["x", "C1, C2", 2, 2, 2010, 2014]


def test_events_table_is_built_when_opened(demo_warehouse, monkeypatch):
    at = open_country(demo_warehouse, monkeypatch)
    # closed (the default), the events' table is not built; opened, it lists every event drawn
    assert not [frame for frame in at.dataframe if "Event" in frame.value.columns]
    assert [box.label for box in at.expander if box.label == "Events drawn on the charts"]
    at.session_state["country-events-open"] = True
    at.run()
    assert not at.exception
    table = next(frame.value for frame in at.dataframe if "Event" in frame.value.columns)
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    try:
        expected = execute(con.cursor(), "country_events", {"country": "KAZ"})   # what the charts draw
    finally:
        con.close()
    assert len(expected) > 0
    assert sorted(table["Description"]) == sorted(expected["title"])
    assert set(table["Country"]) == {"Kazakhstan"}


def test_the_filters_in_words_name_the_profiles_country(real_warehouse, monkeypatch):
    """The profile of Tajikistan (no review loaded) with the five focus countries in the sidebar: its notices,
    which state the filters that led to them, name Tajikistan, not the sidebar's five countries."""
    at = open_country(real_warehouse, monkeypatch, profile="TJK")
    notices = [info.value.replace("\\", "") for info in at.info if "in this selection" in info.value]
    assert len(notices) >= 3
    for notice in notices:
        words = notice.split(" — ", 1)[1]
        assert "Countries: Tajikistan" in words and "Kazakhstan" not in words and "Uzbekistan" not in words
