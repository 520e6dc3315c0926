"""Saved labels on the Recommendations page: define, remove, share as a file, filter, and chart them."""
from __future__ import annotations

import numpy as np
import streamlit as st

from i18n import format_year_range, t
from indicators.labels import Label, LabelError, add_label, check_label, file_bytes, from_json, read_file, to_json
from indicators.label_charts import label_chart, label_frame
from indicators.markdown import escape_markdown
from indicators.search_query import SearchHits, search
from ui.chart_block import show_chart

LABELS_KEY = "rec_labels"


def label_problem(error: LabelError, lang: str) -> str:
    """One line saying what is wrong with a label or a labels file."""
    words = {
        "bad_name": t("A label name has 1-40 letters, digits, spaces or - . , ( ) ' / & + and no _.", lang=lang),
        "bad_rule": t("The rule cannot be read: write it as a search, e.g. \"death penalty\" OR \"capital "
                      "punishment\".", lang=lang),
        "empty_rule": t("The rule is empty.", lang=lang),
        "too_many": t("At most 10 labels: remove one first.", lang=lang),
        "not_json": t("This file is not a labels file (JSON expected).", lang=lang),
        "not_labels": t("This file is not a labels file (JSON expected).", lang=lang),
        "bad_entry": t("A label in the file lacks a name or a rule.", lang=lang),
    }
    return escape_markdown(f"{words.get(error.code, words['bad_rule'])} ({error.where})" if error.where
                           else words.get(error.code, words["bad_rule"]))


def seed_labels(url_value: str | None) -> list[str]:
    """Labels from the URL when it brings new ones; returns the names of entries ignored."""
    if st.session_state.get("rec_labels_seeded_from") == (url_value or ""):
        return []
    st.session_state["rec_labels_seeded_from"] = url_value or ""
    labels, ignored = from_json(url_value)
    st.session_state[LABELS_KEY] = labels
    return ignored


def current_labels() -> tuple[Label, ...]:
    return tuple(st.session_state.get(LABELS_KEY) or ())


def _save(lang: str) -> None:
    state = st.session_state
    try:
        label = check_label(state.get("rec_label_name", ""), state.get("rec_label_rule", ""))
        state[LABELS_KEY] = add_label(current_labels(), label)
        state["rec_label_name"] = state["rec_label_rule"] = ""
        state["rec_label_problem"] = None
    except LabelError as error:
        state["rec_label_problem"] = label_problem(error, lang)


def _remove(name: str) -> None:
    st.session_state[LABELS_KEY] = tuple(label for label in current_labels() if label.name != name)
    if st.session_state.get("rec_label") == name:
        st.session_state["rec_label"] = ""


def _load(lang: str) -> None:
    uploaded = st.session_state.get("rec_label_file")
    if uploaded is None:
        return
    try:
        st.session_state[LABELS_KEY] = read_file(uploaded.getvalue(), "labels file")
        st.session_state["rec_label_problem"] = None
    except LabelError as error:
        st.session_state["rec_label_problem"] = label_problem(error, lang)


def labels_panel(lang: str) -> None:
    """Define labels (name + rule), list them with a remove button, download and load them."""
    labels = current_labels()
    with st.expander(t("Saved labels ({count})", lang=lang, count=len(labels)), expanded=False):
        st.caption(t("A label is a named rule written like a search (e.g. death penalty: \"death penalty\" OR "
                     "\"capital punishment\"). Use it as a filter and see it as a series in the chart below. "
                     "Labels are kept in the link and can be downloaded as a small file to share.", lang=lang))
        left, right = st.columns([1, 2])
        left.text_input(t("Label name", lang=lang), key="rec_label_name", max_chars=40)
        right.text_input(t("Rule", lang=lang), key="rec_label_rule", max_chars=200)
        st.button(t("Save label", lang=lang), key="rec_label_save", on_click=_save, args=(lang,))
        if st.session_state.get("rec_label_problem"):
            st.warning(st.session_state["rec_label_problem"])
        for number, label in enumerate(labels):
            row = st.columns([4, 1])
            row[0].text(f"{label.name}: {label.rule}")
            row[1].button(t("Remove", lang=lang), key=f"rec_label_remove_{number}", on_click=_remove,
                          args=(label.name,))
        files = st.columns(2)
        files[0].download_button(t("Download labels (JSON)", lang=lang), file_bytes(labels),
                                 file_name="labels.json", mime="application/json", key="rec_label_download",
                                 disabled=not labels)
        files[1].file_uploader(t("Load labels from a file", lang=lang), type=["json"], key="rec_label_file",
                               on_change=_load, args=(lang,))


def label_filter(lang: str) -> str | None:
    """Selectbox of the labels as a filter; the chosen name or None."""
    names = [label.name for label in current_labels()]
    if st.session_state.get("rec_label") not in ("", None, *names):
        st.session_state["rec_label"] = ""
    if not names:
        return None
    everything = t("All", lang=lang)
    return st.selectbox(t("Label", lang=lang), ["", *names], key="rec_label",
                        format_func=lambda value: value or everything) or None


def label_hits(key, name: str) -> SearchHits | None:
    """The texts a saved label's rule matches."""
    for label in current_labels():
        if label.name == name:
            return search(key, label.rule).hits
    return None


def combined(first: SearchHits | None, second: SearchHits | None) -> SearchHits | None:
    """Texts in both (None means no restriction)."""
    if first is None or second is None:
        return first if second is None else second
    return SearchHits(f"{first.token} ∧ {second.token}",
                      np.intersect1d(first.docs, second.docs, assume_unique=True), first.summary or second.summary)


def write_labels_url(selected: str | None) -> None:
    """Mirror the labels and the chosen label in the URL."""
    labels = current_labels()
    wanted = {"labels": to_json(labels) if labels else None, "label": selected or None}
    st.session_state["rec_labels_seeded_from"] = wanted["labels"] or ""
    for key, value in wanted.items():
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def label_chart_section(ctx, params: dict, search_hits: SearchHits | None, source: str) -> None:
    """Recommendations per label by country and UPR cycle, under the page's filters and search (not
    the label filter: every label is a series of its own)."""
    labels = current_labels()
    if not labels:
        return
    lang = ctx.lang
    counts = {}
    for label in labels:
        hits = combined(search(ctx.key, label.rule).hits, search_hits)
        counts[label.name] = ctx.query("recommendations_by_label", **{**params, "hits": hits})
    frame = label_frame(counts, ctx.names.countries, ctx.names.cycles)
    title = t("Recommendations by label, country and UPR cycle", lang=lang)
    spans = [(int(f["year_min"].min()), int(f["year_max"].max())) for f in counts.values() if not f.empty]
    years = [min(s[0] for s in spans), max(s[1] for s in spans)] if spans else []
    figure = label_chart(frame, title, source, years, ctx.is_demo, lang=lang)
    show_chart(ctx, figure, chart_id="recommendations-by-label", data=frame, title=title, source=source,
               years=format_year_range(*years) if years else "")
