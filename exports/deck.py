"""A 16:9 PowerPoint deck for donor meetings: title slide, one slide per chart, methods and sources."""
import datetime
import io
import re

from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from exports.deck_style import DeckStyle
from exports.preview import slide_preview_png
from exports.slide_layout import (
    CHART_BOX, FOOTNOTE_BOX, KEY_MESSAGE_BOX, MAX_TABLE_ROWS, SLIDE_HEIGHT_IN, SLIDE_WIDTH_IN, TABLE_FONT_PT,
    TITLE_BOX, Box, ReportItem, chart_png_or_reason, clipped_cell, fitted_box, fitted_font_pt, footnote_lines,
    speaker_notes, text_fits, unrendered_text,
)
from i18n import format_date, t

__all__ = ["ReportItem", "build_deck", "slide_preview_png"]

TITLE_ONLY_LAYOUT = 5
LOGO_BOX = Box(11.63, 0.3, 1.2, 0.7)      # top right; the title box gives way when a logo is set
ACCENT_BAR = Box(0.5, 1.08, 12.33, 0.04)  # a thin rule under each title in the house accent colour


def _place(shape, box: Box) -> None:
    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _write_lines(text_frame, lines: list[str], font_pt: float, colours=None, bold_last=False,
                 style: DeckStyle = DeckStyle()) -> None:
    """Fill a text frame with one paragraph per line (colours: one RGB tuple per line or None)."""
    text_frame.word_wrap = True
    for position, line in enumerate(lines):
        paragraph = text_frame.paragraphs[0] if position == 0 else text_frame.add_paragraph()
        paragraph.text = line
        font = paragraph.runs[0].font if paragraph.runs else paragraph.font
        font.size = Pt(font_pt)
        font.color.rgb = RGBColor(*(colours[position] if colours else style.text))
        font.bold = bold_last and position == len(lines) - 1


def _text_box(slide, box: Box, lines: list[str], colours=None, bold_last=False, style: DeckStyle = DeckStyle()):
    """A text box whose type is stepped down from box.font_pt until the lines fit it."""
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    _write_lines(shape.text_frame, lines, fitted_font_pt("\n".join(lines), box), colours, bold_last, style)
    return shape


def _add_identity(slide, style: DeckStyle) -> None:
    """The house logo (top right, kept within LOGO_BOX, aspect kept) and accent rule, when configured."""
    if style.accent is not None:
        rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(ACCENT_BAR.left), Inches(ACCENT_BAR.top),
                                      Inches(ACCENT_BAR.width), Inches(ACCENT_BAR.height))
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor(*style.accent)
        rule.line.fill.background()
    if style.logo is not None:
        picture = slide.shapes.add_picture(io.BytesIO(style.logo), Inches(LOGO_BOX.left), Inches(LOGO_BOX.top),
                                           height=Inches(LOGO_BOX.height))
        if picture.width > Inches(LOGO_BOX.width):   # a wide logo: fit the width instead
            ratio = Inches(LOGO_BOX.width) / picture.width
            picture.width, picture.height = Inches(LOGO_BOX.width), int(picture.height * ratio)
        picture.left = Inches(LOGO_BOX.left + LOGO_BOX.width) - picture.width
        picture.name = "Logo"


def _titled_slide(presentation, title: str, box: Box = TITLE_BOX, style: DeckStyle = DeckStyle()):
    if style.logo is not None and box.left + box.width > LOGO_BOX.left - 0.1:
        box = Box(box.left, box.top, LOGO_BOX.left - 0.1 - box.left, box.height, box.font_pt)
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    _place(slide.shapes.title, box)
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.word_wrap = True
    size = fitted_font_pt(title, box)   # a long title gets smaller type rather than spilling out of its box
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), True
            run.font.color.rgb = RGBColor(*style.text)
    _add_identity(slide, style)
    return slide


def _demo_colours(lines: list[str], is_demo: bool, style: DeckStyle = DeckStyle()) -> list[tuple[int, int, int]]:
    colours = [style.muted] * len(lines)
    if is_demo:
        colours[-1] = style.demo
    return colours


def _add_title_slide(presentation, title, countries, themes, is_demo, export_date, lang, style) -> None:
    slide = _titled_slide(presentation, title, Box(0.8, 1.6, 11.7, 1.4, 40), style)
    lines = [
        format_date(export_date, lang=lang, format="long"),
        t("Countries: {countries}", lang=lang, countries=", ".join(countries)),
        t("Themes: {themes}", lang=lang, themes=", ".join(themes)),
    ]
    colours = [style.muted, style.text, style.text]
    if is_demo:
        lines.append(t("Demonstration data – not real figures", lang=lang))
        colours.append(style.demo)
    _text_box(slide, Box(0.8, 3.2, 11.7, 2.6, 20), lines, colours, bold_last=is_demo, style=style)


def _add_table(slide, table: tuple[list[str], list[list[str]]], style: DeckStyle) -> None:
    """The chart's data as a slide table: the first MAX_TABLE_ROWS rows, one line per cell."""
    headings, rows = table
    rows = rows[:MAX_TABLE_ROWS]
    box = CHART_BOX
    row_height = TABLE_FONT_PT * 1.2 / 72 + 0.12
    shape = slide.shapes.add_table(len(rows) + 1, len(headings), Inches(box.left), Inches(box.top),
                                   Inches(box.width), Inches(row_height * (len(rows) + 1)))
    shape.name = "Data table"
    grid = shape.table
    column_width = box.width / len(headings)
    for position in range(len(headings)):
        grid.columns[position].width = Inches(column_width)
    for row_number, values in enumerate([headings, *rows]):
        grid.rows[row_number].height = Inches(row_height)
        for column_number, value in enumerate(values[:len(headings)]):
            text_frame = grid.cell(row_number, column_number).text_frame
            text_frame.word_wrap = True
            text_frame.text = clipped_cell(value, column_width)
            for paragraph in text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(TABLE_FONT_PT), row_number == 0
                    if row_number:
                        run.font.color.rgb = RGBColor(*style.text)


def _add_chart_placeholder(slide, reason: str, lang, style: DeckStyle = DeckStyle()) -> None:
    box = CHART_BOX
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0xF2, 0xF2, 0xF2)
    shape.line.color.rgb = RGBColor(*style.muted)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _write_lines(shape.text_frame, [unrendered_text(reason, lang)], 16, [style.muted])


def _add_chart_slide(presentation, item: ReportItem, is_demo, export_date, lang, methods_text: str,
                     style: DeckStyle, version: str = "") -> None:
    slide = _titled_slide(presentation, item.title, style=style)
    image, reason = (None, "") if item.table is not None else chart_png_or_reason(item, is_demo, lang)
    if item.table is not None:
        _add_table(slide, item.table, style)
    elif image is None:
        _add_chart_placeholder(slide, reason, lang, style)
    else:
        box = fitted_box(*Image.open(io.BytesIO(image)).size)   # a tall chart keeps its proportions
        slide.shapes.add_picture(io.BytesIO(image), Inches(box.left), Inches(box.top), Inches(box.width),
                                 Inches(box.height))
    if item.key_message:
        _text_box(slide, KEY_MESSAGE_BOX, [item.key_message], bold_last=True, style=style)
    lines = footnote_lines(item, is_demo, export_date, lang)
    _text_box(slide, FOOTNOTE_BOX, lines, _demo_colours(lines, is_demo, style), bold_last=is_demo, style=style)
    slide.notes_slide.notes_text_frame.text = speaker_notes(item, methods_text, lang, version)


CLOSING_BOX = Box(0.5, 1.3, 12.33, 5.9, 18)
CLOSING_MIN_PT = 14     # the methods and sources run on over further slides rather than shrink below this


def closing_pages(lines: list[str], box: Box = CLOSING_BOX, smallest: float = CLOSING_MIN_PT) -> list[list[str]]:
    """The closing lines split into slides, each fitting `box` at `smallest` pt or more: whole lines, in order,
    a blank separator line never opening a slide (a single line too long for a slide gets a slide of its own)."""
    pages: list[list[str]] = [[]]
    for line in lines:
        page = pages[-1]
        if page and not text_fits("\n".join([*page, line]), box, smallest):
            pages.append([])
            page = pages[-1]
        if page or line.strip():
            page.append(line)
    return [page for page in pages if page]


def _add_closing_slide(presentation, methods_text, sources, is_demo, lang, style, version: str = "") -> None:
    """The methods (one bullet a sentence) and sources, over as many slides as keep the type readable; every
    slide is titled 'Methods and sources', the demo note closes each."""
    methods = [f"• {sentence}" for sentence in method_bullets(methods_text)]
    source_lines = [f"• {source}" for source in sources]
    lines = [*methods, "", t("Sources", lang=lang), *source_lines]
    if version:
        lines.append(t("Warehouse version {version}", lang=lang, version=version))
    demo_note = t("Demonstration data – not real figures", lang=lang) if is_demo else None
    box = Box(CLOSING_BOX.left, CLOSING_BOX.top, CLOSING_BOX.width,
              CLOSING_BOX.height - (CLOSING_BOX.font_pt * 1.2 / 72 if demo_note else 0), CLOSING_BOX.font_pt)
    for page in closing_pages(lines, box):
        slide = _titled_slide(presentation, t("Methods and sources", lang=lang), style=style)
        page_lines, colours = list(page), [style.text] * len(page)
        if demo_note:
            page_lines.append(demo_note)
            colours.append(style.demo)
        _text_box(slide, CLOSING_BOX, page_lines, colours, bold_last=is_demo, style=style)


def method_bullets(methods_text: str) -> list[str]:
    """The methods text as short bullets: one sentence each (a sentence ends with '. ' or a line break)."""
    sentences = []
    for line in methods_text.splitlines():
        sentences += [part.strip() for part in re.split(r"(?<=[.;])\s+(?=[A-ZА-ЯЁ(])", line) if part.strip()]
    return sentences


def build_deck(
    items: list[ReportItem],
    title: str,
    countries: list[str],
    themes: list[str],
    methods_text: str,
    sources: list[str],
    is_demo: bool,
    lang: str | None = None,
    export_date: datetime.date | None = None,
    style: DeckStyle | None = None,
    version: str = "",
) -> bytes:
    """PPTX bytes: a title slide, one slide per chart (picture, table or placeholder; speaker notes with its
    source, method and the warehouse version), methods and sources slides (as many as keep the type readable; the version last); in the house style given (exports.deck_style), else the plain one."""
    export_date = export_date or datetime.date.today()
    style = style or DeckStyle()
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    _add_title_slide(presentation, title, countries, themes, is_demo, export_date, lang, style)
    for item in items:
        _add_chart_slide(presentation, item, is_demo, export_date, lang, methods_text, style, version)
    _add_closing_slide(presentation, methods_text, sources, is_demo, lang, style, version)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
