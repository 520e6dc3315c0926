"""Provenance per figure: its own source files with sha256 and licence, a citation, the warehouse version."""
from __future__ import annotations

import hashlib
import json

import duckdb
import pytest
import pandas as pd

from indicators.provenance import citation, figure_sources, provenance_text, source_lines, warehouse_version
from indicators.queries import query_text

from apptest_support import open_page


def provenance_sources(warehouse) -> pd.DataFrame:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(query_text("provenance_sources")).df()
    finally:
        con.close()


def recommendation_publishers(warehouse, countries: list[str]) -> list[str]:
    """The publishers of the files the recommendations (not pledges) of these states under review come from:
    what the Recommendations charts' source line names for them with no other filter."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return [row[0] for row in con.execute(
            "SELECT DISTINCT coalesce(s.publisher, s.file) FROM recommendation r JOIN source s ON s.id = r.source_id "
            "WHERE list_contains(?, r.country_iso3) AND NOT r.is_pledge ORDER BY 1", [countries]).fetchall()]
    finally:
        con.close()


def test_warehouse_version_is_a_short_order_free_hash():
    assert warehouse_version(["b", "a"]) == warehouse_version(["a", "b"]) \
        == hashlib.sha256(b"a\nb").hexdigest()[:12]
    assert warehouse_version(["a"]) != warehouse_version(["a", "c"])


def test_a_figure_names_its_own_files_not_every_file(real_warehouse):
    sources = provenance_sources(real_warehouse)
    own = figure_sources(sources, "UPR Info", is_demo=False)
    assert sorted(own["file"].str.rsplit("/", n=1).str[-1]) == [
        "upr_info_export_sessions01-09_17-20_central_asia.csv",
        "upr_info_export_sessions01-09_17-20_central_asia.xls",
        "upr_info_export_voluntary_pledges_central_asia.csv"]
    assert len(sources) > 100
    lines = source_lines(own)
    digest = own.loc[own["file"].str.endswith("pledges_central_asia.csv"), "sha256"].item()
    assert any(line.startswith("UPR Info — ") and f"sha256 {digest[:12]}" in line
               and line.endswith("UPR Info terms of use; attribution required") for line in lines)
    version = warehouse_version(sources["sha256"])
    text = citation("Recommendations by theme", own, "2008–2014", version)
    assert text == (f"UPR Info. Recommendations by theme (2008–2014). Compiled with the OHCHR Regional Office "
                    f"for Central Asia human rights dashboard, warehouse version {version}.")


def test_real_file_hash_matches_the_file(real_warehouse, shared_data):
    sources = provenance_sources(real_warehouse)
    row = sources[sources["file"].str.endswith("vdem_demspaces/cutpoints.csv")].iloc[0]
    assert row["sha256"] == hashlib.sha256((shared_data / "vdem_demspaces" / "cutpoints.csv").read_bytes()).hexdigest()


def test_sources_page_and_downloads_carry_the_version(real_warehouse, monkeypatch, deferred):
    at = open_page(monkeypatch, real_warehouse, "recommendations", country="KAZ")
    version = warehouse_version(provenance_sources(real_warehouse)["sha256"])
    text = deferred["recommendations-by-theme-sources.txt"]().decode("utf-8")
    assert f"Warehouse version: {version}" in text
    publishers = recommendation_publishers(real_warehouse, ["KAZ"])
    cited = f"{'; '.join(publishers)}. Recommendations by theme"
    assert "UPR Info" in publishers and f"Cite this chart: {cited}" in text
    own = figure_sources(provenance_sources(real_warehouse), "; ".join(publishers), False)
    assert text.count("Source file ") == len(own) >= 3 and "World Politics Datalab" not in text
    on_screen = [code.value for code in at.code]                  # the "Cite this chart" popover
    assert any(value.startswith(cited) and value.endswith(f"{version}.")
               for value in on_screen)
    at = open_page(monkeypatch, real_warehouse, "sources")
    assert any(f"`{version}`" in m.value for m in at.markdown)
    assert provenance_text({"a": "b"}) == b"a: b\r\n"


@pytest.mark.parametrize("params, publishers", [
    ({}, ["UPR Info"]),                                           # the five focus countries: UPR Info's rows only
    ({"country": "SVN"}, ["OHCHR (thematic list of UPR recommendations)"]),
    ({"country": "SVN", "q": "torture"}, ["OHCHR (thematic list of UPR recommendations)"]),   # a search
    ({"country": "KAZ", "rs": "France"}, ["UPR Info"]),           # a filter recommendation_summary lacks
])
def test_recommendation_charts_name_the_publishers_of_the_rows_they_count(real_warehouse, monkeypatch,
                                                                          params, publishers):
    """The source line of the Recommendations charts names the publishers of the recommendations they count,
    not of every file holding recommendations (OHCHR's thematic lists are Slovenia's, UPR Info's Central Asia's)."""
    if "q" not in params and "rs" not in params:      # the rows of these states under review, read directly
        countries = [params["country"]] if "country" in params else ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
        assert recommendation_publishers(real_warehouse, countries) == publishers
    at = open_page(monkeypatch, real_warehouse, "recommendations", **params)
    assert not at.exception and int(at.metric[0].value.replace(",", "")) > 0
    notes = [a["text"] for spec in (json.loads(e.proto.spec) for e in at.get("plotly_chart"))
             for a in spec["layout"].get("annotations", []) if "Source: " in a.get("text", "")]
    assert len(notes) >= 2
    for note in notes:
        named = note.split("Source: ", 1)[1]
        assert ("UPR Info" in named) == ("UPR Info" in publishers)
        assert ("OHCHR" in named) == any("OHCHR" in publisher for publisher in publishers)


def test_svg_export_carries_the_warehouse_version_and_the_charts_own_files(real_warehouse, monkeypatch, deferred):
    open_page(monkeypatch, real_warehouse, "recommendations", country="KAZ")
    every = provenance_sources(real_warehouse)
    version = warehouse_version(every["sha256"])
    svg = deferred["recommendations-by-theme.svg"]().decode("utf-8")
    assert f"Warehouse version {version}" in svg
    publishers = recommendation_publishers(real_warehouse, ["KAZ"])
    own = figure_sources(every, "; ".join(publishers), False)     # the files of the chart's source line
    assert "UPR Info" in publishers and len(own) >= 3
    for row in own.to_dict("records"):
        assert row["file"] in svg and row["sha256"][:12] in svg
    others = every[~every["file"].isin(own["file"])]
    leaked = [(f, s[:12]) for f, s in zip(others["file"], others["sha256"]) if s[:12] in svg]
    assert len(others) > 0 and not leaked, leaked   # not every file


def test_deck_carries_the_warehouse_version_in_each_charts_notes_and_on_the_closing_slide(real_warehouse):
    import io
    import zipfile

    from exports.brief_pack import standard_deck
    from indicators.warehouse import warehouse_key
    version = warehouse_version(provenance_sources(real_warehouse)["sha256"])
    deck = zipfile.ZipFile(io.BytesIO(standard_deck(warehouse_key(real_warehouse), ["KAZ"], lang="en")))
    notes = [deck.read(name).decode("utf-8") for name in deck.namelist() if name.startswith("ppt/notesSlides/")
             and name.endswith(".xml")]
    slides = sorted((name for name in deck.namelist() if name.startswith("ppt/slides/slide") and name.endswith(".xml")),
                    key=lambda name: int(name.removeprefix("ppt/slides/slide").removesuffix(".xml")))
    assert len(notes) == len(slides) - 2 > 0
    assert all(f"Warehouse version {version}" in note for note in notes)
    closing = deck.read(slides[-1]).decode("utf-8")
    assert "Methods and sources" in closing and f"Warehouse version {version}" in closing
