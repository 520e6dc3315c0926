"""Faster builds equal their definitions: cycle counts, response counts, headline series frames, the sparkline."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from i18n import localized
from indicators.names import NameMaps, frame_names
from indicators.queries import run_query
from indicators.records import of_countries
from indicators.warehouse import warehouse_key
from viewmodels.overview import (COUNT_COLUMNS, cycle_counts_by_country, headline_series_frame,
                                 headline_series_of, indicators_of, publishers_of, response_counts,
                                 share_supported)


def cycle_counts_by_rows(by_cycle: pd.DataFrame, iso3: str, lang: str) -> pd.DataFrame:
    """The definition, one row at a time (the former implementation)."""
    rows = by_cycle[(by_cycle["country_iso3"] == iso3).to_numpy(dtype=bool)].reset_index(drop=True)
    rows["cycle_name"] = [localized({"cycle_name_en": en, "cycle_name_ru": ru}, "cycle_name", lang)
                          for en, ru in zip(rows["cycle_name_en"].tolist(), rows["cycle_name_ru"].tolist())]
    rows["share_supported"] = [share_supported(s, n) for s, n in zip(rows["supported"].tolist(),
                                                                      rows["noted"].tolist())]
    return rows


def response_counts_by_groupby(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    grouped = rows.groupby(by, sort=False)
    counts = grouped[COUNT_COLUMNS].sum().astype("int64")
    counts["first_year"] = grouped["year"].min()
    counts["last_year"] = grouped["year"].max()
    return counts.reset_index()


def by_cycle_frame() -> pd.DataFrame:
    rows = []
    for iso3, cycles in {"KAZ": 4, "KGZ": 1, "UZB": 3}.items():
        for number in range(1, cycles + 1):
            rows.append({"country_iso3": iso3, "cycle_code": f"upr-{number}", "recommendations": 90 + number,
                         "supported": 0 if number == 2 else 40 + number, "noted": 0 if number == 2 else 9,
                         "no_response": 0, "pledges": 1, "first_year": 2008, "last_year": 2011,
                         "cycle_name_en": f"UPR cycle {number}",
                         "cycle_name_ru": None if number == 3 else f"Цикл УПО {number}"})
    rows.append({**rows[0], "country_iso3": "TKM", "supported": 0, "noted": 0})     # only a no-share cycle
    return pd.DataFrame(rows).astype({"country_iso3": "str", "cycle_code": "str", "cycle_name_en": "str"})


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("iso3", ["KAZ", "KGZ", "UZB", "TKM", "TJK"])
def test_cycle_counts_equal_the_row_by_row_definition(iso3, lang):
    frame = by_cycle_frame()
    fast, slow = cycle_counts_by_country(frame, lang).get(iso3), cycle_counts_by_rows(frame, iso3, lang)
    if slow.empty:                                  # a country without rows has no entry
        assert iso3 not in set(frame["country_iso3"]) and fast is None
        return
    assert fast.columns.tolist() == slow.columns.tolist()
    assert fast["cycle_name"].tolist() == slow["cycle_name"].tolist()
    pd.testing.assert_frame_equal(fast.drop(columns="share_supported"), slow.drop(columns="share_supported"))
    for mine, theirs in zip(fast["share_supported"], slow["share_supported"]):
        assert (pd.isna(mine) and pd.isna(theirs)) or mine == theirs


def cube(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "country_iso3": pd.array(rng.choice(["KAZ", "KGZ", "TJK", "TKM", "UZB"], rows), dtype="str"),
        "theme_code": pd.array(rng.choice([f"theme{i}" for i in range(12)] + ["other"], rows), dtype="str"),
        "year": rng.integers(2008, 2026, rows).astype("int32"),
        **{column: rng.integers(0, 60, rows).astype("int64") for column in COUNT_COLUMNS}})
    frame.loc[rng.choice(rows, rows // 20, replace=False), "theme_code"] = None     # no group for a missing key
    return frame


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("by", [["country_iso3", "theme_code"], ["theme_code"], ["country_iso3"]])
def test_response_counts_equal_pandas_groupby(by, seed):
    frame = cube(3000, seed)
    pd.testing.assert_frame_equal(response_counts(frame, by), response_counts_by_groupby(frame, by))
    small = frame.head(1)
    pd.testing.assert_frame_equal(response_counts(small, by), response_counts_by_groupby(small, by))


def test_the_sparkline_equals_the_one_built_with_update_layout():
    import plotly.graph_objects as go

    from indicators.sparklines import SPARK_HEIGHT, cycle_sparkline, short_cycle, two_lines

    received = pd.DataFrame({"recommendations": [129, 0, 140], "share_supported": [0.5, None, 0.8],
                             "cycle_name": ["UPR cycle 1 (2008–2011)", "UPR cycle 2", "UPR cycle 3"]})
    built = cycle_sparkline(received, "ru")
    periods = [short_cycle(name) for name in received["cycle_name"]]
    expected = go.Figure(built.data)
    expected.update_layout(height=SPARK_HEIGHT, margin=dict(l=0, r=0, t=18, b=0), showlegend=False, title_text="",
                           plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)", bargap=0.25,
                           xaxis=dict(type="category", tickfont=dict(size=10), showgrid=False, fixedrange=True,
                                      automargin=True, tickmode="array", tickvals=periods,
                                      ticktext=[two_lines(period) for period in periods]),
                           yaxis=dict(visible=False, fixedrange=True, range=[0, 140 * 1.3]))
    assert built.to_plotly_json() == expected.to_plotly_json()


def headline_series_frame_by_pandas(series: pd.DataFrame, themes: dict, names: dict, lang: str) -> pd.DataFrame:
    """The definition with pandas' mask, map and stable sort (the former implementation)."""
    rows = series[series["theme_code"].isin(list(themes))]
    order = {code: position for position, code in enumerate(themes)}
    rows = rows.iloc[rows["theme_code"].map(order).argsort(kind="stable")]
    name = rows["indicator_code"].map(frame_names(rows, "indicator_code", lang))
    unit = rows["indicator_code"].map(frame_names(rows, "indicator_code", lang, field="unit", english="unit"))
    return pd.DataFrame({
        "theme_code": rows["theme_code"].to_numpy(), "theme": rows["theme_code"].map(themes).to_numpy(),
        "indicator_code": rows["indicator_code"].to_numpy(), "indicator_name": name.to_numpy(),
        "unit": unit.fillna("").to_numpy(), "country_iso3": rows["country_iso3"].to_numpy(),
        "country_name": rows["country_iso3"].map(lambda code: names.get(code, code)).to_numpy(),
        "year": rows["year"].astype("int64").to_numpy(), "value": rows["value"].to_numpy(),
    })


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_headline_series_frame_equals_the_pandas_definition_on_the_real_warehouse(real_warehouse, lang):
    key = warehouse_key(real_warehouse)
    maps = NameMaps.from_frames(run_query("filter_choices_countries", key), run_query("filter_choices_themes", key),
                                run_query("filter_choices_cycles", key), lang)
    compared = 0
    for countries in (["KAZ", "KGZ", "TJK", "TKM", "UZB"], ["UZB", "KAZ"], ["TKM"]):
        for theme in [None, *maps.themes]:
            themes = {theme: maps.themes[theme]} if theme else maps.themes
            rows = headline_series_of(run_query("overview_headline_series", key, countries=countries, theme=theme,
                                                year_from=1990, year_to=2030), countries)
            expected = headline_series_frame_by_pandas(rows, themes, maps.countries, lang)
            found = headline_series_frame(rows, themes, maps.countries, lang)
            if expected.empty:          # no rows (the page says there is no data): the same columns
                assert found.empty and found.columns.tolist() == expected.columns.tolist()
                continue
            pd.testing.assert_frame_equal(found, expected)
            compared += 1
    assert compared >= 10


SELECTION_SQL = {
    "overview_recommendation_sources": "recommendation", "overview_ratification_sources": "ratification"}


@pytest.mark.parametrize("warehouse_name", ["real_warehouse", "demo_warehouse"])
def test_results_for_every_country_narrowed_equal_the_selections_own(warehouse_name, request):
    """The Overview asks once per warehouse for every choosable country and keeps the selection's rows: for
    every subset of the focus countries that equals asking the database for the subset alone."""
    import itertools

    import duckdb
    warehouse = request.getfixturevalue(warehouse_name)
    key = warehouse_key(warehouse)
    every = sorted(run_query("filter_choices_countries", key)["iso3"])
    focus = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        publishers_found = set()
        for size in range(1, 6):
            for selection in map(list, itertools.combinations(focus, size)):
                for name, table in SELECTION_SQL.items():
                    expected = [row[0] for row in con.execute(
                        f"""SELECT DISTINCT coalesce(publisher, title, file) FROM source WHERE id IN (
                            SELECT source_id FROM {table} WHERE list_contains($c, country_iso3)) ORDER BY 1""",
                        {"c": selection}).fetchall()]
                    assert publishers_of(run_query(name, key, countries=every), selection)["publisher"].tolist() \
                        == expected, (name, selection)
                    publishers_found.update(expected)
                narrowed = of_countries(run_query("overview_ratifications", key, countries=every, year_to=2015),
                                        selection)
                alone = run_query("overview_ratifications", key, countries=selection, year_to=2015)
                # the same rows and values (a year column is nullable Int32 when some country's act has no date)
                pd.testing.assert_frame_equal(narrowed, alone, check_dtype=False)
        assert publishers_found                       # the warehouse has publishers to find
        for selection in (focus, ["UZB"], ["KGZ", "TKM"]):
            # the map's indicators: those with a total value for one of the selected countries in the years
            expected = con.execute("""
                SELECT indicator_code, count(DISTINCT country_iso3) FROM observation
                WHERE is_total AND list_contains($c, country_iso3) AND year BETWEEN 2000 AND 2024
                GROUP BY ALL ORDER BY 1""", {"c": selection}).fetchall()
            shown = indicators_of(run_query("overview_map_indicators", key, countries=every, theme=None,
                                            year_from=2000, year_to=2024), selection)
            assert sorted(zip(shown["code"], shown["countries"])) == expected
            assert shown["is_headline"].tolist() == sorted(shown["is_headline"].tolist(), reverse=True)
        indicator = shown["code"].iloc[0]
        for selection in (focus, ["UZB"], ["KGZ", "TKM"]):
            narrowed = of_countries(run_query("overview_map_values", key, indicator=indicator, countries=every,
                                              year_from=2000, year_to=2024), selection)
            alone = run_query("overview_map_values", key, indicator=indicator, countries=selection,
                              year_from=2000, year_to=2024)
            assert not alone.empty
            pd.testing.assert_frame_equal(narrowed, alone, check_dtype=False)
    finally:
        con.close()


def test_narrowing_an_empty_result_keeps_its_columns():
    rows = pd.DataFrame({"country_iso3": pd.Series([], dtype=str), "publisher": pd.Series([], dtype=str)})
    assert of_countries(rows, ["KAZ"]).columns.tolist() == ["country_iso3", "publisher"]
    assert publishers_of(rows, ["KAZ"]).columns.tolist() == ["publisher"]
    series = pd.DataFrame({column: pd.Series([], dtype=object) for column in
                           ("theme_code", "indicator_code", "country_iso3", "year", "value")})
    assert headline_series_of(series, ["KAZ"]).columns.tolist() == series.columns.tolist()
