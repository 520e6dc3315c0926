"""Tests of the indicator catalogue: valid entries, theme coverage, feeds found in real files."""
import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.catalogue import load_catalogue
from settings import DEFAULT_CATALOGUE_DIR as CATALOGUE_DIR

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
THEMES = [row["code"] for row in csv.DictReader(
    (ROOT / "data" / "reference" / "themes.csv").open(encoding="utf-8"))]
CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(theme_codes=set(THEMES))


def csv_headers() -> set[str]:
    headers = set()
    for path in DATA.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            headers.update(cell.strip() for cell in next(csv.reader(handle), []))
    return headers


def test_every_entry_is_complete(catalogue):
    assert len(catalogue.entries) == 57   # 55 + the two RSF indicators Data360 publishes
    for code, entry in catalogue.entries.items():
        assert all(entry[text]["en"] and entry[text]["ru"] for text in ("name", "unit", "definition"))
        assert CYRILLIC.search(entry["name"]["ru"]), code
        assert CYRILLIC.search(entry["definition"]["ru"]), code
        assert isinstance(entry["higher_is_better"], bool), code
        if entry["progress"] == "absolute":
            assert entry.get("change_threshold") is not None and entry["change_threshold"] > 0, code
        if entry.get("composite"):
            assert "outcome-level proxy" in entry["definition"]["en"], code
        assert entry["publisher"] and entry["licence"], code
    rows = catalogue.rows()
    assert all(row["catalogued"] for row in rows)


def test_every_theme_has_an_indicator_and_one_headline(catalogue):
    themes = Counter(entry["theme"] for entry in catalogue.entries.values())
    assert set(themes) == set(THEMES)
    headlines = Counter(entry["theme"] for entry in catalogue.entries.values()
                        if entry.get("headline"))
    assert headlines == {theme: 1 for theme in THEMES}


def test_column_and_header_feeds_exist_in_real_files(catalogue):
    headers = csv_headers()
    grapher_values = set()
    for path in (DATA / "owid_grapher_vdem").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            grapher_values.add(next(csv.reader(handle))[3])
    cutpoints = {row["indicator"] for row in csv.DictReader(
        (DATA / "vdem_demspaces" / "cutpoints.csv").open(encoding="utf-8"))}
    for (kind, key), code in catalogue.feeds.items():
        if kind == "column":
            assert key in headers, (code, key)
        elif kind == "owid_header":
            assert key in grapher_values, (code, key)
        elif kind == "cutpoint":
            assert key in cutpoints, (code, key)


def test_sdg_feeds_exist_in_real_files(catalogue):
    open_sdg_ids = {path.stem.removeprefix("indicator_")
                    for path in DATA.glob("sdg_*/data/*.csv")}
    series = set()
    for path in DATA.glob("sdg_kyrgyzstan_sdmx/data/*.xml"):
        series.update(re.findall(r'SERIES="([^"]+)"', path.read_text(encoding="utf-8")))
    used = {kind: {key for (feed_kind, key) in catalogue.feeds if feed_kind == kind}
            for kind in ("open_sdg", "sdmx_series")}
    assert used["open_sdg"] <= open_sdg_ids, used["open_sdg"] - open_sdg_ids
    assert used["sdmx_series"] <= series, used["sdmx_series"] - series
    assert len(used["open_sdg"]) == 32 and len(used["sdmx_series"]) == 7
    both = catalogue.find("open_sdg", "16-b-1")
    assert both == catalogue.find("sdmx_series", "VC_VOV_DCMN") == "sdg_10_3_1_felt_discriminated"


def test_catalogue_files_are_one_per_source_family():
    assert sorted(path.name for path in CATALOGUE_DIR.glob("*.yml")) == [
        "fariss.yml", "freedom_house.yml", "mechanisms.yml", "owid_vdem.yml",
        "press_freedom.yml", "sdg.yml", "vdem.yml"]


ENTRY = """- code: test_indicator
  name: {en: Test, ru: Тест}
  theme: THEME
  type: outcome
  unit: {en: "%", ru: "%"}
  scale: [0, 100]
  higher_is_better: true
  progress: growth
  source: test
  publisher: Test
  licence: CC0
  definition: {en: Test, ru: Тест}
"""


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "broken.yml").write_text(ENTRY.replace("THEME", "fair_trial")
                                       + "  feeds: {column: [a, b\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(folder, set(THEMES))
    assert caught.value.file == "catalogue/broken.yml"
    assert caught.value.row is not None and caught.value.row >= 13


def test_unknown_theme_names_file_and_line(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "themes.yml").write_text(
        ENTRY.replace("THEME", "fair_trial") + ENTRY.replace("test_indicator", "second")
        .replace("THEME", "happiness"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(folder, set(THEMES))
    assert (caught.value.file, caught.value.row, caught.value.column) == (
        "catalogue/themes.yml", 13, "theme")
