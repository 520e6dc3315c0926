"""The report survives a reload (kept in the URL, charts in the store) and travels as a checked JSON file."""
from __future__ import annotations

import io
import json

import plotly.graph_objects as go
import pytest
from pptx import Presentation

from tests.test_page_report import REPORT_PAGE, TITLES, open_report, report_app
from ui import report_link
from ui.report_file import ReportFileError, read_report_json, report_json
from ui.report_link import keep, parse_values, restore, url_values
import settings
from ui.report_state import make_record, set_key_message, set_view, table_cells


@pytest.fixture(autouse=True)
def store(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    monkeypatch.setenv(settings.REPORT_STORE_ENV, str(folder))
    return folder


def entry(name: str, with_table: bool = True) -> dict:
    import pandas as pd

    figure = go.Figure(go.Bar(x=["KAZ", "KGZ"], y=[3, 4]), layout=dict(title=dict(text=name)))
    table = table_cells(pd.DataFrame({"Country": ["KAZ", "KGZ"], "Value": [3, 4]})) if with_table else None
    return make_record(figure.to_json(), chart_id=name, page="Overview", title=name, source="V-Dem",
                       years="2019–2023", filters="Countries: Kazakhstan", countries=["KAZ"], theme=None, table=table)


def test_url_values_round_trip_with_order_views_and_messages(store):
    first, second = entry("one"), entry("two", with_table=False)
    items = set_view(set_key_message([first, second], first["uid"], "Rose ~ by 3 points; see ~ notes"),
                     first["uid"], "table")
    items = [items[1], items[0]]                      # reordered
    keep(items, store)
    entries, ignored = parse_values(url_values(items))
    assert ignored == []
    restored, missing = restore(entries, store)
    assert missing == []
    assert [(item["uid"], item["view"], item["key_message"]) for item in restored] == [
        (second["uid"], "chart", ""), (first["uid"], "table", "Rose ~ by 3 points; see ~ notes")]
    assert restored[1]["figure_json"] == first["figure_json"] and restored[1]["table"] == first["table"]


def test_malformed_or_tampered_link_entries_are_left_out(store):
    good = entry("good")
    keep([good], store)
    tampered = entry("tampered")
    keep([tampered], store)
    stored = json.loads((store / f"{tampered['uid']}.json").read_text(encoding="utf-8"))
    stored["figure_json"] = go.Figure(go.Bar(x=["X"], y=[99])).to_json()       # content no longer gives its uid
    (store / f"{tampered['uid']}.json").write_text(json.dumps(stored), encoding="utf-8")
    values = [f"{good['uid']}~chart~ok", "../../etc/passwd~chart~x", f"{good['uid']}~chart~again",
              f"{good['uid'][:15]}Z~chart~x", f"{tampered['uid']}~chart~", "0123456789abcdef~chart~unknown",
              f"{good['uid']}~<script>~x"]
    entries, ignored = parse_values(values)
    assert [uid for uid, _, _ in entries] == [good["uid"], tampered["uid"], "0123456789abcdef"]
    assert len(ignored) == 4
    restored, missing = restore(entries, store)
    assert [item["uid"] for item in restored] == [good["uid"]]
    assert missing == [tampered["uid"], "0123456789abcdef"]


def test_report_file_round_trip_keeps_everything_and_recomputes_ids():
    items = set_view(set_key_message([entry("one"), entry("two")], entry("two")["uid"], "Key message"),
                     entry("one")["uid"], "table")
    opened = read_report_json(report_json(items))
    assert opened == items


@pytest.mark.parametrize("change, expected", [
    (lambda payload: b"\xff\xfe not json", "not a JSON file"),
    (lambda payload: {**payload, "format": "other"}, 'expected "format": "roca-report"'),
    (lambda payload: {**payload, "version": 9}, "version 9 is not supported"),
    (lambda payload: {**payload, "items": [{**payload["items"][0], "figure_json": "{\"data\": 5}"}]},
     "item 1: 'figure_json' is not a plotly figure"),
    (lambda payload: {**payload, "items": [payload["items"][0], {**payload["items"][1], "title": 5}]},
     "item 2: 'title' must be text"),
    (lambda payload: {**payload, "items": [{**payload["items"][0], "table": None, "view": "table"}]},
     "item 1: 'view' must be 'chart', or 'table' when the entry holds a table"),
    (lambda payload: {**payload, "items": [{**payload["items"][0], "key_message": "x" * 281}]},
     "item 1: 'key_message' must be text of at most 280"),
    (lambda payload: {**payload, "items": [{**payload["items"][0],
                                            "table": {"columns": ["a"], "rows": [["=cmd()", "extra"]]}}]},
     "item 1: table row 1 must be 1 text cells"),
])
def test_a_bad_report_file_is_refused_with_the_item_and_field(change, expected):
    payload = json.loads(report_json([entry("one"), entry("two")]))
    changed = change(payload)
    data = changed if isinstance(changed, bytes) else json.dumps(changed).encode("utf-8")
    with pytest.raises(ReportFileError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_report_json(data)


def test_report_survives_a_reload_from_its_url(monkeypatch, demo_warehouse, deferred):
    at = report_app(monkeypatch, demo_warehouse, country="KGZ")
    for chart_id in ("test-bar", "test-responses"):
        at.button(key=f"report-{chart_id}").click().run()
    open_report(at)
    bar, responses = at.session_state["report_items"]
    at.button(key=f"report-up-{responses['uid']}").click().run()
    at.text_input(key=f"report-msg-{bar['uid']}").input("Most values ~ rose.").run()
    at.button_group(key=f"report-view-{responses['uid']}").set_value("table").run()
    assert not at.exception
    link = at.query_params.get_all("r") if hasattr(at.query_params, "get_all") else at.query_params["r"]
    link = [link] if isinstance(link, str) else list(link)
    assert link == [f"{responses['uid']}~table~", f"{bar['uid']}~chart~Most values ~ rose."]

    reloaded = report_app(monkeypatch, demo_warehouse, country="KGZ", r=link)    # a new session: F5
    open_report(reloaded)
    items = reloaded.session_state["report_items"]
    assert [(item["title"], item["view"], item["key_message"]) for item in items] == [
        (TITLES["test-responses"], "table", ""), (TITLES["test-bar"], "chart", "Most values ~ rose.")]
    assert reloaded.text_input(key=f"report-msg-{bar['uid']}").value == "Most values ~ rose."
    deck = Presentation(io.BytesIO(deferred["roca-report.pptx"]()))
    slides = list(deck.slides)
    assert [slide.shapes.title.text for slide in slides][1:3] == [TITLES["test-responses"], TITLES["test-bar"]]
    assert any(shape.has_table for shape in slides[1].shapes)
    assert "Most values ~ rose." in [shape.text_frame.text for shape in slides[2].shapes if shape.has_text_frame]
    saved = read_report_json(deferred["roca-report.json"]())
    assert [(item["uid"], item["view"], item["key_message"]) for item in saved] == [
        (item["uid"], item["view"], item["key_message"]) for item in items]
