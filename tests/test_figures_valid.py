"""Every figure a page draws is the figure plotly's validation would give: the charts are built from plain
dicts without validation (indicators.charts.templated), so this is where a wrong value or an unexpanded
'font_size'-style key inside a nested dict would show."""
from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.tools
import plotly.io as pio
import pytest

from indicators.charts import Figure
from tests.apptest_support import open_page
from tests.browser_support import registered_pages

PAGES = [page.name for page in registered_pages()]


def drawn_specs(at) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def differences(left, right, path: str = "") -> list[str]:
    """The paths at which two JSON values differ (a readable failure message)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return [found for key in sorted(set(left) | set(right), key=str)
                for found in differences(left.get(key), right.get(key), f"{path}.{key}")]
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        return [found for index, (a, b) in enumerate(zip(left, right))
                for found in differences(a, b, f"{path}[{index}]")]
    return [] if left == right else [f"{path}: {left!r:.80} != {right!r:.80}"]


def revalidated(spec: dict) -> dict:
    """The figure as plotly's validation builds it from the same JSON, back to JSON."""
    return json.loads(pio.to_json(go.Figure(spec), validate=True))


def sent_figures(monkeypatch) -> list:
    """The figures st.plotly_chart turns into the JSON it sends (through plotly.tools), as they are sent."""
    sent = []
    send = plotly.tools.return_figure_from_figure_or_data

    def recording(figure, *args, **kwargs):
        sent.append(figure)
        return send(figure, *args, **kwargs)
    monkeypatch.setattr(plotly.tools, "return_figure_from_figure_or_data", recording)
    return sent


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("warehouse_name, lang", [("real_warehouse", "en"), ("demo_warehouse", "ru")])
def test_every_drawn_figure_is_valid_and_unchanged_by_validation(page, warehouse_name, lang, request, monkeypatch):
    sent = sent_figures(monkeypatch)
    at = open_page(monkeypatch, request.getfixturevalue(warehouse_name), page, lang=lang)
    specs = drawn_specs(at)
    if page != "report":          # the report page draws its charts only once some are added
        assert specs, f"{page}: no chart drawn"
    # what a figure sends (charts.Figure.to_dict, containers copied) is what plotly's own to_dict gives
    assert len(sent) >= len(specs) and (page == "report" or any(isinstance(figure, Figure) for figure in sent))
    for figure in sent:
        assert pio.to_json(figure.to_dict()) == pio.to_json(go.Figure.to_dict(figure))
    for spec in specs:
        title = spec.get("layout", {}).get("title", {}).get("text")
        changed = differences(spec, revalidated(spec))
        assert not changed, f"{page} ({lang}): {title!r} changes under validation: {changed[:5]}"


def test_every_map_view_is_valid_and_unchanged_by_validation(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, "theme")
    switches = [group.key for group in at.button_group if "Map" in group.options and group.value != "map"]
    assert switches, "the theme trends offer a map"
    for key in switches:
        at.button_group(key=key).set_value("map")
    at.run()
    assert not at.exception
    maps = [spec for spec in drawn_specs(at) if any(trace.get("type") == "choropleth" for trace in spec["data"])]
    assert len(maps) == len(switches)
    for spec in maps:
        changed = differences(spec, revalidated(spec))
        assert not changed, f"{spec['layout']['title']['text']!r} changes under validation: {changed[:5]}"


def test_figure_to_dict_encodes_arrays_as_plotly_does():
    """Arrays held by traces and layout (numpy, pandas) are sent base64-encoded exactly as plotly's own
    to_dict encodes them; those under the keys plotly skips ('range' here) are left as they are."""
    import numpy as np
    import pandas as pd
    from indicators.charts import templated

    figure = templated(
        [dict(type="scatter", x=np.arange(2000, 2010), y=pd.Series(np.linspace(0.5, 9.5, 10)), name="KAZ",
              customdata=np.array([[1, 2], [3, 4]] * 5), marker=dict(size=np.full(10, 7.0), color="#123456")),
         dict(type="bar", x=["a", "b"], y=[1, 2], text=("one", "two"))],
        dict(xaxis=dict(range=np.array([1999.5, 2009.5])), title=dict(text="Values")))
    sent = figure.to_dict()
    assert pio.to_json(sent) == pio.to_json(go.Figure.to_dict(figure))
    first = sent["data"][0]
    assert first["x"]["dtype"] == "i2" and first["y"]["dtype"] == "f8" and first["customdata"]["shape"] == "10, 2"
    assert first["marker"]["size"]["dtype"] == "f8" and first["marker"]["color"] == "#123456"
    assert isinstance(sent["layout"]["xaxis"]["range"], (list, np.ndarray))
