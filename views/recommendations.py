"""Recommendations: search and filter the texts, counts by theme and cycle, paged table, full export."""
from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from exports.tables import readable_columns
from i18n import format_number, format_year_range, t
from indicators.charts import bar_chart
import indicators.export_query
from exports.tables import csv_bytes, excel_bytes
from indicators.markdown import escape_markdown
from indicators.glossary import glossary
from indicators.search import clean_query
from indicators.search_highlight import highlight_markdown
from indicators.search_query import search
from indicators.records import row_dicts
from viewmodels.recommendations import (
    ACTIONS, EXCEL_MAX_ROWS, PAGE_SIZE, RESPONSES, STATUSES, URL_KEYS, PageFilters, action_words, count_query,
    display_table, export_frame, facet, page_count, page_query, parse_page_filters, query_params,
    response_words, sdg_words, sources_query, status_words, summary_query, totals)
from ui.chart_block import show_chart, show_table
from ui.labels_panel import (combined, label_chart_section, label_filter, label_hits, labels_panel,
                             seed_labels, write_labels_url)
from ui.recommendation_table import DISPLAY_ROW_HEIGHT, display_column_config
from ui.context import no_data, page_context
from ui.coverage import show_review_coverage, warn_missing_reviews
from ui.notices import notify_ignored

STATE = {"q": "rec_q", "body": "rec_body", "rs": "rec_rs", "response": "rec_response",
         "action": "rec_action", "status": "rec_status", "sdg": "rec_sdg", "persons": "rec_persons",
         "tag": "rec_tag", "recurs": "rec_recurs", "page": "rec_page"}


def seed(initial: PageFilters) -> None:
    """Copy the URL's page filters into widget state when the URL brings new ones."""
    if st.session_state.get("rec_seeded_from") == initial:
        return
    st.session_state["rec_seeded_from"] = initial
    for name, key in STATE.items():
        value = getattr(initial, name)
        st.session_state[key] = value if value is not None else (0 if name == "action" else "")
        if name == "recurs":
            st.session_state[key] = bool(value)


def current() -> PageFilters:
    """The page filters the widgets now hold."""
    state = st.session_state
    return PageFilters(q=state.get("rec_q") or "", body=state.get("rec_body") or None,
                       rs=state.get("rec_rs") or None, response=state.get("rec_response") or None,
                       action=state.get("rec_action") or None, status=state.get("rec_status") or None,
                       sdg=state.get("rec_sdg") or None, persons=state.get("rec_persons") or None,
                       tag=state.get("rec_tag") or None,
                       recurs=bool(state.get("rec_recurs")), page=int(state.get("rec_page") or 1))


def write_url(chosen: PageFilters) -> None:
    """Mirror the page filters in the URL; the URL now matches the widgets, so no re-seeding."""
    wanted = chosen.as_params()
    st.session_state["rec_seeded_from"] = replace(chosen, q=clean_query(chosen.q))
    for key in URL_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def filter_widgets(lang: str, bodies: list[str], states: list[str], goals: list[str],
                   groups: list[str], tags: list[str]) -> None:
    st.text_input(t("Search the recommendation texts", lang=lang), key="rec_q", max_chars=200,
                  placeholder=t("e.g. torture detention, journalists OR media, discriminat*", lang=lang),
                  help=t("Every word must occur, as a whole word, in any of its forms (torture finds "
                         "tortured). OR between alternatives, NOT or a leading - to exclude, ( ) to group, "
                         "\"double quotes\" for a phrase, * at the end of a word for its beginning. Case "
                         "and accents are ignored; ё = е. Russian terms of the glossary also search "
                         "their English equivalents.", lang=lang))
    everything = t("All", lang=lang)
    columns = st.columns(5)
    columns[0].selectbox(t("Body", lang=lang), [""] + bodies, key="rec_body",
                         format_func=lambda value: value or everything)
    columns[1].selectbox(t("Recommending state", lang=lang), [""] + states, key="rec_rs",
                         format_func=lambda value: value or everything)
    responses = response_words(lang)
    columns[2].selectbox(t("Response", lang=lang), ["", *RESPONSES], key="rec_response",
                         format_func=lambda value: responses.get(value, everything))
    actions = action_words(lang)
    columns[3].selectbox(t("Action category", lang=lang), [0, *ACTIONS], key="rec_action",
                         format_func=lambda value: actions.get(value, everything))
    statuses = status_words(lang)
    columns[4].selectbox(t("Implementation status", lang=lang), ["", *STATUSES], key="rec_status",
                         format_func=lambda value: statuses.get(value, everything))
    goal_names = sdg_words(goals, lang)
    left, right, third = st.columns([1, 2, 2])
    left.selectbox(t("SDG", lang=lang), ["", *goals], key="rec_sdg",
                   format_func=lambda value: goal_names.get(value, everything))
    right.selectbox(t("Affected persons", lang=lang), ["", *groups], key="rec_persons",
                    format_func=lambda value: value[:1].upper() + value[1:] if value else everything)
    third.selectbox(t("Source tag", lang=lang), ["", *tags], key="rec_tag",
                    format_func=lambda value: value or everything,
                    help=t("The issue tags as the source gives them (UPR Info), also those that map to "
                           "no ROCA theme.", lang=lang))
    st.checkbox(t("Only recommendations that recur from an earlier UPR cycle", lang=lang), key="rec_recurs",
                help=t("Recommendations whose words closely match one the same state received in an "
                       "earlier UPR cycle (see the Country profile for both texts side by side). The "
                       "charts then count recurring recommendations by theme and cycle.", lang=lang))


def search_hint(code: str, lang: str) -> str:
    """One line telling the user how to fix a query that cannot be read."""
    hints = {
        "unclosed_quote": t("A quote is not closed: put a phrase between two double quotes, e.g. "
                            "\"civil society\".", lang=lang),
        "unbalanced_parentheses": t("Brackets do not match: close every ( with a ).", lang=lang),
        "dangling_operator": t("OR, AND and NOT need a word after them (OR and AND also before), e.g. "
                               "journalists OR media, torture NOT detention.", lang=lang),
        "short_prefix": t("Put at least 3 letters before *, e.g. discriminat*.", lang=lang),
        "bad_wildcard": t("* works only at the end of a word, e.g. discriminat*.", lang=lang),
        "empty_group": t("Brackets hold nothing: put words inside ( ).", lang=lang),
        "too_long": t("Too many terms: use at most 16 words, phrases and prefixes.", lang=lang),
    }
    return hints.get(code, hints["unbalanced_parentheses"])


def search_notes(outcome, lang: str) -> None:
    """Say what the search did: the parse hint, or the English terms searched for Russian ones."""
    if outcome.error:
        st.warning(escape_markdown(t("The search was not applied. {hint}", lang=lang,
                                     hint=search_hint(outcome.error, lang))))
    elif outcome.english:
        st.caption(escape_markdown(t("Also searched in English: {terms}", lang=lang,
                                     terms=", ".join(outcome.english))))


def highlighted_texts(rows, outcome, lang: str) -> None:
    """The page's texts with the matched words in bold (escaped: data never renders as markup)."""
    if outcome.tree is None or rows.empty:
        return
    with st.expander(t("Matched words on this page", lang=lang), expanded=True):
        for row in row_dicts(rows):
            head = escape_markdown(f"{row.get('year') or ''} · {row.get('country_iso3') or ''} · "
                                   f"{row.get('body') or ''}")
            st.markdown(f"{head} — " + highlight_markdown(row["text"], outcome.tree, glossary().expand))


def export_csv(key, params: dict, is_demo: bool, lang: str) -> bytes:
    """CSV of every filtered row (built on click), headers and codes in the user's language."""
    rows = indicators.export_query.fetch_uncached("recommendations_export", key, **params)
    return csv_bytes(export_frame(rows, lang), is_demo, lang=lang)


def export_excel(key, params: dict, metadata: dict, is_demo: bool, lang: str) -> bytes:
    """Excel workbook of every filtered row (built on click), in the user's language."""
    rows = indicators.export_query.fetch_uncached("recommendations_export", key, **params)
    return excel_bytes(export_frame(rows, lang), metadata, is_demo, lang=lang)


def export_section(ctx, params: dict, total: int, title: str, source: str, filters_text: str) -> None:
    """Downloads of every filtered row; the bytes are built only when a button is clicked."""
    lang = ctx.lang
    st.subheader(t("Download every filtered recommendation", lang=lang))
    rows = format_number(total, lang=lang)
    st.caption(t("{rows} rows (all pages), every column, with themes and implementation status. The "
                 "file is prepared when you click; large selections take a few seconds.", lang=lang,
                 rows=rows))
    metadata = {t("Title", lang=lang): title, t("Filters", lang=lang): filters_text,
                t("Source", lang=lang): source, t("Rows", lang=lang): rows}
    left, right = st.columns(2)
    left.download_button(t("Download CSV ({rows} rows)", lang=lang, rows=rows),
                         partial(export_csv, ctx.key, params, ctx.is_demo, lang),
                         file_name="recommendations.csv", mime="text/csv", key="rec_csv_all",
                         on_click="ignore", icon=":material/download:")
    if total > EXCEL_MAX_ROWS:
        right.warning(t("Excel holds at most {limit} rows and this selection has {rows}: download the "
                        "CSV, or narrow the filters.", lang=lang,
                        limit=format_number(EXCEL_MAX_ROWS, lang=lang), rows=rows))
        return
    right.download_button(t("Download Excel ({rows} rows)", lang=lang, rows=rows),
                          partial(export_excel, ctx.key, params, metadata, ctx.is_demo, lang),
                          file_name="recommendations.xlsx", key="rec_xlsx_all", on_click="ignore",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          icon=":material/table_view:")


def main() -> None:
    ctx = page_context()
    lang = ctx.lang
    st.title(t("Recommendations", lang=lang))
    st.caption(t("Which recommendations did the countries receive, from whom, on which themes, how did "
                 "they respond and what has been implemented? Search the texts, filter, and download "
                 "exactly the filtered rows.", lang=lang))
    choices = ctx.query("recommendations_choices")
    bodies = sorted(choices.loc[choices["kind"] == "body", "value"].tolist())
    states = sorted(choices.loc[choices["kind"] == "recommending_state", "value"].tolist())
    goals = sorted(choices.loc[choices["kind"] == "sdg", "value"].tolist(), key=int)
    groups = sorted(choices.loc[choices["kind"] == "persons", "value"].tolist())
    tags = sorted(choices.loc[choices["kind"] == "tag", "value"].tolist())
    url = {key: st.query_params.get(key) for key in URL_KEYS}
    initial, ignored = parse_page_filters(url, set(bodies), set(states), set(groups), set(goals),
                                         set(tags))
    ignored += seed_labels(st.query_params.get("labels"))
    if "rec_label" not in st.session_state:
        st.session_state["rec_label"] = st.query_params.get("label") or ""
    notify_ignored(ignored, lang)
    seed(initial)
    filter_widgets(lang, bodies, states, goals, groups, tags)
    labels_panel(lang)
    selected = label_filter(lang)
    chosen = current()
    signature = (selected, st.session_state.get("rec_labels"), ctx.filters.countries, ctx.filters.theme, ctx.filters.cycle, ctx.filters.cycle_kind,
                 ctx.filters.year_from, ctx.filters.year_to, ctx.filters.mechanism, chosen.without_page())
    if st.session_state.get("rec_signature") not in (None, signature):
        st.session_state["rec_page"] = 1
    st.session_state["rec_signature"] = signature
    chosen = current()
    outcome = search(ctx.key, chosen.q)
    search_notes(outcome, lang)
    params = query_params(ctx.filters, chosen)
    params["hits"] = combined(outcome.hits, label_hits(ctx.key, selected) if selected else None)
    summary_name, summary_params = summary_query(params)
    # started on background threads while the counts run here: the pledges left out and the rows of the page
    # asked for (asked again below if the page number has to change)
    pledges_later = None
    if chosen.response is None:       # a chosen response shows no pledge count
        pledges_name, pledges_params = count_query({**params, "response": "pledges"})
        pledges_later = ctx.start(pledges_name, **pledges_params)
    asked_page = chosen.page
    rows_name, rows_params = page_query(params)
    rows_later = ctx.start(rows_name, page_size=PAGE_SIZE, offset=(asked_page - 1) * PAGE_SIZE, **rows_params)
    summary = ctx.query(summary_name, cycle_kind=ctx.filters.cycle_kind, **summary_params)
    total, span = totals(summary)
    warn_missing_reviews(ctx)
    if pledges_later is not None:     # pledges are listed apart: never in the count of recommendations
        pledges = pledges_later()["recommendations"].item()
        if pledges:
            st.caption(t("{count} voluntary pledges are not counted as recommendations; choose 'Voluntary "
                         "pledges' under Response to list them.", lang=lang,
                         count=format_number(pledges, lang=lang)))
    filters_text = "; ".join(part for part in (ctx.filter_words(), chosen.words(lang)) if part)
    if total == 0:
        rows_later.cancel()
        no_data(ctx, t("No recommendations match this selection", lang=lang))
        if chosen.words(lang):
            st.text(chosen.words(lang))
        write_url(chosen)
        write_labels_url(selected)
        return
    sources_name, sources_params = sources_query(params)
    publishers = ctx.query(sources_name, **sources_params)["publisher"].tolist()
    source = ctx.source_note("; ".join(publishers))
    years_text = format_year_range(*span)
    unit = t("Recommendations (number)", lang=lang)
    st.metric(t("Matching recommendations", lang=lang), format_number(total, lang=lang))
    left, right = st.columns(2)
    with left:
        themes = facet(summary, "theme", lang)
        title = t("Recommendations by theme", lang=lang)
        fig = bar_chart(themes, x="name", y="recommendations", title=title, unit=unit, source=source,
                        years=list(span), is_demo=ctx.is_demo, horizontal=True, lang=lang)
        show_chart(ctx, fig, chart_id="recommendations-by-theme", data=readable_columns(themes, lang), title=title,
                   source=source, years=years_text)
        st.caption(t("A recommendation can carry several themes, or none that maps to a ROCA theme.",
                     lang=lang))
    with right:
        cycles = facet(summary, "cycle", lang)
        title = (t("Recommendations by UPR cycle", lang=lang) if ctx.filters.cycle_kind == "upr"
                 else t("Recommendations by programming cycle", lang=lang))
        fig = bar_chart(cycles, x="name", y="recommendations", title=title, unit=unit, source=source,
                        years=list(span), is_demo=ctx.is_demo, lang=lang)
        show_chart(ctx, fig, chart_id="recommendations-by-cycle", data=readable_columns(cycles, lang), title=title,
                   source=source, years=years_text)
    label_chart_section(ctx, {k: v for k, v in params.items() if k != "hits"}, outcome.hits, source)
    pages = page_count(total)
    if int(st.session_state.get("rec_page") or 1) > pages or "rec_page" not in st.session_state:
        st.session_state["rec_page"] = min(int(st.session_state.get("rec_page") or 1), pages)
    st.subheader(t("Recommendation texts", lang=lang))
    st.number_input(t("Page", lang=lang), min_value=1, max_value=pages, step=1, key="rec_page")
    chosen = current()
    st.caption(t("Page {page} of {pages} · {total} recommendations · {size} per page", lang=lang,
                 page=format_number(chosen.page, lang=lang), pages=format_number(pages, lang=lang),
                 total=format_number(total, lang=lang), size=PAGE_SIZE))
    if chosen.page == asked_page:
        rows = rows_later()
    else:
        rows_later.cancel()
        rows = ctx.query(rows_name, page_size=PAGE_SIZE, offset=(chosen.page - 1) * PAGE_SIZE, **rows_params)
    table_title = t("Recommendations, page {page} of {pages}", lang=lang, page=chosen.page, pages=pages)
    show_table(ctx, display_table(rows, lang), table_id="recommendations-page", title=table_title,
               source=source, column_config=display_column_config(lang), row_height=DISPLAY_ROW_HEIGHT)
    highlighted_texts(rows, outcome, lang)
    export_section(ctx, params, total, t("Recommendations", lang=lang), source, filters_text)
    show_review_coverage(ctx, "recommendations-coverage")
    write_url(chosen)
    write_labels_url(selected)


main()
