"""A Pillow image of one chart slide (title, chart, key message, footnote) for previews and test artefacts."""
import datetime
import io

from PIL import Image, ImageDraw, ImageFont

from exports.fonts import unicode_font
from exports.slide_layout import (
    CHART_BOX, DEMO_COLOUR_RGB, FOOTNOTE_BOX, KEY_MESSAGE_BOX, MUTED_COLOUR_RGB, SLIDE_HEIGHT_IN,
    SLIDE_WIDTH_IN, TEXT_COLOUR_RGB, TITLE_BOX, Box, ReportItem, chart_png_or_reason, fitted_box, footnote_lines,
    unrendered_text,
)

PREVIEW_WIDTH_PX = 1600
PLACEHOLDER_FILL = (0xF2, 0xF2, 0xF2)


def _pixels(inches: float) -> int:
    return round(inches * PREVIEW_WIDTH_PX / SLIDE_WIDTH_IN)


def _font(box: Box, bold: bool) -> ImageFont.FreeTypeFont:
    size_px = _pixels(box.font_pt / 72)
    return ImageFont.truetype(str(unicode_font(bold)), size_px)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width_px: int) -> list[str]:
    lines: list[str] = []
    for words in (paragraph.split() for paragraph in text.splitlines()):
        line = ""
        for word in words:
            candidate = f"{line} {word}".strip()
            if line and draw.textlength(candidate, font=font) > width_px:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def _draw_text(draw, box: Box, texts: list[tuple[str, tuple[int, int, int], bool]], centred=False) -> None:
    """Draw (text, colour, bold) paragraphs wrapped inside the box, from its top."""
    top = _pixels(box.top)
    for text, colour, bold in texts:
        font = _font(box, bold)
        line_height = round(font.size * 1.25)
        for line in _wrap(draw, text, font, _pixels(box.width)):
            left = _pixels(box.left)
            if centred:
                left += (_pixels(box.width) - round(draw.textlength(line, font=font))) // 2
            draw.text((left, top), line, font=font, fill=colour)
            top += line_height


def _box_pixels(box: Box) -> tuple[int, int, int, int]:
    return _pixels(box.left), _pixels(box.top), _pixels(box.left + box.width), _pixels(box.top + box.height)


def _paste_chart(canvas: Image.Image, chart_png: bytes) -> None:
    chart = Image.open(io.BytesIO(chart_png)).convert("RGB")
    left, top, right, bottom = _box_pixels(fitted_box(*chart.size))   # a tall chart keeps its proportions
    chart = chart.resize((right - left, bottom - top), Image.LANCZOS)
    canvas.paste(chart, (left, top))


def _draw_placeholder(draw, reason: str, lang) -> None:
    draw.rectangle(_box_pixels(CHART_BOX), fill=PLACEHOLDER_FILL, outline=MUTED_COLOUR_RGB, width=2)
    message_box = Box(CHART_BOX.left + 0.4, CHART_BOX.top + CHART_BOX.height / 2 - 0.4, CHART_BOX.width - 0.8, 1, 16)
    _draw_text(draw, message_box, [(unrendered_text(reason, lang), MUTED_COLOUR_RGB, False)], centred=True)


def slide_preview_png(
    item: ReportItem,
    is_demo: bool = False,
    lang: str | None = None,
    export_date: datetime.date | None = None,
    chart_png: bytes | None = None,
) -> bytes:
    """PNG (1600 px wide, 16:9) of the chart slide build_deck makes for `item`."""
    export_date = export_date or datetime.date.today()
    reason = ""
    if chart_png is None:
        chart_png, reason = chart_png_or_reason(item, is_demo, lang)
    canvas = Image.new("RGB", (PREVIEW_WIDTH_PX, _pixels(SLIDE_HEIGHT_IN)), "white")
    draw = ImageDraw.Draw(canvas)
    _draw_text(draw, TITLE_BOX, [(item.title, TEXT_COLOUR_RGB, True)])
    if chart_png is None:
        _draw_placeholder(draw, reason, lang)
    else:
        _paste_chart(canvas, chart_png)
    if item.key_message:
        _draw_text(draw, KEY_MESSAGE_BOX, [(item.key_message, TEXT_COLOUR_RGB, True)])
    lines = footnote_lines(item, is_demo, export_date, lang)
    colours = [MUTED_COLOUR_RGB] * (len(lines) - 1) + [DEMO_COLOUR_RGB if is_demo else MUTED_COLOUR_RGB]
    _draw_text(draw, FOOTNOTE_BOX, [(line, colour, is_demo and position == len(lines) - 1)
                                    for position, (line, colour) in enumerate(zip(lines, colours))])
    output = io.BytesIO()
    canvas.save(output, format="PNG", optimize=True)
    return output.getvalue()
