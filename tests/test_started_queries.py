"""Queries a page starts ahead of needing them (indicators.queries.start_query, PageContext.start)."""
from __future__ import annotations

import threading

import duckdb
import pandas as pd
import pytest

from indicators import queries
from indicators.queries import run_query, start_query
from indicators.warehouse import warehouse_key


@pytest.fixture
def real_key(real_warehouse, monkeypatch):
    monkeypatch.setenv("ROCA_WAREHOUSE", str(real_warehouse))
    queries.clear_cache()
    return warehouse_key()


def test_a_started_query_gives_the_rows_run_query_gives(real_key):
    params = dict(countries=["KAZ", "UZB"], theme=None, year_from=2000, year_to=2030)
    later = start_query("overview_headline_series", real_key, **params)
    started = later()
    queries.clear_cache()
    direct = run_query("overview_headline_series", real_key, **params)
    assert len(direct) > 0 and set(direct["country_iso3"]) == {"KAZ", "UZB"}
    pd.testing.assert_frame_equal(started, direct)


def test_a_started_query_that_fails_raises_where_its_result_is_asked(real_key):
    later = start_query("overview_headline_series", real_key, countries=["KAZ"], theme=None,
                        year_from="not a year", year_to=2030)
    with pytest.raises(duckdb.Error):
        later()


def test_a_query_no_thread_picked_up_runs_on_the_asking_thread(real_key, monkeypatch):
    """With every background thread busy, asking for the result runs the query at once instead of waiting."""
    release = threading.Event()
    busy = [queries._background.submit(release.wait, 60) for _ in range(queries.BACKGROUND_THREADS)]
    try:
        later = start_query("filter_choices_countries", real_key)
        asked_on = []
        real_run = queries.run_query

        def spy(*args, **kwargs):
            asked_on.append(threading.current_thread())
            return real_run(*args, **kwargs)

        monkeypatch.setattr(queries, "run_query", spy)
        frame = later()
        assert not release.is_set()                      # the busy threads were still waiting
        assert asked_on == [threading.current_thread()]
        assert "KAZ" in set(frame["iso3"])
    finally:
        release.set()
        for task in busy:
            task.result()
