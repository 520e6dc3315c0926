"""Warm a starting server in its own process: import what the pages import, then visit every page
once (and run one search) so the process-wide caches hold what a first visitor needs."""
from __future__ import annotations

import ast
import importlib
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from serve.heap import settle_heap
from serve.visit import Visit, visit

PROJECT_DIR = Path(__file__).resolve().parents[1]
APP = PROJECT_DIR / "app.py"
# A search loads the recommendation texts' index into memory: one warm-up visit pays for it.
SEARCH_VISIT = ("recommendations", "q=torture")
FINISHED = "warm-up finished"           # the log line tests and benchmarks wait for
HEAP_SETTLED = "heap settled"           # logged after it, by the server's own warm-up


def page_paths(app: Path = APP) -> list[str]:
    """Url paths of app.PAGES in order, read without running app.py; the first (default) page is ""."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            entries = [ast.literal_eval(element) for element in node.value.elts]
            return ["" if index == 0 else entry[3] for index, entry in enumerate(entries)]
    raise ValueError(f"{app} defines no PAGES list")


def page_modules(project: Path = PROJECT_DIR) -> list[str]:
    """The project modules app.py and views/*.py import (pandas, plotly, duckdb come with them)."""
    names: list[str] = []
    for script in [project / "app.py", *sorted((project / "views").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            found = [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 else (
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            names += [name for name in found if name and name not in names]
    return names


def import_modules(names: list[str]) -> None:
    """Import each module; one that fails is left for the page to report when it runs."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:   # noqa: BLE001: the page's own run shows the error to the visitor
            pass


def wait_healthy(base_url: str, timeout: float = 300.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.1)
    return False


def visits_to_make(app: Path = APP) -> list[tuple[str, str]]:
    """(page, query string): every page's default view, the default page first, then one search."""
    return [(page, "") for page in page_paths(app)] + [SEARCH_VISIT]


def warm(base_url: str, log: Callable[[str], None] = print, app: Path = APP) -> list[Visit]:
    """Visit every page of the server at `base_url` once, one after the other; log each visit."""
    started = time.perf_counter()
    done: list[Visit] = []
    for page, query in visits_to_make(app):
        try:
            found = visit(base_url, page, query)
        except Exception as error:   # noqa: BLE001: a failed warm-up must not stop the server
            log(f"warm-up: /{page}{'?' + query if query else ''} failed: {error!r}")
            continue
        done.append(found)
        log(f"warm-up: /{page}{'?' + query if query else ''} {found.seconds:.2f} s, "
            f"{found.elements.get('plotly_chart', 0)} charts, {len(found.exceptions)} exceptions")
    log(f"{FINISHED}: {len(done)} visits in {time.perf_counter() - started:.1f} s")
    return done


def server_url() -> str | None:
    """The address of this process's Streamlit server once it runs (None before)."""
    from streamlit import config
    from streamlit.runtime import Runtime
    if not Runtime.exists():
        return None
    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::"):
        address = "127.0.0.1"
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{address}:{config.get_option('server.port')}" + (f"/{base}" if base else "")


def warm_this_server(log: Callable[[str], None] | None = None, timeout: float = 300.0) -> None:
    """Run in a thread of the server process: imports first (while Streamlit starts), then the
    page visits once the server answers, then the heap settled (serve/heap.py)."""
    log = log or (lambda line: print(line, file=sys.stderr, flush=True))
    import_modules(page_modules())
    deadline = time.monotonic() + timeout
    while (url := server_url()) is None:
        if time.monotonic() > deadline:
            log("warm-up: the server did not start; nothing warmed")
            return
        time.sleep(0.1)
    if not wait_healthy(url, max(1.0, deadline - time.monotonic())):
        log(f"warm-up: {url} did not answer; nothing warmed")
        return
    warm(url, log)
    log(f"{HEAP_SETTLED}: {settle_heap():,} objects frozen")
