"""Report builder: charts added with "Add to report", ordered and annotated -> PowerPoint deck; PDF brief."""
from __future__ import annotations

import datetime

import plotly.io as pio
import streamlit as st

from exports.brief import build_brief
from exports.brief_pack import brief_content
from exports.deck import slide_preview_png
from exports.images import enable_hint, server_export_available
from i18n import t
from indicators.markdown import escape_markdown
from indicators.names import cycle_frame_names
from indicators.provenance import warehouse_version
from ui.chart_block import show_thumbnail
from ui.context import PageContext, page_context
from ui.report_state import (
    STATE_KEY, deck_bytes, move_item, remove_item, report_countries, report_themes, set_key_message, set_view,
    to_report_items,
)
from exports.deck_style import DeckStyleError, load_style
from ui.report_file import ReportFileError, read_report_json, report_json

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PREVIEW_KEY = "report_slide_preview"   # (uid, key message) -> PNG bytes of the last preview


def _items() -> list[dict]:
    return st.session_state.get(STATE_KEY, [])


def _move(uid: str, step: int) -> None:
    st.session_state[STATE_KEY] = move_item(_items(), uid, step)


def _remove(uid: str) -> None:
    st.session_state[STATE_KEY] = remove_item(_items(), uid)
    st.session_state.pop(f"report-msg-{uid}", None)


def _save_message(uid: str) -> None:
    st.session_state[STATE_KEY] = set_key_message(_items(), uid, st.session_state.get(f"report-msg-{uid}", ""))


def _save_view(uid: str) -> None:
    st.session_state[STATE_KEY] = set_view(_items(), uid, st.session_state.get(f"report-view-{uid}") or "chart")


def _item_row(ctx: PageContext, position: int, item: dict, count: int) -> None:
    lang, uid = ctx.lang, item["uid"]
    with st.container(border=True):
        preview, details = st.columns([2, 3])
        with preview:
            show_thumbnail(pio.from_json(item["figure_json"]), key=f"report-thumb-{uid}")
        with details:
            st.markdown(f"**{position + 1}.**")
            st.text(item["title"])
            st.caption(t("From: {page}", lang=lang, page=escape_markdown(item["page"] or "–")))
            st.caption(escape_markdown(item["filters"]))
            source_line = t("Source: {source}", lang=lang, source=item["source"])
            if item["years"]:
                source_line += " · " + t("Data: {years}", lang=lang, years=item["years"])
            st.caption(escape_markdown(source_line))
            message_key = f"report-msg-{uid}"
            if message_key not in st.session_state:
                st.session_state[message_key] = item["key_message"]
            st.text_input(t("Key message (optional, shown on the slide)", lang=lang), key=message_key,
                          max_chars=280, on_change=_save_message, args=(uid,))
            if item.get("table"):
                view_key = f"report-view-{uid}"
                if view_key not in st.session_state:
                    st.session_state[view_key] = item.get("view") or "chart"
                views = {"chart": t("Chart", lang=lang), "table": t("Table", lang=lang)}
                st.segmented_control(t("On the slide", lang=lang), list(views), format_func=views.get,
                                     key=view_key, on_change=_save_view, args=(uid,))
            with st.container(horizontal=True):
                st.button(t("Move up", lang=lang), key=f"report-up-{uid}", icon=":material/arrow_upward:",
                          on_click=_move, args=(uid, -1), disabled=position == 0)
                st.button(t("Move down", lang=lang), key=f"report-down-{uid}", icon=":material/arrow_downward:",
                          on_click=_move, args=(uid, 1), disabled=position == count - 1)
                st.button(t("Remove", lang=lang), key=f"report-remove-{uid}", icon=":material/delete:",
                          on_click=_remove, args=(uid,))


def _deck_section(ctx: PageContext, items: list[dict]) -> None:
    lang = ctx.lang
    st.subheader(t("PowerPoint deck", lang=lang))
    title = st.text_input(t("Deck title", lang=lang), key="report-title",
                          value=t("Human rights in Central Asia: selected charts", lang=lang))
    countries, themes = ctx.names.countries, ctx.names.themes
    country_names = [countries.get(code, code) for code in report_countries(items)]
    theme_names = [themes.get(code, code) if code else t("All themes", lang=lang) for code in report_themes(items)]
    st.caption(t("Title slide, one slide per chart in this order with its key message and source, "
                 "and a closing slide on methods and sources.", lang=lang))
    if not server_export_available():
        st.caption(enable_hint(lang))
    snapshot = [dict(item) for item in items]
    version = warehouse_version(ctx.query("provenance_sources")["sha256"])
    try:
        load_style()
    except DeckStyleError as error:
        st.error(t("The deck style file cannot be used: {error}", lang=lang, error=escape_markdown(str(error))))
        return
    st.download_button(
        # the methods and sources take as many closing slides as their text needs: count the charts
        t("Download PowerPoint ({count} charts)", lang=lang, count=len(items)),
        lambda: deck_bytes(snapshot, title=title, countries=country_names, themes=theme_names,
                           is_demo=ctx.is_demo, lang=lang, version=version),
        file_name=f"roca-report-{datetime.date.today().isoformat()}.pptx", mime=PPTX_MIME,
        key="report-deck", on_click="ignore", icon=":material/slideshow:", type="primary")
    _slide_preview(ctx, items)


def _slide_preview(ctx: PageContext, items: list[dict]) -> None:
    lang = ctx.lang
    titles = {item["uid"]: f"{position + 1}. {item['title']}" for position, item in enumerate(items)}
    with st.expander(t("Slide preview", lang=lang)):
        uid = st.selectbox(t("Slide", lang=lang), list(titles), format_func=titles.get, key="report-preview-uid")
        item = next(item for item in items if item["uid"] == uid)
        wanted = (uid, item["key_message"], lang)
        if st.button(t("Show slide preview", lang=lang), key="report-preview"):
            st.session_state[PREVIEW_KEY] = (wanted, slide_preview_png(to_report_items([item])[0],
                                                                        is_demo=ctx.is_demo, lang=lang))
        shown = st.session_state.get(PREVIEW_KEY)
        if shown and shown[0] == wanted:
            st.image(shown[1], width="stretch")


OPENED_KEY = "report_opened_file"   # id of the report file last opened (opened once, not on every run)


def _file_section(ctx: PageContext, items: list[dict]) -> None:
    """Save the report to a small JSON file, or open one a colleague saved (checked, never executed)."""
    lang = ctx.lang
    with st.expander(t("Save or open a report file", lang=lang), icon=":material/save:"):
        st.caption(t("The report is also kept in this page's address: a bookmark or a reload brings it back. "
                     "A report file carries the charts themselves, to send to a colleague.", lang=lang))
        if items:
            snapshot = [dict(item) for item in items]
            st.download_button(t("Save report file (JSON)", lang=lang), lambda: report_json(snapshot),
                               file_name=f"roca-report-{datetime.date.today().isoformat()}.json",
                               mime="application/json", key="report-save", on_click="ignore",
                               icon=":material/download:")
        upload = st.file_uploader(t("Open a report file", lang=lang), type=["json"], key="report-open")
        if upload is None or st.session_state.get(OPENED_KEY) == upload.file_id:
            return
        try:
            records = read_report_json(upload.getvalue())
        except ReportFileError as error:
            st.error(t("{file} cannot be opened: {error}", lang=lang, file=escape_markdown(upload.name),
                       error=escape_markdown(str(error))))
            return
        st.session_state[OPENED_KEY] = upload.file_id
        st.session_state[STATE_KEY] = records
        for key in [key for key in st.session_state if str(key).startswith(("report-msg-", "report-view-"))]:
            del st.session_state[key]
        st.rerun()


REGION = "region"   # the brief selectbox value of the regional brief (the five countries side by side)


def brief_pdf(ctx: PageContext, iso3s: list[str], cycle: str | None, items: list[dict]) -> bytes:
    """PDF bytes of the country or regional brief with the report's charts and key messages (on click)."""
    content, _ = brief_content(ctx.key, iso3s, cycle, ctx.lang, report_items=items)
    return build_brief(content, ctx.lang)


def _brief_section(ctx: PageContext, items: list[dict]) -> None:
    lang = ctx.lang
    st.subheader(t("Country brief (PDF)", lang=lang))
    st.caption(t("Two to four pages: key facts of the chosen UPR cycle, the brief's own charts followed by the "
                 "charts in this report with their key messages, the progress of the headline indicators with "
                 "its method, and only the sources behind what is shown.", lang=lang))
    names = {code: ctx.names.countries.get(code, code) for code in ctx.filters.defaults.countries}
    chosen = next((code for code in ctx.filters.countries if code in names), next(iter(names), None))
    if chosen is None:
        st.info(t("No country is available for a brief in this warehouse.", lang=lang))
        return
    labels = {**names, REGION: t("Central Asia (regional brief, five countries)", lang=lang)}
    options = list(labels)
    iso3 = st.selectbox(t("Country", lang=lang), options, index=options.index(chosen), format_func=labels.get,
                        key=f"report-brief-country-{chosen}")
    cycles = ctx.query("brief_cycles")
    cycle_labels = cycle_frame_names(cycles, lang)
    cycle = st.selectbox(t("UPR cycle", lang=lang), [None, *cycle_labels], key="report-brief-cycle",
                         format_func=lambda code: cycle_labels.get(code) or t(
                             "Latest cycle with recommendations", lang=lang))
    iso3s = list(names) if iso3 == REGION else [iso3]
    snapshot = [dict(item) for item in items]
    st.download_button(t("Download country brief (PDF)", lang=lang),
                       lambda: brief_pdf(ctx, iso3s, cycle, snapshot),
                       file_name=f"country-brief-{iso3}-{datetime.date.today().isoformat()}.pdf",
                       mime="application/pdf", key="report-brief", on_click="ignore",
                       icon=":material/picture_as_pdf:")


ctx = page_context()
st.title(t("Report for donor meetings", lang=ctx.lang))
report_items = _items()
if not report_items:
    st.info(t("The report is empty. Open any page and press 'Add to report' under a chart; the charts you "
              "add appear here, in order, ready to download as a PowerPoint deck.", lang=ctx.lang),
            icon=":material/playlist_add:")
else:
    st.subheader(t("Charts in the report ({count})", lang=ctx.lang, count=len(report_items)))
    for number, record in enumerate(report_items):
        _item_row(ctx, number, record, len(report_items))
    _deck_section(ctx, report_items)
_file_section(ctx, report_items)
st.divider()
_brief_section(ctx, report_items)
