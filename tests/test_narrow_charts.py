"""Page charts laid out for the narrowest chart (690 px, a 1,024 px window): the source line starts at the
figure's left edge whatever the row labels' margin, row labels are wrapped, column labels fit their
column, and a long run of years is labelled every few years (the browser check is test_legibility.py)."""
from __future__ import annotations

import pandas as pd

from indicators import charts
from indicators.charts import LABEL_EM, MARGINS, NARROW_CHART_WIDTH, SOURCE_ANNOTATION

COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
THEMES = ["Fair trial, independence of judges and lawyers", "Accountability, impunity and rule of law",
          "Non-discrimination and equality"]


def _theme_grid() -> pd.DataFrame:
    return pd.DataFrame([{"theme": theme, "country": country, "n": 3 + i + j}
                         for i, theme in enumerate(THEMES) for j, country in enumerate(COUNTRIES)])


def _source(figure):
    return next(note for note in figure.layout.annotations if note.name == SOURCE_ANNOTATION)


def test_long_row_labels_widen_the_margin_and_the_source_line_still_starts_at_the_left_edge():
    figure = charts.heatmap(_theme_grid(), rows="theme", columns="country", values="n", title="T",
                            source="A publisher", years=[2020], is_demo=False, row_title="Theme", lang="en")
    left = figure.layout.margin.l
    lines = [line for label in figure.layout.yaxis.ticktext for line in label.split("<br>")]
    assert max(map(len, lines)) <= charts.HEATMAP_ROW_WRAP
    assert "Fair trial, independence<br>of judges and lawyers" in figure.layout.yaxis.ticktext
    assert left > MARGINS["l"]
    assert left >= max(map(len, lines)) * charts.HEATMAP_TICK_SIZE * LABEL_EM
    assert _source(figure).xshift == -(left - 10)


def test_country_columns_fit_their_column_on_the_narrowest_chart():
    figure = charts.heatmap(_theme_grid(), rows="theme", columns="country", values="n", title="T",
                            source="S", years=[2020], is_demo=False, row_title="Theme", lang="en")
    size = figure.layout.xaxis.tickfont.size
    plot = NARROW_CHART_WIDTH - figure.layout.margin.l - MARGINS["r"] - charts.COLORBAR_PX
    assert size < charts.HEATMAP_TICK_SIZE                      # "Turkmenistan" would not fit at 14 px
    assert len("Turkmenistan") * size * LABEL_EM <= plot / len(COUNTRIES) - 6


def test_a_long_run_of_years_is_labelled_every_few_years_and_a_short_one_every_year():
    def years_figure(first, last):
        grid = pd.DataFrame([{"row": "Kazakhstan", "year": str(year), "present": 1} for year in range(first, last + 1)])
        return charts.heatmap(grid, rows="row", columns="year", values="present", title="T", source="S",
                              years=[first, last], is_demo=False, lang="en")
    long = years_figure(2008, 2024).layout.xaxis
    assert long.tickvals[0] == "2008" and 3 <= len(long.tickvals) < 17
    assert len({int(b) - int(a) for a, b in zip(long.tickvals, long.tickvals[1:])}) == 1   # evenly spaced
    assert list(years_figure(2019, 2023).layout.xaxis.tickvals) == ["2019", "2020", "2021", "2022", "2023"]


def test_a_source_line_fits_the_narrowest_chart():
    long_source = "Fariss, Kenwick & Reuning (2020), processed by Our World in Data; V-Dem Institute; " * 2
    figure = charts.heatmap(_theme_grid(), rows="theme", columns="country", values="n", title="T",
                            source=long_source, years=[2008, 2024], is_demo=False, lang="en")
    lines = _source(figure).text.split("<br>")
    assert len(lines) >= 3
    assert max(map(len, lines)) * charts.NOTE_SIZE * 0.55 <= NARROW_CHART_WIDTH - 20
