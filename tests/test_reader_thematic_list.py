"""OHCHR thematic list reader: the two real editions, a current-layout file, renamed files, themes."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from thematic_list_fixture import write_current_layout

from etl.build import build_warehouse
from etl.errors import InputError
from etl.plan import plan_inputs, plan_sources
from etl.readers import detect
from etl.readers.base import ReadContext
from etl.readers.ohchr_thematic_list import OhchrThematicListReader, split_paragraph
from etl.reference import load_sources_file
from settings import DEFAULT_REFERENCE_DIR as REFERENCE_DIR

SECOND = "UPR20__Slovenia_ThematicListRecommendations_E.docx"
THIRD = "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"


@pytest.fixture(scope="module")
def lists_dir(shared_data) -> Path:
    return shared_data / "ohchr_upr_thematic_lists"


@pytest.fixture(scope="module")
def lists_warehouse(tmp_path_factory, lists_dir) -> Path:
    path = tmp_path_factory.mktemp("thematic") / "warehouse.duckdb"
    build_warehouse(plan_inputs([lists_dir]), path, log=lambda line: None)
    return path


def fetch(path, query, params=None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def read(path: Path, display: str | None = None, **options):
    ctx = ReadContext(con=duckdb.connect(), catalogue=None, display_name=display or path.name,
                      options=options)
    staged = OhchrThematicListReader().read(path, ctx)
    return staged, staged.frames["recommendation"]


def test_both_editions_are_recognised_by_content(lists_dir, tmp_path):
    for name in (SECOND, THIRD):
        assert isinstance(detect(lists_dir / name), OhchrThematicListReader)
    plain = tmp_path / "UPR34_Slovenia_notes.docx"
    import docx
    document = docx.Document()
    document.add_table(rows=2, cols=2).rows[0].cells[0].text = "Country"
    document.save(plain)
    assert detect(plain) is None


def test_counts_by_review_are_the_readme_figures(lists_warehouse):
    # README: 163 paragraphs (142 supported, 21 noted); 215 (182, 33).
    counts = fetch(lists_warehouse, """
        SELECT country_iso3, session, cycle_code, year, mechanism, body, count(DISTINCT paragraph),
               count(DISTINCT paragraph) FILTER (WHERE response = 'supported'),
               count(DISTINCT paragraph) FILTER (WHERE response = 'noted')
        FROM recommendation GROUP BY ALL ORDER BY session""")
    assert counts == [("SVN", 20, "upr-2", 2014, "upr", "UPR", 163, 142, 21),
                      ("SVN", 34, "upr-3", 2019, "upr", "UPR", 215, 182, 33)]
    # every recommendation-State row resolved its recommending state
    assert fetch(lists_warehouse, "SELECT count(*) FROM recommendation WHERE recommending_iso3 IS NULL") == [(0,)]


def test_split_and_joined_paragraphs_keep_their_own_states(lists_warehouse):
    def rows(paragraph):
        return fetch(lists_warehouse, "SELECT text, list(recommending_iso3 ORDER BY recommending_iso3) "
                                      "FROM recommendation WHERE paragraph = ? GROUP BY text ORDER BY text",
                     [paragraph])
    # one parenthesis, states separated by commas
    assert rows("115.3") == [("Ratify the Optional Protocol to the Rights of the Child on a "
                              "communications procedure", ["PRT", "SVK"])]
    # several parentheses after one text
    assert rows("121.1") == [("Ratify the International Convention for the Protection of All Persons "
                              "from Enforced Disappearance", ["FRA", "LTU"])]
    # one paragraph joining two recommendations, each with its own state
    assert rows("121.2") == [
        ("Complete the process of ratification of the International Convention for the Protection "
         "of All Persons from Enforced Disappearance", ["UKR"]),
        ("Increase efforts towards ratification of the International Convention for the Protection "
         "of All Persons from Enforced Disappearance", ["SVK"])]
    # a parenthesis that is part of the text stays in the text
    assert fetch(lists_warehouse, "SELECT recommending_iso3, text LIKE '%(No. 29)' FROM recommendation "
                                  "WHERE paragraph = '121.3'") == [("GBR", True)]


def test_document_symbols_and_position_sources(lists_warehouse):
    assert fetch(lists_warehouse, "SELECT session, document, count(*) FROM recommendation "
                                  "GROUP BY ALL ORDER BY ALL") == [(20, "A/HRC/28/15", 180), (34, "A/HRC/43/15", 223)]
    assert fetch(lists_warehouse, "SELECT DISTINCT position_source FROM recommendation "
                                  "WHERE paragraph IN ('115.1', '121.1', '122.1', '115.163') ORDER BY 1") == [
        ("A/HRC/28/15/Add.1 - Para. 3",), ("A/HRC/28/15/Add.1 - Para. 5",), ("A/HRC/43/15 - Para 121",),
        ("A/HRC/43/15/Add.1 - Para.3",)]


def test_sdgs_affected_persons_and_raw_theme_labels(lists_warehouse):
    found = fetch(lists_warehouse, """
        SELECT paragraph, any_value(sdgs), any_value(affected_persons), any_value(tags)
        FROM recommendation WHERE paragraph IN ('115.2', '115.3', '121.1', '121.3') GROUP BY 1 ORDER BY 1""")
    assert found == [
        ("115.2", None, "minorities/ racial, ethnic, linguistic, religious or descent-based groups",
         "Acceptance of international norms; Racial discrimination; Members of minorities"),
        ("115.3", None, "children", "Acceptance of international norms"),
        ("121.1", "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS", "Disappeared persons",
         "Acceptance of international norms; Enforced disappearances"),
        ("121.3", "8 - DECENT WORK AND ECONOMIC GROWTH", None,
         "Acceptance of international norms; Right to work and to just & favorable conditions of work "
         "& labour rights; Prohibition of slavery, trafficking")]
    themes = fetch(lists_warehouse, "SELECT DISTINCT theme_codes FROM recommendation WHERE paragraph = '121.1'")
    assert themes == [(["torture_prevention", "mechanisms"],)]


def test_every_theme_label_is_mapped_or_listed_outside_the_priorities(lists_warehouse):
    labels = {row[0] for row in fetch(lists_warehouse, "SELECT DISTINCT tag FROM recommendation_tag")}
    assert len(labels) == 93
    with open(REFERENCE_DIR / "theme_map.csv", encoding="utf-8") as handle:
        mapped = {row["tag"] for row in csv.DictReader(handle) if row["vocabulary"] == "uhri"}
    outside = dict(fetch(lists_warehouse, "SELECT tag, reason FROM theme_outside WHERE vocabulary = 'uhri'"))
    assert not mapped & set(outside)
    assert labels <= mapped | set(outside), sorted(labels - mapped - set(outside))
    assert all(len(reason) > 20 for reason in outside.values())
    unmapped = {row[0] for row in fetch(lists_warehouse, "SELECT DISTINCT tag FROM recommendation_tag "
                                                         "WHERE theme_code IS NULL")}
    assert unmapped == labels & set(outside)


def test_current_layout_file(tmp_path):
    path = write_current_layout(tmp_path / "upr48-kazakhstan-thematic-list.docx")
    staged, frame = read(path)
    assert staged.rows_read == 3 and staged.notes[0].startswith("current edition")
    rows = frame[["paragraph", "recommending_state", "text", "response", "document", "position_source",
                  "tags", "affected_persons", "sdgs", "country", "session", "year", "row"]].astype(object)
    rows = rows.where(rows.notna(), None)
    assert rows.values.tolist() == [
        ["48.1", "Canada", "Adopt a comprehensive anti-discrimination law covering all grounds", "supported",
         "A/HRC/56/10", "A/HRC/56/10/Add.1 - Para. 4", ["Equality & non-discrimination", "Racial discrimination"],
         "Women; Members of minorities", "5 - GENDER EQUALITY; 10 - REDUCED INEQUALITIES", "KAZ", 48, 2025, 3],
        ["48.1", "Bolivia (Plurinational State of)",
         "Adopt a comprehensive anti-discrimination law covering all grounds", "supported",
         "A/HRC/56/10", "A/HRC/56/10/Add.1 - Para. 4", ["Equality & non-discrimination", "Racial discrimination"],
         "Women; Members of minorities", "5 - GENDER EQUALITY; 10 - REDUCED INEQUALITIES", "KAZ", 48, 2025, 3],
        ["48.1", "Spain", "Ensure that the anti-discrimination law defines direct and indirect discrimination",
         "supported", "A/HRC/56/10", "A/HRC/56/10/Add.1 - Para. 4",
         ["Equality & non-discrimination", "Racial discrimination"], "Women; Members of minorities",
         "5 - GENDER EQUALITY; 10 - REDUCED INEQUALITIES", "KAZ", 48, 2025, 3],
        ["48.2", "France", "Ratify the ILO Convention, 2019 (No. 190)", "noted", "A/HRC/56/10",
         "A/HRC/56/10 - Para. 48", ["Acceptance of international norms", "Right to work"], None,
         "8 - DECENT WORK AND ECONOMIC GROWTH", "KAZ", 48, 2025, 4],
        ["48.2", "Lithuania", "Ratify the ILO Convention, 2019 (No. 190)", "noted", "A/HRC/56/10",
         "A/HRC/56/10 - Para. 48", ["Acceptance of international norms", "Right to work"], None,
         "8 - DECENT WORK AND ECONOMIC GROWTH", "KAZ", 48, 2025, 4],
        ["48.3", "Norway", "Decriminalize defamation", "supported", "A/HRC/56/10", "A/HRC/56/10/Add.1 - Para. 5",
         ["Freedom of opinion & expression & right to information"], "Media; Human rights defenders", None,
         "KAZ", 48, 2025, 6]]
    assert (frame["mechanism"] == "upr").all() and (frame["body"] == "UPR").all()


def test_a_renamed_file_is_refused_with_a_naming_hint(lists_dir, tmp_path):
    renamed = tmp_path / "slovenia list.docx"
    shutil.copy(lists_dir / THIRD, renamed)
    with pytest.raises(InputError) as error:
        read(renamed, display="lists/slovenia list.docx")
    message = str(error.value)
    assert message.startswith("lists/slovenia list.docx: cannot tell the state under review and session")
    assert "UPR34_Kazakhstan_Thematic_list_of_Recommendations.docx" in message
    assert "`country:` (ISO3) and `session:`" in message and "sources.yml" in message
    # the 2nd-cycle edition names its state and session in its title property: no options needed
    renamed_second = tmp_path / "second.docx"
    shutil.copy(lists_dir / SECOND, renamed_second)
    _, frame = read(renamed_second)
    assert set(frame["country"]) == {"SVN"} and set(frame["session"]) == {20}


def test_a_renamed_file_is_accepted_with_sources_yml_options(lists_dir, tmp_path):
    renamed = tmp_path / "slovenia list.docx"
    shutil.copy(lists_dir / THIRD, renamed)
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n  - path: slovenia list.docx\n    country: SVN\n    session: 34\n",
                       encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    build_warehouse(plan_sources(load_sources_file(sources)), warehouse, log=lambda line: None)
    assert fetch(warehouse, "SELECT country_iso3, session, cycle_code, count(DISTINCT paragraph) "
                            "FROM recommendation GROUP BY ALL") == [("SVN", 34, "upr-3", 215)]


def test_unresolvable_state_in_a_file_name(lists_dir, tmp_path):
    renamed = tmp_path / "UPR34_Atlantis_Thematic_list_of_Recommendations.docx"
    shutil.copy(lists_dir / THIRD, renamed)
    with pytest.raises(InputError, match="cannot tell the state under review of this thematic list"):
        read(renamed)


def test_split_paragraph_rules():
    def is_state(name):
        return name in {"France", "Chile", "Iran (Islamic Republic of)"}
    assert split_paragraph("Do A; and B (France); Do C (Chile) (Iran (Islamic Republic of));", is_state) == [
        ("Do A; and B", ["France"]), ("Do C", ["Chile", "Iran (Islamic Republic of)"])]
    # the last parenthesis of a paragraph names its states even when unknown to the resolver
    assert split_paragraph("Do D (Kosovo).", is_state) == [("Do D", ["Kosovo"])]


def test_a_word_document_that_only_mentions_the_words_is_not_claimed(tmp_path):
    import docx
    document = docx.Document()
    document.add_paragraph("Recommendation, Position and Full list of themes are the columns of the list.")
    table = document.add_table(rows=2, cols=3)
    for cell, name in zip(table.rows[0].cells, ["Country", "Year", "Value"]):
        cell.text = name
    document.save(tmp_path / "notes.docx")
    assert detect(tmp_path / "notes.docx") is None
    # the current layout is claimed by its header alone
    assert isinstance(detect(write_current_layout(tmp_path / "list.docx")), OhchrThematicListReader)


def test_a_truncated_document_is_refused_with_its_name(lists_dir, tmp_path):
    broken = tmp_path / "UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
    broken.write_bytes((lists_dir / THIRD).read_bytes()[:20000])
    with pytest.raises(InputError, match="^lists/x.docx: the Word document cannot be opened"):
        read(broken, display="lists/x.docx")
