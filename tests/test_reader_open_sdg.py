"""Tests of the Open SDG CSV reader on the Kazakhstan and Kyrgyzstan platform files."""
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.open_sdg import OpenSdgReader, file_id
from etl.catalogue import load_catalogue
from etl.provenance import reader_credit

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KAZ = DATA / "sdg_kazakhstan_open_sdg" / "data"
READER = OpenSdgReader()


def context(name: str, **options) -> ReadContext:
    return ReadContext(con=duckdb.connect(), catalogue=load_catalogue(), display_name=name,
                       options=options)


def read_real(path: Path):
    return READER.read(path, context(str(path.relative_to(DATA))))


def test_file_id_and_sniff():
    assert file_id(Path("indicator_16-3-2.csv")) == "16-3-2"
    assert file_id(Path("10-3-1.csv")) == "10-3-1"
    path = KAZ / "indicator_16-a-1.csv"
    assert READER.sniff(path, path.read_bytes())
    grapher = DATA / "owid_grapher_vdem" / "rule-of-law-index_central_asia.csv"
    assert not READER.sniff(grapher, grapher.read_bytes())


def test_kazakhstan_pretrial_custody():
    staged = read_real(KAZ / "indicator_16-3-2.csv")
    observations = staged.frames["observation"]
    assert list(observations.columns) == STAGED_COLUMNS["observation"]
    assert staged.rows_read == 12 and len(observations) == 12
    first = observations.iloc[0].to_dict()
    assert first["indicator_code"] == "sdg_16_3_2_pretrial_custody"
    assert (first["country"], first["year"], first["value"], first["row"]) == (
        "Kazakhstan", 2011, 22.0, 2)
    assert first["disaggregation"] == "" and first["note"] == "unit PT"
    credit = reader_credit(READER, str((KAZ / "indicator_16-3-2.csv").relative_to(DATA)))
    assert credit.publisher == "Bureau of National Statistics of the Republic of Kazakhstan"


def test_header_only_file_without_newline_is_no_data():
    path = KAZ / "indicator_16-a-1.csv"
    assert not path.read_bytes().endswith(b"\n")
    staged = read_real(path)
    assert staged.rows_read == 0
    assert staged.frames["observation"].empty
    assert list(staged.frames["observation"].columns) == STAGED_COLUMNS["observation"]
    assert staged.notes == ["16-a-1: no data (header-only file)"]


def test_disaggregations_and_subnational_areas():
    homicide = read_real(KAZ / "indicator_16-1-1.csv").frames["observation"]
    assert len(homicide) == 72
    totals = homicide[homicide["disaggregation"] == ""]
    assert len(totals) == 9 and totals["year"].tolist() == list(range(2015, 2024))
    assert "SEX=M" in set(homicide["disaggregation"])
    discipline = read_real(KAZ / "indicator_16-2-1.csv").frames["observation"]
    assert set(discipline["country"]) == {"Kazakhstan"}
    assert discipline.loc[discipline["row"] == 10, "disaggregation"].tolist() == ["REF_AREA=KZAKM"]
    assert len(discipline[discipline["disaggregation"] == ""]) == 2
    seats = read_real(KAZ / "indicator_5-5-1.csv").frames["observation"]
    assert set(seats["disaggregation"]) == {"SERIES=SG_GEN_LOCG", "SERIES=SG_GEN_PARL"}


def test_kyrgyzstan_csv_with_russian_headers():
    staged = read_real(DATA / "sdg_kyrgyzstan_sdmx" / "data" / "10-3-1.csv")
    observations = staged.frames["observation"]
    assert len(observations) == 64
    assert set(observations["country"]) == {"Kyrgyzstan"}
    assert set(observations["indicator_code"]) == {"sdg_10_3_1_felt_discriminated"}
    totals = observations[observations["disaggregation"] == ""]
    assert dict(zip(totals["year"], totals["value"])) == {2018: 7.7, 2023: 6.2}
    assert observations.loc[observations["row"] == 4, "disaggregation"].tolist() == [
        "Местность=Городская"]
    credit = reader_credit(READER, "sdg_kyrgyzstan_sdmx/data/10-3-1.csv")
    assert credit.publisher == "National Statistical Committee of the Kyrgyz Republic"


def test_country_from_option_or_ref_area_else_error(tmp_path):
    path = tmp_path / "indicator_16-3-2.csv"
    path.write_text("Year,UNIT_MEASURE,Value\n2020,PT,30.5\n", encoding="utf-8")
    staged = READER.read(path, context("indicator_16-3-2.csv", country="TJK"))
    assert staged.frames["observation"]["country"].tolist() == ["TJK"]
    with pytest.raises(InputError) as caught:
        READER.read(path, context("indicator_16-3-2.csv"))
    assert caught.value.row == 2 and "declare country:" in str(caught.value)
    path.write_text("Year,REF_AREA,SEX,Value\n2020,UZ,F,12\n", encoding="utf-8")
    observations = READER.read(path, context("indicator_16-3-2.csv")).frames["observation"]
    assert observations[["country", "disaggregation"]].values.tolist() == [["UZ", "SEX=F"]]


def test_uncatalogued_file_gets_an_indicator(tmp_path):
    path = tmp_path / "indicator_99-9-9.csv"
    path.write_text("Year,Value\n2020,1.5\n2021,\n", encoding="utf-8")
    staged = READER.read(path, context("indicator_99-9-9.csv", country="Kazakhstan"))
    assert staged.frames["indicator"]["code"].tolist() == ["sdg_99_9_9"]
    assert staged.frames["indicator"]["catalogued"].tolist() == [False]
    assert staged.frames["observation"][["year", "value"]].values.tolist() == [[2020, 1.5]]


def test_bad_inputs_name_row_and_column(tmp_path):
    path = tmp_path / "indicator_16-3-2.csv"
    path.write_text("Year,Value\n2020,1.5\n2021,about 2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("kaz/indicator_16-3-2.csv", country="KAZ"))
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        "kaz/indicator_16-3-2.csv", 3, "Value")
    path.write_text("Period,Value\n2020,1.5\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("indicator_16-3-2.csv", country="KAZ"))
    assert (caught.value.row, caught.value.column) == (1, "Year")
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("indicator_16-3-2.csv", country="KAZ"))
    assert "empty" in str(caught.value)
