"""Benchmark every page of app.PAGES on a scaled warehouse: script run times (AppTest) and the
time to the first chart in a real browser (streamlit run + Debian's Chromium).

python bench/pages.py                                        # 1,000,000 + 5,000,000 rows
python bench/pages.py --recommendations 100000 --observations 500000   # quicker
python bench/pages.py --db /tmp/bench.duckdb                 # reuse (or keep) a built warehouse
"""
from __future__ import annotations

import argparse
import itertools
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT_DIR), str(PROJECT_DIR / "tests")]

TARGET_RERUN_P95, TARGET_FIRST_CHART = 0.200, 3.0   # seconds: rerun p95 <= 200 ms at 1M, first chart < 3 s
FOCUS = ("KAZ", "KGZ", "TJK", "TKM", "UZB")


# ---- the scaled warehouse ------------------------------------------------------------------------------

def build_scaled_warehouse(db_path: Path, recommendations: int, observations: int) -> None:
    """bench/etl.py's generated UPR Info export and tidy values, built into `db_path`."""
    from bench.etl import write_observations, write_recommendations
    from etl.build import build_warehouse
    from etl.plan import plan_inputs

    folder = Path(tempfile.mkdtemp(prefix="roca-bench-pages-"))
    try:
        rec_csv, obs_csv = folder / "upr_info_bench.csv", folder / "tidy_values_bench.csv"
        started = time.perf_counter()
        write_recommendations(rec_csv, recommendations)
        write_observations(obs_csv, observations)
        written = time.perf_counter() - started
        started = time.perf_counter()
        report = build_warehouse(plan_inputs([rec_csv, obs_csv]), db_path, log=lambda *_: None)
        print(f"warehouse: {recommendations:,} recommendations + {observations:,} observations "
              f"(inputs {written:.1f} s, build {time.perf_counter() - started:.1f} s) -> {db_path}")
        print(f"loaded: {report.totals}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---- script run times (AppTest) ------------------------------------------------------------------------

# Typed in the Recommendations page's search box, one after the other: words, a phrase, an OR, a
# NOT, a prefix and a Russian word of the glossary, as staff would search.
SEARCHES = ("torture", "domestic violence", '"national preventive mechanism"', "torture OR ill-treatment",
            "human rights defenders", "discrimination -women", "journalist*", '"freedom of expression"',
            "independence judges", "пытки")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def filter_changes(themes: list[str]) -> list[tuple[list[str], str]]:
    """Distinct (countries, theme) selections: every rerun asks for something not asked before."""
    subsets = [list(c) for size in (5, 4, 3, 2, 1) for c in itertools.combinations(FOCUS, size)][1:]
    return [(countries, "" if number % 3 == 0 else themes[number % len(themes)])
            for number, countries in enumerate(subsets)]


def share_compiled_scripts() -> None:
    """AppTest compiles app.py and the page anew on every run (a new ScriptCache per run); a server
    compiles each script once. Give every run one shared cache, as the server has."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test
    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared


def quiet_streamlit() -> None:
    """Streamlit's warnings about runs outside a server (bare mode) would drown the figures."""
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")     # read when the config loads
    import streamlit.logger
    import streamlit.testing.v1  # noqa: F401  (creates the loggers set below)
    streamlit.logger.set_log_level("error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    # AppTest re-reads the config on every run, which resets the level: silence this one for good
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True


def apptest_overhead(runs: int = 10) -> float:
    """Median at.run() time of a one-line script: AppTest's own cost per run."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_string("import streamlit as st\nst.write('x')", default_timeout=60)
    at.run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def clear_caches() -> None:
    """Empty the query layer's result cache and Streamlit's process-wide caches."""
    import streamlit as st
    from indicators.queries import clear_cache
    clear_cache()
    st.cache_data.clear()
    st.cache_resource.clear()


def timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def errors_of(at) -> list[str]:
    return [str(e.value)[:200] for e in at.exception]


def time_page_scripts(page, default: bool, reruns: int, searches: tuple[str, ...] = ()) -> dict:
    """One AppTest session on `page`, as one browser tab: its first run, then `reruns` reruns each
    with a countries/theme selection not asked before (set in the sidebar widgets' state), each
    followed by a rerun with nothing changed (the baseline: what a rerun costs when every query
    is cached), then `searches` typed one after the other in the search box (Recommendations)."""
    from streamlit.testing.v1 import AppTest

    from indicators.queries import run_query
    from serve.heap import settle_heap
    clear_caches()
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=300)
    first = timed_run(at)                      # the default page (app.py registers the pages)
    if not default:
        at.switch_page(page.script)
        first = timed_run(at)
    errors = errors_of(at)
    settle_heap()   # python -m serve does it once, after visiting every page; here after each page's first run
    themes = list(run_query("filter_choices_themes")["code"])
    changed, unchanged = [], []
    for countries, theme in filter_changes(themes)[:reruns]:
        at.session_state["f_countries"] = countries
        at.session_state["f_theme"] = theme
        changed.append(timed_run(at))
        errors += errors_of(at)
        filters = at.session_state["page_context"].filters
        if list(filters.countries) != countries or (filters.theme or "") != theme:
            errors.append(f"the filter {countries} {theme!r} did not reach the page")
        unchanged.append(timed_run(at))
    typed, typed_unchanged, index_load = [], [], None
    if searches:                               # the first search loads the texts' index into memory
        at.session_state["rec_q"] = "rights"
        index_load = timed_run(at)
    for query in searches:
        at.session_state["rec_q"] = query
        typed.append(timed_run(at))
        errors += errors_of(at)
        if at.session_state["rec_seeded_from"].q != query:
            errors.append(f"the search {query!r} did not reach the page")
        typed_unchanged.append(timed_run(at))
    return {"first": first, "changed": changed, "unchanged": unchanged, "searches": typed,
            "searches_unchanged": typed_unchanged, "index_load": index_load, "errors": errors}


def summary(times: list[float], baseline: list[float]) -> dict:
    """Median, p95 and max of `times`; the median of the paired ratios to `baseline`."""
    pairs = [value / base for value, base in zip(times, baseline) if base > 0]
    return {"median": statistics.median(times), "p95": percentile(times, 0.95), "max": max(times),
            "ratio": statistics.median(pairs) if pairs else float("nan"), "runs": len(times)}


# ---- time to first chart (browser) ----------------------------------------------------------------------

def time_first_charts(db_path: Path, pages, runs: int) -> dict[str, list[float | None]]:
    """Seconds from navigation to the first visible plotly chart, `runs` visits per page: each a
    new tab (a new Streamlit session) in one browser context per page, so the first visit has a
    cold browser cache (Streamlit's and plotly's JavaScript) and a cold server query cache, the
    next ones a warm browser cache, as for a user who has opened the app before."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    from browser_support import VIEWPORT, StreamlitServer, launch_chromium, open_app

    found: dict[str, list[float | None]] = {}
    with StreamlitServer(db_path) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            open_app(context.new_page(), server.url(), timeout_ms=300_000)   # first visit: the root
            context.close()
            for page in pages:
                found[page.name] = []
                context = browser.new_context(viewport=VIEWPORT)
                for _ in range(runs):
                    tab = context.new_page()
                    started = time.perf_counter()
                    tab.goto(server.url(page.address), wait_until="commit")
                    try:
                        tab.locator('[data-testid="stMain"] .js-plotly-plot .main-svg').first.wait_for(
                            state="visible", timeout=30_000)
                        found[page.name].append(time.perf_counter() - started)
                    except PlaywrightTimeout:
                        found[page.name].append(None)
                    tab.close()
                    if found[page.name][-1] is None:
                        break                   # no chart on this page's default view
                context.close()
        finally:
            browser.close()
    return found


# ---- report -------------------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recommendations", type=int, default=1_000_000)
    parser.add_argument("--observations", type=int, default=5_000_000)
    parser.add_argument("--db", type=Path, help="warehouse to use; built here first if it does not exist "
                                                "(kept); default: a temporary one")
    parser.add_argument("--reruns", type=int, default=20, help="reruns with a changed filter per page")
    parser.add_argument("--browser-runs", type=int, default=3, help="browser visits per page")
    parser.add_argument("--pages", nargs="*", help="url paths of the pages to measure (default: all)")
    parser.add_argument("--no-browser", action="store_true", help="script run times only")
    args = parser.parse_args(argv)
    quiet_streamlit()

    from browser_support import registered_pages
    pages = [p for p in registered_pages() if not args.pages or p.name in args.pages]
    folder = None
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="roca-bench-db-"))
        db_path = folder / "warehouse.duckdb"
    else:
        db_path = args.db.resolve()
    try:
        if not db_path.exists():
            build_scaled_warehouse(db_path, args.recommendations, args.observations)
        else:
            print(f"warehouse: {db_path} (existing; --recommendations/--observations ignored)")
        os.environ["ROCA_WAREHOUSE"] = str(db_path)

        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} cores, load average {load} (other work skews the figures)")
        share_compiled_scripts()
        overhead = apptest_overhead()
        print(f"\nScript run times (streamlit.testing AppTest, in-process, one session per page as one "
              f"browser tab; scripts compiled once, as a server does, and the heap settled after the "
              f"page's first run (serve/heap.py; the server settles it once, after warming every page); "
              f"AppTest's own cost per run "
              f"≈ {overhead * 1000:.0f} ms, included below)")
        print(f"changed: {args.reruns} reruns per page, each with a countries/theme selection not asked "
              f"before (its queries not cached yet); baseline: a rerun with nothing changed right after "
              f"each (every query cached); ratio: median of the paired changed/baseline ratios. "
              f"search: {len(SEARCHES)} queries typed one after the other on the Recommendations page "
              f"({', '.join(SEARCHES)}), each followed by a baseline rerun; its first-run column is a first "
              f"search (rights), which loads the texts' index. First run: after "
              f"the query cache, st.cache_data and st.cache_resource cleared")
        header = (f"{'page':<24}{'first run':>10}{'median':>9}{'p95':>9}{'max':>9}{'baseline':>10}"
                  f"{'ratio':>7}  target")
        print(header)
        print("-" * len(header))
        all_ok = True
        for page in pages:
            result = time_page_scripts(page, default=page.address == "", reruns=args.reruns,
                                       searches=SEARCHES if page.name == "recommendations" else ())
            rows = [(page.name, result["changed"], result["unchanged"], result["first"])]
            if result["searches"]:
                rows.append((f"{page.name} + search", result["searches"], result["searches_unchanged"],
                             result["index_load"]))
            for name, times, baseline, first in rows:
                base = statistics.median(baseline)
                figures = summary(times, baseline)
                ok = figures["p95"] <= TARGET_RERUN_P95
                all_ok &= ok and not result["errors"]
                print(f"{name:<24}{'' if first is None else f'{first:.2f} s':>10}{figures['median'] * 1000:>7.0f}ms"
                      f"{figures['p95'] * 1000:>7.0f}ms{figures['max'] * 1000:>7.0f}ms{base * 1000:>8.0f}ms"
                      f"{figures['ratio']:>6.1f}x  p95<=200ms {verdict(ok)}"
                      + (f"  EXCEPTIONS: {result['errors'][:2]}" if result["errors"] else ""))
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: load average {load} at the end")

        if not args.no_browser:
            print(f"\nTime to first chart in the browser (streamlit run + Chromium; navigation to the "
                  f"first visible plotly chart; {args.browser_runs} visits per page, each a new session; "
                  f"the first with cold browser and server caches, the next with a warm browser cache)")
            charts = time_first_charts(db_path, pages, args.browser_runs)
            header = f"{'page':<16}{'median':>9}{'runs (first: cold caches)':>28}  target"
            print(header)
            print("-" * len(header))
            for page in pages:
                runs = charts[page.name]
                shown = ", ".join("none" if r is None else f"{r:.2f}" for r in runs)
                if all(r is None for r in runs):
                    print(f"{page.name:<16}{'–':>9}{shown:>28}  no chart on the default view (not counted)")
                    continue
                median = statistics.median([r if r is not None else float("inf") for r in runs])
                ok = median < TARGET_FIRST_CHART
                all_ok &= ok
                print(f"{page.name:<16}{median:>8.2f}s{shown:>28}  first chart<3s {verdict(ok)}")
        print("\nall targets met" if all_ok else "\nsome targets MISSED")
        return 0 if all_ok else 1
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
