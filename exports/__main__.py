"""Command line: `python -m exports brief|deck --country ISO3 | --region [--cycle] [--lang] [--db] --out FILE`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exports.brief_pack import BriefError, brief_content, standard_deck
from indicators.focus import focus_countries
from exports.brief import build_brief
from exports.deck_style import DeckStyleError
from exports.images import close_renderer
from indicators.warehouse import warehouse_key
from settings import warehouse_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m exports", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, helptext in (("brief", "a 2-4 page PDF brief"), ("deck", "a standard PowerPoint deck")):
        command = commands.add_parser(name, help=helptext)
        where = command.add_mutually_exclusive_group(required=True)
        where.add_argument("--country", help="ISO3 code of the country, e.g. KAZ")
        where.add_argument("--region", action="store_true", help="the five Central Asian countries side by side")
        command.add_argument("--cycle", help="UPR cycle code, e.g. upr-3 (default: the latest with recommendations)")
        command.add_argument("--lang", choices=("en", "ru"), default="en")
        command.add_argument("--db", type=Path, help="warehouse file (default: $ROCA_WAREHOUSE or "
                                                      "data/warehouse.duckdb)")
        command.add_argument("--out", type=Path, required=True, help="file to write")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    db = args.db or warehouse_path()
    key = warehouse_key(db)
    if key is None:
        print(f"error: no warehouse at {db}; build one with `python -m etl build`", file=sys.stderr)
        return 2
    countries = list(focus_countries(key)) if args.region else [args.country.strip().upper()]
    try:
        if args.command == "brief":
            content, _ = brief_content(key, countries, args.cycle, args.lang)
            data = build_brief(content, args.lang)
        else:
            data = standard_deck(key, countries, args.cycle, args.lang)
    except (BriefError, DeckStyleError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        close_renderer()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.command} written to {args.out} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
