"""Country profile: indicator trends with events, recommendations by theme and cycle, responses,
implementation status and recommendations that recur from one UPR cycle to the next."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from exports.tables import readable_columns
from i18n import t
from indicators import charts
from indicators.markdown import escape_markdown
from etl.recurrence import THRESHOLD as RECURRENCE_THRESHOLD
from viewmodels.recurrence import recurrence_table
from viewmodels.country import (MAX_INDICATORS, default_indicators, profile_from_url,
                                       recurring_table, responses_frame, status_frame, theme_groups,
                                       unit_of)
from indicators.names import frame_names
from viewmodels.overview import (assign_cycles, by_cycle, complete_grid,
                                        filter_cube, publishers_text,
                                        year_span, years_text)
from ui.chart_block import show_chart, show_table
from ui.coverage import warn_missing_reviews
from ui.context import no_data, page_context
from ui.notices import notify_ignored

PROFILE_KEY = "country_profile"

ctx = page_context()
f = ctx.filters
lang = ctx.lang
years = f.sql_params("year_from", "year_to")
names = ctx.names.countries
all_themes = ctx.names.themes
themes = {f.theme: all_themes[f.theme]} if f.theme in all_themes else all_themes
cycles = ctx.query("filter_choices_cycles")
cycle_labels = ctx.names.cycles
shown_cycles = {code: cycle_labels[code] for code in cycles.loc[cycles["kind"] == f.cycle_kind, "code"]
                if f.cycle in (None, code)}

st.title(t("Country profile", lang=lang))

# ---- which country: the selectbox, seeded from ?profile= and by default the first selected country ----
options = list(names)
url_value = st.query_params.get("profile")
from_url, invalid = profile_from_url(url_value, options)
if invalid:
    notify_ignored([f"profile={str(url_value)[:40]}"], lang, inline=True)
default = next((code for code in f.countries if code in names), options[0])
if from_url and st.session_state.get("_profile_seeded_from") != from_url:
    st.session_state[PROFILE_KEY] = from_url
    st.session_state["_profile_seeded_from"] = from_url
elif st.session_state.get(PROFILE_KEY) not in names or (
        st.session_state.get(PROFILE_KEY) == st.session_state.get("_profile_default") and not from_url):
    st.session_state[PROFILE_KEY] = default
st.session_state["_profile_default"] = default
iso3 = st.selectbox(t("Country", lang=lang), options, key=PROFILE_KEY,
                    format_func=lambda code: names.get(code, code))
st.query_params["profile"] = iso3
country = names.get(iso3, iso3)
safe_country = escape_markdown(country)  # for messages rendered as markdown
# the filters in words (notices, chart and export subtitles) name the profile's country, not the sidebar's
ctx = replace(ctx, filters=replace(f, countries=(iso3,)))
st.caption(t("Indicators and recommendations of one country under the filters in the sidebar "
             "(theme, cycle, years, mechanism); the country list in the sidebar sets only the default.",
             lang=lang))

# the recommendation section's queries, started now: they run on background threads while the trends are drawn
filters = dict(country=iso3, theme=f.theme, cycle=f.cycle, mechanism=f.mechanism, **years)
recommendation_sources_later = ctx.start("country_recommendation_sources", country=iso3)
implementation_later = ctx.start("country_implementation", **filters)
recurring_later = ctx.start("country_recurring", **filters)
similar_later = ctx.start("country_recurrence", **filters)

# ---- indicator trends ------------------------------------------------------------------------------------
st.header(t("Indicator trends", lang=lang))
indicators = ctx.query("country_indicators", country=iso3, theme=f.theme, **years)
if indicators.empty:
    no_data(ctx, t("No indicator data for {country} in this selection", lang=lang, country=safe_country))
else:
    labels = frame_names(indicators, "code", lang)
    picker = f"country_indicators_{iso3}"
    if picker in st.session_state:
        st.session_state[picker] = [code for code in st.session_state[picker] if code in labels]
    else:
        st.session_state[picker] = default_indicators(indicators)
    shown = st.multiselect(t("Indicators shown (headline indicators first; add more here)", lang=lang),
                           list(labels), key=picker, format_func=lambda code: labels.get(code, code),
                           max_selections=MAX_INDICATORS, placeholder=t("Choose indicators", lang=lang))
    observations = ctx.query("country_observations", country=iso3, indicators=shown, **years)
    observations["country_name"] = country
    events = ctx.query("country_events", country=iso3)
    if not shown:
        st.caption(t("Choose indicators above to draw their trends.", lang=lang))
    by_indicator = {code: rows.reset_index(drop=True)
                    for code, rows in observations.groupby("indicator_code", sort=False)}
    for theme, rows in theme_groups(indicators, shown, lang):
        st.subheader(escape_markdown(theme))
        for row in rows:   # full width: long indicator names and source lines stay legible
            series = by_indicator.get(row["code"], observations.iloc[0:0])
            title = labels[row["code"]]
            unit = unit_of(row, lang)
            source = ctx.source_note(str(row["publisher"] or ""))
            figure = charts.trend_chart(series, title=title, unit=unit, source=source, is_demo=ctx.is_demo,
                                        events=events, countries_names={iso3: country}, lang=lang)
            show_chart(ctx, figure, chart_id=f"country-trend-{row['code']}",
                       data=readable_columns(series.assign(unit=unit), lang), title=title,
                       source=source, years=years_text(year_span(series["year"])))
    events_box = st.expander(t("Events drawn on the charts", lang=lang), key="country-events-open",
                             on_change="rerun") if not events.empty else None
    if events_box is not None and events_box.open:    # built only when opened
        with events_box:
            table = events.assign(kind=[charts.event_kind_label(kind, lang) for kind in events["kind"]],
                                  country_iso3=[names.get(code, code) for code in events["country_iso3"]],
                                  # a year-only event (the source gives no day) shows its year, not a made-up day
                                  date=[str(pd.Timestamp(day).year) if only else pd.Timestamp(day).date().isoformat()
                                        for day, only in zip(events["date"], events["year_only"])]
                                  ).drop(columns=["year_only"])
            table = table.rename(columns={"country_iso3": t("Country", lang=lang), "date": t("Date", lang=lang),
                                          "kind": t("Event", lang=lang), "title": t("Description", lang=lang)})
            show_table(ctx, table, table_id="country-events", title=t("Events: {country}", lang=lang,
                                                                        country=country))

# ---- recommendations ---------------------------------------------------------------------------------------
st.header(t("Recommendations", lang=lang))
warn_missing_reviews(ctx)     # the profile's reviews not loaded: their cycles are empty, not zero
recommendation_source = ctx.source_note(publishers_text(recommendation_sources_later()))

# aggregated once per warehouse in SQL (a few thousand rows), filtered here: filter changes stay fast
theme_cube = filter_cube(ctx.query("overview_theme_cube"), [iso3], f.mechanism, **years, theme=f.theme)
recommendation_cube = theme_cube if f.theme else filter_cube(ctx.query("overview_recommendation_cube"),
                                                             [iso3], f.mechanism, **years)
by_theme = by_cycle(assign_cycles(theme_cube, cycles, f.cycle_kind, f.cycle), cycles, ["theme_code"])
if by_theme.empty:
    no_data(ctx, t("No recommendations for {country} in this selection", lang=lang, country=safe_country))
else:
    rows = themes if f.theme else {**themes, "other": t("Other themes", lang=lang)}   # outside the priorities
    grid = complete_grid(by_theme, "theme_code", "cycle_code", "recommendations", rows, shown_cycles,
                         row_label="theme", column_label="cycle")
    span = year_span(by_theme["first_year"], by_theme["last_year"])
    title = t("{country}: recommendations received by theme and cycle", lang=lang, country=country)
    figure = charts.heatmap(grid, rows="theme", columns="cycle", values="recommendations", title=title,
                            source=recommendation_source, years=span or [], is_demo=ctx.is_demo,
                            value_label=t("Recommendations (number)", lang=lang),
                            row_title=t("Theme", lang=lang), column_title=t("Cycle", lang=lang), lang=lang,
                            blank_empty_columns=True)
    show_chart(ctx, figure, chart_id="country-theme-cycle", data=readable_columns(grid, lang), title=title,
               source=recommendation_source, years=years_text(span))
    st.caption(t("A recommendation tagged with several themes is counted under each of them.", lang=lang))

left = right = st.container()   # one below the other: the titles and source lines need the width
with left:
    st.subheader(t("Responses to UPR recommendations", lang=lang))
    upr_only = recommendation_cube[recommendation_cube["mechanism"] == "upr"]
    responses = by_cycle(assign_cycles(upr_only, cycles, f.cycle_kind, f.cycle), cycles, [])
    if responses.empty:
        no_data(ctx, t("No UPR recommendations for {country} in this selection", lang=lang,
                       country=safe_country))
    else:
        frame = responses_frame(responses, cycle_labels)
        span = year_span(responses["first_year"], responses["last_year"])
        title = t("{country}: responses to UPR recommendations by cycle", lang=lang, country=country)
        figure = charts.stacked_responses(frame, title=title, source=recommendation_source, years=span or [],
                                          is_demo=ctx.is_demo, by="cycle_name", lang=lang)
        show_chart(ctx, figure, chart_id="country-responses",
                   data=readable_columns(frame, lang, drop=("cycle_name_en", "cycle_name_ru")), title=title,
                   source=recommendation_source, years=years_text(span))
with right:
    st.subheader(t("Implementation status", lang=lang))
    implementation = implementation_later()
    if implementation.empty:
        no_data(ctx, t("No implementation status recorded for {country} in this selection", lang=lang,
                       country=safe_country))
        st.caption(t("Implementation status is loaded from the implementation template "
                     "(data/templates/implementation.csv) that national mechanisms can fill in.", lang=lang))
    else:
        frame = status_frame(implementation, lang)
        span = year_span(implementation["first_year"], implementation["last_year"])
        source = ctx.source_note(publishers_text(ctx.query("country_implementation_sources", country=iso3)))
        title = t("{country}: recommendations by latest implementation status", lang=lang, country=country)
        figure = charts.bar_chart(frame, x="status_name", y="recommendations", title=title,
                                  unit=t("recommendations", lang=lang), source=source, years=span or [],
                                  is_demo=ctx.is_demo, x_title=t("Latest status", lang=lang), lang=lang)
        show_chart(ctx, figure, chart_id="country-implementation", data=readable_columns(frame, lang),
                   title=title, source=source,
                   years=years_text(span))
        st.caption(t("Each recommendation counts once, under its most recent status.", lang=lang))

st.subheader(t("Recommendations that recur from one UPR cycle to the next", lang=lang))
recurring = recurring_later()
if recurring.empty:
    no_data(ctx, t("No recurring UPR recommendations for {country} in this selection", lang=lang,
                   country=safe_country))
else:
    show_table(ctx, recurring_table(recurring, cycle_labels, lang), table_id="country-recurring",
               title=t("{country}: recurring UPR recommendations", lang=lang, country=country),
               source=recommendation_source)
st.caption(t("The same text (ignoring case and surrounding spaces) received in two or more UPR cycles; "
             "a recommendation that comes back is a signal that it has not been implemented.", lang=lang))

st.subheader(t("Recommendations repeated in a later UPR cycle in similar words", lang=lang))
similar = similar_later()
if similar.empty:
    no_data(ctx, t("No recommendation of {country} repeats an earlier cycle's in this selection", lang=lang,
                   country=safe_country))
else:
    show_table(ctx, recurrence_table(similar, cycle_labels, lang), table_id="country-recurrence",
               title=t("{country}: recommendations that recur from an earlier UPR cycle", lang=lang,
                       country=country), source=recommendation_source)
st.caption(t("Pairs of recommendations to the same state in different UPR cycles whose words match closely "
             "(rapidfuzz token-sort similarity of at least {threshold} out of 100; checked by hand on the "
             "real UPR Info extract).", lang=lang, threshold=int(RECURRENCE_THRESHOLD)))
