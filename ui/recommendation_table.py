"""How the Recommendations page table is laid out: text wide and wrapped, response pinned beside it."""
from __future__ import annotations

import streamlit as st

from i18n import t

DISPLAY_ROW_HEIGHT = 96   # pixels: about four lines of a recommendation's text


def display_column_config(lang: str | None = None) -> dict:
    """Column widths for viewmodels.recommendations.display_table; the first four stay in view."""
    return {t("Year", lang): st.column_config.NumberColumn(width="small", format="%d", pinned=True),
            t("Country", lang): st.column_config.TextColumn(width="small", pinned=True),
            t("Recommendation", lang): st.column_config.TextColumn(width="large", pinned=True),
            t("Response", lang): st.column_config.TextColumn(width="small", pinned=True)}
