"""Overview: a card per country, recommendations by theme, ratifications and a map of the region."""
from __future__ import annotations

import streamlit as st

from exports.tables import readable_columns
from i18n import format_number, format_percent, localized, t
from indicators import charts
from indicators.markdown import escape_markdown
from indicators.names import frame_names
from indicators.records import of_countries
from viewmodels.overview import (assign_cycles, by_cycle, chunks, complete_grid, cycle_counts_by_country,
                                 cycle_table, filter_cube, headline_frame, headline_series_frame, headline_series_of,
                                 headline_table, indicators_of, latest_headlines, publishers_of,
                                 publishers_text, response_counts, year_span, years_text)
from indicators.small_multiples import headline_small_multiples
from indicators.sparklines import cycle_sparkline
from ui.chart_block import show_chart, show_sparkline, show_table
from ui.context import no_data, page_context

ctx = page_context()
f = ctx.filters
lang = ctx.lang
countries = list(f.countries)
names = ctx.names.countries
all_themes = ctx.names.themes
themes = {f.theme: all_themes[f.theme]} if f.theme in all_themes else all_themes
years = f.sql_params("year_from", "year_to")
every_country = ctx.every_country   # asked for every choosable country, narrowed to the selection here
# started at once, run on background threads while the sections above the one that needs them are built
sources_later = ctx.start("overview_recommendation_sources", countries=every_country)
series_later = ctx.start("overview_headline_series", countries=every_country, theme=f.theme, **years)
ratifications_later = ctx.start("overview_ratifications", countries=every_country, year_to=f.year_to)
ratification_sources_later = ctx.start("overview_ratification_sources", countries=every_country)
map_indicators_later = ctx.start("overview_map_indicators", countries=every_country, theme=f.theme, **years)
cycles = ctx.query("filter_choices_cycles")
# aggregated once per warehouse in SQL (a few thousand rows), filtered here: filter changes stay fast
theme_cube = filter_cube(ctx.query("overview_theme_cube"), countries, f.mechanism, **years, theme=f.theme)
every_theme_cube = filter_cube(ctx.query("overview_recommendation_cube"), countries, f.mechanism, **years)
recommendation_cube = theme_cube if f.theme else every_theme_cube
recommendation_source = ctx.source_note(publishers_text(publishers_of(sources_later(), countries)))

st.title(t("Overview", lang=lang))
st.caption(t("Recommendations received, responses, headline indicators and treaty ratifications of "
             "the selected countries, under the filters in the sidebar.", lang=lang))

# ---- cards --------------------------------------------------------------------------------------------
st.header(t("Countries at a glance", lang=lang))
per_cycle = by_cycle(assign_cycles(recommendation_cube, cycles, f.cycle_kind, f.cycle), cycles,
                     ["country_iso3"])
# one query for the cards and the small multiples below: each theme's headline indicator by year
series_rows = headline_series_of(series_later(), countries)
headline_rows = latest_headlines(series_rows)
headlines = headline_frame(headline_rows, themes, countries, names, lang)
upr_applies = f.mechanism in (None, "upr")
received_by_country = cycle_counts_by_country(per_cycle, lang)
for group in chunks(countries):
    for column, iso3 in zip(st.columns(len(group)), group):
        with column.container(border=True):
            st.markdown(f"**{escape_markdown(names.get(iso3, iso3))}**")   # bold, no anchor: fits five cards a row
            received = received_by_country.get(iso3)
            if received is None:
                # nothing loaded is not "none received": a review outside the loaded files looks the same
                st.caption(t("No review loaded for this selection (no data, not zero).", lang=lang))
            else:   # the count, its share supported and its change: all of the same, latest cycle
                latest = received.iloc[-1]
                delta = None
                if len(received) > 1:
                    delta = f"{int(latest['recommendations']) - int(received.iloc[-2]['recommendations']):+d}"
                st.metric(t("Recommendations", lang=lang),
                          format_number(int(latest["recommendations"]), lang), delta=delta,
                          delta_color="off",
                          help=t("Recommendations received, {cycle}", lang=lang,
                                 cycle=escape_markdown(latest["cycle_name"]))
                          + ". " + t("The change is against the previous cycle.", lang=lang))
                share = latest["share_supported"] if upr_applies else None
                st.metric(t("Supported", lang=lang),
                          format_percent(share, lang) if share is not None and share == share else "–",
                          help=t("Share of UPR recommendations supported", lang=lang) + ". " + t(
                              "Supported ÷ (supported + noted), UPR recommendations of the same cycle as the "
                              "count; voluntary pledges are not counted.", lang=lang))
                st.caption(escape_markdown(t("Both: {cycle}", lang=lang, cycle=latest["cycle_name"])))
                show_sparkline(cycle_sparkline(received, lang), key=f"overview-spark-{iso3}")
card_tables = st.expander(t("The figures on the cards as tables", lang=lang), key="overview-card-tables",
                          on_change="rerun")
if card_tables.open:   # built only when opened: a closed expander costs a rerun nothing
    with card_tables:
        show_table(ctx, cycle_table(per_cycle, names, lang), table_id="overview-cycles",
                   title=t("Recommendations received per cycle", lang=lang), source=recommendation_source)
        show_table(ctx, headline_table(headlines, lang), table_id="overview-headlines",
                   title=t("Headline indicators: latest value and direction", lang=lang),
                   source=ctx.source_note("; ".join(sorted(set(headline_rows["publisher"].dropna())))))
        st.caption(t("▲/▼: the latest value rose/fell against the previous available value; 'better', 'worse' "
                     "or 'little or no change' is judged by the indicator's progress method, as on the Progress "
                     "page (a change smaller than the publisher's cut-point is little or no change).", lang=lang))

# ---- small multiples: each theme's headline indicator by year ----------------------------------------
st.header(t("Headline indicators", lang=lang))
series = headline_series_frame(series_rows, themes, names, lang)
if series.empty:
    no_data(ctx, t("No headline indicator data for this selection", lang=lang))
else:
    headline_source = ctx.source_note("; ".join(sorted(set(series_rows["publisher"].dropna()))))
    title = t("Headline indicator of each theme, by year", lang=lang)
    span = year_span(series["year"])
    figure = headline_small_multiples(series, title=title, source=headline_source, is_demo=ctx.is_demo, lang=lang)
    show_chart(ctx, figure, chart_id="overview-headlines-chart", data=readable_columns(series, lang), title=title,
               source=headline_source, years=years_text(span))
    st.caption(t("One panel per theme: the theme's headline indicator (the same on the cards' table), a line per "
                 "country; a break in a line is a year without data, not zero. Each panel has its own scale.",
                 lang=lang))

# ---- heatmap: country x theme ------------------------------------------------------------------------
st.header(t("Recommendations by theme", lang=lang))
in_cycle = assign_cycles(theme_cube, cycles, f.cycle_kind, f.cycle) if f.cycle else theme_cube
counts = response_counts(in_cycle, ["country_iso3", "theme_code"]) if not in_cycle.empty else in_cycle
if counts.empty:
    no_data(ctx, t("No recommendations for this selection", lang=lang))
else:
    covered = set(assign_cycles(every_theme_cube, cycles, f.cycle_kind, f.cycle)["country_iso3"]
                  if f.cycle else every_theme_cube["country_iso3"])
    columns = themes if f.theme else {**themes, "other": t("Other themes", lang=lang)}
    grid = complete_grid(counts, "country_iso3", "theme_code", "recommendations",
                         {iso3: names.get(iso3, iso3) for iso3 in countries}, columns,
                         row_label="country", column_label="theme",
                         rows_without_data=[iso3 for iso3 in countries if iso3 not in covered])
    span = year_span(counts["first_year"], counts["last_year"])
    title = t("Recommendations received by country and theme", lang=lang)
    # a row per theme: long theme names read across, the five countries fit as columns on a narrow screen
    figure = charts.heatmap(grid, rows="theme", columns="country", values="recommendations", title=title,
                            source=recommendation_source, years=span or [], is_demo=ctx.is_demo,
                            value_label=t("Recommendations (number)", lang=lang),
                            row_title=t("Theme", lang=lang), column_title=t("Country", lang=lang),
                            lang=lang)
    show_chart(ctx, figure, chart_id="overview-theme-heatmap", data=readable_columns(grid, lang), title=title,
               source=recommendation_source, years=years_text(span))
    st.caption(t("A recommendation tagged with several themes is counted under each of them.", lang=lang))
    st.caption(t("Empty cells: no review of that country is loaded for the selection (no data, not zero). "
                 "'Other themes' counts recommendations whose source tags map to no ROCA theme.",
                 lang=lang))

# ---- ratification matrix -----------------------------------------------------------------------------
st.header(t("Ratification of the core human rights treaties", lang=lang))
treaties = ctx.query("overview_core_treaties")
ratifications = of_countries(ratifications_later(), countries)
if ratifications.empty:
    ratification_sources_later.cancel()
    no_data(ctx, t("No ratification data for this selection", lang=lang))
else:
    ratifications["country_name"] = [names.get(code, code) for code in ratifications["country_iso3"]]
    ratification_source = ctx.source_note(publishers_text(publishers_of(ratification_sources_later(), countries)))
    # "as of" the newest dated record in the data shown, never today's date nor the filter's end year
    dated = ratifications["year"].dropna()
    title = (t("Core treaties and optional protocols: year of ratification (as of {year})", lang=lang,
               year=int(dated.max())) if not dated.empty
             else t("Core treaties and optional protocols: ratification status", lang=lang))
    treaty_names = frame_names(treaties, "code", lang)
    figure = charts.ratification_matrix(ratifications, title=title, source=ratification_source,
                                        is_demo=ctx.is_demo, countries=countries,
                                        treaties=list(treaties["code"]), lang=lang, treaty_names=treaty_names,
                                        treaties_as_rows=True)   # treaty codes legible on a narrow screen
    cells = charts.ratification_cells(ratifications)
    cells.insert(1, "country_name", [names.get(code, code) for code in cells["country_iso3"]])
    cells.insert(3, "treaty_name", [treaty_names.get(code, code) for code in cells["treaty"]])
    status_words = {"ratified": t("Ratified", lang=lang), "signed": t("Signed only", lang=lang)}
    cells.insert(5, "status_name", [status_words.get(code, code) for code in cells["status"]])
    show_chart(ctx, figure, chart_id="overview-ratifications", data=readable_columns(cells, lang), title=title,
               source=ratification_source, years=years_text(year_span(dated)))
    st.caption(t("Ratification includes accession and succession; 'sig.' marks a signature not yet "
                 "followed by ratification.", lang=lang))
    st.caption(t("'As of' is the year of the newest record in the loaded ratification files; 'n.d.' (no date) "
                 "marks an act a source reports without its date.", lang=lang))

# ---- map ---------------------------------------------------------------------------------------------
st.header(t("Map of the region", lang=lang))
indicators = indicators_of(map_indicators_later(), countries)
if indicators.empty:
    no_data(ctx, t("No indicator data for this selection", lang=lang))
else:
    labels = frame_names(indicators, "code", lang)
    if st.session_state.get("overview_map_indicator") not in labels:
        st.session_state["overview_map_indicator"] = next(iter(labels))
    chosen = st.selectbox(t("Indicator shown on the map", lang=lang), list(labels),
                          key="overview_map_indicator", format_func=lambda code: labels.get(code, code))
    indicator = indicators[indicators["code"] == chosen].iloc[0]
    values = of_countries(ctx.query("overview_map_values", indicator=chosen, countries=every_country, **years),
                          countries)
    values["country_name"] = [names.get(code, code) for code in values["country_iso3"]]
    unit = localized({"unit_en": indicator["unit"], "unit_ru": indicator["unit_ru"]}, "unit", lang)
    map_source = ctx.source_note(str(indicator["publisher"] or ""))
    title = t("{indicator}: latest value", lang=lang, indicator=labels[chosen])
    figure = charts.region_map(values, "value", title=title, unit=unit, source=map_source,
                               years=values["year"], is_demo=ctx.is_demo, lang=lang)
    show_chart(ctx, figure, chart_id="overview-map", data=readable_columns(values.assign(unit=unit), lang),
               title=title, source=map_source, years=years_text(year_span(values["year"])), is_map=True)
    st.caption(t("Each country is coloured by its latest value within the selected years; the data "
                 "year can differ between countries (see the download).", lang=lang))
