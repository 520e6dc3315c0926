"""The recommendations_* queries: search (Russian, accents, AND), filters, paging, export, at scale."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from etl.build import build_warehouse
from etl.plan import plan_inputs
from indicators.queries import execute
from viewmodels.recommendations import (PAGE_SIZE, PageFilters, page_count, page_query, parse_page_filters,
                                       query_params, summary_query)
from etl.text import normalise, stems
from indicators.search_index import load_index
from indicators.search_query import run_search
from tests.search_oracle import matches, matches_stems
from ui.filters import FilterDefaults, Filters

PROJECT_DIR = Path(__file__).resolve().parents[1]
GENERATED_ROWS = 200_000


_INDEXES: dict = {}


def run(con, name: str, query: str = "", **params):
    """A named query with the hits of `query` matched in the warehouse's own search index."""
    hits = None
    if query:
        index = _INDEXES.get(id(con)) or _INDEXES.setdefault(id(con), load_index(con))
        hits = run_search(index, query).hits
    return execute(con.cursor(), name, params, hits)


def defaults_of(con) -> FilterDefaults:
    """The shared filters' defaults the app derives from this warehouse."""
    return FilterDefaults.from_frames(execute(con.cursor(), "filter_choices_countries", {}),
                                      execute(con.cursor(), "filter_years", {}))


def every_year(con, **changes) -> Filters:
    """The default filters over every year the warehouse holds, with `changes`."""
    defaults = defaults_of(con)
    return replace(Filters.default(defaults), year_from=defaults.first_year, year_to=defaults.last_year, **changes)


def params_for(con, query: str = "", filters: Filters | None = None, **page):
    return query_params(filters or every_year(con), PageFilters(q=query, **page))


# ---- search terms (pure) ---------------------------------------------------------------------------

def test_normalise_folds_case_accents_and_yo():
    assert normalise("ЁЛКА Été Ça") == "елка ete ca"
    assert normalise("Пытки") == normalise("ПЫТКИ") == "пытки"


def test_parse_page_filters_keeps_valid_and_names_invalid():
    url = {"q": "x" * 500, "body": "UPR", "rs": "'; DROP TABLE recommendation; --", "response": "noted",
           "action": "9", "status": "fully_implemented", "page": "-3"}
    parsed, ignored = parse_page_filters(url, {"UPR"}, {"France"})
    assert parsed == PageFilters(q="x" * 200, body="UPR", response="noted", status="fully_implemented")
    assert sorted(name.split("=")[0] for name in ignored) == ["action", "page", "rs"]
    assert page_count(0) == 1 and page_count(50) == 1 and page_count(51) == 2


# ---- the demonstration warehouse: Russian texts, filters ------------------------------------------

@pytest.fixture(scope="module")
def demo_con(demo_warehouse):
    con = duckdb.connect(str(demo_warehouse), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("query", ["ГРАЖДАНСКОГО общества", "гражданского ОБЩЕСТВА", "пытк",
                                   "torture", "\"civil society\" torture", "Женщин"])
def test_search_equals_python_matching_over_every_text(demo_con, query):
    every = demo_con.execute("SELECT id, text FROM recommendation WHERE NOT is_pledge").fetchall()
    expected = {rid for rid, text in every if matches(text, query)}
    found = run(demo_con, "recommendations_export", query, **params_for(demo_con, query))
    assert expected, query
    assert set(found["id"]) == expected
    summary = run(demo_con, "recommendations_summary", query, cycle_kind="upr", **params_for(demo_con, query))
    assert int(summary.loc[summary["facet"] == "total", "recommendations"].iloc[0]) == len(expected)


def test_russian_search_matches_cyrillic_texts(demo_con):
    found = run(demo_con, "recommendations_export", "ГРАЖДАНСКОГО", **params_for(demo_con, "ГРАЖДАНСКОГО"))
    assert len(found) > 0
    assert all("гражданского" in text.lower() for text in found["text"])


def test_filters_equal_a_direct_query(demo_con):
    filters = replace(Filters.default(defaults_of(demo_con)), countries=("KAZ", "KGZ"),
                      theme="torture_prevention", mechanism="upr")
    found = run(demo_con, "recommendations_export",
                **params_for(demo_con, "", filters, response="supported", status="partially_implemented"))
    expected = demo_con.execute("""
        SELECT r.id FROM recommendation r
        WHERE r.country_iso3 IN ('KAZ', 'KGZ') AND r.mechanism = 'upr' AND r.response = 'supported'
          AND r.year BETWEEN $year_from AND $year_to
          AND EXISTS (SELECT 1 FROM recommendation_theme t WHERE t.recommendation_id = r.id
                      AND t.theme_code = 'torture_prevention')
          AND (SELECT status FROM implementation i WHERE i.recommendation_id = r.id
               ORDER BY date DESC LIMIT 1) = 'partially_implemented'""",
                                {"year_from": filters.year_from, "year_to": filters.year_to}).fetchall()
    assert len(expected) > 0
    assert set(found["id"]) == {rid for (rid,) in expected}
    assert set(found["implementation_status"]) == {"partially_implemented"}


def test_programming_cycle_filters_by_year_and_counts_by_cycle(demo_con):
    filters = every_year(demo_con, cycle="omp-2018-2023", cycle_kind="programming")
    found = run(demo_con, "recommendations_export", **params_for(demo_con, "", filters))
    assert len(found) > 0 and found["year"].between(2018, 2023).all()
    expected = demo_con.execute("SELECT count(*) FROM recommendation WHERE year BETWEEN 2018 AND 2023 "
                                "AND list_contains($focus, country_iso3) AND NOT is_pledge",
                                {"focus": list(filters.countries)}).fetchone()[0]
    assert len(found) == expected
    summary = run(demo_con, "recommendations_summary", cycle_kind="programming", **params_for(demo_con, "", filters))
    cycles = summary[summary["facet"] == "cycle"].set_index("code")["recommendations"]
    assert cycles.to_dict() == {"omp-2018-2023": expected}


def test_response_and_pledges_and_missing_status(demo_con):
    pledges = run(demo_con, "recommendations_export", **params_for(demo_con, "", response="pledges"))
    assert len(pledges) == demo_con.execute("SELECT count(*) FROM recommendation WHERE is_pledge").fetchone()[0]
    none = run(demo_con, "recommendations_export", **params_for(demo_con, "", status="none"))
    assert none["implementation_status"].isna().all()
    assert len(none) == demo_con.execute("SELECT count(*) FROM recommendation WHERE id NOT IN "
                                         "(SELECT recommendation_id FROM implementation) "
                                         "AND NOT is_pledge").fetchone()[0]   # pledges only on request


def test_export_has_every_recommendation_column_and_ordered_themes(demo_con):
    columns = [row[0] for row in demo_con.execute("DESCRIBE recommendation").fetchall()]
    found = run(demo_con, "recommendations_export", **params_for(demo_con, ""))
    assert list(found.columns) == columns + ["themes", "implementation_status", "implementation_date"]
    several = found[found["themes"].fillna("").str.contains("; ")]
    assert len(several) > 0
    order = {code: i for i, (code,) in enumerate(demo_con.execute(
        "SELECT code FROM theme ORDER BY sort_order").fetchall())}
    for themes in several["themes"]:
        codes = themes.split("; ")
        assert codes == sorted(codes, key=order.get)


# ---- a generated warehouse of 200,000 recommendations ----------------------------------------------

@pytest.fixture(scope="module")
def big_con(tmp_path_factory):
    sys.path.insert(0, str(PROJECT_DIR))
    from bench.etl import write_recommendations
    folder = tmp_path_factory.mktemp("big")
    export = folder / "upr_info_generated.csv"
    write_recommendations(export, GENERATED_ROWS)
    db = folder / "warehouse.duckdb"
    build_warehouse(plan_inputs([export]), db, log=lambda line: None)
    con = duckdb.connect(str(db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def big_stems(big_con) -> list[tuple[str, list[str]]]:
    """Every generated recommendation's id and the stems of its text, cut once for the searches below."""
    return [(rid, stems(text)) for rid, text in big_con.execute("SELECT id, text FROM recommendation").fetchall()]


@pytest.mark.slow
def test_generated_warehouse_has_all_rows(big_con):
    assert big_con.execute("SELECT count(*) FROM recommendation").fetchone()[0] == GENERATED_ROWS


@pytest.mark.slow
@pytest.mark.parametrize("query", ["Torture", 'TORTURE "Civil Society"', "journalists harassment"])
def test_search_at_scale_equals_direct_query(big_con, big_stems, query):
    expected = {rid for rid, sequence in big_stems if matches_stems(sequence, query)}
    assert 0 < len(expected) < GENERATED_ROWS
    params = params_for(big_con, query)
    summary = run(big_con, "recommendations_summary", query, cycle_kind="upr", **params)
    total = int(summary.loc[summary["facet"] == "total", "recommendations"].iloc[0])
    assert total == len(expected)
    last = page_count(total) - 1
    page = run(big_con, "recommendations_page", query, page_size=PAGE_SIZE, offset=last * PAGE_SIZE, **params)
    assert len(page) == total - last * PAGE_SIZE
    first = run(big_con, "recommendations_page", query, page_size=PAGE_SIZE, offset=0, **params)
    assert set(first["id"]) <= expected and len(first) == PAGE_SIZE


@pytest.mark.slow
@pytest.mark.parametrize("query", ["Torture", "journalists harassment"])
def test_a_search_at_scale_is_counted_and_paged_from_its_summary_rows_as_by_the_scan(big_con, query):
    """The page counts a search from its matched texts' rows of recommendation_summary and pages it in stored
    order: the same counts and pages as the scan of every recommendation joined with the matches."""
    params = params_for(big_con, query)
    hits = run_search(_INDEXES.get(id(big_con)) or _INDEXES.setdefault(id(big_con), load_index(big_con)), query).hits
    name, chosen = summary_query({**params, "hits": hits})
    assert name == "recommendations_summary_cube"
    del chosen["hits"]
    counts = run(big_con, name, query, cycle_kind="upr", **chosen)
    assert counts.equals(run(big_con, "recommendations_summary", query, cycle_kind="upr", **params))
    total = int(counts.loc[counts["facet"] == "total", "recommendations"].iloc[0])
    assert 0 < total == len(hits.docs)
    assert page_query({**params, "hits": hits})[0] == "recommendations_page_searched"
    for offset in (0, PAGE_SIZE, (page_count(total) - 1) * PAGE_SIZE):
        searched = run(big_con, "recommendations_page_searched", query, page_size=PAGE_SIZE, offset=offset, **chosen)
        assert len(searched) == min(PAGE_SIZE, total - offset)
        assert searched.equals(run(big_con, "recommendations_page", query, page_size=PAGE_SIZE, offset=offset, **params))


def test_queries_return_bounded_rows_at_scale(big_con):
    params = params_for(big_con, "")
    summary = run(big_con, "recommendations_summary", cycle_kind="upr", **params)
    assert int(summary.loc[summary["facet"] == "total", "recommendations"].iloc[0]) == GENERATED_ROWS
    assert len(summary) <= 1 + 20 + 10                      # total + themes + cycles, never rows
    for offset in (0, 50, 100_000, GENERATED_ROWS - 10):
        page = run(big_con, "recommendations_page", page_size=PAGE_SIZE, offset=offset, **params)
        assert len(page) == min(PAGE_SIZE, GENERATED_ROWS - offset)
    by_cycle = summary[summary["facet"] == "cycle"]["recommendations"].sum()
    assert by_cycle == GENERATED_ROWS                        # sessions 1-54 all fall in UPR cycles 1-4
    assert set(defaults_of(big_con).countries) >= set(big_con.execute("SELECT DISTINCT country_iso3 FROM recommendation").df()["country_iso3"])
