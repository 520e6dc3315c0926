"""The read-only warehouse connections the app shares: one per file version, counted in use."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb

from settings import warehouse_path

ATTACH = "ATTACH $path AS warehouse (READ_ONLY)"
USE = "USE warehouse"



@dataclass(frozen=True)
class WarehouseKey:
    """Identifies one built version of a warehouse file (a rebuild changes it)."""

    path: str
    mtime_ns: int
    size: int


def warehouse_key(path: Path | None = None) -> WarehouseKey | None:
    path = Path(path or warehouse_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return WarehouseKey(str(path), stat.st_mtime_ns, stat.st_size)


@dataclass(eq=False)
class _Open:
    """One open version: its connection, how many queries run on it, whether a newer one exists."""

    key: WarehouseKey
    con: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False
    closed: bool = field(default=False)


_lock = threading.Lock()
_open: dict[WarehouseKey, _Open] = {}


def _connect(key: WarehouseKey) -> duckdb.DuckDBPyConnection:
    # A fresh in-memory database per version that ATTACHes the file: duckdb.connect(path) would
    # hand back the still-open instance of the file's previous version (DuckDB caches by path).
    con = duckdb.connect(":memory:")
    con.execute(ATTACH, {"path": key.path})
    return con


def _close_if_idle(handle: _Open) -> None:
    if handle.retired and handle.users == 0 and not handle.closed:
        handle.closed = True
        _open.pop(handle.key, None)
        handle.con.close()


def _acquire(key: WarehouseKey) -> _Open:
    with _lock:
        handle = _open.get(key)
        if handle is None:
            current = warehouse_key(Path(key.path))
            if current is None:
                raise FileNotFoundError(f"no warehouse at {key.path}")
            # A session still holding an older version's key after that version was closed is
            # served the file as it is now; its next rerun picks up the new key.
            handle = _open.get(current)
            if handle is None:
                handle = _open[current] = _Open(current, _connect(current))
            for other in list(_open.values()):
                if other is not handle and other.key.path == handle.key.path:
                    other.retired = True
                    _close_if_idle(other)
        handle.users += 1
        return handle


def _release(handle: _Open) -> None:
    with _lock:
        handle.users -= 1
        _close_if_idle(handle)


@contextmanager
def cursor(key: WarehouseKey) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on this version of the warehouse; its connection stays open while it is in use.

    An older version's connection is closed only once no query runs on it any more.
    """
    handle = _acquire(key)
    try:
        cur = handle.con.cursor()
        try:
            cur.execute(USE)
            yield cur
        finally:
            cur.close()
    finally:
        _release(handle)


def open_versions(path: Path) -> int:
    """How many versions of the warehouse at `path` have an open connection (for diagnostics)."""
    with _lock:
        return sum(not handle.closed and handle.key.path == str(path) for handle in _open.values())
