"""Small charts for the Overview cards: recommendations received per cycle as a row of labelled bars."""
from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from i18n import format_number, format_percent
from indicators.charts import templated

BAR_COLOUR, LATEST_COLOUR = "#A9C4E4", "#1F5FA8"
SPARK_HEIGHT = 130


def short_cycle(name: str) -> str:
    """'UPR cycle 2 (2012-2016)' -> '2012-2016', 'OHCHR Management Plan 2018-2021 (extended to 2023)' ->
    '2018-2021': the first span of years says the period in little room (else the text in brackets, else the name)."""
    span = re.search(r"\d{4}\s*[-–]\s*\d{4}", str(name))
    if span:
        return span.group(0)
    inside = str(name).rsplit("(", 1)
    return inside[1].rstrip(")") if len(inside) == 2 and inside[1].rstrip(")").strip() else str(name)


def two_lines(period: str) -> str:
    """'2022-2027' -> '2022-<br>2027' (a span of years over two lines); anything else unchanged."""
    return re.sub(r"^(\d{4}\s*[-–])\s*(\d{4})$", r"\1<br>\2", period)


def cycle_sparkline(received: pd.DataFrame, lang: str | None = None) -> go.Figure:
    """One bar per cycle (oldest left), its count written above it, the latest cycle darker; hover gives
    the cycle's full name and share supported. received: one country's rows of
    viewmodels.overview.cycle_counts_by_country."""
    counts = [int(value) for value in received["recommendations"]]
    names = [str(name) for name in received["cycle_name"]]
    hover = [f"{name}: {format_number(count, lang)}" + (
        f" · {format_percent(share, lang)}" if share is not None and not pd.isna(share) else "")
        for name, count, share in zip(names, counts, received["share_supported"])]
    colours = [BAR_COLOUR] * (len(counts) - 1) + [LATEST_COLOUR]
    bars = dict(type="bar", x=[short_cycle(name) for name in names], y=counts, marker_color=colours,
                text=[format_number(count, lang) for count in counts], textposition="outside", cliponaxis=False,
                hovertext=hover, hoverinfo="text", textfont=dict(size=11))
    periods = [short_cycle(name) for name in names]
    # the layout given whole to the constructor: update_layout afterwards cost most of the sparkline's time
    return templated([bars], layout=dict(
        height=SPARK_HEIGHT, margin=dict(l=0, r=0, t=18, b=0), showlegend=False, title=dict(text=""),
        plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)", bargap=0.25,
        # '2022-<br>2027': two short lines fit under a bar of a narrow card, never cut at its edge
        xaxis=dict(type="category", tickfont=dict(size=10), showgrid=False, fixedrange=True, automargin=True,
                   tickmode="array", tickvals=periods, ticktext=[two_lines(period) for period in periods]),
        yaxis=dict(visible=False, fixedrange=True, range=[0, max(counts or [1]) * 1.3])))
