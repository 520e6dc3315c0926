"""The import graph: no cycle between modules, no arrow from a lower layer up to a higher one."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.import_graph import (LAYERS, PROJECT_DIR, cycle_arrows, cycles, module_graph, project_modules,
                                  upward_arrows)

# Known exceptions (none): a knot being untied may be listed here while its change lands.
KNOWN_CYCLES: set[frozenset[str]] = set()
KNOWN_UPWARD: set[tuple[str, str]] = set()


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return module_graph()


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_project_has_no_import_cycle(graph):
    found = [component for component in cycles(graph) if frozenset(component) not in KNOWN_CYCLES]
    arrows = ["; ".join(f"{a} -> {b}" for a, b in cycle_arrows(graph, component)) for component in found]
    assert not arrows, "import cycles:\n" + "\n".join(arrows)


def test_no_lower_layer_imports_a_higher_one(graph):
    upward = [arrow for arrow in upward_arrows(graph) if arrow not in KNOWN_UPWARD]
    layers = " < ".join(", ".join(names) for names in LAYERS)
    assert not upward, f"arrows back up the layers ({layers}):\n" + "\n".join(f"{a} -> {b}" for a, b in upward)


def test_every_exemption_is_still_needed(graph):
    """An exemption whose knot is gone must leave the list, so that the knot cannot come back."""
    present = {frozenset(component) for component in cycles(graph)}
    stale = [sorted(pair) for pair in KNOWN_CYCLES if pair not in present]
    stale += [list(arrow) for arrow in KNOWN_UPWARD if arrow not in set(upward_arrows(graph))]
    assert not stale, f"remove from KNOWN_CYCLES / KNOWN_UPWARD in tests/test_layers.py: {stale}"


def test_etl_imports_only_settings_i18n_and_itself(graph):
    outside = sorted((module, target) for module, targets in graph.items() if module.startswith("etl")
                     for target in targets if target.split(".")[0] not in ("etl", "settings", "i18n"))
    assert outside == []


def test_the_graph_sees_every_package(graph):
    modules = project_modules()
    for expected in ("settings", "app", "etl.readers", "etl.readers.upr_info", "viewmodels.brief",
                     "views.sources", "ui.chart_block", "indicators.queries"):
        assert expected in modules
    # etl.readers (the registry) imports every reader; the build imports the reader contract
    assert {"etl.readers.upr_info", "etl.readers.wpdl", "etl.readers.base"} <= graph["etl.readers"]
    assert "etl.readers.base" in graph["etl.build"]


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    _write(tmp_path, {
        "etl/__init__.py": "",
        "etl/a.py": "from etl.b import thing\n",
        "etl/b.py": "def thing():\n    from etl import a\n    return a\n",
        "etl/c.py": "from . import a\n",
    })
    graph = module_graph(tmp_path)
    assert graph["etl.b"] == {"etl.a"}
    assert graph["etl.c"] == {"etl.a"}            # relative import, resolved to the submodule
    assert cycles(graph) == [["etl.a", "etl.b"]]
    assert cycle_arrows(graph, ["etl.a", "etl.b"]) == [("etl.a", "etl.b"), ("etl.b", "etl.a")]


def test_from_package_import_name_is_an_arrow_to_the_submodule_or_the_package(tmp_path):
    _write(tmp_path, {
        "etl/__init__.py": "",
        "etl/readers/__init__.py": "from etl.readers.one import One\nREGISTRY = [One]\n",
        "etl/readers/one.py": "from etl.readers import textfile\n",
        "etl/readers/textfile.py": "",
        "etl/plan.py": "from etl.readers import REGISTRY\n",
    })
    graph = module_graph(tmp_path)
    assert graph["etl.readers.one"] == {"etl.readers.textfile"}
    assert graph["etl.plan"] == {"etl.readers"}
    assert cycles(graph) == []


def test_an_arrow_back_up_is_named(tmp_path):
    _write(tmp_path, {
        "settings.py": "",
        "etl/__init__.py": "",
        "etl/build.py": "import settings\n\ndef chart():\n    import indicators.charts\n",
        "indicators/__init__.py": "",
        "indicators/charts.py": "from etl import build\n",
        "views/page.py": "from indicators.charts import x\n",
    })
    graph = module_graph(tmp_path)
    assert upward_arrows(graph) == [("etl.build", "indicators.charts")]


def test_etl_finds_project_files_only_through_settings():
    """Paths to data, reference and catalogue files come from settings.py; the one path an ETL module
    builds from its own location is etl/sqlfiles.py's folder of the ETL's SQL statements."""
    hand_built = []
    for path in sorted((PROJECT_DIR / "etl").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for marker in ("__file__", "parents[", '"data"', "'data'", '"reference"', '"catalogue"'):
            if marker in text:
                hand_built.append((str(path.relative_to(PROJECT_DIR)), marker))
    assert hand_built == [("etl/sqlfiles.py", "__file__")]
