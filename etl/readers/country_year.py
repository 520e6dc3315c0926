"""Reader for country-year CSV tables (V-Dem, OWID-processed Freedom House, RSF, Fariss)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from etl.errors import InputError
from etl.readers.base import Reader, ReadContext, Staged
from etl.readers.common import (first_line, is_blank, observation_frame, parse_number, parse_year,
                                read_csv_records)

COUNTRY_COLUMNS = ["country_text_id", "country_name", "country"]   # first present wins
YEAR_COLUMN = "year"


@lru_cache(maxsize=1)
def _default_catalogue():
    from etl.catalogue import load_catalogue
    return load_catalogue()


def _country_column(header: list[str]) -> str | None:
    return next((name for name in COUNTRY_COLUMNS if name in header), None)


def _provenance(indicator_codes: set[str], catalogue) -> tuple[str | None, str | None]:
    """Publisher and licence of the catalogued indicators a file feeds ('; '-joined if several)."""
    entries = [catalogue.entries[code] for code in indicator_codes if code in catalogue.entries]
    publishers = "; ".join(sorted({entry["publisher"] for entry in entries}))
    licences = "; ".join(sorted({entry["licence"] for entry in entries}))
    return publishers or None, licences or None


class CountryYearReader(Reader):
    """One row per country and year, several value columns; the catalogue says which load."""

    name = "country_year"

    def sniff(self, path: Path, head: bytes) -> bool:
        header = [cell.strip() for cell in next(csv.reader([first_line(head)]), [])]
        if YEAR_COLUMN not in header or _country_column(header) is None:
            return False
        catalogue = _default_catalogue()
        return any(catalogue.find("column", name) for name in header)

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        records = read_csv_records(path, ctx)
        header = [cell.strip() for cell in records[0]]
        if YEAR_COLUMN not in header:
            raise InputError(ctx.display_name, "no 'year' column in the header", row=1,
                             column=YEAR_COLUMN, expected="a 'year' column")
        country_column = _country_column(header)
        if country_column is None:
            raise InputError(ctx.display_name, "no country column in the header", row=1,
                             expected=" or ".join(COUNTRY_COLUMNS))
        if all(is_blank(record) for record in records[1:]):
            raise InputError(ctx.display_name, "the file has a header but no data rows", row=2)
        keys = {YEAR_COLUMN, *COUNTRY_COLUMNS}
        value_columns = {position: (name, ctx.catalogue.find("column", name))
                         for position, name in enumerate(header) if name not in keys}
        loaded = {position: pair for position, pair in value_columns.items() if pair[1]}
        if not loaded:
            raise InputError(ctx.display_name, "no column of this table is in the catalogue",
                             row=1, expected="at least one column declared under feeds: column")
        year_position = header.index(YEAR_COLUMN)
        country_position = header.index(country_column)
        observations, rows_read, empty_rows = [], 0, 0
        for row, record in enumerate(records[1:], start=2):
            if is_blank(record):
                continue
            rows_read += 1
            cells = record + [""] * (len(header) - len(record))
            country = cells[country_position].strip()
            if country == "":
                raise InputError(ctx.display_name, "empty country", row=row,
                                 column=country_column, expected="a country name or code")
            year = parse_year(cells[year_position], ctx, row, YEAR_COLUMN)
            found = 0
            for position, (column, code) in loaded.items():
                value = parse_number(cells[position], ctx, row, column)
                if value is None:
                    continue
                found += 1
                observations.append({"indicator_code": code, "country": country, "year": year,
                                     "value": value, "lower": None, "upper": None,
                                     "disaggregation": "", "note": None, "row": row})
            empty_rows += found == 0
        notes = []
        skipped = [name for name, code in value_columns.values() if code is None]
        if skipped:
            notes.append("columns not catalogued, not loaded: " + ", ".join(skipped))
        if empty_rows:
            notes.append(f"{empty_rows} rows have no value in any catalogued column")
        codes = {code for _, code in loaded.values()}
        publisher, licence = _provenance(codes, ctx.catalogue)
        return Staged(format=self.name, rows_read=rows_read,
                      frames={"observation": observation_frame(observations)},
                      notes=notes, publisher=publisher, licence=licence,
                      title=", ".join(name for name, _ in loaded.values()),
                      source_columns={"country": country_column, "year": YEAR_COLUMN})
