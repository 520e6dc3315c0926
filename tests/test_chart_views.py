"""The chart / table / map switch above each chart, on a warehouse built from ../shared/data: the table shows
the chart's own rows, the map each selected country's latest value (a country without data is left out,
never drawn as zero), and the downloads follow the view picked."""
from __future__ import annotations

import io
import json

import duckdb
import pandas as pd
import pytest

from apptest_support import decoded, open_page, warehouse_defaults

pytestmark = pytest.mark.slow


def sql(warehouse, query: str, params=None) -> pd.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(query, params or []).df()


def theme_chart_ids(at) -> list[str]:
    return [group.key.removeprefix("view-") for group in at.button_group
            if group.key and group.key.startswith("view-theme-") and group.key != "view-theme-responses"
            and group.key != "view-theme-share-supported"]


def latest_by_country(warehouse, indicator: str) -> dict[str, tuple[int, float]]:
    """Each focus country's latest yearly total of `indicator` in the default years, from the warehouse."""
    defaults = warehouse_defaults(warehouse)
    frame = sql(warehouse, """
        SELECT country_iso3, arg_max(year, year) AS year, arg_max(value, year) AS value FROM (
            SELECT country_iso3, year, avg(value) AS value FROM observation
            WHERE indicator_code = $code AND is_total AND value IS NOT NULL
              AND list_contains($countries, country_iso3) AND year BETWEEN $low AND $high
            GROUP BY country_iso3, year)
        GROUP BY country_iso3""", {"code": indicator, "countries": list(defaults.countries),
                                  "low": defaults.year_from, "high": defaults.year_to})
    return {row.country_iso3: (int(row.year), float(row.value)) for row in frame.itertuples()}


def the_figure(at, chart_id: str) -> dict:
    for element in at.get("plotly_chart"):
        if element.proto.id and chart_id in element.proto.id:
            return decoded(json.loads(element.proto.spec))
    raise AssertionError(f"no chart {chart_id}")


def test_every_chart_offers_chart_and_table_and_the_theme_trends_a_map(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, "theme")
    ids = theme_chart_ids(at)
    assert ids, "the theme page draws at least one indicator trend on the real warehouse"
    for chart_id in ids:
        group = at.button_group(key=f"view-{chart_id}")
        assert group.value == "chart"
        assert list(group.options) in (["Chart", "Table", "Map"], ["Chart", "Table"])
    assert any("Map" in at.button_group(key=f"view-{chart_id}").options for chart_id in ids)
    assert list(at.button_group(key="view-theme-responses").options) == ["Chart", "Table"]


def test_the_table_view_shows_the_rows_the_chart_draws(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, "theme")
    chart_id = theme_chart_ids(at)[0]
    code = chart_id.removeprefix("theme-")
    charts_before = len(at.get("plotly_chart"))
    at.button_group(key=f"view-{chart_id}").set_value("table").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == charts_before - 1   # the chart gave way to its table
    defaults = warehouse_defaults(real_warehouse)
    expected = sql(real_warehouse, """
        SELECT country_iso3, year, avg(value) AS value FROM observation
        WHERE indicator_code = $code AND is_total AND list_contains($countries, country_iso3)
          AND year BETWEEN $low AND $high
        GROUP BY country_iso3, year ORDER BY country_iso3, year""",
                   {"code": code, "countries": list(defaults.countries), "low": defaults.year_from,
                    "high": defaults.year_to})
    tables = [element.value for element in at.dataframe if "Year" in element.value.columns
              and "Value" in element.value.columns and len(element.value) == len(expected)]
    assert tables, "a table with the chart's rows"
    shown = tables[0]
    assert shown["Year"].astype(int).tolist() == expected["year"].astype(int).tolist()
    assert shown["Value"].astype(float).round(6).tolist() == expected["value"].astype(float).round(6).tolist()
    captions = [caption.value.replace("\\", "") for caption in at.caption]   # markdown escapes removed
    assert any(caption.startswith("Source: ") and "Data year" in caption for caption in captions), captions


def test_the_map_view_draws_each_countrys_latest_value_and_its_download_has_those_rows(
        monkeypatch, real_warehouse, deferred):
    at = open_page(monkeypatch, real_warehouse, "theme")
    mapped = [chart_id for chart_id in theme_chart_ids(at)
              if "Map" in at.button_group(key=f"view-{chart_id}").options]
    assert mapped
    chart_id = mapped[0]
    at.button_group(key=f"view-{chart_id}").set_value("map").run()
    assert not at.exception
    figure = the_figure(at, chart_id)
    choropleth = next(trace for trace in figure["data"] if trace["type"] == "choropleth")
    drawn = dict(zip(choropleth["locations"], choropleth["z"]))
    expected = latest_by_country(real_warehouse, chart_id.removeprefix("theme-"))
    assert set(drawn) == set(expected)   # a selected country without a value is not drawn (no zero)
    assert {iso3: round(value, 6) for iso3, value in drawn.items()} == \
        {iso3: round(value, 6) for iso3, (_, value) in expected.items()}
    assert figure["layout"]["title"]["text"].replace("<br>", " ").endswith(": latest value")
    rows = pd.read_csv(io.BytesIO(deferred[f"{chart_id}.csv"]()), encoding="utf-8-sig")
    assert sorted(zip(rows["Year"].astype(int), rows["Value"].astype(float).round(6))) == \
        sorted((year, round(value, 6)) for year, value in expected.values())


def test_the_overview_map_offers_map_and_table_in_russian(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, "overview", lang="ru")
    group = at.button_group(key="view-overview-map")
    assert group.value == "map"
    assert list(group.options) == ["Карта", "Таблица"]
    heatmap = at.button_group(key="view-overview-theme-heatmap")
    assert heatmap.value == "chart" and list(heatmap.options) == ["График", "Таблица"]
