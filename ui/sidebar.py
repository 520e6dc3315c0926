"""The shared filter widgets in the sidebar; their state is mirrored in the URL."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from i18n import LANGUAGES, t
from indicators.names import NameMaps
from ui.filters import CYCLE_KINDS, Filters, cycle_kind_words, mechanism_words, slider_bounds


FILTER_WIDGETS = ("f_countries", "f_theme", "f_cycle_kind", "f_cycle", "f_years", "f_mechanism", "f_lang")


def _seed(initial: Filters, url_has_filters: bool) -> None:
    """Put the filters into widget state when the URL says something new, or when Streamlit has dropped it.

    `_seeded_from` holds the filters last written to (or read from) the URL, so a URL that only
    echoes the widgets' own state never overwrites a change the user has just made. Streamlit
    empties the query string when the user switches page: a URL without any filter parameter
    then keeps the filters the session already has. Streamlit also drops a widget's state when a run
    (or a page switch) goes by without it; the session's own last filters are then written back.
    """
    seeded = st.session_state.get("_seeded_from")
    if seeded is None or (url_has_filters and seeded != initial):
        chosen = initial
    elif any(key not in st.session_state for key in FILTER_WIDGETS):
        chosen = seeded
    else:
        return
    st.session_state["_seeded_from"] = chosen
    st.session_state["f_countries"] = list(chosen.countries)
    st.session_state["f_theme"] = chosen.theme or ""
    st.session_state["f_cycle_kind"] = chosen.cycle_kind
    st.session_state["f_cycle"] = chosen.cycle or ""
    st.session_state["f_years"] = (chosen.year_from, chosen.year_to)
    st.session_state["f_mechanism"] = chosen.mechanism or ""
    st.session_state["f_lang"] = chosen.lang


def render_filters(initial: Filters, names_in: Callable[[str], NameMaps], url_has_filters: bool = True) -> Filters:
    """Draw the widgets and return the filters they now hold (`names_in(lang)`: the name maps)."""
    _seed(initial, url_has_filters)
    lang = st.session_state.get("f_lang", initial.lang)
    sidebar = st.sidebar
    sidebar.radio(t("Language", lang=lang), list(LANGUAGES), key="f_lang", horizontal=True,
                  format_func=LANGUAGES.get)
    lang = st.session_state["f_lang"]
    names = names_in(lang)
    sidebar.header(t("Filters", lang=lang))
    sidebar.multiselect(t("Countries", lang=lang), list(names.countries), key="f_countries",
                        format_func=lambda code: names.countries.get(code, code),
                        placeholder=t("Choose countries", lang=lang))
    theme_names = {"": t("All themes", lang=lang), **names.themes}
    sidebar.selectbox(t("Theme", lang=lang), list(theme_names), key="f_theme",
                      format_func=lambda code: theme_names.get(code, code))
    kinds = cycle_kind_words(lang)
    sidebar.radio(t("Cycle kind", lang=lang), list(CYCLE_KINDS), key="f_cycle_kind",
                  format_func=kinds.get, horizontal=True)
    kind = st.session_state["f_cycle_kind"]
    cycle_names = {"": t("All cycles", lang=lang), **names.cycles_of_kind(kind)}
    if st.session_state.get("f_cycle") not in cycle_names:
        st.session_state["f_cycle"] = ""
    sidebar.selectbox(t("Cycle", lang=lang), list(cycle_names), key="f_cycle",
                      format_func=lambda code: cycle_names.get(code, code))
    low, high = slider_bounds(initial.defaults, initial)
    chosen_from, chosen_to = st.session_state["f_years"]
    sidebar.slider(t("Years", lang=lang), min(low, chosen_from), max(high, chosen_to), key="f_years")
    mechanism_names = {"": t("All mechanisms", lang=lang), **mechanism_words(lang)}
    sidebar.selectbox(t("Mechanism", lang=lang), list(mechanism_names), key="f_mechanism",
                      format_func=lambda code: mechanism_names.get(code, code))
    chosen = tuple(st.session_state["f_countries"]) or initial.countries
    year_from, year_to = st.session_state["f_years"]
    filters = replace(initial, countries=chosen, theme=st.session_state["f_theme"] or None,
                      cycle_kind=kind, cycle=st.session_state["f_cycle"] or None,
                      year_from=int(year_from), year_to=int(year_to),
                      mechanism=st.session_state["f_mechanism"] or None, lang=lang)
    st.session_state["_seeded_from"] = filters  # app.py writes exactly these filters to the URL
    return filters
