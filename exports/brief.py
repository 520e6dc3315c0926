"""A 2-4 page A4 PDF brief (fpdf2, embedded Unicode font): facts, messages, charts, progress, sources."""
from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace

from exports.fonts import unicode_font
from i18n import format_date, t

FONT = "BriefSans"
TEXT_RGB, MUTED_RGB, DEMO_RGB = (31, 42, 68), (85, 85, 85), (179, 38, 30)
HEADING_FILL_RGB = (230, 234, 242)
FIGURE_WIDTH_PX = 1000        # chart width in px; rendered at scale 3: about 430 dpi across the A4 text width
FIGURE_SCALE = 3
DEFAULT_FIGURE_HEIGHT_PX = 560
HEADING_KEEP_MM = 25          # a heading starts a new page unless this much room follows it
FOOTER_MARGIN_MM = 18


@dataclass
class BriefFigure:
    """A chart of the brief and the key message typed for it (may be empty)."""

    figure: go.Figure
    title: str
    key_message: str = ""


@dataclass
class BriefTable:
    """A table: column headings, rows of cells (text), relative column widths."""

    headings: list[str]
    rows: list[list[str]]
    widths: tuple[int, ...]


@dataclass
class BriefContent:
    """Everything a brief says, already in words in its language (built by exports.brief_pack)."""

    title: str
    subtitle: str
    is_demo: bool
    version: str
    facts: list[str] = field(default_factory=list)
    facts_table: BriefTable | None = None                 # the regional brief: countries side by side
    figures: list[BriefFigure] = field(default_factory=list)
    progress: BriefTable | None = None
    method: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    stated_sources: list[str] = field(default_factory=list)   # source lines of charts added on the Report page


class BriefPDF(FPDF):
    """A4 pages with a footer carrying the page number and, for demonstration data, the demo note."""

    def __init__(self, footer_note: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_note, self.page_label = footer_note, page_label
        self.add_font(FONT, "", str(unicode_font(bold=False)))
        self.add_font(FONT, "B", str(unicode_font(bold=True)))
        self.set_auto_page_break(auto=True, margin=FOOTER_MARGIN_MM)
        self.set_margins(16, 16, 16)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*DEMO_RGB if self.footer_note else MUTED_RGB)
        self.cell(0, 5, self.footer_note, align="L")
        self.set_text_color(*MUTED_RGB)
        self.set_x(self.l_margin)
        self.cell(0, 5, self.page_label.replace("{page}", str(self.page_no())), align="R")

    def room_left(self) -> float:
        """Millimetres left above the footer on this page."""
        return self.page_break_trigger - self.get_y()


def _heading(pdf: BriefPDF, text: str, keep_mm: float = HEADING_KEEP_MM) -> None:
    """A section heading that never stands alone at a page bottom: `keep_mm` of content must follow."""
    if pdf.room_left() < 12 + keep_mm:
        pdf.add_page()
    else:
        pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*TEXT_RGB)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _paragraph(pdf: BriefPDF, text: str, colour=TEXT_RGB, bold: bool = False, size: float = 9.5) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")


def _bullets(pdf: BriefPDF, lines: list[str], size: float = 9.5) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*TEXT_RGB)
    for line in lines:
        pdf.set_x(pdf.l_margin)
        pdf.cell(5, 4.8, "•")
        pdf.multi_cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)


def _table(pdf: BriefPDF, table: BriefTable, size: float = 8) -> None:
    """A table whose heading row is repeated on every page it runs onto."""
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*TEXT_RGB)
    heading_style = FontFace(emphasis="BOLD", fill_color=HEADING_FILL_RGB)
    with pdf.table(col_widths=table.widths, headings_style=heading_style, text_align="LEFT", line_height=4.4,
                   padding=1.1, width=pdf.epw, repeat_headings=1) as drawn:
        drawn.row(table.headings)
        for cells in table.rows:
            drawn.row(cells)


def _figure_png(figure: go.Figure) -> tuple[bytes, int]:
    from exports.images import figure_png

    height = int(figure.layout.height or DEFAULT_FIGURE_HEIGHT_PX)
    return figure_png(figure, width=FIGURE_WIDTH_PX, height=height, scale=FIGURE_SCALE), height


def _figures(pdf: BriefPDF, content: BriefContent, lang) -> None:
    from exports.images import ExportUnavailableError, enable_hint, server_export_available

    if not content.figures:
        return
    _heading(pdf, t("Charts", lang=lang), keep_mm=80)
    if not server_export_available():
        _paragraph(pdf, enable_hint(lang), MUTED_RGB)
        return
    for item in content.figures:
        try:
            image, height_px = _figure_png(item.figure)
        except ExportUnavailableError as error:
            _paragraph(pdf, t("The chart image could not be rendered: {reason}", lang=lang, reason=str(error)),
                       MUTED_RGB)
            continue
        height_mm = pdf.epw * height_px / FIGURE_WIDTH_PX
        message_mm = 10 if item.key_message else 0
        if pdf.room_left() < height_mm + message_mm + 2:
            pdf.add_page()
        pdf.image(io.BytesIO(image), w=pdf.epw, h=height_mm, alt_text=item.title)
        if item.key_message:
            _paragraph(pdf, t("Key message: {message}", lang=lang, message=item.key_message), bold=True)
        pdf.ln(3)


def _title_block(pdf: BriefPDF, content: BriefContent, export_date: datetime.date, lang) -> None:
    pdf.set_font(FONT, "B", 19)
    pdf.set_text_color(*TEXT_RGB)
    pdf.multi_cell(0, 9, content.title, new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, content.subtitle, size=11)
    _paragraph(pdf, t("Prepared {date} · warehouse version {version}", lang=lang,
                      date=format_date(export_date, lang=lang, format="long"), version=content.version),
               MUTED_RGB, size=9)
    if content.is_demo:
        pdf.ln(2)
        pdf.set_fill_color(*DEMO_RGB)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 8, t("Demonstration data – not real figures", lang=lang), fill=True, align="C",
                       new_x="LMARGIN", new_y="NEXT")


def _sources(pdf: BriefPDF, content: BriefContent, lang) -> None:
    _heading(pdf, t("Sources", lang=lang), keep_mm=15)
    _paragraph(pdf, t("Only the files behind the facts, charts and tables above; warehouse version {version} "
                      "(a hash of the sha256 of every loaded file).", lang=lang, version=content.version),
               MUTED_RGB, size=8.5)
    pdf.ln(1)
    _bullets(pdf, content.citations, size=8)
    if content.stated_sources:
        pdf.ln(1)
        _paragraph(pdf, t("Charts added on the Report page, as their source lines state:", lang=lang),
                   MUTED_RGB, size=8.5)
        _bullets(pdf, content.stated_sources, size=8)


def build_brief(content: BriefContent, lang: str | None = None, export_date: datetime.date | None = None) -> bytes:
    """PDF bytes: title, key facts, key messages, charts, progress table with its method, sources."""
    export_date = export_date or datetime.date.today()
    footer_note = t("Demonstration data – not real figures", lang=lang) if content.is_demo else ""
    pdf = BriefPDF(footer_note, t("Page {page} of {pages}", lang=lang, page="{page}", pages="{nb}"))
    pdf.set_title(content.title)
    pdf.add_page()
    _title_block(pdf, content, export_date, lang)
    _heading(pdf, t("Key facts", lang=lang))
    if content.facts_table is not None:
        _table(pdf, content.facts_table)
    _bullets(pdf, content.facts)
    _figures(pdf, content, lang)
    if content.progress is not None:
        _heading(pdf, t("Progress of headline indicators", lang=lang), keep_mm=30)
        _paragraph(pdf, " ".join(content.method), MUTED_RGB, size=8.5)
        pdf.ln(1.5)
        if content.progress.rows:
            _table(pdf, content.progress)
        else:
            _paragraph(pdf, t("No data for this section.", lang=lang), MUTED_RGB)
    _sources(pdf, content, lang)
    return bytes(pdf.output())


def cell(value) -> str:
    """Table cell text; missing values as an en dash."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return str(value)
