"""python -m indicators progress: CSV on standard output that equals the Progress page's table."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

from apptest_support import open_page
from indicators.direction import direction_labels
from indicators.progress import method_labels, note_text, status_labels
from indicators.progress_cli import CSV_COLUMNS

PROJECT_DIR = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indicators", "progress", *args], cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=300)


def names(warehouse: Path, query: str) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return dict(con.execute(query).fetchall())


def test_cli_prints_what_the_progress_page_shows(monkeypatch, real_warehouse):
    done = run_cli("--db", str(real_warehouse), "--cycle", "upr-3", "--country", "KGZ", "--country", "KAZ")
    assert done.returncode == 0, done.stderr
    printed = pd.read_csv(io.StringIO(done.stdout), dtype={"baseline_year": "Int64", "latest_year": "Int64"},
                          keep_default_na=False, na_values=[""])
    assert list(printed.columns) == CSV_COLUMNS
    assert set(printed["cycle_code"]) == {"upr-3"} and set(printed["country_iso3"]) == {"KAZ", "KGZ"}
    assert set(printed["direction"]) <= {"better", "worse", "stable", "unknown"}

    at = open_page(monkeypatch, real_warehouse, "progress", cycle="upr-3", country=["KGZ", "KAZ"])
    table = at.dataframe[-1].value
    indicator_names = names(real_warehouse, "SELECT code, name_en FROM indicator")
    country_names = names(real_warehouse, "SELECT iso3, name_en FROM country")
    cycle_names = names(real_warehouse, "SELECT code, name FROM cycle")
    labels, methods, directions = status_labels("en"), method_labels("en"), direction_labels("en")

    from_cli = {(indicator_names[row.indicator_code], country_names[row.country_iso3], cycle_names[row.cycle_code]):
                (_int(row.baseline_year), _int(row.latest_year), methods[row.method], labels[row.status],
                 directions[row.direction], note_text(row.note if isinstance(row.note, str) else "", "en"))
                for row in printed.itertuples()}
    on_page = {(row["Indicator"], row["Country"], row["Cycle"]):
               (_int(row["Baseline year"]), _int(row["Latest year"]), row["Method"], row["Status"], row["Direction"],
                row["Note"])
               for row in table.to_dict("records")}
    assert from_cli == on_page
    assert len(on_page) == len(printed) > 40
    # Kyrgyzstan's Freedom House status fell from partly free to not free in 2020 (Freedom in the World 2021)
    regime = printed[(printed.indicator_code == "fh_regime") & (printed.country_iso3 == "KGZ")].iloc[0]
    assert (regime.status, regime.direction, regime.baseline_value, regime.latest_value) == (
        "deterioration", "worse", 1.0, 0.0)


def test_cli_refuses_unknown_codes_and_missing_warehouse(real_warehouse, tmp_path):
    done = run_cli("--db", str(real_warehouse), "--cycle", "upr-9", "--country", "XYZ")
    assert done.returncode == 2 and done.stdout == ""
    assert "unknown cycle: upr-9" in done.stderr
    missing = run_cli("--db", str(tmp_path / "none.duckdb"))
    assert missing.returncode == 2 and "no warehouse at" in missing.stderr


def _int(value):
    return None if pd.isna(value) else int(value)
