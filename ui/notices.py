"""Notices about the link: ignored parameters in one capped message that no link can style or flood."""
from __future__ import annotations

import streamlit as st

from i18n import format_number, t
from indicators.markdown import inline_code

NAMES_SHOWN = 3


def ignored_message(names: list[str], lang: str | None = None) -> str | None:
    """One notice for every ignored link parameter: their count and the first few as inline code."""
    if not names:
        return None
    shown = ", ".join(inline_code(name) for name in names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += ", …"
    return t("Ignored invalid link parameters ({count}): {names}", lang=lang,
             count=format_number(len(names), lang), names=shown)


def notify_ignored(names: list[str], lang: str | None = None, inline: bool = False) -> None:
    """Show ignored_message once, as a toast (or inline on the page); nothing when none was ignored."""
    if not names:
        return
    if inline:
        st.info(ignored_message(names, lang))
    else:
        st.toast(ignored_message(names, lang))
