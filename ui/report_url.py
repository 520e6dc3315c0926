"""Keeps the report being assembled in the URL on every run, and rebuilds it from there after a reload."""
from __future__ import annotations

import streamlit as st

from i18n import t
from ui.report_link import PARAM, keep, parse_values, restore, url_values
from ui.report_state import STATE_KEY


def report_params(url: dict[str, list[str]], lang: str) -> dict[str, list[str]]:
    """The `r` parameters for this run's URL; on a session's first run, the report is rebuilt from `url`."""
    if STATE_KEY not in st.session_state and url.get(PARAM):
        entries, ignored = parse_values(url[PARAM])
        records, missing = restore(entries)
        st.session_state[STATE_KEY] = records
        if ignored or missing:
            st.toast(t("{count} chart(s) of the report link could not be restored.", lang=lang,
                       count=len(ignored) + len(missing)))
    items = st.session_state.get(STATE_KEY, [])
    if not items:
        return {}
    keep(items)
    return {PARAM: url_values(items)}
