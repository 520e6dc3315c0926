"""UPR Info reader: the real exports (.xls, .csv), publisher encodings, and bad input."""
from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.errors import InputError
from etl.provenance import reader_credit
from etl.readers import textfile
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.upr_info import UprInfoReader, session_years

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "upr_info_export"
EXPORT = "upr_info_export_sessions01-09_17-20_central_asia"
PLEDGES = DATA / "upr_info_export_voluntary_pledges_central_asia.csv"
HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session"
ROWS = [
    'Kazakhstan,Asia,"CIS, OIC",Ratify the OP-CAT.,Côte d\'Ivoire,Africa,"AU, OIF",Accepted,5,'
    '"Torture and other CID treatment,Detention",7',
    'Kazakhstan,Asia,"CIS, OIC",Abolish the death penalty.,Türkiye,WEOG,,Noted,4,Death penalty,20',
]


def read(path: Path, name: str | None = None):
    ctx = ReadContext(con=duckdb.connect(), catalogue=None, display_name=name or path.name)
    staged = UprInfoReader().read(path, ctx)
    return staged, staged.frames["recommendation"].df()


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(newline.join(lines).encode(encoding) + newline.encode())
    return path


def sniffs(path: Path) -> bool:
    return UprInfoReader().sniff(path, path.read_bytes()[:65536])


@pytest.mark.parametrize("suffix", [".xls", ".csv"])
def test_real_export(suffix):
    path = DATA / (EXPORT + suffix)
    assert sniffs(path)
    staged, frame = read(path)
    assert list(frame.columns) == STAGED_COLUMNS["recommendation"]
    assert staged.rows_read == len(frame) == 729
    assert frame["response"].value_counts().to_dict() == {"supported": 493, "noted": 236}
    assert frame.groupby(["country", "session"]).size().to_dict() == {
        ("Kazakhstan", 7): 129, ("Kazakhstan", 20): 198, ("Kyrgyzstan", 8): 175,
        ("Turkmenistan", 3): 87, ("Uzbekistan", 3): 140}
    assert frame.groupby("session")["year"].first().to_dict() == {3: 2008, 7: 2010, 8: 2010, 20: 2014}
    assert set(frame["mechanism"]) == {"upr"} and set(frame["body"]) == {"UPR"}
    assert not frame["is_pledge"].any() and frame["id"].isna().all()
    assert frame["action_category"].value_counts().to_dict() == {4: 286, 5: 245, 2: 117, 3: 70, 1: 11}
    assert (frame["row"].tolist() == list(range(2, 731)))
    first = frame.iloc[0]
    assert (first["country"], first["recommending_state"], first["session"]) == ("Turkmenistan", "France", 3)
    assert list(first["tags"]) == ["International instruments", "Trafficking"]
    assert first["text"].startswith("Implement the provisions of the Palermo Protocols")
    assert staged.tag_vocabulary == "upr_info"
    assert reader_credit(UprInfoReader(), f"{EXPORT}.xls").publisher == "UPR Info"
    assert staged.source_columns == {"country": "SuR", "recommending_state": "RS"}


def test_real_pledges():
    staged, frame = read(PLEDGES)
    assert staged.rows_read == 2
    assert frame["is_pledge"].tolist() == [True, True]
    assert frame["response"].isna().all()
    assert frame[["country", "session", "year"]].values.tolist() == [
        ["Kyrgyzstan", 8, 2010], ["Uzbekistan", 3, 2008]]
    assert list(frame["tags"][1]) == ["Civil society", "Freedom of the press",
                                      "National plan of action", "UPR process"]


def test_session_years_table():
    years = session_years()
    assert len(years) == 54 and years[0] == 2008 and years[11] == 2011 and years[19] == 2014
    assert years[40] == 2022 and years[53] == 2027


@pytest.mark.parametrize("encoding, newline", [
    ("cp1252", "\r\n"), ("mac_roman", "\r"), ("utf-8-sig", "\n"), ("utf-8", "\r\n")])
def test_publisher_encodings_and_line_ends(tmp_path, encoding, newline):
    path = write_csv(tmp_path / "export.csv", [HEADER] + ROWS, encoding, newline)
    assert sniffs(path)
    staged, frame = read(path)
    assert frame["recommending_state"].tolist() == ["Côte d'Ivoire", "Türkiye"]
    assert frame["response"].tolist() == ["supported", "noted"]
    assert frame["year"].tolist() == [2010, 2014]
    assert [list(tags) for tags in frame["tags"]] == [
        ["Torture and other CID treatment", "Detention"], ["Death penalty"]]
    assert frame["row"].tolist() == [2, 3]


def test_html_escaped_state_and_loose_tags(tmp_path):
    line = 'Kazakhstan,Asia,,Text.,&#40;Unknown&#41;,&#40;Unknown&#41;,, Accepted ,3," Justice , ,Labour,",7'
    _, frame = read(write_csv(tmp_path / "e.csv", [HEADER, line]))
    assert frame["recommending_state"].tolist() == ["(Unknown)"]
    assert [list(tags) for tags in frame["tags"]] == [["Justice", "Labour"]]
    assert frame["response"].tolist() == ["supported"]


def test_quoted_newline_counts_as_one_record(tmp_path):
    lines = [HEADER, 'Kazakhstan,Asia,,"Two\nlines",France,WEOG,,Accepted,5,Justice,7',
             "Kazakhstan,Asia,,Text,France,WEOG,,Accepted,9,Justice,7"]
    with pytest.raises(InputError) as caught:
        read(write_csv(tmp_path / "multi.csv", lines))
    assert (caught.value.row, caught.value.column) == (3, "Action")


def test_xlsx_written_by_openpyxl(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["Uzbekistan", "Asia", "CIS", "Ratify CRPD.", "Türkiye", "WEOG", "",
                            "Accepted", 5, "Disabilities", 3])
    workbook.active.append(["Uzbekistan", "Asia", "CIS", "Free the press.", "Côte d'Ivoire", "Africa",
                            None, "Noted", 4.0, "Freedom of the press,Justice", 16.0])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    assert sniffs(path)
    staged, frame = read(path)
    assert staged.rows_read == 2
    assert frame[["recommending_state", "response", "action_category", "session", "year", "row"]
                 ].values.tolist() == [["Türkiye", "supported", 5, 3, 2008, 2],
                                       ["Côte d'Ivoire", "noted", 4, 16, 2013, 3]]


def test_sniff_rejects_other_files(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("country,year,value\nKazakhstan,2020,1\n")
    assert not sniffs(other)
    assert not sniffs(DATA.parent / "README.md")


def bad(tmp_path: Path, lines: list[str] | None = None, raw: bytes | None = None) -> InputError:
    path = tmp_path / "bad.csv"
    if raw is not None:
        path.write_bytes(raw)
    else:
        write_csv(path, lines)
    with pytest.raises(InputError) as caught:
        read(path, "upr/bad.csv")
    assert caught.value.file == "upr/bad.csv"
    return caught.value


def test_semicolon_delimiter(tmp_path):
    error = bad(tmp_path, [HEADER.replace(",", ";"), ROWS[1].replace(",", ";")])
    assert sniffs(tmp_path / "bad.csv")      # recognised, so the build reports this error
    assert error.row == 1
    assert error.column == "SuR, Rgrp, Org, Recommendation, RS, Rgrp, Org, Response, Action, Issue, Session"
    assert "';'" in error.detail


def test_missing_column(tmp_path):
    error = bad(tmp_path, [HEADER.replace(",Issue", ""), "Kazakhstan,Asia,,T,France,WEOG,,Accepted,5,7"])
    assert (error.row, error.column) == (1, "Issue")


@pytest.mark.parametrize("action", ["7", "x", "", "4.5"])
def test_bad_action(tmp_path, action):
    error = bad(tmp_path, [HEADER, ROWS[0], ROWS[1].replace(",Noted,4,", f",Noted,{action},")])
    assert (error.row, error.column) == (3, "Action")


def test_bad_response(tmp_path):
    error = bad(tmp_path, [HEADER, ROWS[0].replace(",Accepted,", ",Rejected,"), ROWS[1]])
    assert (error.row, error.column) == (2, "Response")
    assert "'Rejected'" in error.detail


@pytest.mark.parametrize("session", ["x", "0", "55", "3.5"])
def test_bad_session(tmp_path, session):
    error = bad(tmp_path, [HEADER, ROWS[0], ROWS[1][: ROWS[1].rindex(",") + 1] + session])
    assert (error.row, error.column) == (3, "Session")


def test_wrong_field_count(tmp_path):
    error = bad(tmp_path, [HEADER, ROWS[0], ROWS[1] + ",extra"])
    assert error.row == 3 and "Expected Number of Columns" in error.detail


def test_header_only(tmp_path):
    error = bad(tmp_path, [HEADER])
    assert (error.row, error.column) == (2, None)


def test_empty_file(tmp_path):
    error = bad(tmp_path, raw=b"")
    assert (error.row, error.column) == (1, None)


def test_binary_bytes(tmp_path):
    raw = (HEADER + "\n" + ROWS[1] + "\n").encode() + b"Kazakhstan,\x00\x01\x02\n"
    error = bad(tmp_path, raw=raw)
    assert error.row == 3 and "0x00" in error.detail


def test_corrupt_utf8_after_valid_utf8(tmp_path):
    raw = (HEADER + "\n" + ROWS[0] + "\n").encode() + b"Kazakhstan,Asia,,caf\xc3(,x\n"
    error = bad(tmp_path, raw=raw)
    assert error.row == 3 and "invalid UTF-8" in error.detail


def test_corrupt_utf8_beyond_the_sniffed_head(tmp_path):
    filler = [ROWS[1]] * 1000      # more than 64 KiB of clean UTF-8 before the bad byte
    raw = "\n".join([HEADER, ROWS[0]] + filler).encode() + b"\nKaz\xc3(,x\n"
    error = bad(tmp_path, raw=raw)
    assert error.row == 1003


def test_textfile_keeps_clean_utf8_and_copies_others(tmp_path):
    clean = write_csv(tmp_path / "clean.csv", [HEADER] + ROWS, "utf-8", "\r\n")
    assert textfile.utf8_path(clean, "clean.csv") == clean
    mac = write_csv(tmp_path / "mac.csv", [HEADER] + ROWS, "mac_roman", "\r")
    copy = textfile.utf8_path(mac, "mac.csv")
    assert copy != mac and copy.read_text(encoding="utf-8") == "\n".join([HEADER] + ROWS) + "\n"
    assert textfile.sniff_text("Türkiye\r\nCôte".encode("cp1252")) == "Türkiye\nCôte"
