"""The catalogue and sources.yml schemas: misspelt keys, wrong types and cut units refused with the line."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.reference import load_sources_file
from etl.catalogue import load_catalogue
from settings import DEFAULT_CATALOGUE_DIR as CATALOGUE_DIR


def edited_catalogue(tmp_path: Path, old: str, new: str, file: str = "sdg.yml") -> tuple[Path, int]:
    """A copy of the catalogue with `old` replaced by `new` once in `file`; returns (folder, line of it)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, folder)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, text[:text.index(old)].count("\n") + 1


def refused(folder: Path) -> str:
    with pytest.raises(InputError) as error:
        load_catalogue(folder)
    return str(error.value)


def test_misspelt_change_threshold_is_refused_with_file_and_line(tmp_path):
    folder, line = edited_catalogue(tmp_path, "  change_threshold: 10\n", "  change_treshold: 10\n")
    message = refused(folder)
    assert "catalogue/sdg.yml" in message and f"row {line}" in message
    assert "unknown key 'change_treshold'" in message


def test_false_as_a_string_is_refused(tmp_path):
    folder, line = edited_catalogue(tmp_path, "  higher_is_better: false\n", '  higher_is_better: "false"\n')
    message = refused(folder)
    assert f"row {line}" in message and "higher_is_better" in message and "'false'" in message


def test_a_unit_cut_at_its_comma_is_refused(tmp_path):
    folder, line = edited_catalogue(tmp_path, 'unit: {en: "per 100,000 population", ru: "на 100 000 человек"}',
                                    "unit: {en: per 100,000 population, ru: на 100 000 человек}")
    message = refused(folder)
    assert "catalogue/sdg.yml" in message and f"row {line}" in message and "unit" in message


def test_units_keep_their_full_text(real_warehouse):
    entries = load_catalogue().entries
    assert entries["sdg_16_1_1_homicide_rate"]["unit"]["en"] == "per 100,000 population"
    con = duckdb.connect(str(real_warehouse), read_only=True)
    try:
        units = dict(con.execute("""SELECT code, unit FROM indicator WHERE code IN
            ('sdg_16_1_1_homicide_rate', 'sdg_16_1_2_conflict_deaths', 'kaz_trafficking_victims_rate')""").fetchall())
        shown = con.execute("""SELECT count(*) FROM observation
                               WHERE indicator_code = 'sdg_16_1_1_homicide_rate'""").fetchone()[0]
    finally:
        con.close()
    assert set(units.values()) == {"per 100,000 population"} and len(units) == 3
    assert shown > 0


@pytest.mark.parametrize("entry, expected", [
    ("  - path: data\n    contry: KAZ\n", "unknown key 'contry'"),
    ('  - demo: "true"\n', "demo"),
    ("  - path: data\n    country: kaz\n", "country"),
])
def test_sources_file_refuses_unknown_keys_and_wrong_types(tmp_path, entry, expected):
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n  - demo: true\n" + entry, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sources_file(sources)
    assert "sources.yml" in str(error.value) and expected in str(error.value)
    assert "row 3" in str(error.value) or "row 4" in str(error.value)
