"""Coverage of the loaded reviews (which UPR sessions and bodies are loaded or missing), as a table."""
from __future__ import annotations

import pandas as pd

from i18n import format_number, localized, t
from indicators.records import row_dicts


def review_label(row: dict, lang: str | None) -> str:
    """'UPR session 7 (2010)' for a UPR review; the body (e.g. 'CAT') otherwise."""
    if row["mechanism"] == "upr" and row["session"] is not None and not pd.isna(row["session"]):
        year = row.get("first_year")
        text = t("UPR session {session}", lang=lang, session=int(row["session"]))
        return text + (f" ({int(year)})" if year is not None and not pd.isna(year) else "")
    return str(row.get("body") or row["mechanism"])


def coverage_table(coverage: pd.DataFrame, names: dict[str, str], lang: str | None) -> pd.DataFrame:
    """The coverage_reviews rows with translated headers: a review not loaded says so (no count, not 0)."""
    mechanisms = {"upr": t("UPR", lang=lang), "treaty_body": t("Treaty body", lang=lang),
                  "special_procedure": t("Special procedure", lang=lang)}
    records = row_dicts(coverage)
    return pd.DataFrame({
        t("Country", lang=lang): [names.get(row["country_iso3"], row["country_iso3"]) for row in records],
        t("Mechanism", lang=lang): [mechanisms.get(row["mechanism"], row["mechanism"]) for row in records],
        t("Review", lang=lang): [review_label(row, lang) for row in records],
        t("Cycle", lang=lang): [localized(row, "cycle_name", lang) if row.get("cycle_code") else ""
                                for row in records],
        t("Status", lang=lang): [t("Loaded", lang=lang) if row["loaded"] else t("Not loaded (no data)", lang=lang)
                                 for row in records],
        t("Recommendations", lang=lang): pd.array([None if not row["loaded"] else int(row["recommendations"])
                                                   for row in records], dtype="Int64"),
        t("Voluntary pledges", lang=lang): pd.array([None if not row["loaded"] else int(row["pledges"])
                                                     for row in records], dtype="Int64"),
    })


def coverage_summary(coverage: pd.DataFrame, names: dict[str, str], lang: str | None) -> str:
    """'Not loaded: Tajikistan UPR session 12 (2011), ...' or '' when every listed review is loaded."""
    missing = coverage[~coverage["loaded"].astype(bool)]
    if missing.empty:
        return ""
    parts = [f"{names.get(row['country_iso3'], row['country_iso3'])} {review_label(row, lang)}"
             for row in row_dicts(missing)]
    return t("Reviews not loaded ({count}): {reviews}", lang=lang, count=format_number(len(parts), lang),
             reviews="; ".join(parts))
