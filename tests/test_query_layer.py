"""The query layer: named SQL with fragments expanded, bound parameters, a bounded result cache."""
from __future__ import annotations

import pytest

from indicators import queries
from indicators.queries import CACHE, query_text, run_query
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


def test_results_are_cached_by_value_and_copies_are_returned(demo_warehouse):
    key = warehouse_key(demo_warehouse)
    first = run_query("filter_choices_themes", key)
    hits = CACHE.hits
    first.loc[0, "code"] = "changed by the caller"
    second = run_query("filter_choices_themes", key)
    assert CACHE.hits == hits + 1
    assert second.loc[0, "code"] != "changed by the caller"
    assert len(CACHE.results) <= CACHE.entries
