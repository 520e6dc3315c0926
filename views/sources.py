"""Data and sources: every loaded file, the indicator catalogue, and where values are missing."""
from __future__ import annotations

import streamlit as st

from exports.tables import readable_columns
from i18n import t
from indicators.names import frame_names
from viewmodels.sources import (
    MAX_INDICATORS, catalogue_table, coverage_figure, coverage_grid, default_indicators,
    missing_table, of_theme, sources_table)
from indicators.provenance import warehouse_version
from indicators.records import of_countries
from ui.chart_block import show_chart, show_table
from ui.context import no_data, page_context
from ui.coverage import show_review_coverage, warn_missing_reviews
from ui.notices import notify_ignored

URL_KEY = "indicator"


def chosen_indicators(lang: str, names: dict[str, str], defaults: list[str]) -> list[str]:
    """The indicators of the gaps view: from the URL (validated) into the widget, and back."""
    from_url = st.query_params.get_all(URL_KEY)
    valid = list(dict.fromkeys(code for code in from_url if code in names))[:MAX_INDICATORS]
    notify_ignored([f"{URL_KEY}={code[:40]}" for code in from_url if code not in valid], lang)
    initial = tuple(valid or defaults)
    if st.session_state.get("src_seeded_from") != initial:
        st.session_state["src_seeded_from"] = initial
        st.session_state["src_indicators"] = list(initial)
    st.multiselect(t("Indicators", lang=lang), list(names), key="src_indicators",
                   format_func=lambda code: names.get(code, code), max_selections=MAX_INDICATORS,
                   placeholder=t("Choose indicators", lang=lang))
    selected = list(st.session_state["src_indicators"])
    if selected and selected != defaults:
        if st.query_params.get_all(URL_KEY) != selected:
            st.query_params[URL_KEY] = selected
    elif URL_KEY in st.query_params:
        del st.query_params[URL_KEY]
    st.session_state["src_seeded_from"] = tuple(selected or defaults)
    return selected


def sources_section(ctx) -> None:
    lang = ctx.lang
    st.subheader(t("Sources loaded", lang=lang))
    st.caption(t("Every file in this warehouse: its format, publisher and licence, how many rows were "
                 "read, loaded and rejected, and the years its data cover.", lang=lang))
    sources = ctx.query("sources_list")
    if sources.empty:
        st.info(t("No source has been loaded.", lang=lang))
        return
    version = warehouse_version(ctx.query("provenance_sources")["sha256"])
    st.markdown(t("Warehouse version: `{version}` (a short hash of the sha256 of every file loaded; every "
                  "export names it)", lang=lang, version=version))
    show_table(ctx, sources_table(sources, lang), table_id="sources", title=t("Sources loaded", lang=lang),
               source=t("Warehouse build log", lang=lang))


def catalogue_section(ctx, indicators) -> None:
    lang = ctx.lang
    st.subheader(t("Indicator catalogue", lang=lang))
    if ctx.filters.theme:
        st.caption(t("Indicators of the theme chosen in the sidebar.", lang=lang))
    if indicators.empty:
        no_data(ctx, t("No indicator in the catalogue for this selection", lang=lang))
        return
    show_table(ctx, catalogue_table(indicators, lang), table_id="indicator-catalogue",
               title=t("Indicator catalogue", lang=lang), source=t("Indicator catalogue", lang=lang))


def gaps_section(ctx, indicators) -> None:
    lang = ctx.lang
    st.subheader(t("Data gaps", lang=lang))
    st.caption(t("For the chosen indicators and the countries and years in the sidebar: which "
                 "country-years have a value (total or disaggregated) and which have none.", lang=lang))
    with_data = indicators[indicators["observations"] > 0]
    names = frame_names(with_data, "code", lang)
    if not names:
        no_data(ctx, t("No indicator with data for this selection", lang=lang))
        return
    selected = chosen_indicators(lang, names, default_indicators(with_data))
    if not selected:
        st.info(t("Choose at least one indicator.", lang=lang))
        return
    f = ctx.filters
    # asked for every choosable country (one result per warehouse version, indicators and years), narrowed here
    present = of_countries(ctx.query("sources_coverage", indicators=selected, countries=ctx.every_country,
                                     **f.sql_params("year_from", "year_to")), f.countries)
    grid = coverage_grid(present, selected, list(f.countries), f.year_from, f.year_to, names, ctx.names.countries)
    publishers = sorted({str(p) for p in with_data.loc[with_data["code"].isin(selected), "publisher"].dropna()})
    source = ctx.source_note("; ".join(publishers))
    title = t("Years with a value (1) and missing (0)", lang=lang)
    fig = coverage_figure(grid, title, source, ctx.is_demo, lang)
    show_chart(ctx, fig, chart_id="data-gaps", data=readable_columns(grid, lang), title=title, source=source,
               years=f.years)
    missing = missing_table(grid, lang)
    total = len(grid)
    st.caption(t("{missing} of {total} country-years have no value.", lang=lang,
                 missing=len(missing), total=total))
    if present.empty:
        no_data(ctx, t("No values at all for these indicators in this selection", lang=lang))
    if missing.empty:
        st.success(t("No gaps: every country-year in the range has a value.", lang=lang))
        return
    show_table(ctx, missing, table_id="missing-country-years",
               title=t("Missing country-years", lang=lang), source=source)


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    st.title(t("Data and sources", lang=lang))
    st.caption(t("Where every figure comes from, under which licence, what each indicator means, and "
                 "where the data have gaps.", lang=lang))
    sources_section(ctx)
    indicators = of_theme(ctx.query("sources_indicators"), ctx.filters.theme)
    catalogue_section(ctx, indicators)
    gaps_section(ctx, indicators)
    st.subheader(t("Reviews loaded", lang=lang))
    warn_missing_reviews(ctx)
    show_review_coverage(ctx, "sources-review-coverage")


main()
