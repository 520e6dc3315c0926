"""What every page needs on each run: the warehouse version, the filters, language, demo flag, name maps."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from i18n import t
from indicators.cache import cached
from indicators.markdown import escape_markdown
from indicators.names import NameMaps
from indicators.queries import StartedQuery, run_query, start_query
from indicators.warehouse import WarehouseKey
from ui.filters import FilterDefaults, Filters


@cached(16)
def name_maps(key: WarehouseKey, lang: str) -> NameMaps:
    """Code -> name maps of one warehouse version in one language, built once (cached)."""
    return NameMaps.from_frames(run_query("filter_choices_countries", key), run_query("filter_choices_themes", key),
                                run_query("filter_choices_cycles", key), lang)


@cached(8)
def filter_defaults(key: WarehouseKey) -> FilterDefaults:
    """The focus countries, year bounds and default years of one warehouse version (cached)."""
    return FilterDefaults.from_frames(run_query("filter_choices_countries", key), run_query("filter_years", key))


@dataclass(frozen=True)
class PageContext:
    """Handed to a page by app.py through st.session_state."""

    key: WarehouseKey
    filters: Filters
    is_demo: bool
    names: NameMaps                 # code -> name maps in the filters' language (name_maps: once per run)
    present: str | None = None      # chart id shown alone in presentation mode (?present=...)

    @property
    def lang(self) -> str:
        return self.filters.lang

    @property
    def every_country(self) -> list[str]:
        """Every choosable country's code, sorted: the `countries` of a query asked once per warehouse version
        and narrowed to the selection in Python (indicators.records.of_countries)."""
        return sorted(self.names.countries)

    def query(self, name: str, **params):
        """Run a named query on this warehouse version (cached by value)."""
        return run_query(name, self.key, **params)

    def start(self, name: str, **params) -> StartedQuery:
        """Start a named query now, on a background thread; call what it returns for the result (the same
        as `query` gives). A page starts the queries its later sections need while it builds the first."""
        return start_query(name, self.key, **params)

    def source_note(self, source: str) -> str:
        """The source line a chart carries; says 'demonstration data' when it applies."""
        if self.is_demo:
            return t("Demonstration data (generated) — not real figures", lang=self.lang)
        return source

    def filter_words(self) -> str:
        """The active filters in one line of words, in the page's language."""
        return self.filters.words(self.names, self.lang)


def page_context() -> PageContext:
    """The context app.py stored for this run."""
    return st.session_state["page_context"]


def no_data(ctx: PageContext, what: str | None = None) -> None:
    """A friendly 'no data for this selection' naming, in words, the filters that caused it."""
    title = what or t("No data for this selection", lang=ctx.lang)
    st.info(escape_markdown(f"{title} — {ctx.filter_words()}"))
