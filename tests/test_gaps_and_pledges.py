"""No data is never zero, and voluntary pledges are never counted as recommendations (real files)."""
from __future__ import annotations

import math

import duckdb
import pandas as pd
import pytest

from indicators.charts import heatmap
from viewmodels.overview import complete_grid
from indicators.queries import execute
from viewmodels.recommendations import PageFilters, count_query, query_params
from ui.filters import Filters

from apptest_support import warehouse_defaults

from apptest_support import figures_by_title, open_page


@pytest.fixture(scope="module")
def real_con(real_warehouse):
    con = duckdb.connect(str(real_warehouse), read_only=True)
    yield con
    con.close()


def run(con, name: str, **params) -> pd.DataFrame:
    return execute(con.cursor(), name, params)


def test_pledges_stay_out_of_the_overview_counts(real_con):
    cube = run(real_con, "overview_recommendation_cube").groupby("country_iso3")[["recommendations", "pledges"]].sum()
    files = real_con.execute("""SELECT country_iso3, count(*) FILTER (WHERE NOT is_pledge),
                                       count(*) FILTER (WHERE is_pledge)
                                FROM recommendation GROUP BY 1""").fetchall()
    assert {iso3: (received, pledges) for iso3, received, pledges in files}["KGZ"] == (175, 1)
    assert cube.loc["KGZ"].tolist() == [175, 1] and cube.loc["UZB"].tolist() == [140, 1]
    themes = run(real_con, "overview_theme_cube")
    kgz = themes[themes["country_iso3"] == "KGZ"]
    assert kgz["pledges"].sum() >= 1 and kgz["recommendations"].sum() >= 175


def test_pledges_listed_only_when_asked_on_the_recommendations_page(real_con, real_warehouse):
    defaults = warehouse_defaults(real_warehouse)     # every year the warehouse holds
    filters = Filters(defaults=defaults, countries=("KGZ",), year_from=defaults.first_year, year_to=defaults.last_year)
    summary = run(real_con, "recommendations_summary", cycle_kind="upr",
                  **query_params(filters, PageFilters()))
    assert summary.loc[summary["facet"] == "total", "recommendations"].item() == 175
    pledges = run(real_con, "recommendations_summary", cycle_kind="upr",
                  **query_params(filters, PageFilters(response="pledges")))
    assert pledges.loc[pledges["facet"] == "total", "recommendations"].item() == 1
    for response, expected in ((None, 175), ("pledges", 1)):      # the page's count of the pledges it leaves out
        params = query_params(filters, PageFilters(response=response))
        assert run(real_con, "recommendations_count", **params)["recommendations"].tolist() == [expected]
        name, chosen = count_query(params)              # the page counts them from recommendation_summary
        assert name == "recommendations_count_cube"
        assert run(real_con, name, **chosen)["recommendations"].tolist() == [expected]
    export = run(real_con, "recommendations_export", **query_params(filters, PageFilters()))
    assert len(export) == 175 and not export["is_pledge"].any()


def test_overview_shows_tajikistan_as_a_gap_and_kyrgyzstan_without_its_pledge(real_warehouse, real_con, monkeypatch):
    at = open_page(monkeypatch, real_warehouse, "overview", cycle="upr-1")
    cards = {}   # each country card: its metrics and captions
    for column in at.columns:
        names = [m.value.strip("*") for m in column.markdown if m.value.startswith("**")]
        if names:
            cards[names[0]] = ({m.label: m.value for m in column.metric},
                               [c.value.replace("\\", "") for c in column.caption])
    received = real_con.execute("""SELECT count(*) FILTER (WHERE NOT is_pledge), count(*) FROM recommendation
                                   WHERE country_iso3 = 'KGZ'""").fetchone()
    assert received == (175, 176)                        # the files hold one pledge: the card counts without it
    kyrgyzstan, tajikistan = cards["Kyrgyzstan"], cards["Tajikistan"]
    assert kyrgyzstan[0]["Recommendations"] == "175" and "Both: UPR cycle 1 (2008-2011)" in kyrgyzstan[1]
    assert tajikistan[0] == {}                           # no count, no share: not a card of zeros
    assert "No review loaded for this selection (no data, not zero)." in tajikistan[1]
    assert not any(c.startswith("Both:") for c in tajikistan[1])
    spec = figures_by_title(at)["Recommendations received by country and theme"]["data"][0]
    column = spec["x"].index("Tajikistan")                 # a column per country, a row per theme
    assert all(row[column] is None or math.isnan(row[column]) for row in spec["z"])
    assert all(row[column] == "" for row in spec["text"])
    assert "Other themes" in spec["y"]
    kazakhstan = spec["x"].index("Kazakhstan")
    assert not any(row[kazakhstan] is None or math.isnan(row[kazakhstan]) for row in spec["z"])


def test_heatmap_draws_missing_rows_as_gaps_and_zero_as_zero():
    grid = complete_grid(pd.DataFrame({"a": ["x"], "b": ["q"], "n": [4]}), "a", "b", "n",
                         {"x": "X", "y": "Y"}, {"p": "P", "q": "Q"}, rows_without_data=["y"])
    assert grid["n"].tolist()[:2] == [0, 4] and grid["n"].isna().tolist() == [False, False, True, True]
    figure = heatmap(grid, rows="a", columns="b", values="n", title="t", source="s", years=[2020],
                     is_demo=False)
    cells = figure.data[0]
    assert list(cells.text[0]) == ["0", "4"] and list(cells.text[1]) == ["", ""]
    assert [str(v) for v in cells.z[1]] == ["nan", "nan"] and "no data" in cells.customdata[1][0]


def test_tajikistan_crpd_signature_kept_and_as_of_from_the_data(real_warehouse, real_con, monkeypatch):
    assert real_con.execute("""SELECT action, year FROM ratification
                               WHERE country_iso3 = 'TJK' AND treaty = 'CRPD'""").fetchall() == [("signature", None)]
    newest = real_con.execute("SELECT max(year) FROM ratification").fetchone()[0]
    at = open_page(monkeypatch, real_warehouse, "overview", years="2008-2025")
    charts = figures_by_title(at)
    title = next(name for name in charts if name.startswith("Core treaties"))
    assert title.endswith(f"(as of {newest})") and newest == 2022      # the files end in 2015 and 2022
    matrix = charts[title]["data"][0]
    row, column = matrix["y"].index("CRPD"), matrix["x"].index("Tajikistan")   # a row per treaty
    assert matrix["z"][row][column] == 1                                 # signed, not "neither"
    assert matrix["text"][row][column] == "sig., n.d."                    # one line: fits a narrow cell
    assert "Signed only (date unknown)" in matrix["customdata"][row][column]


def test_review_coverage_lists_loaded_and_missing_reviews(real_con):
    coverage = run(real_con, "coverage_reviews", countries=["KAZ", "KGZ", "TJK", "TKM", "UZB"])
    upr = coverage[coverage["mechanism"] == "upr"]
    loaded = {(row["country_iso3"], int(row["session"])): int(row["recommendations"])
              for row in upr[upr["loaded"]].to_dict("records")}
    assert loaded == {("KAZ", 7): 129, ("KAZ", 20): 198, ("KGZ", 8): 175, ("TKM", 3): 87, ("UZB", 3): 140}
    tajikistan = upr[upr["country_iso3"] == "TJK"]
    assert sorted(tajikistan["session"].astype(int)) == [12, 25, 39] and not tajikistan["loaded"].any()
    assert tajikistan["recommendations"].isna().all()                 # missing, not zero
    assert len(upr[~upr["loaded"]]) == 19 - 5


def test_recommendations_and_sources_pages_show_coverage_and_pledges_apart(real_warehouse, monkeypatch):
    at = open_page(monkeypatch, real_warehouse, "recommendations", country="KGZ")
    assert [m.value for m in at.metric] == ["175"]
    assert any(c.value.startswith("1 voluntary pledges are not counted") for c in at.caption)
    assert any("Kyrgyzstan UPR session 21 (2015)" in w.value.replace("\\", "") for w in at.warning)
    at = open_page(monkeypatch, real_warehouse, "sources", country="TJK")
    warning = next(w.value.replace("\\", "") for w in at.warning if w.value.startswith("Reviews not loaded"))
    assert "Tajikistan UPR session 12 (2011)" in warning and "(3)" in warning


def test_events_include_year_only_ratifications_and_upr_reviews(real_con, real_warehouse, monkeypatch):
    events = run(real_con, "country_events", country="KAZ")
    year_only = events[events["year_only"]]
    assert {"CRPD: ratification (2015)", "ICCPR-OP2: ratification (2022)"} <= set(year_only["title"])
    reviews = events[events["kind"] == "upr_review"]
    assert [str(day)[:10] for day in reviews["date"]][:3] == ["2010-02-08", "2014-10-27", "2019-11-04"]
    assert len(events[events["title"].str.startswith("CRC:")]) == 1      # a dated record is not repeated
    at = open_page(monkeypatch, real_warehouse, "country", profile="KAZ", years="2008-2024")
    markers = [trace for spec in figures_by_title(at).values() for trace in spec["data"]
               if trace.get("name") == "Events"]
    assert markers and any(text.startswith("2015 · ") and "CRPD: ratification (2015)" in text
                           for trace in markers for text in trace["text"])
    assert any("UPR review (session 20)" in text for trace in markers for text in trace["text"])


def test_brief_says_no_review_loaded_rather_than_zero(real_warehouse):
    """Tajikistan has no UPR Info recommendations loaded for cycle 1: its brief, read back, says so, and never
    '0 received'."""
    import io

    import pypdf

    from exports.brief import build_brief
    from exports.brief_pack import brief_content
    from indicators.warehouse import warehouse_key

    key = warehouse_key(real_warehouse)
    content, _ = brief_content(key, ["TJK"], "upr-1", "en")
    text = " ".join(" ".join(page.extract_text()
                             for page in pypdf.PdfReader(io.BytesIO(build_brief(content, lang="en"))).pages).split())
    assert f"{content.subtitle}: no UPR recommendations loaded for this country." in text
    assert "0 UPR recommendations received" not in text
    # Kyrgyzstan, with a review loaded for the same cycle, gets the count: the sentence above is not a constant
    kyrgyzstan, _ = brief_content(key, ["KGZ"], "upr-1", "en")
    assert any("UPR recommendations received" in line for line in kyrgyzstan.facts)


@pytest.mark.parametrize("page, params, named, not_named", [
    ("theme", {}, ["Tajikistan UPR session 12", "Kazakhstan UPR session 34"], []),
    ("country", {"profile": "TJK"}, ["Tajikistan UPR session 12", "Tajikistan UPR session 25",
                                     "Tajikistan UPR session 39"], ["Kazakhstan"]),
    ("country", {"profile": "KAZ"}, ["Kazakhstan UPR session 34"], ["Tajikistan"]),
])
def test_theme_and_country_pages_say_which_reviews_are_not_loaded(real_warehouse, real_con, monkeypatch,
                                                                    page, params, named, not_named):
    """Tajikistan's three UPR reviews and Kazakhstan's third are not in the real files: the Theme explorer's
    response charts (which have no Tajikistan bar) and the Country profile (which shows no recommendation for
    Tajikistan, and empty later cycles for Kazakhstan) say those reviews are not loaded, not that they are zero."""
    loaded = {row[0] for row in real_con.execute(
        "SELECT DISTINCT country_iso3 || ' ' || session FROM recommendation WHERE mechanism = 'upr'").fetchall()}
    assert "TJK 12" not in loaded and "KAZ 34" not in loaded and "KAZ 20" in loaded
    at = open_page(monkeypatch, real_warehouse, page, **params)
    warnings = [w.value.replace("\\", "") for w in at.warning if "Reviews not loaded" in w.value]
    assert len(warnings) == 1
    assert all(name in warnings[0] for name in named) and not any(name in warnings[0] for name in not_named)
