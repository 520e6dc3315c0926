"""Reader for SDMX-CSV (long: one observation per row), as statistics offices, the UN SDG database
and World Bank Data360 emit it (SDMX-CSV 1.0 `DATAFLOW,...` and 2.0 `STRUCTURE,STRUCTURE_ID,ACTION,...`)."""
from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pycountry

from etl.errors import InputError
from etl.readers import textfile
from etl.readers.base import ReadContext, Reader, Staged
from etl.readers.owid_grapher import indicator_frame, observation_frame, uncatalogued_indicator

# Columns that identify the record or describe the value; every other column (SEX, AGE,
# URBANISATION, COMP_BREAKDOWN_1, ...) is a dimension and a non-total code is a disaggregation.
NOT_DIMENSIONS = {
    "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION", "DATAFLOW", "FREQ", "REF_AREA",
    "INDICATOR", "SERIES", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "UNIT_MULT", "UNIT_TYPE",
    "DATABASE_ID", "TIME_FORMAT", "DATA_SOURCE", "OBS_CONF", "OBS_STATUS", "DECIMALS",
    "REPORTING_TYPE", "NATURE", "SOURCE_DETAIL", "TIME_DETAIL", "UPPER_BOUND", "LOWER_BOUND",
    "BASE_PER", "COMMENT_OBS", "COMMENT_TS", "COMMENT_DSET", "LAST_UPDATE", "DATA_LAST_UPDATE",
    "GOAL", "TARGET", "SDG_INDICATOR"}
# Codes of a dimension that mean "no breakdown": total, not applicable, not specified.
NO_BREAKDOWN = {"", "_T", "_Z", "_X", "_N"}
MISSING = {"", "NaN", "NA", "nan", "..", "-"}
YEAR = re.compile(r"^(\d{4})")
# Codes World Bank and UN data use for countries that ISO 3166 does not list.
EXTRA_COUNTRY_CODES = {"XKX", "XK", "412"}
PUBLISHER = "Statistical data published in SDMX-CSV"
LICENCE = "As stated by the publisher of the data flow"


def code_of(cell: str) -> str:
    """The code of a cell or header written 'CODE: Label' (SDMX-CSV with labels), else the cell."""
    return cell.split(": ", 1)[0].strip() if ": " in cell else cell.strip()


def country_code(code: str) -> bool:
    """True for an ISO 3166 alpha-3/alpha-2 or M49 country code; False for aggregates (WLD, EAS, 001)."""
    if code in EXTRA_COUNTRY_CODES:
        return True
    if re.fullmatch(r"[A-Z]{3}", code):
        return pycountry.countries.get(alpha_3=code) is not None
    if re.fullmatch(r"[A-Z]{2}", code):
        return pycountry.countries.get(alpha_2=code) is not None
    if re.fullmatch(r"\d{1,3}", code):
        return pycountry.countries.get(numeric=code.zfill(3)) is not None
    return False


def number(text: str, ctx: ReadContext, row: int, column: str) -> float | None:
    """A cell as a float; None for a missing value; InputError for anything else."""
    text = text.strip()
    if text in MISSING:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(ctx.display_name, f"value {text!r} is not a number", row=row,
                         column=column, expected="a number or an empty cell") from None
    if math.isinf(value) or math.isnan(value):
        return None
    return value


def multiplied(value: float, multiplier: str, ctx: ReadContext, row: int) -> float:
    """`value` times ten to the UNIT_MULT power."""
    multiplier = multiplier.strip() or "0"
    if not re.fullmatch(r"-?\d+", multiplier):
        raise InputError(ctx.display_name, f"unit multiplier {multiplier!r}", row=row,
                         column="UNIT_MULT", expected="a whole power of ten")
    return value * 10 ** int(multiplier) if int(multiplier) else value


def disaggregation(cells: dict[str, str]) -> str:
    """KEY=code;KEY=code of the dimensions with a breakdown (labels and attributes left out)."""
    pairs = {name: code_of(value) for name, value in cells.items()
             if name not in NOT_DIMENSIONS and not name.endswith("_LABEL")
             and code_of(value) not in NO_BREAKDOWN}
    return ";".join(f"{name}={code}" for name, code in sorted(pairs.items()))


def read_records(path: Path, ctx: ReadContext) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header as codes, [(line, cells)]) of a delimited file in any supported encoding."""
    text = textfile.read_text(path, ctx.display_name).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [code_of(name) for name in next(reader, [])]
        records = [(reader.line_num, cells) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as error:
        raise InputError(ctx.display_name, f"malformed CSV: {error}", row=reader.line_num,
                         expected="comma-separated values, RFC 4180 quoting") from None
    if not header:
        raise InputError(ctx.display_name, "the file is empty", row=1, expected="a header row")
    return header, records


def catalogue_codes(series: list[str], kinds: list[str], source: str, ctx: ReadContext,
                    publisher: str, licence: str) -> tuple[dict[str, str], list[dict], list[str]]:
    """(series -> indicator code, uncatalogued indicator rows, uncatalogued series); the first
    feed kind of `kinds` the catalogue knows a series under wins."""
    codes, indicators, uncatalogued = {}, [], []
    for key in dict.fromkeys(series):
        found = [ctx.catalogue.find(kind, key) for kind in kinds] if ctx.catalogue is not None else []
        code = next((c for c in found if c), None)
        if code is None:
            code = f"{source}_" + re.sub(r"[^a-z0-9_]+", "_", key.lower()).strip("_")
            uncatalogued.append(key)
            indicators.append(uncatalogued_indicator(code, key, source, publisher, licence))
        codes[key] = code
    return codes, indicators, uncatalogued


def staged_observations(format_name: str, observations: list[dict], kinds: list[str], source: str,
                        ctx: ReadContext, skipped: dict[str, int], publisher: str, licence: str,
                        columns: dict[str, str]) -> Staged:
    """The Staged result shared by the SDMX-CSV and Data360 readers."""
    if not observations:
        raise InputError(ctx.display_name, "no observation with a value for a country",
                         expected="rows with a country REF_AREA and a value")
    codes, indicators, uncatalogued = catalogue_codes(
        [o["indicator_code"] for o in observations], kinds, source, ctx, publisher, licence)
    for observation in observations:
        observation["indicator_code"] = codes[observation["indicator_code"]]
    notes = []
    if uncatalogued:
        notes.append(f"series not in the catalogue, loaded as uncatalogued: {', '.join(uncatalogued)}")
    if skipped:
        listed = ", ".join(f"{code} ({n})" for code, n in sorted(skipped.items()))
        notes.append(f"rows for areas that are not countries (aggregates) skipped: {listed}")
    frames = {"observation": observation_frame(observations)}
    if indicators:
        frames["indicator"] = indicator_frame(indicators)
    return Staged(format=format_name, rows_read=len(observations) + sum(skipped.values()),
                  rows_rejected=0, frames=frames, notes=notes, publisher=publisher, licence=licence,
                  title=f"{format_name}: " + ", ".join(codes), source_columns=columns)


def header_codes(head: bytes) -> list[str]:
    """The first line of a text file's head as SDMX codes ([] when it is not text)."""
    line = textfile.sniff_text(head).lstrip("\ufeff").split("\n", 1)[0]
    try:
        return [code_of(name) for name in next(csv.reader([line]), [])]
    except csv.Error:
        return []


class SdmxCsvReader(Reader):
    """SDMX-CSV: REF_AREA, TIME_PERIOD, OBS_VALUE and an INDICATOR or SERIES column."""

    name = "sdmx_csv"

    def sniff(self, path: Path, head: bytes) -> bool:
        names = set(header_codes(head))
        return ({"REF_AREA", "TIME_PERIOD", "OBS_VALUE"} <= names
                and bool(names & {"INDICATOR", "SERIES"})
                and bool(names & {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID"}))

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        header, records = read_records(Path(path), ctx)
        series_column = "INDICATOR" if "INDICATOR" in header else "SERIES"
        observations, skipped = [], {}
        for line, cells in records:
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            area = code_of(row.get("REF_AREA", ""))
            if not country_code(area):
                skipped[area or "(empty)"] = skipped.get(area or "(empty)", 0) + 1
                continue
            value = number(row.get("OBS_VALUE", ""), ctx, line, "OBS_VALUE")
            if value is None:
                continue                                   # a gap, never a zero
            period = YEAR.match(code_of(row.get("TIME_PERIOD", "")))
            if period is None:
                raise InputError(ctx.display_name, f"time period {row.get('TIME_PERIOD')!r}",
                                 row=line, column="TIME_PERIOD", expected="a period such as 2018")
            series = code_of(row.get(series_column, ""))
            if not series:
                raise InputError(ctx.display_name, f"{series_column} is empty", row=line,
                                 column=series_column, expected="an indicator or series code")
            unit = code_of(row.get("UNIT_MEASURE", ""))
            observations.append({
                "indicator_code": series, "country": area, "year": int(period.group(1)),
                "value": multiplied(value, row.get("UNIT_MULT", ""), ctx, line),
                "lower": None, "upper": None, "disaggregation": disaggregation(row),
                "note": f"unit {unit}" if unit and unit not in NO_BREAKDOWN else None, "row": line})
        publisher = ctx.options.get("publisher") or PUBLISHER
        licence = ctx.options.get("licence") or LICENCE
        # SDG series codes, or Data360 indicator codes (Data360 also downloads as SDMX-CSV)
        return staged_observations(self.name, observations, ["sdmx_series", "data360"], "sdmx", ctx, skipped,
                                   publisher, licence, {"country": "REF_AREA", "year": "TIME_PERIOD",
                                                        "value": "OBS_VALUE"})
