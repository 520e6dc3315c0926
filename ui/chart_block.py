"""Render a chart or a table with its downloads; the one place pages hand figures to Streamlit.

Every download (CSV, Excel, sources, chart images) is *deferred*: the bytes are made only
when the user clicks (st.download_button with a callable), never on an ordinary rerun.
Figures handed to show_chart must not be changed afterwards (the deferred exports read them).
"""
from __future__ import annotations

import datetime
import hashlib
import html
import io
import textwrap
from typing import Callable, NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from exports.decorate import BASE_FONT_SIZE, ExportHeader, with_header
from exports.images import ExportUnavailableError, enable_hint, figure_png, figure_svg, server_export_available
from exports.slide_layout import unrendered_text
from exports.tables import csv_bytes, excel_bytes
from i18n import t
from indicators.cache import cached
from indicators.markdown import escape_markdown
from indicators.queries import run_query
from indicators.small_multiples import laid_out_in_pixels
from indicators.provenance import (citation, figure_sources, provenance_text, short_file_lines, source_lines,
                                   warehouse_version)
from indicators.charts import DEMO_ANNOTATION, DEMO_LABEL_ANNOTATION, SOURCE_ANNOTATION
from ui import presentation
from ui.context import PageContext
from ui.report_state import STATE_KEY, add_item, make_record, table_cells

# plotly.js reads the base map from the app's own static folder (no internet needed).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": "app/static/topojson/",
    "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 1},
}
IMAGE_WIDTH, IMAGE_HEIGHT = 1600, 900
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGE_MIMES = {"png": "image/png", "svg": "image/svg+xml"}
IMAGE_CACHE_ENTRIES = 32
THUMBNAIL_HEIGHT = 260
AXIS_ROOM_PX = 90   # what exports.decorate.with_header leaves between the plot and the footer
VIEW_CHART, VIEW_TABLE, VIEW_MAP = "chart", "table", "map"
ON_SCREEN_ONLY = {SOURCE_ANNOTATION, DEMO_ANNOTATION, DEMO_LABEL_ANNOTATION}  # the export header redraws these


# ---- what an export says besides the data ---------------------------------------------------------

def filter_summary(ctx: PageContext) -> str:
    """The active filters in one line of words (for export subtitles, slides and metadata sheets)."""
    return ctx.filter_words()


class FigureProvenance(NamedTuple):
    """What the exports of one source line say of its files: its own rows of provenance_sources, a line
    per file, the warehouse version."""
    rows: pd.DataFrame
    lines: tuple[str, ...]
    version: str


@cached(256)
def figure_provenance(key, source: str, is_demo: bool, lang: str) -> FigureProvenance:
    """The source files a figure's source line names, by warehouse version, source line and language: made
    once, not for every chart on every rerun (a page shows up to a dozen charts)."""
    every = run_query("provenance_sources", key)
    own = figure_sources(every, source, is_demo)
    return FigureProvenance(own, tuple(source_lines(own, lang)), warehouse_version(every["sha256"]))


def export_metadata(ctx: PageContext, title: str, source: str, years: str = "",
                    summary: str | None = None) -> dict[str, str]:
    """The Metadata sheet's fields: title, filters, source, data years, publishers and licences loaded.

    exports.tables.excel_bytes adds the export time and, for demonstration data, the demo note.
    """
    lang = ctx.lang
    metadata = {t("Title", lang=lang): title, t("Filters", lang=lang): summary or filter_summary(ctx),
                t("Source", lang=lang): source}
    if years:
        metadata[t("Data years", lang=lang)] = years
    # the figure's own source files (those of the publishers its source line names), not every file loaded
    own = figure_provenance(ctx.key, source, ctx.is_demo, lang)
    for number, line in enumerate(own.lines, start=1):
        metadata[t("Source file {number} (publisher — file — sha256 — licence)", lang=lang, number=number)] = line
    metadata[t("Warehouse version", lang=lang)] = own.version
    metadata[t("Cite this chart", lang=lang)] = citation(title, own.rows, years, own.version, lang)
    return metadata


def export_header(ctx: PageContext, title: str, source: str, years: str, summary: str | None = None) -> ExportHeader:
    """Title, filters, source, data years, today's date, the demo flag, the chart's own source files and
    the warehouse version of an exported image."""
    own = figure_provenance(ctx.key, source, ctx.is_demo, ctx.lang)
    return ExportHeader(title=title, subtitle=summary or filter_summary(ctx), is_demo=ctx.is_demo, source=source,
                        years=years, export_date=datetime.date.today(), files=short_file_lines(own.rows),
                        version=own.version)


def export_figure(figure: go.Figure) -> go.Figure:
    """A copy of the on-screen figure without the notes the export header draws itself (source, demo)."""
    exported = go.Figure(figure)
    exported.layout.annotations = [note for note in exported.layout.annotations if note.name not in ON_SCREEN_ONLY]
    return exported


def _category_labels(figure: go.Figure) -> list[str]:
    """Text categories drawn along the x axis (bar/heatmap x values that are strings)."""
    labels = []
    for trace in figure.data:
        if getattr(trace, "orientation", None) == "h":
            continue
        values = getattr(trace, "x", None)
        if values is not None and len(values) and all(isinstance(value, str) for value in values):
            labels += list(values)
    return labels


def with_tick_label_room(decorated: go.Figure) -> go.Figure:
    """Move the export footer below long (rotated) x tick labels: exports.decorate reserves 90 px for the axis."""
    labels = _category_labels(decorated)
    if not labels:
        return decorated
    longest = max(len(label) for label in labels)
    font = decorated.layout.font.size or BASE_FONT_SIZE
    # labels turned by up to 30 degrees (about 0.55 em a character), the axis title below them, padding
    needed = longest * font * 0.55 * 0.5 + font * 2.6 + 15
    extra = round(needed - AXIS_ROOM_PX)
    if extra <= 0:
        return decorated
    footer = [note for note in decorated.layout.annotations if note.yref == "paper" and note.y == 0
              and note.yanchor == "top" and note.yshift]
    for note in footer[-1:]:
        note.yshift -= extra
    decorated.update_layout(margin_b=(decorated.layout.margin.b or 0) + extra)
    return decorated


# ---- server-rendered images (deferred, cached) -----------------------------------------------------

def export_height(figure: go.Figure, prepared: go.Figure) -> int:
    """900 px, or more for a figure laid out in pixels (the Overview's small multiples): its plot area as
    drawn on screen plus the export's title and footer margins, so its panels are not squeezed."""
    if not laid_out_in_pixels(figure) or not figure.layout.height:
        return IMAGE_HEIGHT
    plot = figure.layout.height - (figure.layout.margin.t or 0) - (figure.layout.margin.b or 0)
    return max(IMAGE_HEIGHT, int(plot + (prepared.layout.margin.t or 0) + (prepared.layout.margin.b or 0)))


def image_bytes(figure: go.Figure, header: ExportHeader, image_format: str, lang: str) -> bytes:
    """PNG or SVG (1600 px wide, 900 px high or as tall as a figure laid out in pixels needs) of the figure as
    on screen with its export header; cached by content."""
    prepared = with_tick_label_room(with_header(export_figure(figure), header, IMAGE_WIDTH, lang))
    height = export_height(figure, prepared)
    digest = hashlib.sha256("\x1f".join([prepared.to_json(), repr(header), image_format, lang,
                                         str(height)]).encode()).hexdigest()
    try:
        return _rendered(digest, image_format, lang, height, _prepared=prepared)
    except ExportUnavailableError as error:   # the download still gives a file that says why (not cached)
        return unrendered_image(image_format, unrendered_text(str(error), lang))


@cached(IMAGE_CACHE_ENTRIES)
def _rendered(digest: str, image_format: str, lang: str, height: int, _prepared: go.Figure) -> bytes:
    """The rendered image of a prepared figure, by its content digest (which holds the warehouse version)."""
    render = figure_png if image_format == "png" else figure_svg
    return render(_prepared, None, width=IMAGE_WIDTH, height=height, lang=lang)


def _image_with_header(ctx: PageContext, figure: go.Figure, image_format: str, title: str, source: str,
                       years: str, summary: str) -> bytes:
    """image_bytes with the export header made when the download is clicked (not on every rerun)."""
    return image_bytes(figure, export_header(ctx, title, source, years, summary), image_format, ctx.lang)


def unrendered_image(image_format: str, message: str) -> bytes:
    """A plain 1600 × 900 PNG or SVG carrying `message`, for when the renderer fails."""
    if image_format == "svg":
        lines = "".join(f'<tspan x="40" dy="1.4em">{html.escape(line)}</tspan>' for line in textwrap.wrap(message, 90))
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{IMAGE_WIDTH}" height="{IMAGE_HEIGHT}">'
                f'<rect width="100%" height="100%" fill="#ffffff"/><text y="80" font-family="sans-serif" '
                f'font-size="28" fill="#555555">{lines}</text></svg>').encode("utf-8")
    from PIL import Image, ImageDraw, ImageFont

    from exports.fonts import unicode_font
    canvas = Image.new("RGB", (IMAGE_WIDTH, IMAGE_HEIGHT), "white")
    font = ImageFont.truetype(str(unicode_font(False)), 28)
    ImageDraw.Draw(canvas).multiline_text((40, 80), "\n".join(textwrap.wrap(message, 90)), font=font,
                                          fill=(85, 85, 85), spacing=12)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def _deferred(function, *args):
    """A no-argument callable for st.download_button (runs on click, on another thread)."""
    return lambda: function(*args)


# ---- report and presentation buttons -----------------------------------------------------------------

def _add_to_report(figure: go.Figure, fields: dict, lang: str, data: pd.DataFrame | None = None) -> None:
    table = None if data is None else table_cells(data, lang)   # lets the slide show a table instead
    record = make_record(export_figure(figure).to_json(), **fields, table=table)   # slide redraws source, demo mark
    items, outcome = add_item(st.session_state.get(STATE_KEY, []), record)
    st.session_state[STATE_KEY] = items
    messages = {
        "added": t("Added to the report ({count} charts). Open the Report page to download it.", lang=lang,
                   count=len(items)),
        "duplicate": t("This chart is already in the report.", lang=lang),
        "full": t("The report is full; remove a chart first.", lang=lang),
    }
    st.toast(messages[outcome], icon=":material/slideshow:")


def _report_fields(ctx: PageContext, chart_id: str, title: str, source: str, years: str, summary: str) -> dict:
    page = presentation.current_page()
    return dict(chart_id=chart_id, page=page, title=title, source=source, years=years, filters=summary,
                countries=list(ctx.filters.countries), theme=ctx.filters.theme)


# ---- the two public renderers ------------------------------------------------------------------------

def view_choices(is_map: bool, can_map: bool, lang: str) -> dict[str, str]:
    """The views a chart offers, first one the default: its chart (or map), its table, a map where one fits."""
    views = {VIEW_MAP: t("Map", lang=lang)} if is_map else {VIEW_CHART: t("Chart", lang=lang)}
    views[VIEW_TABLE] = t("Table", lang=lang)
    if can_map and not is_map:
        views[VIEW_MAP] = t("Map", lang=lang)
    return views


def _chosen_view(chart_id: str, views: dict[str, str], lang: str) -> str:
    """The view picked above the chart (a click on the picked one leaves it picked)."""
    first = next(iter(views))
    key = f"view-{chart_id}"
    if st.session_state.get(key) not in views:
        st.session_state[key] = first
    chosen = st.segmented_control(t("View", lang=lang), list(views), format_func=views.get, key=key,
                                  label_visibility="collapsed")
    return chosen if chosen in views else first


def _table_view(data: pd.DataFrame, title: str, source: str, years: str, is_demo: bool, lang: str) -> None:
    """The chart's data as a table, with the title, source and data years the chart carries."""
    st.markdown(f"**{escape_markdown(title)}**")
    st.dataframe(data, width="stretch", hide_index=True)
    parts = [t("Source: {source}", lang=lang, source=source)]
    if years:
        parts.append(f"{t('Data years', lang=lang)}: {years}")
    if is_demo:
        parts.insert(0, t("Demonstration data, not real figures", lang=lang))
    st.caption(escape_markdown(" · ".join(parts)))


def show_chart(ctx: PageContext, fig: go.Figure, *, chart_id: str, data: pd.DataFrame,
               title: str, source: str, years: str, is_map: bool = False,
               map_view: Callable[[], tuple[go.Figure, pd.DataFrame, str, str]] | None = None) -> None:
    """The chart, then downloads of exactly what is drawn (CSV, Excel, PNG, SVG) and report/presentation buttons.

    Above it, a switch between the chart, its data as a table and, where `map_view` is given, a map: it
    returns the map, the rows it draws, its title and data years, built only when picked. `is_map` says the chart itself is a map.
    """
    lang = ctx.lang
    if ctx.present == chart_id and presentation.presenting(chart_id):
        presentation.show(fig, chart_id=chart_id, lang=lang, plotly_config=PLOTLY_CONFIG)
        return
    view = _chosen_view(chart_id, view_choices(is_map, map_view is not None, lang), lang)
    if view == VIEW_TABLE:
        _table_view(data, title, source, years, ctx.is_demo, lang)
    else:
        if view == VIEW_MAP and not is_map and map_view is not None:
            fig, data, title, years = map_view()   # the downloads and the report then carry the map
        st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=f"chart-{chart_id}")
    summary = filter_summary(ctx)
    metadata = export_metadata(ctx, title, source, years, summary)
    with st.container(horizontal=True, key=f"chart-tools-{chart_id}"):
        st.download_button(t("Download CSV", lang=lang), _deferred(csv_bytes, data, ctx.is_demo, lang),
                           file_name=f"{chart_id}.csv", mime="text/csv", key=f"csv-{chart_id}",
                           on_click="ignore", icon=":material/download:")
        st.download_button(t("Download Excel", lang=lang),
                           _deferred(excel_bytes, data, metadata, ctx.is_demo, lang),
                           file_name=f"{chart_id}.xlsx", mime=XLSX_MIME, key=f"xlsx-{chart_id}",
                           on_click="ignore", icon=":material/table_view:")
        st.download_button(t("Sources and citation", lang=lang),
                           _deferred(provenance_text, metadata),
                           file_name=f"{chart_id}-sources.txt", mime="text/plain", key=f"sources-{chart_id}",
                           on_click="ignore", icon=":material/format_quote:",
                           help=t("The CSV's provenance: filters, data years, each source file with its "
                                  "sha256 and licence, the warehouse version and a citation text.", lang=lang))
        if server_export_available():
            for image_format in ("png", "svg"):
                st.download_button(t("Download {format}", lang=lang, format=image_format.upper()),
                                   _deferred(_image_with_header, ctx, fig, image_format, title, source, years, summary),
                                   file_name=f"{chart_id}.{image_format}", mime=IMAGE_MIMES[image_format],
                                   key=f"{image_format}-{chart_id}", on_click="ignore", icon=":material/image:")
        st.button(t("Add to report", lang=lang), key=f"report-{chart_id}", icon=":material/playlist_add:",
                  on_click=_add_to_report,
                  args=(fig, _report_fields(ctx, chart_id, title, source, years, summary), lang, data))
        st.link_button(t("Presentation mode", lang=lang), presentation.link(chart_id), icon=":material/slideshow:",
                       help=t("Opens this chart alone, in large type, in a new tab (same filters).", lang=lang))
        with st.popover(t("Cite this chart", lang=lang), icon=":material/format_quote:"):
            st.code(metadata[t("Cite this chart", lang=lang)], language=None, wrap_lines=True)   # plain text, copyable
    if not server_export_available():
        st.caption(enable_hint(lang))


def show_table(ctx: PageContext, frame: pd.DataFrame, *, table_id: str, title: str,
               source: str = "", height: int | None = None, years: str = "",
               column_config: dict | None = None, row_height: int | None = None) -> None:
    """A table with CSV and Excel (rows + metadata sheet) downloads of exactly these rows."""
    lang = ctx.lang
    st.dataframe(frame, width="stretch", hide_index=True, height=height or "auto",
                 key=f"table-{table_id}", column_config=column_config, row_height=row_height)
    metadata = export_metadata(ctx, title, source, years)
    with st.container(horizontal=True, key=f"table-tools-{table_id}"):
        st.download_button(t("Download CSV", lang=lang), _deferred(csv_bytes, frame, ctx.is_demo, lang),
                           file_name=f"{table_id}.csv", mime="text/csv", key=f"csv-{table_id}",
                           on_click="ignore", icon=":material/download:")
        st.download_button(t("Download Excel", lang=lang), _deferred(excel_bytes, frame, metadata, ctx.is_demo, lang),
                           file_name=f"{table_id}.xlsx", key=f"xlsx-{table_id}", mime=XLSX_MIME,
                           on_click="ignore", icon=":material/table_view:")
        st.download_button(t("Sources and citation", lang=lang), _deferred(provenance_text, metadata),
                           file_name=f"{table_id}-sources.txt", mime="text/plain", key=f"sources-{table_id}",
                           on_click="ignore", icon=":material/format_quote:")


def show_thumbnail(figure: go.Figure, *, key: str, height: int = THUMBNAIL_HEIGHT) -> None:
    """A small, static preview of a figure (the report page's list)."""
    st.plotly_chart(thumbnail_figure(figure, height), width="stretch",
                    config={"staticPlot": True, "displayModeBar": False}, key=key)


def show_sparkline(figure: go.Figure, *, key: str) -> None:
    """A small static chart inside an Overview card (no toolbar, no downloads)."""
    st.plotly_chart(figure, width="stretch", config={"staticPlot": True, "displayModeBar": False}, key=key)


def thumbnail_figure(figure: go.Figure, height: int = THUMBNAIL_HEIGHT) -> go.Figure:
    """The figure in small type, its legend kept below the plot, on-screen-only notes removed."""
    small = go.Figure(figure)
    small.update_layout(height=height, margin=dict(l=40, r=10, t=40, b=80), font_size=10, title_font_size=13,
                        legend=dict(orientation="h", yanchor="top", y=-0.25, x=0, font_size=9,
                                    title_text=""))   # the legend stays: a thumbnail must say what is what
    small.layout.annotations = [note for note in small.layout.annotations if note.name not in ON_SCREEN_ONLY]
    return small
