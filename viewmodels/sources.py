"""Pure helpers of the Data and sources page: display tables, the coverage grid and its heatmap."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from i18n import format_date, format_number, format_year_range, localized, t
from indicators.progress import method_labels
from indicators.charts import heatmap
from indicators.records import row_dicts

MAX_INDICATORS = 6
DEFAULT_INDICATORS = 3
ROW_HEIGHT = 34
ROW_WRAP = 34             # characters of a row label line ("country · indicator" on two lines)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _span(first, last) -> str:
    if _blank(first) or _blank(last):
        return "–"
    return format_year_range(first, last)


def sources_table(sources: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """One row per loaded file: what it is, who published it, licence, web address, access date and
    citation (sources.yml), rows, years, when, demo."""
    yes, no = t("Yes", lang), t("No", lang)
    records = row_dicts(sources)
    text = lambda value: "" if _blank(value) else str(value)  # noqa: E731
    return pd.DataFrame({
        t("File", lang): [text(r["file"]) for r in records],
        t("Format", lang): [text(r["format"]) for r in records],
        t("Title", lang): [text(r["title"]) for r in records],
        t("Publisher", lang): [text(r["publisher"]) for r in records],
        t("Licence", lang): [text(r["licence"]) for r in records],
        t("Web address", lang): [text(r.get("url")) for r in records],
        t("Accessed", lang): ["" if _blank(r.get("accessed")) else format_date(r["accessed"], lang=lang)
                              for r in records],
        t("Citation", lang): [text(r.get("citation")) for r in records],
        t("Rows read", lang): pd.array([int(r["rows_read"]) for r in records], dtype="Int64"),
        t("Rows loaded", lang): pd.array([int(r["rows_loaded"]) for r in records], dtype="Int64"),
        t("Rows rejected", lang): pd.array([int(r["rows_rejected"]) for r in records], dtype="Int64"),
        t("Years covered", lang): [_span(r["first_year"], r["last_year"]) for r in records],
        t("Loaded at", lang): [("" if _blank(r["loaded_at"]) else
                                f"{format_date(r['loaded_at'], lang=lang)} {pd.Timestamp(r['loaded_at']):%H:%M}")
                               for r in records],
        t("Demonstration data", lang): [yes if bool(r["is_demo"]) else no for r in records],
        t("sha256 (first 12)", lang): [text(r.get("sha256"))[:12] for r in records],
    })


def type_words(lang: str | None = None) -> dict[str, str]:
    return {"structural": t("Structural", lang), "process": t("Process", lang),
            "outcome": t("Outcome", lang)}


def method_words(lang: str | None = None) -> dict[str, str]:
    """Progress method code -> its name (the names the Progress page uses)."""
    return method_labels(lang)


def _number(value, lang: str | None = None) -> str:
    value = float(value)
    return format_number(int(value) if value.is_integer() else value, lang)


def scale_text(low, high, lang: str | None = None) -> str:
    """'0–1', '≥ 0', '≤ 7' or 'open'."""
    if _blank(low) and _blank(high):
        return t("open", lang)
    if _blank(high):
        return f"≥ {_number(low, lang)}"
    if _blank(low):
        return f"≤ {_number(high, lang)}"
    return f"{_number(low, lang)}–{_number(high, lang)}"


def direction_text(higher_is_better, lang: str | None = None, method: str | None = None) -> str:
    if method == "trend":
        return t("Ambiguous: trend described, not judged", lang)
    if _blank(higher_is_better):
        return "–"
    return t("Higher is better", lang) if bool(higher_is_better) else t("Lower is better", lang)


def of_theme(indicators: pd.DataFrame, theme: str | None) -> pd.DataFrame:
    """The catalogue's rows of one theme (all of them when no theme is chosen), in their order."""
    if theme is None:
        return indicators
    return indicators[indicators["theme_code"] == theme].reset_index(drop=True)


def catalogue_table(indicators: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The indicator catalogue as users read it (names and units in `lang`)."""
    types, methods = type_words(lang), method_words(lang)
    records = row_dicts(indicators)
    text = lambda value: "" if _blank(value) else str(value)  # noqa: E731
    composite = t("composite index (outcome-level proxy)", lang)
    return pd.DataFrame({
        t("Indicator", lang): [localized(r, "name", lang) for r in records],
        t("Code", lang): [r["code"] for r in records],
        t("Theme", lang): [localized(r, "theme_name", lang) or t("Uncatalogued", lang) for r in records],
        t("Type", lang): [types.get(r["type"], r["type"]) + (f" – {composite}" if r["is_composite"] else "")
                          for r in records],
        t("Unit", lang): [(r["unit_ru"] if lang == "ru" and not _blank(r["unit_ru"]) else text(r["unit"]))
                          for r in records],
        t("Scale", lang): [scale_text(r["scale_min"], r["scale_max"], lang) for r in records],
        t("Direction", lang): [direction_text(r["higher_is_better"], lang, r["progress_method"]) for r in records],
        t("Progress method", lang): [methods.get(r["progress_method"], r["progress_method"]) for r in records],
        t("Publisher", lang): [text(r["publisher"]) for r in records],
        t("Licence", lang): [text(r["licence"]) for r in records],
        t("Years with data", lang): [_span(r["first_year"], r["last_year"]) for r in records],
        t("Definition", lang): [text(r["definition"]) for r in records],
    })


def default_indicators(indicators: pd.DataFrame, count: int = DEFAULT_INDICATORS) -> list[str]:
    """Headline indicators with data first, then the others with data (catalogue order)."""
    with_data = indicators[indicators["observations"] > 0]
    ordered = pd.concat([with_data[with_data["is_headline"]], with_data[~with_data["is_headline"]]])
    return ordered["code"].head(count).tolist()


def coverage_grid(present: pd.DataFrame, indicators: list[str], countries: list[str], year_from: int,
                  year_to: int, indicator_names: dict[str, str],
                  country_names: dict[str, str]) -> pd.DataFrame:
    """Every indicator x country x year in the range with present = 1 (a value) or 0 (missing).

    present: rows of sources_coverage (indicator_code, country_iso3, year).
    """
    found = set(zip(present["indicator_code"], present["country_iso3"], present["year"].astype(int)))
    several = len(indicators) > 1
    rows = []
    for code in indicators:
        for iso3 in countries:
            country = country_names.get(iso3, iso3)
            label = f"{country} · {indicator_names.get(code, code)}" if several else country
            for year in range(int(year_from), int(year_to) + 1):
                rows.append((label, code, indicator_names.get(code, code), iso3, country, year,
                             int((code, iso3, year) in found)))
    return pd.DataFrame(rows, columns=["row", "indicator_code", "indicator_name", "country_iso3",
                                       "country_name", "year", "present"])


def missing_table(grid: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """The missing country-years: Country, Indicator, Year."""
    missing = grid[grid["present"] == 0]
    return pd.DataFrame({t("Country", lang): missing["country_name"].tolist(),
                         t("Indicator", lang): missing["indicator_name"].tolist(),
                         t("Year", lang): missing["year"].astype("int64").tolist()})


def coverage_figure(grid: pd.DataFrame, title: str, source: str, is_demo: bool,
                    lang: str | None = None) -> go.Figure:
    """Rows (country, or country · indicator) x years: 1 = a value, 0 = missing."""
    fig = heatmap(grid, rows="row", columns="year", values="present", title=title, source=source,
                  years=grid["year"] if not grid.empty else None, is_demo=is_demo,
                  value_label=t("1 = value, 0 = missing", lang), row_title="",
                  column_title=t("Year", lang), lang=lang, row_wrap=ROW_WRAP)
    if not grid.empty:
        fig.update_layout(height=max(360, ROW_HEIGHT * grid["row"].nunique() + 280, fig.layout.height or 0))
        _categorical_legend(fig, lang)
    return fig


GAP_COLOURS = {1: "#2B6CB0", 0: "#E2E8F0"}   # a value / missing


def _categorical_legend(fig: go.Figure, lang) -> None:
    """Two colours and a two-entry legend (a value, missing) instead of a continuous colour bar."""
    fig.update_traces(selector=dict(type="heatmap"), showscale=False, zmin=0, zmax=1,
                      colorscale=[[0, GAP_COLOURS[0]], [0.5, GAP_COLOURS[0]], [0.5, GAP_COLOURS[1]],
                                  [1, GAP_COLOURS[1]]])
    for present, label in ((1, t("Value", lang)), (0, t("Missing", lang))):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, hoverinfo="skip",
                                 marker=dict(symbol="square", size=14, color=GAP_COLOURS[present],
                                             line=dict(color="#718096", width=1))))
    fig.update_layout(showlegend=True, legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
