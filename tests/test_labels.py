"""Saved labels: validation, round trips through the URL and the file, filter and chart on the real extract."""
from __future__ import annotations

import json
import re

import duckdb
import pytest

from apptest_support import default_where, figures_by_title, open_page
from indicators.labels import (Label, LabelError, add_label, check_label, file_bytes, from_json, read_file,
                               to_json)

DEATH = Label("Death penalty", '"death penalty" OR "capital punishment"')
DEFENDERS = Label("Defenders & journalists", '"human rights defenders" OR journalist*')


def test_labels_round_trip_through_url_and_file():
    labels = (DEATH, DEFENDERS)
    assert from_json(to_json(labels)) == (labels, [])
    assert read_file(file_bytes(labels)) == labels
    document = json.loads(file_bytes(labels))
    assert document["labels"][0] == {"name": "Death penalty", "rule": '"death penalty" OR "capital punishment"'}


def test_bad_labels_are_refused_with_the_reason():
    with pytest.raises(LabelError) as raised:
        check_label("<b>bold</b>", "torture")
    assert raised.value.code == "bad_name"
    with pytest.raises(LabelError) as raised:
        check_label("Torture", "(torture")
    assert raised.value.code == "bad_rule"
    with pytest.raises(LabelError) as raised:
        check_label("Torture", "  ")
    assert raised.value.code == "empty_rule"
    labels = tuple(Label(f"L{i}", "torture") for i in range(10))
    with pytest.raises(LabelError):
        add_label(labels, Label("L10", "media"))
    assert add_label(labels, Label("L3", "media"))[-1] == Label("L3", "media")   # same name replaces


def test_url_keeps_valid_labels_and_names_bad_ones():
    labels, ignored = from_json('[["Death penalty","\\"death penalty\\""],["**x**","a"],["Open","(a"],7]')
    assert labels == (Label("Death penalty", '"death penalty"'),)
    assert len(ignored) == 3
    assert from_json("not json") == ((), ["labels"])


def test_file_errors_name_the_label():
    bad = json.dumps({"format": "roca-labels", "version": 1,
                      "labels": [{"name": "Ok", "rule": "torture"}, {"name": "Broken", "rule": "\"open"}]})
    with pytest.raises(LabelError, match=r"labels.json, label 2 \(Broken: unclosed_quote\)"):
        read_file(bad.encode(), "labels.json")
    with pytest.raises(LabelError) as raised:
        read_file(b"\x89PNG", "labels.json")
    assert raised.value.code == "not_json"


@pytest.fixture(scope="module")
def texts(real_warehouse):
    where = default_where(real_warehouse)
    con = duckdb.connect(str(real_warehouse), read_only=True)
    # as the page counts by default: the five countries, voluntary pledges apart
    rows = con.execute("SELECT country_iso3, cycle_code, text FROM recommendation "
                       f"WHERE {where} AND NOT is_pledge").fetchall()
    con.close()
    return rows


def test_label_filter_and_chart_on_the_real_extract(monkeypatch, real_warehouse, texts):
    death = [r for r in texts if re.search(r"\bdeath penalty\b|\bcapital punishment\b", r[2], re.IGNORECASE)]
    assert death
    at = open_page(monkeypatch, real_warehouse, "recommendations", labels=to_json((DEATH, DEFENDERS)),
                   label="Death penalty")
    assert int(at.metric[0].value.replace(",", "")) == len(death)
    chart = figures_by_title(at)["Recommendations by label, country and UPR cycle"]
    series = {trace["name"]: dict(zip(trace["x"], trace["y"])) for trace in chart["data"]}
    assert set(series) == {"Death penalty", "Defenders & journalists"}
    expected = {}
    for country, cycle, _ in death:
        name = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
                "UZB": "Uzbekistan"}[country]
        key = f"{name} · UPR cycle {cycle[-1]} ({'2008-2011' if cycle == 'upr-1' else '2012-2016'})"
        expected[key] = expected.get(key, 0) + 1
    assert {k: v for k, v in series["Death penalty"].items() if v} == expected
    assert at.query_params["label"] == "Death penalty"
    assert from_json(at.query_params["labels"])[0] == (DEATH, DEFENDERS)
