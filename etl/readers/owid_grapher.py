"""Reader for Our World in Data grapher CSV downloads (Entity, Code, Year, one value column)."""
from __future__ import annotations

import csv
from pathlib import Path

from etl.errors import InputError
from etl.readers.base import Reader, ReadContext, Staged
from etl.readers.common import (first_line, indicator_frame, is_blank, observation_frame, parse_number,
                                parse_year, read_csv_records, slug, uncatalogued_indicator)

GRAPHER_KEYS = ["Entity", "Code", "Year"]
VALUE_POSITION = 3          # the value column is the 4th; later columns (region, time) are ignored


class OwidGrapherReader(Reader):
    """OWID grapher CSV: one indicator per file, countries by ISO3 `Code`, aggregates skipped."""

    name = "owid_grapher"
    publisher = "Our World in Data"     # the format is OWID's chart download

    def sniff(self, path: Path, head: bytes) -> bool:
        header = next(csv.reader([first_line(head)]), [])
        return [cell.strip() for cell in header[:3]] == GRAPHER_KEYS and len(header) > VALUE_POSITION

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        records = read_csv_records(path, ctx)
        header = [cell.strip() for cell in records[0]]
        if header[:3] != GRAPHER_KEYS or len(header) <= VALUE_POSITION:
            raise InputError(ctx.display_name, f"header starts {header[:4]}", row=1,
                             expected="Entity,Code,Year,<value column>")
        value_header = header[VALUE_POSITION]
        if all(is_blank(record) for record in records[1:]):
            raise InputError(ctx.display_name, "the file has a header but no data rows", row=2)
        code = ctx.catalogue.find("owid_header", value_header)
        indicators = []
        if code is None:
            code = "owid_" + slug(value_header)
            indicators.append(uncatalogued_indicator(code, value_header, "owid",
                                                     ctx.provenance.publisher, ctx.provenance.licence))
        observations, aggregates = [], 0
        for row, record in enumerate(records[1:], start=2):
            if is_blank(record):
                continue
            cells = record + [""] * (len(header) - len(record))
            country = cells[1].strip()
            if country == "" or country.startswith("OWID_"):
                aggregates += 1
                continue
            year = parse_year(cells[2], ctx, row, "Year")
            value = parse_number(cells[VALUE_POSITION], ctx, row, value_header)
            if value is None:
                continue
            observations.append({"indicator_code": code, "country": country, "year": year,
                                 "value": value, "lower": None, "upper": None,
                                 "disaggregation": "", "note": None, "row": row})
        notes = []
        if aggregates:
            notes.append(f"{aggregates} rows of regions or aggregates (empty or OWID_ Code) "
                         "not loaded")
        if indicators:
            notes.append(f"value column {value_header!r} is not in the catalogue; "
                         f"loaded as uncatalogued indicator {code}")
        frames = {"observation": observation_frame(observations)}
        if indicators:
            frames["indicator"] = indicator_frame(indicators)
        return Staged(format=self.name, rows_read=len(records) - 1, frames=frames,
                      rows_rejected=aggregates, notes=notes, title=value_header,
                      source_columns={"country": "Code", "year": "Year", "value": value_header})
