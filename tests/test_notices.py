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
    ("ui/labels_panel.py", "st.session_state['rec_label_problem']"):
        "only ever None or label_problem(), which returns its t() text and the file position escape_markdown()ed",
}
# calls whose result is a number whatever they are given (int() of a str of digits is still an int)
NUMBER_CALLS = {"len", "int"}
# calls that give a number when every argument is one
NUMERIC_OF_NUMBERS = {"max", "min", "round", "abs"}
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
# GFM autolink literals as remark finds them in text after escapes are read, Streamlit's icon and
# emoji codes, and a setext underline
AUTOLINK = re.compile(r"(https?://|www\.|[-.\w+]+@[-\w]+\.[-\w]+|:material/\w+:|:[a-z_]+:)", re.IGNORECASE)


def _unescaped(markdown: str) -> str:
    """The text a markdown reader sees after backslash escapes are resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _sources():
    for path in [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]:
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _number_constants(tree: ast.Module) -> set[str]:
    """Module-level names bound to a number literal, here or in a project module they are imported from
    (e.g. MAX_FILES = 10 in etl/uploads.py): never a value from a file, an upload or a link."""
    def numbers_of(module: ast.Module) -> set[str]:
        return {target.id for node in module.body if isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant) and type(node.value.value) in (int, float)
                for target in node.targets if isinstance(target, ast.Name)}

    names = numbers_of(tree)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            source = ROOT / (node.module.replace(".", "/") + ".py")
            if source.is_file():
                imported = numbers_of(ast.parse(source.read_text(encoding="utf-8")))
                names |= {alias.asname or alias.name for alias in node.names if alias.name in imported}
    return names


def _notice_calls():
    for name, tree in _sources():
        numbers = _number_constants(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in NOTICES
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "st"):
                yield name, node, numbers


def _is_number(node: ast.AST, numbers: set[str]) -> bool:
    """A value that is a number however the data reads: a number literal or constant, len()/int() of
    anything, max/min/round/abs of numbers, arithmetic on numbers."""
    if isinstance(node, ast.Constant):
        return type(node.value) in (int, float)
    if isinstance(node, ast.Name):
        return node.id in numbers
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        if node.func.id in NUMBER_CALLS:
            return True
        return node.func.id in NUMERIC_OF_NUMBERS and all(_is_number(arg, numbers) for arg in node.args)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ARITHMETIC):
        return _is_number(node.left, numbers) and _is_number(node.right, numbers)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _is_number(node.operand, numbers)
    return False


def _is_safe_value(node: ast.AST, numbers: set[str] = frozenset()) -> bool:
    if isinstance(node, ast.Constant) or _is_number(node, numbers):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in SAFE_CALLS
    return False


def _is_safe_message(node: ast.AST, numbers: set[str] = frozenset()) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t":
        return (isinstance(node.args[0], ast.Constant)
                and all(keyword.arg == "lang" or _is_safe_value(keyword.value, numbers)
                        for keyword in node.keywords))
    return _is_safe_value(node, numbers)


def test_every_notice_call_site_passes_link_and_data_values_through_an_escape():
    calls = list(_notice_calls())
    assert len(calls) >= 10                           # the walk finds the notices
    unsafe = []
    for name, call, numbers in calls:
        message = call.args[0] if call.args else next(k.value for k in call.keywords if k.arg == "body")
        if not _is_safe_message(message, numbers) and (name, ast.unparse(message)) not in REVIEWED:
            unsafe.append(f"{name}:{call.lineno}: {ast.unparse(message)}")
    assert unsafe == []


def test_the_call_site_walk_would_catch_an_unescaped_value():
    bad = ast.parse('st.toast(t("Ignored: {name}", lang=lang, name=value))').body[0].value
    good = ast.parse('st.toast(t("Ignored: {name}", lang=lang, name=escape_markdown(value)))').body[0].value
    assert not _is_safe_message(bad.args[0]) and _is_safe_message(good.args[0])


@pytest.mark.parametrize("value, safe", [
    ("MAX_FILES", True), ("len(a) + len(b)", True), ("int(outcome.left)", True),
    ("int(max(1, round(seconds / 60)))", True), ("max(1, round(MAX_FILES / 60))", True), ("-3", True),
    ("outcome.left", False), ("OTHER", False), ("max(1, value)", False), ("len(a) + value", False),
    ("round(value)", False), ("str(error)", False), ("upload.name", False), ("MAX_FILES + name", False),
    ("'x' * len(a)", False)])
def test_only_numbers_pass_as_unescaped_placeholder_values(value, safe):
    call = ast.parse(f't("At most {{n}}", lang=lang, n={value})').body[0].value
    assert _is_safe_message(call, {"MAX_FILES"}) is safe


def test_number_constants_are_read_from_the_module_and_its_project_imports():
    tree = ast.parse("from etl.uploads import MAX_FILES, check_upload as MAX_X\nLIMIT = 5\nNAME = 'x'\n")
    assert _number_constants(tree) == {"MAX_FILES", "LIMIT"}


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
