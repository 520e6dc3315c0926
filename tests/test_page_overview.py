"""App tests of the overview page (cards, theme heatmap, ratification matrix, map) and its pure helpers."""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

from i18n import t
from indicators.markdown import escape_markdown
from viewmodels.overview import (assign_cycles, complete_grid, direction, direction_arrow,
                                        filter_cube, response_counts)

from apptest_support import default_between, figures_by_title, open_page, warehouse_defaults


def open_overview(warehouse: Path, monkeypatch, **params) -> AppTest:
    return open_page(monkeypatch, warehouse, "overview", **params)


figures = figures_by_title


def card_names(at: AppTest) -> list[str]:
    """Country names heading the cards (bold text, so long names fit five columns)."""
    return [m.value.strip("*") for m in at.markdown if m.value.startswith("**")]


def metrics(at: AppTest) -> list[tuple[str, str]]:
    return [(m.label.replace("\\", ""), m.value) for m in at.metric]


def metric_helps(at: AppTest) -> list[str]:
    return [m.proto.help.replace("\\", "") for m in at.metric]


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_default_view_cards_heatmap_matrix_and_map(demo_warehouse, monkeypatch):
    at = open_overview(demo_warehouse, monkeypatch)
    years = default_between(demo_warehouse)
    assert card_names(at) == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan",
                                               "Uzbekistan"]
    charts = figures(at)
    assert "Recommendations received by country and theme" in charts
    assert any(title.startswith("Core treaties and optional protocols") for title in charts)
    assert any(title.endswith(": latest value") for title in charts)
    # heatmap cells equal a direct count on the warehouse
    heatmap = charts["Recommendations received by country and theme"]["data"][0]
    # a row per theme, a column per country (legible on a 1024 px screen)
    assert heatmap["x"] == ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    expected = dict(((c, th), n) for c, th, n in query(demo_warehouse, f"""
        SELECT r.country_iso3, t.name_en, count(*) FROM recommendation r
        JOIN recommendation_theme rt ON rt.recommendation_id = r.id JOIN theme t ON t.code = rt.theme_code
        WHERE r.year {years} AND NOT r.is_pledge GROUP BY ALL
        UNION ALL
        SELECT country_iso3, 'Other themes', count(*) FROM recommendation
        WHERE year {years} AND NOT is_pledge AND len(theme_codes) = 0 GROUP BY ALL"""))
    assert heatmap["y"][-1] == "Other themes"
    for column_index, iso3 in enumerate(warehouse_defaults(demo_warehouse).countries):
        for row_index, theme in enumerate(heatmap["y"]):
            assert heatmap["z"][row_index][column_index] == expected.get((iso3, theme), 0)
    # the Kazakhstan card: latest UPR cycle count and the share supported, from the warehouse
    (latest_count,) = query(demo_warehouse, f"""SELECT count(*) FROM recommendation
        WHERE country_iso3 = 'KAZ' AND cycle_code = 'upr-4' AND year {years}
        AND NOT is_pledge""")[0]
    supported, noted = query(demo_warehouse, f"""SELECT count(*) FILTER (WHERE response = 'supported'),
        count(*) FILTER (WHERE response = 'noted') FROM recommendation WHERE country_iso3 = 'KAZ'
        AND mechanism = 'upr' AND NOT is_pledge AND cycle_code = 'upr-4'
        AND year {years}""")[0]   # the same cycle as the count beside it
    card = metrics(at)[:2]
    assert card[0] == ("Recommendations", str(latest_count))
    assert card[1] == ("Supported", f"{round(100 * supported / (supported + noted))}%")
    assert metric_helps(at)[0].startswith("Recommendations received, UPR cycle 4 (2022-2027)")
    assert metric_helps(at)[1].startswith("Share of UPR recommendations supported")
    assert "Both: UPR cycle 4 (2022-2027)" in [c.value.replace("\\", "") for c in at.caption]
    # the headline indicators: one small-multiples figure after the cards, no caption per theme on them
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert not [line for line in captions if line.startswith("Non-discrimination and equality — ")]
    panels = [note["text"] for note in charts["Headline indicator of each theme, by year"]["layout"]["annotations"]
              if note.get("name", "").startswith("panel_title_")]
    assert panels[0].startswith("<b>Non-discrimination and equality</b>")
    # the direction of each headline value stays in the cards' table (expander), judged as before; the
    # tables are built only once the expander is opened
    assert not [frame for frame in at.dataframe if "Direction" in frame.value.columns]
    at.session_state["overview-card-tables"] = True
    at.run()
    assert not at.exception
    table = next(frame.value for frame in at.dataframe if "Direction" in frame.value.columns)
    rows = table[table["Theme"] == "Non-discrimination and equality"]
    assert len(rows) == 5 and all(text[:1] in "▲▼–" for text in rows["Direction"])
    assert any("DEMONSTRATION DATA" in (a.get("text") or "")
               for spec in charts.values() for a in spec["layout"].get("annotations", []))


def test_filtered_view_theme_mechanism_and_programming_cycle(demo_warehouse, monkeypatch):
    at = open_overview(demo_warehouse, monkeypatch, country=["KAZ", "UZB"], theme="fair_trial",
                       mechanism="upr", cycle="omp-2018-2023", years="2010-2024")
    assert card_names(at) == ["Kazakhstan", "Uzbekistan"]
    heatmap = figures(at)["Recommendations received by country and theme"]["data"][0]
    assert heatmap["y"] == ["Fair trial, independence of judges and lawyers"]
    rows = dict(query(demo_warehouse, """
        SELECT r.country_iso3, count(*) FROM recommendation r
        JOIN recommendation_theme rt ON rt.recommendation_id = r.id
        WHERE rt.theme_code = 'fair_trial' AND r.mechanism = 'upr' AND r.year BETWEEN 2018 AND 2023
          AND r.year BETWEEN 2010 AND 2024 AND r.country_iso3 IN ('KAZ', 'UZB') AND NOT r.is_pledge
        GROUP BY 1"""))
    assert heatmap["z"][0] == [rows.get("KAZ", 0), rows.get("UZB", 0)]
    helps = metric_helps(at)
    assert any(h.startswith("Recommendations received, OHCHR Management Plan 2018-2021 (extended to 2023)")
               for h in helps)
    assert all("OHCHR Management Plan 2014-2017" not in c.value.replace("\\", "") for c in at.caption)


def test_view_from_url_in_russian(demo_warehouse, monkeypatch):
    at = open_overview(demo_warehouse, monkeypatch, country="KGZ", lang="ru", cycle_kind="programming")
    assert card_names(at) == ["Кыргызстан"]
    assert at.selectbox(key="overview_map_indicator").value is not None
    charts = figures(at)
    assert len([title for title in charts if title]) == 4   # and the card's untitled sparkline
    assert t("Headline indicator of each theme, by year", lang="ru") in charts
    spark = charts[""]["data"][0]
    # the card's cycles, oldest first, by their Russian names in the warehouse; bars labelled by their years
    names_ru = [name for (name,) in query(demo_warehouse, """SELECT name_ru FROM cycle WHERE kind = 'programming'
                                                             ORDER BY start_date""")]
    shown = [hover.rsplit(": ", 1)[0] for hover in spark["hovertext"]]
    assert len(shown) >= 2 and shown == [name for name in names_ru if name in shown]
    assert all(re.fullmatch(r"\d{4}–\d{4}", label) for label in spark["x"]), spark["x"]
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert f"{t('Both: {cycle}', lang='ru', cycle=shown[-1])}" in captions
    assert t("Both: {cycle}", lang="ru", cycle="x") != "Both: x"               # translated, not the English
    latest_count = spark["hovertext"][-1].rsplit(": ", 1)[1].split(" · ")[0]
    assert metrics(at) == [("Рекомендации", latest_count), ("Поддержано", metrics(at)[1][1])]
    assert metrics(at)[1][1].endswith("\xa0%")                       # Russian number format
    card_text = captions + [label for pair in metrics(at) for label in pair] + metric_helps(at) + spark["hovertext"]
    assert not [text for text in card_text if re.search(r"[A-Za-z]{3,}", text)]   # no English word leaks


def test_hostile_url_parameter_is_ignored(demo_warehouse, monkeypatch):
    at = open_overview(demo_warehouse, monkeypatch, country=["KAZ", "<script>alert(1)</script>"],
                       theme="'; DROP TABLE recommendation; --", years="1900-9999")
    assert card_names(at) == ["Kazakhstan"]
    assert len([title for title in figures(at) if title]) == 4
    assert not any("<script>" in (m.value or "") for m in at.markdown)


def test_no_data_selection_names_the_filters(demo_warehouse, monkeypatch):
    at = open_overview(demo_warehouse, monkeypatch, country="KAZ", years="1990-1991",
                       mechanism="special_procedure")
    messages = [info.value for info in at.info]
    assert any(m.startswith("No recommendations for this selection") and "Kazakhstan" in m and "1990–1991" in m
               for m in messages)
    observed = query(demo_warehouse, """SELECT count(*) FROM observation WHERE is_total
        AND country_iso3 = 'KAZ' AND year BETWEEN 1990 AND 1991""")[0][0]
    map_missing = any(m.startswith("No indicator data for this selection") for m in messages)
    assert map_missing == (observed == 0)
    assert any(m.startswith("No ratification data for this selection") for m in messages)
    assert "Recommendations received by country and theme" not in figures(at)
    assert [c.value for c in at.caption if c.value.startswith("No review loaded for this selection")]


def test_real_warehouse_upr_info_figures(real_warehouse, monkeypatch):
    at = open_overview(real_warehouse, monkeypatch)
    captions = [c.value.replace("\\", "") for c in at.caption]
    assert "Both: UPR cycle 2 (2012-2016)" in captions
    assert metrics(at)[0] == ("Recommendations", "198")
    assert metric_helps(at)[0].startswith("Recommendations received, UPR cycle 2 (2012-2016)")
    assert metrics(at)[1] == ("Supported", "74%")   # session 20: 147 of 198, the same cycle as the count
    spark = [chart for chart in at.get("plotly_chart")
             if '"hovertext"' in chart.proto.spec and "UPR cycle 1 (2008-2011): 129" in chart.proto.spec]
    assert len(spark) == 1                            # Kazakhstan's card: one bar per cycle
    bars = json.loads(spark[0].proto.spec)["data"][0]
    assert bars["x"] == ["2008-2011", "2012-2016"] and bars["y"] == [129, 198]
    assert bars["hovertext"] == ["UPR cycle 1 (2008-2011): 129 · 95%", "UPR cycle 2 (2012-2016): 198 · 74%"]
    charts = figures(at)
    matrix = next(spec for title, spec in charts.items() if title.startswith("Core treaties"))["data"][0]
    kazakhstan = matrix["x"].index("Kazakhstan")     # a row per treaty, a column per country
    assert matrix["text"][matrix["y"].index("CAT")][kazakhstan] == "1998"
    assert len(matrix["y"]) == 18


# ---- pure helpers --------------------------------------------------------------------------------------

def card(latest, previous, method="growth", higher=True, threshold=None, **rule):
    return {"latest_value": latest, "previous_value": previous, "latest_year": 2021, "previous_year": 2020,
            "progress_method": method, "higher_is_better": higher, "change_threshold": threshold, **rule}


def test_card_direction_is_the_progress_method_direction():
    assert direction(card(2, 1)) == "better" and direction(card(2, 1, higher=False)) == "worse"
    assert direction(card(1, 2, higher=False)) == "better"
    assert direction(card(1, None)) == "no_previous" and direction(card(1, 1)) == "unchanged"
    # a V-Dem index: a rise below the Barometer's cut-point is no change, at the cut-point a change
    assert direction(card(0.53, 0.50, "absolute", threshold=0.05)) == "stable"
    assert direction(card(0.55, 0.50, "absolute", threshold=0.05)) == "better"
    # a category change is a change; an ambiguous count is described, never judged
    assert direction(card(0, 1, "category")) == "worse"
    assert direction(card(130, 100, "trend", higher=False)) == "unknown"
    assert direction(card(1, 0, method=None)) == "unknown"
    assert direction_arrow(2, 1) == "▲" and direction_arrow(1, 2) == "▼" and direction_arrow(1, 1) == "–"


def test_cube_helpers_regroup_by_programming_cycle():
    cube = pd.DataFrame({"country_iso3": ["KAZ", "KAZ", "KAZ", "UZB"], "mechanism": ["upr"] * 4,
                         "cycle_code": ["upr-2", "upr-3", "upr-3", "upr-3"], "year": [2015, 2019, 2020, 2019],
                         "recommendations": [3, 2, 1, 5], "supported": [3, 0, 0, 5], "noted": [0, 2, 0, 0],
                         "no_response": [0, 0, 0, 0], "pledges": [0, 0, 1, 0]})
    cycles = pd.DataFrame({"code": ["upr-2", "upr-3", "omp-a", "omp-b"],
                           "kind": ["upr", "upr", "programming", "programming"],
                           "name": ["2", "3", "a", "b"], "name_ru": ["2", "3", "a", "b"],
                           "start_date": pd.to_datetime(["2012-01-01", "2017-01-01", "2014-01-01", "2018-01-01"]),
                           "end_date": pd.to_datetime(["2016-12-31", "2022-12-31", "2017-12-31", "2023-12-31"])})
    rows = assign_cycles(filter_cube(cube, ["KAZ"], None, 2008, 2025), cycles, "programming")
    assert sorted(zip(rows["cycle"], rows["recommendations"])) == [("omp-a", 3), ("omp-b", 1), ("omp-b", 2)]
    counts = response_counts(rows, ["cycle"]).set_index("cycle")
    assert counts.loc["omp-b", ["recommendations", "noted", "pledges", "supported"]].tolist() == [3, 2, 1, 0]
    assert counts.loc["omp-b", ["first_year", "last_year"]].tolist() == [2019, 2020]
    assert assign_cycles(cube, cycles, "upr", "upr-2")["recommendations"].tolist() == [3]
    assert filter_cube(cube, ["KAZ", "UZB"], None, 2019, 2019)["recommendations"].sum() == 7


def test_complete_grid_and_markdown_escape():
    grid = complete_grid(pd.DataFrame({"a": ["x"], "b": ["q"], "n": [4]}), "a", "b", "n",
                         {"x": "X", "y": "Y"}, {"p": "P", "q": "Q"})
    assert grid["n"].tolist() == [0, 4, 0, 0]
    # an invisible word joiner after 'http:' so no autolink forms once the escapes are read
    assert escape_markdown("[a](http://x) *b*") == "\\[a\\]\\(http\\:\u2060//x\\) \\*b\\*"
