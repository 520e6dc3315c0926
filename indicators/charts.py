"""Chart functions: DataFrame in, plotly Figure out (graph_objects only, no Streamlit calls)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import is_skipped_key, to_typed_array_spec
from plotly.colors import get_colorscale

from i18n import format_date, format_number, t
from i18n.language import resolve_language
from indicators.plotly_text import drawn_text, plotly_text, plotly_texts
from indicators.palette import FOCUS_COLOURS, country_colour, country_dash, with_alpha
from indicators.direction import direction_labels, direction_of
from indicators.progress import STATUSES, note_text, status_labels
from indicators.records import positions_by, row_dicts

# plotly_white's layout without its per-trace defaults: the same look, about half the build time
TEMPLATE = go.layout.Template(layout=pio.templates["plotly_white"].layout)
FONT_SIZE = 16            # legible on a projector
TITLE_SIZE = 22
NOTE_SIZE = 14
SOURCE_ANNOTATION = "source_line"
DEMO_ANNOTATION = "demo_watermark"
DEMO_LABEL_ANNOTATION = "demo_label"
MESSAGE_ANNOTATION = "empty_message"
SOURCE_SHIFT = 80         # px below the plot area, under tick labels and the x axis title
MARGINS = {"l": 80, "r": 40, "t": 90, "b": 130}
LINE_HEIGHT = 1.3         # plotly's line spacing for '<br>' text, in ems (a little generous)
TITLE_PAD = 16            # px from the top of the figure to the title
DEMO_ROOM = 30            # px between the title and the plot, for the demonstration label
TITLE_WRAP = 68           # characters of a title line: fits a full-width chart at 1400 px in en and ru
TITLE_ONE_LINE = 80       # titles up to this long stay on one line, in smaller type (down to 18 px)
TITLE_MIN_SIZE = 18
SOURCE_WRAP = 80          # characters of a source line (14 px type): fits the narrowest chart (NARROW_CHART_WIDTH)
AXIS_TITLE_WRAP = 28      # characters of a line of a vertical axis title (plots are 300-340 px tall)
PLOT_HEIGHT = 320         # px of the plot area of trend and bar charts
CATEGORY_WRAP = 28        # characters of a category label beside horizontal bars
ROW_LABEL_WRAP = 26       # characters of an indicator name beside the progress grid (five columns fit 690 px)
PLOT_WIDTH_GUESS = 760    # px of plot area of a full-width chart at 1400 px window width
NARROW_CHART_WIDTH = 690  # px of the narrowest chart on a page: full width at a 1,024 px window (sidebar open),
                          # or a half-width pair stacked below 42 rem (static/screen.css)
LABEL_EM = 0.5            # average width of a tick label character, in ems (measured in Chromium)
CHAR_WIDTH = 0.55         # average character width in ems (Latin and Cyrillic)
DEMO_COLOUR = "rgba(213, 94, 0, 0.28)"   # Okabe-Ito vermillion, translucent
DEMO_LABEL_COLOUR = "#D55E00"
SINGLE_COLOUR = "#0072B2"
RESPONSE_COLOURS = {"supported": "#009E73", "noted": "#E69F00", "no_response": "#BBBBBB", "pledges": "#0072B2"}
RATIFICATION_COLOURS = ["#F2F2F2", "#56B4E9", "#0072B2"]   # none, signed, ratified
SEPARATORS = {"en": ".,", "ru": ", "}   # plotly's decimal and thousands separators per language
# colour scales written out as plotly.py defines them: plotly.js has a "Blues" of its own, other colours
HEATMAP_SCALE = get_colorscale("Blues")
MAP_SCALE = get_colorscale("Cividis")


# ---- captions shared with exports -------------------------------------------------------------

def data_years(years) -> tuple[int, int] | None:
    """(first, last) of an iterable of years (NaN and None ignored), or None when there is none."""
    if years is None:
        return None
    values = [int(year) for year in years if year is not None and not pd.isna(year)]
    return (min(values), max(values)) if values else None


def source_line(source: str, years, lang: str | None = None) -> str:
    """'Source: {source} · Data years: {first}–{last}' in `lang`."""
    span = data_years(years)
    if span is None:
        return t("Source: {source}", lang, source=source)
    first, last = span
    if first == last:
        return t("Source: {source} · Data year: {year}", lang, source=source, year=first)
    return t("Source: {source} · Data years: {first}–{last}", lang, source=source, first=first, last=last)


def demo_text(lang: str | None = None) -> str:
    """The words that mark demonstration data."""
    return t("Demonstration data", lang)


def _source_annotation(source: str, years, lang, shift: int, left: int = MARGINS["l"]) -> dict:
    """The source line under the tick labels, wrapped, starting near the figure's left edge (`left`: the
    plot's left margin, px)."""
    return dict(name=SOURCE_ANNOTATION, text=wrap_words(plotly_text(source_line(source, years, lang)), SOURCE_WRAP),
                xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-shift,
                xshift=-(left - 10), showarrow=False, font=dict(size=NOTE_SIZE, color="#333333"),
                align="left")


def _demo_annotations(lang, label_shift: int = 8) -> list[dict]:
    watermark = dict(name=DEMO_ANNOTATION, text=demo_text(lang).upper(), xref="paper", yref="paper",
                     x=0.5, y=0.5, showarrow=False, textangle=-20,
                     font=dict(size=48, color=DEMO_COLOUR))
    label = dict(name=DEMO_LABEL_ANNOTATION, text=t("Demonstration data, not real figures", lang),
                 xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="bottom", yshift=label_shift,
                 showarrow=False, font=dict(size=NOTE_SIZE, color=DEMO_LABEL_COLOUR))
    return [watermark, label]


def title_lines(title: str | None) -> tuple[str | None, int]:
    """A chart title as drawn, and its type size: a title a little too long for one line at 22 px
    gets smaller type (not below 18 px); a longer one is wrapped onto several lines at 22 px."""
    if not title or "<br>" in title:
        return title, TITLE_SIZE
    length = len(title)
    if length <= TITLE_WRAP - 6:
        return title, TITLE_SIZE
    if length <= TITLE_ONE_LINE:
        return title, max(TITLE_MIN_SIZE, round(TITLE_SIZE * (TITLE_WRAP - 6) / length))
    return wrap_words(title, TITLE_WRAP), TITLE_SIZE


def plain_title(text: str | None) -> str:
    """A drawn title or label without its line breaks (the words as written)."""
    return drawn_text(text)


def text_height(text: str, font_size: float) -> int:
    """Pixels taken by a (possibly '<br>'-wrapped) label drawn at `font_size`."""
    return round(line_count(text) * font_size * LINE_HEIGHT)


def _layout(title: str, source: str, years, is_demo: bool, lang, *, source_shift: int = SOURCE_SHIFT,
            top_extra: int = 0, plot_height: int | None = None, annotations: list[dict] | None = None,
            left: int | None = None, **extra) -> dict:
    """Title (wrapped) at the top, source line `source_shift` px below the plot, margins to fit both.

    top_extra: px above the plot for labels drawn there (x tick labels on top, a legend).
    plot_height: px of the plot area; the figure's height is then set to fit the margins around it.
    left: px of the left margin when long row labels need more than the default (label_margin); the
    source line still starts at the figure's left edge.
    """
    left = max(MARGINS["l"], left or 0)
    source_note = _source_annotation(source, years, lang, source_shift, left)
    notes = list(annotations or []) + [source_note]
    if is_demo:
        notes += _demo_annotations(lang, label_shift=8 + top_extra)
    title_text, title_size = title_lines(plotly_text(title) if title else title)
    top = max(MARGINS["t"], TITLE_PAD + text_height(title_text, title_size) + DEMO_ROOM) + top_extra
    bottom = max(MARGINS["b"] - SOURCE_SHIFT + source_shift,
                 source_shift + text_height(source_note["text"], NOTE_SIZE) + 24)
    layout = dict(template=TEMPLATE, font=dict(size=FONT_SIZE),
                  title=dict(text=title_text, font=dict(size=title_size), x=0, xanchor="left",
                             xref="container", y=1, yref="container", yanchor="top",
                             pad=dict(t=TITLE_PAD, l=4)),
                  margin=dict(MARGINS, t=top, b=bottom, l=left), annotations=notes,
                  hoverlabel=dict(font=dict(size=FONT_SIZE)), separators=separators(lang))
    if plot_height:
        layout["height"] = top + bottom + plot_height
    layout.update(extra)
    return layout


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _containers(value):
    """A copy of the dicts, lists and tuples of a figure's properties; their values (text, numbers, arrays)
    are shared, as nothing that reads the copy changes them."""
    kind = type(value)
    if kind is dict:
        return {key: _containers(item) for key, item in value.items()}
    if kind is list:
        return [_containers(item) for item in value]
    if kind is tuple:
        return tuple(_containers(item) for item in value)
    return value


def _encoded(value):
    """_containers(value) with plotly's convert_to_base64 applied to the copy, in the same walk: an array held
    by a dict's key becomes plotly's typed-array spec (base64), except under the keys plotly skips (whose
    contents are copied as they are); text and numbers are taken at once (they are never arrays)."""
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in _SCALARS
                else _containers(item) if is_skipped_key(key)
                else to_typed_array_spec(item) if is_homogeneous_array(item)
                else _encoded(item)
                for key, item in value.items()}
    if kind is list:
        return [_encoded(item) for item in value]
    if kind is tuple:
        return tuple(_encoded(item) for item in value)
    return value


class Figure(go.Figure):
    """A go.Figure whose to_dict() copies only the containers of its properties, not every value again:
    st.plotly_chart calls to_dict() on every figure it sends, and plotly's deep copy took over half of it.
    The dict is the one go.Figure.to_dict() gives (arrays base64-encoded as plotly's own convert_to_base64
    encodes them, in the same walk as the copy); tests/test_figures_valid.py compares the two for every
    figure the pages draw."""

    def to_dict(self):
        if self._frame_objs:            # animation frames: none of our charts has them
            return super().to_dict()
        return {"data": _encoded(self._data), "layout": _encoded(self._layout)}


def templated(data=None, layout: dict | None = None) -> go.Figure:
    """go.Figure(data, layout) with the layout's template (TEMPLATE) taken as it is: without validating
    it again on every figure (it is a validated go.layout.Template; validating it again took most of a
    chart's build time), and without plotly's default template set first (the constructor skips that when
    the layout brings one). The figure is the same.

    The traces (plain dicts) and the layout are not validated either: neither a wrong value nor an unknown
    property name is refused here (only a misspelt 'a_b' path is). Validating them took most of what remained
    of a page's rerun; tests/test_figures_valid.py checks that every figure each page draws is the figure
    plotly's validation gives. Exports, presentation mode and thumbnails copy the figure with
    go.Figure(figure), which validates it."""
    figure = Figure(data=data, layout=layout, _validate=False)
    figure._validate = True             # changes made to the figure from here on are validated
    figure.layout._validate = True
    return figure


def _category_ticks(categories: list[str], width: int) -> tuple[list[str], list[str], int]:
    """tickvals, ticktext wrapped at `width` characters, and the most lines of any label."""
    wrapped = [wrap_words(category, width) for category in categories]
    return list(categories), wrapped, max((line_count(text) for text in wrapped), default=1)


def label_margin(labels, font_size: float, axis_title: bool = False) -> int:
    """Left margin (px) for row labels (possibly '<br>'-wrapped) drawn at `font_size`, and their axis title."""
    longest = max((len(drawn_text(line)) for label in labels for line in str(label).split("<br>")), default=0)
    return max(MARGINS["l"], round(longest * font_size * LABEL_EM) + 14 + (34 if axis_title else 0))


def _column_wrap(count: int, font_size: float = FONT_SIZE, plot_width: int = PLOT_WIDTH_GUESS) -> int:
    """Characters per line of a horizontal x tick label when `count` categories share the plot width."""
    return max(9, int(plot_width / max(count, 1) / (font_size * CHAR_WIDTH)) - 1)


def separators(lang: str | None = None) -> str:
    """Plotly's `separators` (decimal mark, thousands separator) for numbers drawn in `lang`."""
    return SEPARATORS.get(resolve_language(lang), SEPARATORS["en"])


def empty_figure(message: str | None = None, lang: str | None = None) -> go.Figure:
    """A blank figure that says why there is no chart."""
    text = plotly_text(message) if message else t("No data for the selected filters", lang)
    note = dict(name=MESSAGE_ANNOTATION, text=text, xref="paper", yref="paper", x=0.5, y=0.5,
                showarrow=False, font=dict(size=FONT_SIZE + 2, color="#333333"))
    hidden = dict(visible=False)
    return templated(layout=dict(template=TEMPLATE, font=dict(size=FONT_SIZE), annotations=[note],
                                 xaxis=hidden, yaxis=hidden, height=300))


def _is_empty(frame: pd.DataFrame | None, column: str) -> bool:
    return frame is None or frame.empty or column not in frame.columns or frame[column].notna().sum() == 0


# ---- trend lines --------------------------------------------------------------------------------

def gapped_series(years, values) -> tuple[list[int], list[float | None]]:
    """Every year from first to last, with None where there is no value (so lines break at gaps)."""
    by_year = {int(year): float(value) for year, value in zip(years, values)
               if not pd.isna(year) and value is not None and not pd.isna(value)}
    if not by_year:
        return [], []
    span = list(range(min(by_year), max(by_year) + 1))
    return span, [by_year.get(year) for year in span]


def country_order(codes) -> list[str]:
    """Focus countries first in their fixed order, then the others alphabetically."""
    unique = list(dict.fromkeys(str(code) for code in codes))
    focus = [code for code in FOCUS_COLOURS if code in unique]
    return focus + sorted(code for code in unique if code not in FOCUS_COLOURS)


def _country_name(iso3: str, given_names: list, countries_names: dict | None) -> str:
    """The name from `countries_names`, else the first name the country's rows give, else its code."""
    if countries_names and iso3 in countries_names:
        return plotly_text(countries_names[iso3])
    name = next((name for name in given_names if not pd.isna(name)), None)
    return plotly_text(name if name is not None else iso3)


def _band_traces(years: list, lower: list, upper: list, iso3: str, name: str, lang) -> list[dict]:
    years_span, upper = gapped_series(years, upper)
    _, lower = gapped_series(years, lower)
    if not years_span:
        return []
    fill = with_alpha(country_colour(iso3), 0.18)
    common = dict(x=years_span, mode="lines", line=dict(width=0), connectgaps=False, legendgroup=iso3,
                  showlegend=False, hoverinfo="skip")
    return [dict(type="scatter", y=upper, **common),
            dict(type="scatter", y=lower, fill="tonexty", fillcolor=fill,
                 name=t("{country}: uncertainty interval", lang, country=name), **common)]


def _line_trace(years: list, values: list, iso3: str, name: str, unit: str) -> dict:
    years, values = gapped_series(years, values)
    single = sum(value is not None for value in values) == 1     # one year: a marker, not a line
    return dict(type="scatter", x=years, y=values, name=name, mode="markers" if single else "lines+markers",
                connectgaps=False,
                legendgroup=iso3, line=dict(color=country_colour(iso3), width=3,
                                            dash=country_dash(iso3)),
                marker=dict(size=12 if single else 7, color=country_colour(iso3)),
                hovertemplate="%{fullData.name}, %{x}: %{y:,.3~f} " + unit
                + "<extra></extra>")


def _rows_by_country(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, dict[str, list]]:
    """country code -> {column: that country's values, in the frame's order}, over plain lists (a boolean
    selection per country cost most of a trend chart's build time). A row without a country code belongs
    to no country's line."""
    values = {column: frame[column].tolist() for column in columns}
    return {str(iso3): {column: [values[column][position] for position in positions] for column in columns}
            for iso3, positions in positions_by(frame["country_iso3"].tolist()).items()}


def event_kind_label(kind: str, lang: str | None = None) -> str:
    """Words for an event kind of the `event` table."""
    labels = {
        "ratification": t("Ratification", lang),
        "nhri_accreditation": t("NHRI accreditation", lang),
        "upr_review": t("UPR review", lang),
        "action_plan": t("Action plan", lang),
        "country_visit": t("Country visit", lang),
        "nmrf": t("National mechanism for reporting and follow-up", lang),
        "npm": t("National preventive mechanism", lang),
        "other": t("Other event", lang),
    }
    return labels.get(kind, str(kind))


def _event_layer(events: pd.DataFrame, names: dict, span: tuple[int, int], lang):
    """Vertical dashed lines (shapes) and a hoverable marker per event, on a hidden 0-1 axis: the events of
    the countries in `names` and region-wide ones (no country), within the years of `span`.

    An event with `year_only` true (a source gives its year only) is placed mid-year and labelled
    with the year, not a day. Plain Python over the few events of a chart: pandas' per-call overhead
    was most of a trend chart's build time."""
    count = len(events)
    year_only = events["year_only"].tolist() if "year_only" in events.columns else [False] * count
    shapes, xs, colours, texts = [], [], [], []
    for day, kind, title, iso3, only in zip(pd.to_datetime(events["date"]).tolist(), events["kind"].tolist(),
                                            events["title"].tolist(), events["country_iso3"].tolist(), year_only):
        iso3 = iso3 if isinstance(iso3, str) else None
        if iso3 is not None and iso3 not in names:
            continue
        position = day.year + (day.day_of_year - 1) / 366
        if not span[0] - 0.5 <= position <= span[1] + 1:
            continue
        colour = country_colour(iso3) if iso3 else "#555555"
        shapes.append(dict(type="line", xref="x", yref="paper", x0=position, x1=position, y0=0, y1=1,
                           line=dict(color=with_alpha(colour, 0.35) if colour.startswith("#") else colour,
                                     width=1, dash="dot"), layer="below"))
        xs.append(float(position))
        colours.append(colour)
        country = names.get(iso3, plotly_text(iso3)) if iso3 else ""
        when = str(day.year) if bool(only) else format_date(day, lang)   # year markers
        texts.append(" · ".join(plotly_text(part) if index >= 2 else str(part) for index, part in enumerate(
            (when, country, event_kind_label(kind, lang), title))
            if part and not (index == 3 and pd.isna(part))))
    if not xs:
        return [], []
    # small markers along the top edge only; the dotted lines stay faint behind the data
    marker = dict(type="scatter", x=xs, y=[1.0] * len(xs), yaxis="y2", mode="markers", name=t("Events", lang),
                  marker=dict(symbol="triangle-down", size=9, color=colours, opacity=0.8,
                              line=dict(color="#FFFFFF", width=0.5)),
                  cliponaxis=False, text=texts, hovertemplate="%{text}<extra></extra>")
    return shapes, [marker]


def trend_chart(observations: pd.DataFrame, title: str, unit: str, source: str, is_demo: bool,
                events: pd.DataFrame | None = None, countries_names: dict | None = None,
                lang: str | None = None) -> go.Figure:
    """One line per country (fixed colours, gaps left open), optional lower/upper band and events.

    observations: country_iso3, country_name, year, value (+ optional lower, upper).
    events: date, kind, title, country_iso3 (drawn for the countries shown and region-wide ones).
    """
    if _is_empty(observations, "value"):
        return empty_figure(lang=lang)
    observations = observations[observations["value"].notna()]
    unit = plotly_text(unit)
    has_band = {"lower", "upper"} <= set(observations.columns)
    columns = ("year", "value") + (("lower", "upper") if has_band else ()) + (
        ("country_name",) if "country_name" in observations.columns else ())
    by_country = _rows_by_country(observations, columns)
    traces, names = [], {}
    for iso3 in country_order(by_country):
        rows = by_country[iso3]
        names[iso3] = _country_name(iso3, rows.get("country_name", []), countries_names)
        if has_band and not all(pd.isna(value) for value in rows["lower"]) and not all(
                pd.isna(value) for value in rows["upper"]):
            traces += _band_traces(rows["year"], rows["lower"], rows["upper"], iso3, names[iso3], lang)
        traces.append(_line_trace(rows["year"], rows["value"], iso3, names[iso3], unit))
    span = data_years(observations["year"])
    shapes, markers = [], []
    if events is not None and not events.empty:
        shapes, markers = _event_layer(events, names, span, lang)
    one_year = {} if span is None or span[0] != span[1] else dict(range=[span[0] - 1, span[0] + 1], dtick=1)
    layout = _layout(title, source, observations["year"], is_demo, lang, plot_height=PLOT_HEIGHT,
                     **(dict(shapes=shapes) if shapes else {}),
                     xaxis=dict(title=dict(text=t("Year", lang)), tickformat="d", **one_year),
                     yaxis=dict(title=dict(text=wrap_words(unit, AXIS_TITLE_WRAP)), automargin=True),
                     yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True),
                     legend=dict(title=dict(text=t("Country", lang))), hovermode="closest")
    return templated(traces + markers, layout)


# ---- bars, heatmaps, matrices ---------------------------------------------------------------------

def _value_range(values, room: float = 0.15) -> list[float] | None:
    """An axis range from 0 with `room` to spare beyond the longest bar (for the value labels)."""
    numbers = [float(value) for value in values if value is not None and not pd.isna(value)]
    if not numbers:
        return None
    high, low = max(max(numbers), 0.0), min(min(numbers), 0.0)
    span = (high - low) or 1.0
    return [low - room * span if low < 0 else 0.0, high + room * span if high > 0 else 0.0]


def bar_chart(frame: pd.DataFrame, x: str, y: str, title: str, unit: str, source: str, years,
              is_demo: bool, color_by_country: bool = False, x_title: str | None = None,
              horizontal: bool = False, lang: str | None = None) -> go.Figure:
    """Bars of `y` per category `x`; `color_by_country` colours by country_iso3 (or `x` if absent).

    Category labels are wrapped (the data keep the full names); the value axis leaves room for the
    value written at the end of the longest bar.
    """
    if _is_empty(frame, y):
        return empty_figure(lang=lang)
    categories = plotly_texts(frame[x].astype(str))
    values = frame[y].tolist()
    unit, x_title = plotly_text(unit), plotly_text(x_title) if x_title else x_title
    codes = frame["country_iso3"] if "country_iso3" in frame.columns else frame[x]
    colours = [country_colour(code) for code in codes] if color_by_country else SINGLE_COLOUR
    value_axis = dict(title=dict(text=unit if horizontal else wrap_words(unit, AXIS_TITLE_WRAP)),
                      range=_value_range(values), automargin=True)
    suffix = " " + unit + "<extra></extra>"
    if horizontal:
        tickvals, ticktext, lines = _category_ticks(categories, CATEGORY_WRAP)
        plot_height = max(240, len(categories) * (lines * 14 + 10))
        category_axis = dict(title=dict(text=x_title or ""), automargin=True, tickmode="array",
                             tickvals=tickvals, ticktext=ticktext)
        bar = dict(type="bar", x=values, y=categories, orientation="h", marker_color=colours,
                   texttemplate="%{x:,.3~f}", textposition="outside", cliponaxis=False,
                   hovertemplate="%{y}: %{x:,.3~f}" + suffix)
        axes = dict(xaxis=value_axis, yaxis=dict(category_axis, autorange="reversed"),
                    left=label_margin(ticktext, FONT_SIZE, axis_title=bool(x_title)))
        shift = SOURCE_SHIFT
    else:
        plot_height = PLOT_HEIGHT
        tickvals, ticktext, lines = _category_ticks(categories, _column_wrap(len(categories)))
        category_axis = dict(title=dict(text=x_title or ""), automargin=True, tickmode="array",
                             tickvals=tickvals, ticktext=ticktext, tickangle=0)
        bar = dict(type="bar", x=categories, y=values, marker_color=colours, texttemplate="%{y:,.3~f}",
                   textposition="outside", cliponaxis=False,
                   hovertemplate="%{x}: %{y:,.3~f}" + suffix)
        axes = dict(xaxis=category_axis, yaxis=value_axis)
        shift = text_height("<br>" * (lines - 1), FONT_SIZE) + (40 if x_title else 10) + 14
    return templated([bar], _layout(title, source, years, is_demo, lang, showlegend=False,
                                                source_shift=max(shift, 50), plot_height=plot_height,
                                                **axes))


HEATMAP_TICK_SIZE = 14
HEATMAP_ROW_WRAP = 24     # characters of a heatmap row label line (theme names on two lines)
COLORBAR_PX = 70          # px a heatmap's colour bar and its labels take right of the plot
PROGRESS_CELL_SIZE = 13   # a status line (_cell_label) fits a column of the narrowest chart
PROGRESS_NAME_SIZE = 13


def _tick_size_for(labels: list[str], column_px: float) -> int:
    """Type size at which the longest word of any label fits its column (14 px, down to 11 px)."""
    longest = max((len(word) for label in labels for word in str(label).split()), default=1)
    return int(min(HEATMAP_TICK_SIZE, max(11, (column_px - 6) // (longest * LABEL_EM))))


def _cross_table(frame: pd.DataFrame, rows: str, columns: str, values: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The sum of `values` per `rows` x `columns` (0 where no row is), in the order each row and column
    first appears, as pivot_table(aggfunc="sum", fill_value=0, sort=False) gives it; and where every value
    of a cell is missing. Numpy instead of pivot_table: most of a heatmap's build time on small frames."""
    known = (frame[rows].notna() & frame[columns].notna()).to_numpy(dtype=bool)
    frame = frame[known] if not known.all() else frame
    row_codes, row_keys = pd.factorize(frame[rows], sort=False)
    column_codes, column_keys = pd.factorize(frame[columns], sort=False)
    series = frame[values]
    missing = series.isna().to_numpy(dtype=bool)
    shape = (len(row_keys), len(column_keys))
    sums = np.zeros(shape)
    np.add.at(sums, (row_codes, column_codes), np.where(missing, 0.0, series.to_numpy(dtype=float, na_value=0.0)))
    rows_in, known_in = np.zeros(shape, dtype=np.int64), np.zeros(shape, dtype=np.int64)
    np.add.at(rows_in, (row_codes, column_codes), 1)
    np.add.at(known_in, (row_codes, column_codes), ~missing)
    table = pd.DataFrame(sums, index=pd.Index(row_keys, name=rows), columns=pd.Index(column_keys, name=columns))
    return table, (rows_in > 0) & (known_in == 0)


def heatmap(frame: pd.DataFrame, rows: str, columns: str, values: str, title: str, source: str,
            years, is_demo: bool, value_label: str | None = None, row_title: str | None = None,
            column_title: str | None = None, lang: str | None = None,
            blank_empty_columns: bool = False, row_wrap: int = HEATMAP_ROW_WRAP) -> go.Figure:
    """Counts of `values` by `rows` x `columns` (e.g. country x theme); missing cells count 0.

    A cell whose value is given as missing (None/NaN: no data loaded for that row, e.g. a country
    without a loaded review) is drawn as a gap with "no data" in its hover, never as 0.
    blank_empty_columns: a column without any count (e.g. a cycle with no recommendations in the
    data) is left blank and its hover says so, instead of showing a row of zeros.
    Column labels are written horizontally, wrapped onto several lines (the data keep the names), sized
    to fit the narrowest chart (NARROW_CHART_WIDTH); many short ones (years) are labelled every few
    columns. Row labels are wrapped at `row_wrap` characters.
    """
    if _is_empty(frame, values):
        return empty_figure(lang=lang)
    table, gaps = _cross_table(frame, rows, columns, values)
    label = plotly_text(value_label) if value_label else t("Recommendations (number)", lang)
    column_names = plotly_texts(table.columns)
    row_names = plotly_texts(table.index)
    row_title, column_title = plotly_text(row_title), plotly_text(column_title)
    empty = [blank_empty_columns and not table[column].fillna(0).any() for column in table.columns]
    counts = table.to_numpy()
    z = counts.astype(float)
    z[:, [index for index, blank in enumerate(empty) if blank]] = float("nan")   # drawn as gaps
    z[gaps] = float("nan")
    text = [["" if empty[index] or gaps[row_index][index] else format_number(int(value), lang)
             if float(value).is_integer() else _number(value, lang) for index, value in enumerate(row)]
            for row_index, row in enumerate(counts.tolist())]
    no_data = t("no data", lang)
    hover = [[f"{row_name} · {column}: " + (no_data if empty[index] or gaps[row_index][index]
                                            else text[row_index][index])
              for index, column in enumerate(column_names)]
             for row_index, row_name in enumerate(row_names)]
    cells = dict(type="heatmap", z=z, x=column_names, y=row_names, text=text,
                 texttemplate="%{text}", customdata=hover, hoverongaps=True,
                 colorscale=HEATMAP_SCALE, xgap=2, ygap=2, showscale=_varies(z),   # one value: no bar
                 colorbar=dict(title=dict(text=label, side="right"), thickness=18),
                 hovertemplate="%{customdata}<extra></extra>")
    row_values, row_text, row_lines = _category_ticks(row_names, row_wrap)
    left = label_margin(row_text, HEATMAP_TICK_SIZE, axis_title=bool(row_title))
    # the plot's width on the narrowest chart: less the row labels, the right margin and the colour bar
    plot_width = NARROW_CHART_WIDTH - left - MARGINS["r"] - (COLORBAR_PX if cells["showscale"] else 0)
    column_px = plot_width / max(len(column_names), 1)
    tick_size = _tick_size_for(column_names, column_px)
    tickvals, ticktext, lines = _category_ticks(column_names, _column_wrap(len(column_names),
                                                                          tick_size, plot_width))
    if len(column_names) > 1 and max(len(name) for name in column_names) <= 4:   # years: every few columns
        step = -(-len(column_names) * (4 * tick_size * LABEL_EM + 12) // plot_width)
        tickvals, ticktext = tickvals[::max(1, int(step))], ticktext[::max(1, int(step))]
    tick_px = text_height("<br>" * (lines - 1), tick_size) + 12
    title_px = 36 if column_title else 0
    row_px = max(44, round(row_lines * HEATMAP_TICK_SIZE * LINE_HEIGHT) + 10)
    layout = _layout(title, source, years, is_demo, lang, source_shift=tick_px + title_px + 16, left=left,
                     xaxis=dict(title=dict(text=column_title or ""), tickangle=0, automargin=True,
                                side="bottom", tickmode="array", tickvals=tickvals, ticktext=ticktext,
                                tickfont=dict(size=tick_size), showgrid=False),
                     yaxis=dict(title=dict(text=row_title or ""), autorange="reversed", automargin=True,
                                tickmode="array", tickvals=row_values, ticktext=row_text,
                                tickfont=dict(size=HEATMAP_TICK_SIZE), showgrid=False),
                     plot_height=max(220, row_px * len(table.index)))
    return templated([cells], layout)


def _names_by_code(frame: pd.DataFrame) -> dict:
    if "country_name" not in frame.columns:
        return {}
    named = frame.dropna(subset=["country_name"])
    return dict(zip(named["country_iso3"], plotly_texts(named["country_name"])))


def ratification_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """country_iso3, treaty, status ('ratified' | 'signed'), year: the earliest year of each status
    (NaN when the act is known only without a date)."""
    signed = frame["action"].eq("signature")
    ratified = (frame[~signed].groupby(["country_iso3", "treaty"], as_index=False, sort=False)["year"]
                .min().assign(status="ratified"))
    signed_only = (frame[signed].groupby(["country_iso3", "treaty"], as_index=False, sort=False)["year"]
                   .min().assign(status="signed"))
    keys = set(zip(ratified["country_iso3"], ratified["treaty"]))
    signed_only = signed_only[[key not in keys for key in zip(signed_only["country_iso3"],
                                                             signed_only["treaty"])]]
    return pd.concat([ratified, signed_only], ignore_index=True)


def ratification_matrix(frame: pd.DataFrame, title: str, source: str, is_demo: bool,
                        countries: list[str] | None = None, treaties: list[str] | None = None,
                        lang: str | None = None, treaty_names: dict[str, str] | None = None,
                        treaties_as_rows: bool = False) -> go.Figure:
    """Country x treaty: the year in each cell, colour = ratified / signed / neither.

    treaties_as_rows: a row per treaty and a column per country, the treaty codes written horizontally
    (legible on a narrow screen, where 18 treaty columns leave no room for their codes and years).

    frame: country_iso3, treaty, action (ratification, accession, ..., signature), year
    (+ optional country_name). `countries`/`treaties` fix the order and show empty rows/columns.
    `treaty_names`: treaty code -> full name in `lang`, shown on hover.
    """
    if _is_empty(frame, "action"):
        return empty_figure(lang=lang)
    cells = ratification_cells(frame)
    lookup = {(row.country_iso3, row.treaty): (row.status, None if pd.isna(row.year) else int(row.year))
              for row in cells.itertuples()}   # year None: known without a date
    row_codes = countries or country_order(frame["country_iso3"])
    column_codes = treaties or list(dict.fromkeys(frame["treaty"]))
    names = _names_by_code(frame)
    words = {"ratified": t("Ratified", lang), "signed": t("Signed only", lang),
             None: t("Neither signed nor ratified", lang)}
    levels = {None: 0, "signed": 1, "ratified": 2}
    z, text, hover = [], [], []
    for iso3 in row_codes:
        statuses = [lookup.get((iso3, treaty), (None, None)) for treaty in column_codes]
        z.append([levels[status] for status, _ in statuses])
        text.append([_cell_text(status, year, lang, one_line=treaties_as_rows) for status, year in statuses])
        hover.append([f"{names.get(iso3, plotly_text(iso3))} · {_treaty_label(treaty, treaty_names)}: {words[status]}"
                      + (f" ({year})" if year else f" ({t('date unknown', lang)})" if status else "")
                      for treaty, (status, year) in zip(column_codes, statuses)])
    scale = [[edge, colour] for index, colour in enumerate(RATIFICATION_COLOURS)
             for edge in (index / 3, (index + 1) / 3)]
    matrix = dict(type="heatmap", z=z, x=plotly_texts(column_codes), y=[names.get(code, plotly_text(code)) for code in row_codes],
                  text=text,
                  texttemplate="%{text}", textfont=dict(size=12), customdata=hover,
                  hovertemplate="%{customdata}<extra></extra>",
                  colorscale=scale, zmin=-0.5, zmax=2.5, xgap=2, ygap=2,
                  colorbar=dict(tickvals=[0, 1, 2], thickness=18,
                                ticktext=[wrap_words(words[None], 14), wrap_words(words["signed"], 14),
                                          wrap_words(words["ratified"], 14)]))
    if treaties_as_rows:
        return _treaty_rows_figure(matrix, title, source, frame["year"].dropna(), is_demo, lang, len(column_codes))
    longest = max((len(str(code)) for code in column_codes), default=1)
    tick_px = round(longest * 13 * CHAR_WIDTH * 0.71 + 13 * 1.2) + 12    # labels turned by 45 degrees
    layout = _layout(title, source, frame["year"].dropna(), is_demo, lang, source_shift=tick_px + 36 + 16,
                     xaxis=dict(title=dict(text=t("Treaty", lang)), side="bottom", automargin=True,
                                tickangle=-45, tickfont=dict(size=13)),
                     yaxis=dict(title=dict(text=""), autorange="reversed", automargin=True),
                     plot_height=max(200, 48 * len(row_codes)))
    return templated([matrix], layout)


TREATY_ROW_PX = 26      # px of a treaty's row when treaties are rows (13 px codes and years)


def _treaty_rows_figure(matrix: dict, title: str, source: str, years, is_demo: bool, lang,
                        treaty_count: int) -> go.Figure:
    """The ratification matrix turned a quarter: a row per treaty, a column per country."""
    transposed = dict(matrix, x=matrix["y"], y=matrix["x"], z=[list(row) for row in zip(*matrix["z"])],
                      text=[[cell.replace("<br>", " ") for cell in row] for row in zip(*matrix["text"])],   # wide cells
                      customdata=[list(row) for row in zip(*matrix["customdata"])],
                      colorbar=dict(matrix["colorbar"], thickness=12, tickfont=dict(size=13)))
    layout = _layout(title, source, years, is_demo, lang, source_shift=round(FONT_SIZE * LINE_HEIGHT) + 16,
                     xaxis=dict(title=dict(text=""), side="bottom", automargin=True, tickangle=0,
                                tickfont=dict(size=13)),
                     yaxis=dict(title=dict(text=t("Treaty", lang)), autorange="reversed", automargin=True,
                                tickfont=dict(size=13)),
                     plot_height=max(200, TREATY_ROW_PX * treaty_count))
    return templated([transposed], layout)


def _treaty_label(code: str, treaty_names: dict[str, str] | None) -> str:
    name = (treaty_names or {}).get(code)
    return f"{plotly_text(code)} ({wrap_words(plotly_text(name), 60)})" if name else plotly_text(code)


def _cell_text(status: str | None, year: int | None, lang, one_line: bool = False) -> str:
    """A matrix cell's words: the year, 'sig.' and the year, or 'date unknown' (one_line: abbreviated to
    'n.d.' so it fits a one-line cell of the narrowest chart; the hover keeps the words in full)."""
    if status and year is None:          # the act is known, its date is not (year-less source)
        if one_line:
            return t("sig., n.d.", lang) if status == "signed" else t("n.d.", lang)
        return wrap_words(t("sig., date unknown", lang) if status == "signed" else t("date unknown", lang), 5)
    if status == "ratified":
        return str(year)
    if status == "signed":
        return wrap_words(t("sig. {year}", lang, year=year), 5)   # two short lines fit a narrow cell
    return "–"


def progress_chart(assessments: pd.DataFrame, title: str, source: str, is_demo: bool,
                   lang: str | None = None) -> go.Figure:
    """Status per indicator (rows) x country (columns), coloured by status, the status word in each cell.

    assessments: the columns of progress.assess_frame (+ optional indicator_name, country_name).
    """
    if _is_empty(assessments, "status"):
        return empty_figure(lang=lang)
    codes = list(STATUSES)
    labels = status_labels(lang)
    row_field = "indicator_name" if "indicator_name" in assessments.columns else "indicator_code"
    row_keys = list(dict.fromkeys(assessments[row_field].astype(str)))
    row_labels = plotly_texts(row_keys)
    column_keys = country_order(assessments["country_iso3"])
    names = _names_by_code(assessments)
    cells = {(str(row[row_field]), row["country_iso3"]): row for row in row_dicts(assessments)}
    z, text, hover = [], [], []
    for row_key in row_keys:
        found = [cells.get((row_key, iso3)) for iso3 in column_keys]
        z.append([None if cell is None else codes.index(cell["status"]) for cell in found])
        text.append(["" if cell is None else _cell_label(labels[cell["status"]]) for cell in found])
        hover.append(["" if cell is None else _progress_hover(cell, plotly_text(row_key), names, labels, lang)
                      for cell in found])
    scale = [[edge, STATUSES[code][1]] for index, code in enumerate(codes)
             for edge in (index / len(codes), (index + 1) / len(codes))]
    grid = dict(type="heatmap", z=z, x=[names.get(code, plotly_text(code)) for code in column_keys], y=row_labels, text=text,
                texttemplate="%{text}", customdata=hover, hovertemplate="%{customdata}<extra></extra>",
                colorscale=scale, zmin=-0.5, zmax=len(codes) - 0.5, showscale=False, xgap=3, ygap=3,
                textfont=dict(size=PROGRESS_CELL_SIZE))
    years = pd.concat([assessments.get("baseline_year", pd.Series(dtype=float)),
                       assessments.get("latest_year", pd.Series(dtype=float))])
    # indicator names wrapped beside the grid (the data and the hover keep the full names)
    tickvals, ticktext, name_lines = _category_ticks(row_labels, ROW_LABEL_WRAP)
    cell_lines = max((line_count(cell) for row in text for cell in row), default=1)
    row_px = max(48, round(max(name_lines * PROGRESS_NAME_SIZE, cell_lines * PROGRESS_CELL_SIZE) * 1.2) + 16)
    column_names = [names.get(code, plotly_text(code)) for code in column_keys]
    column_text = [wrap_words(name, 14) for name in column_names]
    top_px = text_height("<br>" * (max(map(line_count, column_text), default=1) - 1), FONT_SIZE) + 10
    layout = _layout(title, source, years, is_demo, lang, source_shift=20, top_extra=top_px,
                     left=label_margin(ticktext, PROGRESS_NAME_SIZE),
                     xaxis=dict(title=dict(text=""), automargin=True, side="top", tickangle=0,
                                tickmode="array", tickvals=column_names, ticktext=column_text),
                     yaxis=dict(title=dict(text=""), autorange="reversed", automargin=True, tickmode="array",
                                tickvals=tickvals, ticktext=ticktext,
                                tickfont=dict(size=PROGRESS_NAME_SIZE)),
                     plot_height=row_px * len(row_keys))
    return templated([grid], layout)


def wrap_words(text: str, width: int = 16) -> str:
    """Break a label into lines of about `width` characters (plotly '<br>') at spaces.

    Words are never split (a word longer than `width` gets a line of its own); breaks already in
    the text ('<br>') are kept.
    """
    paragraphs = str(text).replace("<br />", "<br>").replace("<br/>", "<br>").split("<br>")
    lines = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return "<br>".join(lines)


def line_count(text: str | None) -> int:
    """Lines of a plotly label ('<br>' breaks)."""
    return str(text or "").count("<br>") + 1


def _cell_label(status: str) -> str:
    """Status words wrapped to fit a grid cell (Cyrillic letters are wider: shorter lines)."""
    return wrap_words(status, 14 if status.isascii() else 12)


def _progress_hover(cell: dict, row_key: str, names: dict, labels: dict, lang) -> str:
    parts = [f"{row_key} · {names.get(cell['country_iso3'], plotly_text(cell['country_iso3']))}",
             f"{labels[cell['status']]} ({direction_labels(lang)[direction_of(cell['status'])]})"]
    if not pd.isna(cell.get("baseline_year")) and not pd.isna(cell.get("latest_year")):
        parts.append(t("{first}: {start} → {last}: {end}", lang, first=int(cell["baseline_year"]),
                       start=_number(cell["baseline_value"], lang), last=int(cell["latest_year"]),
                       end=_number(cell["latest_value"], lang)))
    note = note_text(cell.get("note"), lang)
    if note:
        parts.append(note)
    return "<br>".join(parts)


def _number(value, lang=None) -> str:
    """A value with at most three decimals, in the locale's digits ('1,234.5' / '1 234,5')."""
    if value is None or pd.isna(value):
        return "–"
    if float(value).is_integer():
        return format_number(int(value), lang)
    return format_number(round(float(value), 3), lang)


# ---- map and stacked responses --------------------------------------------------------------------

def _varies(z) -> bool:
    """True when the finite cells of `z` hold more than one value (else a colour bar says nothing)."""
    import numpy as np

    values = np.asarray(z, dtype=float)
    return np.unique(values[np.isfinite(values)]).size > 1


def region_map(frame: pd.DataFrame, value_column: str, title: str, unit: str, source: str, years,
               is_demo: bool, lang: str | None = None) -> go.Figure:
    """Choropleth by ISO3 (country_iso3, optional country_name), scope Asia, zoomed to the countries."""
    if _is_empty(frame, value_column):
        return empty_figure(lang=lang)
    shown = frame[frame[value_column].notna()]
    names = plotly_texts(shown["country_name"] if "country_name" in shown.columns else shown["country_iso3"])
    unit = plotly_text(unit)
    choropleth = dict(type="choropleth", locations=shown["country_iso3"].tolist(), locationmode="ISO-3",
                      z=shown[value_column].tolist(), text=names, colorscale=MAP_SCALE,
                      marker=dict(line=dict(color="#FFFFFF", width=1)),
                      colorbar=dict(title=dict(text=unit)),
                      hovertemplate="%{text}: %{z:,.3~f} " + unit
                      + "<extra></extra>")
    labels = dict(type="scattergeo", locations=shown["country_iso3"].tolist(), locationmode="ISO-3", text=names,
                  mode="text", hoverinfo="skip", textfont=dict(size=13, color="#1F2A44", weight="bold",
                                                  shadow="0 0 3px #FFFFFF, 0 0 4px #FFFFFF"),
                  showlegend=False, name="labels")   # the country names on the map itself
    layout = _layout(title, source, years, is_demo, lang, source_shift=10,
                     geo=dict(scope="asia", fitbounds="locations", showcountries=True,
                              countrycolor="#999999", showland=True, landcolor="#F2F2F2",
                              showframe=False, projection=dict(type="natural earth")))
    layout["margin"]["b"] = 60
    return templated([choropleth, labels], layout)


def response_labels(lang: str | None = None) -> dict[str, str]:
    """Column of a responses frame -> its legend words."""
    return {"supported": t("Supported", lang), "noted": t("Noted", lang),
            "no_response": t("No response", lang), "pledges": t("Voluntary pledges", lang)}


def stacked_responses(frame: pd.DataFrame, title: str, source: str, years, is_demo: bool,
                      by: str = "country_name", lang: str | None = None) -> go.Figure:
    """Stacked bars of recommendation counts per `by` (country or cycle).

    frame: one row per `by` value with count columns among supported, noted, no_response, pledges.
    """
    present = [column for column in RESPONSE_COLOURS if column in frame.columns] if frame is not None else []
    if frame is None or frame.empty or not present or frame[present].fillna(0).to_numpy().sum() == 0:
        return empty_figure(lang=lang)
    categories = plotly_texts(frame[by].astype(str))
    labels = response_labels(lang)
    bars = [dict(type="bar", x=categories, y=frame[column].fillna(0).tolist(), name=labels[column],
                 marker_color=RESPONSE_COLOURS[column], texttemplate="%{y:,}", textposition="inside",
                 textangle=0,
                 hovertemplate="%{x} · " + labels[column] + ": %{y:,}<extra></extra>")
            for column in present]
    # category labels horizontal and wrapped; the legend in a row under them, the source line below
    tickvals, ticktext, lines = _category_ticks(categories, _column_wrap(len(categories)))
    tick_px = text_height("<br>" * (lines - 1), FONT_SIZE) + 14
    legend_width = sum(len(labels[column]) * FONT_SIZE * CHAR_WIDTH + 50 for column in present)
    legend_px = round(FONT_SIZE * 1.9) * max(1, -(-int(legend_width) // (PLOT_WIDTH_GUESS - 100)))
    plot_height = 340
    layout = _layout(title, source, years, is_demo, lang, barmode="stack",
                     source_shift=tick_px + legend_px + 18, plot_height=plot_height,
                     xaxis=dict(title=dict(text=""), automargin=True, tickangle=0, tickmode="array",
                                tickvals=tickvals, ticktext=ticktext),
                     yaxis=dict(title=dict(text=t("Recommendations (number)", lang))),
                     legend=dict(orientation="h", yanchor="top", y=-(tick_px + 6) / plot_height, x=0,
                                 xanchor="left", traceorder="normal"),
                     uniformtext=dict(minsize=NOTE_SIZE, mode="hide"))
    return templated(bars, layout)
