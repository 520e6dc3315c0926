"""Small multiples: one panel per theme, one line per country, the theme's headline indicator by year."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from indicators.charts import (SOURCE_ANNOTATION, _layout, country_order, empty_figure, gapped_series,
                               source_line, templated, text_height, wrap_words)
from indicators.palette import country_colour, country_dash
from indicators.plotly_text import plotly_text

PANEL_PX = 150            # px of each panel's plot area
PANEL_TITLE_SIZE = 13
PANEL_TITLE_WRAP = 34     # characters a line: fits a half-width panel of a 692 px chart (1024 px screen)
PANEL_TITLE_WRAP_CYRILLIC = 31
TICK_SIZE = 12
TICK_PX = 34              # px under a panel for its year labels and a little room
COLUMN_GAP = 0.1          # share of the plot width between the two columns (room for the right y ticks)
LEGEND_SIZE = 14
LEGEND_ROW_PX = 26
NARROW_PLOT_PX = 570      # px of plot area of this chart on a 1024 px screen (sidebar open)
LEGEND_PX = 560           # px a one-row legend may take there (exports draw it in a wider font)
SOURCE_WRAP_NARROW = 80   # characters of a source line (14 px type) that fit that chart
MAX_YEAR_TICKS = 4
AS_LAID_OUT = "as_laid_out"   # layout.meta["presentation"] of a figure whose panels are placed in pixels


def laid_out_in_pixels(figure: go.Figure) -> bool:
    """True for a figure whose panels are placed in pixels (these small multiples): scaling its type or
    squeezing it into another height would pile its panel titles onto the panels, so it is drawn as laid out."""
    meta = figure.layout.meta
    return isinstance(meta, dict) and meta.get("presentation") == AS_LAID_OUT


def panel_title(theme: str, indicator: str, unit: str) -> str:
    """'<b>Theme</b><br>Indicator (unit)', wrapped to fit a half-width panel, text drawn as written."""
    width = PANEL_TITLE_WRAP if f"{theme}{indicator}{unit}".isascii() else PANEL_TITLE_WRAP_CYRILLIC
    named = f"{indicator} ({unit})" if unit else indicator
    return (f"<b>{wrap_words(plotly_text(theme), width)}</b><br>"
            f"{wrap_words(plotly_text(named), width)}")


def year_ticks(first: int, last: int) -> list[int]:
    """At most four whole years, evenly stepped by 1, 2, 5, 10, ... between first and last."""
    span = last - first
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100):
        step = candidate
        if span // candidate + 1 <= MAX_YEAR_TICKS:
            break
    start = math.ceil(first / step) * step
    return list(range(start, last + 1, step)) or [first]


def _legend_rows(names: list[str]) -> int:
    width = sum(len(name) * LEGEND_SIZE * 0.55 + 45 for name in names)
    return max(1, math.ceil(width / LEGEND_PX))


def headline_small_multiples(frame: pd.DataFrame, title: str, source: str, is_demo: bool,
                             lang: str | None = None) -> go.Figure:
    """A panel per theme (in the frame's order) of its headline indicator, a line per country.

    frame: theme_code, theme, indicator_name, unit, country_iso3, country_name, year, value (one row per
    theme, country and year with a value). A year without a value is a gap in the line, never zero;
    the panels share the years axis; each country has its colour and line style of every other chart.
    """
    if frame is None or frame.empty or frame["value"].notna().sum() == 0:
        return empty_figure(lang=lang)
    frame = frame[frame["value"].notna()]
    # one pass over the plain column lists (a few hundred rows): pandas' groupby cost ten times more here
    by_panel: dict[tuple[str, str], tuple[list, list]] = {}
    described: dict[str, tuple[str, str, str]] = {}
    country_names: dict[str, str] = {}
    for code, theme, indicator, unit, iso3, name, year, value in zip(
            *(frame[column].tolist() for column in ("theme_code", "theme", "indicator_name", "unit", "country_iso3",
                                                    "country_name", "year", "value"))):
        described.setdefault(code, (theme, indicator, unit))
        country_names.setdefault(iso3, plotly_text(name if isinstance(name, str) and name else iso3))
        points = by_panel.setdefault((code, iso3), ([], []))
        points[0].append(year)
        points[1].append(value)
    themes = list(described)
    columns = 1 if len(themes) == 1 else 2
    rows = math.ceil(len(themes) / columns)
    first, last = int(frame["year"].min()), int(frame["year"].max())
    countries = country_order(country_names)
    titles = [panel_title(*described[code]) for code in themes]
    title_px = [max(text_height(titles[index], PANEL_TITLE_SIZE) + 6
                    for index in range(row * columns, min(len(themes), (row + 1) * columns)))
                for row in range(rows)]
    # from the top of the plot area: the legend, then per row the titles, a panel and its year labels (all
    # inside the plot area: an export that gives the figure its own top margin cannot cover them)
    legend_px = _legend_rows(list(country_names.values())) * LEGEND_ROW_PX
    height = legend_px + rows * PANEL_PX + (rows - 1) * TICK_PX + sum(title_px)
    tops, top = [], height - legend_px
    for row in range(rows):
        top -= title_px[row]
        tops.append(top)
        top -= PANEL_PX + TICK_PX
    column_width = (1 - COLUMN_GAP * (columns - 1)) / columns
    span = [first - 0.5, last + 0.5] if first != last else [first - 1, first + 1]
    axes, notes, traces, shown = {}, [], [], set()
    for index, code in enumerate(themes):
        row, column = divmod(index, columns)
        suffix = "" if index == 0 else str(index + 1)
        left = column * (column_width + COLUMN_GAP)
        domain_y = [(tops[row] - PANEL_PX) / height, tops[row] / height]
        axes[f"xaxis{suffix}"] = dict(domain=[left, left + column_width], anchor=f"y{suffix}", range=span,
                                      tickmode="array", tickvals=year_ticks(first, last), tickformat="d",
                                      tickfont=dict(size=TICK_SIZE), showgrid=False, fixedrange=True,
                                      **({} if index == 0 else {"matches": "x"}))
        axes[f"yaxis{suffix}"] = dict(domain=domain_y, anchor=f"x{suffix}", nticks=4,
                                      tickfont=dict(size=TICK_SIZE), zeroline=False, fixedrange=True)
        notes.append(dict(name=f"panel_title_{code}", text=titles[index], xref="paper", yref="paper",
                          x=left, y=domain_y[1], xanchor="left", yanchor="bottom", yshift=4, align="left",
                          showarrow=False, font=dict(size=PANEL_TITLE_SIZE, color="#1F2A44")))
        unit = plotly_text(described[code][2])
        for iso3 in countries:
            if (code, iso3) not in by_panel:
                continue
            years, values = gapped_series(*by_panel[code, iso3])
            colour = country_colour(iso3)
            traces.append(dict(type="scatter", x=years, y=values, xaxis=f"x{suffix}", yaxis=f"y{suffix}",
                               name=country_names[iso3], legendgroup=iso3, showlegend=iso3 not in shown, connectgaps=False,
                               mode="lines+markers", line=dict(color=colour, width=2, dash=country_dash(iso3)),
                               marker=dict(size=5, color=colour),
                               hovertemplate="%{fullData.name}, %{x}: %{y:,.3~f} " + unit + "<extra></extra>"))
            shown.add(iso3)
    source_shift = TICK_PX + 8
    layout = _layout(title, source, frame["year"], is_demo, lang, source_shift=source_shift,
                     plot_height=height, annotations=notes,
                     showlegend=True, hovermode="closest", meta={"presentation": AS_LAID_OUT},
                     legend=dict(orientation="h", x=0, xanchor="left", y=1, yanchor="top", font=dict(size=LEGEND_SIZE),
                                 traceorder="normal"),
                     **axes)
    _narrow_source(layout, source, frame["year"], lang, source_shift, height)
    return templated(traces, layout)


def _narrow_source(layout: dict, source: str, years, lang, source_shift: int, plot_height: int) -> None:
    """The source line wrapped to fit this chart on a 1024 px screen, the bottom margin grown to hold it."""
    for note in layout["annotations"]:
        if note.get("name") == SOURCE_ANNOTATION:
            note["text"] = wrap_words(plotly_text(source_line(source, years, lang)), SOURCE_WRAP_NARROW)
            bottom = max(layout["margin"]["b"], source_shift + text_height(note["text"], 14) + 24)
            layout["height"] += bottom - layout["margin"]["b"]
            layout["margin"]["b"] = bottom
