"""Chart of saved labels: recommendations per label, by country and UPR cycle (one series per label)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from i18n import t
from indicators.charts import FONT_SIZE, _category_ticks, _column_wrap, _layout, empty_figure, templated, text_height
from indicators.records import row_dicts

LABEL_COLOURS = ["#1f5fa8", "#d9822b", "#2a9d8f", "#b5446e", "#6c757d", "#8c6d1f", "#5a4fcf",
                 "#3d8b3d", "#c0392b", "#17607a"]


def label_frame(counts: dict[str, pd.DataFrame], country_names: dict[str, str],
                cycle_names: dict[str, str]) -> pd.DataFrame:
    """label, category ("country · cycle"), recommendations: one row per label and category present
    in any label's counts; a label without texts there gets 0 (the filters matched none: a count)."""
    rows = []
    for label, frame in counts.items():
        for record in row_dicts(frame):
            cycle = record["cycle_code"]
            category = (f"{country_names.get(record['country_iso3'], record['country_iso3'])} · "
                        f"{cycle_names.get(cycle, cycle) if isinstance(cycle, str) else '—'}")
            rows.append({"label": label, "country_iso3": record["country_iso3"],
                         "cycle_code": cycle if isinstance(cycle, str) else None, "category": category,
                         "recommendations": int(record["recommendations"])})
    frame = pd.DataFrame(rows, columns=["label", "country_iso3", "cycle_code", "category", "recommendations"])
    if frame.empty:
        return frame
    grid = pd.MultiIndex.from_product([list(counts), sorted(frame["category"].unique())],
                                      names=["label", "category"])
    totals = frame.groupby(["label", "category"])["recommendations"].sum().reindex(grid, fill_value=0)
    return totals.reset_index()


def label_chart(frame: pd.DataFrame, title: str, source: str, years, is_demo: bool,
                lang: str | None = None) -> go.Figure:
    """Grouped bars: categories (country · cycle) on x, one series per label."""
    if frame is None or frame.empty or frame["recommendations"].sum() == 0:
        return empty_figure(lang=lang)
    categories = sorted(frame["category"].unique())
    labels = list(dict.fromkeys(frame["label"]))
    bars = []
    for number, label in enumerate(labels):
        rows = frame[frame["label"] == label].set_index("category").reindex(categories)
        bars.append(dict(type="bar", x=categories, y=rows["recommendations"].fillna(0).tolist(), name=label,
                         marker_color=LABEL_COLOURS[number % len(LABEL_COLOURS)],
                         hovertemplate="%{x} · " + label.replace("%", "%%") + ": %{y:,}<extra></extra>"))
    tickvals, ticktext, lines = _category_ticks(categories, _column_wrap(len(categories)))
    tick_px = text_height("<br>" * (lines - 1), FONT_SIZE) + 14
    plot_height = 340
    layout = _layout(title, source, years, is_demo, lang, barmode="group", source_shift=tick_px + 60,
                     plot_height=plot_height,
                     xaxis=dict(title=dict(text=""), automargin=True, tickangle=0, tickmode="array",
                                tickvals=tickvals, ticktext=ticktext),
                     yaxis=dict(title=dict(text=t("Recommendations (number)", lang))),
                     legend=dict(orientation="h", yanchor="top", y=-(tick_px + 6) / plot_height, x=0,
                                 xanchor="left"))
    return templated(bars, layout)
