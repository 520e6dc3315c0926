"""Escape data-derived text before Streamlit renders it as markdown (no links, no formatting)."""
from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """`text` with every markdown-significant character backslash-escaped; None gives ''."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
