"""The bad-input corpus: each malformed input gives one clear message and leaves the warehouse as it was."""
from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import openpyxl
import pytest

from etl.build import build_warehouse
from etl.cli import main
from etl.plan import plan_inputs

PROJECT_DIR = Path(__file__).resolve().parents[1]
UPR_HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session\n"
TIDY_HEADER = "country,indicator,year,value\n"


def _truncated_xlsx(path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(UPR_HEADER.strip().split(","))
    for number in range(200):
        sheet.append(["Kazakhstan", "Asia", "", f"Adopt law {number}", "France", "WEOG", "",
                      "Accepted", 4, "Justice", 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


# name -> (file name, content (str, bytes or a writer), expected fragments of the message)
CASES = {
    "wrong_delimiter": ("values.csv", "country;indicator;year;value\nKAZ;owid_civil_liberties;2020;0.5\n",
                        ["values.csv", "row 1", "wrong delimiter"]),
    "missing_column": ("upr.csv", UPR_HEADER.replace("Response,", "") + "Kazakhstan,Asia,,Do x,France,WEOG,,4,Justice,7\n",
                       ["upr.csv", "row 1", "column 'Response'", "missing column"]),
    "unknown_country": ("values.csv", TIDY_HEADER + "Narnia,owid_civil_liberties,2020,0.5\n",
                        ["values.csv", "row 2", "column 'country'", "unknown country Narnia"]),
    "non_numeric_value": ("values.csv", TIDY_HEADER + "KAZ,owid_civil_liberties,2020,0.5\nKAZ,owid_civil_liberties,2021,abc\n",
                          ["values.csv", "row 3", "column 'value'", "'abc'"]),
    "duplicate_key": ("values.csv", TIDY_HEADER + "KAZ,owid_civil_liberties,2020,0.5\nKAZ,owid_civil_liberties,2020,0.6\n",
                      ["values.csv", "row 3", "rows 2 and 3"]),
    "duplicate_disaggregated_key": ("values.csv", "country,indicator,year,value,disaggregation\n"
                                    "KAZ,owid_civil_liberties,2020,0.5,SEX=F\nKAZ,owid_civil_liberties,2020,0.5,SEX=M\n"
                                    "KAZ,owid_civil_liberties,2020,0.6,SEX=F\nKAZ,owid_civil_liberties,2020,0.7,SEX=F\n",
                                    ["values.csv", "row 4", "column 'year'",
                                     "owid_civil_liberties, KAZ, 2020, SEX=F is given twice, in rows 2 and 4"]),
    "empty_file": ("values.csv", "", ["values.csv", "empty file"]),
    "header_only": ("values.csv", TIDY_HEADER, ["values.csv", "row 2", "no data rows"]),
    "truncated_xlsx": ("upr.xlsx", _truncated_xlsx, ["upr.xlsx", "truncated or corrupt"]),
    "undecodable_bytes": ("upr.csv", (UPR_HEADER + "Kazakhstan,Asia,,Do x,C\u00f4te d'Ivoire,Africa,,Accepted,4,Justice,7\n"
                                      ).encode() + b"Kazakhstan,Asia,,Do \xff\xfe y,France,WEOG,,Accepted,4,Justice,7\n",
                          ["upr.csv", "row 3", "0xFF"]),
    "implausible_year": ("values.csv", TIDY_HEADER + "KAZ,owid_civil_liberties,3024,0.5\n",
                         ["values.csv", "row 2", "column 'year'", "implausible year 3024"]),
    "value_outside_scale": ("values.csv", TIDY_HEADER + "KAZ,owid_civil_liberties,2020,1.7\n",
                            ["values.csv", "row 2", "column 'value'", "outside the scale", "[0.0, 1.0]"]),
    "unknown_indicator": ("values.csv", TIDY_HEADER + "KAZ,no_such_indicator,2020,5\n",
                          ["values.csv", "row 2", "column 'indicator'", "no_such_indicator"]),
    "bad_response": ("upr.csv", UPR_HEADER + "Kazakhstan,Asia,,Do x,France,WEOG,,Maybe,4,Justice,7\n",
                     ["upr.csv", "row 2", "column 'Response'", "Maybe"]),
    "bad_action_category": ("upr.csv", UPR_HEADER + "Kazakhstan,Asia,,Do x,France,WEOG,,Accepted,9,Justice,7\n",
                            ["upr.csv", "row 2", "column 'Action'"]),
    "unrecognised_file": ("notes.csv", "hello world\nthis is not data\n", ["notes.csv", "format not recognised"]),
    "unknown_treaty_file": ("hr_status_nosuchtreaty_central_asia.csv",
                            "iso2,member,state party,year ratification or accession,signatory,no action,status,note\n"
                            "KZ,Kazakhstan,1,1998,0,0,state party,\n",
                            ["hr_status_nosuchtreaty_central_asia.csv", "nosuchtreaty"]),
    "implementation_unknown_id": ("implementation.csv", "recommendation,status,date,source\nrec-doesnotexist,Not implemented,2023-06-30,review\n",
                                  ["implementation.csv", "row 2", "rec-doesnotexist"]),
    "bad_event_date": ("events.csv", "date,country,kind,title,source\n2023-13-45,KAZ,country_visit,SR visit,OHCHR\n",
                       ["events.csv", "row 2", "column 'date'"]),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, shared_data) -> Path:
    path = tmp_path_factory.mktemp("good") / "warehouse.duckdb"
    build_warehouse(plan_inputs([shared_data / "vdem_demspaces"]), path, log=lambda line: None)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_failed_cleanly(warehouse: Path, before: str, code: int, err: str, fragments: list[str]) -> None:
    assert code == 1, err
    message = err.splitlines()[0]
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert "previous warehouse is unchanged" in err
    assert _digest(warehouse) == before
    assert not [p for p in warehouse.parent.iterdir() if ".building-" in p.name]


def test_the_corpus_has_at_least_fifteen_inputs():
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_input_is_refused_with_file_row_and_column(case, tmp_path, warehouse, capsys):
    name, content, fragments = CASES[case]
    path = tmp_path / name
    if callable(content):
        content(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse), str(path)])
    _assert_failed_cleanly(warehouse, before, code, capsys.readouterr().err, fragments)


def test_unreadable_file(tmp_path, warehouse, capsys):
    link = tmp_path / "gone.csv"
    link.symlink_to(tmp_path / "missing" / "gone.csv")
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse), str(link)])
    _assert_failed_cleanly(warehouse, before, code, capsys.readouterr().err, ["gone.csv", "file not found"])


def test_yaml_syntax_error_in_sources_file(tmp_path, warehouse, capsys):
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n  - demo: true\n  - path: [unclosed\n", encoding="utf-8")
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse), "--sources", str(sources)])
    _assert_failed_cleanly(warehouse, before, code, capsys.readouterr().err,
                           ["sources.yml", "row 4", "YAML syntax error"])


def test_yaml_syntax_error_in_the_catalogue(tmp_path, warehouse, capsys, monkeypatch):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(PROJECT_DIR / "data" / "catalogue", catalogue)
    (catalogue / "broken.yml").write_text("- code: x\n  name: {en: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("ROCA_CATALOGUE_DIR", str(catalogue))
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse)])
    _assert_failed_cleanly(warehouse, before, code, capsys.readouterr().err,
                           ["catalogue/broken.yml", "row 3", "YAML syntax error"])


def test_theme_code_missing_from_the_mapping(tmp_path, warehouse, capsys, monkeypatch):
    reference = tmp_path / "reference"
    shutil.copytree(PROJECT_DIR / "data" / "reference", reference)
    with open(reference / "theme_map.csv", "a", encoding="utf-8") as handle:
        handle.write("upr_info,Labour,workers_rights\n")
    lines = (reference / "theme_map.csv").read_text(encoding="utf-8").splitlines()
    monkeypatch.setenv("ROCA_REFERENCE_DIR", str(reference))
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse)])
    _assert_failed_cleanly(warehouse, before, code, capsys.readouterr().err,
                           ["theme_map.csv", f"row {len(lines)}", "column 'theme_code'", "workers_rights"])


def test_a_good_build_after_failures_replaces_the_warehouse(tmp_path, warehouse, shared_data):
    copy = tmp_path / "copy.duckdb"
    shutil.copy(warehouse, copy)
    before = _digest(copy)
    assert main(["build", "--db", str(copy), str(shared_data / "owid_press_freedom")]) == 0
    assert _digest(copy) != before
