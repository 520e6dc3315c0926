"""Theme explorer: one theme across countries — indicator trends, recommendations, commitments."""
from __future__ import annotations

from functools import partial

import streamlit as st

from exports.tables import readable_columns
from i18n import localized, t
from indicators import charts
from indicators.markdown import escape_markdown
from indicators.provenance import publisher_line
from indicators.records import of_countries, row_dicts
from viewmodels.theme import (indicator_groups, indicator_unit, name_map, response_shares, response_table,
                                     series_of_each, structural_matrix, valid_comparators, with_names,
                                     years_text, latest_values)
from ui.chart_block import show_chart, show_table
from ui.coverage import warn_missing_reviews
from ui.context import no_data, page_context
from ui.notices import notify_ignored

DEFAULT_THEME = "non_discrimination"
COMPARE_PARAM = "compare"
COMPARE_KEY = "theme_compare"
COMPARE_SEEN = "_theme_compare_from_url"
MAX_COMPARE = 10
GROUP_KEY = "theme_indicator_group"


def latest_map(series, countries, title: str, unit: str, source: str, is_demo: bool, lang: str):
    """An indicator chart's map view, built only when picked: each chosen country's latest value, the
    rows it draws, its title and data years."""
    latest = latest_values(series, countries)
    return (charts.region_map(latest, "value", title=title, unit=unit, source=source, years=latest["year"],
                              is_demo=is_demo, lang=lang),
            readable_columns(latest.assign(unit=unit), lang), title, years_text(latest["year"]))


ctx = page_context()
lang, filters = ctx.lang, ctx.filters
TYPE_LABELS = {"structural": t("Structural indicator", lang=lang),
               "process": t("Process indicator", lang=lang),
               "outcome": t("Outcome indicator", lang=lang)}
TYPE_PLURALS = {"structural": t("Structural", lang=lang), "process": t("Process", lang=lang),
                "outcome": t("Outcome", lang=lang)}

st.title(t("Theme explorer", lang=lang))
theme_names = ctx.names.themes
if not theme_names:
    no_data(ctx)
    st.stop()
if filters.theme in theme_names:
    theme = filters.theme
else:
    codes = list(theme_names)
    theme = st.selectbox(t("Theme", lang=lang), codes, key="theme_page_theme",
                         index=codes.index(DEFAULT_THEME) if DEFAULT_THEME in codes else 0,
                         format_func=lambda code: theme_names.get(code, code))
    st.caption(t("No theme is chosen in the filters, so this page shows one theme at a time "
                 "(Non-discrimination and equality unless you choose another here). Choose a theme "
                 "in the sidebar to keep it in the link.", lang=lang))
st.header(theme_names[theme])

# ---- comparator countries (page parameter ?compare=RUS&compare=AFG) -----------------------------
choices = ctx.query("theme_comparator_choices", theme=theme)
choices = choices[~choices["iso3"].isin(filters.countries)]
choice_names = name_map(choices, "iso3", "name", lang)
requested = st.query_params.get_all(COMPARE_PARAM)
from_url = valid_comparators(requested, choice_names)[:MAX_COMPARE]
if st.session_state.get(COMPARE_SEEN) != tuple(requested):
    st.session_state[COMPARE_SEEN] = tuple(requested)
    st.session_state[COMPARE_KEY] = from_url
    notify_ignored([f"{COMPARE_PARAM}={str(value)[:40]}" for value in requested if value not in from_url], lang)
st.session_state[COMPARE_KEY] = [code for code in st.session_state.get(COMPARE_KEY, [])
                                 if code in choice_names]
comparators = st.multiselect(
    t("Compare with", lang=lang), list(choice_names), key=COMPARE_KEY, max_selections=MAX_COMPARE,
    format_func=lambda code: choice_names.get(code, code), placeholder=t("Choose countries", lang=lang),
    help=t("Other countries with data for this theme's indicators, added to the charts and to the "
           "commitments table (countries outside Central Asia as dotted lines).", lang=lang))
if comparators:
    st.query_params[COMPARE_PARAM] = comparators
elif COMPARE_PARAM in st.query_params:
    del st.query_params[COMPARE_PARAM]
st.session_state[COMPARE_SEEN] = tuple(comparators)
countries = list(filters.countries) + [code for code in comparators if code not in filters.countries]

# the later sections' queries, started now: they run on background threads while the trends are drawn
# asked for every choosable country (one result per warehouse version and filters), narrowed here (of_countries)
every_country = ctx.every_country
recommendations_later = ctx.start("theme_recommendations", theme=theme, countries=every_country,
                                  mechanism=filters.mechanism, cycle=filters.cycle,
                                  year_from=filters.year_from, year_to=filters.year_to)

# ---- every indicator of the theme as a trend ------------------------------------------------------
indicators = ctx.query("theme_indicators", theme=theme)
structural = indicators[indicators["type"] == "structural"]
structural_later = (ctx.start("theme_structural", theme=theme, countries=every_country, year_to=filters.year_to)
                    if not structural.empty else None)
observations = with_names(of_countries(ctx.query("theme_observations", theme=theme, countries=every_country,
                                                 **filters.sql_params("year_from", "year_to")), countries), lang)
st.subheader(t("Indicators", lang=lang))
with_data = set(observations["indicator_code"])
indicator_rows = {row["code"]: row for row in row_dicts(indicators)}
without_data = [localized(row, "name", lang) for code, row in indicator_rows.items() if code not in with_data]
groups = indicator_groups(indicators, with_data)
if indicators.empty:
    no_data(ctx, t("The indicator catalogue has no indicator for this theme", lang=lang))
elif not groups:
    no_data(ctx, t("No indicator of this theme has data for this selection", lang=lang))
else:
    kind_words = {"headline": t("Headline", lang=lang), **TYPE_PLURALS}

    def group_label(group_id: str) -> str:
        group = next(g for g in groups if g["id"] == group_id)
        if group["parts"] == 1:
            return f"{kind_words[group['kind']]} ({group['total']})"
        return t("{kind} {first}–{last} of {total}", lang=lang, kind=kind_words[group["kind"]],
                 first=group["first"], last=group["last"], total=group["total"])

    group_ids = [group["id"] for group in groups]
    if st.session_state.get(GROUP_KEY) not in group_ids:
        st.session_state[GROUP_KEY] = group_ids[0]
    chosen = st.radio(t("Indicators shown", lang=lang), group_ids, key=GROUP_KEY, horizontal=True,
                      format_func=group_label)
    group = next(g for g in groups if g["id"] == chosen)
    series_by_code = series_of_each(observations, group["codes"])
    for code in group["codes"]:   # full width: long indicator names and source lines stay legible
        indicator = indicator_rows[code]
        series = series_by_code[code]
        name = localized(indicator, "name", lang)
        unit = indicator_unit(indicator, lang)
        source = ctx.source_note(indicator["publisher"] or t("Unknown publisher", lang=lang))
        figure = charts.trend_chart(series, title=name, unit=unit, source=source, is_demo=ctx.is_demo,
                                    lang=lang)
        map_title = t("{indicator}: latest value", lang=lang, indicator=name)
        has_values = bool((series["country_iso3"].isin(list(filters.countries)) & series["value"].notna()).any())
        show_chart(ctx, figure, chart_id=f"theme-{code}", data=readable_columns(series.assign(unit=unit), lang),
                   title=name, source=source, years=years_text(series["year"]),
                   map_view=partial(latest_map, series, filters.countries, map_title, unit, source, ctx.is_demo,
                                    lang) if has_values else None)
        kind = TYPE_LABELS.get(indicator["type"], indicator["type"])
        if indicator["is_composite"]:
            kind += " · " + t("composite index, used as an outcome-level proxy", lang=lang)
        st.caption(kind)
if without_data:
    st.caption(t("No data for the selected countries and years: {names}", lang=lang,
                 names=escape_markdown("; ".join(without_data))))

# ---- recommendations on the theme -----------------------------------------------------------------
st.subheader(t("Recommendations on this theme", lang=lang))
warn_missing_reviews(ctx)      # a country whose reviews are not loaded has no bar: missing, not zero
recommendations = of_countries(recommendations_later(), filters.countries)
shares = response_shares(recommendations, lang)
if shares.empty:
    no_data(ctx, t("No recommendations on this theme for this selection", lang=lang))
else:
    years = list(shares["first_year"]) + list(shares["last_year"])
    source = ctx.source_note(publisher_line(shares["publishers"]) or t("Recommendation databases", lang=lang))
    table = response_table(shares, lang)      # the rows both charts draw, and the table below them
    left = right = st.container()   # one below the other: the titles need the width
    with left:
        title = t("Recommendations by response: {theme}", lang=lang, theme=theme_names[theme])
        figure = charts.stacked_responses(shares, title=title, source=source, years=years,
                                          is_demo=ctx.is_demo, by="country_name", lang=lang)
        show_chart(ctx, figure, chart_id="theme-responses", data=table,
                   title=title, source=source, years=years_text(years))
    with right:
        title = t("Share of recommendations supported: {theme}", lang=lang, theme=theme_names[theme])
        figure = charts.bar_chart(shares, x="country_name", y="share_supported", title=title,
                                  unit=t("% of supported or noted", lang=lang), source=source,
                                  years=years, is_demo=ctx.is_demo, color_by_country=True, lang=lang)
        show_chart(ctx, figure, chart_id="theme-share-supported", data=table,
                   title=title, source=source, years=years_text(years))
    st.caption(t("Share supported = supported / (supported + noted); voluntary pledges and "
                 "recommendations without a response are left out of the share.", lang=lang))
    show_table(ctx, table, table_id="theme-recommendations",
               title=t("Recommendations on this theme by country", lang=lang), source=source,
               years=years_text(years))

# ---- structural indicators: commitments in place ------------------------------------------------
st.subheader(t("Commitments (structural indicators)", lang=lang))
if structural_later is None:
    st.info(t("The indicator catalogue has no structural indicator for this theme.", lang=lang))
else:
    latest = of_countries(structural_later(), countries)
    # every chosen country and comparator is a choosable country (it has observations): in the run's name map
    matrix = structural_matrix(latest, structural, countries, ctx.names.countries, lang)
    sources = "; ".join(sorted({str(p) for p in structural["publisher"].dropna()}))
    show_table(ctx, matrix, table_id="theme-structural",
               title=t("Commitments: latest value up to {year}", lang=lang, year=filters.year_to),
               source=ctx.source_note(sources), years=years_text(latest["year"]))
    st.caption(t("Latest value at or before {year} (year in brackets); a commitment stays in place "
                 "once made.", lang=lang, year=filters.year_to))
    with_values = set(latest["indicator_code"])
    without = [localized(indicator_rows[code], "name", lang) for code in structural["code"] if code not in with_values]
    if without:
        st.caption(t("No data for: {names}", lang=lang, names=escape_markdown("; ".join(without))))
