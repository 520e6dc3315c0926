"""The progress method: status of an indicator over a cycle, one rule per kind of scale."""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import pandas as pd

from i18n import t
from i18n.language import resolve_language
from etl.catalogue import METHODS
from indicators.direction import direction_of
from indicators.records import row_dicts

# Catalogue `progress` values (etl.catalogue.METHODS): growth (percentages, rates, counts: the open-sdg progress measure),
# absolute (bounded or latent indices: the publisher's cut-points), category (ordinal categories and
# ratings: any change of category), achieved (structural: what was newly achieved) and trend
# (ambiguous direction: a trend is described, never judged).
# open-sdg defaults, from open-sdg/sdg-build sdg/ProgressMeasure.py (update_progress_thresholds,
# commit 6d3d128, 2023-06-08): without a target high 0.015, med 0.005, low 0 (CAGR);
# with a target high 0.95, med 0.6, low 0 (observed / required CAGR).
GROWTH_ON_TRACK = 0.015
GROWTH_FAIR = 0.005
RATIO_ON_TRACK = 0.95
RATIO_FAIR = 0.60
TREND_THRESHOLD = 0.005        # |CAGR| below which an ambiguous series is described as steady
BASELINE_MAX_YEARS = 2         # a baseline at most this many years before the cycle starts
TOLERANCE = 1e-9               # float slack so that a rate exactly on a threshold counts as reaching it
NOTE_SEPARATOR = "; "
DETAIL_SEPARATOR = ": "
OUTPUT_COLUMNS = ["indicator_code", "country_iso3", "cycle_code", "method", "status", "direction",
                  "baseline_year", "baseline_value", "latest_year", "latest_value", "change",
                  "annual_rate", "n_points", "note"]

STATUS_COLOURS = {  # Okabe-Ito colours: blue/green better, vermillion worse, sky blue stable, greys unjudged
    "target_achieved": "#0072B2",
    "newly_achieved": "#0072B2",
    "on_track": "#009E73",
    "improvement": "#009E73",
    "fair_progress": "#F0E442",
    "limited_progress": "#56B4E9",
    "no_significant_change": "#56B4E9",
    "achieved": "#56B4E9",
    "no_new_commitment": "#56B4E9",
    "not_achieved": "#CC79A7",
    "deterioration": "#D55E00",
    "reversed": "#D55E00",
    "rising": "#BBBBBB",
    "falling": "#BBBBBB",
    "unable_to_assess": "#DDDDDD",
}


def status_labels(lang: str | None = None) -> dict[str, str]:
    """Status code -> status words in `lang`, in display order (best first)."""
    return {
        "target_achieved": t("Target achieved", lang),
        "newly_achieved": t("Newly achieved in the cycle", lang),
        "on_track": t("On track", lang),
        "improvement": t("Improvement", lang),
        "fair_progress": t("Progress made, acceleration needed", lang),
        "limited_progress": t("Limited progress", lang),
        "no_significant_change": t("No significant change", lang),
        "achieved": t("Achieved, unchanged in the cycle", lang),
        "no_new_commitment": t("No new commitment", lang),
        "not_achieved": t("Not achieved", lang),
        "deterioration": t("Deterioration", lang),
        "reversed": t("Reversed in the cycle", lang),
        "rising": t("Rising (direction not judged)", lang),
        "falling": t("Falling (direction not judged)", lang),
        "unable_to_assess": t("Unable to assess", lang),
    }


def method_labels(lang: str | None = None) -> dict[str, str]:
    """Method code -> its name in `lang`."""
    return {
        "growth": t("Growth rate (open-sdg)", lang),
        "absolute": t("Index change against the publisher's cut-points", lang),
        "category": t("Change of category", lang),
        "achieved": t("Structural: newly achieved", lang),
        "trend": t("Trend description", lang),
    }


def method_paragraphs(lang: str | None = None) -> dict[str, str]:
    """Method code -> the method in one short paragraph, in `lang`."""
    return {
        "growth": t(
            "Percentages, rates and counts: the open-sdg progress measure. The compound annual growth "
            "rate from the baseline to the latest value inside the cycle, sign reversed when lower is "
            "better, is compared with fixed thresholds: at least 1.5 % a year on track, 0.5-1.5 % "
            "progress made but acceleration needed, 0-0.5 % limited progress, below 0 deterioration "
            "(with a target: the rate needed to reach it, 95 % and 60 % of it). Near a natural limit "
            "(a share close to 100 %) the thresholds are scaled down so that closing half of the "
            "remaining gap within the period counts as on track.", lang),
        "absolute": t(
            "Bounded and latent indices (V-Dem, Freedom House scores, RSF, Fariss): judged the way "
            "their publishers judge them. A change counts only when it reaches the publisher's "
            "cut-point (for V-Dem the Democratic Space Barometer's up and down cut-points): each "
            "year-on-year change is checked (opening and closing episodes are listed in the note) "
            "and so is the change across the cycle, never divided by its length. A change inside "
            "the publisher's uncertainty interval is not a change.", lang),
        "category": t(
            "Categories and ratings (Freedom House status and ratings, RSF situation): any change "
            "of category between the baseline and the latest value is a change; categories that "
            "changed and changed back are listed in the note.", lang),
        "achieved": t(
            "Structural indicators (treaties ratified, laws, NHRI status): what was newly achieved "
            "inside the cycle (ratifications added, status gained) is told apart from what was "
            "already in place when the cycle started and from what was lost. Each value is the state "
            "at the end of its year: the baseline is the last year that ended before the cycle "
            "started, and a year counts in the cycle when it ends inside it.", lang),
        "trend": t(
            "Indicators whose direction is ambiguous (reported cases, detected victims, complaints "
            "received: more can mean better reporting as well as more harm) get a trend "
            "description, rising, falling or steady, and no good or bad status.", lang),
    }


def method_explanation(lang: str | None = None) -> str:
    """The progress method in short paragraphs (one per kind of scale), in `lang`."""
    common = t(
        "Baseline: the last value at most {years} years before the cycle starts, otherwise the first "
        "value inside the cycle (the note says which); latest: the last value inside the cycle. With "
        "fewer than two values no assessment is made. Short series and years without data are noted "
        "next to each result, and a status describes a trend, not its cause. Better, worse and "
        "little or no change mean the same on every page and in every export.", lang, years=BASELINE_MAX_YEARS)
    labels = method_labels(lang)
    paragraphs = [f"{labels[code]}. {text}" for code, text in method_paragraphs(lang).items()]
    return "\n\n".join([common, *paragraphs])


def note_phrases(lang: str | None = None) -> dict[str, str]:
    """Limit code -> the note phrase in `lang` (phrases with details are followed by ': <numbers>')."""
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
        "baseline_before": t("Baseline from before the cycle", lang),
        "baseline_inside": t("Baseline is the first value inside the cycle (none in the {years} years "
                             "before it)", lang, years=BASELINE_MAX_YEARS),
        "scaled": t("Thresholds scaled near the natural limit, factor", lang),
        "up_episodes": t("Year-on-year rises reaching the cut-point", lang),
        "down_episodes": t("Year-on-year falls reaching the cut-point", lang),
        "within_uncertainty": t("Change within the publisher's uncertainty interval", lang),
        "category_changes": t("Changes of category", lang),
        "first_achieved": t("Newly achieved in", lang),
        "no_earlier_value": t("No value before the cycle: not known when first achieved", lang),
    }


STATUSES: dict[str, tuple[str, str]] = {
    code: (label, STATUS_COLOURS[code]) for code, label in status_labels("en").items()
}
NOTES = note_phrases("en")


def note_text(note: str | None, lang: str | None = None) -> str:
    """A note of an assessment (English phrases joined by '; ', details after ': ') in `lang`."""
    if not isinstance(note, str) or not note:
        return ""
    return _note_in(note, resolve_language(lang))


@functools.lru_cache(maxsize=4096)
def _note_in(note: str, lang: str) -> str:
    """note_text's words, cached: a page shows a few distinct notes thousands of times."""
    translated = dict(zip(NOTES.values(), note_phrases(lang).values()))
    parts = []
    for part in note.split(NOTE_SEPARATOR):
        phrase, separator, detail = part.partition(DETAIL_SEPARATOR)
        if phrase in translated:
            parts.append(translated[phrase] + separator + detail)
        else:
            parts.append(translated.get(part, part))
    return NOTE_SEPARATOR.join(parts)


@dataclass(frozen=True)
class Assessment:
    """The result of the progress method for one series."""

    status: str
    method: str = ""
    baseline_year: int | None = None
    baseline_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    change: float | None = None         # latest - baseline, in the indicator's unit
    annual_rate: float | None = None    # growth/trend: CAGR (0.1 = 10 %/yr), direction-adjusted for growth
    n_points: int = 0
    note: str = ""

    @property
    def direction(self) -> str:
        return direction_of(self.status)


@dataclass(frozen=True)
class Point:
    """One yearly value, with the publisher's uncertainty interval when the file gives one."""

    year: int
    value: float
    lower: float | None = None
    upper: float | None = None


@dataclass
class _Notes:
    parts: list[str] = field(default_factory=list)

    def add(self, code: str, detail: str | None = None) -> None:
        self.parts.append(NOTES[code] if detail is None else f"{NOTES[code]}{DETAIL_SEPARATOR}{detail}")

    def text(self) -> str:
        return NOTE_SEPARATOR.join(self.parts)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean_points(points) -> list[Point]:
    by_year: dict[int, Point] = {}
    for item in points:
        point = item if isinstance(item, Point) else Point(int(item[0]), item[1], *item[2:4])
        if _missing(point.value):
            continue
        lower = None if _missing(point.lower) else float(point.lower)
        upper = None if _missing(point.upper) else float(point.upper)
        by_year[int(point.year)] = Point(int(point.year), float(point.value), lower, upper)
    return [by_year[year] for year in sorted(by_year)]


def _limit_notes(series: list[Point], notes: _Notes) -> None:
    if len(series) == 2:
        notes.add("short")
    if len(series) < series[-1].year - series[0].year + 1:
        notes.add("gaps")


def _signed(value: float) -> str:
    return f"{value:+.3g}"


def _number(value: float) -> str:
    return f"{value:g}"


def cagr(baseline_value: float, latest_value: float, years: int) -> float:
    """Compound annual growth rate between two positive values `years` apart (open-sdg growth_calculation)."""
    return (latest_value / baseline_value) ** (1 / years) - 1


def growth_status(rate: float, scale: float = 1.0) -> str:
    """open-sdg status of a direction-adjusted CAGR without a target (thresholds times `scale`)."""
    if rate >= GROWTH_ON_TRACK * scale - TOLERANCE:
        return "on_track"
    if rate >= GROWTH_FAIR * scale - TOLERANCE:
        return "fair_progress"
    if rate >= -TOLERANCE:
        return "limited_progress"
    return "deterioration"


def limit_scale(base_value: float, years: int, direction: int, scale_min: float | None,
                scale_max: float | None) -> float:
    """Factor (0-1] for the growth thresholds near a natural limit.

    The rate that closes half of the gap between the baseline and the limit in `years` years; when
    it is below the on-track threshold, the thresholds are multiplied by rate / threshold. (Not in
    open-sdg's code, which has no limits: added so that a share at 98 % is not asked to grow 1.5 %
    a year.)
    """
    limit = scale_max if direction > 0 else scale_min
    if limit is None or base_value <= 0 or direction * (limit - base_value) <= 0:
        return 1.0
    halfway = base_value + (limit - base_value) / 2
    if halfway <= 0:
        return 1.0
    reachable = direction * cagr(base_value, halfway, years)
    return max(min(1.0, reachable / GROWTH_ON_TRACK), 1e-6)


def target_status(rate: float, baseline: tuple[int, float], latest_value: float, direction: int,
                  target: float, target_year: int) -> str | None:
    """open-sdg methodology_2 (with a target), or None when the target cannot be used."""
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


def absolute_status(change: float, up: float, down: float, higher_is_better: bool) -> str:
    """Status of a raw change against the up/down cut-points (a rise of `up` or a fall of `down` counts)."""
    if change >= up - TOLERANCE:
        return "improvement" if higher_is_better else "deterioration"
    if change <= -down + TOLERANCE:
        return "deterioration" if higher_is_better else "improvement"
    return "no_significant_change"


def _overlap(first: Point, second: Point) -> bool:
    """True when both points carry an interval and the intervals overlap (the change is within them)."""
    if None in (first.lower, first.upper, second.lower, second.upper):
        return False
    return first.lower <= second.upper and second.lower <= first.upper


def _episodes(series: list[Point], up: float, down: float) -> tuple[list[str], list[str]]:
    """Year-on-year rises >= up and falls >= down (outside any uncertainty interval), as 'year (change)'."""
    rises, falls = [], []
    for before, after in zip(series, series[1:]):
        change = after.value - before.value
        if after.year - before.year != 1 or _overlap(before, after):
            continue
        if change >= up - TOLERANCE:
            rises.append(f"{after.year} ({_signed(change)})")
        elif change <= -down + TOLERANCE:
            falls.append(f"{after.year} ({_signed(change)})")
    return rises, falls


def _assess_absolute(series, facts, notes, higher_is_better, up, down) -> Assessment:
    first, last = series[0], series[-1]
    rises, falls = _episodes(series, up, down)
    if rises:
        notes.add("up_episodes", ", ".join(rises))
    if falls:
        notes.add("down_episodes", ", ".join(falls))
    if _overlap(first, last):
        notes.add("within_uncertainty")
        return Assessment("no_significant_change", "absolute", **facts, note=notes.text())
    status = absolute_status(last.value - first.value, up, down, higher_is_better)
    if status == "no_significant_change" and bool(rises) != bool(falls):
        # only openings (or only closings) inside the cycle: the publisher reports that episode
        status = "improvement" if bool(rises) == higher_is_better else "deterioration"
    return Assessment(status, "absolute", **facts, note=notes.text())


def _assess_category(series, facts, notes, higher_is_better) -> Assessment:
    changes = [f"{after.year} ({_number(before.value)} → {_number(after.value)})"
               for before, after in zip(series, series[1:]) if after.value != before.value]
    if changes:
        notes.add("category_changes", ", ".join(changes))
    change = series[-1].value - series[0].value
    if change == 0:
        return Assessment("no_significant_change", "category", **facts, note=notes.text())
    better = (change > 0) == higher_is_better
    return Assessment("improvement" if better else "deterioration", "category", **facts, note=notes.text())


def _assess_achieved(series, facts, notes, higher_is_better, scale_max, has_baseline) -> Assessment:
    first, last = series[0], series[-1]
    direction = -1 if higher_is_better is False else 1
    change = direction * (last.value - first.value)
    if change > 0:
        gained = [str(after.year) for before, after in zip(series, series[1:])
                  if direction * (after.value - before.value) > 0]
        notes.add("first_achieved", ", ".join(gained))
        return Assessment("newly_achieved", "achieved", **facts, note=notes.text())
    if change < 0:
        return Assessment("reversed", "achieved", **facts, note=notes.text())
    in_place = bool(last.value) if direction > 0 else not last.value
    if not in_place:
        return Assessment("not_achieved", "achieved", **facts, note=notes.text())
    if not has_baseline:
        notes.add("no_earlier_value")
    binary = scale_max is None or scale_max <= 1
    return Assessment("achieved" if binary else "no_new_commitment", "achieved", **facts, note=notes.text())


def _assess_trend(series, facts, notes, change_threshold) -> Assessment:
    """Rising, falling or steady: CAGR beyond +/- TREND_THRESHOLD; for values at or below zero the
    change against change_threshold (any change without one). Never judged better or worse."""
    first, last = series[0], series[-1]
    rate = None
    if first.value > 0 and last.value > 0:
        rate = cagr(first.value, last.value, last.year - first.year)
        moved = abs(rate) >= TREND_THRESHOLD - TOLERANCE
    else:
        moved = abs(last.value - first.value) >= (change_threshold or TOLERANCE) - TOLERANCE
    status = ("no_significant_change" if not moved
              else "rising" if last.value > first.value else "falling")
    return Assessment(status, "trend", **facts, annual_rate=rate, note=notes.text())


def assess(points, method: str, higher_is_better: bool | None, change_threshold: float | None = None,
           target: float | None = None, target_year: int | None = None, *,
           change_threshold_down: float | None = None, scale_min: float | None = None,
           scale_max: float | None = None, baseline_note: tuple[str, str] | None = None,
           has_baseline: bool = True) -> Assessment:
    """Assess a series of (year, value[, lower, upper]) or Points: baseline = earliest, latest = last.

    change_threshold is the rise that counts (V-Dem `up`), change_threshold_down the fall that counts
    (V-Dem `down`; the rise threshold when not given). baseline_note: a (note code, detail) saying how
    the baseline was chosen; has_baseline: False when no value before the cycle was available.
    """
    if method not in METHODS:
        raise ValueError(f"unknown progress method {method!r}; expected one of {', '.join(METHODS)}")
    series = _clean_points(points)
    notes = _Notes()
    if not series:
        notes.add("no_data")
        return Assessment("unable_to_assess", method, note=notes.text())
    first, last = series[0], series[-1]
    facts = dict(baseline_year=first.year, baseline_value=first.value, latest_year=last.year,
                 latest_value=last.value, change=last.value - first.value, n_points=len(series))
    if baseline_note is not None:
        notes.add(*baseline_note)
    if method == "achieved":
        return _assess_achieved(series, facts, notes, higher_is_better, scale_max, has_baseline)
    if last.year == first.year:
        notes.add("too_few")
        return Assessment("unable_to_assess", method, **facts, note=notes.text())
    _limit_notes(series, notes)
    if method == "trend":
        return _assess_trend(series, facts, notes, change_threshold)
    if higher_is_better is None:
        notes.add("no_direction")
        return Assessment("unable_to_assess", method, **facts, note=notes.text())
    if method == "category":
        return _assess_category(series, facts, notes, higher_is_better)
    direction = 1 if higher_is_better else -1
    years = last.year - first.year
    if method == "growth" and min(point.value for point in series) <= 0:
        if change_threshold is None:
            notes.add("cagr_invalid")
            return Assessment("unable_to_assess", method, **facts, note=notes.text())
        notes.add("cagr_invalid")
        notes.add("fallback")
        method = "absolute"
    if method == "absolute":
        if change_threshold is None or change_threshold <= 0:
            notes.add("no_threshold")
            return Assessment("unable_to_assess", method, **facts, note=notes.text())
        down = change_threshold if change_threshold_down is None else change_threshold_down
        return _assess_absolute(series, facts, notes, higher_is_better, change_threshold, down)
    rate = direction * cagr(first.value, last.value, years)
    status = None
    if target is not None and target_year is not None:
        status = target_status(rate, (first.year, first.value), last.value, direction, target,
                               int(target_year))
        if status is None:
            notes.add("target_unusable")
    if status is None:
        factor = limit_scale(first.value, years, direction, scale_min, scale_max)
        if factor < 1:
            notes.add("scaled", f"{factor:.2f}")
        status = growth_status(rate, factor)
    return Assessment(status, "growth", **facts, annual_rate=rate, note=notes.text())


def cycle_points(points: list, start_year: int, end_year: int,
                 max_years_before: int | None = BASELINE_MAX_YEARS) -> tuple[list, tuple[str, str] | None]:
    """The baseline and the points inside the cycle, and a note on how the baseline was chosen.

    Baseline: the last point at or before start_year, if at most max_years_before years before it
    (None: any earlier point); otherwise the first point inside the cycle.
    """
    before = [point for point in points if point[0] <= start_year]
    inside = [point for point in points if start_year < point[0] <= end_year]
    if before and (max_years_before is None or start_year - before[-1][0] <= max_years_before):
        return before[-1:] + inside, ("baseline_before", str(int(before[-1][0])))
    if not inside:
        return [], None
    return inside, ("baseline_inside", str(int(inside[0][0])))


def _optional(value):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value


def _float(value) -> float | None:
    value = _optional(value)
    return None if value is None else float(value)


def rule_of(indicator) -> dict:
    """The assess() keyword arguments for a row of progress_indicators (or any dict with those keys)."""
    higher = _optional(indicator.get("higher_is_better"))
    target_year = _optional(indicator.get("target_year"))
    return {
        "method": indicator["progress_method"],
        "higher_is_better": None if higher is None else bool(higher),
        "change_threshold": _float(indicator.get("change_threshold")),
        "change_threshold_down": _float(indicator.get("change_threshold_down")),
        "target": _float(indicator.get("target")),
        "target_year": None if target_year is None else int(target_year),
        "scale_min": _float(indicator.get("scale_min")),
        "scale_max": _float(indicator.get("scale_max")),
    }


def _cycle_years(cycles: pd.DataFrame) -> list[tuple[str, int, int, int]]:
    """(code, start year, end year, last year that ends inside the cycle) of each cycle."""
    starts = pd.to_datetime(cycles["start_date"])
    ends = pd.to_datetime(cycles["end_date"])
    last_year_ends = (ends + pd.Timedelta(days=1)).dt.year - 1
    return list(zip(cycles["code"], starts.dt.year.astype(int), ends.dt.year.astype(int),
                    last_year_ends.astype(int)))


def assess_cycle(points: list, rule: dict, start_year: int, end_year: int,
                 last_year_end: int | None = None) -> Assessment:
    """One series over one cycle: the baseline rule of the method, then assess().

    A structural value is the state at the end of its year (treaties in force on 31 December): the
    baseline is the last year that ended before the cycle started, and a year is inside the cycle when
    it ends inside it (up to last_year_end: end_year, or the year before when the cycle ends before
    31 December). A ratification in the cycle's first year is thus newly achieved in the cycle."""
    if rule["method"] == "achieved":   # a commitment stays in place: any earlier value is the baseline
        last = end_year if last_year_end is None else last_year_end
        window, how = cycle_points(points, start_year - 1, last, max_years_before=None)
        has_baseline = bool(how) and how[0] == "baseline_before"
        return assess(window, **rule, has_baseline=has_baseline)
    window, how = cycle_points(points, start_year, end_year)
    if window and window[-1][0] < start_year:   # a trend needs a value inside the cycle
        window, how = [], None
    return assess(window, **rule, baseline_note=how)


def _yearly(observations: pd.DataFrame) -> pd.DataFrame:
    if "is_total" in observations.columns:
        observations = observations[observations["is_total"].fillna(False).astype(bool)]
    columns = [column for column in ("lower", "upper") if column in observations.columns]
    return (observations.dropna(subset=["value"])
            .groupby(["indicator_code", "country_iso3", "year"], as_index=False)[["value", *columns]].mean())


def assess_frame(observations: pd.DataFrame, indicators: pd.DataFrame, cycles: pd.DataFrame) -> pd.DataFrame:
    """One assessment per indicator, country and cycle (columns OUTPUT_COLUMNS).

    observations: indicator_code, country_iso3, year, value (optional lower, upper: the publisher's
    uncertainty interval; totals; an is_total column is honoured, several values of one year are averaged).
    indicators: code, progress_method, higher_is_better, change_threshold (optional
    change_threshold_down, scale_min, scale_max, target, target_year). cycles: code, start_date, end_date.
    """
    yearly = _yearly(observations)
    rules = {row["code"]: rule_of(row) for row in row_dicts(indicators)}
    cycle_years = _cycle_years(cycles)
    rows = []
    for (code, iso3), series in yearly.groupby(["indicator_code", "country_iso3"], sort=True):
        if code not in rules:
            continue
        rule = rules[code]
        points = list(zip(series["year"].astype(int), series["value"].astype(float),
                          series["lower"] if "lower" in series else [None] * len(series),
                          series["upper"] if "upper" in series else [None] * len(series)))
        for cycle_code, start_year, end_year, last_year_end in cycle_years:
            result = assess_cycle(points, rule, start_year, end_year, last_year_end)
            rows.append({"indicator_code": code, "country_iso3": iso3, "cycle_code": cycle_code,
                         "method": result.method or rule["method"], "status": result.status,
                         "direction": result.direction,
                         **{column: getattr(result, column) for column in OUTPUT_COLUMNS[6:]}})
    frame = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
    # the same column types whichever series are assessed (a value column with only gaps is not None-typed)
    for column in ("baseline_year", "latest_year", "n_points"):
        frame[column] = frame[column].astype("Int64")
    for column in ("baseline_value", "latest_value", "change", "annual_rate"):
        frame[column] = frame[column].astype("float64")
    return frame


def series_direction(points, rule: dict) -> str:
    """Direction of a series from its first to its last point, by the indicator's own method
    (used where a page shows the latest value against the previous one)."""
    return assess(points, **rule).direction
