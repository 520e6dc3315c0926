"""Tests of the SDMX-ML StructureSpecificData reader on Kyrgyzstan's platform files."""
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext
from etl.readers.sdmx import SdmxReader
from etl.catalogue import load_catalogue
from etl.provenance import reader_credit

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KGZ = DATA / "sdg_kyrgyzstan_sdmx" / "data"
READER = SdmxReader()
HEAD = ('<?xml version="1.0" ?>\n<message:StructureSpecificData '
        'xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">\n'
        '<message:DataSet>\n')


def context(name: str) -> ReadContext:
    return ReadContext(con=duckdb.connect(), catalogue=load_catalogue(), display_name=name)


def read_real(name: str):
    return READER.read(KGZ / name, context(f"sdg_kyrgyzstan_sdmx/data/{name}"))


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "series.xml"
    path.write_text(HEAD + body + "</message:DataSet>\n</message:StructureSpecificData>\n")
    return path


def test_sniff_wants_xml_content():
    path = KGZ / "10.3.1.xml"
    assert READER.sniff(path, path.read_bytes()[:65536])
    readme = DATA / "README.md"            # mentions StructureSpecificData but is not XML
    assert not READER.sniff(readme, readme.read_bytes()[:65536])


def test_felt_discriminated_series():
    staged = read_real("10.3.1.xml")
    observations = staged.frames["observation"]
    assert list(observations.columns) == STAGED_COLUMNS["observation"]
    assert staged.rows_read == 64 and len(observations) == 64
    assert set(observations["indicator_code"]) == {"sdg_10_3_1_felt_discriminated"}
    assert set(observations["country"]) == {"KG"}
    national = observations[observations["disaggregation"] == "AGE=Y15T49;SEX=F"]
    assert national[["year", "value", "row"]].values.tolist() == [[2018, 7.7, 21], [2023, 6.2, 22]]
    regions = observations[observations["disaggregation"].str.contains("REF_AREA=")]
    assert len(regions) == 18
    assert "AGE=Y15T49;REF_AREA=KG05;SEX=F" in set(regions["disaggregation"])
    assert "indicator" not in staged.frames
    credit = reader_credit(READER, "sdg_kyrgyzstan_sdmx/data/10.3.1.xml")
    assert credit.publisher == "National Statistical Committee of the Kyrgyz Republic"


def test_uncatalogued_national_series():
    staged = read_real("16.7.1.a.xml")
    assert len(staged.frames["observation"]) == 117
    indicators = staged.frames["indicator"]
    assert indicators["code"].tolist() == ["sdmx_l_kg_160701_1a", "sdmx_l_kg_160701_1b",
                                           "sdmx_l_kg_160701_1c"]
    assert not indicators["catalogued"].any()
    totals = staged.frames["observation"].query("disaggregation == ''")
    assert len(totals) == 39


def test_observation_comment_becomes_note():
    observations = read_real("16.9.1.xml").frames["observation"]
    assert len(observations) == 91
    noted = observations[observations["note"].str.contains("Образование матери", na=False)]
    assert len(noted) == 12


def test_unit_multiplier_and_missing_values(tmp_path):
    path = write(tmp_path, '<Series SERIES="VC_HTF_DETV" REF_AREA="KG" SEX="_T" FREQ="A">\n'
                           '<Obs TIME_PERIOD="2020" OBS_VALUE="1.5" UNIT_MULT="3"/>\n'
                           '<Obs TIME_PERIOD="2021" OBS_VALUE="NaN" UNIT_MULT="0"/>\n'
                           '</Series>\n')
    observations = READER.read(path, context("series.xml")).frames["observation"]
    assert observations[["indicator_code", "year", "value", "disaggregation", "row"]].values.tolist() == [
        ["sdg_16_2_2_trafficking_victims", 2020, 1500.0, "", 5]]


def test_bad_value_names_line_and_attribute(tmp_path):
    path = write(tmp_path, '<Series SERIES="VC_HTF_DETV" REF_AREA="KG">\n'
                           '<Obs TIME_PERIOD="2020" OBS_VALUE="12"/>\n'
                           '<Obs TIME_PERIOD="2021" OBS_VALUE="twelve"/>\n</Series>\n')
    with pytest.raises(InputError) as caught:
        READER.read(path, context("kg/series.xml"))
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        "kg/series.xml", 6, "OBS_VALUE")


def test_malformed_and_empty_xml(tmp_path):
    path = write(tmp_path, '<Series SERIES="VC_HTF_DETV" REF_AREA="KG">\n'
                           '<Obs TIME_PERIOD="2020" OBS_VALUE="12">\n</Series>\n')
    with pytest.raises(InputError) as caught:
        READER.read(path, context("series.xml"))
    assert caught.value.row == 6 and "malformed XML" in str(caught.value)
    path.write_text("")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("series.xml"))
    assert caught.value.file == "series.xml" and caught.value.row == 1
    path = write(tmp_path, "")
    with pytest.raises(InputError) as caught:
        READER.read(path, context("series.xml"))
    assert "no Obs" in str(caught.value)
