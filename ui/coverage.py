"""The 'which reviews are loaded' block and warning shared by the pages that count recommendations."""
from __future__ import annotations

import streamlit as st

from i18n import t
from viewmodels.coverage import coverage_summary, coverage_table
from indicators.markdown import escape_markdown
from indicators.records import of_countries
from ui.chart_block import show_table


def _coverage(ctx):
    """The reviews of the selected countries: read once for every choosable country (one query result per
    warehouse version), kept here for the selection, so a change of countries asks the database nothing."""
    coverage = of_countries(ctx.query("coverage_reviews", countries=ctx.every_country), ctx.filters.countries)
    return coverage, ctx.names.countries


def warn_missing_reviews(ctx) -> None:
    """A warning naming the reviews of the selected countries that are not loaded (nothing if all are): a
    review not loaded is missing data, not zero recommendations."""
    coverage, names = _coverage(ctx)
    missing = coverage_summary(coverage, names, ctx.lang) if not coverage.empty else ""
    if missing:
        st.warning(escape_markdown(missing))


def show_review_coverage(ctx, table_id: str) -> None:
    """Loaded / missing reviews of the selected countries (UPR sessions, bodies), with downloads."""
    lang = ctx.lang
    coverage, names = _coverage(ctx)
    if coverage.empty:
        return
    box = st.expander(t("Which reviews are loaded", lang=lang), key=f"{table_id}-open", on_change="rerun")
    if not box.open:    # built only when opened: a closed expander costs a rerun nothing
        return
    with box:
        st.caption(t("UPR reviews of each country (data/reference/upr_reviews.csv) and the treaty bodies and "
                     "special procedures found in the data. A review not loaded has no count: it is "
                     "missing data, not zero recommendations.", lang=lang))
        show_table(ctx, coverage_table(coverage, names, lang), table_id=table_id,
                   title=t("Which reviews are loaded", lang=lang), source=t("Warehouse build log", lang=lang))
