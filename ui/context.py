"""What every page needs on each run: the warehouse version, the filters, language, demo flag."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from i18n import t
from indicators.markdown import escape_markdown
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
    """A friendly 'no data for this selection' naming, in words, the filters that caused it."""
    from ui.chart_block import filter_summary  # chart_block imports this module

    title = what or t("No data for this selection", lang=ctx.lang)
    st.info(escape_markdown(f"{title} — {filter_summary(ctx)}"))
