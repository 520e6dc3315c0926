"""The progress method: status of an indicator over a cycle (growth, absolute change or achieved)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from i18n import t

METHODS = ("growth", "absolute", "achieved")
GROWTH_ON_TRACK = 0.015        # direction-adjusted CAGR per year, open-sdg thresholds without a target
GROWTH_FAIR = 0.005
RATIO_ON_TRACK = 0.95          # observed / required CAGR, open-sdg thresholds with a target
RATIO_FAIR = 0.60
TOLERANCE = 1e-9               # float slack so that a rate exactly on a threshold counts as reaching it
NOTE_SEPARATOR = "; "
OUTPUT_COLUMNS = ["indicator_code", "country_iso3", "cycle_code", "baseline_year", "baseline_value",
                  "latest_year", "latest_value", "change", "annual_rate", "status", "n_points", "note"]

STATUS_COLOURS = {  # Okabe-Ito colours; the status is always written in words as well
    "target_achieved": "#0072B2",
    "achieved": "#0072B2",
    "on_track": "#009E73",
    "improvement": "#009E73",
    "fair_progress": "#F0E442",
    "limited_progress": "#E69F00",
    "no_significant_change": "#56B4E9",
    "deterioration": "#D55E00",
    "not_achieved": "#CC79A7",
    "unable_to_assess": "#DDDDDD",
}


def status_labels(lang: str | None = None) -> dict[str, str]:
    """Status code -> status words in `lang`, in display order (best first)."""
    return {
        "target_achieved": t("Target achieved", lang),
        "achieved": t("Achieved", lang),
        "on_track": t("On track", lang),
        "improvement": t("Improvement", lang),
        "fair_progress": t("Progress made, acceleration needed", lang),
        "limited_progress": t("Limited progress", lang),
        "no_significant_change": t("No significant change", lang),
        "deterioration": t("Deterioration", lang),
        "not_achieved": t("Not achieved", lang),
        "unable_to_assess": t("Unable to assess", lang),
    }


def method_explanation(lang: str | None = None) -> str:
    """The progress method in one paragraph, in `lang`."""
    return t(
        "Progress is measured from a baseline (the last value at or before the start of the cycle, "
        "otherwise the first value inside it) to the latest value inside the cycle. For most "
        "indicators we use the open-sdg progress measure: the compound annual growth rate (CAGR), "
        "with its sign reversed when lower values are better. Without a target, a rate of at least "
        "1.5 % a year is 'on track', 0.5-1.5 % 'progress made, acceleration needed', 0-0.5 % "
        "'limited progress' and below 0 'deterioration'; with a target, the rate is compared with "
        "the rate needed to reach the target on time (95 % of it or more: on track; 60-95 %: "
        "acceleration needed; 0-60 %: limited progress). Growth rates mislead for bounded 0-1 "
        "indices and for scores at or below zero, so for those we compare the average yearly change "
        "with a yearly change that counts as real for that indicator (V-Dem Democratic Spaces "
        "cut-points): at least the threshold is an improvement, at most minus the threshold a "
        "deterioration, anything between no significant change. Structural indicators (treaty "
        "ratified, institution in place) are achieved or not achieved. With fewer than two values no "
        "assessment is made. Two values, or years without data, make a result fragile: such limits "
        "are noted next to each result, and a status describes a trend, not its cause.",
        lang,
    )


def note_phrases(lang: str | None = None) -> dict[str, str]:
    """Limit code -> the note phrase in `lang`."""
    return {
        "no_data": t("No data within the cycle", lang),
        "too_few": t("Fewer than two data points", lang),
        "short": t("Short series: two data points only", lang),
        "gaps": t("Data gaps: some years have no value", lang),
        "cagr_invalid": t("Growth rate undefined for values at or below zero", lang),
        "fallback": t("Assessed by absolute change instead", lang),
        "no_direction": t("Desired direction not defined", lang),
        "no_threshold": t("No change threshold defined", lang),
        "target_unusable": t("Target not usable: fixed growth thresholds applied", lang),
    }


STATUSES: dict[str, tuple[str, str]] = {
    code: (label, STATUS_COLOURS[code]) for code, label in status_labels("en").items()
}
METHOD_EXPLANATION = method_explanation("en")
NOTES = note_phrases("en")


def note_text(note: str | None, lang: str | None = None) -> str:
    """A note of an assessment (English phrases joined by '; ') in `lang`."""
    if not isinstance(note, str) or not note:
        return ""
    translated = dict(zip(NOTES.values(), note_phrases(lang).values()))
    return NOTE_SEPARATOR.join(translated.get(part, part) for part in note.split(NOTE_SEPARATOR))


@dataclass(frozen=True)
class Assessment:
    """The result of the progress method for one series."""

    status: str
    baseline_year: int | None = None
    baseline_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    change: float | None = None         # latest - baseline, in the indicator's unit
    annual_rate: float | None = None    # growth: direction-adjusted CAGR (0.1 = 10 %/yr);
    #                                     absolute: direction-adjusted average yearly change (unit/yr)
    n_points: int = 0
    note: str = ""


def _clean_points(points) -> list[tuple[int, float]]:
    by_year = {}
    for year, value in points:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        by_year[int(year)] = float(value)
    return sorted(by_year.items())


def _limit_notes(series: list[tuple[int, float]]) -> list[str]:
    notes = []
    if len(series) == 2:
        notes.append("short")
    years = {year for year, _ in series}
    if len(years) < series[-1][0] - series[0][0] + 1:
        notes.append("gaps")
    return notes


def _joined(codes: list[str]) -> str:
    return NOTE_SEPARATOR.join(NOTES[code] for code in codes)


def cagr(baseline_value: float, latest_value: float, years: int) -> float:
    """Compound annual growth rate between two positive values `years` apart."""
    return (latest_value / baseline_value) ** (1 / years) - 1


def growth_status(rate: float) -> str:
    """open-sdg status of a direction-adjusted CAGR without a target."""
    if rate >= GROWTH_ON_TRACK - TOLERANCE:
        return "on_track"
    if rate >= GROWTH_FAIR - TOLERANCE:
        return "fair_progress"
    if rate >= -TOLERANCE:
        return "limited_progress"
    return "deterioration"


def target_status(rate: float, baseline: tuple[int, float], latest_value: float, direction: int,
                  target: float, target_year: int) -> str | None:
    """open-sdg status against a target, or None when the target cannot be used."""
    if direction * (latest_value - target) >= 0:
        return "target_achieved"
    base_year, base_value = baseline
    if target_year <= base_year or target <= 0:
        return None
    required = direction * cagr(base_value, target, target_year - base_year)
    if required <= 0:  # the baseline had met the target, the latest value has not
        return "deterioration"
    ratio = rate / required
    if ratio >= RATIO_ON_TRACK - TOLERANCE:
        return "on_track"
    if ratio >= RATIO_FAIR - TOLERANCE:
        return "fair_progress"
    if ratio >= -TOLERANCE:
        return "limited_progress"
    return "deterioration"


def absolute_status(yearly_change: float, threshold: float) -> str:
    """Status of a direction-adjusted average yearly change against a yearly threshold."""
    if yearly_change >= threshold - TOLERANCE:
        return "improvement"
    if yearly_change <= -threshold + TOLERANCE:
        return "deterioration"
    return "no_significant_change"


def assess(points: list[tuple[int, float]], method: str, higher_is_better: bool | None,
           change_threshold: float | None = None, target: float | None = None,
           target_year: int | None = None) -> Assessment:
    """Assess a series of (year, value): baseline = earliest point, latest = last point."""
    if method not in METHODS:
        raise ValueError(f"unknown progress method {method!r}; expected one of {', '.join(METHODS)}")
    series = _clean_points(points)
    if not series:
        return Assessment("unable_to_assess", note=_joined(["no_data"]))
    (base_year, base_value), (last_year, last_value) = series[0], series[-1]
    facts = dict(baseline_year=base_year, baseline_value=base_value, latest_year=last_year,
                 latest_value=last_value, change=last_value - base_value, n_points=len(series))
    if method == "achieved":
        return Assessment("achieved" if last_value else "not_achieved", **facts)
    if last_year == base_year:
        return Assessment("unable_to_assess", **facts, note=_joined(["too_few"]))
    notes = _limit_notes(series)
    if higher_is_better is None:
        return Assessment("unable_to_assess", **facts, note=_joined(notes + ["no_direction"]))
    direction = 1 if higher_is_better else -1
    years = last_year - base_year
    if method == "growth" and min(value for _, value in series) <= 0:
        if change_threshold is None:
            return Assessment("unable_to_assess", **facts, note=_joined(notes + ["cagr_invalid"]))
        notes += ["cagr_invalid", "fallback"]
        method = "absolute"
    if method == "absolute":
        if change_threshold is None or change_threshold <= 0:
            return Assessment("unable_to_assess", **facts, note=_joined(notes + ["no_threshold"]))
        yearly = direction * (last_value - base_value) / years
        return Assessment(absolute_status(yearly, change_threshold), **facts, annual_rate=yearly,
                          note=_joined(notes))
    rate = direction * cagr(base_value, last_value, years)
    status = None
    if target is not None and target_year is not None:
        status = target_status(rate, series[0], last_value, direction, target, int(target_year))
        if status is None:
            notes.append("target_unusable")
    return Assessment(status or growth_status(rate), **facts, annual_rate=rate, note=_joined(notes))


def cycle_points(points: list[tuple[int, float]], start_year: int, end_year: int) -> list[tuple[int, float]]:
    """Baseline (last point at or before start_year, else first inside) and the points inside the cycle."""
    before = [point for point in points if point[0] <= start_year]
    inside = [point for point in points if start_year < point[0] <= end_year]
    return before[-1:] + inside


def _window(points, start_year: int, end_year: int, method: str) -> list[tuple[int, float]]:
    """The points to assess; empty when a trend has no value inside the cycle (start year included)."""
    window = cycle_points(points, start_year, end_year)
    if method != "achieved" and window and window[-1][0] < start_year:
        return []
    return window


def _optional(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def _rule(indicator) -> dict:
    higher = _optional(indicator.get("higher_is_better"))
    threshold = _optional(indicator.get("change_threshold"))
    target = _optional(indicator.get("target"))
    target_year = _optional(indicator.get("target_year"))
    return {
        "method": indicator["progress_method"],
        "higher_is_better": None if higher is None else bool(higher),
        "change_threshold": None if threshold is None else float(threshold),
        "target": None if target is None else float(target),
        "target_year": None if target_year is None else int(target_year),
    }


def _cycle_years(cycles: pd.DataFrame) -> list[tuple[str, int, int]]:
    starts = pd.to_datetime(cycles["start_date"]).dt.year
    ends = pd.to_datetime(cycles["end_date"]).dt.year
    return list(zip(cycles["code"], starts.astype(int), ends.astype(int)))


def assess_frame(observations: pd.DataFrame, indicators: pd.DataFrame, cycles: pd.DataFrame) -> pd.DataFrame:
    """One assessment per indicator, country and cycle (columns OUTPUT_COLUMNS).

    observations: indicator_code, country_iso3, year, value (totals; an is_total column is honoured,
    several values of one year are averaged). indicators: code, progress_method, higher_is_better,
    change_threshold (optional target, target_year). cycles: code, start_date, end_date.
    For 'achieved' the latest value is the last at or before the cycle end (a commitment stays in place).
    """
    if "is_total" in observations.columns:
        observations = observations[observations["is_total"].fillna(False).astype(bool)]
    yearly = (observations.dropna(subset=["value"])
              .groupby(["indicator_code", "country_iso3", "year"], as_index=False)["value"].mean())
    rules = {row["code"]: _rule(row) for row in indicators.to_dict("records")}
    cycle_years = _cycle_years(cycles)
    rows = []
    for (code, iso3), series in yearly.groupby(["indicator_code", "country_iso3"], sort=True):
        if code not in rules:
            continue
        rule = rules[code]
        points = list(zip(series["year"].astype(int), series["value"].astype(float)))
        for cycle_code, start_year, end_year in cycle_years:
            window = _window(points, start_year, end_year, rule["method"])
            result = assess(window, **rule)
            rows.append({"indicator_code": code, "country_iso3": iso3, "cycle_code": cycle_code,
                         **{column: getattr(result, column) for column in OUTPUT_COLUMNS[3:]}})
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    for column in ("baseline_year", "latest_year", "n_points"):
        frame[column] = frame[column].astype("Int64")
    return frame
