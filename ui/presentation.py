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
from indicators.charts import SOURCE_ANNOTATION, line_count
from indicators.markdown import escape_markdown
from indicators.small_multiples import laid_out_in_pixels
from ui.fit import SOURCE_INDENT, fit_category_ticks, fit_row_labels, fit_source

PARAM = "present"
CHART_ID = re.compile(r"^[a-z0-9_\-]{1,80}$")
FONT_SIZE = 24          # axis labels, ticks, legend, hover: 1.5 times the page's type
TITLE_SIZE = 34
HEIGHT_PX = 620         # fits a 768-pixel screen; on a taller one the chart stretches to fill it (static/screen.css)
SCREEN_WIDTH = 990      # px of the chart on a 1,024-pixel screen (sidebar closed)
LINE_WIDTH = 4
MARKER_SIZE = 12
SCALE = FONT_SIZE / 16  # how much bigger than the page's type (indicators.charts.FONT_SIZE)
MARGINS = {"l": 110, "r": 50}
TITLE_PAD = 20          # px above the title
TITLE_ROOM = 24         # px between the title and the plot (the demonstration label)
ROW_LABEL_SIZE = 20     # px of a heatmap's row labels when they are wrapped
TITLE_CHARACTERS = int((SCREEN_WIDTH - 2 * 24) / (TITLE_SIZE * 0.55))   # a bold title line fits a 1,024 px screen
CELL_LINE = 1.35        # a heatmap row is at least this many times its type size per line


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


def _title_block(lines: int, size: float) -> float:
    return TITLE_PAD + lines * size * 1.25 + TITLE_ROOM


def _fit_heatmap_type(big: go.Figure) -> None:
    """Row labels and cell text of a heatmap no taller than its rows (many rows on a 768-pixel screen)."""
    heatmaps = [trace for trace in big.data if trace.type == "heatmap" and trace.y is not None and len(trace.y)]
    if not heatmaps:
        return
    plot_height = HEIGHT_PX - big.layout.margin.t - big.layout.margin.b
    row_px = plot_height / len(heatmaps[0].y)
    axis = big.layout.yaxis
    label_lines = max((line_count(label) for label in (axis.ticktext or [])), default=1)
    cap = int(row_px / (CELL_LINE * label_lines))
    axis.tickfont.size = min(axis.tickfont.size or FONT_SIZE, cap)
    for trace in heatmaps:
        trace.textfont.size = min(trace.textfont.size or FONT_SIZE, int(row_px / CELL_LINE))


def presentation_figure(figure: go.Figure) -> go.Figure:
    """A copy of the figure at presentation size: large type, thick lines, laid out for a 1,024 × 768 screen
    (title, source line and labels fitted to its width), same data and notes. A figure laid out in pixels
    keeps its layout and type, with thicker lines."""
    big = go.Figure(figure)
    if laid_out_in_pixels(big):
        big.update_traces(line_width=3, marker_size=7, selector=dict(type="scatter"))
        return big
    margin = big.layout.margin
    original_title = big.layout.title.text or ""
    original_size = big.layout.title.font.size or 22
    title_lines = line_count(original_title) if original_title else 0
    top_extra = max(0, (margin.t or 0) - max(90, 16 + title_lines * original_size * 1.3 + 30))  # ticks, legend on top
    big.update_layout(
        font_size=FONT_SIZE, height=HEIGHT_PX, hoverlabel_font_size=FONT_SIZE - 4,
        title_font_size=TITLE_SIZE, legend_font_size=FONT_SIZE, legend_title_font_size=FONT_SIZE,
        margin={**{side: max(MARGINS[side], round((getattr(margin, side) or 0) * SCALE)) for side in MARGINS},
                "b": round((margin.b or 100) * SCALE)},
    )
    lines = []
    if original_title:   # re-wrapped for the large type: the page's own line breaks suit its smaller type
        lines = textwrap.wrap(re.sub(r"<br\s*/?>", " ", original_title), TITLE_CHARACTERS,
                              break_long_words=False, break_on_hyphens=False) or [original_title]
        big.update_layout(title_text="<br>".join(lines),   # hung from the top: extra lines go down, not off
                          title_yref="container", title_y=1, title_yanchor="top",
                          # plotly lifts a title of several lines by all but one line: pad it down again
                          title_pad_t=round(TITLE_PAD + (len(lines) - 1) * TITLE_SIZE * 1.3))
    big.update_layout(margin_t=round(_title_block(len(lines), TITLE_SIZE) + top_extra * SCALE))
    if big.layout.title.xanchor == "left":
        big.update_layout(title_pad_l=24)
    if big.layout.title.subtitle.text:
        big.update_layout(title_subtitle_font_size=FONT_SIZE - 4)
    for annotation in big.layout.annotations:
        if annotation.font.size is not None:
            annotation.font.size = _scaled(annotation.font.size)
        if annotation.yshift:
            annotation.yshift = round(annotation.yshift * SCALE)
        if annotation.name == SOURCE_ANNOTATION:   # still from the figure's left edge, whatever the margin
            annotation.xshift = -((big.layout.margin.l or 0) - SOURCE_INDENT)
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
    fit_source(big, SCREEN_WIDTH)
    fit_row_labels(big, SCREEN_WIDTH, ROW_LABEL_SIZE)
    fit_category_ticks(big, SCREEN_WIDTH)
    big.layout.height = HEIGHT_PX      # the plot gives up what the wrapped notes need, the screen is fixed
    _fit_heatmap_type(big)
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
        if laid_out_in_pixels(figure):   # at its own height: the page scrolls rather than squeezing the panels
            st.plotly_chart(presentation_figure(figure), width="stretch", config=plotly_config,
                            key=f"presentation-chart-{chart_id}")
        else:
            with st.container(key="presentation-stage"):   # as tall as the screen (static/screen.css)
                st.plotly_chart(presentation_figure(figure), width="stretch", height="stretch",
                                config=plotly_config, key=f"presentation-chart-{chart_id}")
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
