"""Test-only page: three charts and a table rendered through ui.chart_block (stands in for a real page)."""
import streamlit as st

from i18n import localized, t
from indicators.charts import bar_chart, stacked_responses, trend_chart
from ui.chart_block import show_chart, show_table
from ui.context import no_data, page_context

ctx = page_context()
lang = ctx.lang
iso3 = ctx.filters.countries[0]
st.title(t("Overview", lang=lang))
observations = ctx.query("brief_headline_observations", country=iso3)
observations = observations[observations["year"].between(ctx.filters.year_from, ctx.filters.year_to)]
if observations.empty:
    no_data(ctx)
    st.stop()
first = observations[observations["indicator_code"] == observations["indicator_code"].iloc[0]]
series = first.assign(country_name=iso3)
years = f"{int(series['year'].min())}–{int(series['year'].max())}"
title = localized(first.iloc[0], "name", lang)
show_chart(ctx, trend_chart(series, title, first["unit_en"].iloc[0], "Test source", ctx.is_demo, lang=lang),
           chart_id="test-trend", data=series, title=title, source="Test source", years=years)
latest = observations.sort_values("year").groupby("indicator_code", as_index=False).last()
show_chart(ctx, bar_chart(latest, "indicator_code", "value", "Latest values", "", "Test source",
                          latest["year"], ctx.is_demo, horizontal=True, lang=lang),
           chart_id="test-bar", data=latest, title="Latest values", source="Test source", years=years)
counts = ctx.query("brief_recommendations", country=iso3).dropna(subset=["theme_code"])
show_chart(ctx, stacked_responses(counts, "Recommendations by theme", "Test source", None, ctx.is_demo,
                                  by="name_en", lang=lang),
           chart_id="test-responses", data=counts, title="Recommendations by theme", source="Test source",
           years="")
show_table(ctx, counts, table_id="test-table", title="Recommendations by theme", source="Test source")
