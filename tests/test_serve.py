"""python -m serve: the server warms itself by visiting every page of app.PAGES (and one search)
over its own websocket, as a browser's first visit would (the other browser tests start
streamlit run app.py, which stays as it was)."""
from __future__ import annotations

import re
import time

from browser_support import StreamlitServer, registered_pages
from serve.__main__ import NO_WARM, plan
from serve.visit import visit
from serve.warmup import FINISHED, HEAP_SETTLED, SEARCH_VISIT, page_modules, page_paths

VISIT_LINE = re.compile(r"^warm-up: /(\S*) [\d.]+ s, (\d+) charts, (\d+) exceptions$", re.MULTILINE)


def test_warm_up_visits_the_pages_app_py_registers():
    assert page_paths() == [page.address for page in registered_pages()]
    assert {"indicators.charts", "viewmodels.overview", "ui.chart_block"} <= set(page_modules())


def test_no_warm_up_without_a_warehouse_or_when_asked(monkeypatch, tmp_path, demo_warehouse):
    monkeypatch.setenv("ROCA_WAREHOUSE", str(tmp_path / "not-built.duckdb"))
    assert plan(["--server.port", "8600"]) == (False, ["--server.port", "8600"])  # the first visitor builds it
    monkeypatch.setenv("ROCA_WAREHOUSE", str(demo_warehouse))
    assert plan(["--server.port", "8600"]) == (True, ["--server.port", "8600"])
    assert plan([NO_WARM, "--server.port", "8600"]) == (False, ["--server.port", "8600"])


def wait_for_line(server: StreamlitServer, text: str, timeout: float = 600.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.log_tail(100_000)
        if text in log:
            return log
        assert server.process.poll() is None, log
        time.sleep(0.5)
    raise AssertionError(f"no '{text}' in the server log:\n{server.log_tail()}")


def test_launcher_warms_every_page_then_serves(demo_warehouse):
    with StreamlitServer(demo_warehouse, launcher=("-m", "serve")) as server:
        log = wait_for_line(server, FINISHED)
        visits = {(page, int(charts), int(errors)) for page, charts, errors in VISIT_LINE.findall(log)}
        visited = [page for page, _, _ in visits]
        expected = page_paths() + [f"{SEARCH_VISIT[0]}?{SEARCH_VISIT[1]}"]
        assert sorted(visited) == sorted(expected)
        assert all(errors == 0 for _, _, errors in visits), log
        assert dict((page, charts) for page, charts, _ in visits)[""] >= 3   # the overview's charts
        settled = re.search(rf"^{HEAP_SETTLED}: ([\d,]+) objects frozen$", wait_for_line(server, HEAP_SETTLED),
                            re.MULTILINE)
        assert settled and int(settled.group(1).replace(",", "")) > 100_000   # modules, caches, connection
        # the warmed server still serves a visitor, on the page asked for
        overview, country = visit(server.base_url, ""), visit(server.base_url, "country")
    assert overview.finished and not overview.exceptions
    assert "Recommendations received by country and theme" in " ".join(overview.chart_titles)
    assert country.finished and not country.exceptions and country.chart_titles
    assert not set(country.chart_titles) & set(overview.chart_titles)
