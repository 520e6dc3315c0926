"""The warehouse file's surroundings: refuse to overwrite what is not a warehouse, clear leftovers."""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from etl.errors import InputError

# A DuckDB database file holds these bytes at offset 8 (after the header checksum).
DUCKDB_MAGIC = b"DUCK"
DUCKDB_MAGIC_OFFSET = 8


def building_name(db_path: Path, pid: int) -> Path:
    """The file a build writes before swapping it in: .<warehouse>.building-<pid>."""
    return db_path.with_name(f".{db_path.name}.building-{pid}")


def _leftover_pattern(db_path: Path) -> re.Pattern:
    # the building file, its write-ahead log and DuckDB's spill folder (<file>.tmp)
    return re.compile(rf"\.{re.escape(db_path.name)}\.building-(\d+)(\.wal|\.tmp)?")


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_text_copies(folder: Path | None = None) -> list[Path]:
    """Remove the folders of normalised text copies (etl-text-<pid>-*, in the system temp folder)
    that builds killed before they could clean up left behind."""
    folder = Path(folder or tempfile.gettempdir())
    pattern = re.compile(r"etl-text-(\d+)-\w+")
    removed = []
    for entry in folder.iterdir() if folder.is_dir() else []:
        match = pattern.fullmatch(entry.name)
        if not match or int(match.group(1)) == os.getpid() or _is_running(int(match.group(1))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def remove_leftovers(db_path: Path) -> list[Path]:
    """Remove the files and spill folders of earlier builds of `db_path` whose process is gone, and
    the text copies of killed builds. A build that is still running (its process id alive) keeps its
    files. Returns what was removed.
    """
    pattern = _leftover_pattern(db_path)
    removed = remove_text_copies()
    if not db_path.parent.is_dir():
        return removed
    for entry in db_path.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if not match or int(match.group(1)) == os.getpid() or _is_running(int(match.group(1))):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def is_duckdb_file(path: Path) -> bool:
    """True if `path` starts like a DuckDB database file."""
    with open(path, "rb") as handle:
        head = handle.read(DUCKDB_MAGIC_OFFSET + len(DUCKDB_MAGIC))
    return head[DUCKDB_MAGIC_OFFSET:] == DUCKDB_MAGIC


def check_warehouse_target(db_path: Path, inputs: list[Path]) -> None:
    """InputError unless `db_path` is new or an earlier warehouse (never an input, never other data)."""
    if not db_path.exists() and not db_path.is_symlink():
        return
    display = db_path.name
    if db_path.is_dir() or not db_path.is_file():
        raise InputError(display, "the --db path is not a regular file; refusing to write the "
                         "warehouse there", expected="a new file name or an earlier warehouse")
    for given in inputs:
        try:
            if given is not None and Path(given).exists() and os.path.samefile(given, db_path):
                raise InputError(display, "the --db file is also an input of this build; refusing "
                                 "to overwrite it", expected="a separate warehouse file")
        except OSError:
            continue
    if db_path.stat().st_size and not is_duckdb_file(db_path):
        raise InputError(display, "the --db file exists and is not a warehouse (not a DuckDB "
                         "database); refusing to overwrite it",
                         expected="a new file name or an earlier warehouse")
