"""Every page registered in app.py has an AppTest module covering the five required views."""
from __future__ import annotations

import ast
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
REQUIRED_VIEWS = ("default", "filtered", "from_url", "hostile_url", "no_data")


def registered_pages() -> list[str]:
    tree = ast.parse((PROJECT_DIR / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PAGES" for t in node.targets):
            return [element.elts[0].value for element in node.value.elts]
    raise AssertionError("app.py defines no PAGES list")


def test_app_registers_pages_that_exist():
    pages = registered_pages()
    assert len(pages) >= 6
    for page in pages:
        assert (PROJECT_DIR / page).is_file(), page


def test_every_registered_page_has_an_app_test_of_each_view():
    for page in registered_pages():
        stem = Path(page).stem
        test_file = PROJECT_DIR / "tests" / f"test_page_{stem}.py"
        assert test_file.is_file(), f"{page} has no tests/test_page_{stem}.py"
        names = {node.name for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8")))
                 if isinstance(node, ast.FunctionDef)}
        for view in REQUIRED_VIEWS:
            assert any(name.startswith("test_") and view in name for name in names), \
                f"tests/test_page_{stem}.py has no test of the {view!r} view"
