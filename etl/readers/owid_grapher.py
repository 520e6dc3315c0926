"""Reader for Our World in Data grapher CSV downloads (Entity, Code, Year, one value column)."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, Reader, ReadContext, Staged

GRAPHER_KEYS = ["Entity", "Code", "Year"]
VALUE_POSITION = 3          # the value column is the 4th; later columns (region, time) are ignored


def read_csv_records(path: Path, ctx: ReadContext) -> list[list[str]]:
    """All CSV records of a UTF-8 file (BOM tolerated); record i is file row i+1 when no cell
    spans lines. An empty file is an error."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(ctx.display_name, f"not UTF-8 text ({error.reason})",
                         expected="a UTF-8 CSV file") from None
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records or not any(cell.strip() for cell in records[0]):
        raise InputError(ctx.display_name, "the file is empty", row=1, expected="a CSV header row")
    return records


def is_blank(record: list[str]) -> bool:
    """True for a record with no content (a blank line)."""
    return not any(cell.strip() for cell in record)


def parse_number(text: str, ctx: ReadContext, row: int, column: str) -> float | None:
    """A float from a cell; None for an empty cell (missing, not zero); InputError otherwise."""
    cleaned = (text or "").strip()
    if cleaned == "":
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise InputError(ctx.display_name, f"value {cleaned!r} is not a number", row=row,
                         column=column, expected="a number or an empty cell") from None


def parse_year(text: str, ctx: ReadContext, row: int, column: str) -> int:
    """A calendar year from a cell such as '2011' or '2011.0'; InputError otherwise."""
    cleaned = (text or "").strip()
    try:
        number = float(cleaned)
    except ValueError:
        number = None
    if number is None or not number.is_integer():
        raise InputError(ctx.display_name, f"year {cleaned!r} is not a whole year", row=row,
                         column=column, expected="a year such as 2011")
    return int(number)


def slug(text: str) -> str:
    """Lower-case letters, digits and single underscores, for generated indicator codes."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:80]


def uncatalogued_indicator(code: str, name: str, source_id: str, publisher: str,
                           licence: str) -> dict:
    """An `indicator` row for a series the catalogue does not know, so that it still loads."""
    return {
        "code": code, "name_en": name, "name_ru": name, "theme_code": None, "type": "outcome",
        "unit": "as published", "unit_ru": "как опубликовано", "scale_min": None,
        "scale_max": None, "higher_is_better": None, "progress_method": "growth",
        "change_threshold": None, "is_composite": False, "is_headline": False,
        "catalogued": False, "source_id": source_id, "publisher": publisher,
        "licence": licence, "definition": None,
    }


def observation_frame(rows: list[dict]) -> pd.DataFrame:
    """The staged `observation` frame, with its canonical columns and types."""
    frame = pd.DataFrame(rows, columns=STAGED_COLUMNS["observation"])
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    frame["lower"] = frame["lower"].astype("object")
    frame["upper"] = frame["upper"].astype("object")
    return frame


def indicator_frame(rows: list[dict]) -> pd.DataFrame:
    """The staged `indicator` frame for uncatalogued series."""
    return pd.DataFrame(rows, columns=STAGED_COLUMNS["indicator"])


def first_line(head: bytes) -> str:
    """The first line of a file's head, decoded leniently."""
    lines = head.decode("utf-8-sig", errors="replace").splitlines()
    return lines[0] if lines else ""


class OwidGrapherReader(Reader):
    """OWID grapher CSV: one indicator per file, countries by ISO3 `Code`, aggregates skipped."""

    name = "owid_grapher"
    publisher = "Our World in Data"
    licence = "CC BY 4.0"

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
                                                     self.publisher, self.licence))
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
                      rows_rejected=aggregates, notes=notes, publisher=self.publisher,
                      licence=self.licence, title=value_header,
                      source_columns={"country": "Code", "year": "Year", "value": value_header})
