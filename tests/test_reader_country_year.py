"""Tests of the country-year table reader and the V-Dem cut-points reader."""
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.country_year import CountryYearReader
from etl.readers.cutpoints import VdemCutpointsReader
from etl.catalogue import load_catalogue

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
VDEM = DATA / "vdem_demspaces" / "dv_data_1968_on_central_asia.csv"
FREEDOM_HOUSE = DATA / "owid_freedom_house" / "fh_final_central_asia.csv"
READER = CountryYearReader()


def context(name: str) -> ReadContext:
    return ReadContext(con=duckdb.connect(), catalogue=load_catalogue(), display_name=name)


def read(path: Path):
    return READER.read(path, context(path.name))


def counts(staged) -> dict:
    return staged.frames["observation"]["indicator_code"].value_counts().to_dict()


def test_sniff_needs_year_country_and_a_catalogued_column(tmp_path):
    assert READER.sniff(VDEM, VDEM.read_bytes()[:65536])
    meta = DATA / "owid_freedom_house" / "fh_final_meta.csv"
    assert not READER.sniff(meta, meta.read_bytes()[:65536])
    grapher = DATA / "owid_grapher_vdem" / "rule-of-law-index_central_asia.csv"
    assert not READER.sniff(grapher, grapher.read_bytes()[:65536])
    assert not READER.sniff(tmp_path / "x.csv", b"country_name,year,unknown_score\nKazakhstan,2020,1\n")


def test_vdem_demspaces_six_indices():
    staged = read(VDEM)
    observations = staged.frames["observation"]
    assert list(observations.columns) == STAGED_COLUMNS["observation"]
    assert staged.rows_read == 366
    assert len(observations) == 366 * 6
    assert counts(staged) == {code: 366 for code in [
        "vdem_vertical_accountability", "vdem_core_civil_society", "vdem_equality_before_law",
        "vdem_freedom_of_expression", "vdem_horizontal_accountability",
        "vdem_public_sector_corruption"]}
    assert set(observations["country"]) == {"RUS", "AFG", "MNG", "AZE", "KAZ", "KGZ", "TJK",
                                             "TKM", "UZB"}
    kaz_1991 = observations[(observations["country"] == "KAZ") & (observations["year"] == 1991)]
    assert dict(zip(kaz_1991["indicator_code"], kaz_1991["value"]))["vdem_core_civil_society"] == 0.594
    assert set(kaz_1991["row"]) == {279}
    assert staged.notes == ["columns not catalogued, not loaded: gwcode, country_id"]
    assert staged.licence == "CC BY-SA 4.0" and staged.publisher == "V-Dem Institute"


def test_freedom_house_catalogued_columns_only():
    staged = read(FREEDOM_HOUSE)
    assert staged.rows_read == 450
    assert counts(staged) == {"fh_regime": 324, "fh_political_rights_rating": 324,
                              "fh_civil_liberties_rating": 324, "fh_electoral_democracy": 162,
                              "fh_electoral_process": 162, "fh_political_rights_score": 162,
                              "fh_civil_liberties_score": 162}
    assert "number_free_fh" in staged.notes[0] and "pop_free_fh" in staged.notes[0]
    assert "126 rows have no value in any catalogued column" in staged.notes
    observations = staged.frames["observation"]
    kaz_2021 = observations[(observations["country"] == "Kazakhstan") & (observations["year"] == 2021)]
    assert dict(zip(kaz_2021["indicator_code"], kaz_2021["value"])) == {
        "fh_regime": 0.0, "fh_political_rights_rating": 7.0, "fh_civil_liberties_rating": 5.0,
        "fh_electoral_democracy": 0.0, "fh_electoral_process": 1.0,
        "fh_political_rights_score": 5.0, "fh_civil_liberties_score": 18.0}
    assert set(kaz_2021["row"]) == {150}


def test_press_freedom_and_fariss_files():
    rsf = read(DATA / "owid_press_freedom" / "press_freedom_rsf_central_asia.csv")
    assert counts(rsf) == {"rsf_press_freedom_score": 81, "rsf_press_freedom_status": 81}
    kgz = rsf.frames["observation"].query("country == 'Kyrgyzstan' and year == 2021")
    assert sorted(kgz["value"]) == [2.0, 30.37] and set(kgz["row"]) == {37}
    fh_press = read(DATA / "owid_press_freedom" / "press_freedom_fh_owid_central_asia.csv")
    assert counts(fh_press) == {"fh_press_freedom_status": 257}
    fariss = read(DATA / "owid_fariss_human_rights_protection"
                  / "human_rights_protection_central_asia.csv")
    assert counts(fariss) == {"fariss_human_rights_protection": 402}
    assert fariss.frames["observation"]["value"].min() == pytest.approx(-3.459534, abs=1e-6)


def test_missing_year_column(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("country_name,yr,human_rights_protection\nKazakhstan,2010,0.5\n")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("table.csv"))
    assert (caught.value.file, caught.value.row, caught.value.column) == ("table.csv", 1, "year")


def test_non_numeric_value_and_bad_year(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("country_name,year,human_rights_protection\nKazakhstan,2010,0.5\n"
                    "Kazakhstan,2011,high\n")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("table.csv"))
    assert (caught.value.row, caught.value.column) == (3, "human_rights_protection")
    path.write_text("country_name,year,human_rights_protection\nKazakhstan,,0.5\n")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("table.csv"))
    assert (caught.value.row, caught.value.column) == (2, "year")


def test_empty_and_header_only_files(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InputError) as caught:
        READER.read(empty, context("empty.csv"))
    assert caught.value.file == "empty.csv"
    header = tmp_path / "header.csv"
    header.write_text("country_name,year,human_rights_protection\n")
    with pytest.raises(InputError) as caught:
        READER.read(header, context("header.csv"))
    assert caught.value.row == 2


def test_vdem_cutpoints():
    path = DATA / "vdem_demspaces" / "cutpoints.csv"
    reader = VdemCutpointsReader()
    assert reader.sniff(path, path.read_bytes())
    assert not reader.sniff(VDEM, VDEM.read_bytes()[:65536])
    staged = reader.read(path, context("cutpoints.csv"))
    frame = staged.frames["cutpoint"]
    assert list(frame.columns) == STAGED_COLUMNS["cutpoint"]
    assert staged.rows_read == 6 and staged.rows_rejected == 0
    cut_points = {row.indicator_code: (row.threshold, row.threshold_down) for row in frame.itertuples()}
    # the Barometer's up/down columns, not `all` (the standard deviation of yearly changes)
    assert cut_points["vdem_core_civil_society"] == (0.05, 0.05)
    assert cut_points["vdem_public_sector_corruption"] == (0.03, 0.03)
    assert cut_points["vdem_vertical_accountability"] == (0.08, 0.08)
    assert len(cut_points) == 6


def test_cutpoints_unknown_indicator_and_bad_threshold(tmp_path):
    path = tmp_path / "cutpoints.csv"
    path.write_text("indicator,all,up,down\nv2xcs_ccsi,0.05,0.05,0.05\nv2x_unknown,0.1,0.1,0.1\n")
    staged = VdemCutpointsReader().read(path, context("cutpoints.csv"))
    assert staged.rows_rejected == 1 and "v2x_unknown" in staged.notes[0]
    path.write_text("indicator,all,up,down\nv2xcs_ccsi,0.05,0.06,0.04\n")
    frame = VdemCutpointsReader().read(path, context("cutpoints.csv")).frames["cutpoint"]
    assert frame[["threshold", "threshold_down"]].values.tolist() == [[0.06, 0.04]]   # rise, fall
    path.write_text("indicator,all,up,down\nv2xcs_ccsi,0.05,big,0.05\n")
    with pytest.raises(InputError) as caught:
        VdemCutpointsReader().read(path, context("cutpoints.csv"))
    assert (caught.value.row, caught.value.column) == (2, "up")
    path.write_text("indicator,all,up,down\nv2xcs_ccsi,0.05,0.05,\n")
    with pytest.raises(InputError) as caught:
        VdemCutpointsReader().read(path, context("cutpoints.csv"))
    assert (caught.value.row, caught.value.column) == (2, "down")
