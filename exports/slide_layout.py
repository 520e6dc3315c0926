"""Geometry and texts of a chart slide, shared by the PowerPoint deck and its Pillow preview."""
import datetime
import textwrap
from dataclasses import dataclass

import plotly.graph_objects as go

from i18n import format_date, t

SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN = 40 / 3, 7.5
CHART_PIXELS = (1250, 500)
CHART_SCALE = 2
DEMO_COLOUR_RGB = (0xB3, 0x26, 0x1E)
TEXT_COLOUR_RGB = (0x1F, 0x2A, 0x44)
MUTED_COLOUR_RGB = (0x55, 0x55, 0x55)


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide in inches, with the text size used inside it (points)."""

    left: float
    top: float
    width: float
    height: float
    font_pt: float = 14


TITLE_BOX = Box(0.5, 0.3, 12.33, 0.8, 28)
CHART_BOX = Box(0.5, 1.15, 12.33, 4.93)
KEY_MESSAGE_BOX = Box(0.5, 6.12, 12.33, 0.5, 18)
FOOTNOTE_BOX = Box(0.5, 6.65, 12.33, 0.7, 10)


@dataclass
class ReportItem:
    """One chart of a report: the figure and what the slide says about it."""

    figure: go.Figure
    title: str
    key_message: str | None
    source: str
    years: str
    filters: str
    method: str = ""                                   # the speaker notes' method text ('' = the deck's)
    table: tuple[list[str], list[list[str]]] | None = None   # (headings, rows): the slide shows this table


MAX_TABLE_ROWS = 12        # rows of a table slide (its footnote says how many more the Excel download holds)
TABLE_FONT_PT = 12


def footnote_lines(item: ReportItem, is_demo: bool, export_date: datetime.date, lang: str | None = None) -> list[str]:
    """The footnote under a chart: source, data years, filters, export date; the demo note last."""
    facts = [t("Source: {source}", lang=lang, source=item.source)]
    if item.years:
        facts.append(t("Data: {years}", lang=lang, years=item.years))
    if item.filters:
        facts.append(t("Filters: {filters}", lang=lang, filters=item.filters))
    facts.append(t("Exported {date}", lang=lang, date=format_date(export_date, lang=lang, format="long")))
    if item.table is not None and len(item.table[1]) > MAX_TABLE_ROWS:
        facts.append(t("First {shown} of {total} rows", lang=lang, shown=MAX_TABLE_ROWS, total=len(item.table[1])))
    lines = [" · ".join(facts)]
    if is_demo:
        lines.append(t("Demonstration data – not real figures", lang=lang))
    return lines


def speaker_notes(item: ReportItem, methods_text: str, lang: str | None = None, version: str = "") -> str:
    """The notes under a chart slide: what it shows, its source and data years, filters, the warehouse
    version, and the method."""
    lines = [item.title, t("Source: {source}", lang=lang, source=item.source)]
    if item.years:
        lines.append(t("Data: {years}", lang=lang, years=item.years))
    if item.filters:
        lines.append(t("Filters: {filters}", lang=lang, filters=item.filters))
    if version:
        lines.append(t("Warehouse version {version}", lang=lang, version=version))
    method = item.method or methods_text
    if method:
        lines += ["", t("Method", lang=lang), method]
    return "\n".join(lines)


def clipped_cell(text: str, width_in: float, font_pt: float = TABLE_FONT_PT) -> str:
    """A table cell's text cut to one line of a column `width_in` wide (an ellipsis marks the cut)."""
    room = max(4, int((width_in - 0.2) * 72 / (font_pt * CHAR_EM)))
    text = " ".join(str(text).split())
    return text if len(text) <= room else text[:room - 1].rstrip() + "…"


def unrendered_text(reason: str, lang: str | None = None) -> str:
    """The placeholder text shown where a chart image could not be rendered."""
    return t("The chart image could not be rendered: {reason}", lang=lang, reason=reason)


def fitted_box(image_width: int, image_height: int, box: Box = CHART_BOX) -> Box:
    """The largest box of the image's proportions inside `box`, centred across it and at its top."""
    scale = min(box.width / image_width, box.height / image_height)
    width, height = image_width * scale, image_height * scale
    return Box(box.left + (box.width - width) / 2, box.top, width, height, box.font_pt)


def chart_png_or_reason(item: ReportItem, is_demo: bool, lang: str | None = None) -> tuple[bytes | None, str]:
    """(PNG of the slide chart, '') when the server can render it, else (None, why not)."""
    from exports.decorate import for_slide
    from exports.images import ExportUnavailableError, enable_hint, figure_png, server_export_available
    from indicators.small_multiples import laid_out_in_pixels

    if not server_export_available():
        return None, enable_hint(lang)
    width, height = CHART_PIXELS
    figure = for_slide(item.figure, is_demo, lang)
    if laid_out_in_pixels(item.figure) and item.figure.layout.height:
        # panels placed in pixels: drawn at their own height and margins, then fitted into the slide's box
        height = int(item.figure.layout.height)
        figure.update_layout(margin=item.figure.layout.margin, font_size=item.figure.layout.font.size)
    try:
        return figure_png(figure, width=width, height=height, scale=CHART_SCALE), ""
    except ExportUnavailableError as error:
        return None, str(error)


CHAR_EM = 0.6          # average character width in ems (bold Latin and Cyrillic, a little generous)
LINE_EM = 1.2          # line height in ems
MIN_FONT_PT = 12


def wrapped_lines(text: str, width_in: float, font_pt: float) -> int:
    """Lines `text` takes in a box `width_in` inches wide at `font_pt` (word wrap, paragraphs kept)."""
    per_line = max(1, int(width_in * 72 / (font_pt * CHAR_EM)))
    count = 0
    for paragraph in str(text).split("\n"):
        count += max(1, len(textwrap.wrap(paragraph, per_line, break_long_words=True)))
    return count


def text_fits(text: str, box: Box, font_pt: float) -> bool:
    """True when `text` at `font_pt` fits inside `box` (less 0.1 in of inner margin on each side)."""
    lines = wrapped_lines(text, box.width - 0.2, font_pt)
    return lines * font_pt * LINE_EM / 72 <= box.height - 0.1 + 1e-9


def fitted_font_pt(text: str, box: Box, smallest: float = MIN_FONT_PT) -> float:
    """The box's type size, stepped down by 2 pt until `text` fits (not below `smallest`, nor more than
    2 pt below a box already set in small type, such as the footnote)."""
    smallest = min(smallest, box.font_pt - 2)
    size = box.font_pt
    while size > smallest and not text_fits(text, box, size):
        size -= 2
    return max(size, smallest)
