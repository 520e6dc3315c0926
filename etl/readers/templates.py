"""Read the project's own templates: tidy indicator values, dated events, implementation status."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from pathlib import Path

import duckdb
import pandas as pd
from python_calamine import CalamineWorkbook

import etl.readers.textfile as textfile
from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.workbook import check_sheet_size
from etl.sqlfiles import sql

XLSX_MAGIC = b"PK\x03\x04"
EXCEL_EPOCH = dt.date(1899, 12, 30)

TIDY_REQUIRED = ["country", "indicator", "year", "value"]
TIDY_OPTIONAL = ["lower", "upper", "disaggregation", "note"]
EVENT_REQUIRED = ["date", "country", "kind", "title"]
EVENT_OPTIONAL = ["source"]
IMPLEMENTATION_REQUIRED = ["recommendation", "status", "date"]
IMPLEMENTATION_OPTIONAL = ["source"]
EVENT_KINDS = ["ratification", "nhri_accreditation", "upr_review", "action_plan",
               "country_visit", "nmrf", "npm", "other"]
STATUSES = ["not_implemented", "partially_implemented", "fully_implemented"]
# year is read as a number and checked to be whole (a cast to INTEGER would round 2020.5).
TIDY_TYPES = {"country": "VARCHAR", "indicator": "VARCHAR", "year": "DOUBLE", "value": "DOUBLE",
              "lower": "DOUBLE", "upper": "DOUBLE", "disaggregation": "VARCHAR", "note": "VARCHAR"}
TIDY_EXPECTED = {
    "country": "a country name or ISO code",
    "indicator": "an indicator code of the catalogue",
    "year": "a whole year such as 2021",
    "value": "a number with a decimal point, e.g. 12.5",
    "lower": "a number or an empty cell",
    "upper": "a number or an empty cell",
    "disaggregation": "empty for the total, or KEY=value;KEY=value with upper-case keys "
                      "each given once, e.g. SEX=F;AGE=Y15T24",
}


def is_xlsx(head: bytes) -> bool:
    """True for a ZIP container (an .xlsx workbook)."""
    return head.startswith(XLSX_MAGIC)


def sheet_rows(path: Path, ctx: ReadContext | None = None, nrows: int | None = None) -> list[list]:
    """Cells of the first worksheet of an .xlsx workbook, row by row."""
    try:
        check_sheet_size(path, ctx.display_name if ctx else str(path))
    except InputError:
        if ctx is None:
            return []
        raise
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False, nrows=nrows)
    except Exception as error:  # calamine raises its own types for broken containers
        if ctx is None:
            return []
        raise InputError(ctx.display_name, f"cannot read the workbook ({type(error).__name__})",
                         expected="an .xlsx file with the template in its first sheet") from None


def csv_records(text: str) -> list[list[str]]:
    """Records of comma-separated text."""
    return list(csv.reader(io.StringIO(text)))


def header_of(path: Path, head: bytes) -> list[str]:
    """The template header (first row), lower-cased and stripped; [] when unreadable."""
    if is_xlsx(head):
        rows = sheet_rows(path, nrows=1)
        first = rows[0] if rows else []
    else:
        first_line = textfile.sniff_text(head).lstrip("\ufeff").split("\n", 1)[0]
        try:
            first = next(iter(csv_records(first_line)), [])
        except csv.Error:
            return []
    names = [str(name).strip().lower() for name in first]
    if len(names) == 1 and ";" in names[0]:
        names = [name.strip() for name in names[0].split(";")]
    return names


def sniff_header(path: Path, head: bytes, required: list[str]) -> bool:
    """True when the first row names every required column of a template."""
    return set(required) <= set(header_of(path, head))


def check_header(names: list[str], required: list[str], optional: list[str],
                 ctx: ReadContext) -> list[str]:
    """The header lower-cased; InputError for a wrong delimiter, unknown, twice-given or missing column."""
    header = [str(name if name is not None else "").strip().lower() for name in names]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise InputError(ctx.display_name, "the file is empty", row=1,
                         expected="a header row: " + ",".join(required + optional))
    if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        raise InputError(ctx.display_name, "the header is a single column: wrong delimiter?",
                         row=1, column=names[0], expected="comma-separated columns")
    allowed = required + optional
    for number, name in enumerate(header, start=1):
        if not name:
            raise InputError(ctx.display_name, f"column {number} has no name", row=1,
                             expected="columns " + ", ".join(allowed))
        if name not in allowed:
            raise InputError(ctx.display_name, f"unknown column {name!r}", row=1, column=name,
                             expected="columns " + ", ".join(allowed))
        if header.count(name) > 1:
            raise InputError(ctx.display_name, f"column {name!r} is given twice", row=1, column=name)
    for name in required:
        if name not in header:
            raise InputError(ctx.display_name, f"missing column {name!r}", row=1, column=name,
                             expected="columns " + ", ".join(required) + " (optional: "
                             + ", ".join(optional) + ")")
    return header


def cell_text(value: object) -> str | None:
    """A spreadsheet or CSV cell as stripped text; None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def read_text(path: Path, ctx: ReadContext) -> str:
    """A CSV template's text in any encoding partners save in (see etl.readers.textfile)."""
    return textfile.read_text(path, ctx.display_name).lstrip("\ufeff")


def read_small(path: Path, ctx: ReadContext, required: list[str],
               optional: list[str]) -> list[tuple[int, dict]]:
    """A small template (CSV or first sheet of .xlsx) as (row, {column: cell}) per data row."""
    head = path.read_bytes()[:len(XLSX_MAGIC)]
    if is_xlsx(head):
        records = sheet_rows(path, ctx)
    else:
        records = csv_records(read_text(path, ctx))
    if not records:
        raise InputError(ctx.display_name, "the file is empty", row=1,
                         expected="a header row: " + ",".join(required + optional))
    header = check_header(records[0], required, optional, ctx)
    rows = []
    for row, cells in enumerate(records[1:], start=2):
        if all(cell_text(cell) is None for cell in cells):
            continue
        if len(cells) > len(header) and any(cell_text(c) is not None for c in cells[len(header):]):
            raise InputError(ctx.display_name, f"{len(cells)} cells in a table of {len(header)} "
                             "columns", row=row, expected=f"{len(header)} cells")
        padded = list(cells) + [None] * (len(header) - len(cells))
        rows.append((row, dict(zip(header, padded))))
    if not rows:
        raise InputError(ctx.display_name, "the file has a header but no data rows", row=2)
    return rows


def csv_error(error: duckdb.Error, ctx: ReadContext) -> InputError:
    """An InputError for a CSV DuckDB could not parse, with the record DuckDB names."""
    text = str(error)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    counts = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if counts:
        message = f"{counts.group(2)} cells in a table of {counts.group(1)} columns"
        expected = f"{counts.group(1)} comma-separated cells"
    elif "Invalid unicode" in text:
        message = "the file is not UTF-8 text"
        expected = "CSV saved as UTF-8 (in Excel: 'CSV UTF-8')"
    else:
        message = "cannot read the CSV: " + text.split("\n", 1)[0]
        expected = "comma-separated UTF-8 text"
    return InputError(ctx.display_name, message, row=int(line.group(1)) if line else None,
                      expected=expected)


def required_text(cells: dict, column: str, row: int, ctx: ReadContext, expected: str) -> str:
    """A cell that must not be empty, as text."""
    text = cell_text(cells.get(column))
    if text is None:
        raise InputError(ctx.display_name, f"{column} is empty", row=row, column=column,
                         expected=expected)
    return text


def parse_date(value: object, column: str, row: int, ctx: ReadContext) -> dt.date:
    """An ISO date text, an Excel date cell or an Excel day number as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = cell_text(value)
    try:
        if text is None or len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(ctx.display_name, f"cannot read {text!r} as a date", row=row,
                         column=column, expected="a date as YYYY-MM-DD, e.g. 2024-03-15") from None


class TidyValuesReader(Reader):
    """Template of indicator values: country, indicator, year, value (+ lower, upper, ...)."""

    name = "tidy_values"

    def sniff(self, path: Path, head: bytes) -> bool:
        return sniff_header(path, head, TIDY_REQUIRED)

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        # One typed pass over the file into a temporary table (parallel, insertion order kept,
        # so rowid gives the file row); cells DuckDB cannot cast are collected, not guessed.
        # Table names are generated here (identifiers, never a value of the file).
        token = uuid.uuid4().hex
        table = f"tidy_values_{token}"
        rejects = self._load(path, ctx, table, token)
        # The file row is the insertion order: rowid 0 is row 2 (the header is row 1).
        ctx.con.execute(f"CREATE TEMP VIEW staged_{token} AS SELECT rowid + 2 AS source_row, * FROM {table}")
        staged = ctx.con.view(f"staged_{token}")
        rows_read = staged.count("*").fetchall()[0][0] + len(rejects)
        if not rows_read:
            raise InputError(ctx.display_name, "the file has a header but no data rows", row=2)
        if rejects:
            line, column, text = rejects[0]
            raise InputError(ctx.display_name, f"cannot read {text!r} as {column}", row=line,
                             column=column, expected=TIDY_EXPECTED.get(column))
        ctx.con.execute(sql("tidy_values/macros"))
        self._check(staged, ctx)
        return Staged(format=self.name, rows_read=rows_read,
                      frames={"observation": staged.query("staged", sql("tidy_values/typed_observation"))},
                      title=path.stem, source_columns={"indicator_code": "indicator"})

    def _load(self, path: Path, ctx: ReadContext, table: str, token: str) -> list[tuple]:
        """Fill the typed table from the CSV or workbook; returns (row, column, text) of bad cells."""
        head = path.read_bytes()[:65536]
        if is_xlsx(head):
            frame = self._workbook_frame(path, ctx)
            rejects = self._workbook_rejects(frame)
            ctx.con.register(f"workbook_{token}", frame)
            try:
                ctx.con.execute(f"CREATE TEMP TABLE {table} AS SELECT {self._try_columns()} "
                                f"FROM workbook_{token}")
            finally:
                ctx.con.unregister(f"workbook_{token}")
            return rejects
        # cp1251, KOI8-R, UTF-16 ... and mixed line ends become a UTF-8 copy DuckDB reads
        path = textfile.utf8_path(path, ctx.display_name)
        with open(path, encoding="utf-8-sig", newline="") as stream:
            first_line = stream.readline()
        names = next(iter(csv_records(first_line)), [])
        header = check_header(names, TIDY_REQUIRED, TIDY_OPTIONAL, ctx)
        types = {name: TIDY_TYPES[name] for name in header}
        try:
            ctx.con.execute(
                f"CREATE TEMP TABLE {table} AS SELECT * FROM read_csv($path, header = true, "
                f"columns = $types, auto_detect = false, delimiter = ',', quote = '\"', "
                f"escape = '\"', store_rejects = true, rejects_table = 'rejects_{token}', "
                f"rejects_scan = 'rejects_scan_{token}')",
                {"path": str(path), "types": types})
        except duckdb.Error as error:
            raise csv_error(error, ctx) from None
        for name in TIDY_OPTIONAL:
            if name not in header:
                ctx.con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {TIDY_TYPES[name]}")
        found = ctx.con.execute(
            f"SELECT line, column_name, error_type, csv_line, error_message FROM rejects_{token} "
            "ORDER BY line LIMIT 1").fetchall()
        ctx.con.execute(f"DROP TABLE IF EXISTS rejects_{token}")
        ctx.con.execute(f"DROP TABLE IF EXISTS rejects_scan_{token}")
        if not found:
            return []
        line, column, error_type, csv_line, message = found[0]
        if error_type != "CAST":
            raise csv_error(duckdb.Error(f"CSV Error on Line: {line}\n{message}"), ctx)
        cells = next(iter(csv_records(csv_line)), [])
        position = header.index(column) if column in header else -1
        text = cells[position] if 0 <= position < len(cells) else csv_line
        return [(int(line), column, text)]

    @staticmethod
    def _try_columns() -> str:
        return ", ".join(f"TRY_CAST({name} AS {TIDY_TYPES[name]}) AS {name}" for name in TIDY_TYPES)

    def _workbook_frame(self, path: Path, ctx: ReadContext) -> pd.DataFrame:
        records = sheet_rows(path, ctx)
        if not records:
            raise InputError(ctx.display_name, "the file is empty", row=1)
        header = check_header(records[0], TIDY_REQUIRED, TIDY_OPTIONAL, ctx)
        body = [[cell_text(cell) for cell in record[:len(header)]] for record in records[1:]]
        for row, record in enumerate(records[1:], start=2):
            if any(cell_text(cell) is not None for cell in record[len(header):]):
                raise InputError(ctx.display_name, "a cell right of the last named column",
                                 row=row, expected=f"{len(header)} cells")
        while body and all(cell is None for cell in body[-1]):
            body.pop()
        frame = pd.DataFrame(body, columns=header, dtype=object)
        for name in TIDY_TYPES:
            if name not in frame.columns:
                frame[name] = None
        return frame[list(TIDY_TYPES)].astype("string").astype(object)

    @staticmethod
    def _workbook_rejects(frame: pd.DataFrame) -> list[tuple]:
        """(row, column, text) of the first workbook cell that is not a number where one is due."""
        for column in ("year", "value", "lower", "upper"):
            cast = pd.to_numeric(frame[column], errors="coerce")
            bad = frame[column].notna() & cast.isna()
            if column == "year":
                bad |= cast.notna() & (cast % 1 != 0)
            if bad.any():
                index = int(bad.idxmax())
                return [(index + 2, column, frame[column].iloc[index])]
        return []

    @staticmethod
    def _check(staged: duckdb.DuckDBPyRelation, ctx: ReadContext) -> None:
        """InputError at the first empty or non-finite cell or malformed disaggregation."""
        missing = staged.query("staged", sql("tidy_values/first_missing")).fetchall()
        if missing:
            row, column, cell = missing[0]
            message = f"{column} is empty" if cell is None else f"cannot read {cell!r} as {column}"
            raise InputError(ctx.display_name, message, row=row, column=column,
                             expected=TIDY_EXPECTED[column])
        texts = [row[0] for row in staged.query("staged", sql("tidy_values/disaggregation_texts")).fetchall()]
        malformed = ctx.con.execute(
            sql("tidy_values/bad_disaggregation").replace("FROM staged s", f"FROM {staged.alias} s"),
            {"texts": texts}).fetchall()
        if malformed:
            row, text = malformed[0]
            raise InputError(ctx.display_name, f"cannot read {text!r} as disaggregation", row=row,
                             column="disaggregation", expected=TIDY_EXPECTED["disaggregation"])
        # A key given twice is found by the build's check of every file (validate/observation_unique).


class EventsReader(Reader):
    """Template of dated events drawn over trend charts: date, country, kind, title, source."""

    name = "events"

    def sniff(self, path: Path, head: bytes) -> bool:
        return sniff_header(path, head, EVENT_REQUIRED)

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        rows = read_small(path, ctx, EVENT_REQUIRED, EVENT_OPTIONAL)
        events = []
        for row, cells in rows:
            date = parse_date(cells["date"], "date", row, ctx)
            country = required_text(cells, "country", row, ctx, "a country name or ISO code")
            kind = required_text(cells, "kind", row, ctx, " | ".join(EVENT_KINDS)).lower()
            if kind not in EVENT_KINDS:
                raise InputError(ctx.display_name, f"unknown kind {kind!r}", row=row,
                                 column="kind", expected=" | ".join(EVENT_KINDS))
            title = required_text(cells, "title", row, ctx, "a short description of the event")
            events.append((country, date, kind, title, row))
        return Staged(format=self.name, rows_read=len(rows), title=path.stem,
                      frames={"event": pd.DataFrame(events, columns=STAGED_COLUMNS["event"])})


class ImplementationReader(Reader):
    """Template of implementation assessments: recommendation id, status, date, source."""

    name = "implementation"

    def sniff(self, path: Path, head: bytes) -> bool:
        return sniff_header(path, head, IMPLEMENTATION_REQUIRED)

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        rows = read_small(path, ctx, IMPLEMENTATION_REQUIRED, IMPLEMENTATION_OPTIONAL)
        assessed = []
        for row, cells in rows:
            recommendation = required_text(cells, "recommendation", row, ctx,
                                           "a recommendation id as shown by the dashboard")
            written = required_text(cells, "status", row, ctx, " | ".join(STATUSES))
            status = "_".join(written.lower().replace("-", " ").split())
            if status not in STATUSES:
                raise InputError(ctx.display_name, f"unknown status {written!r}", row=row,
                                 column="status", expected=" | ".join(STATUSES)
                                 + " (or 'Not implemented', 'Partially implemented', "
                                 "'Fully implemented')")
            date = parse_date(cells["date"], "date", row, ctx)
            assessed.append((recommendation, status, date, row))
        return Staged(format=self.name, rows_read=len(rows), title=path.stem,
                      frames={"implementation": pd.DataFrame(
                          assessed, columns=STAGED_COLUMNS["implementation"])})
