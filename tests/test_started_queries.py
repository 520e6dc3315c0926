"""Queries a page starts ahead of needing them (indicators.queries.start_query, PageContext.start)."""
from __future__ import annotations

import threading
import time

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


def run_by_a_thread(started) -> None:
    """Wait until a background thread has run the query to its end (so asking for it takes that result)."""
    deadline = time.monotonic() + 60
    while not started.done():
        assert time.monotonic() < deadline, "no background thread ran the query"
        time.sleep(0.01)


def test_a_started_query_gives_the_rows_run_query_gives(real_key):
    params = dict(countries=["KAZ", "UZB"], theme=None, year_from=2000, year_to=2030)
    started = start_query("overview_headline_series", real_key, **params)
    run_by_a_thread(started)
    from_thread = started()
    queries.clear_cache()
    direct = run_query("overview_headline_series", real_key, **params)
    assert len(direct) > 0 and set(direct["country_iso3"]) == {"KAZ", "UZB"}
    pd.testing.assert_frame_equal(from_thread, direct)


def test_a_started_query_that_fails_raises_where_its_result_is_asked(real_key):
    started = start_query("overview_headline_series", real_key, countries=["KAZ"], theme=None,
                          year_from="not a year", year_to=2030)
    run_by_a_thread(started)
    with pytest.raises(duckdb.Error):
        started()


def test_a_query_no_thread_picked_up_runs_on_the_asking_thread(real_key, monkeypatch):
    """With every background thread busy, asking for the result runs the query at once instead of waiting;
    a query cancelled before a thread picked it up never runs."""
    release = threading.Event()
    busy = [queries._background.submit(release.wait, 60) for _ in range(queries.BACKGROUND_THREADS)]
    try:
        asked_on = []
        real_run = queries.run_query

        def spy(*args, **kwargs):
            asked_on.append((args[0], threading.current_thread()))
            return real_run(*args, **kwargs)

        monkeypatch.setattr(queries, "run_query", spy)
        started = start_query("filter_choices_countries", real_key)
        dropped = start_query("filter_years", real_key)
        dropped.cancel()
        assert dropped.done()                            # cancelled while waiting for a thread: it never runs
        frame = started()
        assert not release.is_set()                      # the busy threads were still waiting
        assert "KAZ" in set(frame["iso3"])
    finally:
        release.set()
        for task in busy:
            task.result()
    assert asked_on == [("filter_choices_countries", threading.current_thread())]
