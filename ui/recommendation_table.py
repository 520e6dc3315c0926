"""How the Recommendations page table is laid out: text wide and wrapped, response pinned beside it."""
from __future__ import annotations

import streamlit as st

from i18n import t

DISPLAY_ROW_HEIGHT = 96   # pixels: about four lines of a recommendation's text
# pixels: the longest focus country ('Туркменистан', 'Turkmenistan') and response ('Поддержано', 'Supported')
# on one line with the cell's padding ("small" is 75 px: they broke mid-word)
NAME_WIDTH = 124


def display_column_config(lang: str | None = None) -> dict:
    """Column widths for viewmodels.recommendations.display_table; the first four stay in view."""
    return {t("Year", lang): st.column_config.NumberColumn(width="small", format="%d", pinned=True),
            t("Country", lang): st.column_config.TextColumn(width=NAME_WIDTH, pinned=True),
            t("Recommendation", lang): st.column_config.TextColumn(width="large", pinned=True),
            t("Response", lang): st.column_config.TextColumn(width=NAME_WIDTH, pinned=True)}
