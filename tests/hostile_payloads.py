"""Hostile text families for the tests: Plotly markup, url() styles, markdown, Streamlit directives, TeX,
control characters and spreadsheet formula prefixes (one list each; every payload is short)."""
from __future__ import annotations

EVIL_HOST = "evil.example"

FAMILIES: dict[str, list[str]] = {
    "markup": [f'<a href="http://{EVIL_HOST}/x">x</a>', "<b>bold</b><br>next<i>it</i>",
               '<span style="font-size:90px;color:red">big</span>', "&lt;sup&gt;entity&lt;/sup&gt;"],
    "url_style": [f'<span style="fill:url(http://{EVIL_HOST}/q.svg#a)">q</span>',
                  f"<img src=http://{EVIL_HOST}/i.png onerror=alert(1)>"],
    "markdown": [f"[click](http://{EVIL_HOST}/m) **bold** # head", f"country=http://{EVIL_HOST}/auto www.{EVIL_HOST}",
                 "title\n=====", "a\n---\n> quote", f"x@{EVIL_HOST}"],
    "directive": [":red[Session expired] :material/lock:", ":blue-background[x] :smile:"],
    "latex": ["$\\frac{1}{2}$ and $$x^2$$", "%{meta} %{fullData.uid}"],
    "control": ["a\x1b[31mred\x00b\u2028c\r\nd\x07", "\u202eevil\u202c"],
    "formula": ["=HYPERLINK(\"http://evil.example\")", "\n=1+1", "\uff1dcmd", " +SUM(A1)", "@SUM(A1)", "-2+3"],
}

PAYLOADS: list[str] = [payload for family in FAMILIES.values() for payload in family]


def payload_count() -> int:
    """How many payloads the corpus holds."""
    return len(PAYLOADS)
