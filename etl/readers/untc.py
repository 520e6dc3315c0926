"""Read UN Treaty Collection chapter IV status tables (Participant and dated action columns)."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.common import header_fields, treaties_by

# The UNTC id at the start of a file name: 4-9_central_asia.csv -> 4-9, 4-11-b.csv -> 4-11-b.
FILE_ID = re.compile(r"^(\d+-\d+(?:-[a-z])?)(?=[_.\s-]|$)")
# A cell: day, English month abbreviation, year, then an optional action code.
CELL = re.compile(r"^(\d{1,2}) ([A-Za-z]{3}) (\d{4})(?:\s+(AA|A|a|d|c))?$")
MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
PARTY_ACTIONS = {None: "ratification", "a": "accession", "d": "succession", "A": "acceptance",
                 "AA": "approval", "c": "formal_confirmation"}
SIGNATURE_ACTIONS = {None: "signature", "d": "succession_to_signature"}
# Actions by which a state becomes a party; on an instrument a treaty body monitors (a `body`
# in treaties.csv) each is also a dated event drawn over trend charts.
EVENT_ACTIONS = set(PARTY_ACTIONS.values())


def parse_cell(text: str, column: str, ctx: ReadContext, row: int) -> tuple[dt.date, str | None]:
    """A UNTC date cell ('26 Aug 1998 a') as (date, action code or None)."""
    match = CELL.match(text)
    month = MONTHS.get(match.group(2).lower()) if match else None
    try:
        if month is None:
            raise ValueError
        return dt.date(int(match.group(3)), month, int(match.group(1))), match.group(4)
    except ValueError:
        raise InputError(ctx.display_name, f"cannot read {text!r} as a UNTC date", row=row,
                         column=column, expected="'26 Aug 1998' optionally followed by "
                         "a, d, A, AA or c") from None


def action_of(code: str | None, column: str, ctx: ReadContext, row: int) -> str:
    """The canonical action for an action code found in a signature or a party column."""
    actions = SIGNATURE_ACTIONS if column.lower().startswith("signature") else PARTY_ACTIONS
    if code not in actions:
        raise InputError(ctx.display_name, f"action code {code!r} does not belong in this column",
                         row=row, column=column,
                         expected=" or ".join(repr(c or "") for c in actions))
    return actions[code]


def treaty_of(path: Path, ctx: ReadContext) -> dict:
    """The treaty a file holds, from the UNTC id that starts its name."""
    match = FILE_ID.match(path.name)
    known = treaties_by("untc_id")
    if not match or match.group(1) not in known:
        raise InputError(ctx.display_name, "the file name does not start with a known UNTC "
                         "chapter IV id", expected="one of " + ", ".join(known))
    return known[match.group(1)]


class UntcReader(Reader):
    """UN Treaty Collection status table: one row per participant, one column per action."""

    name = "untc"
    publisher = "United Nations Treaty Collection (UN Office of Legal Affairs)"   # its status tables

    def sniff(self, path: Path, head: bytes) -> bool:
        fields = header_fields(head)
        return len(fields) >= 2 and fields[0].lower() == "participant"

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        treaty = treaty_of(path, ctx)
        with open(path, encoding="utf-8-sig", newline="") as handle:
            records = list(csv.reader(handle))
        if not records or not records[0] or records[0][0].strip().lower() != "participant":
            raise InputError(ctx.display_name, "the first column must be 'Participant'", row=1,
                             column=records[0][0] if records and records[0] else None)
        header = [name.strip() for name in records[0]]
        ratifications, events = [], []
        rows_read = 0
        for row, cells in enumerate(records[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue
            rows_read += 1
            if len(cells) != len(header):
                raise InputError(ctx.display_name, f"{len(cells)} fields in a table of "
                                 f"{len(header)} columns", row=row, expected=f"{len(header)} fields")
            country = cells[0].strip()
            if not country:
                raise InputError(ctx.display_name, "participant is empty", row=row,
                                 column=header[0], expected="a country name")
            for column, cell in zip(header[1:], cells[1:]):
                if not cell.strip():
                    continue
                date, code = parse_cell(cell.strip(), column, ctx, row)
                action = action_of(code, column, ctx, row)
                ratifications.append((country, treaty["code"], action, date, date.year, row))
                if action in EVENT_ACTIONS and treaty["body"]:
                    events.append((country, date, "ratification", f"{treaty['code']}: {action}", row))
        notes = [] if rows_read else ["no participants (header only): no data"]
        return Staged(
            format=self.name, rows_read=rows_read, notes=notes,
            frames={"ratification": pd.DataFrame(ratifications, columns=STAGED_COLUMNS["ratification"]),
                    "event": pd.DataFrame(events, columns=STAGED_COLUMNS["event"])},
            title=f"Status of treaties: {treaty['name_en']}",
            source_columns={"country": header[0]},
        )
