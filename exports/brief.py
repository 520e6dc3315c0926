"""A short A4 PDF country brief (fpdf2, embedded Unicode font so Cyrillic renders)."""
import datetime
import io

import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace

from exports.fonts import unicode_font
from i18n import format_date, format_number, t
from i18n.formatting import is_missing

FONT = "BriefSans"
TEXT_RGB, MUTED_RGB, DEMO_RGB = (31, 42, 68), (85, 85, 85), (179, 38, 30)
HEADING_FILL_RGB = (230, 234, 242)
FIGURE_PIXELS = (1250, 560)


class BriefPDF(FPDF):
    """A4 pages with a footer carrying the page number and, for demonstration data, the demo note."""

    def __init__(self, footer_note: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_note, self.page_label = footer_note, page_label
        self.add_font(FONT, "", str(unicode_font(bold=False)))
        self.add_font(FONT, "B", str(unicode_font(bold=True)))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(16, 16, 16)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*DEMO_RGB if self.footer_note else MUTED_RGB)
        self.cell(0, 5, self.footer_note, align="L")
        self.set_text_color(*MUTED_RGB)
        self.set_x(self.l_margin)
        self.cell(0, 5, self.page_label.replace("{page}", str(self.page_no())), align="R")


def _text(value) -> str:
    if is_missing(value):
        return "–"
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return str(value.date() if isinstance(value, pd.Timestamp) else value)
    return str(value)


def _year(value) -> str:
    return "–" if is_missing(value) else str(int(value))


def _number(value, lang) -> str:
    return format_number(value, lang=lang) if not is_missing(value) else "–"


def _value_with_unit(value, unit, lang) -> str:
    return _number(value, lang) if is_missing(unit) or not str(unit) else f"{_number(value, lang)} {unit}"


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font(FONT, "B", 13)
    pdf.set_text_color(*TEXT_RGB)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _note(pdf: FPDF, text: str, colour=MUTED_RGB, bold: bool = False, size: float = 9) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, headings: list[str], rows: list[list[str]], col_widths: tuple[int, ...], lang) -> None:
    if not rows:
        _note(pdf, t("No data for this section.", lang=lang))
        return
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*TEXT_RGB)
    heading_style = FontFace(emphasis="BOLD", fill_color=HEADING_FILL_RGB)
    with pdf.table(col_widths=col_widths, headings_style=heading_style, text_align="LEFT",
                   line_height=5, padding=1.2, width=pdf.epw) as table:
        table.row(headings)
        for cells in rows:
            table.row(cells)


def _headline_section(pdf, headline: pd.DataFrame, lang) -> None:
    _heading(pdf, t("Headline indicators", lang=lang))
    rows = [[_text(row.indicator), _year(row.latest_year), _value_with_unit(row.latest_value, row.unit, lang),
             _text(row.direction_word)] for row in headline.itertuples(index=False)]
    headings = [t("Indicator", lang=lang), t("Latest year", lang=lang), t("Latest value", lang=lang), t("Direction", lang=lang)]
    _table(pdf, headings, rows, (46, 14, 20, 20), lang)


def _recommendations_section(pdf, recommendations: pd.DataFrame, lang) -> None:
    _heading(pdf, t("Recommendations by theme and response", lang=lang))
    if recommendations.empty:      # nothing loaded is missing data, not "no recommendations"
        _note(pdf, t("No review of this country is loaded (no data, not zero).", lang=lang))
        return
    rows = [[_text(row.theme), _number(row.supported, lang), _number(row.noted, lang), _number(row.total, lang)]
            for row in recommendations.itertuples(index=False)]
    headings = [t("Theme", lang=lang), t("Supported", lang=lang), t("Noted", lang=lang), t("Total", lang=lang)]
    _table(pdf, headings, rows, (46, 18, 18, 18), lang)


def _progress_section(pdf, progress: pd.DataFrame, methods: list[str], lang) -> None:
    _heading(pdf, t("Progress by review cycle", lang=lang))
    rows = [[_text(row.indicator), _text(row.cycle), _number(row.baseline, lang), _number(row.latest, lang), _text(row.status_word)]
            for row in progress.itertuples(index=False)]
    headings = [t("Indicator", lang=lang), t("Cycle", lang=lang), t("Baseline", lang=lang), t("Latest", lang=lang), t("Status", lang=lang)]
    _table(pdf, headings, rows, (40, 14, 14, 14, 18), lang)
    for paragraph in methods:   # how each status was reached (indicators.progress.method_paragraphs)
        pdf.ln(1)
        _note(pdf, _text(paragraph), size=8)


def _events_section(pdf, events: pd.DataFrame, lang) -> None:
    _heading(pdf, t("Events", lang=lang))
    rows = [[format_date(row.date, lang=lang) if not is_missing(row.date) else "–", _text(row.kind), _text(row.title)]
            for row in events.itertuples(index=False)]
    headings = [t("Date", lang=lang), t("Type", lang=lang), t("Title", lang=lang)]
    _table(pdf, headings, rows, (18, 18, 64), lang)


def _sources_section(pdf, sources: pd.DataFrame, lang) -> None:
    _heading(pdf, t("Sources", lang=lang))
    rows = [[_text(row.publisher), _text(row.licence), _text(row.file)] for row in sources.itertuples(index=False)]
    headings = [t("Publisher", lang=lang), t("Licence", lang=lang), t("File", lang=lang)]
    _table(pdf, headings, rows, (40, 25, 35), lang)


def _figures_section(pdf, figures: list[go.Figure], is_demo: bool, lang) -> None:
    from exports.decorate import with_demo_mark
    from exports.images import ExportUnavailableError, enable_hint, figure_png, server_export_available

    _heading(pdf, t("Charts", lang=lang))
    if not server_export_available():
        _note(pdf, enable_hint(lang))
        return
    width, height = FIGURE_PIXELS
    for figure in figures:
        try:
            image = figure_png(with_demo_mark(figure, is_demo, lang), width=width, height=height, scale=2)
        except ExportUnavailableError as error:
            _note(pdf, t("The chart image could not be rendered: {reason}", lang=lang, reason=str(error)))
            continue
        pdf.image(io.BytesIO(image), w=pdf.epw, h=pdf.epw * height / width)
        pdf.ln(2)


def _title_block(pdf, country_name: str, is_demo: bool, export_date: datetime.date, lang) -> None:
    pdf.set_font(FONT, "B", 20)
    pdf.set_text_color(*TEXT_RGB)
    pdf.multi_cell(0, 10, t("Country brief: {country}", lang=lang, country=country_name), new_x="LMARGIN", new_y="NEXT")
    _note(pdf, format_date(export_date, lang=lang, format="long"), size=10)
    if is_demo:
        pdf.ln(2)
        pdf.set_fill_color(*DEMO_RGB)
        pdf.set_text_color(255, 255, 255)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 8, t("Demonstration data – not real figures", lang=lang), fill=True, align="C",
                       new_x="LMARGIN", new_y="NEXT")


def build_brief(
    country_name: str,
    headline: pd.DataFrame,
    recommendations: pd.DataFrame,
    progress: pd.DataFrame,
    events: pd.DataFrame,
    sources: pd.DataFrame,
    is_demo: bool,
    lang: str | None = None,
    export_date: datetime.date | None = None,
    figures: list[go.Figure] | None = None,
    methods: list[str] | None = None,
) -> bytes:
    """PDF bytes of an A4 country brief: headline indicators, charts, recommendations, progress, events, sources."""
    export_date = export_date or datetime.date.today()
    footer_note = t("Demonstration data – not real figures", lang=lang) if is_demo else ""
    pdf = BriefPDF(footer_note, t("Page {page} of {pages}", lang=lang, page="{page}", pages="{nb}"))
    pdf.set_title(t("Country brief: {country}", lang=lang, country=country_name))
    pdf.add_page()
    _title_block(pdf, country_name, is_demo, export_date, lang)
    _headline_section(pdf, headline, lang)
    if figures:
        _figures_section(pdf, figures, is_demo, lang)
    _recommendations_section(pdf, recommendations, lang)
    _progress_section(pdf, progress, methods or [], lang)
    _events_section(pdf, events, lang)
    _sources_section(pdf, sources, lang)
    return bytes(pdf.output())
