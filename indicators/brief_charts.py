"""Charts of the PDF brief: headline indicators as small multiples with the cycle shaded (pure, plotly)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from i18n import localized, t
from indicators import charts
from indicators.palette import country_colour, country_dash
from indicators.records import row_dicts

COLUMNS = 3
PANEL_HEIGHT = 230        # px of one row of panels
CYCLE_FILL = "rgba(0, 114, 178, 0.08)"
PANEL_TITLE_WRAP = 34
LEGEND_SHIFT = 12       # px between the panel titles and the legend row above them     # characters of a panel title line at 1250 px over three columns


def _panel_title(name: str, unit: str) -> str:
    return charts.wrap_words(f"{name} ({unit})" if unit else name, PANEL_TITLE_WRAP)


def headline_multiples(series: pd.DataFrame, title: str, source: str, cycle_years: tuple[int, int],
                       cycle_label: str, is_demo: bool, countries_names: dict[str, str],
                       lang: str | None = None, max_panels: int = 6) -> go.Figure:
    """One small panel per headline indicator (a line per country, gaps left open, the cycle shaded).

    series: brief_headline_series.sql rows (indicator_code, name_en/ru, unit_en/ru, country_iso3, year, value).
    """
    if series is None or series.empty or series["value"].notna().sum() == 0:
        return charts.empty_figure(lang=lang)
    indicators = row_dicts(series.drop_duplicates("indicator_code").head(max_panels))
    rows = -(-len(indicators) // COLUMNS)
    panel_titles = [_panel_title(localized(row, "name", lang), localized(row, "unit", lang)) for row in indicators]
    figure = make_subplots(rows=rows, cols=COLUMNS, subplot_titles=panel_titles, horizontal_spacing=0.07,
                           vertical_spacing=min(0.3, 0.55 / rows))
    shown_legend: set[str] = set()
    for position, indicator in enumerate(indicators):
        row, column = divmod(position, COLUMNS)
        rows_of = series[series["indicator_code"] == indicator["indicator_code"]]
        for iso3 in charts.country_order(rows_of["country_iso3"]):
            values = rows_of[rows_of["country_iso3"] == iso3]
            years, points = charts.gapped_series(values["year"], values["value"])
            figure.add_trace(go.Scatter(
                x=years, y=points, mode="lines+markers" if len(years) < 3 else "lines", connectgaps=False,
                name=countries_names.get(iso3, iso3), legendgroup=iso3, showlegend=iso3 not in shown_legend,
                line=dict(color=country_colour(iso3), width=2.5, dash=country_dash(iso3)),
                marker=dict(size=6, color=country_colour(iso3))), row=row + 1, col=column + 1)
            shown_legend.add(iso3)
        figure.add_vrect(x0=cycle_years[0], x1=cycle_years[1], fillcolor=CYCLE_FILL, line_width=0,
                         row=row + 1, col=column + 1)
    figure.update_xaxes(tickformat="d", nticks=5)
    figure.update_yaxes(nticks=5)
    figure.update_annotations(font_size=13, align="left")
    plot_height = rows * PANEL_HEIGHT
    legend_shift = LEGEND_SHIFT + max(charts.line_count(text) for text in panel_titles) * 17
    above = 1 + legend_shift / plot_height   # legend and cycle note in one row above the panel titles
    shaded = dict(text=t("Shaded: {cycle}", lang=lang, cycle=cycle_label), xref="paper", yref="paper",
                  x=1, y=above, xanchor="right", yanchor="bottom", showarrow=False,
                  font=dict(size=charts.NOTE_SIZE, color="#333333"))
    layout = charts._layout(title, source, series["year"], is_demo, lang, plot_height=plot_height,
                            top_extra=legend_shift + 30, annotations=[*figure.layout.annotations, shaded],
                            legend=dict(orientation="h", x=0, xanchor="left", y=above, yanchor="bottom",
                                        font=dict(size=charts.NOTE_SIZE)),
                            showlegend=len(shown_legend) > 1)
    figure.update_layout(**{key: value for key, value in layout.items() if key != "annotations"})
    figure.layout.annotations = layout["annotations"]
    return figure
