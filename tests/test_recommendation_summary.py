"""Build-time denormalisations the pages count from: recommendation.theme_codes and
recommendation_summary must agree with the canonical tables, and the queries built on them must
give the figures a direct query gives."""
from __future__ import annotations

import duckdb
import pytest

import random

import pandas as pd

from apptest_support import warehouse_defaults
from indicators.queries import execute, query_text
from viewmodels.recommendations import summary_query


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


def test_the_summary_from_recommendation_summary_equals_the_scan_of_the_recommendations(warehouse):
    """The Recommendations page counts from recommendation_summary when its filters allow: the same rows
    as the scan of every recommendation, on 150 random selections; any other filter takes the scan."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        def values(sql: str) -> list:
            return [row[0] for row in con.execute(sql).fetchall()]
        choices = {"mechanism": [None, *values("SELECT DISTINCT mechanism FROM recommendation")],
                   "response": [None, "supported", "noted", "no_response", "pledges"],
                   "cycle": [None, *values("SELECT code FROM cycle")],
                   "theme": [None, *values("SELECT code FROM theme")]}
        countries = values("SELECT DISTINCT country_iso3 FROM recommendation ORDER BY 1")
        years = values("SELECT DISTINCT year FROM recommendation WHERE year IS NOT NULL ORDER BY 1")
        draw = random.Random(7)
        compared = non_empty = 0
        for _ in range(150):
            first, last = sorted(draw.sample(years, 2)) if len(years) > 1 else (years[0], years[0])
            params = {key: draw.choice(options) if draw.random() < 0.5 else None for key, options in choices.items()}
            params.update(countries=draw.sample(countries, draw.randint(1, len(countries))), year_from=first,
                          year_to=last, body=None, recommending_state=None, action=None, status=None,
                          sdg=None, persons=None, tag=None, recurs=False)
            name, chosen = summary_query(params)
            assert name == "recommendations_summary_cube"
            kind = draw.choice(["upr", "programming"])
            pd.testing.assert_frame_equal(execute(con.cursor(), name, {**chosen, "cycle_kind": kind}),
                                          execute(con.cursor(), "recommendations_summary", {**params, "cycle_kind": kind}))
            compared += 1
            non_empty += bool(execute(con.cursor(), name, {**chosen, "cycle_kind": kind})["recommendations"].iloc[0])
        assert compared == 150 and non_empty >= 50
    assert summary_query({**params, "action": 3})[0] == "recommendations_summary"
    assert summary_query({**params, "recurs": True})[0] == "recommendations_summary"
