"""Server-side PNG/SVG chart images through kaleido 1.x and a locally installed Chromium."""
import asyncio
import atexit
import shutil
import threading
from pathlib import Path
from functools import cache

import plotly.graph_objects as go

from exports.decorate import ExportHeader, with_header
from i18n import t


def enable_hint(lang: str | None = None) -> str:
    """One line telling how to enable server-side chart images."""
    return t(
        "Install Chromium (apt-get install chromium) to download charts as PNG/SVG from the server; "
        "the camera icon on each chart still saves a PNG.",
        lang=lang,
    )


ENABLE_HINT = enable_hint("en")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
START_TIMEOUT_S = 60
# The base map of the region map ships with the app (static/topojson), so images render offline.
TOPOJSON_URL = (Path(__file__).resolve().parents[1] / "static" / "topojson").as_uri() + "/"
RENDER_TIMEOUT_S = 60
# The renderer never reaches the network: every proxied request goes to a closed local port, and the
# page blocks every network URL (loopback included; the page, plotly.js and the base map are files).
DEAD_PROXY = "http://127.0.0.1:9"
BLOCKED_URLS = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*", "*://*:*"]


class ExportUnavailableError(RuntimeError):
    """The server cannot render chart images (no Chromium, or the renderer failed)."""


def _choreographer_browser() -> str | None:
    try:
        from choreographer.browsers.chromium import Chromium
        return Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - any failure of the probe means "not found"
        return None


@cache
def browser_path() -> str | None:
    """Path of the Chromium kaleido will use, or None (looked up once per process)."""
    found = _choreographer_browser()
    return found or next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def server_export_available() -> bool:
    """True when a Chromium-based browser is installed, so kaleido can render on the server."""
    return browser_path() is not None


class _WarmRenderer:
    """One kaleido browser kept open on a private event loop; renders one figure at a time."""

    def __init__(self, offline: bool = True) -> None:
        self._offline = offline
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido-renderer", daemon=True)
        self._thread.start()
        try:
            self._kaleido = self._run(self._open(), START_TIMEOUT_S)
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self):
        import kaleido
        network = dict(proxy_server=DEAD_PROXY) if self._offline else {}
        browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False, **network)
        await browser.open()
        if self._offline:
            await _block_network(browser)
        return browser

    def _run(self, coroutine, timeout_s: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=timeout_s)

    def render(self, figure_dict: dict, options: dict) -> bytes:
        return self._run(self._kaleido.calc_fig(figure_dict, opts=options, topojson=TOPOJSON_URL),
                         RENDER_TIMEOUT_S)

    def close(self) -> None:
        try:
            self._run(self._kaleido.close(), 10)
        except Exception:  # noqa: BLE001 - closing a broken browser must not raise
            pass
        self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)


async def _block_network(browser) -> None:
    """Every tab of the renderer refuses network URLs (a figure's url() style or image cannot call out)."""
    for tab in list(browser.tabs.values()):
        for command, params in (("Network.enable", None),
                                ("Network.setBlockedURLs", {"urls": BLOCKED_URLS})):
            response = await tab.send_command(command, params=params)
            if isinstance(response, dict) and response.get("error"):
                raise ExportUnavailableError(f"{command}: {response['error']}")


_renderer_lock = threading.Lock()
_renderer: _WarmRenderer | None = None


def _close_renderer() -> None:
    global _renderer
    with _renderer_lock:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(_close_renderer)
close_renderer = _close_renderer   # for command-line runs: close the browser before the interpreter exits


def render_image(figure: go.Figure, image_format: str, width: int, height: int, scale: float = 1) -> bytes:
    """The figure as it stands rendered to png/svg bytes by the warm kaleido browser."""
    global _renderer
    if not server_export_available():
        raise ExportUnavailableError(ENABLE_HINT)
    options = dict(format=image_format, width=width, height=height, scale=scale)
    figure_dict = figure.to_dict()
    with _renderer_lock:
        try:
            _renderer = _renderer or _WarmRenderer()
            return _renderer.render(figure_dict, options)
        except Exception as error:
            broken, _renderer = _renderer, None
            if broken is not None:
                broken.close()
            raise ExportUnavailableError(f"{type(error).__name__}: {error}") from error


def _export(figure, image_format, header, width, height, scale, lang) -> bytes:
    prepared = with_header(figure, header, width, lang) if header is not None else go.Figure(figure)
    return render_image(prepared, image_format, width, height, scale)


def figure_png(
    figure: go.Figure, header: ExportHeader | None = None, width: int = 1600, height: int = 900,
    scale: float = 1, lang: str | None = None,
) -> bytes:
    """PNG bytes of a copy of the figure, with the export header when given."""
    return _export(figure, "png", header, width, height, scale, lang)


def figure_svg(
    figure: go.Figure, header: ExportHeader | None = None, width: int = 1600, height: int = 900,
    scale: float = 1, lang: str | None = None,
) -> bytes:
    """SVG bytes of a copy of the figure, with the export header when given."""
    return _export(figure, "svg", header, width, height, scale, lang)
