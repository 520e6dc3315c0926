"""The query layer: named SQL with fragments expanded, bound parameters, a bounded result cache."""
from __future__ import annotations

import os
import shutil

import duckdb
import pytest

from indicators import queries
from indicators.queries import query_text, run_query
from indicators.warehouse import warehouse_key


def test_includes_are_expanded_from_fragments():
    text = query_text("recommendations_page")
    assert "-- @include" not in text and "-- @if" not in text
    assert "WHERE r.country_iso3 = ANY($countries::VARCHAR[])" in text
    assert "search_hits" not in text                      # no search: its condition is left out
    searched = query_text("recommendations_page", frozenset({"search"}))
    assert searched.count("AND r.rowid IN (SELECT doc FROM search_hits)") == 1


def test_a_filters_condition_is_kept_only_when_the_filter_is_set():
    unset = query_text("recommendations_summary")
    assert "$theme" not in unset and "$status" not in unset and "recommendation_recurrence" not in unset
    alone = "\n      AND NOT r.is_pledge\n"
    assert alone in unset                                 # no response chosen: pledges left out
    chosen = query_text("recommendations_summary", frozenset({"theme", "response"}))
    assert "AND list_contains(r.theme_codes, $theme)" in chosen
    assert "CASE $response WHEN 'pledges'" in chosen and alone not in chosen
    assert queries.conditional_parameters("recommendations_summary") >= {
        "mechanism", "body", "recommending_state", "action", "response", "cycle", "theme", "sdg",
        "persons", "tag", "status", "search", "recurs"}


def test_misplaced_blocks_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(queries, "QUERY_DIR", tmp_path)
    for name, text, message in [("nested", "-- @if a\n-- @if b\n-- @end\n-- @end", "misplaced '-- @if' at line 2"),
                                ("unclosed", "SELECT 1\n-- @if a\nWHERE $a", "not closed"),
                                ("stray_else", "SELECT 1\n-- @else\n-- @end", "misplaced '-- @else' at line 2")]:
        (tmp_path / f"{name}.sql").write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=f"query {name}: .*{message}"):
            query_text(name)
    queries._expanded.cache_clear()
    queries.query_text.cache_clear()


def test_unset_filters_are_neither_evaluated_nor_bound(real_warehouse):
    """The same rows whether a filter is unset or set to a value every row matches, and a set filter
    still filters (counted straight from the table)."""
    params = dict(countries=["KAZ", "UZB"], year_from=1990, year_to=2030, mechanism=None, body=None,
                  recommending_state=None, action=None, response=None, cycle=None, theme=None, sdg=None,
                  persons=None, tag=None, status=None, recurs=False, cycle_kind="upr")
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        unset = queries.execute(con, "recommendations_summary", params)
        total = unset.loc[unset["facet"] == "total", "recommendations"].item()
        assert total == con.execute("SELECT count(*) FROM recommendation WHERE country_iso3 IN ('KAZ', 'UZB') "
                                    "AND NOT is_pledge").fetchall()[0][0]
        supported = queries.execute(con, "recommendations_summary", {**params, "response": "supported"})
        assert supported.loc[supported["facet"] == "total", "recommendations"].item() == con.execute(
            "SELECT count(*) FROM recommendation WHERE country_iso3 IN ('KAZ', 'UZB') AND response = 'supported'"
        ).fetchall()[0][0] < total


def test_unknown_names_are_refused():
    with pytest.raises(KeyError):
        query_text("../etl/sql/schema")
    with pytest.raises(KeyError):
        queries._fragment(queries.INCLUDE.search("-- @include no_such_fragment"))


@pytest.fixture
def executions(monkeypatch) -> list[str]:
    """The names of the queries that reached the warehouse (the real execute runs)."""
    ran: list[str] = []

    def counted(cur, name, params, hits=None):
        ran.append(name)
        return original(cur, name, params, hits)

    original = queries.execute
    monkeypatch.setattr(queries, "execute", counted)
    queries.clear_cache()
    return ran


def test_results_are_cached_by_value_and_copies_are_returned(demo_warehouse, executions):
    key = warehouse_key(demo_warehouse)
    first = run_query("filter_choices_themes", key)
    first.loc[0, "code"] = "changed by the caller"
    second = run_query("filter_choices_themes", key)
    assert executions == ["filter_choices_themes"]
    assert second.loc[0, "code"] != "changed by the caller"
    run_query("progress_countries", key, countries=["KAZ", "KGZ"])
    run_query("progress_countries", key, countries=("KAZ", "KGZ"))      # the same values
    assert executions == ["filter_choices_themes", "progress_countries"]
    named = run_query("progress_countries", key, countries=["KGZ", "KAZ"])  # other values
    assert executions[-1] == "progress_countries" and len(executions) == 3
    assert list(named["iso3"]) == ["KGZ", "KAZ"]


def test_a_new_warehouse_version_is_not_served_from_the_cache(tmp_path, demo_warehouse, executions):
    live = tmp_path / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, live)
    before = run_query("build_info", warehouse_key(live))
    rebuilt = tmp_path / "rebuilt.duckdb"                 # a rebuild swaps a new file in, as etl.build does
    shutil.copyfile(demo_warehouse, rebuilt)
    con = duckdb.connect(str(rebuilt))
    con.execute("UPDATE build_info SET value = 'false' WHERE key = 'is_demo'")
    con.close()
    os.replace(rebuilt, live)
    after = run_query("build_info", warehouse_key(live))
    assert executions == ["build_info", "build_info"]
    assert dict(before.itertuples(index=False))["is_demo"] == "true"
    assert dict(after.itertuples(index=False))["is_demo"] == "false"


def test_the_cache_keeps_a_bounded_number_of_results(demo_warehouse, executions):
    key = warehouse_key(demo_warehouse)
    run_query("progress_countries", key, countries=["KAZ"])
    for number in range(queries.CACHE_ENTRIES):
        run_query("progress_countries", key, countries=[f"X{number:03d}"])
    assert len(executions) == queries.CACHE_ENTRIES + 1
    run_query("progress_countries", key, countries=["KAZ"])       # the oldest was dropped
    assert len(executions) == queries.CACHE_ENTRIES + 2
    run_query("progress_countries", key, countries=[f"X{queries.CACHE_ENTRIES - 1:03d}"])   # a recent one was not
    assert len(executions) == queries.CACHE_ENTRIES + 2
