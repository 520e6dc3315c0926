"""Pure reshaping for the overview and country pages: names, card lines, directions, complete grids."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from i18n import format_number, format_year_range, localized, t
from indicators.progress import rule_of, series_direction
from indicators.names import frame_names
from indicators.records import of_countries, positions_by, row_dicts
from indicators.series_ends import series_ends

CARDS_PER_ROW = 5


# ---- names ------------------------------------------------------------------------------------------

def chunks(items, size: int = CARDS_PER_ROW) -> list[list]:
    """items in consecutive groups of at most `size` (rows of cards)."""
    items = list(items)
    return [items[start:start + size] for start in range(0, len(items), size)]


def year_span(*columns) -> tuple[int, int] | None:
    """(first, last) over any number of year columns/iterables, NaN ignored; None when empty."""
    years = [int(year) for column in columns if column is not None for year in column
             if year is not None and not pd.isna(year)]
    return (min(years), max(years)) if years else None


def years_text(span: tuple[int, int] | None) -> str:
    """'2010–2014', '2014', or '' when there is no year."""
    return "" if span is None else format_year_range(*span)


def indicators_of(rows: pd.DataFrame, countries) -> pd.DataFrame:
    """The overview_map_indicators rows (asked for every choosable country) with a value for at least one of
    `countries`, in their order, each with the number of those countries (countries) instead of the list."""
    wanted = set(countries)
    counts = [len(wanted.intersection(covered)) for covered in rows["covered"].tolist()]
    kept = rows.drop(columns="covered").assign(countries=counts)
    return kept[np.array([count > 0 for count in counts], dtype=bool)].reset_index(drop=True)


def publishers_of(rows: pd.DataFrame, countries) -> pd.DataFrame:
    """The distinct publishers (column publisher, in the rows' order) of the rows of `countries` of a
    *_sources query asked for every choosable country."""
    wanted = set(countries)
    names = dict.fromkeys(name for code, name in zip(rows["country_iso3"].tolist(), rows["publisher"].tolist())
                          if code in wanted)
    return pd.DataFrame({"publisher": list(names)}, dtype=rows["publisher"].dtype)


def publishers_text(publishers: pd.DataFrame) -> str:
    """'; '-joined publishers of a *_sources query (column publisher)."""
    if publishers is None or publishers.empty:
        return ""
    return "; ".join(str(name) for name in publishers["publisher"].dropna())


# ---- numbers and directions ------------------------------------------------------------------------

def format_value(value, lang: str | None) -> str:
    """An indicator value with sensible decimals (integers without, small values with two)."""
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    if number.is_integer():
        return format_number(int(number), lang)
    decimals = 3 if abs(number) < 1 else 2 if abs(number) < 10 else 1 if abs(number) < 1000 else 0
    return format_number(round(number, decimals) + 0.0, lang)


def share_supported(supported, noted) -> float | None:
    """supported / (supported + noted), or None when neither was counted."""
    supported = 0 if supported is None or pd.isna(supported) else supported
    noted = 0 if noted is None or pd.isna(noted) else noted
    total = supported + noted
    return None if total == 0 else supported / total


def direction(row: dict) -> str:
    """Direction code of a card's latest value against its previous one: 'no_previous', 'unchanged', or
    better | worse | stable | unknown judged by the indicator's progress method (indicators.direction,
    the definition the Progress page, the brief and the deck use)."""
    latest, previous = row.get("latest_value"), row.get("previous_value")
    if previous is None or pd.isna(previous) or latest is None or pd.isna(latest):
        return "no_previous"
    if math.isclose(float(latest) - float(previous), 0.0, abs_tol=1e-12):
        return "unchanged"
    if not isinstance(row.get("progress_method"), str):
        return "unknown"
    points = [(int(row["previous_year"]), float(previous)), (int(row["latest_year"]), float(latest))]
    return series_direction(points, rule_of(row))


def direction_arrow(latest, previous) -> str:
    """▲ the value rose, ▼ it fell, – unchanged or nothing to compare with."""
    if previous is None or pd.isna(previous) or latest is None or pd.isna(latest):
        return "–"
    change = float(latest) - float(previous)
    if math.isclose(change, 0.0, abs_tol=1e-12):
        return "–"
    return "▲" if change > 0 else "▼"


def direction_words(code: str, rose: bool | None, lang: str | None) -> str:
    """The direction in words (the arrow says up/down; the words say whether that is better)."""
    if code == "better":
        return t("up, better", lang=lang) if rose else t("down, better", lang=lang)
    if code == "worse":
        return t("up, worse", lang=lang) if rose else t("down, worse", lang=lang)
    if code == "stable":
        return t("up, little or no change", lang=lang) if rose else t("down, little or no change", lang=lang)
    if code == "unknown":
        return t("up, not judged", lang=lang) if rose else t("down, not judged", lang=lang)
    return {"unchanged": t("unchanged", lang=lang),
            "no_previous": t("no earlier value", lang=lang)}.get(code, code)


# ---- cards ------------------------------------------------------------------------------------------

def cycle_counts_by_country(by_cycle: pd.DataFrame, lang: str | None) -> dict[str, pd.DataFrame]:
    """Each country's rows of overview_recommendations_by_cycle (in their order) with a cycle_name and
    share_supported: the names and shares worked out once for every card, then the rows split by country.
    A country without rows has no entry."""
    rows = by_cycle.reset_index(drop=True)
    english = rows["cycle_name_en"].tolist() if "cycle_name_en" in rows.columns else [None] * len(rows)
    native = rows["cycle_name_ru"].tolist() if "cycle_name_ru" in rows.columns else [None] * len(rows)
    names = [localized({"cycle_name_en": en, "cycle_name_ru": ru}, "cycle_name", lang)
             for en, ru in zip(english, native)]
    supported = rows["supported"].to_numpy(dtype=float, na_value=0.0)
    noted = rows["noted"].to_numpy(dtype=float, na_value=0.0)
    total = supported + noted
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total == 0, np.nan, supported / total)     # share_supported: none when neither counted
    # one assign (not two column insertions): most of this function's time on Arrow-backed frames
    rows = rows.assign(cycle_name=names, share_supported=[None if np.isnan(share) else share
                                                          for share in shares.tolist()])
    return {iso3: rows.iloc[found].reset_index(drop=True)
            for iso3, found in positions_by(rows["country_iso3"].tolist()).items()}


def headline_series_of(rows: pd.DataFrame, countries) -> pd.DataFrame:
    """The overview_headline_series rows of `countries` (asked for every choosable country) of each theme's
    headline indicator: of the theme's headline indicators, the one with data for most of these countries,
    then the one with the most recent year, then the first by code. In the rows' order (theme, country, year)."""
    rows = of_countries(rows, countries)
    codes, themes = rows["indicator_code"].tolist(), rows["theme_code"].tolist()
    theme_of: dict[str, str] = {}
    covered: dict[str, set] = {}
    last_year: dict[str, int] = {}
    for code, theme, iso3, year in zip(codes, themes, rows["country_iso3"].tolist(), rows["year"].tolist()):
        theme_of[code] = theme
        covered.setdefault(code, set()).add(iso3)
        last_year[code] = max(last_year.get(code, year), year)
    best: dict[str, tuple] = {}
    for code, theme in theme_of.items():
        rank = (-len(covered[code]), -last_year[code], code)
        if theme not in best or rank < best[theme]:
            best[theme] = rank
    chosen = {theme: rank[2] for theme, rank in best.items()}
    picked = [chosen.get(theme) == code for code, theme in zip(codes, themes)]
    return rows[np.array(picked, dtype=bool)].reset_index(drop=True)


def latest_headlines(series: pd.DataFrame) -> pd.DataFrame:
    """overview_headline_series rows reduced to one row per headline indicator and country: its latest value
    (latest_year, latest_value) and the one before it (previous_year, previous_value; missing when there is
    none). The cards take their figures from the rows the small multiples draw, not from a second query."""
    if series.empty:
        return series.rename(columns={"year": "latest_year", "value": "latest_value"}).assign(
            previous_year=series["year"], previous_value=series["value"]).reset_index(drop=True)
    latest, before = series_ends([series["indicator_code"], series["country_iso3"]], series["year"])
    has_previous = before >= 0
    rows = series.iloc[latest].rename(columns={"year": "latest_year", "value": "latest_value"})
    previous = {column: series[column].to_numpy()[np.maximum(before, 0)] for column in ("year", "value")}
    if not has_previous.all():   # missing: a float column with gaps, as a left join gives it
        previous = {column: np.where(has_previous, values.astype(float), np.nan) for column, values in previous.items()}
    rows = rows.assign(previous_year=previous["year"], previous_value=previous["value"])
    return rows.sort_values(["theme_code", "country_iso3"], kind="stable").reset_index(drop=True)


def headline_frame(headlines: pd.DataFrame, themes: dict[str, str], countries: list[str],
                   names: dict[str, str], lang: str | None) -> pd.DataFrame:
    """Country x theme rows (every theme in `themes`, every country) of the headline indicators.

    headlines: latest_headlines rows. Themes without a headline value get '–'.
    """
    by_key = {(row["country_iso3"], row["theme_code"]): row for row in row_dicts(headlines)}
    records = []
    for iso3 in countries:
        for code, theme in themes.items():
            row = by_key.get((iso3, code))
            if row is None:
                records.append({"country_iso3": iso3, "country": names.get(iso3, iso3), "theme_code": code,
                                "theme": theme, "indicator": "", "value": None, "value_text": "–",
                                "unit": "", "year": None, "year_text": "", "previous_value": None,
                                "previous_year": None,
                                "arrow": "–", "direction": "", "direction_code": None})
                continue
            code_dir = direction(row)
            rose = None if pd.isna(row["previous_value"]) else row["latest_value"] > row["previous_value"]
            records.append({
                "country_iso3": iso3, "country": names.get(iso3, iso3), "theme_code": code, "theme": theme,
                "indicator": localized(row, "name", lang), "value": row["latest_value"],
                "value_text": format_value(row["latest_value"], lang),
                "unit": row["unit_ru"] if lang == "ru" and isinstance(row.get("unit_ru"), str) else row["unit"],
                "year": int(row["latest_year"]), "year_text": str(int(row["latest_year"])),
                "previous_value": None if pd.isna(row["previous_value"]) else row["previous_value"],
                "previous_year": None if pd.isna(row["previous_year"]) else int(row["previous_year"]),
                "arrow": direction_arrow(row["latest_value"], row["previous_value"]),
                "direction": direction_words(code_dir, rose, lang), "direction_code": code_dir,
            })
    return pd.DataFrame.from_records(records)


def headline_series_frame(series: pd.DataFrame, themes: dict[str, str], names: dict[str, str],
                          lang: str | None) -> pd.DataFrame:
    """overview_headline_series rows of the themes in `themes` (in their order), with the theme, indicator,
    unit and country in `lang`: the rows the Overview's small multiples draw, and their download.

    One pass over plain column lists (a few hundred rows): pandas' map, sort and mask cost more here."""
    order = {code: position for position, code in enumerate(themes)}
    theme_codes = series["theme_code"].tolist()
    kept = sorted((position for position, code in enumerate(theme_codes) if code in order),
                  key=lambda position: order[theme_codes[position]])     # stable: the query's order within a theme
    rows = series.iloc[kept]
    # Russian names and units where the catalogue has them (per indicator, as i18n.localized)
    indicator_names = frame_names(rows, "indicator_code", lang)
    units = frame_names(rows, "indicator_code", lang, field="unit", english="unit")
    indicators = rows["indicator_code"].tolist()
    countries = rows["country_iso3"].tolist()
    return pd.DataFrame({
        "theme_code": np.array([theme_codes[position] for position in kept], dtype=object),
        "theme": np.array([themes[theme_codes[position]] for position in kept], dtype=object),
        "indicator_code": np.array(indicators, dtype=object),
        "indicator_name": np.array([indicator_names[code] for code in indicators], dtype=object),
        "unit": np.array([units[code] or "" for code in indicators], dtype=object),
        "country_iso3": np.array(countries, dtype=object),
        "country_name": np.array([names.get(code, code) for code in countries], dtype=object),
        "year": rows["year"].astype("int64").to_numpy(), "value": rows["value"].to_numpy(),
    })


def headline_table(frame: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """The headline rows with translated column headers, for show_table and its downloads."""
    return pd.DataFrame({
        t("Country", lang=lang): frame["country"], t("Theme", lang=lang): frame["theme"],
        t("Headline indicator", lang=lang): frame["indicator"],
        t("Latest value", lang=lang): frame["value"], t("Unit", lang=lang): frame["unit"],
        t("Year", lang=lang): frame["year"].astype("Int64"),
        t("Previous value", lang=lang): frame["previous_value"],
        t("Previous year", lang=lang): frame["previous_year"].astype("Int64"),
        t("Direction", lang=lang): (frame["arrow"] + " " + frame["direction"]).str.strip(),
    })


def cycle_table(by_cycle: pd.DataFrame, names: dict[str, str], lang: str | None) -> pd.DataFrame:
    """Recommendations per country and cycle with responses, translated headers."""
    rows = by_cycle.copy()
    return pd.DataFrame({
        t("Country", lang=lang): [names.get(code, code) for code in rows["country_iso3"]],
        t("Cycle", lang=lang): [localized(row, "cycle_name", lang) for row in row_dicts(rows)],
        t("Recommendations", lang=lang): rows["recommendations"],
        t("Supported (UPR)", lang=lang): rows["supported"], t("Noted (UPR)", lang=lang): rows["noted"],
        t("Voluntary pledges", lang=lang): rows["pledges"],
        t("Share supported", lang=lang): [share_supported(s, n) for s, n in zip(rows["supported"],
                                                                              rows["noted"])],
    })


# ---- grids ------------------------------------------------------------------------------------------

def complete_grid(frame: pd.DataFrame, row_key: str, column_key: str, value: str,
                  row_names: dict[str, str], column_names: dict[str, str],
                  row_label: str = "row_name", column_label: str = "column_name",
                  rows_without_data=()) -> pd.DataFrame:
    """Every row x column pair in the order of the name dicts, `value` filled with 0 where absent.

    Keeps the heatmap's rows/columns in a fixed order and shows zero cells explicitly. Rows listed in
    `rows_without_data` (e.g. countries with no review loaded for the selection) get <NA>, not 0:
    no data is never a zero.
    """
    found = {(row[row_key], row[column_key]): row[value] for row in row_dicts(frame)}
    missing = set(rows_without_data)
    records = [{row_key: row_code, column_key: column_code, row_label: row_name,
                column_label: column_name,
                value: None if row_code in missing else int(found.get((row_code, column_code), 0) or 0)}
               for row_code, row_name in row_names.items()
               for column_code, column_name in column_names.items()]
    grid = pd.DataFrame.from_records(records, columns=[row_key, column_key, row_label, column_label, value])
    grid[value] = grid[value].astype("Int64")
    return grid


# ---- recommendation cubes (overview_recommendation_cube / overview_theme_cube) -------------------------

def filter_cube(cube: pd.DataFrame, countries, mechanism: str | None, year_from: int, year_to: int,
                theme: str | None = None) -> pd.DataFrame:
    """Cube rows of these countries, mechanism (None = all), years and theme (theme cube only)."""
    keep = cube["country_iso3"].isin(list(countries)) & cube["year"].between(year_from, year_to)
    if mechanism:
        keep &= cube["mechanism"] == mechanism
    if theme and "theme_code" in cube.columns:
        keep &= cube["theme_code"] == theme
    return cube[keep]


def assign_cycles(rows: pd.DataFrame, cycles: pd.DataFrame, kind: str,
                  cycle: str | None = None) -> pd.DataFrame:
    """Cube rows with a `cycle` column: UPR cycles by cycle_code, programming cycles by year falling in
    the cycle's dates. Rows outside every cycle of the kind (or outside `cycle`) are dropped.

    cycles: code, kind, start_date, end_date (filter_choices_cycles).
    """
    of_kind = cycles[cycles["kind"] == kind]
    if cycle:
        of_kind = of_kind[of_kind["code"] == cycle]
    if kind == "upr":
        matched = rows[rows["cycle_code"].isin(list(of_kind["code"]))]
        return matched.assign(cycle=matched["cycle_code"])
    parts = []
    for row in row_dicts(of_kind):
        first, last = pd.Timestamp(row["start_date"]).year, pd.Timestamp(row["end_date"]).year
        inside = rows[rows["year"].between(first, last)]
        parts.append(inside.assign(cycle=row["code"]))
    if not parts:
        return rows.iloc[0:0].assign(cycle=pd.Series(dtype=object))
    return pd.concat(parts, ignore_index=True)


COUNT_COLUMNS = ["recommendations", "supported", "noted", "no_response", "pledges"]


def response_counts(rows: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Cube counts (recommendations, UPR supported / noted / no_response / pledges) summed per `by`,
    with the first and last year."""
    if rows.empty or not by:
        grouped = rows.groupby(by, sort=False)
        counts = grouped[COUNT_COLUMNS].sum().astype("int64")
        counts["first_year"] = grouped["year"].min()
        counts["last_year"] = grouped["year"].max()
        return counts.reset_index()
    # the same as groupby(by, sort=False) sum/min/max, on integer codes of the keys (2x faster on
    # Arrow-backed text keys): groups in order of first appearance, rows with a missing key dropped
    codes, uniques = zip(*(pd.factorize(rows[column], sort=False) for column in by))
    valid = np.logical_and.reduce([code >= 0 for code in codes])
    combined = np.zeros(int(valid.sum()), dtype=np.int64)
    for code, found in zip(codes, uniques):
        combined = combined * (len(found) + 1) + code[valid]
    group, _ = pd.factorize(combined, sort=False)
    count = int(group.max()) + 1 if len(group) else 0
    first = np.unique(group, return_index=True)[1]
    result = {column: found.take(code[valid][first]) for column, code, found in zip(by, codes, uniques)}
    for column in COUNT_COLUMNS:
        values = rows[column].to_numpy(dtype=float, na_value=0.0)[valid]
        result[column] = np.bincount(group, weights=values, minlength=count).astype("int64")
    years = rows["year"].to_numpy()[valid]
    result["first_year"] = np.full(count, years.max() if len(years) else 0, dtype=years.dtype)
    np.minimum.at(result["first_year"], group, years)
    result["last_year"] = np.full(count, years.min() if len(years) else 0, dtype=years.dtype)
    np.maximum.at(result["last_year"], group, years)
    return pd.DataFrame(result)


def by_cycle(rows: pd.DataFrame, cycles: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """response_counts per `by` + cycle, ordered by `by` then cycle start date, with cycle names."""
    columns = [*by, "cycle_code", *COUNT_COLUMNS, "first_year", "last_year", "cycle_name_en", "cycle_name_ru"]
    if rows.empty:
        return pd.DataFrame(columns=[*by, "cycle_code", "cycle_name_en", "cycle_name_ru", "recommendations",
                                     "supported", "noted", "no_response", "pledges", "first_year", "last_year"])
    # a few hundred cube rows: summed in plain Python (pandas' groupby + merge + sort cost more here)
    info = {code: (name, name_ru, start) for code, name, name_ru, start in zip(
        cycles["code"].tolist(), cycles["name"].tolist(), cycles["name_ru"].tolist(),
        cycles["start_date"].tolist())}
    keys = list(zip(*(rows[column].tolist() for column in [*by, "cycle"])))
    counts = list(zip(*(rows[column].tolist() for column in COUNT_COLUMNS)))
    years = rows["year"].tolist()
    groups: dict[tuple, list] = {}
    for key, numbers, year in zip(keys, counts, years):
        if any(part is None or pd.isna(part) for part in key):
            continue                                    # as pandas' groupby: no group for a missing key
        found = groups.get(key)
        if found is None:
            groups[key] = [*numbers, year, year]
            continue
        for index, number in enumerate(numbers):
            found[index] += number
        found[-2], found[-1] = min(found[-2], year), max(found[-1], year)
    records = []
    for key, values in groups.items():
        name, name_ru, start = info.get(key[-1], (None, None, None))
        records.append((*key, *values, name, name_ru, start))
    # ordered by `by`, then by the cycle's start date (cycles without one last), as a stable sort
    position = len(by) + len(COUNT_COLUMNS) + 5
    records.sort(key=lambda record: (*record[:len(by)], record[position] is None or pd.isna(record[position]),
                                     record[position] if record[position] is not None
                                     and not pd.isna(record[position]) else 0))
    frame = pd.DataFrame.from_records([record[:-1] for record in records], columns=columns)
    frame[COUNT_COLUMNS] = frame[COUNT_COLUMNS].astype("int64")
    return frame
