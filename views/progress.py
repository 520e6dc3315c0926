"""Progress by cycle: per indicator, country and cycle, baseline -> latest and a status by method."""
from __future__ import annotations

import streamlit as st

from i18n import format_year_range, t
from indicators import charts
from indicators.markdown import escape_markdown
from indicators.names import cycle_frame_names
from indicators.progress import method_explanation
from viewmodels.progress import assessed, chart_rows, cycles_with_values, progress_table, indicator_publishers, valued
from ui.chart_block import show_chart, show_table
from ui.context import no_data, page_context

CYCLE_KEY = "progress_cycle_shown"

ctx = page_context()
lang, filters = ctx.lang, ctx.filters
KIND_WORDS = {"upr": t("UPR cycles", lang=lang), "programming": t("OHCHR programming cycles", lang=lang)}

st.title(t("Progress by cycle", lang=lang))
with st.expander(t("How progress is measured", lang=lang), expanded=True):
    for paragraph in method_explanation(lang).split("\n\n"):
        st.write(paragraph)

cycles, indicators, named = assessed(ctx.key, filters.cycle_kind, filters.cycle, filters.year_from,
                                     filters.year_to, tuple(filters.countries), filters.theme, lang,
                                     _query=ctx.query)
if filters.cycle:
    st.caption(t("Cycle chosen in the filters.", lang=lang))
else:
    st.caption(t("{kind} overlapping the years {years}; choose a cycle in the filters to see one.",
                 lang=lang, kind=KIND_WORDS[filters.cycle_kind], years=filters.years))
if named is None:
    no_data(ctx, t("No indicator values to assess for this selection", lang=lang))
    st.stop()

# the table's source: the publishers of the indicators it assesses from values inside a cycle
source = ctx.source_note(indicator_publishers(indicators, valued(named)["indicator_code"]))

cycle_names = cycle_frame_names(cycles, lang)
with_values = cycles_with_values(named, list(cycle_names))
if len(cycle_names) > 1:
    if st.session_state.get(CYCLE_KEY) not in cycle_names:
        st.session_state[CYCLE_KEY] = with_values[-1] if with_values else list(cycle_names)[-1]
    shown = st.radio(t("Cycle shown in the chart", lang=lang), list(cycle_names), key=CYCLE_KEY,
                     horizontal=True, format_func=lambda code: cycle_names.get(code, code))
else:
    shown = next(iter(cycle_names))
rows = chart_rows(named, shown)
title = t("Progress in {cycle}", lang=lang, cycle=cycle_names[shown])
if rows.empty:
    st.subheader(title)
    no_data(ctx, t("No indicator has a value inside this cycle", lang=lang))
else:
    # the chart's source: the publishers of the indicators with a value inside the cycle shown
    chart_source = ctx.source_note(indicator_publishers(indicators, valued(rows)["indicator_code"]))
    figure = charts.progress_chart(rows, title=title, source=chart_source, is_demo=ctx.is_demo, lang=lang)
    show_chart(ctx, figure, chart_id=f"progress-{shown}", data=progress_table(rows, lang),
               title=title, source=chart_source,
               years=format_year_range(rows["baseline_year"].min(), rows["latest_year"].max()))
    left_out = sorted(set(named.loc[named["cycle_code"] == shown, "indicator_name"].dropna())
                      - set(rows["indicator_name"]))
    if left_out:
        st.caption(t("No value inside this cycle for any chosen country (see the table): {names}",
                     lang=lang, names=escape_markdown("; ".join(left_out))))

st.subheader(t("Assessment by indicator, country and cycle", lang=lang))
st.caption(t("Status in words in every row; the note gives the limits of each result (short series, "
             "years without data). Only totals are assessed (no breakdowns by sex, age or area).",
             lang=lang))
years = format_year_range(named["baseline_year"].min(), named["latest_year"].max()) \
    if named["latest_year"].notna().any() else ""
show_table(ctx, progress_table(named, lang), table_id="progress-assessments",
           title=t("Progress by cycle", lang=lang), source=source, years=years)
