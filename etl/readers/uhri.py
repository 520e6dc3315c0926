"""Reader for OHCHR Universal Human Rights Index "Export to Excel" workbooks (.xlsx)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.readers.base import STAGED_COLUMNS, ReadContext, Reader, Staged
from etl.readers.common import ZIP_MAGIC, sheet_rows

# canonical column name -> spellings found in exports (OHCHR writes "Reccomending")
COLUMNS = {
    "Text": ["Text"],
    "Countries Concerned": ["Countries Concerned"],
    "Recommending Body": ["Recommending Body", "Reccomending Body"],
    "Document Symbol": ["Document Symbol"],
    "Themes": ["Themes"],
    "Affected Persons": ["Affected Persons"],
    "Sdgs": ["Sdgs", "SDGs"],
    "Document Publication Date": ["Document Publication Date"],
    "UPR Recommending States": ["UPR Recommending States", "UPR Reccomending States"],
    "UPR Position": ["UPR Position"],
    "OHCHR Annotation Id": ["OHCHR Annotation Id"],
    "UPR Session": ["UPR Session"],
}
REQUIRED = ["Text", "Countries Concerned", "Recommending Body"]
TREATY_BODIES = {"CAT", "CCPR", "CERD", "CEDAW", "CESCR", "CRC", "CRPD", "CMW", "CED", "SPT"}
SPECIAL_PROCEDURE_PREFIXES = ("SR ", "WG ", "IE ")
SPECIAL_PROCEDURE_WORDS = ("special rapporteur", "working group", "independent expert")
POSITIONS = {"supported": "supported", "noted": "noted"}
SESSION_TEXT = re.compile(r"(\d+)\s*(?:st|nd|rd|th)?\s*(?:session)?", re.IGNORECASE)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EXCEL_EPOCH = dt.date(1899, 12, 30)
LAST_SERIAL = 2958465   # 9999-12-31


def values(cell) -> list[str]:
    """A multi-valued UHRI cell ('- a\\n- b') as its values, blanks dropped."""
    if cell is None:
        return []
    items = []
    for line in re.split(r"\r\n|\r|\n", str(cell)):
        item = line.strip()
        if item.startswith("- "):
            item = item[2:].strip()
        elif item == "-":
            item = ""
        if item:
            items.append(item)
    return items


def mechanism_of(body: str) -> str | None:
    """upr | treaty_body | special_procedure for a UHRI body name, None if unknown."""
    if body == "UPR":
        return "upr"
    if body in TREATY_BODIES:
        return "treaty_body"
    if body.startswith(SPECIAL_PROCEDURE_PREFIXES) or any(
            word in body.lower() for word in SPECIAL_PROCEDURE_WORDS):
        return "special_procedure"
    return None


def excel_date(cell) -> dt.date | None:
    """An Excel serial number (fraction = time of day), a date cell or ISO text as a date."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise ValueError(cell)
    if isinstance(cell, str):
        text = cell.strip()
        if ISO_DATE.fullmatch(text[:10]) and len(text) in (10, 19):
            return dt.date.fromisoformat(text[:10])
        cell = float(text)
    serial = float(cell)
    if not 1 <= serial <= LAST_SERIAL:
        raise ValueError(cell)
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def session_number(cell) -> int | None:
    """'41st Session', '41 Session', 41 -> 41; empty -> None."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell)
    texts = values(cell)
    if not texts:
        return None
    match = SESSION_TEXT.fullmatch(texts[0])
    if not match:
        raise ValueError(cell)
    return int(match.group(1))


def column_positions(header: list, display_name: str) -> dict[str, int]:
    """Position of each known column by name (either spelling); InputError for missing ones."""
    names = {str(cell).strip().lower(): index for index, cell in enumerate(header)}
    positions = {}
    for canonical, spellings in COLUMNS.items():
        for spelling in spellings:
            if spelling.lower() in names:
                positions[canonical] = names[spelling.lower()]
                break
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise InputError(display_name, f"missing column(s) {', '.join(missing)}", row=1,
                         column=", ".join(missing),
                         expected="a UHRI export header (Text, Countries Concerned, ...)")
    return positions


def stage_row(cells: dict, number: int, display_name: str) -> list[list]:
    """The staged rows (one per country concerned) of one UHRI sheet row."""
    def fail(column: str, message: str, expected: str):
        return InputError(display_name, message, row=number, column=column, expected=expected)

    text = str(cells.get("Text") or "").strip()
    if not text:
        raise fail("Text", "empty recommendation text", "the recommendation text")
    countries = values(cells.get("Countries Concerned"))
    if not countries:
        raise fail("Countries Concerned", "no country concerned", "at least one country")
    bodies = values(cells.get("Recommending Body"))
    mechanisms = {mechanism_of(body) for body in bodies}
    if not bodies or None in mechanisms or len(mechanisms) > 1:
        raise fail("Recommending Body", f"unknown body {'; '.join(bodies) or 'empty'!r}",
                   "UPR, a treaty body (CAT, CCPR, ...) or a special procedure (SR/WG/IE ...)")
    try:
        date = excel_date(cells.get("Document Publication Date"))
    except ValueError:
        raise fail("Document Publication Date", f"not a date: {cells['Document Publication Date']!r}",
                   "an Excel date serial number or YYYY-MM-DD") from None
    position = "; ".join(values(cells.get("UPR Position"))).lower()
    if position and position not in POSITIONS:
        raise fail("UPR Position", f"unknown position {position!r}", "Supported, Noted or empty")
    try:
        session = session_number(cells.get("UPR Session"))
    except ValueError:
        raise fail("UPR Session", f"not a session: {cells['UPR Session']!r}",
                   "text such as '41st Session'") from None
    annotation = str(cells.get("OHCHR Annotation Id") or "").strip() or None
    states = "; ".join(values(cells.get("UPR Recommending States"))) or None
    affected = "; ".join(values(cells.get("Affected Persons"))) or None
    sdgs = "; ".join(values(cells.get("Sdgs"))) or None
    document = "; ".join(values(cells.get("Document Symbol"))) or None
    tags = values(cells.get("Themes"))
    mechanism = mechanisms.pop()
    staged = []
    for country in countries:
        row_id = annotation if annotation is None or len(countries) == 1 else f"{annotation}:{country}"
        staged.append([row_id, country, mechanism, "; ".join(bodies), states, session,
                       date.year if date else None, date, document, text, POSITIONS.get(position),
                       None, False, affected, sdgs, list(tags), number])
    return staged


class UhriReader(Reader):
    """OHCHR UHRI export: one staged row per (annotation, country concerned)."""

    name = "uhri"
    publisher = "OHCHR (Universal Human Rights Index)"     # the format is the Index's export

    def sniff(self, path: Path, head: bytes) -> bool:
        if not head.startswith(ZIP_MAGIC):
            return False
        try:
            rows = sheet_rows(path, str(path), nrows=1)
        except InputError:
            return False
        names = {str(cell).strip().lower() for cell in (rows[0] if rows else [])}
        return "ohchr annotation id" in names or {"text", "countries concerned"} <= names

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        rows = sheet_rows(Path(path), ctx.display_name)
        if not rows or not any(str(cell).strip() for cell in rows[0]):
            raise InputError(ctx.display_name, "empty workbook: no header row", row=1,
                             expected="a UHRI export header (Text, Countries Concerned, ...)")
        positions = column_positions(rows[0], ctx.display_name)
        staged, rows_read = [], 0
        for number, row in enumerate(rows[1:], start=2):
            if all(str(cell).strip() == "" for cell in row):
                continue
            rows_read += 1
            cells = {name: row[index] if index < len(row) else None
                     for name, index in positions.items()}
            staged.extend(stage_row(cells, number, ctx.display_name))
        if not rows_read:
            raise InputError(ctx.display_name, "header only: no recommendation rows", row=2,
                             expected="at least one data row")
        frame = pd.DataFrame(staged, columns=STAGED_COLUMNS["recommendation"])
        frame = frame.astype({"session": "Int64", "year": "Int64"})
        return Staged(format=self.name, rows_read=rows_read, frames={"recommendation": frame},
                      tag_vocabulary="uhri",
                      source_columns={"country": "Countries Concerned",
                                      "recommending_state": "UPR Recommending States"})
