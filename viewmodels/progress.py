"""Reshaping for the progress page: assessments with names (cached per filters), chart rows, the table as shown."""
from __future__ import annotations

import numpy as np
import pandas as pd

from i18n import t
from indicators.cache import cached
from indicators.direction import direction_labels
from indicators.names import cycle_frame_names, frame_names
from indicators.progress import method_labels, note_text, status_labels
from indicators.provenance import publisher_line
from indicators.progress_run import progress_assessments


def named_assessments(assessments: pd.DataFrame, indicators: pd.DataFrame, countries: pd.DataFrame,
                      cycles: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """assess_frame output + indicator_name, country_name, cycle_name, unit, progress_method, sorted
    by cycle, indicator (catalogue order) and country (focus order as chosen)."""
    frame = assessments.copy()
    indicator_names = frame_names(indicators, "code", lang, or_code=True)
    units = frame_names(indicators, "code", lang, "unit", english="unit")
    cycle_names = cycle_frame_names(cycles, lang)
    frame["indicator_name"] = frame["indicator_code"].map(indicator_names)
    frame["country_name"] = frame["country_iso3"].map(frame_names(countries, "iso3", lang, or_code=True))
    frame["country_name"] = frame["country_name"].fillna(frame["country_iso3"])
    frame["cycle_name"] = frame["cycle_code"].map(cycle_names)
    frame["unit"] = frame["indicator_code"].map(units)
    frame["progress_method"] = frame["indicator_code"].map(dict(zip(indicators["code"],
                                                                    indicators["progress_method"])))
    order = {
        "cycle_code": {code: i for i, code in enumerate(cycles["code"])},
        "indicator_code": {code: i for i, code in enumerate(indicators["code"])},
        "country_iso3": {code: i for i, code in enumerate(countries["iso3"])},
    }
    keys = [frame[column].map(ranks).fillna(len(ranks)) for column, ranks in order.items()]
    frame = frame.assign(_c=keys[0], _i=keys[1], _k=keys[2]).sort_values(["_c", "_i", "_k"])
    return frame.drop(columns=["_c", "_i", "_k"]).reset_index(drop=True)


@cached(256)
def country_assessments(warehouse, cycle_kind: str, cycle: str | None, year_from: int, year_to: int,
                        country: str, _query=None):
    """progress_assessments of every indicator for one country, cached by value: an assessment is of one
    series (indicator and country), so a selection's are its countries' narrowed to the theme's indicators
    and put together; a change of countries assesses only the countries not assessed before, and a change
    of theme assesses nothing."""
    return progress_assessments(_query, cycle_kind, cycle, year_from, year_to, [country])


@cached(64)
def assessed(warehouse, cycle_kind: str, cycle: str | None, year_from: int, year_to: int,
             countries: tuple[str, ...], theme: str | None, lang: str, _query=None):
    """Cycles, indicators and the named assessments for these filters on this warehouse version
    (`_query`: its ctx.query), cached by value: the frames are shared and must not be changed."""
    countries = tuple(dict.fromkeys(countries))     # a country once, as the query's list counted it
    if not countries:
        cycles, indicators, _ = progress_assessments(_query, cycle_kind, cycle, year_from, year_to, [], theme)
        return cycles, indicators, None
    parts = [country_assessments(warehouse, cycle_kind, cycle, year_from, year_to, country, _query=_query)
             for country in countries]
    cycles = parts[0][0]
    indicators = parts[0][1] if theme is None else _query("progress_indicators", theme=theme, indicators=None)
    if cycles.empty or indicators.empty:
        return cycles, indicators, None
    chosen = set(indicators["code"])
    found = [part for part in (assessments[assessments["indicator_code"].isin(chosen)]
                               for _, _, assessments in parts if assessments is not None) if not part.empty]
    if not found:
        return cycles, indicators, None
    assessments = pd.concat(found, ignore_index=True) if len(found) > 1 else found[0].reset_index(drop=True)
    # a text column a country has only gaps in (object: None) and another has words in: one type, as one
    # frame of every country's rows would have it
    mixed = [column for column in assessments.columns if len({str(part[column].dtype) for part in found}) > 1]
    if mixed:
        assessments[mixed] = assessments[mixed].infer_objects()
    names = _query("progress_countries", countries=list(countries))
    return cycles, indicators, named_assessments(assessments, indicators, names, cycles, lang)


def _with_values(named: pd.DataFrame) -> np.ndarray:
    """Which assessments (of an indicator) have at least one value inside their cycle."""
    return ((named["n_points"].fillna(0) > 0) & named["indicator_code"].notna()).to_numpy(dtype=bool)


def chart_rows(named: pd.DataFrame, cycle_code: str) -> pd.DataFrame:
    """The assessments of one cycle, for charts.progress_chart: indicators with at least one value
    inside the cycle (an indicator with no data in the cycle for any country is left to the table)."""
    rows = named[named["cycle_code"] == cycle_code]
    charted = set(rows.loc[_with_values(rows), "indicator_code"].tolist())
    return rows[rows["indicator_code"].isin(list(charted))].reset_index(drop=True)


def indicator_publishers(indicators: pd.DataFrame, codes) -> str:
    """The publishers of these indicators for a source line (indicators.provenance.publisher_line)."""
    return publisher_line(indicators.loc[indicators["code"].isin(list(codes)), "publisher"])


def valued(named: pd.DataFrame) -> pd.DataFrame:
    """The assessments with at least one value inside their cycle (those a table or chart draws from)."""
    return named[_with_values(named)]


def cycles_with_values(named: pd.DataFrame, cycle_codes: list[str]) -> list[str]:
    """The cycles (of `cycle_codes`, in their order) whose chart_rows are not empty: those where an
    assessment has at least one value inside the cycle."""
    found = set(named.loc[_with_values(named), "cycle_code"].tolist())
    return [code for code in cycle_codes if code in found]


def rate_measure(method: str | None, lang: str | None) -> str:
    """What the annual rate measures (growth: direction-adjusted CAGR; trend: CAGR as observed)."""
    if method == "growth":
        return t("% a year (compound growth, direction-adjusted)", lang)
    if method == "trend":
        return t("% a year (compound growth)", lang)
    return ""


def progress_table(named: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """The assessment table as shown and downloaded (translated headers; method, status, direction and
    note in words)."""
    labels, methods, directions = status_labels(lang), method_labels(lang), direction_labels(lang)
    rate = named["annual_rate"].astype(float) * 100
    return pd.DataFrame({
        t("Indicator", lang): named["indicator_name"],
        t("Country", lang): named["country_name"],
        t("Cycle", lang): named["cycle_name"],
        t("Baseline year", lang): named["baseline_year"],
        t("Baseline value", lang): named["baseline_value"].astype(float).round(4),
        t("Latest year", lang): named["latest_year"],
        t("Latest value", lang): named["latest_value"].astype(float).round(4),
        t("Unit", lang): named["unit"],
        t("Change", lang): named["change"].astype(float).round(4),
        t("Annual rate", lang): rate.round(4),
        t("Rate measured as", lang): [rate_measure(m, lang) if pd.notna(r) else ""
                                      for m, r in zip(named["method"], named["annual_rate"])],
        t("Method", lang): named["method"].map(methods),
        t("Status", lang): named["status"].map(labels),
        t("Direction", lang): named["direction"].map(directions),
        t("Note", lang): [note_text(note, lang) for note in named["note"]],
    })
