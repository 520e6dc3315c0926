"""Escape data-derived text before Streamlit renders it as markdown (no links, no formatting)."""
from __future__ import annotations

import re

# control characters, line and paragraph separators, zero-width and bidirectional overrides
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&^])")
# An invisible word joiner breaks what Streamlit's markdown links or replaces in text after escapes
# are read: 'http://', 'www.', 'name@host.tld', ':material/icon:', ':emoji:'.
WORD_JOINER = "\u2060"
AUTOLINK_START = re.compile(r"(\\:)(?=\S)|(?<=www)(?=\\\.)|(?<=@)", re.IGNORECASE)
CODE_UNSAFE = re.compile(r"[^\w\s=.,/+@%-]")
CODE_LIMIT = 40


def single_line(text: object) -> str:
    """`text` on one line: control characters and line breaks become one space; None gives ''."""
    return " ".join(CONTROL.sub(" ", "" if text is None else str(text)).split())


def escape_markdown(text: object) -> str:
    """`text` shown as written: one line, every markdown-significant character backslash-escaped and
    autolinks, icons and emoji codes broken by an invisible joiner; None gives ''."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", single_line(text))
    return AUTOLINK_START.sub(lambda match: (match.group(1) or "") + WORD_JOINER, escaped)


def inline_code(text: object, limit: int = CODE_LIMIT) -> str:
    """`text` as a short inline code span: control characters, backticks and markdown signs removed."""
    kept = CODE_UNSAFE.sub("", single_line(text))[:limit].strip()
    return f"`{kept}`" if kept else "`?`"
