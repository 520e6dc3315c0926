"""Source lines and category labels of a figure re-wrapped to the width it is drawn at (presentation mode)."""
from __future__ import annotations

import plotly.graph_objects as go

from indicators.charts import (CHAR_WIDTH, FONT_SIZE, LINE_HEIGHT, NOTE_SIZE, SOURCE_ANNOTATION, line_count,
                               wrap_words)
from indicators.plotly_text import drawn_text

TEXT_EM = 0.55            # width of an average character, in ems (a little wider than charts.CHAR_WIDTH)
SOURCE_INDENT = 14        # px the source line starts from the figure's left edge
MIN_TICK_SIZE = 11        # px: category labels are made smaller, not below this
COLORBAR_PX = 90          # px a colour bar and its labels take at the right of the plot


def characters(width_px: float, font_px: float, em: float = TEXT_EM) -> int:
    """How many characters of `font_px` type fit `width_px`."""
    return max(8, int(width_px / (font_px * em)))


def _longest_line(text: str) -> int:
    return max((len(drawn_text(line)) for line in str(text).split("<br>")), default=0)


def _rewrap(text: str, width: int) -> str:
    """`text` re-wrapped at `width` characters (its own line breaks dropped) when a line is longer."""
    if _longest_line(text) <= width:
        return text
    return wrap_words(text.replace("<br />", " ").replace("<br/>", " ").replace("<br>", " "), width)


def _grow(figure: go.Figure, side: str, pixels: float) -> None:
    """Add `pixels` to a margin, and to the figure's height when it has one (the plot keeps its size)."""
    if pixels <= 0:
        return
    margin = figure.layout.margin
    setattr(margin, side, round((getattr(margin, side) or 0) + pixels))
    if figure.layout.height:
        figure.layout.height = round(figure.layout.height + pixels)


def fit_source(figure: go.Figure, width: float) -> None:
    """The source line re-wrapped to the figure's width; the bottom margin grows by the lines added."""
    for note in figure.layout.annotations:
        if note.name != SOURCE_ANNOTATION or not note.text:
            continue
        size = note.font.size or NOTE_SIZE
        wrapped = _rewrap(note.text, characters(width - 2 * SOURCE_INDENT, size))
        added = line_count(wrapped) - line_count(note.text)
        note.text = wrapped
        _grow(figure, "b", added * size * LINE_HEIGHT)


def _label_width(labels, size: float) -> float:
    return max((_longest_line(label) for label in labels), default=0) * size * TEXT_EM


def _plot_width(figure: go.Figure, width: float) -> float:
    """An estimate of the plot area's width: the figure less its margins, y labels and colour bar."""
    margin = figure.layout.margin
    axis = figure.layout.yaxis
    rows = list(axis.ticktext or []) or [str(value) for trace in figure.data for value in (trace.y or [])
                                          if getattr(trace, "type", "") == "heatmap"]
    y_labels = _label_width(rows, axis.tickfont.size or figure.layout.font.size or FONT_SIZE) + 16
    colour_bar = COLORBAR_PX if any(getattr(trace, "showscale", False) for trace in figure.data) else 0
    return width - max(margin.l or 0, y_labels) - (margin.r or 0) - colour_bar


def fit_category_ticks(figure: go.Figure, width: float) -> None:
    """Horizontal category labels of the x axis re-wrapped to their column; made smaller (not below 11 px)
    when a single word is wider than the column."""
    axis = figure.layout.xaxis
    if axis.tickangle not in (0, None) or axis.tickmode != "array" or not axis.ticktext:
        return
    labels = list(axis.ticktext)
    column = _plot_width(figure, width) / max(len(labels), 1) - 6
    size = original = axis.tickfont.size or figure.layout.font.size or FONT_SIZE
    longest_word = max((len(word) for label in labels for word in drawn_text(label).split()), default=1)
    while size > MIN_TICK_SIZE and longest_word * size * TEXT_EM > column:
        size -= 1
    wrapped = [_rewrap(label, characters(column, size)) for label in labels]
    added = max(map(line_count, wrapped)) - max(map(line_count, labels))
    if wrapped == labels and size == original:
        return
    axis.ticktext = wrapped
    axis.tickfont.size = size
    if added > 0:   # labels on the bottom: the source line goes down with them
        pixels = added * size * LINE_HEIGHT
        if axis.side == "top":
            _grow(figure, "t", pixels)
            return
        for note in figure.layout.annotations:
            if note.name == SOURCE_ANNOTATION and note.yshift:
                note.yshift = note.yshift - pixels
        _grow(figure, "b", pixels)


ROW_LABEL_SHARE = 0.34    # of the figure's width, at most, for the labels beside a heatmap's rows
ROW_LABEL_SIZE = 14       # px of a row label wrapped onto two lines or more


def fit_row_labels(figure: go.Figure, width: float, label_size: float = ROW_LABEL_SIZE) -> None:
    """A heatmap's row labels wrapped (at `label_size` px at most) when the longest would take more than
    a third of the width."""
    axis = figure.layout.yaxis
    heatmaps = [trace for trace in figure.data if getattr(trace, "type", "") == "heatmap" and trace.y is not None]
    if not heatmaps or axis.ticktext:
        return
    labels = [str(label) for label in heatmaps[0].y]
    size = axis.tickfont.size or figure.layout.font.size or FONT_SIZE
    room = width * ROW_LABEL_SHARE
    if _label_width(labels, size) <= room:
        return
    size = min(size, label_size)
    axis.update(tickmode="array", tickvals=labels, ticktext=[_rewrap(label, characters(room, size)) for label in labels],
                tickfont_size=size)
