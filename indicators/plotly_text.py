"""Data text made inert for Plotly labels: tags, entities, TeX and template fields show as written."""
from __future__ import annotations

import html
import re

# Plotly reads '<...>' as a tag, '&name;' '&#N;' '&#xN;' as an entity, '$...$' as TeX (when MathJax
# is loaded) and '%{...}' in templates as a field; the line-break-like characters end a line.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
ENTITY_START = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


def plotly_text(value: object) -> str:
    """`value` as text Plotly draws exactly as written (no markup, link, style, TeX or field); None gives ''.

    Control characters become a space; '<', '>' and '&' that would start an entity are written as
    entities, '$' as '&#36;' when the text holds two (a TeX span), '%{' as '&#37;{'.
    """
    text = CONTROL.sub(" ", "" if value is None else str(value))
    text = ENTITY_START.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    if text.count("$") >= 2:
        text = text.replace("$", "&#36;")
    return text.replace("%{", "&#37;{")


def plotly_texts(values) -> list[str]:
    """plotly_text of each value."""
    return [plotly_text(value) for value in values]


def drawn_text(label: object) -> str:
    """What Plotly draws for a label made by plotly_text (entities decoded, '<br>' breaks as spaces)."""
    return " ".join(html.unescape(re.sub(r"<br\s*/?>", " ", str(label or ""))).split())
