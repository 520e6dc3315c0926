"""What every page needs on each run: the warehouse version, the filters, language, demo flag."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from i18n import t
from indicators.queries import run_query
from indicators.warehouse import WarehouseKey
from ui.filters import Filters


@dataclass(frozen=True)
class PageContext:
    """Handed to a page by app.py through st.session_state."""

    key: WarehouseKey
    filters: Filters
    is_demo: bool
    present: str | None = None      # chart id shown alone in presentation mode (?present=...)

    @property
    def lang(self) -> str:
        return self.filters.lang

    def query(self, name: str, **params):
        """Run a named query on this warehouse version (cached by value)."""
        return run_query(name, self.key, **params)

    def source_note(self, source: str) -> str:
        """The source line a chart carries; says 'demonstration data' when it applies."""
        if self.is_demo:
            return t("Demonstration data (generated) — not real figures", lang=self.lang)
        return source


def page_context() -> PageContext:
    """The context app.py stored for this run."""
    return st.session_state["page_context"]


def no_data(ctx: PageContext, what: str | None = None) -> None:
    """A friendly 'no data for this selection' naming the filters that caused it."""
    f = ctx.filters
    parts = [t("Countries", lang=ctx.lang) + ": " + ", ".join(f.countries)]
    if f.theme:
        parts.append(t("Theme", lang=ctx.lang) + ": " + f.theme)
    if f.cycle:
        parts.append(t("Cycle", lang=ctx.lang) + ": " + f.cycle)
    if f.mechanism:
        parts.append(t("Mechanism", lang=ctx.lang) + ": " + f.mechanism)
    parts.append(t("Years", lang=ctx.lang) + f": {f.year_from}–{f.year_to}")
    title = what or t("No data for this selection", lang=ctx.lang)
    st.info(f"{title} — " + "; ".join(parts))
