"""Presentation mode: one chart filling the screen at projector-size type (?present=<chart_id>)."""
from __future__ import annotations

import contextvars
import re
import textwrap
from urllib.parse import urlencode
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from i18n import t
from indicators.markdown import escape_markdown

PARAM = "present"
CHART_ID = re.compile(r"^[a-z0-9_\-]{1,80}$")
FONT_SIZE = 28          # axis labels, ticks, legend, hover
TITLE_SIZE = 40
HEIGHT_PX = 820         # about 85 % of a 1080-pixel projector screen
LINE_WIDTH = 4
MARKER_SIZE = 12
SCALE = FONT_SIZE / 16  # how much bigger than the page's type (indicators.charts.FONT_SIZE)
MARGINS = {"l": 130, "r": 60, "t": 150, "b": 210}
TITLE_CHARACTERS = 34   # a 40 px bold title wraps after about this many characters to fit a 1,024 px screen


def requested_chart(url: dict[str, list[str]]) -> tuple[str | None, list[str]]:
    """(chart id to present or None, ignored parameters) from the URL's `present` parameter."""
    values = url.get(PARAM) or []
    if not values:
        return None, []
    if CHART_ID.fullmatch(values[0]):
        return values[0], []
    return None, [f"{PARAM}={values[0][:40]}"]


def _scaled(size) -> int | None:
    return None if size is None else round(size * SCALE)


def _enlarge_axis(axis) -> None:
    axis.update(tickfont_size=_scaled(axis.tickfont.size) or FONT_SIZE - 2,
                title_font_size=_scaled(axis.title.font.size) or FONT_SIZE - 2)


def presentation_figure(figure: go.Figure) -> go.Figure:
    """A copy of the figure at presentation size: large type, thick lines, tall, same data and notes."""
    big = go.Figure(figure)
    margin = big.layout.margin
    big.update_layout(
        font_size=FONT_SIZE, height=HEIGHT_PX, hoverlabel_font_size=FONT_SIZE - 4,
        title_font_size=TITLE_SIZE, legend_font_size=FONT_SIZE, legend_title_font_size=FONT_SIZE,
        margin={side: max(MARGINS[side], round((getattr(margin, side) or 0) * SCALE)) for side in MARGINS},
    )
    title = big.layout.title.text or ""
    if title:   # re-wrapped for the large type: the page's own line breaks suit its smaller type
        lines = textwrap.wrap(re.sub(r"<br\s*/?>", " ", title), TITLE_CHARACTERS,
                              break_long_words=False, break_on_hyphens=False) or [title]
        big.update_layout(title_text="<br>".join(lines),   # hung from the top: extra lines go down, not off
                          title_yref="container", title_y=1, title_yanchor="top", title_pad_t=64,
                          margin_t=big.layout.margin.t + round(TITLE_SIZE * 1.2) * (len(lines) - 1))
    if big.layout.title.xanchor == "left":
        big.update_layout(title_pad_l=24)
    if big.layout.title.subtitle.text:
        big.update_layout(title_subtitle_font_size=FONT_SIZE - 4)
    for annotation in big.layout.annotations:
        if annotation.font.size is not None:
            annotation.font.size = _scaled(annotation.font.size)
        if annotation.yshift:
            annotation.yshift = round(annotation.yshift * SCALE)
    big.for_each_xaxis(_enlarge_axis)
    big.for_each_yaxis(_enlarge_axis)
    for trace in big.data:
        if trace.type == "scatter":
            if trace.line.width is not None or "lines" in (trace.mode or "lines"):
                trace.line.width = max(trace.line.width or 2, LINE_WIDTH)
            if trace.marker.size is not None or "markers" in (trace.mode or ""):
                trace.marker.size = max(trace.marker.size or 6, MARKER_SIZE)
        if hasattr(trace, "textfont"):
            trace.textfont.size = _scaled(trace.textfont.size) or FONT_SIZE - 4
    return big


# ---- the slot the chosen chart is drawn into ----------------------------------------------------

@dataclass
class _Stage:
    chart_id: str
    slot: object          # st.empty() created before the page ran
    shown: bool = False


_stage: contextvars.ContextVar[_Stage | None] = contextvars.ContextVar("roca_presentation", default=None)
_page: contextvars.ContextVar[str] = contextvars.ContextVar("roca_page", default="")
_page_object: contextvars.ContextVar[object | None] = contextvars.ContextVar("roca_page_object", default=None)


def current_page() -> str:
    """The title of the page being run (set by run_page), '' outside it."""
    return _page.get()


def presenting(chart_id: str) -> bool:
    """True when this run presents `chart_id` and it has not been drawn yet."""
    stage = _stage.get()
    return stage is not None and stage.chart_id == chart_id and not stage.shown


def _exit() -> None:
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def link(chart_id: str) -> str:
    """A relative link to this page presenting `chart_id` with the current filters (?...&present=<chart_id>)."""
    pairs = [(name, value) for name in st.query_params if name != PARAM for value in st.query_params.get_all(name)]
    return "?" + urlencode([*pairs, (PARAM, chart_id)])


def _exit_button(lang: str, key: str) -> None:
    """A link back to the normal page with the same filters (client-side, so the browser's URL follows)."""
    params = {name: st.query_params.get_all(name) for name in st.query_params if name != PARAM}
    page = _page_object.get()
    label = t("Exit presentation mode", lang=lang)
    if page is None:
        st.button(label, key=key, on_click=_exit, icon=":material/close_fullscreen:")
        return
    st.page_link(page, label=label, query_params=params, icon=":material/close_fullscreen:")


def show(figure: go.Figure, *, chart_id: str, lang: str, plotly_config: dict) -> None:
    """Draw the chosen chart, large, with only an exit button, into the slot made before the page ran."""
    stage = _stage.get()
    stage.shown = True
    with stage.slot.container():
        st.plotly_chart(presentation_figure(figure), width="stretch", config=plotly_config,
                        key=f"presentation-chart-{chart_id}")
        _exit_button(lang, key=f"present-exit-{chart_id}")


def run_page(page, present: str | None, lang: str) -> None:
    """Run the page; when presenting, keep only the chosen chart (or say it is not on this page)."""
    page_token = _page.set(str(getattr(page, "title", "") or ""))
    object_token = _page_object.set(page)
    try:
        if not present:
            page.run()
            return
        slot = st.empty()
        stage = _Stage(chart_id=present, slot=slot)
        token = _stage.set(stage)
        try:
            body = st.empty()
            with body.container():
                page.run()
        finally:
            _stage.reset(token)
        if stage.shown:
            body.empty()
        else:
            with slot.container():
                st.info(t("The chart '{chart}' is not on this page; showing the whole page.", lang=lang,
                          chart=escape_markdown(present)), icon=":material/info:")
                _exit_button(lang, key="present-exit")
    finally:
        _page.reset(page_token)
        _page_object.reset(object_token)
