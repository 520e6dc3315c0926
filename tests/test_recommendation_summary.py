"""Build-time denormalisations the pages count from: recommendation.theme_codes and
recommendation_summary must agree with the canonical tables, and the queries built on them must
give the figures a direct query gives."""
from __future__ import annotations

import random
from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd
import pytest

from apptest_support import warehouse_defaults
from indicators.queries import execute, query_text
from indicators.search_index import load_index
from indicators.search_query import run_search
from viewmodels.recommendations import PAGE_SIZE, count_query, page_count, page_query, sources_query, summary_query


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


def selection_choices(con) -> dict:
    """What random_selection draws from: each filter's values in this warehouse."""
    def values(sql: str) -> list:
        return [row[0] for row in con.execute(sql).fetchall()]
    return {"mechanism": [None, *values("SELECT DISTINCT mechanism FROM recommendation ORDER BY 1")],
            "response": [None, "supported", "noted", "no_response", "pledges"],
            "cycle": [None, *values("SELECT code FROM cycle ORDER BY 1")],
            "theme": [None, *values("SELECT code FROM theme ORDER BY 1")],
            "countries": values("SELECT DISTINCT country_iso3 FROM recommendation ORDER BY 1"),
            "years": values("SELECT DISTINCT year FROM recommendation WHERE year IS NOT NULL ORDER BY 1")}


def random_selection(choices: dict, draw: random.Random) -> dict:
    """Random values of the filters recommendation_summary answers (each set half of the time), the others unset."""
    years, countries = choices["years"], choices["countries"]
    first, last = sorted(draw.sample(years, 2)) if len(years) > 1 else (years[0], years[0])
    params = {key: draw.choice(choices[key]) if draw.random() < 0.5 else None
              for key in ("mechanism", "response", "cycle", "theme")}
    params.update(countries=draw.sample(countries, draw.randint(1, len(countries))), year_from=first,
                  year_to=last, body=None, recommending_state=None, action=None, status=None,
                  sdg=None, persons=None, tag=None, recurs=False)
    return params


def test_every_text_has_one_row_of_recommendation_summary(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        summary = load_index(con).summary
        texts = con.execute("SELECT count(*) FROM recommendation").fetchall()[0][0]
        table = con.sql("SELECT * FROM recommendation_summary ORDER BY rowid").to_arrow_table()
        one = con.execute("""SELECT country_iso3, mechanism, cycle_code, year, response, is_pledge, source_id,
                                    theme_codes FROM recommendation ORDER BY rowid LIMIT 1""").fetchall()[0]
    assert len(summary.of_text) == texts > 0
    assert summary.of(np.arange(texts)).equals(table)              # every text counted in its row, once
    assert summary.of(np.array([0])).to_pylist() == [dict(zip(table.column_names, (*one, 1)))]


def test_a_search_is_counted_and_paged_from_its_summary_rows_as_by_the_scan(warehouse):
    """For a search with only the filters recommendation_summary answers, the page counts its matched texts' rows
    of that table and pages them in stored order: the same counts and pages as the scan of every recommendation
    joined with the matches, on 60 random selections and searches; any other filter takes the scan."""
    searches = ("torture", "women", "rights", "human rights defenders", '"civil society"', "пытк", "journalist*",
                "discrimination -women", "children OR women")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        index, choices = load_index(con), selection_choices(con)
        draw = random.Random(11)
        compared = non_empty = 0
        for _ in range(60):
            params = random_selection(choices, draw)
            hits = run_search(index, draw.choice(searches)).hits
            name, chosen = summary_query({**params, "hits": hits})
            assert name == "recommendations_summary_cube" and chosen.pop("hits") is hits
            kind = draw.choice(["upr", "programming"])
            counts = execute(con.cursor(), name, {**chosen, "cycle_kind": kind}, hits)
            pd.testing.assert_frame_equal(counts, execute(con.cursor(), "recommendations_summary",
                                                          {**params, "cycle_kind": kind}, hits))
            total = int(counts.loc[counts["facet"] == "total", "recommendations"].iloc[0])
            count_name, count_params = count_query({**params, "hits": hits})
            assert count_name == "recommendations_count_cube" and count_params.pop("hits") is hits
            assert execute(con.cursor(), count_name, count_params, hits)["recommendations"].tolist() == [total]
            assert execute(con.cursor(), "recommendations_count", params, hits)["recommendations"].tolist() == [total]
            sources_name, sources_params = sources_query({**params, "hits": hits})
            assert sources_name == "recommendations_sources_cube" and sources_params.pop("hits") is hits
            publishers = execute(con.cursor(), sources_name, sources_params, hits)
            pd.testing.assert_frame_equal(publishers, execute(con.cursor(), "recommendations_sources", params, hits))
            assert (len(publishers) > 0) == (total > 0)
            page_name, page_params = page_query({**params, "hits": hits})
            assert page_name == "recommendations_page_searched"
            del page_params["hits"]
            for offset in sorted({0, (page_count(total) - 1) * PAGE_SIZE}):
                searched = execute(con.cursor(), page_name, {**page_params, "page_size": PAGE_SIZE, "offset": offset},
                                   hits)
                assert len(searched) == min(PAGE_SIZE, total - offset)
                pd.testing.assert_frame_equal(searched, execute(con.cursor(), "recommendations_page",
                                                                {**params, "page_size": PAGE_SIZE, "offset": offset},
                                                                hits))
            compared += 1
            non_empty += total > 0
        assert compared == 60 and non_empty >= 15
    assert page_query({**params, "hits": hits, "body": "UPR"}) == ("recommendations_page",
                                                                  {**params, "hits": hits, "body": "UPR"})
    unsummarised = replace(hits, summary=None)      # hits without their summary rows: the scan
    assert summary_query({**params, "hits": unsummarised})[0] == "recommendations_summary"
    assert page_query({**params, "hits": unsummarised})[0] == "recommendations_page"


def test_the_summary_from_recommendation_summary_equals_the_scan_of_the_recommendations(warehouse):
    """The Recommendations page counts from recommendation_summary when its filters allow: the same rows
    as the scan of every recommendation, on 150 random selections; any other filter takes the scan."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        choices, draw = selection_choices(con), random.Random(7)
        compared = non_empty = 0
        for _ in range(150):
            params = random_selection(choices, draw)
            name, chosen = summary_query(params)
            assert name == "recommendations_summary_cube"
            kind = draw.choice(["upr", "programming"])
            summary = execute(con.cursor(), name, {**chosen, "cycle_kind": kind})
            pd.testing.assert_frame_equal(summary, execute(con.cursor(), "recommendations_summary",
                                                           {**params, "cycle_kind": kind}))
            count_name, count_params = count_query(params)
            assert count_name == "recommendations_count_cube"
            assert (execute(con.cursor(), count_name, count_params)["recommendations"].tolist()
                    == execute(con.cursor(), "recommendations_count", params)["recommendations"].tolist()
                    == [summary.loc[summary["facet"] == "total", "recommendations"].item()])
            sources_name, sources_params = sources_query(params)
            assert sources_name == "recommendations_sources_cube"
            publishers = execute(con.cursor(), sources_name, sources_params)
            pd.testing.assert_frame_equal(publishers, execute(con.cursor(), "recommendations_sources", params))
            assert (len(publishers) > 0) == bool(summary.loc[summary["facet"] == "total", "recommendations"].item())
            compared += 1
            non_empty += bool(execute(con.cursor(), name, {**chosen, "cycle_kind": kind})["recommendations"].iloc[0])
        assert compared == 150 and non_empty >= 50
    assert summary_query({**params, "action": 3})[0] == "recommendations_summary"
    assert summary_query({**params, "recurs": True})[0] == "recommendations_summary"
    assert count_query({**params, "recurs": True}) == ("recommendations_count", {**params, "recurs": True})
    assert sources_query({**params, "recurs": True}) == ("recommendations_sources", {**params, "recurs": True})
