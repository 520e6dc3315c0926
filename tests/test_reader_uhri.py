"""UHRI reader: a workbook in the UHRI export layout (tests/uhri_fixture.py) and bad input."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from uhri_fixture import HEADER, ROWS, write_uhri_workbook

from etl.errors import InputError
from etl.provenance import reader_credit
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.uhri import UhriReader, excel_date, values


def read(path: Path):
    ctx = ReadContext(con=duckdb.connect(), catalogue=None, display_name="uhri/" + path.name)
    staged = UhriReader().read(path, ctx)
    return staged, staged.frames["recommendation"]


@pytest.fixture()
def staged(tmp_path):
    return read(write_uhri_workbook(tmp_path / "uhri.xlsx"))


def test_sniff(tmp_path):
    path = write_uhri_workbook(tmp_path / "uhri.xlsx")
    assert UhriReader().sniff(path, path.read_bytes()[:65536])
    other = write_uhri_workbook(tmp_path / "other.xlsx", rows=[], header=["country", "year"])
    assert not UhriReader().sniff(other, other.read_bytes()[:65536])


def test_rows_and_ids(staged):
    result, frame = staged
    assert list(frame.columns) == STAGED_COLUMNS["recommendation"]
    assert result.rows_read == 12 and len(frame) == 14
    assert frame["id"].tolist() == ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8:Kazakhstan",
                                    "a8:Kyrgyzstan", "a8:Tajikistan", "a9", "a10", "a11", "a12"]
    assert frame["row"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 10, 11, 12, 13]
    assert result.tag_vocabulary == "uhri"
    credit = reader_credit(UhriReader(), "uhri/uhri.xlsx")
    assert credit.publisher == "OHCHR (Universal Human Rights Index)"
    assert credit.licence == "UN terms of use"


def test_bodies_and_mechanisms(staged):
    _, frame = staged
    assert frame["body"].tolist()[:8] == [
        "UPR", "UPR", "CAT", "CEDAW", "CCPR", "SR on the independence of judges and lawyers",
        "WG on Arbitrary Detention", "IE on human rights and the environment"]
    assert frame["mechanism"].value_counts().to_dict() == {
        "treaty_body": 6, "special_procedure": 5, "upr": 3}


def test_upr_fields(staged):
    _, frame = staged
    upr = frame[frame["mechanism"] == "upr"]
    assert upr["recommending_state"].tolist() == ["Canada; France", "Australia", "Czechia"]
    assert upr["response"].fillna("none").tolist() == ["supported", "noted", "none"]
    assert upr["session"].tolist() == [34, 35, 44]
    assert frame[frame["mechanism"] != "upr"]["recommending_state"].isna().all()
    assert frame[frame["mechanism"] != "upr"]["session"].isna().all()


def test_dates_and_lists(staged):
    _, frame = staged
    first, torture = frame.iloc[0], frame.iloc[2]
    assert (first["date"], first["year"]) == (dt.date(2020, 1, 20), 2020)
    assert (first["document"], first["affected_persons"], first["sdgs"]) == (
        "A/HRC/43/10", "General", "10 - Reduced inequalities")
    assert torture["date"] == dt.date(2019, 8, 23)          # serial 43700.75
    assert list(torture["tags"]) == ["Torture", "Administration of justice & fair trial"]
    assert frame.iloc[6]["date"] == dt.date(2012, 4, 1)     # serial 41000.9
    assert frame["year"].tolist() == [2020, 2023, 2019, 2020, 2021, 2014, 2012, 2023, 2023, 2023,
                                      2021, 2023, 2022, 2017]


def test_russian_text_kept(staged):
    _, frame = staged
    assert frame.iloc[10]["text"] == "Обеспечить независимость судебной власти."
    assert frame.iloc[10]["date"] == dt.date(2021, 4, 14)   # serial written as text "44300"


def test_helpers():
    assert values("- a\n- b\r\n-\n") == ["a", "b"]
    assert values("plain") == ["plain"] and values(None) == []
    assert excel_date(45000.99) == dt.date(2023, 3, 15) and excel_date("") is None


def test_correct_spelling_of_headers(tmp_path):
    header = [name.replace("Reccomending", "Recommending") for name in HEADER]
    rows = [{key.replace("Reccomending", "Recommending"): value for key, value in row.items()}
            for row in ROWS[:2]]
    _, frame = read(write_uhri_workbook(tmp_path / "u.xlsx", rows=rows, header=header))
    assert frame["recommending_state"].tolist() == ["Canada; France", "Australia"]


def failing(tmp_path: Path, rows=None, header=None) -> InputError:
    path = write_uhri_workbook(tmp_path / "bad.xlsx", rows=rows, header=header)
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.file == "uhri/bad.xlsx"
    return caught.value


def test_unknown_body(tmp_path):
    rows = ROWS[:3] + [dict(ROWS[3], **{"Reccomending Body": "- OSCE"})]
    error = failing(tmp_path, rows)
    assert (error.row, error.column) == (5, "Recommending Body")
    assert "OSCE" in error.detail


def test_bad_date(tmp_path):
    rows = ROWS[:1] + [dict(ROWS[1], **{"Document Publication Date": "15 March"})]
    error = failing(tmp_path, rows)
    assert (error.row, error.column) == (3, "Document Publication Date")


def test_bad_session(tmp_path):
    rows = [dict(ROWS[0], **{"UPR Session": "- next"})]
    error = failing(tmp_path, rows)
    assert (error.row, error.column) == (2, "UPR Session")


def test_bad_position(tmp_path):
    rows = [dict(ROWS[0], **{"UPR Position": "- Rejected"})]
    error = failing(tmp_path, rows)
    assert (error.row, error.column) == (2, "UPR Position")


def test_missing_text_column(tmp_path):
    error = failing(tmp_path, header=HEADER[1:])
    assert (error.row, error.column) == (1, "Text")


def test_empty_text(tmp_path):
    error = failing(tmp_path, rows=ROWS[:2] + [dict(ROWS[2], Text="  ")])
    assert (error.row, error.column) == (4, "Text")


def test_header_only(tmp_path):
    error = failing(tmp_path, rows=[])
    assert error.row == 2


def test_truncated_workbook(tmp_path):
    path = write_uhri_workbook(tmp_path / "bad.xlsx")
    path.write_bytes(path.read_bytes()[:2000])
    with pytest.raises(InputError) as caught:
        read(path)
    assert caught.value.file == "uhri/bad.xlsx" and "not a readable workbook" in caught.value.detail
