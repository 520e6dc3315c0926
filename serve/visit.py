"""A headless visitor: opens one Streamlit session over the app's websocket and runs one page in it."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

STREAM_PATH = "_stcore/stream"


@dataclass
class Visit:
    """What one page run sent back: its elements by kind, chart titles, exceptions, seconds."""

    page: str
    query_string: str
    seconds: float = 0.0
    elements: dict[str, int] = field(default_factory=dict)
    chart_titles: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    finished: bool = False


def _element(visit: Visit, message: ForwardMsg) -> None:
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return
    element = message.delta.new_element
    kind = element.WhichOneof("type")
    visit.elements[kind] = visit.elements.get(kind, 0) + 1
    if kind == "plotly_chart" and element.plotly_chart.spec:
        title = json.loads(element.plotly_chart.spec).get("layout", {}).get("title", {}).get("text")
        visit.chart_titles.append(title or "")
    elif kind == "exception":
        visit.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])


def visit(base_url: str, page: str = "", query_string: str = "", timeout: float = 600.0) -> Visit:
    """Open a session at `base_url` (http://host:port[/base]) and run the page whose url path is
    `page` ("" for the default page) with `query_string` (without "?"), as a browser's first
    visit does; returns when the script run has finished (or raises TimeoutError)."""
    found = Visit(page, query_string)
    address = base_url.replace("http://", "ws://", 1).replace("https://", "wss://", 1).rstrip("/")
    started = time.perf_counter()
    deadline = time.monotonic() + timeout
    with connect(f"{address}/{STREAM_PATH}", subprotocols=["streamlit"], max_size=None,
                 open_timeout=timeout, close_timeout=5) as socket:
        request = BackMsg()
        request.rerun_script.query_string = query_string
        request.rerun_script.page_name = page
        socket.send(request.SerializeToString())
        while not found.finished:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            _element(found, message)
            found.finished = message.WhichOneof("type") == "script_finished"
    found.seconds = time.perf_counter() - started
    return found
