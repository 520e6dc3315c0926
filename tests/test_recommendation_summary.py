"""Build-time denormalisations the pages count from: recommendation.theme_codes and
recommendation_summary must agree with the canonical tables, and the queries built on them must
give the figures a direct query gives."""
from __future__ import annotations

import duckdb
import pytest

from apptest_support import warehouse_defaults
from indicators.queries import query_text


def fetch(path, sql: str, params=None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or {}).fetchall()


@pytest.fixture(params=["demo", "real"])
def warehouse(request):
    return request.getfixturevalue(f"{request.param}_warehouse")


def test_theme_codes_equal_recommendation_theme_in_theme_order(warehouse):
    assert fetch(warehouse, "SELECT count(*) FROM recommendation_theme")[0][0] > 0
    unnested = """SELECT id, unnest(theme_codes) FROM recommendation"""
    canonical = "SELECT recommendation_id, theme_code FROM recommendation_theme"
    assert fetch(warehouse, f"SELECT count(*) FROM ({unnested} EXCEPT ALL {canonical})") == [(0,)]
    assert fetch(warehouse, f"SELECT count(*) FROM ({canonical} EXCEPT ALL {unnested})") == [(0,)]
    ordered = fetch(warehouse, """
        SELECT count(*) FROM recommendation r
        WHERE theme_codes <> (SELECT coalesce(list(rt.theme_code ORDER BY t.sort_order, rt.theme_code), [])
                              FROM recommendation_theme rt JOIN theme t ON t.code = rt.theme_code
                              WHERE rt.recommendation_id = r.id)""")
    assert ordered == [(0,)]


def test_summary_counts_every_recommendation_once(warehouse):
    total = fetch(warehouse, "SELECT count(*) FROM recommendation")[0][0]
    assert total > 0
    assert fetch(warehouse, "SELECT sum(recommendations) FROM recommendation_summary") == [(total,)]
    by_country = """SELECT country_iso3, mechanism, response, is_pledge, count(*) FROM recommendation
                    GROUP BY ALL ORDER BY ALL"""
    summed = """SELECT country_iso3, mechanism, response, is_pledge, sum(recommendations)::BIGINT
                FROM recommendation_summary GROUP BY ALL ORDER BY ALL"""
    assert fetch(warehouse, by_country) == fetch(warehouse, summed)


def test_theme_recommendations_equal_a_direct_query(real_warehouse):
    defaults = warehouse_defaults(real_warehouse)
    params = dict(theme="torture_prevention", countries=list(defaults.countries),
                  mechanism="upr", cycle=None, year_from=defaults.year_from, year_to=defaults.year_to)
    found = fetch(real_warehouse, query_text("theme_recommendations"), params)
    direct = fetch(real_warehouse, """
        SELECT r.country_iso3, count(*) FILTER (WHERE NOT r.is_pledge AND r.response = 'supported'),
               count(*) FILTER (WHERE NOT r.is_pledge AND r.response = 'noted'), count(*)
        FROM recommendation r JOIN recommendation_theme rt ON rt.recommendation_id = r.id
        WHERE rt.theme_code = 'torture_prevention' AND r.mechanism = 'upr'
          AND r.year BETWEEN $year_from AND $year_to AND list_contains($countries, r.country_iso3)
        GROUP BY 1 ORDER BY 1""", {key: params[key] for key in ("year_from", "year_to", "countries")})
    assert direct and [(row[0], row[3], row[4], row[7]) for row in found] == direct


def test_recommendations_are_stored_newest_first(demo_warehouse):
    rows = fetch(demo_warehouse, "SELECT year, country_iso3, session, id FROM recommendation")
    key = [(-(year if year is not None else -10**6), country, session is None, session or 0, rid)
           for year, country, session, rid in rows]
    assert key == sorted(key)
