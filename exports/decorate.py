"""Adds the export header (title, filters, source, years, date, demo mark) to a copy of a figure."""
import datetime
import textwrap
from dataclasses import dataclass, field

import plotly.graph_objects as go

from i18n import format_date, t
from indicators.plotly_text import drawn_text, plotly_text

BASE_FONT_SIZE = 18
SLIDE_FONT_SIZE = 22
TITLE_FONT_SIZE = 30
SUBTITLE_FONT_SIZE = 18
FOOTER_FONT_SIZE = 17
LINE_HEIGHT = 1.45
DEMO_COLOUR = "#b3261e"
MUTED_COLOUR = "#555555"


@dataclass(frozen=True)
class ExportHeader:
    """What an exported chart states besides the plot: filters, source, data years, date, demo flag."""

    subtitle: str = ""
    export_date: datetime.date = field(default_factory=datetime.date.today)
    is_demo: bool = False
    source: str = ""
    years: str = ""
    title: str | None = None
    files: tuple[str, ...] = ()     # the chart's own source files: "file (sha256 0123456789ab)"
    version: str = ""               # indicators.provenance.warehouse_version


def plain(text: str) -> str:
    """Text safe inside Plotly's HTML-like labels: no tags, entities, TeX or template fields."""
    return plotly_text(text)


def wrapped(text: str, width_px: int, font_px: int) -> list[str]:
    """Lines of `text` that fit `width_px` at about 0.5 em per character."""
    characters = max(20, int(width_px / (font_px * 0.5)))
    return textwrap.wrap(str(text), characters) or []


def footer_lines(header: ExportHeader, lang: str | None = None) -> list[str]:
    """Source, data years, export date, warehouse version, the source files, and the demonstration note
    where it applies (plain text)."""
    facts = []
    if header.source:
        facts.append(t("Source: {source}", lang=lang, source=header.source))
    if header.years:
        facts.append(t("Data: {years}", lang=lang, years=header.years))
    date_text = format_date(header.export_date, lang=lang, format="long")
    facts.append(t("Exported {date}", lang=lang, date=date_text))
    if header.version:
        facts.append(t("Warehouse version {version}", lang=lang, version=header.version))
    lines = [" · ".join(facts)]
    if header.files:
        lines.append(t("Source files: {files}", lang=lang, files="; ".join(header.files)))
    if header.is_demo:
        lines.append(t("Demonstration data – not real figures", lang=lang))
    return lines


def _title_lines(figure: go.Figure, header: ExportHeader, width: int) -> list[str]:
    """The title as plain lines that fit the export width (long indicator names wrap)."""
    # the figure's own title is already Plotly text: read back as the words drawn, then made safe again
    text = header.title if header.title is not None else drawn_text(figure.layout.title.text)
    return [plain(line) for line in wrapped(str(text).replace("<br>", " "), width - 80, TITLE_FONT_SIZE)]


def demo_watermark(lang: str | None = None) -> dict:
    """A faint diagonal 'Demonstration data' label across the plot area."""
    return dict(
        text=plain(t("Demonstration data", lang=lang)).upper(),
        xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False, textangle=-20,
        font=dict(size=56, color=DEMO_COLOUR), opacity=0.12,
    )


def with_demo_mark(figure: go.Figure, is_demo: bool, lang: str | None = None) -> go.Figure:
    """A copy of the figure, watermarked when the data are a demonstration."""
    marked = go.Figure(figure)
    if is_demo:
        marked.add_annotation(**demo_watermark(lang))
    return marked


def with_header(figure: go.Figure, header: ExportHeader, width: int, lang: str | None = None) -> go.Figure:
    """A copy of the figure sized for export with title, filter subtitle and footer in its margins."""
    decorated = with_demo_mark(figure, header.is_demo, lang)
    if decorated.layout.font.size is None:
        decorated.update_layout(font_size=BASE_FONT_SIZE)
    title_lines = _title_lines(figure, header, width)
    subtitle_lines = wrapped(header.subtitle, width - 80, SUBTITLE_FONT_SIZE)
    footer = footer_lines(header, lang)
    footer_wrapped = [line for text in footer for line in wrapped(text, width - 80, FOOTER_FONT_SIZE)]
    top = int(40 + max(len(title_lines), 1) * TITLE_FONT_SIZE * LINE_HEIGHT
              + len(subtitle_lines) * SUBTITLE_FONT_SIZE * LINE_HEIGHT + 30)
    footer_height = int(len(footer_wrapped) * FOOTER_FONT_SIZE * LINE_HEIGHT)
    axis_room = 90
    bottom = footer_height + axis_room + 20
    left = max(decorated.layout.margin.l or 0, 90)
    decorated.update_layout(
        title=dict(
            text="<br>".join(title_lines),
            subtitle=dict(text="<br>".join(plain(line) for line in subtitle_lines),
                          font=dict(size=SUBTITLE_FONT_SIZE, color=MUTED_COLOUR)),
            x=0, xref="container", xanchor="left", pad=dict(l=40),
            y=1, yref="container", yanchor="top", font=dict(size=TITLE_FONT_SIZE),
        ),
        margin=dict(t=top, b=bottom, l=left, r=max(decorated.layout.margin.r or 0, 40)),
    )
    decorated.layout.title.pad.t = 30
    demo_line = footer[-1] if header.is_demo else None
    footer_text = "<br>".join(
        f"<b><span style='color:{DEMO_COLOUR}'>{plain(line)}</span></b>" if line == demo_line else plain(line)
        for line in footer_wrapped
    )
    decorated.add_annotation(
        text=footer_text, xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top",
        xshift=-(left - 40), yshift=-axis_room, align="left", showarrow=False,
        font=dict(size=FOOTER_FONT_SIZE, color=MUTED_COLOUR),
    )
    return decorated



def for_slide(figure: go.Figure, is_demo: bool, lang: str | None = None) -> go.Figure:
    """A copy for a slide picture: no title (the slide carries it), projector-size text, demo mark."""
    prepared = with_demo_mark(figure, is_demo, lang)
    if prepared.layout.font.size is None:
        prepared.update_layout(font_size=SLIDE_FONT_SIZE)
    prepared.update_layout(title_text="", margin=dict(t=30, b=70, l=90, r=30))
    return prepared
