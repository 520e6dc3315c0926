"""Recurring recommendations shown side by side: later and earlier texts, cycles and similarity."""
from __future__ import annotations

import pandas as pd

from i18n import t


def recurrence_table(rows: pd.DataFrame, cycles: dict[str, str], lang: str | None = None) -> pd.DataFrame:
    """Rows of country_recurrence with cycle names and translated headers (plain text)."""
    def name(code) -> str:
        return cycles.get(code, code)

    return pd.DataFrame({
        t("Recurs from", lang=lang): [name(code) for code in rows["earlier_cycle_code"]],
        t("Earlier recommendation", lang=lang): rows["earlier_text"].tolist(),
        t("Later cycle", lang=lang): [name(code) for code in rows["cycle_code"]],
        t("Later recommendation", lang=lang): rows["text"].tolist(),
        t("Recommending state (later)", lang=lang): rows["recommending_state"].fillna("").tolist(),
        t("Similarity (0-100)", lang=lang): rows["score"].astype(float).round(1).tolist(),
    })
