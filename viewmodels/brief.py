"""Pure reshaping of the brief_*.sql results into the tables of the PDF country brief (exports.brief)."""
from __future__ import annotations

import pandas as pd

from i18n import localized, t
from indicators.charts import event_kind_label
from indicators.direction import direction_labels
from indicators.names import cycle_frame_names, frame_names
from indicators.progress import (assess_frame, method_labels, method_paragraphs, rule_of, series_direction,
                                 status_labels)

RECENT_YEARS = 5   # the headline direction looks at the last five years of data
HEADLINE_COLUMNS = ["indicator", "latest_year", "latest_value", "unit", "direction_word"]
RECOMMENDATION_COLUMNS = ["theme", "supported", "noted", "total"]
PROGRESS_COLUMNS = ["indicator", "cycle", "baseline", "latest", "status_word"]
EVENT_COLUMNS = ["date", "kind", "title"]
SOURCE_COLUMNS = ["publisher", "licence", "file"]


def direction_words(lang: str | None = None) -> dict[str, str]:
    """Direction code (indicators.direction) -> words in `lang`."""
    return direction_labels(lang)


RULE_COLUMNS = ["progress_method", "higher_is_better", "change_threshold", "change_threshold_down",
                "scale_min", "scale_max"]


def _indicators(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with the progress rule columns assess_frame reads."""
    columns = ["indicator_code", "name_en", "name_ru", "unit_en", "unit_ru",
               *[column for column in RULE_COLUMNS if column in observations.columns]]
    return (observations[columns].drop_duplicates("indicator_code")
            .rename(columns={"indicator_code": "code"}).reset_index(drop=True))


def headline_frame(observations: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Latest value, year and direction over the last RECENT_YEARS years of each headline indicator.

    observations: brief_headline_observations.sql (one row per indicator and year).
    """
    words = direction_words(lang)
    rows = []
    for indicator in _indicators(observations).to_dict("records"):
        series = observations[observations["indicator_code"] == indicator["code"]].sort_values("year")
        series = series[series["value"].notna()]
        if series.empty:
            continue
        latest_year = int(series["year"].iloc[-1])
        recent = series[series["year"] >= latest_year - RECENT_YEARS]
        direction = series_direction(list(zip(recent["year"], recent["value"])), rule_of(indicator))
        rows.append({"indicator": localized(indicator, "name", lang), "latest_year": latest_year,
                     "latest_value": float(series["value"].iloc[-1]), "unit": localized(indicator, "unit", lang),
                     "direction_word": words[direction]})
    return pd.DataFrame(rows, columns=HEADLINE_COLUMNS)


def recommendations_frame(counts: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Theme name, supported, noted, total (brief_recommendations.sql, in theme order, the all-themes row last)."""
    return pd.DataFrame({
        "theme": [localized(row, "name", lang) if isinstance(row["theme_code"], str)
                  else t("All recommendations", lang=lang) for row in counts.to_dict("records")],
        "supported": counts["supported"].astype(int).tolist(),
        "noted": counts["noted"].astype(int).tolist(),
        "total": counts["total"].astype(int).tolist(),
    }, columns=RECOMMENDATION_COLUMNS)


def progress_frame(observations: pd.DataFrame, cycles: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Status of each headline indicator in each UPR cycle with data (indicators.progress.assess_frame)."""
    if observations.empty or cycles.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    indicators = _indicators(observations)
    assessed = assess_frame(observations[["indicator_code", "country_iso3", "year", "value"]], indicators, cycles)
    assessed = assessed[assessed["n_points"].fillna(0) > 0]
    names = frame_names(indicators, "code", lang)
    cycle_names = cycle_frame_names(cycles, lang)
    cycle_order = {code: position for position, code in enumerate(cycles["code"])}
    labels = status_labels(lang)
    assessed = assessed.assign(_order=assessed["cycle_code"].map(cycle_order)).sort_values(
        ["indicator_code", "_order"], kind="stable")
    return pd.DataFrame({
        "indicator": assessed["indicator_code"].map(names).tolist(),
        "cycle": assessed["cycle_code"].map(cycle_names).tolist(),
        "baseline": assessed["baseline_value"].tolist(),
        "latest": assessed["latest_value"].tolist(),
        "status_word": assessed["status"].map(labels).tolist(),
    }, columns=PROGRESS_COLUMNS)


def method_notes(observations: pd.DataFrame, lang: str | None = None) -> list[str]:
    """'Method. paragraph' for each progress method the brief's indicators use (catalogue method order)."""
    used = set(observations["progress_method"]) if "progress_method" in observations.columns else set()
    labels = method_labels(lang)
    return [f"{labels[code]}. {text}" for code, text in method_paragraphs(lang).items() if code in used]


def events_frame(events: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """Date, kind in words, title (brief_events.sql)."""
    return pd.DataFrame({
        "date": pd.to_datetime(events["date"]).dt.date.tolist(),
        "kind": [event_kind_label(kind, lang) for kind in events["kind"]],
        "title": events["title"].astype(str).tolist(),
    }, columns=EVENT_COLUMNS)


def sources_frame(sources: pd.DataFrame) -> pd.DataFrame:
    """Publisher, licence, file (brief_sources.sql)."""
    return sources[SOURCE_COLUMNS].reset_index(drop=True)


def licence_lines(sources: pd.DataFrame) -> list[str]:
    """'publisher — licence' once per distinct pair (brief_sources.sql), for export metadata sheets."""
    pairs = dict.fromkeys(zip(sources["publisher"].fillna(""), sources["licence"].fillna("")))
    return [" — ".join(part for part in pair if part) for pair in pairs if any(pair)]
