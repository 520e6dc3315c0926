"""Time to the first chart after a server start: `streamlit run app.py` against `python -m serve`
(the same app, warmed at start), paired restart by restart, in Debian's Chromium.

python bench/first_chart.py --db PATH              # a built warehouse (bench/pages.py --db builds one)
python bench/first_chart.py --db PATH --restarts 3
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT_DIR), str(PROJECT_DIR / "tests")]

CHART = '[data-testid="stMain"] .js-plotly-plot .main-svg'
LAUNCHERS = {"streamlit run": ("-m", "streamlit", "run", "app.py"), "python -m serve": ("-m", "serve")}
ARRIVALS = ("at start", "after warm-up")


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def chart_seconds(browser, url: str, timeout_ms: int = 300_000) -> float:
    """A new visitor (new browser context: cold browser cache, new session) opens `url`; seconds
    from navigation to the first plotly chart's SVG visible."""
    from browser_support import VIEWPORT
    context = browser.new_context(viewport=VIEWPORT)
    try:
        tab = context.new_page()
        started = time.perf_counter()
        tab.goto(url, wait_until="commit", timeout=timeout_ms)
        tab.locator(CHART).first.wait_for(state="visible", timeout=timeout_ms)
        return time.perf_counter() - started
    finally:
        context.close()


def script_seconds(url: str) -> float:
    """A headless visitor (serve/visit.py: a session over the websocket, no browser) opens the
    Overview; seconds until its script run has finished (the server's side of the first chart)."""
    from serve.visit import visit
    found = visit(url, "")
    if found.exceptions or not found.chart_titles:
        raise RuntimeError(f"the Overview drew no chart: {found.exceptions}")
    return found.seconds


def wait_for_warm_up(server, timeout: float = 900.0) -> float:
    """Seconds from the server's start until its log says the warm-up finished."""
    from serve.warmup import FINISHED
    deadline = time.monotonic() + timeout
    while FINISHED not in server.log_tail(100_000):
        if time.monotonic() > deadline or server.process.poll() is not None:
            raise RuntimeError(f"no warm-up in the log:\n{server.log_tail()}")
        time.sleep(0.2)
    return time.perf_counter() - server.started_at


def one_start(browser, db: Path, launcher: str, arrival: str, settle: float | None) -> dict:
    """Start a server; its first visitor arrives as soon as it answers ("at start", as the browser
    start.sh opens) or once it has settled ("after warm-up": the warm-up's end for python -m serve,
    the same number of seconds for streamlit run); then a second visitor. Seconds each."""
    from browser_support import StreamlitServer
    log = Path(tempfile.gettempdir()) / f"roca-first-chart-{os.getpid()}.log"
    with StreamlitServer(db, launcher=LAUNCHERS[launcher], log_path=log) as server:
        healthy = time.perf_counter() - server.started_at
        waited = None
        if arrival == "after warm-up":
            if launcher == "python -m serve":
                waited = wait_for_warm_up(server)
            else:
                time.sleep(max(0.0, settle - (time.perf_counter() - server.started_at)))
                waited = time.perf_counter() - server.started_at
        measure = (lambda url: chart_seconds(browser, url)) if browser is not None else script_seconds
        first = measure(server.url())
        from_start = time.perf_counter() - server.started_at
        later = measure(server.url())
    return {"healthy": healthy, "first": first, "from_start": from_start, "later": later, "waited": waited}


def median(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f}" if values else "     –"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a built warehouse")
    parser.add_argument("--restarts", type=int, default=5, help="server starts per launcher and arrival")
    parser.add_argument("--client", choices=("browser", "headless"), default="browser",
                        help="browser: Chromium, until the chart's SVG is visible; headless: a websocket "
                             "session, until the Overview's script run has finished (the server alone)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    from browser_support import launch_chromium

    db = args.db.resolve()
    print(f"warehouse: {db}")
    print(f"machine: {os.cpu_count()} cores, load average {load()} at the start")
    results: dict[tuple[str, str], list[dict]] = {(l, a): [] for l in LAUNCHERS for a in ARRIVALS}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright) if args.client == "browser" else None
        try:
            for restart in range(args.restarts):
                for arrival in ARRIVALS:
                    settle = None                  # python -m serve first: its warm-up sets the wait
                    for launcher in ("python -m serve", "streamlit run"):
                        found = one_start(browser, db, launcher, arrival, settle)
                        settle = found["waited"]
                        results[launcher, arrival].append(found)
                        waited = f", arrived at {found['waited']:.1f} s" if found["waited"] else ""
                        print(f"restart {restart + 1} {launcher:<16} first visitor {arrival:<14}: healthy "
                              f"{found['healthy']:.1f} s{waited}, first chart {found['first']:.2f} s after "
                              f"navigation ({found['from_start']:.2f} s after start), second visitor "
                              f"{found['later']:.2f} s   [load {load()}]", flush=True)
        finally:
            if browser is not None:
                browser.close()

    print(f"\nMedians of {args.restarts} paired restarts, seconds (load average {load()} at the end). "
          + ("Each visitor is a new browser context (cold browser cache) and a new session; the chart is "
             "the Overview's first plotly SVG." if args.client == "browser" else
             "Each visitor is a headless session; the figure is the Overview's script run, from the "
             "request to its end (the server's side of the first chart, no browser)."))
    header = (f"{'launcher':<17}{'first visitor arrives':<23}{'healthy':>8}{'first chart':>12}"
              f"{'from start':>11}{'2nd visitor':>12}{'first/2nd':>10}")
    print(header)
    print("-" * len(header))
    for launcher in LAUNCHERS:
        for arrival in ARRIVALS:
            runs = results[launcher, arrival]
            ratio = statistics.median(r["first"] / r["later"] for r in runs)
            print(f"{launcher:<17}{arrival:<23}{median([r['healthy'] for r in runs]):>8}"
                  f"{median([r['first'] for r in runs]):>12}{median([r['from_start'] for r in runs]):>11}"
                  f"{median([r['later'] for r in runs]):>12}{ratio:>9.2f}x")
    for arrival in ARRIVALS:
        paired = [s["first"] / r["first"] for s, r in zip(results["python -m serve", arrival],
                                                         results["streamlit run", arrival])]
        print(f"first chart, python -m serve / streamlit run, first visitor {arrival}: "
              f"{statistics.median(paired):.2f}x (median of paired ratios)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
