"""Pure reshaping of the brief_*.sql results into the tables of the PDF country brief (exports.brief)."""
from __future__ import annotations

import pandas as pd

from i18n import localized, t
from indicators.charts import event_kind_label
from indicators.progress import assess, assess_frame, status_labels

RECENT_YEARS = 5   # the headline direction looks at the last five years of data
DIRECTION_OF_STATUS = {
    "target_achieved": "improving", "on_track": "improving", "fair_progress": "improving",
    "improvement": "improving", "limited_progress": "stable", "no_significant_change": "stable",
    "deterioration": "worsening", "achieved": "achieved", "not_achieved": "not_achieved",
    "unable_to_assess": "unknown",
}
HEADLINE_COLUMNS = ["indicator", "latest_year", "latest_value", "unit", "direction_word"]
RECOMMENDATION_COLUMNS = ["theme", "supported", "noted", "total"]
PROGRESS_COLUMNS = ["indicator", "cycle", "baseline", "latest", "status_word"]
EVENT_COLUMNS = ["date", "kind", "title"]
SOURCE_COLUMNS = ["publisher", "licence", "file"]


def direction_words(lang: str | None = None) -> dict[str, str]:
    """Direction code -> words in `lang`."""
    return {
        "improving": t("Improving", lang=lang),
        "stable": t("Little or no change", lang=lang),
        "worsening": t("Worsening", lang=lang),
        "achieved": t("Achieved", lang=lang),
        "not_achieved": t("Not achieved", lang=lang),
        "unknown": t("Unable to assess", lang=lang),
    }


def _optional(value):
    return None if value is None or pd.isna(value) else value


def _indicators(observations: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with the progress rule columns assess_frame reads."""
    columns = ["indicator_code", "name_en", "name_ru", "unit_en", "unit_ru", "progress_method",
               "higher_is_better", "change_threshold"]
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
        higher = _optional(indicator["higher_is_better"])
        threshold = _optional(indicator["change_threshold"])
        result = assess(list(zip(recent["year"], recent["value"])), indicator["progress_method"],
                        None if higher is None else bool(higher),
                        None if threshold is None else float(threshold))
        rows.append({"indicator": localized(indicator, "name", lang), "latest_year": latest_year,
                     "latest_value": float(series["value"].iloc[-1]), "unit": localized(indicator, "unit", lang),
                     "direction_word": words[DIRECTION_OF_STATUS.get(result.status, "unknown")]})
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
    names = {row["code"]: localized(row, "name", lang) for row in indicators.to_dict("records")}
    cycle_names = {row["code"]: (row["name_ru"] if lang == "ru" and row["name_ru"] else row["name"])
                   for row in cycles.to_dict("records")}
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
