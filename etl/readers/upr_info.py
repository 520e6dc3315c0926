"""Reader for UPR Info database exports (.xls, .xlsx, .csv): one row per recommendation."""
from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import re
import tempfile
from pathlib import Path

import duckdb

import etl.readers.textfile as textfile
from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.common import OLE2_MAGIC, ZIP_MAGIC, session_years, sheet_rows
from etl.readers.upr_info_layouts import (HEADER, check_mapping, known_layout, mapped_positions,
                                          near_match, reorder, trimmed)
from etl.sqlfiles import sql

HEADER_SEPARATORS = re.compile(r"[,;\t|]")
DUCKDB_LINE = re.compile(r"CSV Error on Line: (\d+)")
LINE_TOO_LONG = re.compile(r"Maximum line size of (\d+) bytes exceeded\. Actual Size:\s*(\d+)")
INVALID_UNICODE = "Invalid unicode"
HEAD_BYTES = 65536
_TABLE_NUMBERS = itertools.count(1)
# (check in upr_info_check.sql, column named in the error, what was expected)
CHECKS = [
    ("sur", "SuR", "the name of the state under review"),
    ("recommendation", "Recommendation", "the recommendation text"),
    ("response", "Response", "Accepted, Noted or Voluntary Pledge"),
    ("action", "Action", "an action category, an integer 1-5"),
    ("session", "Session", "a UPR Working Group session number listed in upr_sessions.csv"),
]


def header_matches(cells: list) -> bool:
    """True if a header row is a known UPR Info layout (case and surrounding blanks ignored)."""
    return known_layout(cells) is not None


def check_header(cells: list, display_name: str) -> None:
    """InputError (row 1) naming missing columns, a wrong delimiter or a column out of place."""
    names = trimmed(cells)
    if header_matches(names):
        return
    advice = near_match(names, display_name)
    if advice and (names[:1] or [""])[0].lower() != "sur":
        raise InputError(display_name, advice, row=1)
    found = [name.lower() for name in names]
    missing = []
    for name in HEADER:
        if name.lower() in found:
            found.remove(name.lower())
        else:
            missing.append(name)
    expected = "the header " + ",".join(HEADER)
    if len(names) == 1 and HEADER_SEPARATORS.search(names[0]):
        separator = HEADER_SEPARATORS.search(names[0]).group()
        raise InputError(display_name, f"missing columns {', '.join(missing)}: the header is "
                         f"separated by {separator!r}, not by commas", row=1,
                         column=", ".join(missing), expected=expected)
    if missing:
        raise InputError(display_name, f"missing column(s) {', '.join(missing)}", row=1,
                         column=", ".join(missing), expected=expected)
    for position, (name, wanted) in enumerate(zip(names, HEADER), start=1):
        if name.lower() != wanted.lower():
            raise InputError(display_name, f"column {position} is {name!r}, not {wanted!r}",
                             row=1, column=name, expected=expected)
    raise InputError(display_name, f"{len(names)} columns, not {len(HEADER)}", row=1,
                     column=names[len(HEADER)], expected=expected)


def cell_text(value) -> str:
    """A sheet cell as CSV text: integral numbers without '.0', dates as ISO."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def workbook_as_csv(path: Path, display_name: str, columns: dict | None = None) -> Path:
    """The first sheet written as a UTF-8 CSV (sheet row n = record n), trailing blank rows dropped.

    With a `columns:` mapping the mapped columns are written in the export's order.
    """
    rows = sheet_rows(path, display_name)
    if not rows:
        raise InputError(display_name, "empty workbook: no header row", row=1,
                         expected="the header " + ",".join(HEADER))
    if columns:
        positions = mapped_positions(rows[0], columns, display_name)
        rows = [reorder(cells, positions) for cells in rows]
    else:
        check_header(rows[0], display_name)
    while len(rows) > 1 and all(cell_text(cell).strip() == "" for cell in rows[-1]):
        rows.pop()
    handle, copy = tempfile.mkstemp(dir=textfile.temporary_directory(), suffix=".csv")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        for number, cells in enumerate(rows[1:], start=2):
            texts = [cell_text(cell) for cell in cells]
            extra = [i for i, text in enumerate(texts[len(HEADER):], start=len(HEADER) + 1)
                     if text.strip()]
            if extra:
                raise InputError(display_name, f"a value in column {extra[0]}, right of the "
                                 f"{len(HEADER)} UPR Info columns", row=number,
                                 column=f"column {extra[0]}", expected="11 columns")
            writer.writerow((texts + [""] * len(HEADER))[: len(HEADER)])
    return Path(copy)


def csv_header(path: Path, display_name: str) -> list[str]:
    """The first record of a UTF-8 CSV; InputError for an empty file."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        first = next(csv.reader(stream), None)
    if not first or not any(cell.strip() for cell in first):
        raise InputError(display_name, "empty file: no header line", row=1,
                         expected="the header " + ",".join(HEADER))
    return first


class UprInfoReader(Reader):
    """UPR Info database export: SuR, Rgrp, Org, Recommendation, RS, Rgrp, Org, Response, ..."""

    name = "upr_info"
    publisher = "UPR Info"      # the export of UPR Info's database

    def sniff(self, path: Path, head: bytes) -> bool:
        if head.startswith((OLE2_MAGIC, ZIP_MAGIC)):
            try:
                rows = sheet_rows(path, str(path), nrows=1)
            except InputError:
                return False
            return bool(rows) and header_matches(rows[0])
        names = _sniffed_header(head)
        return (names[:1] == ["sur"] and "recommendation" in names and "rs" in names) \
            or header_matches(names)

    def explain(self, path: Path, head: bytes) -> str | None:
        """Advice for a text file whose header almost is a UPR Info export's."""
        if head.startswith((OLE2_MAGIC, ZIP_MAGIC)):
            return None
        return near_match(_sniffed_header(head, lower=False), path.name)

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        path = Path(path)
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
        columns = ctx.options.get("columns")
        if columns is not None:
            columns = check_mapping(columns, ctx.display_name)
        if head.startswith((OLE2_MAGIC, ZIP_MAGIC)):
            csv_path = workbook_as_csv(path, ctx.display_name, columns)
        else:
            # the whole file is checked (NUL bytes, mixed line ends, encoding) before DuckDB reads it
            csv_path = textfile.utf8_path(path, ctx.display_name)
            header = csv_header(csv_path, ctx.display_name)
            if columns:
                csv_path = remapped_csv(csv_path, mapped_positions(header, columns, ctx.display_name))
            else:
                check_header(header, ctx.display_name)
        table = _stage_table(ctx, path, csv_path)
        rows_read = _check(table, ctx.display_name)
        return Staged(format=self.name, rows_read=rows_read,
                      frames={"recommendation": table.select(*STAGED_COLUMNS["recommendation"])},
                      tag_vocabulary="upr_info",
                      source_columns={"country": "SuR", "recommending_state": "RS"})


def _sniffed_header(head: bytes, lower: bool = True) -> list[str]:
    """The first line of a text file's head split at any usual delimiter (lower-cased by default)."""
    lines = textfile.sniff_text(head).lstrip("\ufeff").split("\n", 1)
    names = [name.strip().strip('"') for name in HEADER_SEPARATORS.split(lines[0])]
    return [name.lower() for name in names] if lower else names


def remapped_csv(csv_path: Path, positions: list[int | None]) -> Path:
    """A copy of a UTF-8 CSV with the mapped columns in the export's order (record n = record n)."""
    handle, copy = tempfile.mkstemp(dir=textfile.temporary_directory(), suffix=".csv")
    with open(csv_path, encoding="utf-8-sig", newline="") as source, \
            os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        for number, cells in enumerate(csv.reader(source)):
            writer.writerow(HEADER if number == 0 else reorder(cells, positions))
    return Path(copy)


def _stage_table(ctx: ReadContext, path: Path, csv_path: Path) -> duckdb.DuckDBPyRelation:
    """Stage the CSV once into a new TEMP table (kept until the connection closes), in file
    order, so that rowid + 2 is the record number (header = row 1; blank lines are no records)."""
    ctx.con.execute(sql("upr_info_macros"))
    table = f"upr_info_staged_{next(_TABLE_NUMBERS)}"   # identifier from a counter, no input
    params = {"path": str(csv_path), "session_years": session_years()}
    try:
        ctx.con.execute(f"CREATE TEMP TABLE {table} AS\n" + _with_raw(sql("stage_upr_info")),
                        params)
    except duckdb.Error as error:
        if INVALID_UNICODE not in str(error) or csv_path != path:
            raise _csv_error(error, ctx.display_name) from None
        # not UTF-8 after all: decode it (or name the undecodable row) and stage the copy
        return _stage_table(ctx, path, textfile.utf8_path(path, ctx.display_name))
    return ctx.con.table(table).project("*, rowid + 2 AS row")


def _csv_error(error: duckdb.Error, display_name: str) -> InputError:
    """DuckDB's CSV parse error as an InputError at the line DuckDB names."""
    lines = str(error).split("\n")
    line = DUCKDB_LINE.search(str(error))
    too_long = LINE_TOO_LONG.search(str(error))
    if too_long:
        limit, size = (int(number) for number in too_long.groups())
        return InputError(display_name, f"a record of {size:,} bytes, longer than the {limit:,} "
                          "a record may hold (a cell holding megabytes of text?)",
                          row=int(line.group(1)) if line else None,
                          expected="recommendation texts of ordinary length")
    detail = next((text for text in lines if text.startswith(("Expected Number", "Value with"))),
                  lines[0])
    return InputError(display_name, f"malformed CSV: {detail}",
                      row=int(line.group(1)) if line else None,
                      expected="11 comma-separated columns, RFC 4180 quoting")


def _check(table: duckdb.DuckDBPyRelation, display_name: str) -> int:
    """Row count of the staged rows; InputError at the first offending row."""
    result = table.query("upr_info_staged", sql("upr_info_check"))
    found = dict(zip(result.columns, result.fetchall()[0]))
    if found["rows_read"] == 0:
        raise InputError(display_name, "header only: no recommendation rows", row=2,
                         expected="at least one data row")
    failures = [(found[f"{check}_row"], index) for index, (check, _, _) in enumerate(CHECKS)
                if found[f"{check}_row"] is not None]
    if failures:
        row, index = min(failures)
        check, column, expected = CHECKS[index]
        value = found[f"{check}_value"]
        what = "empty" if value is None or not str(value).strip() else repr(value)
        raise InputError(display_name, f"{column} is {what}", row=row, column=column,
                         expected=expected)
    return found["rows_read"]


def _with_raw(query: str) -> str:
    """`query` preceded by the CTE upr_info_raw reading the CSV at $path."""
    return f"WITH upr_info_raw AS (\n{sql('upr_info_raw')}\n)\n{query}"
