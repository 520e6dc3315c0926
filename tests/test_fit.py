"""ui.fit: source lines, heatmap row labels and column labels re-wrapped to the width a figure is drawn at."""
from __future__ import annotations

import pandas as pd

from indicators import charts
import plotly.graph_objects as go

from ui.fit import TEXT_EM, characters, fit_category_ticks, fit_row_labels, fit_source

SCREEN_WIDTH = 660   # px: a full-width chart at 1024 px


def fitted(figure: go.Figure, width: float = SCREEN_WIDTH) -> go.Figure:
    """A copy of `figure` with its source line and labels fitted to `width` (what presentation mode does)."""
    copy = go.Figure(figure)
    fit_source(copy, width)
    fit_row_labels(copy, width)
    fit_category_ticks(copy, width)
    return copy

THEMES = ["Non-discrimination and equality", "Fair trial, independence of judges and lawyers",
          "Democratic space and fundamental freedoms", "Other themes"]
COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def note(figure, name):
    return next(annotation for annotation in figure.layout.annotations if annotation.name == name)


def test_a_long_source_is_rewrapped_and_the_bottom_margin_grows_by_the_lines_added():
    title = ("Human rights protection score (physical integrity rights, latent variable model): "
             "latest value and change since the previous cycle")
    source = ("United Nations Treaty Collection (UN Office of Legal Affairs); World Politics Datalab "
              "(humanrights-treaties-ratification-status); Our World in Data; V-Dem Institute; Freedom House")
    frame = pd.DataFrame({"country": COUNTRIES, "value": [1, 2, 3, 4, 5]})
    figure = charts.bar_chart(frame, x="country", y="value", title=title, unit="score", source=source,
                              years=[2019], is_demo=False)
    before = figure.to_dict()
    small = fitted(figure, 420)
    assert small.layout.title.text == figure.layout.title.text
    source_added = (note(small, charts.SOURCE_ANNOTATION).text.count("<br>")
                    - note(figure, charts.SOURCE_ANNOTATION).text.count("<br>"))
    source_lines = note(small, charts.SOURCE_ANNOTATION).text.split("<br>")
    assert source_added >= 1 and all(len(line) <= characters(420 - 28, charts.NOTE_SIZE)
                                     for line in source_lines)
    assert small.layout.margin.b - figure.layout.margin.b == round(source_added * charts.NOTE_SIZE * charts.LINE_HEIGHT)
    assert small.layout.height - figure.layout.height == small.layout.margin.b - figure.layout.margin.b
    assert figure.to_dict() == before      # the exports keep the figure as it was


def test_long_theme_names_beside_heatmap_rows_are_wrapped_to_a_third_of_the_width():
    grid = pd.DataFrame([{"theme": theme, "country": country, "n": index}
                         for index, (theme, country) in enumerate((t, c) for t in THEMES for c in COUNTRIES)])
    figure = fitted(charts.heatmap(grid, "theme", "country", "n", "By theme", "UPR Info", [2012, 2022], False))
    axis = figure.layout.yaxis
    assert list(axis.tickvals) == THEMES
    widest = max(len(line) for label in axis.ticktext for line in label.split("<br>"))
    assert widest * axis.tickfont.size * TEXT_EM <= SCREEN_WIDTH / 3 + 1
    assert [charts.plain_title(label) for label in axis.ticktext] == THEMES


def test_short_labels_and_titles_are_left_alone():
    frame = pd.DataFrame({"country": ["KAZ", "KGZ"], "value": [1, 2]})
    figure = charts.bar_chart(frame, x="country", y="value", title="Short", unit="%", source="OHCHR",
                              years=[2020], is_demo=False)
    assert fitted(figure).to_dict() == figure.to_dict()
