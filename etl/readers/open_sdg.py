"""Reader for Open SDG national platform CSV files (Year, disaggregations..., Value)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pycountry

from etl.errors import InputError
from etl.readers.base import Reader, ReadContext, Staged
from etl.readers.common import (COUNTRY_CODE, first_line, indicator_frame, is_blank, observation_frame,
                                parse_number, parse_year, read_csv_records, uncatalogued_indicator)

YEAR_COLUMN, VALUE_COLUMN = "Year", "Value"
UNIT_COLUMNS = {"UNIT_MEASURE", "Units"}        # kept as the note, not a disaggregation
AREA_COLUMN = "REF_AREA"
NO_COUNTRY = ("cannot tell which country this national file is about; "
              "declare country: in sources.yml")


def file_id(path: Path) -> str:
    """The Open SDG indicator id of a file: indicator_16-3-2.csv -> 16-3-2."""
    return Path(path).stem.removeprefix("indicator_")


def _single_word_countries() -> dict[str, str]:
    names = {}
    for country in pycountry.countries:
        for name in (getattr(country, "common_name", None), country.name):
            if name and re.fullmatch(r"[A-Za-z]+", name):
                names[name.lower()] = name
    return names


COUNTRY_WORDS = _single_word_countries()


def country_from_names(names: list[str]) -> str | None:
    """A country named by a word of a folder or file name ('sdg_kazakhstan_open_sdg')."""
    for name in names:
        for word in re.split(r"[^a-z]+", name.lower()):
            if word in COUNTRY_WORDS:
                return COUNTRY_WORDS[word]
    return None


def implicit_country(path: Path, ctx: ReadContext) -> str | None:
    """The country a national file is about: declared option, else its folder or file name."""
    declared = str(ctx.options.get("country") or "").strip()
    if declared:
        return declared
    named = list(Path(ctx.display_name).parts) + list(Path(path).parts[-3:])
    return country_from_names(named)


def disaggregation(pairs: dict[str, str]) -> str:
    """'KEY=value;KEY=value' with sorted keys, '' when every cell is empty (the total)."""
    return ";".join(f"{key}={value}" for key, value in sorted(pairs.items()) if value)


class OpenSdgReader(Reader):
    """One Open SDG indicator file; the country is implicit (national platform)."""

    name = "open_sdg"
    publisher = "National SDG reporting platform"     # which one: publishers: in sources.yml

    def sniff(self, path: Path, head: bytes) -> bool:
        header = [cell.strip() for cell in next(csv.reader([first_line(head)]), [])]
        return len(header) >= 2 and header[0] == YEAR_COLUMN and header[-1] == VALUE_COLUMN

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        records = read_csv_records(path, ctx)
        header = [cell.strip() for cell in records[0]]
        if header[0] != YEAR_COLUMN:
            raise InputError(ctx.display_name, f"first column is {header[0]!r}", row=1,
                             column=YEAR_COLUMN, expected="Year as the first column")
        if len(header) < 2 or header[-1] != VALUE_COLUMN:
            raise InputError(ctx.display_name, f"last column is {header[-1]!r}", row=1,
                             column=VALUE_COLUMN, expected="Value as the last column")
        indicator_id = file_id(path)
        country = implicit_country(path, ctx)
        publisher, licence = ctx.provenance.publisher, ctx.provenance.licence
        code = ctx.catalogue.find("open_sdg", indicator_id)
        indicators = []
        if code is None:
            code = "sdg_" + re.sub(r"[^a-z0-9]+", "_", indicator_id.lower())
            indicators.append(uncatalogued_indicator(code, f"SDG {indicator_id}",
                                                     "open_sdg", publisher, licence))
        data_records = [(row, record) for row, record in enumerate(records[1:], start=2)
                        if not is_blank(record)]
        observations = [self._observation(row, record, header, code, country, ctx)
                        for row, record in data_records]
        observations = [observation for observation in observations if observation]
        notes = [] if data_records else [f"{indicator_id}: no data (header-only file)"]
        frames = {"observation": observation_frame(observations)}
        if indicators and data_records:
            notes.append(f"{indicator_id} is not in the catalogue; loaded as uncatalogued "
                         f"indicator {code}")
            frames["indicator"] = indicator_frame(indicators)
        return Staged(format=self.name, rows_read=len(data_records), frames=frames, notes=notes,
                      title=f"SDG {indicator_id}",
                      source_columns={"year": YEAR_COLUMN, "value": VALUE_COLUMN})

    @staticmethod
    def _observation(row: int, record: list[str], header: list[str], code: str,
                     country: str | None, ctx: ReadContext) -> dict | None:
        """One observation of a data row, None when its Value cell is empty."""
        cells = [cell.strip() for cell in record] + [""] * (len(header) - len(record))
        year = parse_year(cells[0], ctx, row, YEAR_COLUMN)
        value = parse_number(cells[len(header) - 1], ctx, row, VALUE_COLUMN)
        if value is None:
            return None
        pairs, units = {}, []
        for column, cell in zip(header[1:-1], cells[1:len(header) - 1]):
            if column in UNIT_COLUMNS:
                units.append(cell)
            elif column == AREA_COLUMN and COUNTRY_CODE.match(cell):
                country = cell
            else:
                pairs[column] = cell
        if country is None:
            raise InputError(ctx.display_name, NO_COUNTRY, row=row)
        return {"indicator_code": code, "country": country, "year": year, "value": value,
                "lower": None, "upper": None, "disaggregation": disaggregation(pairs),
                "note": "; ".join(f"unit {unit}" for unit in units if unit) or None, "row": row}
