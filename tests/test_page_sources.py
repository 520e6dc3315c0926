"""App tests of the Data and sources page: sources, indicator catalogue, data gaps."""
from __future__ import annotations

from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from apptest_support import open_page as open_app_page, warehouse_defaults

PROJECT_DIR = Path(__file__).resolve().parents[1]


def open_page(monkeypatch, warehouse, **params) -> AppTest:
    return open_app_page(monkeypatch, warehouse, "sources", **params)


def direct(warehouse: Path, sql: str, params=None) -> list:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


def tables(at: AppTest) -> dict:
    """First column name -> DataFrame of each table on the page."""
    return {frame.value.columns[0] + ":" + frame.value.columns[1]: frame.value for frame in at.dataframe}


def missing_expected(warehouse: Path, indicators, countries, year_from, year_to) -> set:
    present = set(direct(warehouse, """SELECT DISTINCT indicator_code, country_iso3, year FROM observation
        WHERE list_contains($i, indicator_code) AND list_contains($c, country_iso3)
          AND year BETWEEN $a AND $b""", {"i": list(indicators), "c": list(countries), "a": year_from,
                                          "b": year_to}))
    return {(i, c, y) for i in indicators for c in countries for y in range(year_from, year_to + 1)
            if (i, c, y) not in present}


def by_default(warehouse: Path) -> tuple:
    """(countries, first year, last year) the page shows under the default filters of `warehouse`."""
    defaults = warehouse_defaults(warehouse)
    return defaults.countries, defaults.year_from, defaults.year_to


def names(warehouse: Path, table: str, key: str) -> dict:
    return dict(direct(warehouse, f"SELECT {key}, name_en FROM {table}"))


def missing_shown(at: AppTest, warehouse: Path) -> set:
    frame = tables(at)["Country:Indicator"]
    countries = {v: k for k, v in names(warehouse, "country", "iso3").items()}
    indicators = {v: k for k, v in names(warehouse, "indicator", "code").items()}
    return {(indicators[i], countries[c], int(y)) for c, i, y in frame.itertuples(index=False)}


def test_default_view(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    assert [s.value for s in at.subheader] == ["Sources loaded", "Indicator catalogue", "Data gaps", "Reviews loaded"]
    shown = tables(at)
    sources = shown["File:Format"]
    (count,), = direct(demo_warehouse, "SELECT count(*) FROM source")
    assert len(sources) == count
    assert sources["Demonstration data"].tolist() == ["Yes"] * count
    spans = dict((source, f"{first}–{last}") for source, first, last in direct(demo_warehouse, """
        SELECT s.id, min(y), max(y) FROM source s JOIN (
            SELECT source_id, year y FROM observation UNION ALL SELECT source_id, year FROM recommendation
            UNION ALL SELECT source_id, year FROM ratification UNION ALL SELECT source_id, year(date) FROM event
            UNION ALL SELECT source_id, year(date) FROM implementation) d ON d.source_id = s.id
        GROUP BY s.id"""))
    files = dict(direct(demo_warehouse, "SELECT file, id FROM source"))
    assert len(spans) == count
    assert [spans[files[file]] for file in sources["File"]] == sources["Years covered"].tolist()
    catalogue = shown["Indicator:Code"]
    assert sorted(catalogue["Code"]) == sorted(code for (code,) in direct(demo_warehouse, "SELECT code FROM indicator"))
    selected = at.multiselect(key="src_indicators").value
    assert len(selected) == 3
    assert missing_shown(at, demo_warehouse) == missing_expected(demo_warehouse, selected, *by_default(demo_warehouse))
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Years with a value (1) and missing (0)" in spec and "Demonstration data" in spec


def test_filtered_view(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    at.multiselect(key="src_indicators").set_value(["demo_detention_visits"]).run()
    assert not at.exception
    assert at.query_params["indicator"] == "demo_detention_visits"
    expected = missing_expected(demo_warehouse, ["demo_detention_visits"], *by_default(demo_warehouse))
    assert expected                                           # the last year at least has no value
    assert missing_shown(at, demo_warehouse) == expected


def test_view_from_url(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, indicator=["demo_nhri_complaints", "demo_nhri_status"],
                   country=["KAZ", "TJK"], years="2000-2024", theme="nhri")
    assert at.multiselect(key="src_indicators").value == ["demo_nhri_complaints", "demo_nhri_status"]
    expected = missing_expected(demo_warehouse, ["demo_nhri_complaints", "demo_nhri_status"],
                                ("KAZ", "TJK"), 2000, 2024)
    assert missing_shown(at, demo_warehouse) == expected
    catalogue = tables(at)["Indicator:Code"]
    assert sorted(catalogue["Code"]) == sorted(code for (code,) in direct(
        demo_warehouse, "SELECT code FROM indicator WHERE theme_code = 'nhri'"))


def test_hostile_url_parameter_is_ignored(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse,
                   indicator=["'; DROP TABLE observation; --", "[x](javascript:alert(1))", "demo_nhri_status"])
    assert at.multiselect(key="src_indicators").value == ["demo_nhri_status"]
    toasts = [toast.value for toast in at.toast]
    assert len(toasts) == 1 and toasts[0].count("indicator=") == 2 and "(2)" in toasts[0]
    assert not any("](" in toast for toast in toasts)
    (count,), = direct(demo_warehouse, "SELECT count(*) FROM observation")
    assert count > 0


def test_no_data_selection(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, indicator="demo_detention_visits", years="1990-2000",
                   country="UZB")
    infos = [info.value for info in at.info]
    assert any("No values at all for these indicators" in info and "Uzbekistan" in info for info in infos)
    assert missing_shown(at, demo_warehouse) == {("demo_detention_visits", "UZB", year)
                                                 for year in range(1990, 2001)}


def test_real_warehouse_sources_and_gaps(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, indicator="fariss_human_rights_protection", country="KAZ")
    sources = tables(at)["File:Format"]
    upr = sources[sources["File"].str.endswith("upr_info_export_sessions01-09_17-20_central_asia.csv")]
    assert upr["Rows loaded"].tolist() == [729]
    assert upr["Years covered"].tolist() == ["2008–2014"]
    assert upr["Publisher"].tolist() == ["UPR Info"]
    # web address, version date and citation from data/sources.yml's publishers: list
    assert upr["Web address"].tolist() == ["https://www.upr-info.org"]
    assert upr["Accessed"].tolist() == ["Aug 14, 2015"]
    assert "rochelleterman/uprs" in upr["Citation"].iloc[0]
    assert set(sources["Demonstration data"]) == {"No"}
    present = {year for (year,) in direct(real_warehouse, """SELECT DISTINCT year FROM observation
        WHERE indicator_code = 'fariss_human_rights_protection' AND country_iso3 = 'KAZ'""")}
    _, first, last = by_default(real_warehouse)
    expected = {("fariss_human_rights_protection", "KAZ", y) for y in range(first, last + 1) if y not in present}
    assert len(expected) < last + 1 - first
    assert missing_shown(at, real_warehouse) == expected


def test_reviews_table_is_built_when_opened(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse)
    # closed (the default), the reviews' table is not built
    assert "Country:Mechanism" not in tables(at)
    at.session_state["sources-review-coverage-open"] = True
    at.run()
    assert not at.exception
    frame = tables(at)["Country:Mechanism"]
    countries = names(real_warehouse, "country", "iso3")
    selected = list(by_default(real_warehouse)[0])
    # each loaded UPR review of the selected countries: that session's recommendations in the warehouse
    received = {(countries[iso3], f"UPR session {session}"): count for iso3, session, count in direct(
        real_warehouse, """SELECT country_iso3, session, count(*) FILTER (WHERE NOT is_pledge) FROM recommendation
                           WHERE mechanism = 'upr' AND session IS NOT NULL AND list_contains($c, country_iso3)
                           GROUP BY ALL""", {"c": selected})}
    shown = {(row["Country"], row["Review"].split(" (")[0]): row["Recommendations"]
             for _, row in frame.iterrows() if row["Mechanism"] == "UPR" and row["Status"] == "Loaded"}
    assert shown and shown == received
    not_loaded = frame[frame["Status"] == "Not loaded (no data)"]
    assert not_loaded["Recommendations"].isna().all()      # no count, not zero


def test_gaps_for_every_country_narrowed_equal_the_selections_own(real_warehouse):
    """The page asks which country-years have values once for every choosable country and keeps the
    selection's rows: that equals asking the database for the selection alone."""
    import pandas as pd

    from indicators.queries import run_query
    from indicators.records import of_countries
    from indicators.warehouse import warehouse_key
    key = warehouse_key(real_warehouse)
    every = sorted(run_query("filter_choices_countries", key)["iso3"])
    indicators = [code for (code,) in direct(real_warehouse,
                                             "SELECT DISTINCT indicator_code FROM observation ORDER BY 1")]
    compared = 0
    for chosen in (indicators[:4], indicators[4:12], indicators[-3:]):
        for selection in (["KAZ", "KGZ", "TJK", "TKM", "UZB"], ["UZB"], ["KGZ", "TKM"]):
            alone = run_query("sources_coverage", key, indicators=chosen, countries=selection, year_from=2000,
                              year_to=2024)
            narrowed = of_countries(run_query("sources_coverage", key, indicators=chosen, countries=every,
                                              year_from=2000, year_to=2024), selection)
            pd.testing.assert_frame_equal(narrowed, alone, check_dtype=False)
            compared += not alone.empty
    assert compared >= 5
