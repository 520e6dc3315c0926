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
    assert "-- @include" not in text
    assert "list_contains($countries::VARCHAR[], r.country_iso3)" in text
    assert text.count("AND (NOT $search OR r.rowid IN") == 1


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
