"""Helpers the readers share: CSV records and cells, staged frames, workbooks, treaties, SDMX codes."""
from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pandas as pd
import pycountry
import python_calamine

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Staged
from etl.readers.textfile import read_text, sniff_text
from etl.readers.workbook import check_sheet_size
from etl.reference import load_treaties
from settings import reference_dir, reference_file


# ---- CSV records, cells and the staged frames -----------------------------------------------
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


# ---- workbooks and UPR sessions --------------------------------------------------------------
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def sheet_rows(path: Path, display_name: str, nrows: int | None = None) -> list[list]:
    """Cells of the first sheet of an .xls/.xlsx workbook from A1 (calamine reads malformed .xls)."""
    check_sheet_size(path, display_name)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False, nrows=nrows)
    except Exception as error:   # calamine raises several types for damaged containers
        raise InputError(display_name, f"not a readable workbook ({error})",
                         expected="an .xls or .xlsx workbook") from None


def session_years(path: Path | None = None) -> list[int | None]:
    """Year of each UPR Working Group session (reference upr_sessions.csv); index 0 is session 1."""
    path = path or reference_file("upr_sessions.csv")
    with open(path, encoding="utf-8", newline="") as stream:
        years = {int(rec["session"]): int(rec["year"]) for rec in csv.DictReader(stream)}
    return [years.get(session) for session in range(1, max(years) + 1)]


# ---- treaty status tables -------------------------------------------------------------------
def treaties_by(key: str) -> dict[str, dict]:
    """Rows of data/reference/treaties.csv indexed by one column (untc_id, wpdl_suffix); blank keys left out."""
    return {row[key]: row for row in load_treaties(reference_dir()) if row.get(key)}


def header_fields(head: bytes) -> list[str]:
    """The first CSV record of a file's head, stripped; [] when it is not text."""
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    try:
        first = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    except csv.Error:   # a lone \r inside the line: not a UNTC table
        return []
    return [name.strip() for name in first]


# ---- national SDG platforms -----------------------------------------------------------------
COUNTRY_CODE = re.compile(r"^([A-Z]{2,3}|[0-9]{3})$")   # ISO2, ISO3 or M49; longer = subnational


# ---- SDMX codes and SDMX-CSV records (SDMX-CSV and Data360) -----------------------------------
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
# Codes World Bank and UN data use for countries that ISO 3166 does not list.
EXTRA_COUNTRY_CODES = {"XKX", "XK", "412"}


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
    text = read_text(path, ctx.display_name).lstrip("\ufeff")
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
    line = sniff_text(head).lstrip("\ufeff").split("\n", 1)[0]
    try:
        return [code_of(name) for name in next(csv.reader([line]), [])]
    except csv.Error:
        return []
