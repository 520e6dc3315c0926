"""The server's image renderer never reaches the network, whatever a figure's text or images point at."""
from __future__ import annotations

import http.server
import threading

import plotly.graph_objects as go
import pytest

from exports import images


@pytest.fixture()
def listener():
    """A local HTTP server that records every path asked of it."""
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server name
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/svg+xml")
            self.end_headers()
            self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="a"/></svg>')

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def raw_hostile_figure(base: str) -> go.Figure:
    """A figure whose markup (not escaped on purpose) and layout image point at `base`."""
    figure = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], name=f'<span style="fill:url({base}/legend.svg#a)">n</span>'))
    figure.update_layout(title=f'<span style="fill:url({base}/title.svg#a)">title</span> <a href="{base}/a">a</a>',
                         images=[dict(source=f"{base}/image.png", xref="paper", yref="paper", x=0, y=1,
                                      sizex=0.2, sizey=0.2)])
    figure.add_annotation(text=f'<span style="fill:url({base}/note.svg#a)">note</span>', x=1, y=1)
    return figure


def _render(renderer: images._WarmRenderer, figure: go.Figure, image_format: str) -> bytes:
    return renderer.render(figure.to_dict(), dict(format=image_format, width=600, height=400, scale=1))


def test_renderer_requests_nothing_for_png_svg_and_pdf_of_a_hostile_figure(listener):
    base, hits = listener
    renderer = images._WarmRenderer()
    try:
        for image_format in ("png", "svg", "pdf"):
            assert _render(renderer, raw_hostile_figure(base), image_format)
    finally:
        renderer.close()
    assert hits == []


def test_same_figure_would_reach_the_listener_without_the_guard(listener):
    """The control: an unguarded browser does fetch those addresses, so the test above can fail."""
    base, hits = listener
    renderer = images._WarmRenderer(offline=False)
    try:
        _render(renderer, raw_hostile_figure(base), "png")
    finally:
        renderer.close()
    assert hits


def test_app_renderer_is_the_guarded_one(listener):
    base, hits = listener
    assert images.figure_svg(raw_hostile_figure(base), width=600, height=400).startswith(b"<svg")
    assert hits == []
