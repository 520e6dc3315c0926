"""Pure reshaping for the country profile page: the profile choice, indicator picks, tables."""
from __future__ import annotations

import re

import pandas as pd

from i18n import localized, t
from indicators.records import row_dicts

ISO3 = re.compile(r"^[A-Z]{3}$")
MAX_INDICATORS = 12
STATUSES = ("not_implemented", "partially_implemented", "fully_implemented")


def profile_from_url(value: str | None, options: list[str]) -> tuple[str | None, bool]:
    """(the country a `profile` URL value names, whether the value was invalid and ignored)."""
    if value is None or value == "":
        return None, False
    if ISO3.match(value) and value in options:
        return value, False
    return None, True


def default_indicators(indicators: pd.DataFrame, limit: int = MAX_INDICATORS) -> list[str]:
    """One indicator per theme: its first headline with data, else its first indicator (catalogued only).

    indicators: country_indicators rows (ordered by theme, headline first).
    """
    chosen: dict[str, str] = {}
    for row in row_dicts(indicators):
        theme = row["theme_code"]
        if theme is None or pd.isna(theme) or theme in chosen:
            continue
        chosen[theme] = row["code"]
    return list(chosen.values())[:limit]


def theme_groups(indicators: pd.DataFrame, shown: list[str], lang: str | None) -> list[tuple[str, list[dict]]]:
    """[(theme name, [indicator rows shown])] in catalogue theme order; uncatalogued last."""
    groups: dict[str, list[dict]] = {}
    for row in row_dicts(indicators[indicators["code"].isin(shown)]):
        theme = localized(row, "theme_name", lang) or t("Other indicators", lang=lang)
        groups.setdefault(theme, []).append(row)
    return list(groups.items())


def unit_of(row: dict, lang: str | None) -> str:
    """The indicator unit in `lang` (row: unit, unit_ru)."""
    russian = row.get("unit_ru")
    return str(russian) if lang == "ru" and isinstance(russian, str) and russian.strip() else str(row["unit"])


def status_labels(lang: str | None) -> dict[str, str]:
    """Implementation status code -> words."""
    return {"not_implemented": t("Not implemented", lang=lang),
            "partially_implemented": t("Partially implemented", lang=lang),
            "fully_implemented": t("Fully implemented", lang=lang)}


def status_frame(counts: pd.DataFrame, lang: str | None) -> pd.DataFrame:
    """Counts by latest implementation status, every status present, in fixed order, with words."""
    found = dict(zip(counts["status"], counts["recommendations"]))
    labels = status_labels(lang)
    codes = list(STATUSES) + sorted(code for code in found if code not in STATUSES)
    return pd.DataFrame({"status": codes, "status_name": [labels.get(code, code) for code in codes],
                         "recommendations": [int(found.get(code, 0)) for code in codes]})


def responses_frame(responses: pd.DataFrame, cycles: dict[str, str]) -> pd.DataFrame:
    """country_responses rows with a cycle_name (for stacked_responses by='cycle_name')."""
    frame = responses.copy()
    frame.insert(1, "cycle_name", [cycles.get(code, code) for code in frame["cycle_code"]])
    return frame


def recurring_table(recurring: pd.DataFrame, cycles: dict[str, str], lang: str | None) -> pd.DataFrame:
    """Recurring recommendations with cycle names and translated headers."""
    names = [", ".join(cycles.get(code.strip(), code.strip()) for code in str(value).split(","))
             for value in recurring["cycles"]]
    return pd.DataFrame({
        t("Recommendation", lang=lang): recurring["text"],
        t("Cycles", lang=lang): names,
        t("Number of cycles", lang=lang): recurring["cycle_count"].astype(int),
        t("Times received", lang=lang): recurring["recommendations"].astype(int),
        t("First year", lang=lang): recurring["first_year"].astype(int),
        t("Last year", lang=lang): recurring["last_year"].astype(int),
    })
