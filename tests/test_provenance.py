"""Provenance per figure: its own source files with sha256 and licence, a citation, the warehouse version."""
from __future__ import annotations

import hashlib

import duckdb
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
    assert "Cite this chart: UPR Info. Recommendations by theme" in text
    assert text.count("Source file ") == 3 and "World Politics Datalab" not in text
    on_screen = [code.value for code in at.code]                  # the "Cite this chart" popover
    assert any(value.startswith("UPR Info. Recommendations by theme") and value.endswith(f"{version}.")
               for value in on_screen)
    at = open_page(monkeypatch, real_warehouse, "sources")
    assert any(f"`{version}`" in m.value for m in at.markdown)
    assert provenance_text({"a": "b"}) == b"a: b\r\n"
