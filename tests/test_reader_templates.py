"""Tests of the template readers (tidy values, events, implementation) on the samples and bad input."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from etl.build import check_inputs
from etl.plan import plan_inputs
from openpyxl import Workbook

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.templates import EventsReader, ImplementationReader, TidyValuesReader
from etl.catalogue import load_catalogue

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "templates"
READERS = [TidyValuesReader(), EventsReader(), ImplementationReader()]
TIDY_HEADER = "country,indicator,year,value"


CATALOGUE = load_catalogue()


def make_ctx(name: str) -> ReadContext:
    return ReadContext(con=duckdb.connect(), catalogue=CATALOGUE, display_name=name, options={})


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def read(reader, path: Path):
    return reader.read(path, make_ctx(path.name))


def error_of(reader, path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read(reader, path)
    assert caught.value.file == path.name
    return caught.value


def observations(path: Path) -> list[tuple]:
    relation = read(TidyValuesReader(), path).frames["observation"]
    assert relation.columns == STAGED_COLUMNS["observation"]
    return relation.fetchall()


# --- samples and sniffing -------------------------------------------------------------------------

@pytest.mark.parametrize("name, reader", [("indicator_values.csv", "tidy_values"),
                                          ("events.csv", "events"),
                                          ("implementation.csv", "implementation")])
def test_each_sample_is_recognised_by_its_reader_only(name, reader):
    path = SAMPLES / name
    assert [r.name for r in READERS if r.sniff(path, path.read_bytes())] == [reader]


def test_indicator_values_sample_loads_with_catalogued_codes():
    rows = observations(SAMPLES / "indicator_values.csv")
    assert len(rows) == 9
    assert {row[1] for row in rows} == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    catalogue = load_catalogue()
    assert all(row[0] in catalogue.entries for row in rows)
    assert rows[3] == ("sdg_16_3_2_pretrial_custody", "KAZ", 2022, 9.1, None, None, "SEX=F",
                       "Illustrative example value", 5)
    assert rows[4][3:6] == (21.5, 19.8, 23.2)


def test_events_sample_loads():
    staged = read(EventsReader(), SAMPLES / "events.csv")
    frame = staged.frames["event"]
    assert list(frame.columns) == STAGED_COLUMNS["event"]
    assert staged.rows_read == 10 and len(frame) == 10
    assert frame.iloc[0].to_dict() == {"country": "KAZ", "date": dt.date(1998, 8, 26),
                                       "kind": "ratification", "title": "CAT: accession", "row": 2}
    assert set(frame["kind"]) == {"ratification", "upr_review", "action_plan", "country_visit",
                                  "nmrf", "nhri_accreditation", "npm"}


def test_implementation_sample_loads_and_human_statuses_are_normalised():
    frame = read(ImplementationReader(), SAMPLES / "implementation.csv").frames["implementation"]
    assert list(frame.columns) == STAGED_COLUMNS["implementation"]
    assert list(frame["status"]) == ["partially_implemented", "not_implemented",
                                     "fully_implemented", "fully_implemented"]
    assert frame.iloc[0].to_dict() == {"recommendation_id": "demo-rec-00001",
                                       "status": "partially_implemented",
                                       "date": dt.date(2023, 6, 30), "row": 2}


def test_sniff_reads_the_first_row_of_an_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "values.xlsx", [["Country", "Indicator", "Year", "Value"]])
    assert [r.name for r in READERS if r.sniff(path, path.read_bytes()[:65536])] == ["tidy_values"]


# --- tidy values: good input ----------------------------------------------------------------------

def test_tidy_optional_columns_bom_trimming_and_sorted_disaggregation(tmp_path):
    path = write(tmp_path / "v.csv", "\ufeffCountry, indicator ,year,value,disaggregation,note\n"
                 " Kazakhstan ,x, 2020 , 1.5 ,SEX=F;AGE=Y15T24,\"a, \"\"quoted\"\" note\"\n")
    assert observations(path) == [("x", "Kazakhstan", 2020, 1.5, None, None, "AGE=Y15T24;SEX=F",
                                   'a, "quoted" note', 2)]


def test_tidy_xlsx_loads(tmp_path):
    path = write_xlsx(tmp_path / "v.xlsx", [["country", "indicator", "year", "value", "lower"],
                                            ["KAZ", "x", 2020, 0.1, None],
                                            ["KGZ", "x", 2021.0, 2, 1.5]])
    assert observations(path) == [("x", "KAZ", 2020, 0.1, None, None, "", None, 2),
                                  ("x", "KGZ", 2021, 2.0, 1.5, None, "", None, 3)]


def test_tidy_row_numbers_hold_across_parallel_reading(tmp_path):
    lines = [f"KAZ,x{i},2000,{'n/a' if i == 250000 else '1.5'}" for i in range(300000)]
    path = write(tmp_path / "large.csv", TIDY_HEADER + "\n" + "\n".join(lines) + "\n")
    error = error_of(TidyValuesReader(), path)
    assert (error.row, error.column) == (250002, "value")


# --- tidy values: bad input ---------------------------------------------------------------------

@pytest.mark.parametrize("body, row, column, text", [
    ("KAZ,x,2020,1.5\nKAZ,x,2021,abc\n", 3, "value", "'abc'"),
    ("KAZ,x,2020,nan\n", 2, "value", "'nan'"),
    ("KAZ,x,2020,\n", 2, "value", "value is empty"),
    ("KAZ,x,2020.5,1\n", 2, "year", "'2020.5'"),
    ("KAZ,x,twenty,1\n", 2, "year", "'twenty'"),
    (",x,2020,1\n", 2, "country", "country is empty"),
    ("KAZ,,2020,1\n", 2, "indicator", "indicator is empty"),
])
def test_tidy_bad_cells(tmp_path, body, row, column, text):
    error = error_of(TidyValuesReader(), write(tmp_path / "v.csv", TIDY_HEADER + "\n" + body))
    assert (error.row, error.column) == (row, column)
    assert text in str(error)


@pytest.mark.parametrize("column, cell", [("lower", "low"), ("upper", "inf"),
                                          ("disaggregation", "sex=f"),
                                          ("disaggregation", "SEX=F;SEX=M"),
                                          ("disaggregation", "SEX")])
def test_tidy_bad_optional_cells(tmp_path, column, cell):
    path = write(tmp_path / "v.csv", f"{TIDY_HEADER},{column}\nKAZ,x,2020,1,\nKAZ,x,2021,1,{cell}\n")
    error = error_of(TidyValuesReader(), path)
    assert (error.row, error.column) == (3, column)


def test_tidy_decimal_comma_gives_a_ragged_row(tmp_path):
    error = error_of(TidyValuesReader(), write(tmp_path / "v.csv",
                                               TIDY_HEADER + "\nKAZ,x,2020,1.5\nKAZ,x,2021,1,5\n"))
    assert error.row == 3 and "5 cells in a table of 4 columns" in str(error)


def test_tidy_missing_column(tmp_path):
    error = error_of(TidyValuesReader(), write(tmp_path / "v.csv", "country,indicator,value\nKAZ,x,1\n"))
    assert (error.row, error.column) == (1, "year")


def test_tidy_unknown_column(tmp_path):
    error = error_of(TidyValuesReader(), write(tmp_path / "v.csv", TIDY_HEADER + ",valeu\nKAZ,x,2020,1,2\n"))
    assert (error.row, error.column) == (1, "valeu")


def test_tidy_wrong_delimiter(tmp_path):
    path = write(tmp_path / "v.csv", "country;indicator;year;value\nKAZ;x;2020;1,5\n")
    assert TidyValuesReader().sniff(path, path.read_bytes())
    error = error_of(TidyValuesReader(), path)
    assert error.row == 1 and "wrong delimiter?" in str(error)


def test_tidy_duplicate_key_names_both_rows(tmp_path):
    # Keys are compared with disaggregation keys sorted; the build's check of every file finds them.
    path = write(tmp_path / "v.csv", "country,indicator,year,value,disaggregation\n"
                 "KAZ,owid_civil_liberties,2020,0.1,SEX=F;AGE=Y1\nKAZ,owid_civil_liberties,2020,0.2,\n"
                 "KAZ,owid_civil_liberties,2021,0.2,\nKAZ,owid_civil_liberties,2020,0.3,AGE=Y1;SEX=F\n")
    with pytest.raises(InputError) as caught:
        check_inputs(plan_inputs([path]), log=lambda line: None)
    assert caught.value.row == 5 and "in rows 2 and 5" in str(caught.value)
    assert "AGE=Y1;SEX=F" in str(caught.value)


def test_tidy_header_only_and_empty_files(tmp_path):
    assert error_of(TidyValuesReader(), write(tmp_path / "h.csv", TIDY_HEADER + "\n")).row == 2
    assert "empty" in str(error_of(TidyValuesReader(), write(tmp_path / "e.csv", "")))


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16"])
def test_tidy_cyrillic_encodings_decode_right(tmp_path, encoding):
    text = (TIDY_HEADER + "\nКазахстан,owid_civil_liberties,2020,0.5\nКыргызстан,owid_civil_liberties,2021,0.25\n"
            "Таджикистан,owid_civil_liberties,2021,0.75\n")
    path = write(tmp_path / "v.csv", text, encoding)
    report = check_inputs(plan_inputs([path]), log=lambda line: None)
    assert report.totals["observation"] == 3
    frame = TidyValuesReader().read(path, ReadContext(con=duckdb.connect(), catalogue=None,
                                                      display_name="v.csv")).frames["observation"].df()
    assert frame["country"].tolist() == ["Казахстан", "Кыргызстан", "Таджикистан"]


def test_tidy_xlsx_bad_cell(tmp_path):
    path = write_xlsx(tmp_path / "v.xlsx", [["country", "indicator", "year", "value"],
                                            ["KAZ", "x", 2020, 1], ["KGZ", "x", 2021, "1,5"]])
    error = error_of(TidyValuesReader(), path)
    assert (error.row, error.column) == (3, "value")


# --- events ----------------------------------------------------------------------------------------

EVENTS_HEADER = "date,country,kind,title,source"


def test_events_xlsx_date_cells_and_day_numbers(tmp_path):
    path = write_xlsx(tmp_path / "e.xlsx", [EVENTS_HEADER.split(","),
                                            [dt.datetime(2020, 5, 1), "KAZ", "NPM", "NPM set up", None],
                                            [45000, "KGZ", "other", "Something", "note"]])
    frame = read(EventsReader(), path).frames["event"]
    assert list(frame["date"]) == [dt.date(2020, 5, 1), dt.date(2023, 3, 15)]
    assert list(frame["kind"]) == ["npm", "other"]


@pytest.mark.parametrize("line, column", [
    ("2021-01-01,KAZ,visit,A visit,", "kind"),
    ("01.02.2021,KAZ,other,Something,", "date"),
    ("2021-02-30,KAZ,other,Something,", "date"),
    (",KAZ,other,Something,", "date"),
    ("2021-01-01,,other,Something,", "country"),
    ("2021-01-01,KAZ,other,,", "title"),
])
def test_events_bad_rows(tmp_path, line, column):
    path = write(tmp_path / "e.csv", f"{EVENTS_HEADER}\n2020-01-01,KAZ,other,Fine,\n{line}\n")
    error = error_of(EventsReader(), path)
    assert (error.row, error.column) == (3, column)


def test_events_header_only_and_missing_column(tmp_path):
    assert error_of(EventsReader(), write(tmp_path / "e.csv", EVENTS_HEADER + "\n")).row == 2
    error = error_of(EventsReader(), write(tmp_path / "m.csv", "date,country,title\n2020-01-01,KAZ,x\n"))
    assert (error.row, error.column) == (1, "kind")


# --- implementation -------------------------------------------------------------------------------

@pytest.mark.parametrize("line, column", [
    ("demo-2,Implemented,2023-01-01,", "status"),
    ("demo-2,not_implemented,,", "date"),
    (",not_implemented,2023-01-01,", "recommendation"),
])
def test_implementation_bad_rows(tmp_path, line, column):
    path = write(tmp_path / "i.csv", "recommendation,status,date,source\n"
                 f"demo-1,Not implemented,2022-01-01,\n{line}\n")
    error = error_of(ImplementationReader(), path)
    assert (error.row, error.column) == (3, column)


def test_implementation_wrong_delimiter(tmp_path):
    path = write(tmp_path / "i.csv", "recommendation;status;date\ndemo-1;not_implemented;2022-01-01\n")
    assert ImplementationReader().sniff(path, path.read_bytes())
    assert "wrong delimiter?" in str(error_of(ImplementationReader(), path))
