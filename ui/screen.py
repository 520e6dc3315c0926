"""The app's own screen stylesheet (static/screen.css): layouts that reflow at 1024 to 1920 px."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "screen.css"


def apply_screen_css() -> None:
    """Add static/screen.css to the page (a style element only: it takes no room)."""
    st.html(STYLESHEET)
