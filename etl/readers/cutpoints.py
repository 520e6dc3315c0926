"""Reader for V-Dem Democratic Spaces cut-points (the yearly rise and fall that count as an event)."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, Reader, ReadContext, Staged
from etl.readers.common import first_line, is_blank, parse_number, read_csv_records

HEADER = ["indicator", "all", "up", "down"]
# The Barometer codes an opening when an index rises by `up` or more in a year and a closing when it
# falls by `down` or more; `all` is the standard deviation of yearly changes, not a cut-point.
UP_COLUMN, DOWN_COLUMN = "up", "down"


class VdemCutpointsReader(Reader):
    """cutpoints.csv (indicator, all, up, down) -> the up and down cut-points of each catalogued indicator."""

    name = "vdem_cutpoints"
    publisher = "V-Dem Institute"        # the format is the Democratic Spaces Barometer's own

    def sniff(self, path: Path, head: bytes) -> bool:
        header = [cell.strip() for cell in next(csv.reader([first_line(head)]), [])]
        return header[:2] == HEADER[:2]

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        records = read_csv_records(path, ctx)
        header = [cell.strip() for cell in records[0]]
        if header[:4] != HEADER:
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
            up, down = (_cut_point(record, HEADER.index(column), column, name, ctx, row)
                        for column in (UP_COLUMN, DOWN_COLUMN))
            code = ctx.catalogue.find("cutpoint", name) or ctx.catalogue.find("column", name)
            if code is None:
                unknown.append(name)
                continue
            cutpoints.append({"indicator_code": code, "threshold": up, "threshold_down": down})
        notes = ([f"cut-points of indicators not in the catalogue, not loaded: {', '.join(unknown)}"]
                 if unknown else [])
        frame = pd.DataFrame(cutpoints, columns=STAGED_COLUMNS["cutpoint"])
        frame[["threshold", "threshold_down"]] = frame[["threshold", "threshold_down"]].astype("float64")
        return Staged(format=self.name, rows_read=rows_read, frames={"cutpoint": frame},
                      rows_rejected=len(unknown), notes=notes, title="V-Dem Democratic Spaces cut-points")


def _cut_point(record: list[str], index: int, column: str, name: str, ctx: ReadContext, row: int) -> float:
    value = parse_number(record[index] if len(record) > index else "", ctx, row, column)
    if value is None or value <= 0:
        raise InputError(ctx.display_name, f"no {column} cut-point for {name!r}", row=row, column=column,
                         expected="a number above 0")
    return value
