"""Read World Politics Datalab treaty status files (hr_status_<instrument>.csv, year only)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.common import header_fields, treaties_by

HEADER_START = ["iso2", "member", "state party"]
REQUIRED = ["iso2", "state party", "year ratification or accession", "status"]
YEAR_COLUMN = "year ratification or accession"
STATUSES = {"state party": "ratification", "signatory state": "signature", "no action": None}
YEAR = re.compile(r"^\d{4}$")


def treaty_of(path: Path, ctx: ReadContext) -> dict:
    """The treaty a file holds: the longest known suffix after 'hr_status_' in its name."""
    known = treaties_by("wpdl_suffix")
    rest = path.stem[len("hr_status_"):] if path.stem.startswith("hr_status_") else ""
    matches = [s for s in known if rest == s or rest.startswith(s + "_")]
    if not matches:
        raise InputError(ctx.display_name, "the file name does not name a known instrument",
                         expected="hr_status_<instrument>.csv with <instrument> one of "
                         + ", ".join(known))
    return known[max(matches, key=len)]


class WpdlReader(Reader):
    """WPDL status table: one row per UN member, ratification year or signatory / no action."""

    name = "wpdl"
    publisher = "World Politics Datalab (humanrights-treaties-ratification-status)"   # its own files

    def sniff(self, path: Path, head: bytes) -> bool:
        return [f.lower() for f in header_fields(head)[:3]] == HEADER_START

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        treaty = treaty_of(path, ctx)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            records = list(reader)
            header = [name.strip().lower() for name in reader.fieldnames or []]
        if not records:
            raise InputError(ctx.display_name, "no data rows (header only or empty file)", row=2)
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise InputError(ctx.display_name, f"missing column(s) {', '.join(missing)}", row=1,
                             expected=", ".join(REQUIRED))
        staged, unsigned_years, inconsistent = [], 0, []
        for row, raw in enumerate(records, start=2):
            cells = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key}
            status = cells["status"].lower()
            if status not in STATUSES:
                raise InputError(ctx.display_name, f"unknown status {cells['status']!r}", row=row,
                                 column="status", expected=" | ".join(STATUSES))
            action, year = STATUSES[status], cells[YEAR_COLUMN]
            if year and not YEAR.match(year):
                raise InputError(ctx.display_name, f"{year!r} is not a year", row=row,
                                 column=YEAR_COLUMN, expected="a four-digit year or empty")
            if not cells["iso2"]:
                raise InputError(ctx.display_name, "iso2 is empty", row=row, column="iso2",
                                 expected="an ISO 3166 alpha-2 code")
            if (status == "state party") != (cells["state party"] == "1"):
                inconsistent.append(row)
            if action is None:
                continue
            if not year:
                if action == "ratification":
                    raise InputError(ctx.display_name, "a state party without a year", row=row,
                                     column=YEAR_COLUMN, expected="the year of ratification or accession")
                unsigned_years += 1        # a signature known without its year: kept, year NULL
            staged.append((cells["iso2"], treaty["code"], action, None, int(year) if year else None, row))
        notes = []
        if unsigned_years:
            notes.append(f"{unsigned_years} signatory row(s) without a year loaded as "
                         "'signed, date unknown' (the file gives no signature year)")
        if inconsistent:
            notes.append(f"'state party' flag disagrees with 'status' in "
                         f"row(s) {', '.join(map(str, inconsistent))}; 'status' used")
        return Staged(
            format=self.name, rows_read=len(records), notes=notes,
            frames={"ratification": pd.DataFrame(staged, columns=STAGED_COLUMNS["ratification"])
                    .astype({"year": "Int64"})},
            title=f"Ratification status: {treaty['name_en']}",
            source_columns={"country": "iso2", "year": YEAR_COLUMN},
        )
