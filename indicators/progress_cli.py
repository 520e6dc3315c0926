"""python -m indicators progress: the Progress page's assessments as CSV on standard output."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from indicators.focus import focus_countries
from indicators.progress_run import progress_assessments
from indicators.queries import run_query
from indicators.warehouse import warehouse_key
from settings import warehouse_path

CSV_COLUMNS = ["indicator_code", "country_iso3", "cycle_code", "method", "status", "direction",
               "baseline_year", "baseline_value", "latest_year", "latest_value", "change", "annual_rate",
               "n_points", "note"]


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="python -m indicators progress",
        description="Print the progress assessments (one row per indicator, country and cycle) as CSV, "
                    "computed exactly as the Progress page computes them.")
    parse.add_argument("--db", type=Path, default=None,
                       help="warehouse file (default: ROCA_WAREHOUSE or data/warehouse.duckdb)")
    parse.add_argument("--cycle", action="append", default=[], metavar="CODE",
                       help="cycle code, e.g. upr-3 (repeatable; default: every cycle of both kinds)")
    parse.add_argument("--country", action="append", default=[], metavar="ISO3",
                       help="country ISO3 code (repeatable; default: the five focus countries)")
    parse.add_argument("--indicator", action="append", default=[], metavar="CODE",
                       help="indicator code (repeatable; default: every catalogued indicator)")
    return parse


def _unknown(asked: list[str], known: set[str], what: str) -> str | None:
    missing = [code for code in asked if code not in known]
    return f"unknown {what}: {', '.join(missing)}" if missing else None


def progress_csv_frame(db: Path | None, cycles: list[str], countries: list[str],
                       indicators: list[str]) -> pd.DataFrame:
    """The assessments for these choices (columns CSV_COLUMNS); ValueError names an unknown code."""
    key = warehouse_key(db or warehouse_path())
    if key is None:
        raise FileNotFoundError(f"no warehouse at {db or warehouse_path()}: build one with python -m etl build")

    def query(name: str, **params) -> pd.DataFrame:
        return run_query(name, key, **params)

    choices = query("progress_choices")
    known = {kind: rows for kind, rows in choices.groupby("choice")}
    kinds = dict(zip(known["cycle"]["code"], known["cycle"]["detail"]))
    countries = [code.upper() for code in countries] or list(focus_countries(key))
    for problem in (_unknown(cycles, set(kinds), "cycle"),
                    _unknown(countries, set(known.get("country", pd.DataFrame(columns=["code"]))["code"]),
                             "country"),
                    _unknown(indicators, set(known["indicator"]["code"]), "indicator")):
        if problem:
            raise ValueError(problem)
    frames = []
    for cycle in cycles or list(kinds):
        _, _, assessed = progress_assessments(query, kinds[cycle], cycle, 0, 9999, countries,
                                              indicators=indicators or None)
        if assessed is not None:
            frames.append(assessed)
    if not frames:
        return pd.DataFrame(columns=CSV_COLUMNS)
    return pd.concat(frames, ignore_index=True)[CSV_COLUMNS]


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        frame = progress_csv_frame(args.db, args.cycle, args.country, args.indicator)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0
