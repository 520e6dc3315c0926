"""Reader for World Bank Data360 wide CSV downloads: SDMX-like dimension columns, their *_LABEL
columns, then one column per year (2002, 2003, ...); REF_AREA is ISO3, `_Z` means not applicable."""
from __future__ import annotations

import re
from pathlib import Path

from etl.errors import InputError
from etl.readers.base import ReadContext, Reader, Staged
from etl.readers.common import (code_of, country_code, disaggregation, header_codes, multiplied, number,
                                read_records, staged_observations)

YEAR_COLUMN = re.compile(r"^\d{4}$")


def year_columns(header: list[str]) -> list[tuple[int, str]]:
    """(position, year) of every year column."""
    return [(position, name) for position, name in enumerate(header) if YEAR_COLUMN.match(name)]


class Data360Reader(Reader):
    """Data360 wide CSV: one row per indicator, area and breakdown; one value column per year."""

    name = "data360"
    publisher = "World Bank Data360"      # the format is Data360's download

    def sniff(self, path: Path, head: bytes) -> bool:
        names = header_codes(head)
        return ({"REF_AREA", "INDICATOR"} <= set(names) and "OBS_VALUE" not in names
                and bool({"STRUCTURE_ID", "DATABASE_ID"} & set(names))
                and bool(year_columns(names)))

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        header, records = read_records(Path(path), ctx)
        years = year_columns(header)
        if not years:
            raise InputError(ctx.display_name, "no year columns", row=1,
                             expected="columns named by year, such as 2002, 2003, ...")
        first_year = years[0][0]
        observations, skipped = [], {}
        for line, cells in records:
            cells = cells + [""] * (len(header) - len(cells))
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                raise InputError(ctx.display_name, f"{len(cells)} cells in a table of {len(header)} "
                                 "columns", row=line, expected=f"{len(header)} cells")
            row = {name: cells[position] for position, name in enumerate(header)
                   if position < first_year or not YEAR_COLUMN.match(name)}
            area = code_of(row.get("REF_AREA", ""))
            if not country_code(area):
                skipped[area or "(empty)"] = skipped.get(area or "(empty)", 0) + 1
                continue
            indicator = code_of(row.get("INDICATOR", ""))
            if not indicator:
                raise InputError(ctx.display_name, "INDICATOR is empty", row=line, column="INDICATOR",
                                 expected="a Data360 indicator code")
            breakdown = disaggregation(row)
            unit = code_of(row.get("UNIT_MEASURE", ""))
            for position, year in years:
                value = number(cells[position], ctx, line, year)
                if value is None:
                    continue                               # a gap, never a zero
                observations.append({
                    "indicator_code": indicator, "country": area, "year": int(year),
                    "value": multiplied(value, row.get("UNIT_MULT", ""), ctx, line),
                    "lower": None, "upper": None, "disaggregation": breakdown,
                    "note": f"unit {unit}" if unit and unit not in ("_Z", "_T") else None,
                    "row": line})
        return staged_observations(self.name, observations, ["data360"], "data360", ctx, skipped,
                                   ctx.provenance.publisher, ctx.provenance.licence, {"country": "REF_AREA", "indicator_code": "INDICATOR"})
