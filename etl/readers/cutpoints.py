"""Reader for V-Dem Democratic Spaces cut-points (yearly change that counts as an event)."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, Reader, ReadContext, Staged
from etl.readers.owid_grapher import first_line, is_blank, parse_number, read_csv_records

HEADER = ["indicator", "all", "up", "down"]
THRESHOLD_COLUMN = "all"


class VdemCutpointsReader(Reader):
    """cutpoints.csv (indicator, all, up, down) -> one threshold per catalogued indicator."""

    name = "vdem_cutpoints"
    publisher = "V-Dem Institute"
    licence = "CC BY-SA 4.0"

    def sniff(self, path: Path, head: bytes) -> bool:
        header = [cell.strip() for cell in next(csv.reader([first_line(head)]), [])]
        return header[:2] == HEADER[:2]

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        records = read_csv_records(path, ctx)
        header = [cell.strip() for cell in records[0]]
        if header[:2] != HEADER[:2]:
            raise InputError(ctx.display_name, f"header starts {header[:2]}", row=1,
                             expected=",".join(HEADER))
        if all(is_blank(record) for record in records[1:]):
            raise InputError(ctx.display_name, "the file has a header but no data rows", row=2)
        cutpoints, unknown, rows_read = [], [], 0
        for row, record in enumerate(records[1:], start=2):
            if is_blank(record):
                continue
            rows_read += 1
            name = record[0].strip()
            threshold = parse_number(record[1] if len(record) > 1 else "", ctx, row,
                                     THRESHOLD_COLUMN)
            if threshold is None:
                raise InputError(ctx.display_name, f"no threshold for {name!r}", row=row,
                                 column=THRESHOLD_COLUMN, expected="a number")
            code = ctx.catalogue.find("cutpoint", name) or ctx.catalogue.find("column", name)
            if code is None:
                unknown.append(name)
                continue
            cutpoints.append({"indicator_code": code, "threshold": threshold})
        notes = ([f"cut-points of indicators not in the catalogue, not loaded: {', '.join(unknown)}"]
                 if unknown else [])
        frame = pd.DataFrame(cutpoints, columns=STAGED_COLUMNS["cutpoint"])
        frame["threshold"] = frame["threshold"].astype("float64")
        return Staged(format=self.name, rows_read=rows_read, frames={"cutpoint": frame},
                      rows_rejected=len(unknown), notes=notes, publisher=self.publisher,
                      licence=self.licence, title="V-Dem Democratic Spaces cut-points")
