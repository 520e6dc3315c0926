"""One recommendation, one row: the same UPR recommendation from UHRI, UPR Info and OHCHR's thematic
list is loaded once, with every source in its provenance and the fields each one adds."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from uhri_fixture import write_uhri_workbook

from etl.build import build_warehouse
from etl.plan import plan_inputs
from etl.readers.base import ReadContext
from etl.readers.ohchr_thematic_list import OhchrThematicListReader
from etl.readers.upr_info import UprInfoReader

UPR_INFO_CSV = "upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.csv"
THIRD = "ohchr_upr_thematic_lists/UPR34_Slovenia_Thematic_list_of_Recommendations.docx"
ORDINALS = {1: "st", 2: "nd", 3: "rd"}


def fetch(path, query, params=None):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query, params or []).fetchall()


def staged(reader, path: Path):
    ctx = ReadContext(con=duckdb.connect(), catalogue=None, display_name=path.name)
    frame = reader.read(path, ctx).frames["recommendation"]
    return frame if hasattr(frame, "columns") and not hasattr(frame, "df") else frame.df()


def reworded(text: str) -> str:
    """The same text as another publisher writes it: other quotes, case and final punctuation."""
    text = text.strip().rstrip(".;").replace("'", "\u2019")
    return text[0].lower() + text[1:] + "."


def uhri_rows(frame, country_of=lambda name: name) -> list[dict]:
    """UHRI export rows for staged UPR rows: one annotation per text, its states on separate lines."""
    rows = []
    grouped = frame.groupby(["country", "session", "text", "response"], sort=False, dropna=False)
    for number, ((country, session, text, response), group) in enumerate(grouped, start=1):
        states = "\n".join(f"- {state}" for state in group["recommending_state"])
        rows.append({"Text": reworded(text), "Countries Concerned": f"- {country_of(country)}",
                     "Reccomending Body": "- UPR", "UPR Reccomending States": states,
                     "UPR Position": f"- {str(response).capitalize()}" if isinstance(response, str) else None,
                     "UPR Session": f"- {session}{ORDINALS.get(session % 10, 'th')} Session",
                     "Themes": "- Equality & non-discrimination", "Sdgs": "- 10 - Reduced inequalities",
                     "Document Symbol": f"- A/HRC/WG.6/{session}/1", "OHCHR Annotation Id": f"x{number}"})
    return rows


@pytest.fixture(scope="module")
def upr_info_and_uhri(tmp_path_factory, shared_data):
    folder = tmp_path_factory.mktemp("merge_upr_info")
    frame = staged(UprInfoReader(), shared_data / UPR_INFO_CSV)
    frame = frame[~frame["is_pledge"]]
    rows = uhri_rows(frame)
    write_uhri_workbook(folder / "uhri_central_asia.xlsx", rows=rows)
    alone = folder / "uhri_alone.duckdb"
    build_warehouse(plan_inputs([folder / "uhri_central_asia.xlsx"]), alone, log=lambda line: None)
    both = folder / "both.duckdb"
    report = build_warehouse(plan_inputs([shared_data / UPR_INFO_CSV, folder / "uhri_central_asia.xlsx"]),
                             both, log=lambda line: None)
    return frame, rows, alone, both, report


def test_uhri_and_upr_info_of_the_same_reviews_count_once(upr_info_and_uhri):
    frame, rows, alone, both, report = upr_info_and_uhri
    assert len(frame) == 729 and len(rows) < 729          # multi-state recommendations: one UHRI row
    by_review = "SELECT country_iso3, session, response, count(*) FROM recommendation " \
                "WHERE NOT is_pledge GROUP BY ALL ORDER BY ALL"
    assert fetch(both, by_review) == fetch(alone, by_review)
    assert fetch(both, "SELECT count(*) FROM recommendation WHERE NOT is_pledge") == [(len(rows),)]
    # the build summary says how many were merged
    assert report.totals["recommendations merged across sources"] == 729
    upr_info = next(s for s in report.sources if s.format == "upr_info")
    assert (upr_info.rows_read, upr_info.rows_loaded) == (729, 0)
    assert any(note.startswith("729 recommendation(s) also in") for note in upr_info.notes)


def test_merged_rows_keep_both_sources_and_the_richer_fields(upr_info_and_uhri):
    _, _, _, both, _ = upr_info_and_uhri
    kept = fetch(both, """
        SELECT source_id, also_in, count(*), count(action_category), count(sdgs), count(document)
        FROM recommendation WHERE NOT is_pledge GROUP BY ALL""")
    # every recommendation kept from UHRI (its id, SDGs, document) with UPR Info's action category
    assert kept == [("uhri:uhri_central_asia", ["upr_info:upr_info_export_sessions01-09_17-20_central_asia"],
                     kept[0][2], kept[0][2], kept[0][2], kept[0][2])]


def test_a_different_text_or_state_is_not_merged(tmp_path, shared_data):
    frame = staged(UprInfoReader(), shared_data / UPR_INFO_CSV)
    review = frame[(frame["country"] == "Kazakhstan") & (frame["session"] == 7) & ~frame["is_pledge"]]
    rows = uhri_rows(review.head(3))
    rows[0]["Text"] = "A recommendation that UPR Info does not hold."
    rows[1]["UPR Reccomending States"] = "- Iceland"
    write_uhri_workbook(tmp_path / "uhri.xlsx", rows=rows)
    warehouse = tmp_path / "w.duckdb"
    report = build_warehouse(plan_inputs([shared_data / UPR_INFO_CSV, tmp_path / "uhri.xlsx"]), warehouse,
                             log=lambda line: None)
    assert report.totals["recommendations merged across sources"] == 1
    assert fetch(warehouse, "SELECT count(*) FROM recommendation WHERE NOT is_pledge") == [(729 + 3 - 1,)]


def test_thematic_list_and_uhri_of_the_same_review_count_once(tmp_path, shared_data):
    frame = staged(OhchrThematicListReader(), shared_data / THIRD)
    rows = uhri_rows(frame, country_of=lambda iso3: "Slovenia")
    write_uhri_workbook(tmp_path / "uhri_slovenia.xlsx", rows=rows)
    alone, both = tmp_path / "alone.duckdb", tmp_path / "both.duckdb"
    build_warehouse(plan_inputs([shared_data / THIRD]), alone, log=lambda line: None)
    report = build_warehouse(plan_inputs([shared_data / THIRD, tmp_path / "uhri_slovenia.xlsx"]), both,
                             log=lambda line: None)
    paragraphs = "SELECT count(DISTINCT paragraph), count(DISTINCT paragraph) FILTER (WHERE response = " \
                 "'supported'), count(DISTINCT paragraph) FILTER (WHERE response = 'noted') FROM recommendation"
    assert fetch(alone, paragraphs) == fetch(both, paragraphs) == [(215, 182, 33)]
    assert fetch(both, "SELECT count(*) FROM recommendation") == [(len(rows),)]
    assert report.totals["recommendations merged across sources"] == len(frame) == 223
    # kept from UHRI, with the thematic list's paragraph and position source, both in provenance
    assert fetch(both, "SELECT source_id, also_in, count(paragraph), count(position_source), count(*) "
                       "FROM recommendation GROUP BY ALL") == [
        ("uhri:uhri_slovenia", ["ohchr_thematic_list:UPR34_Slovenia_Thematic_list_of_Recommendations"],
         len(rows), len(rows), len(rows))]
    assert fetch(both, "SELECT recommending_state, paragraph FROM recommendation WHERE paragraph = '121.1'") == [
        ("France; Lithuania", "121.1")]


def test_implementation_status_follows_a_merged_recommendation(tmp_path, shared_data):
    frame = staged(UprInfoReader(), shared_data / UPR_INFO_CSV)
    review = frame[(frame["country"] == "Kazakhstan") & (frame["session"] == 7) & ~frame["is_pledge"]]
    alone = tmp_path / "upr_info.duckdb"
    build_warehouse(plan_inputs([shared_data / UPR_INFO_CSV]), alone, log=lambda line: None)
    first = review.iloc[0]
    [(upr_info_id,)] = fetch(alone, "SELECT id FROM recommendation WHERE country_iso3 = 'KAZ' AND session = 7 "
                                    "AND text = ? AND recommending_state = ?",
                             [first["text"], first["recommending_state"]])
    (tmp_path / "implementation.csv").write_text(
        f"recommendation,status,date,source\n{upr_info_id},Partially implemented,2013-06-30,follow-up\n",
        encoding="utf-8")
    write_uhri_workbook(tmp_path / "uhri.xlsx", rows=uhri_rows(review.head(1)))
    merged = tmp_path / "merged.duckdb"
    build_warehouse(plan_inputs([shared_data / UPR_INFO_CSV, tmp_path / "uhri.xlsx",
                                 tmp_path / "implementation.csv"]), merged, log=lambda line: None)
    # the assessment written against UPR Info's id now belongs to the row kept from UHRI
    assert fetch(merged, "SELECT r.source_id, r.text, i.status FROM implementation i "
                         "JOIN recommendation r ON r.id = i.recommendation_id") == [
        ("uhri:uhri", reworded(first["text"]), "partially_implemented")]
    assert fetch(merged, "SELECT count(*) FROM recommendation WHERE id = ?", [upr_info_id]) == [(0,)]
