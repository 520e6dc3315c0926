"""Command line: `build` writes the warehouse, `check` validates inputs, `set-password` for sign-in."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.build import BuildReport, build_warehouse, check_inputs
from etl.errors import InputError, InputErrors
from etl.plan import plan_inputs, plan_sources
from etl.password import set_password
from etl.reference import load_sources_file
from etl.uploads import plan_all
from settings import sources_path, warehouse_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the DuckDB warehouse")
    build.add_argument("--db", type=Path, help="warehouse file (default: $ROCA_WAREHOUSE or data/warehouse.duckdb)")
    build.add_argument("--sources", type=Path, help="a sources.yml listing what to load")
    build.add_argument("inputs", nargs="*", type=Path, help="files or folders to load")
    check = commands.add_parser("check", help="read and validate inputs without writing")
    check.add_argument("--sources", type=Path, help="a sources.yml listing what to check")
    check.add_argument("inputs", nargs="*", type=Path, help="files or folders to check")
    commands.add_parser("set-password", help="set the data manager password (read from standard input)")
    return parser


def _read_password() -> str:
    if sys.stdin.isatty():
        import getpass  # noqa: PLC0415 - only for an interactive terminal

        first = getpass.getpass("New data manager password: ")
        if getpass.getpass("Repeat it: ") != first:
            raise ValueError("the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _set_password() -> int:
    try:
        where = set_password(_read_password())
    except ValueError as error:
        print(f"error: {error}; no password was set", file=sys.stderr)
        return 1
    print(f"data manager password set (salted scrypt hash in {where})")
    return 0


def _plan(args):
    if args.inputs:
        plan = plan_inputs(args.inputs)
        if args.sources:
            extra = plan_sources(load_sources_file(args.sources))
            plan.files += extra.files
            plan.skipped += extra.skipped
            plan.inputs += extra.inputs
            plan.sources_file = args.sources
        return plan
    return plan_all(args.sources or sources_path())


def print_report(report: BuildReport, out=None) -> None:
    """The end-of-build summary: one line per source, then skips and warnings."""
    out = out or sys.stdout
    print(f"\n{'source':<70} {'format':<14} {'read':>9} {'loaded':>9} {'rejected':>9}", file=out)
    for s in report.sources:
        print(f"{s.file[-70:]:<70} {s.format:<14} {s.rows_read:>9,} {s.rows_loaded:>9,} "
              f"{s.rows_rejected:>9,}", file=out)
        if s.coverage:
            print(f"    found: {s.coverage}", file=out)
        for note in s.notes:
            print(f"    note: {note}", file=out)
    for name, reason in report.skipped:
        print(f"skipped {name}: {reason}", file=out)
    if report.unresolved_secondary:
        listed = ", ".join(f"{name} ({n})" for name, n in report.unresolved_secondary)
        print(f"recommending states kept as written (not resolved to a country): {listed}", file=out)
    if report.unmapped_tags:
        listed = ", ".join(f"{tag} ({n})" for tag, n in report.unmapped_tags)
        print(f"tags kept but mapped to no theme and not listed as outside the priorities "
              f"(edit data/reference/theme_map.csv or theme_outside.csv): {listed}", file=out)
    if report.totals.get("recommendation"):
        print(f"recommendations with no ROCA theme (counted under 'other themes'): "
              f"{report.unthemed_share:.1%}", file=out)
    for warning in report.warnings:
        print(f"warning: {warning}", file=out)
    totals = ", ".join(f"{k} {v:,}" for k, v in report.totals.items())
    print(f"totals: {totals}", file=out)
    where = f"warehouse written to {report.warehouse}" if report.warehouse else "nothing written (check)"
    print(f"{where} in {report.seconds:.1f} s", file=out)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "set-password":
        return _set_password()
    try:
        plan = _plan(args)
        if args.command == "build":
            report = build_warehouse(plan, args.db or warehouse_path(), log=print)
        else:
            report = check_inputs(plan, log=print)
    except InputErrors as errors:
        for error in errors.errors:
            print(f"error: {error.describe()}", file=sys.stderr)
        print("build stopped; the previous warehouse is unchanged", file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {error.describe()}", file=sys.stderr)
        print("build stopped; the previous warehouse is unchanged", file=sys.stderr)
        return 1
    print_report(report)
    return 0
