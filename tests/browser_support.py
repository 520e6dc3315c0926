"""Real-browser helpers: a `streamlit run` server in its own process group, Debian's Chromium
driven by Playwright, waiting for the app to finish a run, reading plotly charts, screenshots.

Used by tests/test_browser.py and bench/pages.py. Never downloads a browser: Chromium is
/usr/bin/chromium (Debian package).
"""
from __future__ import annotations

import ast
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import NamedTuple

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
MAX_SCREENSHOT_HEIGHT = 12_000     # px; longer pages are cut (Chromium's texture limit is ~16k)
APP_TIMEOUT_MS = 120_000   # a loaded 2-core machine (CI) can take a minute for a heavy page


# ---- what the app registers ---------------------------------------------------------------------------

class AppPage(NamedTuple):
    script: str        # "views/overview.py"
    name: str          # url_path in app.PAGES: "overview" (screenshot names)
    address: str       # where the browser finds it: "" for the default page (Streamlit serves it at "/")


def registered_pages(app_path: Path = PROJECT_DIR / "app.py") -> list[AppPage]:
    """Every entry of app.PAGES, read without running app.py; the first one is the default page
    (app.py passes default=(i == 0)), which Streamlit serves at the root: /overview would show
    "Page not found" and fall back to the root."""
    tree = ast.parse(app_path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            entries = [ast.literal_eval(element) for element in node.value.elts]
            pages = []
            for index, entry in enumerate(entries):
                name = entry[3] if len(entry) > 3 else Path(entry[0]).stem
                pages.append(AppPage(entry[0], name, "" if index == 0 else name))
            return pages
    raise AssertionError(f"{app_path} defines no PAGES list")


def artifacts_dir() -> Path:
    """Where screenshots go: $ROCA_ARTIFACTS/screenshots or tests/artifacts/screenshots."""
    folder = Path(os.environ.get("ROCA_ARTIFACTS", PROJECT_DIR / "tests" / "artifacts")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# ---- the server -------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`python -m streamlit run app.py` (or another `launcher`, such as `python -m serve`) on a free
    port, in a new process group (stopped as a whole)."""

    def __init__(self, warehouse: Path, project_dir: Path = PROJECT_DIR, port: int | None = None,
                 log_path: Path | None = None, extra_env: dict[str, str] | None = None,
                 launcher: tuple[str, ...] = ("-m", "streamlit", "run", "app.py")):
        self.warehouse = Path(warehouse)
        self.project_dir = Path(project_dir)
        self.port = port or free_port()
        self.log_path = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"roca-streamlit-{self.port}.log"
        self.extra_env = extra_env or {}
        self.launcher = tuple(launcher)
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://localhost:{self.port}"

    def url(self, url_path: str = "", **params) -> str:
        """Address of a page; list values repeat the parameter (country=KAZ&country=KGZ)."""
        query = urllib.parse.urlencode(params, doseq=True)
        return f"{self.base_url}/{url_path}" + (f"?{query}" if query else "")

    def start(self, timeout: float = 90.0) -> "StreamlitServer":
        self.started_at = time.perf_counter()
        env = {**os.environ, "ROCA_WAREHOUSE": str(self.warehouse), **self.extra_env}
        command = [sys.executable, *self.launcher, "--server.port", str(self.port),
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none"]
        self._log = open(self.log_path, "wb")
        self.process = subprocess.Popen(command, cwd=self.project_dir, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit not healthy after {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, characters: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-characters:]
        except OSError:
            return ""

    def stop(self) -> None:
        """SIGTERM the server's process group, then SIGKILL what is left after 10 s."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()
        self.process = None

    def __enter__(self) -> "StreamlitServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


# ---- the browser --------------------------------------------------------------------------------------------

def launch_chromium(playwright):
    """Debian's Chromium, headless; never a downloaded browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# A run is finished when: connected, the script is not running, the main block has elements,
# no element is still a loading skeleton (lazily loaded widgets and charts), every plotly chart
# element holds a drawn plot, and nothing is marked stale.
APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  if (main.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  for (const chart of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.js-plotly-plot .main-svg')) return false;
  }
  return true;
}"""

MAIN_SIGNATURE_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return main ? main.querySelectorAll('[data-testid="stElementContainer"]').length + ':' +
                main.querySelectorAll('.js-plotly-plot').length + ':' + main.scrollHeight : '';
}"""


def wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS, settle_ms: int = 400) -> None:
    """Wait until the app has finished its run and the page stopped changing for `settle_ms`."""
    deadline = time.monotonic() + timeout_ms / 1000
    previous = None
    while True:
        remaining = max(1, int((deadline - time.monotonic()) * 1000))
        page.wait_for_function(APP_IDLE_JS, timeout=remaining, polling=100)
        signature = page.evaluate(MAIN_SIGNATURE_JS)
        if signature == previous:
            return
        previous = signature
        if time.monotonic() > deadline:
            raise TimeoutError("the app kept changing")
        page.wait_for_timeout(settle_ms)


def open_app(page, url: str, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page, timeout_ms)


def exception_texts(page) -> list[str]:
    return [element.inner_text() for element in page.locator('[data-testid="stException"]').all()]


FIGURES_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')).map(plot => {
  const title = (plot._fullLayout && plot._fullLayout.title && plot._fullLayout.title.text) || '';
  const list = value => value == null ? null
      : Array.from(value, item => (Array.isArray(item) || ArrayBuffer.isView(item)) ? Array.from(item) : item);
  return {
    title: title.replace(/<[^>]*>/g, ''),
    traces: (plot._fullData || []).map(trace => ({
      type: trace.type, name: trace.name === undefined ? null : String(trace.name), visible: trace.visible,
      x: list(trace.x), y: list(trace.y), z: list(trace.z), locations: list(trace.locations),
    })),
    legend: Array.from(plot.querySelectorAll('.legendtext')).map(node => node.textContent),
  };
})"""


def plotly_figures(page) -> list[dict]:
    """Title (tags removed), traces as drawn (plotly.js _fullData: typed arrays decoded) and legend texts
    of every plotly chart in the main block."""
    return page.evaluate(FIGURES_JS)


def figure_titled(page, words: str) -> dict:
    """The drawn figure whose title contains `words`."""
    figures = plotly_figures(page)
    for figure in figures:
        if words in figure["title"]:
            return figure
    raise AssertionError(f"no chart titled '{words}' among {[f['title'] for f in figures]}")


def full_page_screenshot(page, path: Path) -> Path:
    """The whole app (main block and sidebar scroll inside the page): grow the viewport to fit."""
    height = page.evaluate("""() => Math.max(
        ...['[data-testid="stMain"]', '[data-testid="stSidebarContent"]', 'html']
           .map(s => document.querySelector(s)).filter(Boolean).map(e => e.scrollHeight))""")
    size = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]),
                                                                 MAX_SCREENSHOT_HEIGHT)})
    try:
        page.wait_for_timeout(300)
        wait_for_app(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path
