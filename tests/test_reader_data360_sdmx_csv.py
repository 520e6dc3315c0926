"""World Bank Data360 wide CSV and SDMX-CSV (long) readers, on test files written in those layouts.

The files under tests/fixtures follow the publishers' layouts; their values are made up for the tests.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.build import build_warehouse
from etl.errors import InputError
from etl.plan import plan_inputs
from etl.readers import detect
from etl.readers.data360 import Data360Reader
from etl.readers.sdmx_csv import SdmxCsvReader

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _observations(tmp_path: Path, *files: Path) -> list[tuple]:
    db = tmp_path / "w.duckdb"
    build_warehouse(plan_inputs(list(files)), db, log=lambda line: None)
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT indicator_code, country_iso3, year, value, disaggregation "
                           "FROM observation ORDER BY ALL").fetchall()


def test_files_are_recognised_by_structure():
    assert isinstance(detect(FIXTURES / "data360_rsf_wide.csv"), Data360Reader)
    assert isinstance(detect(FIXTURES / "sdmx_csv_sdg.csv"), SdmxCsvReader)
    assert isinstance(detect(FIXTURES / "sdmx_csv_labels.csv"), SdmxCsvReader)


def test_data360_wide_rsf_score_and_rank(tmp_path):
    rows = _observations(tmp_path, FIXTURES / "data360_rsf_wide.csv")
    assert rows == [
        ("rsf_wpfi_rank_data360", "KAZ", 2022, 122.0, ""), ("rsf_wpfi_rank_data360", "KAZ", 2023, 134.0, ""),
        ("rsf_wpfi_rank_data360", "KAZ", 2024, 142.0, ""), ("rsf_wpfi_rank_data360", "KGZ", 2022, 72.0, ""),
        ("rsf_wpfi_rank_data360", "KGZ", 2024, 120.0, ""),
        ("rsf_wpfi_score_data360", "KAZ", 2022, 35.25, ""), ("rsf_wpfi_score_data360", "KAZ", 2023, 40.48, ""),
        ("rsf_wpfi_score_data360", "KAZ", 2024, 40.94, ""), ("rsf_wpfi_score_data360", "KGZ", 2010, 30.5, ""),
        ("rsf_wpfi_score_data360", "KGZ", 2012, 31.0, ""), ("rsf_wpfi_score_data360", "KGZ", 2022, 64.45, ""),
        ("rsf_wpfi_score_data360", "KGZ", 2024, 47.08, ""), ("rsf_wpfi_score_data360", "TJK", 2002, 40.0, ""),
        ("rsf_wpfi_score_data360", "TJK", 2024, 26.0, ""), ("rsf_wpfi_score_data360", "UZB", 2022, 39.5, ""),
        ("rsf_wpfi_score_data360", "UZB", 2024, 32.5, "")]
    # empty year cells are gaps (UZB 2023, every 2011 column absent), never zeros
    assert not any(row[2] == 2011 or row[3] == 0 for row in rows)


def test_data360_notes_skipped_aggregates():
    from etl.readers.base import ReadContext
    from etl.catalogue import load_catalogue
    ctx = ReadContext(con=duckdb.connect(), catalogue=load_catalogue(), display_name="d.csv")
    staged = Data360Reader().read(FIXTURES / "data360_rsf_wide.csv", ctx)
    assert staged.notes == ["rows for areas that are not countries (aggregates) skipped: WLD (1)"]
    from etl.provenance import reader_credit
    assert reader_credit(Data360Reader(), "d.csv").publisher == "World Bank Data360"


def test_sdmx_csv_sdg_series_m49_areas_breakdowns_and_multipliers(tmp_path):
    assert _observations(tmp_path, FIXTURES / "sdmx_csv_sdg.csv") == [
        ("sdg_10_3_1_felt_discriminated", "KGZ", 2018, 7.1, "AGE=Y15T49;SEX=F"),
        ("sdg_10_3_1_felt_discriminated", "KGZ", 2018, 8.4, "AGE=Y15T49;SEX=F;URBANISATION=URB"),
        ("sdg_16_9_1_birth_registration", "KAZ", 2015, 99.7, "AGE=M0"),
        ("sdg_16_9_1_birth_registration", "KGZ", 2018, 98.9, "AGE=M0"),
        ("sdmx_sp_dyn_test", "TJK", 2020, 1250.0, "")]


def test_sdmx_csv_with_labels_reads_codes(tmp_path):
    assert _observations(tmp_path, FIXTURES / "sdmx_csv_labels.csv") == [
        ("rsf_wpfi_rank_data360", "UZB", 2024, 148.0, ""),
        ("rsf_wpfi_score_data360", "KGZ", 2024, 47.08, "")]


def test_a_bad_value_is_named_with_row_and_column(tmp_path):
    text = (FIXTURES / "sdmx_csv_sdg.csv").read_text(encoding="utf-8").replace("98.9", "n/a")
    path = tmp_path / "sdg.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        _observations(tmp_path, path)
    assert (raised.value.file, raised.value.row, raised.value.column) == ("sdg.csv", 4, "OBS_VALUE")
    wide = (FIXTURES / "data360_rsf_wide.csv").read_bytes().replace(b"40.48", b"forty")
    path = tmp_path / "rsf.csv"
    path.write_bytes(wide)
    with pytest.raises(InputError) as raised:
        _observations(tmp_path, path)
    assert (raised.value.file, raised.value.row, raised.value.column) == ("rsf.csv", 2, "2023")
