"""AppTest helpers shared by the page tests: open a page of app.py on a warehouse, read its charts."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

PROJECT_DIR = Path(__file__).resolve().parents[1]


def open_page(monkeypatch, warehouse: Path, view: str, /, timeout: int = 60, **params) -> AppTest:
    """app.py on `warehouse` with `params` in the URL, opened on views/<view>.py (or a page path), as a
    visitor following a link to that page: one run of app.py that draws only that page.

    The toasts of that first run (ignored link parameters) are kept in `at.first_toasts`.
    """
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    # each page's url_path is its file name, so the page is found before app.py has registered it
    at.switch_page(view if view.endswith(".py") else f"views/{view}.py")
    at.run()
    assert not at.exception, [error.value for error in at.exception]
    at.first_toasts = [toast.value for toast in at.toast]
    return at


def decoded(value):
    """Plotly's JSON typed arrays ({dtype, bdata, shape}) as nested lists; anything else unchanged."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if value.get("shape"):
            array = array.reshape([int(part) for part in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, dict):
        return {key: decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decoded(item) for item in value]
    return value


def figures_by_title(at: AppTest) -> dict[str, dict]:
    """Title (its line breaks as spaces: the page fits them to the screen) -> plotly figure JSON (typed arrays
    decoded) of every chart on the page."""
    found = {}
    for element in at.get("plotly_chart"):
        spec = decoded(json.loads(element.proto.spec))
        title = spec.get("layout", {}).get("title", {}).get("text")
        found[title.replace("<br>", " ") if title else title] = spec
    return found


def warehouse_defaults(warehouse: Path):
    """The filter defaults the app derives from `warehouse` (focus countries, year bounds, default years)."""
    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key
    from ui.filters import FilterDefaults

    key = warehouse_key(warehouse)
    return FilterDefaults.from_frames(run_query("filter_choices_countries", key), run_query("filter_years", key))


def default_where(warehouse: Path) -> str:
    """SQL condition of the rows a page shows under the default filters: focus countries, default years."""
    defaults = warehouse_defaults(warehouse)
    countries = ", ".join(f"'{code}'" for code in defaults.countries)
    return f"country_iso3 IN ({countries}) AND year BETWEEN {defaults.year_from} AND {defaults.year_to}"


def default_between(warehouse: Path) -> str:
    """'BETWEEN <first> AND <last>' of the default year range the app derives from `warehouse`."""
    defaults = warehouse_defaults(warehouse)
    return f"BETWEEN {defaults.year_from} AND {defaults.year_to}"
