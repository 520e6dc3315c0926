"""App tests of the Recommendations page (search, filters, paging, URL, export) on real warehouses."""
from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
from streamlit.testing.v1 import AppTest

from apptest_support import default_between, default_where, open_page as open_app_page, warehouse_defaults

import indicators.export_query
import viewmodels.recommendations
from viewmodels.recommendations import PageFilters, query_params
from indicators.warehouse import warehouse_key
from ui.filters import Filters

PROJECT_DIR = Path(__file__).resolve().parents[1]
ORDER = "ORDER BY year DESC, country_iso3, session NULLS LAST, id"


def open_page(monkeypatch, warehouse, **params) -> AppTest:
    return open_app_page(monkeypatch, warehouse, "recommendations", **params)


def direct(warehouse: Path, sql: str) -> list:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def metric(at: AppTest) -> int:
    return int(at.metric[0].value.replace(",", ""))


def table(at: AppTest):
    return at.dataframe[0].value


def test_default_view(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    (total,), = direct(demo_warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(demo_warehouse)} AND NOT is_pledge")
    assert metric(at) == total
    assert [t.value for t in at.title] == ["Recommendations"]
    pages = -(-total // 50)
    assert any(c.value.startswith(f"Page 1 of {pages} ") for c in at.caption)
    texts = [text for (text,) in direct(demo_warehouse, f"SELECT text FROM recommendation WHERE {default_where(demo_warehouse)} "
                                                        f"{ORDER} LIMIT 50")]
    assert table(at)["Recommendation"].tolist() == texts
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    specs = " ".join(chart.proto.spec for chart in charts)
    assert "Recommendations by theme" in specs and "Recommendations by UPR cycle" in specs
    assert "Demonstration data" in specs


def test_filtered_view(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse)
    at.text_input(key="rec_q").input("TORTURE investigation").run()
    at.selectbox(key="rec_response").select("supported").run()
    assert not at.exception
    rows = direct(demo_warehouse, f"""SELECT text FROM recommendation WHERE {default_where(demo_warehouse)}
        AND regexp_matches(lower(text), '\\btortur(e|es|ed|ing)\\b')
        AND regexp_matches(lower(text), '\\binvestigat(e|es|ed|ing|ion|ions|ive)\\b')
        AND response = 'supported' {ORDER}""")
    assert 0 < len(rows) < 50
    assert metric(at) == len(rows)
    assert table(at)["Recommendation"].tolist() == [text for (text,) in rows]
    assert set(table(at)["Response"]) == {"Supported"}
    assert at.query_params["q"] == "TORTURE investigation"
    assert at.query_params["response"] == "supported"


def test_view_from_url(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, country="KAZ", theme="fair_trial", page="2",
                   q="гражданского общества")
    where = f"""country_iso3 = 'KAZ' AND year {default_between(demo_warehouse)}
        AND contains(lower(text), 'гражданского общества')
        AND id IN (SELECT recommendation_id FROM recommendation_theme WHERE theme_code = 'fair_trial')"""
    (total,), = direct(demo_warehouse, f"SELECT count(*) FROM recommendation WHERE {where}")
    assert total > 0
    assert metric(at) == total
    assert at.text_input(key="rec_q").value == "гражданского общества"
    page = 2 if total > 50 else 1          # a page beyond the last is brought back to the last
    assert at.number_input(key="rec_page").value == page
    rows = direct(demo_warehouse, f"SELECT text FROM recommendation WHERE {where} {ORDER} "
                                  f"LIMIT 50 OFFSET {(page - 1) * 50}")
    assert table(at)["Recommendation"].tolist() == [text for (text,) in rows]


def test_paging_from_url_on_a_large_result(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, page="3")
    rows = direct(demo_warehouse, f"SELECT text FROM recommendation WHERE {default_where(demo_warehouse)} AND NOT is_pledge "
                                   f"{ORDER} LIMIT 50 OFFSET 100")
    assert table(at)["Recommendation"].tolist() == [text for (text,) in rows]
    assert any(c.value.startswith("Page 3 of ") for c in at.caption)
    at.text_input(key="rec_q").input("torture").run()        # a new search starts again at page 1
    assert at.number_input(key="rec_page").value == 1


def test_hostile_url_parameter_is_ignored(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, body="'; DROP TABLE recommendation; --",
                   rs="<script>alert(1)</script>", action="1 OR 1=1", status="../../etc/passwd",
                   page="99999999999", response="[link](javascript:alert(1))")
    (total,), = direct(demo_warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(demo_warehouse)} AND NOT is_pledge")
    assert metric(at) == total
    toasts = [toast.value for toast in at.toast]
    assert len(toasts) == 1 and "(6)" in toasts[0]               # one notice: the count, the first few
    assert sum(name in toasts[0] for name in ("body=", "rs=", "action=", "status=", "page=", "response=")) == 3
    assert not any("](" in toast for toast in toasts)             # no markdown link survives
    for key in ("body", "rs", "action", "status", "page", "response"):
        assert key not in at.query_params


def test_no_data_selection(monkeypatch, demo_warehouse):
    at = open_page(monkeypatch, demo_warehouse, country="TKM", q="zqxwv nothing-matches-this")
    infos = [info.value for info in at.info]
    assert any("No recommendations match this selection" in info and "Turkmenistan" in info for info in infos)
    assert len(at.dataframe) == 0 and len(at.get("plotly_chart")) == 0
    assert any("zqxwv" in text.value for text in at.text)


def test_export_is_built_on_click_with_exactly_the_filtered_rows(monkeypatch, demo_warehouse, deferred):
    fetched = []
    original = indicators.export_query.fetch_uncached
    monkeypatch.setattr(indicators.export_query, "fetch_uncached",
                        lambda *args, **kwargs: fetched.append(args) or original(*args, **kwargs))
    at = open_page(monkeypatch, demo_warehouse, country="KGZ", mechanism="treaty_body")
    assert fetched == []                                   # nothing is built before the user clicks
    ids = [rid for (rid,) in direct(demo_warehouse, f"""SELECT id FROM recommendation
        WHERE country_iso3 = 'KGZ' AND mechanism = 'treaty_body' AND year {default_between(demo_warehouse)}
        {ORDER}""")]
    buttons = {button.proto.label: button.proto for button in at.get("download_button")}
    for label in (f"Download CSV ({len(ids)} rows)", f"Download Excel ({len(ids)} rows)"):
        assert buttons[label].HasField("deferred_file_id"), label
    # what the CSV and Excel buttons' callables (registered by the page) return: every filtered row, every
    # column of the export query, the demo note on each row
    key = warehouse_key(demo_warehouse)
    params = query_params(replace(Filters.default(warehouse_defaults(demo_warehouse)), countries=("KGZ",),
                                  mechanism="treaty_body"), PageFilters())
    columns = [column for column in original("recommendations_export", key, **params).columns
               if column != "theme_codes"] + ["data_note"]
    rows = pd.read_csv(io.BytesIO(deferred["recommendations.csv"]()), encoding="utf-8-sig")
    assert len(fetched) == 1                               # built on the click, once
    assert rows.columns.tolist() == columns
    assert rows["id"].tolist() == ids
    assert set(rows["data_note"]) == {"Demonstration data – not real figures"}
    sheet = openpyxl.load_workbook(io.BytesIO(deferred["recommendations.xlsx"]())).worksheets[0]
    header, *body = sheet.iter_rows(values_only=True)
    assert list(header) == columns
    assert [row[columns.index("id")] for row in body] == ids


def test_excel_is_capped_with_a_message(monkeypatch, demo_warehouse):
    monkeypatch.setattr(viewmodels.recommendations, "EXCEL_MAX_ROWS", 10)
    at = open_page(monkeypatch, demo_warehouse)
    labels = [button.proto.label for button in at.get("download_button")]
    assert any(label.startswith("Download CSV (") for label in labels)
    assert not any(label.startswith("Download Excel (") for label in labels)
    assert any("Excel holds at most 10 rows" in warning.value for warning in at.warning)


def test_real_warehouse_figures(monkeypatch, real_warehouse):
    at = open_page(monkeypatch, real_warehouse, response="supported")
    assert metric(at) == 493
    assert "Demonstration data" not in " ".join(chart.proto.spec for chart in at.get("plotly_chart"))
    for response, expected in (("noted", 236), ("pledges", 2)):
        at = open_page(monkeypatch, real_warehouse, response=response)
        assert metric(at) == expected
    for cycle, expected in (("upr-1", 129), ("upr-2", 198)):
        at = open_page(monkeypatch, real_warehouse, country="KAZ", cycle=cycle)
        assert metric(at) == expected


def test_thematic_lists_document_paragraph_sdg_and_persons_filters(monkeypatch, tmp_path, shared_data):
    from etl.build import build_warehouse
    from etl.plan import plan_inputs
    warehouse = tmp_path / "lists.duckdb"
    build_warehouse(plan_inputs([shared_data / "ohchr_upr_thematic_lists"]), warehouse, log=lambda line: None)
    at = open_page(monkeypatch, warehouse, country="SVN", sdg="16", persons="disappeared persons")
    (total,), = direct(warehouse, "SELECT count(*) FROM recommendation WHERE sdgs LIKE '%16 - PEACE%' "
                                  "AND lower(affected_persons) LIKE '%disappeared persons%'")
    assert metric(at) == total > 0
    assert at.selectbox(key="rec_sdg").value == "16"
    assert at.selectbox(key="rec_persons").value == "disappeared persons"
    rows = direct(warehouse, "SELECT document || ', para. ' || paragraph FROM recommendation "
                             "WHERE sdgs LIKE '%16 - PEACE%' AND lower(affected_persons) LIKE '%disappeared persons%' "
                             f"{ORDER}")
    assert table(at)["Source document"].tolist() == [row[0] for row in rows]
    assert "A/HRC/43/15, para. 121.1" in table(at)["Source document"].tolist()
    # choosing another group of persons narrows the table; the URL follows
    at.selectbox(key="rec_persons").set_value("children").run()
    (children,), = direct(warehouse, "SELECT count(*) FROM recommendation WHERE sdgs LIKE '%16 - PEACE%' "
                                     "AND list_contains(string_split(lower(affected_persons), '; '), 'children')")
    assert metric(at) == children and at.query_params["persons"] == "children"
    # an SDG the warehouse does not hold is an ignored link parameter, not an error
    at = open_page(monkeypatch, warehouse, country="SVN", sdg="7")
    assert at.selectbox(key="rec_sdg").value == ""


def test_source_tag_filter_keeps_tags_outside_the_priorities_findable(monkeypatch, real_warehouse, deferred):
    for tag in ("Freedom of religion and belief", "Right to education"):   # mapped; mapped to no ROCA theme
        at = open_page(monkeypatch, real_warehouse, tag=tag)
        (total,), = direct(real_warehouse, f"""SELECT count(*) FROM recommendation WHERE {default_where(real_warehouse)}
            AND NOT is_pledge AND id IN (SELECT recommendation_id FROM recommendation_tag WHERE tag = '{tag}')""")
        assert metric(at) == total > 0, tag
        assert at.selectbox(key="rec_tag").value == tag and at.query_params["tag"] == tag
        assert not at.toast
    (unmapped,), = direct(real_warehouse, "SELECT count(*) FROM recommendation_tag "
                                          "WHERE tag = 'Right to education' AND theme_code IS NULL")
    assert unmapped > 0                  # the second tag is one outside ROCA's priorities
    workbook = openpyxl.load_workbook(io.BytesIO(deferred["recommendations.xlsx"]()))
    metadata = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert "Source tag: Right to education" in metadata["Filters"]
    assert workbook.worksheets[0].max_row - 1 == total
    # an unknown tag is an ignored link parameter with the standard notice, not an empty page
    at = open_page(monkeypatch, real_warehouse, tag="No such tag <b>")
    (everything,), = direct(real_warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(real_warehouse)} AND NOT is_pledge")
    assert metric(at) == everything
    toasts = [toast.value for toast in at.toast]
    assert len(toasts) == 1 and "(1)" in toasts[0] and "tag=No such tag" in toasts[0]
    assert at.selectbox(key="rec_tag").value == "" and "tag" not in at.query_params


def test_country_and_response_columns_hold_their_longest_words_on_one_line():
    """The pinned Country and Response columns of the Recommendations table are wide enough for the longest word of
    a focus country or response in either language on one line (at 14 px, 0.6 em a character, 16 px of padding):
    in 75 px columns 'Казахстан' and 'Поддержано' broke mid-word."""
    from i18n import t
    from ui.recommendation_table import NAME_WIDTH, display_column_config
    from viewmodels.recommendations import response_words

    countries = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "reference" / "countries.csv",
                            keep_default_na=False)
    focus = countries[countries["iso3"].isin(["KAZ", "KGZ", "TJK", "TKM", "UZB"])]
    for lang in ("en", "ru"):
        labels = list(focus[f"name_{lang}"]) + list(response_words(lang).values())[:3]   # supported, noted, none
        longest = max((word for label in labels for word in label.split()), key=len)   # a word never breaks
        assert len(labels) == 8 and 14 * 0.6 * len(longest) + 16 <= NAME_WIDTH, longest
        config = display_column_config(lang)
        assert all(config[name]["width"] == NAME_WIDTH for name in (t("Country", lang), t("Response", lang)))
