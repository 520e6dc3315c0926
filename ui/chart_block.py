"""Render a chart or a table with its downloads; the one place pages hand figures to Streamlit."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from exports.tables import csv_bytes, excel_bytes
from i18n import t
from ui.context import PageContext

# plotly.js reads the base map from the app's own static folder (no internet needed).
PLOTLY_CONFIG = {
    "displaylogo": False,
    "topojsonURL": "app/static/topojson/",
    "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 1},
}


def filter_summary(ctx: PageContext) -> str:
    """The active filters in one line (for export subtitles and metadata sheets)."""
    f = ctx.filters
    parts = [", ".join(f.countries)]
    if f.theme:
        parts.append(f.theme)
    if f.cycle:
        parts.append(f.cycle)
    if f.mechanism:
        parts.append(f.mechanism)
    parts.append(f"{f.year_from}–{f.year_to}")
    return " · ".join(parts)


def show_chart(ctx: PageContext, fig: go.Figure, *, chart_id: str, data: pd.DataFrame,
               title: str, source: str, years: str) -> None:
    """The chart, then a row of downloads of exactly the data drawn."""
    st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=f"chart-{chart_id}")
    st.download_button(t("Download CSV", lang=ctx.lang), csv_bytes(data, ctx.is_demo, lang=ctx.lang),
                       file_name=f"{chart_id}.csv", mime="text/csv", key=f"csv-{chart_id}")


def show_table(ctx: PageContext, frame: pd.DataFrame, *, table_id: str, title: str,
               source: str = "", height: int | None = None) -> None:
    """A table with CSV and Excel downloads of exactly these rows."""
    st.dataframe(frame, width="stretch", hide_index=True, height=height or "auto",
                 key=f"table-{table_id}")
    metadata = {t("Title", lang=ctx.lang): title, t("Filters", lang=ctx.lang): filter_summary(ctx),
                t("Source", lang=ctx.lang): source}
    left, right = st.columns(2)
    left.download_button(t("Download CSV", lang=ctx.lang), csv_bytes(frame, ctx.is_demo, lang=ctx.lang),
                         file_name=f"{table_id}.csv", mime="text/csv", key=f"csv-{table_id}")
    right.download_button(t("Download Excel", lang=ctx.lang),
                          excel_bytes(frame, metadata, ctx.is_demo, lang=ctx.lang),
                          file_name=f"{table_id}.xlsx", key=f"xlsx-{table_id}",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
