"""Refuse .xlsx sheets whose used range is too large to load, before a reader allocates it."""
from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from etl.errors import InputError

ZIP_MAGIC = b"PK\x03\x04"
# A reader holds the whole used range of a sheet (rows x columns) in memory; a whole UHRI export
# (about 270,000 rows x 20 columns) is about 5.4 million cells.
MAX_CELLS = 20_000_000
# Cell and row references inside the sheet XML: <c r="XFD1048576" ...>, <row r="12" ...>.
CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})(\d{1,7})\"")
ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d{1,7})\"")
CHUNK_BYTES = 1 << 20
OVERLAP_BYTES = 256


def column_number(letters: bytes) -> int:
    """1-based column number of a column reference (A = 1, XFD = 16384)."""
    number = 0
    for letter in letters.decode("ascii"):
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    """The column reference of a 1-based column number."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_extent(stream) -> tuple[int, int]:
    """(last row, last column) referenced by the cells of a streamed sheet XML part."""
    last_row = last_column = 0
    tail = b""
    while True:
        chunk = stream.read(CHUNK_BYTES)
        if not chunk:
            break
        data = tail + chunk
        for letters, row in CELL_REF.findall(data):
            last_column = max(last_column, column_number(letters))
            last_row = max(last_row, int(row))
        for row in ROW_REF.findall(data):
            last_row = max(last_row, int(row))
        tail = data[-OVERLAP_BYTES:]
    return last_row, last_column


def check_sheet_size(path: Path, display_name: str) -> None:
    """InputError if any worksheet of an .xlsx file spans more than MAX_CELLS cells.

    Only the sheet XML is scanned (streamed, decompressed a chunk at a time); nothing is
    allocated by the sheet's size. Files that are not ZIP containers are left to the reader.
    A path that is not a regular file (a named pipe would block the reader) is an InputError.
    """
    if not Path(path).is_file():
        raise InputError(display_name, "not a regular file", expected="a workbook file")
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != ZIP_MAGIC:
                return
        with zipfile.ZipFile(path) as archive:
            sheets = [name for name in archive.namelist()
                      if name.startswith("xl/worksheets/") and name.endswith(".xml")]
            for name in sorted(sheets):
                with archive.open(name) as stream:
                    rows, columns = sheet_extent(stream)
                if rows * columns > MAX_CELLS:
                    corner = f"{column_letters(columns)}{rows}"
                    raise InputError(display_name, f"the sheet {Path(name).stem} spans A1:{corner} "
                                     f"({rows:,} rows x {columns:,} columns), more than "
                                     f"{MAX_CELLS:,} cells; a stray value in a far cell such as "
                                     f"{corner} does this", column=corner,
                                     expected="a sheet whose used range holds only the data: "
                                              "delete the far cells and save again")
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile, ValueError, zlib.error):
        return   # a damaged container: the reader reports it
