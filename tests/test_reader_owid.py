"""Tests of the OWID grapher CSV reader on the real downloads and on small bad files."""
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.owid_grapher import OwidGrapherReader
from etl.catalogue import load_catalogue
from etl.provenance import reader_credit

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
GRAPHER = DATA / "owid_grapher_vdem"
READER = OwidGrapherReader()


def context(name: str, **options) -> ReadContext:
    """The context the build gives: the provenance data/sources.yml credits the file with."""
    return ReadContext(con=duckdb.connect(), catalogue=load_catalogue(), display_name=name,
                       options=options, provenance=reader_credit(READER, name, options))


def read(path: Path):
    return READER.read(path, context(path.name))


def write(tmp_path: Path, text: str, name: str = "chart.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sniff_recognises_grapher_files_only():
    for path in sorted(GRAPHER.glob("*.csv")):
        assert READER.sniff(path, path.read_bytes()[:65536]), path.name
    vdem = DATA / "vdem_demspaces" / "dv_data_1968_on_central_asia.csv"
    assert not READER.sniff(vdem, vdem.read_bytes()[:65536])


def test_civil_liberties_index_loads_every_country_row():
    staged = read(GRAPHER / "human-rights-index-vdem_central_asia.csv")
    observations = staged.frames["observation"]
    assert list(observations.columns) == STAGED_COLUMNS["observation"]
    assert staged.rows_read == 1705
    assert staged.rows_rejected == 0          # the extract holds no region rows
    assert len(observations) == 1705
    assert set(observations["indicator_code"]) == {"owid_civil_liberties"}
    assert set(observations["country"]) == {"AFG", "AZE", "KAZ", "KGZ", "MNG", "RUS", "TJK",
                                             "TKM", "UZB"}
    assert (observations["disaggregation"] == "").all()
    kaz_2023 = observations[(observations["country"] == "KAZ") & (observations["year"] == 2023)]
    assert kaz_2023["value"].tolist() == [0.531]
    assert kaz_2023["row"].tolist() == [684]
    assert observations["year"].min() == 1789      # back-filled years stay; the build drops them
    assert "indicator" not in staged.frames
    credit = reader_credit(READER, "human-rights-index-vdem_central_asia.csv")
    assert credit.licence == "CC BY 4.0" and credit.publisher == "Our World in Data"
    assert credit.url == "https://ourworldindata.org/grapher/human-rights-index-vdem"


def test_quoted_header_and_extra_time_column():
    rule = read(GRAPHER / "rule-of-law-index_central_asia.csv").frames["observation"]
    assert len(rule) == 9 and set(rule["year"]) == {2017}
    assert set(rule["indicator_code"]) == {"owid_rule_of_law"}
    judicial = read(GRAPHER / "judicial-constraints-on-the-executive-index_central_asia.csv")
    frame = judicial.frames["observation"]
    assert len(frame) == 9 and set(frame["year"]) == {2024}
    assert set(frame["indicator_code"]) == {"owid_judicial_constraints"}
    assert frame.loc[frame["country"] == "AFG", "value"].tolist() == [0.104]


def test_aggregates_are_counted_not_loaded(tmp_path):
    path = write(tmp_path, "Entity,Code,Year,Civil liberties index (central estimate)\n"
                           "Asia,,2020,0.3\nWorld,OWID_WRL,2020,0.5\nKazakhstan,KAZ,2020,0.4\n"
                           "Kazakhstan,KAZ,2021,\n")
    staged = READER.read(path, context("chart.csv"))
    assert staged.rows_read == 4
    assert staged.rows_rejected == 2
    assert any("2 rows of regions" in note for note in staged.notes)
    observations = staged.frames["observation"]
    assert observations[["country", "year", "value", "row"]].values.tolist() == [["KAZ", 2020, 0.4, 4]]


def test_uncatalogued_header_creates_an_indicator(tmp_path):
    path = write(tmp_path, "Entity,Code,Year,Share of people who trust courts (%)\n"
                           "Kyrgyzstan,KGZ,2019,41.5\n")
    staged = READER.read(path, context("chart.csv"))
    indicator = staged.frames["indicator"]
    assert list(indicator.columns) == STAGED_COLUMNS["indicator"]
    row = indicator.iloc[0].to_dict()
    assert row["code"] == "owid_share_of_people_who_trust_courts"
    assert row["name_en"] == row["name_ru"] == "Share of people who trust courts (%)"
    assert row["catalogued"] is False and row["theme_code"] is None
    assert row["unit_ru"] == "как опубликовано" and row["licence"] == "CC BY 4.0"
    assert staged.frames["observation"]["indicator_code"].tolist() == [row["code"]]


def test_non_numeric_value_names_file_row_and_column(tmp_path):
    path = write(tmp_path, "Entity,Code,Year,Civil liberties index (central estimate)\n"
                           "Kazakhstan,KAZ,2020,0.4\nKazakhstan,KAZ,2021,n/a\n")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("downloads/chart.csv"))
    error = caught.value
    assert (error.file, error.row, error.column) == (
        "downloads/chart.csv", 3, "Civil liberties index (central estimate)")
    assert "'n/a'" in str(error)


def test_bad_year_empty_file_and_header_only_are_errors(tmp_path):
    bad_year = write(tmp_path, "Entity,Code,Year,Index\nKazakhstan,KAZ,20x1,0.4\n", "year.csv")
    with pytest.raises(InputError) as caught:
        READER.read(bad_year, context("year.csv"))
    assert (caught.value.row, caught.value.column) == (2, "Year")
    empty = write(tmp_path, "", "empty.csv")
    with pytest.raises(InputError) as caught:
        READER.read(empty, context("empty.csv"))
    assert caught.value.file == "empty.csv" and "empty" in str(caught.value)
    header_only = write(tmp_path, "Entity,Code,Year,Index\n", "header.csv")
    with pytest.raises(InputError) as caught:
        READER.read(header_only, context("header.csv"))
    assert caught.value.row == 2
