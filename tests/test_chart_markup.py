"""Data text is never Plotly markup: every chart kind built from payload text, its JSON and its SVG export."""
from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ElementTree

import pandas as pd
import plotly.graph_objects as go
import pytest

from exports.decorate import ExportHeader, for_slide, with_header
from exports.images import figure_svg
from indicators import charts
from indicators.plotly_text import drawn_text, plotly_text
from tests.hostile_payloads import EVIL_HOST, FAMILIES, PAYLOADS
from ui.presentation import presentation_figure

# the markup the chart code writes itself; anything else looking like a tag came from data
OWN_MARKUP = re.compile(r"<br>|<extra></extra>|<b>|</b>|<span style='color:#b3261e'>|</span>")
OWN_FIELDS = re.compile(r"%\{(x|y|z|text|customdata|fullData\.name)(:[^}]*)?\}")


def _visible(payload: str) -> str:
    """The words a viewer should read for a payload (control characters shown as spaces)."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", payload).split())


def build_all(text: str, lang: str = "en") -> dict[str, go.Figure]:
    """Every chart kind with `text` in every text field the data can reach."""
    observations = pd.DataFrame({"country_iso3": ["KAZ", "KAZ", text, text], "country_name": [text] * 4,
                                 "year": [2019, 2020, 2019, 2020], "value": [0.3, 0.4, 0.5, 0.6],
                                 "lower": [0.2, 0.3, 0.4, 0.5], "upper": [0.4, 0.5, 0.6, 0.7]})
    events = pd.DataFrame({"date": ["2019-06-01", "2020-02-01"], "kind": ["ratification", text],
                           "title": [text, text], "country_iso3": ["KAZ", None]})
    categories = pd.DataFrame({"name": [text, text + " 2"], "country_iso3": ["KAZ", "UZB"], "value": [1.5, 2.0]})
    counts = pd.DataFrame({"row": [text, text + " r"], "column": [text, text + " c"], "n": [3, 4]})
    treaties = pd.DataFrame({"country_iso3": ["KAZ", text], "country_name": [text, text + " b"],
                             "treaty": [text, "CAT"], "action": ["ratification", "signature"], "year": [2001, 2005]})
    assessments = pd.DataFrame({"indicator_code": ["a", "b"], "indicator_name": [text, text + " i"],
                                "country_iso3": ["KAZ", text], "country_name": [text, text + " k"],
                                "status": ["on_track", "deterioration"], "baseline_year": [2015, 2015],
                                "latest_year": [2020, 2020], "baseline_value": [1.0, 2.0],
                                "latest_value": [2.0, 1.0], "note": [None, None]})
    responses = pd.DataFrame({"country_name": [text, text + " s"], "supported": [3, 1], "noted": [1, 2]})
    mapped = pd.DataFrame({"country_iso3": ["KAZ", "UZB"], "country_name": [text, text + " m"], "value": [0.4, 0.7]})
    trend = charts.trend_chart(observations, text, text, text, True, events=events, lang=lang)
    figures = {
        "trend": trend,
        "trend_named": charts.trend_chart(observations, text, text, text, False, countries_names={"KAZ": text},
                                          lang=lang),
        "bar": charts.bar_chart(categories, "name", "value", text, text, text, [2020], True, x_title=text, lang=lang),
        "bar_horizontal": charts.bar_chart(categories, "name", "value", text, text, text, [2020], False,
                                           horizontal=True, color_by_country=True, lang=lang),
        "heatmap": charts.heatmap(counts, "row", "column", "n", text, text, [2020], True, value_label=text,
                                  row_title=text, column_title=text, lang=lang, blank_empty_columns=True),
        "ratification": charts.ratification_matrix(treaties, text, text, True, lang=lang,
                                                   treaty_names={text: text, "CAT": text}),
        "progress": charts.progress_chart(assessments, text, text, True, lang=lang),
        "progress_codes": charts.progress_chart(assessments.drop(columns=["indicator_name", "country_name"]),
                                                text, text, False, lang=lang),
        "map": charts.region_map(mapped, "value", text, text, text, [2020], True, lang=lang),
        "responses": charts.stacked_responses(responses, text, text, [2020], True, lang=lang),
        "empty": charts.empty_figure(text, lang=lang),
        "presentation": presentation_figure(trend),
        "slide": for_slide(trend, True, lang=lang),
        "decorated": with_header(trend, ExportHeader(subtitle=text, source=text, years=text, is_demo=True,
                                                     export_date=datetime.date(2026, 1, 2)), 1600, lang=lang),
        "decorated_own_title": with_header(trend, ExportHeader(subtitle=text, source=text, is_demo=False), 1600),
    }
    return figures


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key != "legendgroup":      # an identifier, never drawn
                yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def _assert_inert(figure: go.Figure, name: str) -> list[str]:
    strings = list(_strings(json.loads(figure.to_json())))
    for text in strings:
        rest = OWN_MARKUP.sub("", text)
        assert "<" not in rest and ">" not in rest, (name, text)
        assert rest.count("$") < 2, (name, text)
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", text), (name, text)
        assert OWN_FIELDS.sub("", text).count("%{") == 0, (name, text)
    return strings


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_chart_kind_keeps_payload_text_as_text_in_its_json(family):
    for payload in FAMILIES[family]:
        expected = _visible(payload)
        for name, figure in build_all(payload).items():
            strings = _assert_inert(figure, name)
            drawn = [drawn_text(text) for text in strings]
            assert any(expected in text for text in drawn), (name, payload)


def test_title_of_every_chart_reads_back_as_the_payload_words():
    payload = FAMILIES["markup"][0]
    for name, figure in build_all(payload).items():
        if name in {"empty", "slide"}:
            continue
        assert drawn_text(figure.layout.title.text) == _visible(payload), name


def test_plotly_text_leaves_ordinary_text_alone():
    for text in ["Administration of justice & fair trial", "Share of seats (%)", "US$ per person", "Кыргызстан"]:
        assert plotly_text(text) == text
    assert plotly_text("a &amp; b") == "a &amp;amp; b" and drawn_text(plotly_text("a &amp; b")) == "a &amp; b"


def _svg_texts(svg: bytes) -> tuple[ElementTree.Element, str]:
    root = ElementTree.fromstring(svg)
    return root, " ".join(" ".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text"))


def test_exported_svg_of_every_chart_kind_has_no_link_style_or_remote_address():
    payload = " ".join(FAMILIES["markup"][:3] + FAMILIES["url_style"][:1])
    for name, figure in build_all(payload).items():
        svg = figure_svg(figure, width=1200, height=800)
        root, text = _svg_texts(svg)
        tags = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
        assert "a" not in tags, name
        for element in root.iter():
            for attribute, value in element.attrib.items():
                assert EVIL_HOST not in value, (name, attribute, value)
                assert "90px" not in value, (name, attribute, value)
        if name not in {"slide", "empty"}:
            assert f'href="http://{EVIL_HOST}/x"' in text, name      # the markup is there, as words
        assert "fill:url(" in text or name in {"slide"}, name
