"""Provenance as data: sources.yml credits every loaded file (publisher, licence, web address, date, citation)."""
from __future__ import annotations

import datetime as dt
from fnmatch import fnmatchcase
from pathlib import Path

import duckdb
import pytest
import yaml

from etl.build import build_warehouse
from etl.errors import InputError
from etl.plan import plan_sources
from etl.provenance import Provenance, credit, load_publishers, read_publishers
from etl.readers.upr_info import UprInfoReader
from etl.reference import load_sources_file
from settings import DEFAULT_SOURCES
from viewmodels.brief_facts import citation

ENTRY = ("  - format: owid_grapher\n"
         "    publisher: Our World in Data\n"
         "    licence: CC BY 4.0\n"
         "    url: https://ourworldindata.org\n"
         "    accessed: 2025-01-08\n")


def publishers_file(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text("sources:\n  - demo: true\npublishers:\n" + entries, encoding="utf-8")
    return path


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as error:
        read_publishers(path)
    return error.value


def source_rows(warehouse: Path) -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cursor = con.execute("SELECT id, file, format, publisher, licence, url, accessed, citation FROM source")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        con.close()


def test_a_publisher_entry_without_a_licence_names_file_and_line(tmp_path):
    error = refusal(publishers_file(tmp_path, ENTRY + "  - format: upr_info\n    publisher: UPR Info\n"))
    assert error.file == "sources.yml" and error.row == 9       # the entry's first line
    assert "'licence' is required" in str(error)


@pytest.mark.parametrize("key, bad", [("url", "ourworldindata.org/grapher"), ("url", "ftp://example.org/x"),
                                      ("url", "https://example.org/a b"), ("accessed", "2025-13-08"),
                                      ("accessed", "8 January 2025")])
def test_a_malformed_web_address_or_date_names_file_line_and_key(tmp_path, key, bad):
    old = next(line for line in ENTRY.splitlines() if line.strip().startswith(f"{key}:"))
    path = publishers_file(tmp_path, ENTRY.replace(old, f"    {key}: {bad}"))
    error = refusal(path)
    line = path.read_text(encoding="utf-8").splitlines().index(f"    {key}: {bad}") + 1
    assert (error.file, error.row, error.column) == ("sources.yml", line, key)


@pytest.mark.parametrize("text, row, column", [
    # a publisher without its licence
    ("sources:\n  - demo: true\n  - path: exports\n    publisher: National statistics office\n", 4, "licence"),
    # an impossible date
    ("sources:\n  - path: exports\n    publisher: P\n    licence: L\n    accessed: 2024-02-30\n", 5, "accessed"),
], ids=["publisher without licence", "malformed date"])
def test_a_bad_source_entry_is_refused_with_its_line(tmp_path, text, row, column):
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sources_file(path)
    assert (error.value.file, error.value.row, error.value.column) == ("sources.yml", row, column)


def test_every_project_entry_is_valid_and_states_a_licence():
    entries = read_publishers(DEFAULT_SOURCES)
    assert entries and all(entry["licence"].strip() and entry["publisher"].strip() for entry in entries)
    dated = [entry for entry in entries if "accessed" in entry]
    assert dated and all(isinstance(entry["accessed"], dt.date) for entry in dated)


def test_first_matching_entry_wins_and_the_format_fills_only_the_publisher():
    listed = [{"format": "upr_info", "files": "*pledges*", "publisher": "A", "licence": "LA"},
              {"format": "upr_info", "publisher": "B", "licence": "LB", "url": "https://b.org"}]
    assert credit(listed, "upr_info", "data/x_pledges.csv").publisher == "A"
    assert credit(listed, "upr_info", "DATA/X_PLEDGES.CSV").publisher == "A"     # case ignored
    assert credit(listed, "upr_info", "export.xls") == Provenance("B", "LB", "https://b.org")
    assert credit(listed, "uhri", "export.xlsx") == Provenance()
    # no entry: the format's own publisher, and no licence invented
    assert credit([], "upr_info", "export.xls", default_publisher=UprInfoReader.publisher) == Provenance("UPR Info")


def test_a_source_entry_with_its_own_publisher_is_not_mixed_with_the_list():
    listed = [{"format": "upr_info", "publisher": "B", "licence": "LB", "url": "https://b.org",
               "citation": "B's database"}]
    own = credit(listed, "upr_info", "export.xls", {"publisher": "Partner NGO", "licence": "CC BY 4.0"})
    assert own == Provenance("Partner NGO", "CC BY 4.0")


def test_a_sources_copy_without_a_publishers_list_uses_the_project_list(tmp_path):
    bare = tmp_path / "bare.yml"
    bare.write_text("sources:\n  - demo: true\n", encoding="utf-8")
    assert load_publishers(bare) == load_publishers(DEFAULT_SOURCES)
    own = publishers_file(tmp_path, ENTRY)
    assert [entry["publisher"] for entry in load_publishers(own)] == ["Our World in Data"]


def _expected(entries: list[dict], row: dict) -> dict | None:
    """The first entry of data/sources.yml for the row's format whose files pattern its name matches."""
    return next((entry for entry in entries if entry["format"] == row["format"]
                 and fnmatchcase(row["file"].lower(), str(entry.get("files", "*")).lower())), None)


def test_the_built_warehouse_credits_every_real_file_as_sources_yml_says(real_warehouse):
    entries = yaml.safe_load(DEFAULT_SOURCES.read_text(encoding="utf-8"))["publishers"]
    rows = source_rows(real_warehouse)
    assert len(rows) > 100
    for row in rows:
        entry = _expected(entries, row) if row["format"] != "derived" else \
            next(entry for entry in entries if entry["format"] == "derived")
        assert entry is not None, row["file"]
        got = {key: row[key] for key in ("publisher", "licence", "url", "accessed", "citation")}
        assert got == {key: entry.get(key) for key in got}, row["file"]
    by_file = {row["file"]: row for row in rows}
    xls = by_file["data/upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.xls"]
    assert (xls["publisher"], xls["accessed"]) == ("UPR Info", dt.date(2015, 8, 14))
    assert "rochelleterman/uprs" in xls["citation"]
    vdem = by_file["data/vdem_demspaces/dv_data_1968_on_central_asia.csv"]
    assert (vdem["publisher"], vdem["licence"]) == ("V-Dem Institute", "CC BY-SA 4.0")
    assert vdem["url"] == "https://github.com/vdeminstitute/demspaces"
    # every real file loaded carries a licence and a citation
    assert all(row["licence"] and row["citation"] for row in rows)


def test_a_source_entry_credits_its_own_file_in_the_warehouse(tmp_path):
    table = tmp_path / "exports" / "trust.csv"
    table.parent.mkdir()
    table.write_text("Entity,Code,Year,Share of people who trust courts (%)\nKyrgyzstan,KGZ,2019,41.5\n",
                     encoding="utf-8")
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n  - path: exports/trust.csv\n    publisher: Partner survey office\n"
                       "    licence: CC BY 4.0\n    url: https://example.org/survey\n    accessed: 2024-05-02\n"
                       "    citation: Partner survey office, Trust in courts survey 2019.\n"
                       "publishers:\n" + ENTRY, encoding="utf-8")
    plan = plan_sources(load_sources_file(sources))
    plan.sources_file = sources
    warehouse = tmp_path / "w.duckdb"
    build_warehouse(plan, warehouse, log=lambda line: None)
    [row] = source_rows(warehouse)
    assert (row["publisher"], row["licence"], row["url"], row["accessed"], row["citation"]) == (
        "Partner survey office", "CC BY 4.0", "https://example.org/survey", dt.date(2024, 5, 2),
        "Partner survey office, Trust in courts survey 2019.")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:   # the uncatalogued indicator it created is credited the same way
        assert con.execute("SELECT publisher, licence FROM indicator WHERE NOT catalogued").fetchall() == [
            ("Partner survey office", "CC BY 4.0")]
    finally:
        con.close()


def test_a_brief_citation_gives_the_citation_address_and_date_of_sources_yml(real_warehouse):
    rows = {row["file"]: row for row in source_rows(real_warehouse)}
    row = rows["data/vdem_demspaces/dv_data_1968_on_central_asia.csv"]
    text = citation({**row, "title": "V-Dem", "sha256": "0123456789abcdef"}, "en")
    assert text.startswith("V-Dem Institute. V-Dem. data/vdem_demspaces/dv_data_1968_on_central_asia.csv. ")
    assert row["citation"].rstrip(".") in text and "https://github.com/vdeminstitute/demspaces" in text
    assert "Accessed Jan 21, 2026" in text and text.endswith("Licence: CC BY-SA 4.0. sha256 0123456789ab")
    russian = citation({**row, "title": "V-Dem", "sha256": "0123456789abcdef"}, "ru")
    assert "Дата обращения: 21 янв. 2026" in russian
