"""Command line: python -m i18n check|update [--root DIR] [--po FILE]."""
import argparse
import sys
from pathlib import Path

from babel.messages.pofile import write_po

from i18n.catalog import po_path, read_catalog
from i18n.extract import PROJECT_ROOT, add_missing, compare, extract_msgids


def write_catalog(catalog, path: Path) -> None:
    """Write a catalogue sorted by msgid, without source locations, so diffs stay small."""
    with open(path, "wb") as po_file:
        write_po(po_file, catalog, sort_output=True, no_location=True, width=0)


def run_check(root: Path, po: Path) -> int:
    report = compare(extract_msgids(root), read_catalog(po))
    for msgid in report.missing:
        print(f"missing translation: {msgid!r}")
    for msgid in report.mismatched_placeholders:
        print(f"placeholders differ from the English: {msgid!r}")
    for msgid in report.unused:
        print(f"unused entry: {msgid!r}")
    print(
        f"{len(report.missing)} missing, {len(report.mismatched_placeholders)} with wrong placeholders, "
        f"{len(report.unused)} unused ({po})"
    )
    return 0 if report.ok else 1


def run_update(root: Path, po: Path) -> int:
    catalog = read_catalog(po)
    added = add_missing(catalog, extract_msgids(root))
    write_catalog(catalog, po)
    for msgid in added:
        print(f"added: {msgid!r}")
    print(f"{len(added)} entries added to {po}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m i18n", description=__doc__)
    parser.add_argument("command", choices=["check", "update"])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project folder to scan")
    parser.add_argument("--po", type=Path, default=po_path("ru"), help="catalogue to check or update")
    args = parser.parse_args(argv)
    command = run_check if args.command == "check" else run_update
    return command(args.root, args.po)


if __name__ == "__main__":
    sys.exit(main())
