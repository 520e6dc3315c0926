"""A report as a small JSON file (and back): checked field by field, never executed."""
from __future__ import annotations

import json

import plotly.io as pio

from ui.report_state import KEY_MESSAGE_MAX, MAX_ITEMS, VIEWS, make_record

FORMAT = "roca-report"
VERSION = 1
MAX_FILE_BYTES = 20_000_000
TEXT_FIELDS = ("chart_id", "page", "title", "source", "years", "filters")
MAX_TEXT = 2000


class ReportFileError(ValueError):
    """The file is not a saved report this dashboard can open (message says where and why)."""


def report_json(items: list[dict]) -> bytes:
    """The report's entries, in order, as UTF-8 JSON."""
    payload = {"format": FORMAT, "version": VERSION, "items": [dict(item) for item in items]}
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def _text(entry: dict, field: str, where: str, optional: bool = False) -> str:
    value = entry.get(field, "" if optional else None)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ReportFileError(f"{where}: '{field}' must be text of at most {MAX_TEXT} characters")
    return value


def _table(value, where: str) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("columns"), list) or not isinstance(value.get("rows"), list):
        raise ReportFileError(f"{where}: 'table' must hold 'columns' and 'rows' lists")
    columns = value["columns"]
    if not all(isinstance(column, str) for column in columns):
        raise ReportFileError(f"{where}: table columns must be text")
    for number, row in enumerate(value["rows"], start=1):
        if not isinstance(row, list) or len(row) != len(columns) or not all(isinstance(cell, str) for cell in row):
            raise ReportFileError(f"{where}: table row {number} must be {len(columns)} text cells")
    return {"columns": list(columns), "rows": [list(row) for row in value["rows"]]}


def checked_entry(entry, number: int) -> dict:
    """One saved entry checked field by field and rebuilt (its uid recomputed from its content)."""
    where = f"item {number}"
    if not isinstance(entry, dict):
        raise ReportFileError(f"{where}: expected an object")
    texts = {field: _text(entry, field, where, optional=field != "title") for field in TEXT_FIELDS}
    figure_json = entry.get("figure_json")
    if not isinstance(figure_json, str):
        raise ReportFileError(f"{where}: 'figure_json' must be the chart as plotly JSON text")
    try:
        pio.from_json(figure_json)          # plotly parses data into a figure; nothing in it is run
    except ValueError as error:
        raise ReportFileError(f"{where}: 'figure_json' is not a plotly figure: {str(error)[:200]}") from error
    countries = entry.get("countries") or []
    if not isinstance(countries, list) or not all(isinstance(code, str) and len(code) <= 3 for code in countries):
        raise ReportFileError(f"{where}: 'countries' must be a list of ISO3 codes")
    theme = entry.get("theme")
    if theme is not None and (not isinstance(theme, str) or len(theme) > 100):
        raise ReportFileError(f"{where}: 'theme' must be a theme code or null")
    message = entry.get("key_message") or ""
    if not isinstance(message, str) or len(message) > KEY_MESSAGE_MAX:
        raise ReportFileError(f"{where}: 'key_message' must be text of at most {KEY_MESSAGE_MAX} characters")
    table = _table(entry.get("table"), where)
    view = entry.get("view") or "chart"
    if view not in VIEWS or (view == "table" and table is None):
        raise ReportFileError(f"{where}: 'view' must be 'chart', or 'table' when the entry holds a table")
    record = make_record(figure_json, **texts, countries=countries, theme=theme, table=table)  # uid recomputed
    return {**record, "key_message": " ".join(message.split()), "view": view}


def read_report_json(data: bytes) -> list[dict]:
    """The entries of a saved report, checked; ReportFileError names the item and field at fault."""
    if len(data) > MAX_FILE_BYTES:
        raise ReportFileError(f"the file is larger than {MAX_FILE_BYTES:,} bytes")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReportFileError(f"not a JSON file: {error}") from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ReportFileError(f"not a saved report (expected \"format\": \"{FORMAT}\")")
    if payload.get("version") != VERSION:
        raise ReportFileError(f"report file version {payload.get('version')!r} is not supported (expected {VERSION})")
    items = payload.get("items")
    if not isinstance(items, list):
        raise ReportFileError("'items' must be a list")
    if len(items) > MAX_ITEMS:
        raise ReportFileError(f"{len(items)} charts; a report holds at most {MAX_ITEMS}")
    records = [checked_entry(entry, number) for number, entry in enumerate(items, start=1)]
    return list({record["uid"]: record for record in records}.values())   # a repeated chart once
