"""The Manage data page's tables (check results, problems, changes, history), localized; pure."""
from __future__ import annotations

import pandas as pd

from etl.build import SourceSummary
from etl.errors import InputError
from i18n import format_year_range, t


def action_words(lang: str) -> dict[str, str]:
    return {"apply": t("applied", lang=lang), "rollback": t("rolled back", lang=lang),
            "initial": t("before the first update", lang=lang)}


def problems_table(errors: list[InputError], lang: str) -> pd.DataFrame:
    """One row per problem: file, row, column and what is wrong (as python -m etl check says it)."""
    return pd.DataFrame({
        t("File", lang=lang): [e.file for e in errors],
        t("Row", lang=lang): [e.row for e in errors],
        t("Column", lang=lang): [e.column for e in errors],
        t("Problem", lang=lang): [e.detail + (" (" + t("expected {what}", lang=lang, what=e.expected) + ")"
                                              if e.expected else "") for e in errors],
    })


def check_table(summary: SourceSummary, lang: str) -> pd.DataFrame:
    """What one checked file holds: format, rows, countries, years, indicators, recommendations."""
    found = summary.found
    years = format_year_range(found["first_year"], found.get("last_year")) if found.get("first_year") is not None else ""
    return pd.DataFrame({
        t("Format", lang=lang): [summary.format], t("Rows read", lang=lang): [summary.rows_read],
        t("Rows loaded", lang=lang): [summary.rows_loaded],
        t("Rows rejected", lang=lang): [summary.rows_rejected],
        t("Countries", lang=lang): [found.get("countries", "")], t("Years", lang=lang): [years],
        t("Indicators", lang=lang): [found.get("indicators", 0)],
        t("Recommendations", lang=lang): [found.get("recommendations", 0)]})


def changes_table(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    return changes.rename(columns={
        "table_name": t("Table", lang=lang), "source": t("Source", lang=lang),
        "added": t("Rows added", lang=lang), "removed": t("Rows removed", lang=lang)})


def history_table(records: list[dict], lang: str) -> pd.DataFrame:
    actions = action_words(lang)
    return pd.DataFrame({
        t("Date", lang=lang): [r["date"] for r in records],
        t("Who", lang=lang): [r["who"] for r in records],
        t("What", lang=lang): [actions.get(r["action"], r["action"]) for r in records],
        t("Sources (sha256)", lang=lang): ["; ".join(f"{s['file']} {s['sha256']}" for s in r["sources"])
                                           for r in records]})
