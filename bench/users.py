"""Many users at once: N colleagues open the app together in Debian's Chromium, each on their own
browser context and session, against one app process and against two (the users split between
them by the client, as a proxy with sticky sessions would; the proxy itself is not measured).

python bench/users.py --db PATH                    # 10 users, one process then two, one round
python bench/users.py --db PATH --users 10 --rounds 2
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(PROJECT_DIR), str(PROJECT_DIR / "tests")]

JOURNEY = ("", "country", "recommendations")     # the Overview, then two other pages


def load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def start_servers(db: Path, count: int, stack: ExitStack) -> list:
    """`count` app processes (python -m serve) on the same warehouse, each warmed before users come."""
    from browser_support import StreamlitServer
    from serve.warmup import FINISHED
    servers = []
    for number in range(count):
        log = Path(tempfile.gettempdir()) / f"roca-users-{os.getpid()}-{number}.log"
        servers.append(stack.enter_context(StreamlitServer(db, launcher=("-m", "serve"), log_path=log)))
    deadline = time.monotonic() + 900
    for server in servers:
        while FINISHED not in server.log_tail(100_000):
            if time.monotonic() > deadline or server.process.poll() is not None:
                raise RuntimeError(f"no warm-up in the log:\n{server.log_tail()}")
            time.sleep(0.5)
    return servers


async def one_user(browser, base_url: str, start: asyncio.Event, timeout_ms: int) -> list[tuple[str, float, float]]:
    """Open the app at the Overview in one tab (a new session, cold browser cache), then the other
    pages of the journey through the sidebar's navigation links (the same session, as a user
    clicks); (page, seconds from the arrival of all users to this view's end, seconds of the view)."""
    from browser_support import APP_IDLE_JS, VIEWPORT
    context = await browser.new_context(viewport=VIEWPORT)
    views = []
    try:
        tab = await context.new_page()
        await start.wait()
        arrived = time.perf_counter()
        for page in JOURNEY:
            started = time.perf_counter()
            if not page:
                await tab.goto(f"{base_url}/", wait_until="commit", timeout=timeout_ms)
            else:
                await tab.locator(f'[data-testid="stSidebarNav"] a[href$="/{page}"]').first.click(timeout=timeout_ms)
                await tab.wait_for_url(f"**/{page}**", timeout=timeout_ms)
            await tab.wait_for_function(APP_IDLE_JS, timeout=timeout_ms, polling=100)
            done = time.perf_counter()
            views.append((page or "overview", done - arrived, done - started))
    finally:
        await context.close()
    return views


def headless_crowd(servers: list, users: int) -> tuple[float, list[list[tuple[str, float, float]]]]:
    """The same journey by headless visitors (serve/visit.py: a session over the websocket, no
    browser): the server's side alone, as when each colleague's browser runs on their own machine."""
    from concurrent.futures import ThreadPoolExecutor

    from serve.visit import visit
    barrier = threading.Barrier(users)

    def journey(number: int) -> list[tuple[str, float, float]]:
        base_url = servers[number % len(servers)].base_url
        barrier.wait()
        arrived = time.perf_counter()
        views = []
        for page in JOURNEY:
            found = visit(base_url, page)
            if found.exceptions:
                raise RuntimeError(f"/{page}: {found.exceptions[0]}")
            views.append((page or "overview", time.perf_counter() - arrived, found.seconds))
        return views

    with ThreadPoolExecutor(users) as pool:
        started = time.perf_counter()
        found = list(pool.map(journey, range(users)))
    return time.perf_counter() - started, found


async def crowd(servers: list, users: int, timeout_ms: int) -> tuple[float, list[list[tuple[str, float, float]]]]:
    """All users arrive at once; user i goes to server i mod len(servers). (wall seconds, views per user)."""
    from playwright.async_api import async_playwright

    from browser_support import CHROMIUM, CHROMIUM_ARGS
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            start = asyncio.Event()
            tasks = [asyncio.create_task(one_user(browser, servers[i % len(servers)].base_url, start, timeout_ms))
                     for i in range(users)]
            await asyncio.sleep(2)                 # every context and tab open before anyone arrives
            started = time.perf_counter()
            start.set()
            found = await asyncio.gather(*tasks)
            return time.perf_counter() - started, found
        finally:
            await browser.close()


def report(label: str, wall: float, found: list[list[tuple[str, float, float]]]) -> dict:
    views = [view for user in found for view in user]
    first_views = sorted(user[0][1] for user in found)        # arrival -> the Overview drawn, per user
    figures = {"views": len(views), "wall": wall, "per_second": len(views) / wall,
               "tenth": first_views[-1], "median_first": statistics.median(first_views),
               "view_median": statistics.median(v[2] for v in views)}
    print(f"{label:<14} {figures['views']} page views in {wall:5.1f} s = {figures['per_second']:4.2f} views/s; "
          f"Overview drawn for the median user after {figures['median_first']:5.1f} s, for the last "
          f"(user {len(found)}) after {figures['tenth']:5.1f} s; median view {figures['view_median']:4.1f} s "
          f"[load {load()}]", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a built warehouse")
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1, help="paired rounds (one process, then two)")
    parser.add_argument("--clients", choices=("both", "browser", "headless"), default="both")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a page view may take")
    args = parser.parse_args(argv)
    db = args.db.resolve()
    print(f"warehouse: {db}")
    print(f"machine: {os.cpu_count()} cores, load average {load()} at the start"
          + (f"; the {args.users} browser sessions run in one Chromium on the same machine, so browser and "
             f"server share its cores" if args.clients != "headless" else ""))
    print(f"each user: {' -> '.join('/' + page for page in JOURNEY)}: the Overview opened (a new session, "
          f"cold browser cache), the others through the sidebar's links; a view ends when the app is idle "
          f"(script finished, every chart drawn); servers warmed before anyone arrives. Then the same "
          f"journey by headless visitors (one websocket session per page, no browser): the servers alone")
    clients = ["browser", "headless"] if args.clients == "both" else [args.clients]
    results: dict[tuple[str, int], list[dict]] = {(c, n): [] for c in clients for n in (1, 2)}
    for round_number in range(args.rounds):
        for count in (1, 2):
            with ExitStack() as stack:
                servers = start_servers(db, count, stack)
                for client in clients:
                    if client == "browser":
                        wall, found = asyncio.run(crowd(servers, args.users, int(args.timeout * 1000)))
                    else:
                        wall, found = headless_crowd(servers, args.users)
                    label = f"round {round_number + 1}, {client}, {count} process{'es' if count > 1 else ''}"
                    results[client, count].append(report(label, wall, found))
    print(f"\nMedians over {args.rounds} round(s), {args.users} users arriving at once (load average {load()} "
          f"at the end):")
    for client in clients:
        for count in (1, 2):
            rounds = results[client, count]
            print(f"{client:<9}{count} process{'es' if count > 1 else '  '}: "
                  f"{statistics.median(r['per_second'] for r in rounds):4.2f} page views/s, the last user's "
                  f"Overview after {statistics.median(r['tenth'] for r in rounds):5.1f} s, the median user's "
                  f"after {statistics.median(r['median_first'] for r in rounds):5.1f} s")
        ratio = statistics.median(two["per_second"] / one["per_second"]
                                  for one, two in zip(results[client, 1], results[client, 2]))
        wait = statistics.median(two["tenth"] / one["tenth"] for one, two in zip(results[client, 1], results[client, 2]))
        print(f"{client:<9}two processes / one: {ratio:.2f}x the page views per second, {wait:.2f}x the last "
              f"user's wait (paired by round)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
