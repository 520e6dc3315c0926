"""A 16:9 PowerPoint deck for donor meetings: title slide, one slide per chart, methods and sources."""
import datetime
import io
import re

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from exports.preview import slide_preview_png
from exports.slide_layout import (
    CHART_BOX, DEMO_COLOUR_RGB, FOOTNOTE_BOX, KEY_MESSAGE_BOX, MUTED_COLOUR_RGB, SLIDE_HEIGHT_IN,
    SLIDE_WIDTH_IN, TEXT_COLOUR_RGB, TITLE_BOX, Box, ReportItem, chart_png_or_reason, fitted_font_pt,
    footnote_lines, unrendered_text,
)
from i18n import format_date, t

__all__ = ["ReportItem", "build_deck", "slide_preview_png"]

TITLE_ONLY_LAYOUT = 5


def _place(shape, box: Box) -> None:
    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _write_lines(text_frame, lines: list[str], font_pt: float, colours=None, bold_last=False) -> None:
    """Fill a text frame with one paragraph per line (colours: one RGB tuple per line or None)."""
    text_frame.word_wrap = True
    for position, line in enumerate(lines):
        paragraph = text_frame.paragraphs[0] if position == 0 else text_frame.add_paragraph()
        paragraph.text = line
        font = paragraph.runs[0].font if paragraph.runs else paragraph.font
        font.size = Pt(font_pt)
        font.color.rgb = RGBColor(*(colours[position] if colours else TEXT_COLOUR_RGB))
        font.bold = bold_last and position == len(lines) - 1


def _text_box(slide, box: Box, lines: list[str], colours=None, bold_last=False):
    """A text box whose type is stepped down from box.font_pt until the lines fit it."""
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    _write_lines(shape.text_frame, lines, fitted_font_pt("\n".join(lines), box), colours, bold_last)
    return shape


def _titled_slide(presentation, title: str, box: Box = TITLE_BOX):
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])
    _place(slide.shapes.title, box)
    slide.shapes.title.text = title
    slide.shapes.title.text_frame.word_wrap = True
    size = fitted_font_pt(title, box)   # a long title gets smaller type rather than spilling out of its box
    for paragraph in slide.shapes.title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(size), True
            run.font.color.rgb = RGBColor(*TEXT_COLOUR_RGB)
    return slide


def _demo_colours(lines: list[str], is_demo: bool) -> list[tuple[int, int, int]]:
    colours = [MUTED_COLOUR_RGB] * len(lines)
    if is_demo:
        colours[-1] = DEMO_COLOUR_RGB
    return colours


def _add_title_slide(presentation, title, countries, themes, is_demo, export_date, lang) -> None:
    slide = _titled_slide(presentation, title, Box(0.8, 1.6, 11.7, 1.4, 40))
    lines = [
        format_date(export_date, lang=lang, format="long"),
        t("Countries: {countries}", lang=lang, countries=", ".join(countries)),
        t("Themes: {themes}", lang=lang, themes=", ".join(themes)),
    ]
    colours = [MUTED_COLOUR_RGB, TEXT_COLOUR_RGB, TEXT_COLOUR_RGB]
    if is_demo:
        lines.append(t("Demonstration data – not real figures", lang=lang))
        colours.append(DEMO_COLOUR_RGB)
    _text_box(slide, Box(0.8, 3.2, 11.7, 2.6, 20), lines, colours, bold_last=is_demo)


def _add_chart_placeholder(slide, reason: str, lang) -> None:
    box = CHART_BOX
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0xF2, 0xF2, 0xF2)
    shape.line.color.rgb = RGBColor(*MUTED_COLOUR_RGB)
    shape.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _write_lines(shape.text_frame, [unrendered_text(reason, lang)], 16, [MUTED_COLOUR_RGB])


def _add_chart_slide(presentation, item: ReportItem, is_demo, export_date, lang) -> None:
    slide = _titled_slide(presentation, item.title)
    image, reason = chart_png_or_reason(item, is_demo, lang)
    if image is None:
        _add_chart_placeholder(slide, reason, lang)
    else:
        slide.shapes.add_picture(
            io.BytesIO(image), Inches(CHART_BOX.left), Inches(CHART_BOX.top), Inches(CHART_BOX.width), Inches(CHART_BOX.height)
        )
    if item.key_message:
        _text_box(slide, KEY_MESSAGE_BOX, [item.key_message], bold_last=True)
    lines = footnote_lines(item, is_demo, export_date, lang)
    _text_box(slide, FOOTNOTE_BOX, lines, _demo_colours(lines, is_demo), bold_last=is_demo)


def _add_closing_slide(presentation, methods_text, sources, is_demo, lang) -> None:
    slide = _titled_slide(presentation, t("Methods and sources", lang=lang))
    methods = [f"• {sentence}" for sentence in method_bullets(methods_text)]
    source_lines = [f"• {source}" for source in sources]
    font_pt = 18
    lines = [*methods, "", t("Sources", lang=lang), *source_lines]
    colours = [TEXT_COLOUR_RGB] * len(lines)
    if is_demo:
        lines.append(t("Demonstration data – not real figures", lang=lang))
        colours.append(DEMO_COLOUR_RGB)
    _text_box(slide, Box(0.5, 1.3, 12.33, 5.9, font_pt), lines, colours, bold_last=is_demo)


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
) -> bytes:
    """PPTX bytes: a title slide, one slide per chart (picture or placeholder), a methods slide."""
    export_date = export_date or datetime.date.today()
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    _add_title_slide(presentation, title, countries, themes, is_demo, export_date, lang)
    for item in items:
        _add_chart_slide(presentation, item, is_demo, export_date, lang)
    _add_closing_slide(presentation, methods_text, sources, is_demo, lang)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
