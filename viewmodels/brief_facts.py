"""Pure key facts of a brief for one UPR cycle: recommendations, new ratifications, indicators that moved."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from i18n import format_date, format_number, localized, t
from viewmodels.brief import direction_words
from indicators.direction import DIRECTION_OF_STATUS
from indicators.names import cycle_frame_names, frame_names
from indicators.progress import assess_frame, status_labels
from indicators.records import row_dicts

VERSION_LENGTH = 12          # hex digits of the warehouse version
TOP_THEMES = 3               # themes named in the key facts
MOVED = ("better", "worse")   # indicators.direction codes


@dataclass
class CountryFacts:
    """What one country's brief states about one cycle (numbers, words, and the source ids behind them)."""

    iso3: str
    name: str
    received: int = 0
    supported: int = 0
    noted: int = 0
    by_theme: pd.DataFrame = field(default_factory=pd.DataFrame)   # theme, supported, noted, total
    ratified: list[str] = field(default_factory=list)              # "Treaty name (year)"
    ratified_codes: list[str] = field(default_factory=list)        # "OP-CAT (2008)": for tables
    progress: pd.DataFrame = field(default_factory=pd.DataFrame)   # indicator, baseline/latest, status, direction
    recommendation_sources: list[str] = field(default_factory=list)
    ratification_sources: list[str] = field(default_factory=list)
    indicator_sources: list[str] = field(default_factory=list)

    @property
    def supported_share(self) -> float | None:
        """Supported as a share of all recommendations of the cycle (None without any)."""
        return self.supported / self.received if self.received else None


def warehouse_version(hashes) -> str:
    """A short hash over the sha256 of every loaded file: changes whenever any input changes."""
    joined = "\n".join(sorted(str(value) for value in hashes))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()[:VERSION_LENGTH]


def default_cycle(country_cycles: pd.DataFrame, cycles: pd.DataFrame, iso3s: list[str]) -> str | None:
    """The latest UPR cycle in which any of the countries received recommendations, else the latest cycle
    that has started (brief_country_cycles.sql, brief_cycles.sql)."""
    found = country_cycles[country_cycles["country_iso3"].isin(iso3s)]
    if not found.empty:
        return str(found.sort_values("start_date")["cycle_code"].iloc[-1])
    return None if cycles.empty else str(cycles.sort_values("start_date")["code"].iloc[-1])


def cycle_span(cycles: pd.DataFrame, code: str) -> tuple[int, int]:
    """(first year, last year) of a cycle."""
    row = cycles[cycles["code"] == code].iloc[0]
    return int(pd.Timestamp(row["start_date"]).year), int(pd.Timestamp(row["end_date"]).year)


def cycle_name(cycles: pd.DataFrame, code: str, lang: str | None) -> str:
    """The cycle's name in `lang`."""
    return cycle_frame_names(cycles[cycles["code"] == code], lang)[code]


def _ids(lists) -> list[str]:
    return sorted({value for values in lists for value in (list(values) if values is not None else [])})


def _theme_rows(counts: pd.DataFrame, lang) -> pd.DataFrame:
    themed = counts[counts["theme_code"].notna()]
    return pd.DataFrame({"theme": [localized(row, "name", lang) for row in row_dicts(themed)],
                         "supported": themed["supported"].astype(int).tolist(),
                         "noted": themed["noted"].astype(int).tolist(),
                         "total": themed["total"].astype(int).tolist()},
                        columns=["theme", "supported", "noted", "total"])


def _ratified(rows: pd.DataFrame, lang, short: bool = False) -> list[str]:
    first = rows.sort_values("year", kind="stable").drop_duplicates("treaty")
    return [f"{row['treaty'] if short else localized(row, 'name', lang)} ({int(row['year'])})"
            for row in row_dicts(first)]


def _progress(series: pd.DataFrame, cycles: pd.DataFrame, cycle: str, lang) -> pd.DataFrame:
    columns = ["indicator", "unit", "baseline_year", "baseline_value", "latest_year", "latest_value",
               "status", "status_word", "direction"]
    if series.empty:
        return pd.DataFrame(columns=columns)
    indicators = (series.drop_duplicates("indicator_code")
                  .rename(columns={"indicator_code": "code"}).reset_index(drop=True))
    assessed = assess_frame(series[["indicator_code", "country_iso3", "year", "value", "lower", "upper"]], indicators,
                            cycles[cycles["code"] == cycle])
    assessed = assessed[assessed["n_points"].fillna(0) > 0]
    names = frame_names(indicators, "code", lang)
    units = frame_names(indicators, "code", lang, "unit")
    labels = status_labels(lang)
    return pd.DataFrame({
        "indicator": assessed["indicator_code"].map(names).tolist(),
        "unit": assessed["indicator_code"].map(units).tolist(),
        "baseline_year": assessed["baseline_year"].tolist(), "baseline_value": assessed["baseline_value"].tolist(),
        "latest_year": assessed["latest_year"].tolist(), "latest_value": assessed["latest_value"].tolist(),
        "status": assessed["status"].tolist(), "status_word": assessed["status"].map(labels).tolist(),
        "direction": [DIRECTION_OF_STATUS.get(status, "unknown") for status in assessed["status"]],
    }, columns=columns)


def country_facts(iso3: str, name: str, counts: pd.DataFrame, ratifications: pd.DataFrame,
                  series: pd.DataFrame, cycles: pd.DataFrame, cycle: str, lang: str | None = None) -> CountryFacts:
    """Key facts of one country in one cycle.

    counts: brief_cycle_recommendations.sql; ratifications: brief_cycle_ratifications.sql;
    series: brief_headline_series.sql; cycles: brief_cycles.sql (all filtered to this country by the caller
    or here).
    """
    counts = counts[counts["country_iso3"] == iso3]
    ratifications = ratifications[ratifications["country_iso3"] == iso3]
    series = series[series["country_iso3"] == iso3]
    facts = CountryFacts(iso3=iso3, name=name, by_theme=_theme_rows(counts, lang),
                         ratified=_ratified(ratifications, lang),
                         ratified_codes=_ratified(ratifications, lang, short=True),
                         progress=_progress(series, cycles, cycle, lang),
                         recommendation_sources=_ids(counts["source_ids"]),
                         ratification_sources=sorted(set(ratifications["source_id"])))
    overall = counts[counts["theme_code"].isna()]
    if not overall.empty:
        facts.received, facts.supported, facts.noted = (int(overall[column].iloc[0])
                                                        for column in ("total", "supported", "noted"))
    assessed_codes = set(series["indicator_code"])
    facts.indicator_sources = _ids(series[series["indicator_code"].isin(assessed_codes)]["source_ids"])
    return facts


def _percent(share: float | None, lang) -> str:
    return "–" if share is None else f"{format_number(round(share * 100), lang=lang)} %"


def fact_lines(facts: CountryFacts, cycle_label: str, lang: str | None = None) -> list[str]:
    """The key facts as short sentences, each stating its period (the cycle)."""
    lines = []
    if facts.received:
        lines.append(t("{cycle}: {received} UPR recommendations received, {supported} supported ({share}) "
                       "and {noted} noted.", lang=lang, cycle=cycle_label,
                       received=format_number(facts.received, lang=lang),
                       supported=format_number(facts.supported, lang=lang), share=_percent(facts.supported_share, lang),
                       noted=format_number(facts.noted, lang=lang)))
        top = facts.by_theme.sort_values("total", ascending=False, kind="stable").head(TOP_THEMES)
        if not top.empty:
            lines.append(t("Most recommended themes in {cycle}: {themes}.", lang=lang, cycle=cycle_label,
                           themes="; ".join(f"{row.theme} ({format_number(row.total, lang=lang)})"
                                            for row in top.itertuples(index=False))))
    else:
        lines.append(t("{cycle}: no UPR recommendations loaded for this country.", lang=lang, cycle=cycle_label))
    lines.append(t("Newly ratified or acceded to in {cycle}: {treaties}.", lang=lang, cycle=cycle_label,
                   treaties="; ".join(facts.ratified)) if facts.ratified
                 else t("No new ratification or accession of a core treaty in {cycle}.", lang=lang,
                        cycle=cycle_label))
    words = direction_words(lang)
    for direction in MOVED:
        moved = facts.progress[facts.progress["direction"] == direction]["indicator"].tolist()
        if moved:
            lines.append(t("{direction} in {cycle}: {indicators}.", lang=lang, direction=words[direction],
                           cycle=cycle_label, indicators="; ".join(moved)))
    if not facts.progress["direction"].isin(MOVED).any():
        lines.append(t("No headline indicator moved beyond its threshold in {cycle}.", lang=lang,
                       cycle=cycle_label))
    return lines


def method_sentences(lang: str | None = None) -> list[str]:
    """The progress method in three sentences (the full paragraph is on the Progress page)."""
    return [
        t("Each indicator is compared between its baseline (a value at most two years before the cycle "
          "starts, else the first value inside it) and its latest value inside the cycle.", lang=lang),
        t("Rates and percentages use the open-sdg growth measure (compound annual growth, direction-adjusted, "
          "thresholds scaled near natural limits); bounded indices change only beyond their publisher's "
          "cut-points, year on year or across the cycle; a category changes when it changes; treaties count "
          "what was newly achieved in the cycle.", lang=lang),
        t("Fewer than two values, or no value inside the cycle, give 'unable to assess'; a status describes "
          "a trend, not its cause.", lang=lang),
    ]


def _given(value) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value)) and str(value) != ""


def citation(row: dict, lang: str | None = None) -> str:
    """One source as a citation: publisher, title, file, then sources.yml's citation, web address and
    access date where given, licence, the first 12 digits of its sha256."""
    parts = [str(row.get("publisher") or ""), str(row.get("title") or ""), str(row.get("file") or "")]
    parts += [str(row[key]).rstrip(".") for key in ("citation", "url") if _given(row.get(key))]
    if _given(row.get("accessed")):
        parts.append(t("Accessed {date}", lang=lang, date=format_date(row["accessed"], lang=lang)))
    text = ". ".join(part for part in parts if part)
    if row.get("licence"):
        text += ". " + t("Licence: {licence}", lang=lang, licence=row["licence"])
    return text + ". " + t("sha256 {digest}", lang=lang, digest=str(row.get("sha256") or "")[:12])
