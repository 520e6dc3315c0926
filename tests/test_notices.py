"""Notices cannot be styled, linked or flooded by a link or a data file."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from indicators.markdown import WORD_JOINER, escape_markdown, inline_code
from tests.hostile_payloads import EVIL_HOST, FAMILIES, PAYLOADS
from ui.notices import NAMES_SHOWN, ignored_message

ROOT = Path(__file__).resolve().parents[1]
NOTICES = {"toast", "info", "warning", "error", "success", "exception"}
SAFE_CALLS = {"escape_markdown", "inline_code", "ignored_message", "format_number", "format_date", "len"}
# reviewed call sites whose text is not a t() call: the value and why it is safe
REVIEWED = {
    ("ui/chart_block.py", "messages[outcome]"): "a dict of t() strings whose only value is len(items)",
}
# GFM autolink literals as remark finds them in text after escapes are read, Streamlit's icon and
# emoji codes, and a setext underline
AUTOLINK = re.compile(r"(https?://|www\.|[-.\w+]+@[-\w]+\.[-\w]+|:material/\w+:|:[a-z_]+:)", re.IGNORECASE)


def _unescaped(markdown: str) -> str:
    """The text a markdown reader sees after backslash escapes are resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _sources():
    for path in [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _notice_calls():
    for name, tree in _sources():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in NOTICES
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
                yield name, node


def _is_safe_value(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in SAFE_CALLS
    return False


def _is_safe_message(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
        return (isinstance(node.args[0], ast.Constant)
                and all(keyword.arg == "lang" or _is_safe_value(keyword.value) for keyword in node.keywords))
    return _is_safe_value(node)


def test_every_notice_call_site_passes_link_and_data_values_through_an_escape():
    calls = list(_notice_calls())
    assert len(calls) >= 10                           # the walk finds the notices
    unsafe = []
    for name, call in calls:
        message = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "body")
        if not _is_safe_message(message) and (name, ast.unparse(message)) not in REVIEWED:
            unsafe.append(f"{name}:{call.lineno}: {ast.unparse(message)}")
    assert unsafe == []


def test_the_call_site_walk_would_catch_an_unescaped_value():
    bad = ast.parse('st.toast(t("Ignored: {name}", lang=lang, name=value))').body[0].value
    good = ast.parse('st.toast(t("Ignored: {name}", lang=lang, name=escape_markdown(value)))').body[0].value
    assert not _is_safe_message(bad.args[0]) and _is_safe_message(good.args[0])


@pytest.mark.parametrize("payload", PAYLOADS + [f"country=http://{EVIL_HOST}/x", f"see www.{EVIL_HOST}",
                                                f"mail x@{EVIL_HOST}", "Heading\n=======", "Title\n---",
                                                ":red[Session expired] :material/lock:", "$x^2$"])
def test_escape_markdown_leaves_no_link_icon_heading_or_markup(payload):
    escaped = escape_markdown(payload)
    seen = _unescaped(escaped)
    assert "\n" not in escaped and "\r" not in escaped
    assert not AUTOLINK.search(seen), seen
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)          # what is left outside escapes
    assert not re.search(r"[\\`*_{}\[\]()#+\-.!|<>~$:=&^]", bare), escaped
    # the words are all still there, as written (line breaks and control characters as spaces)
    expected = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]", " ",
                               payload).split())
    assert seen.replace(WORD_JOINER, "") == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inline_code_strips_backticks_controls_and_markdown(payload):
    code = inline_code(payload + "`x`")
    inner = code[1:-1]
    assert code.startswith("`") and code.endswith("`") and "`" not in inner
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", inner)
    assert not re.search(r"[\[\]()<>*_#!|~$:\\{}&^]", inner.replace("_", ""))
    assert len(inner) <= 40


def test_a_thousand_ignored_parameters_give_one_short_notice_naming_the_first_few():
    names = [f"country=`{n}` [x](http://{EVIL_HOST})" for n in range(990)]
    message = ignored_message(names, "en")
    assert message.startswith("Ignored invalid link parameters (990): ")
    assert message.count("`") == 2 * NAMES_SHOWN and message.endswith(", …")
    assert "`country=0 xhttp//evil.example`" in message and "country=3" not in message
    assert len(message) < 200
    assert "://" not in message and "[" not in message
    assert ignored_message([], "en") is None
    assert ignored_message(["years=1900"], "ru").startswith("Недопустимые параметры ссылки проигнорированы (1): ")
