"""Pure reshaping for the theme explorer: names, per-indicator series, responses, structural matrix."""
from __future__ import annotations

import numpy as np
import pandas as pd

from i18n import format_number, format_year_range, localized, t
from indicators.charts import country_order
from indicators.names import frame_names, localized_names
from indicators.records import positions_by, row_dicts
from indicators.series_ends import series_ends


def with_names(frame: pd.DataFrame, lang: str | None, field: str = "country_name") -> pd.DataFrame:
    """A copy with `field` = the localized name from `<field>_en` / `<field>_ru` (ISO3 when blank)."""
    named = frame.copy()
    if named.empty:
        named[field] = pd.Series(dtype=object)
        return named
    english = named[f"{field}_en"].tolist() if f"{field}_en" in named.columns else [None] * len(named)
    native = named[f"{field}_ru"].tolist() if f"{field}_ru" in named.columns else [None] * len(named)
    names = localized_names(english, native, lang)
    fallback = named["country_iso3"] if "country_iso3" in named.columns else named.get("code")
    named[field] = [name or str(code) for name, code in zip(names, fallback)]
    return named


def name_map(frame: pd.DataFrame, code: str, field: str, lang: str | None) -> dict[str, str]:
    """code -> localized name (from `<field>_en` / `<field>_ru` columns; the code when both are blank)."""
    return frame_names(frame, code, lang, field, or_code=True)


def valid_comparators(requested, choices) -> list[str]:
    """The requested comparator codes that are valid choices, once each, in the order given."""
    allowed = set(choices)
    return [code for code in dict.fromkeys(str(value) for value in requested) if code in allowed]


def series_of_each(observations: pd.DataFrame, codes) -> dict[str, pd.DataFrame]:
    """The rows of each indicator of `codes`, for charts.trend_chart (country_iso3, country_name, year, value
    and the uncertainty bands when any is given), found in one pass over the indicator column."""
    positions = positions_by(observations["indicator_code"].tolist())
    columns = [c for c in ("country_iso3", "country_name", "year", "value", "lower", "upper") if c in observations]
    found = {}
    for code in codes:
        series = observations.iloc[positions.get(code, [])][columns].reset_index(drop=True)
        for band in ("lower", "upper"):
            if band in series.columns and series[band].isna().all():
                series = series.drop(columns=band)
        found[code] = series
    return found


def latest_values(series: pd.DataFrame, countries) -> pd.DataFrame:
    """Each of `countries`' latest non-missing value in a series (country_iso3, country_name, year, value),
    for a map; a country without a value has no row (never a zero)."""
    columns = [c for c in ("country_iso3", "country_name", "year", "value") if c in series.columns]
    countries_of_rows = series["country_iso3"].to_numpy()
    kept = np.flatnonzero(np.isin(countries_of_rows, list(countries)) & series["value"].notna().to_numpy(dtype=bool))
    latest, _ = series_ends([countries_of_rows[kept]], series["year"].to_numpy()[kept])
    return series[columns].iloc[kept[latest]].reset_index(drop=True)


def years_text(years) -> str:
    """'2010–2023', '2015' or '' for an iterable of years."""
    values = sorted({int(year) for year in years if year is not None and not pd.isna(year)})
    return format_year_range(values[0], values[-1]) if values else ""


def response_shares(recommendations: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Per country: counts, and share supported = supported / (supported + noted), in per cent.

    recommendations: the rows of theme_recommendations.sql. Countries in the fixed focus order.
    """
    frame = with_names(recommendations, lang)
    if frame.empty:
        frame["share_supported"] = pd.Series(dtype=float)
        return frame
    order = {code: index for index, code in enumerate(country_order(frame["country_iso3"]))}
    frame = frame.sort_values("country_iso3", key=lambda codes: codes.map(order)).reset_index(drop=True)
    responded = frame["supported"] + frame["noted"]
    frame["share_supported"] = (100 * frame["supported"] / responded.where(responded > 0)).round(1)
    return frame


def response_table(shares: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """The recommendations-by-country table as shown and downloaded (translated headers)."""
    return pd.DataFrame({
        t("Country", lang): shares["country_name"],
        t("Supported", lang): shares["supported"],
        t("Noted", lang): shares["noted"],
        t("No response", lang): shares["no_response"],
        t("Voluntary pledges", lang): shares["pledges"],
        t("Total", lang): shares["total"],
        t("Share supported (%)", lang): shares["share_supported"],
        t("Years", lang): [years_text([a, b]) for a, b in zip(shares["first_year"], shares["last_year"])],
    })


def structural_cell(value, year, method: str, unit: str, lang: str | None) -> str:
    """'Achieved (2021)', 'Not achieved (2019)', '14 instruments, of 18 (2023)' or 'No data'."""
    if value is None or pd.isna(value):
        return t("No data", lang)
    if method == "achieved":
        words = t("Achieved", lang) if value else t("Not achieved", lang)
    else:
        words = f"{format_number(float(value), lang)} {unit}".strip()
    return f"{words} ({int(year)})"


def structural_matrix(latest: pd.DataFrame, indicators: pd.DataFrame, countries: list[str],
                      country_names: dict[str, str], lang: str | None) -> pd.DataFrame:
    """Country (rows) x structural indicator (columns): the latest value, in words; 'No data' if none.

    latest: indicator_code, country_iso3, year, value (theme_structural.sql).
    indicators: the theme's indicators (code, name_en, name_ru, unit, unit_ru, type, progress_method).
    """
    structural = indicators[indicators["type"] == "structural"]
    cells = {(row["indicator_code"], row["country_iso3"]): row for row in row_dicts(latest)}
    matrix = {t("Country", lang): [country_names.get(code, code) for code in countries]}
    for indicator in row_dicts(structural):
        name, unit = localized(indicator, "name", lang), _unit(indicator, lang)
        column = []
        for iso3 in countries:
            cell = cells.get((indicator["code"], iso3))
            column.append(structural_cell(None if cell is None else cell["value"],
                                          None if cell is None else cell["year"],
                                          indicator["progress_method"], unit, lang))
        matrix[name] = column
    return pd.DataFrame(matrix)


def _unit(indicator: dict, lang: str | None) -> str:
    if lang == "ru" and isinstance(indicator.get("unit_ru"), str) and indicator["unit_ru"].strip():
        return indicator["unit_ru"]
    unit = indicator.get("unit")
    return unit if isinstance(unit, str) else ""


def indicator_unit(indicator: dict, lang: str | None) -> str:
    """The unit of an indicator row in `lang`."""
    return _unit(indicator, lang)




GROUP_SIZE = 6                      # charts drawn per run: about 30 ms each, so a rerun stays fast
TYPE_ORDER = ("structural", "process", "outcome")


def indicator_groups(indicators: pd.DataFrame, with_data, size: int = GROUP_SIZE) -> list[dict]:
    """Groups of at most `size` indicators with data: headline ones first, then by type.

    Each group: id ('headline', 'outcome-2', ...), kind ('headline' or a type), part, parts, first,
    last (1-based positions within the kind), total (indicators of the kind), codes (in order).
    """
    available = set(with_data)
    rows = [row for row in row_dicts(indicators) if row["code"] in available]
    kinds = [("headline", [row["code"] for row in rows if row.get("is_headline")])]
    kinds += [(kind, [row["code"] for row in rows if row["type"] == kind]) for kind in TYPE_ORDER]
    groups = []
    for kind, codes in kinds:
        parts = (len(codes) + size - 1) // size
        for part in range(parts):
            chunk = codes[part * size:(part + 1) * size]
            groups.append({"id": f"{kind}-{part + 1}", "kind": kind, "part": part + 1, "parts": parts,
                           "first": part * size + 1, "last": part * size + len(chunk),
                           "total": len(codes), "codes": chunk})
    return groups
