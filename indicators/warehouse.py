"""The read-only warehouse connections the app shares: one per file version, counted in use."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import duckdb

from indicators.cache import cached
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


MAX_VERSIONS = 8   # open versions at most (one per warehouse file in use, plus those being retired)


@dataclass(eq=False)
class _Open:
    """One open version: its connection, how many queries run on it, whether a newer one exists."""

    key: WarehouseKey
    con: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False
    closed: bool = field(default=False)


_lock = threading.RLock()
_newest: dict[str, WarehouseKey] = {}   # per warehouse file, the newest version opened
_live: set[_Open] = set()               # handles not closed yet (cached, or retired but still in use)
_retiring: list[_Open] = []             # dropped by the cache, closed once no query runs on them


def _connect(key: WarehouseKey) -> duckdb.DuckDBPyConnection:
    # A fresh in-memory database per version that ATTACHes the file: duckdb.connect(path) would
    # hand back the still-open instance of the file's previous version (DuckDB caches by path).
    con = duckdb.connect(":memory:")
    con.execute(ATTACH, {"path": key.path})
    return con


def _retire(handle: _Open) -> None:
    """on_evict of the cache: the handle is closed as soon as no query runs on it.

    Runs inside the cache's own lock, possibly on another thread: it only waits for `_lock` when
    that is free (otherwise the next query's release closes the handle)."""
    handle.retired = True
    _retiring.append(handle)
    if _lock.acquire(blocking=False):
        try:
            _close_idle()
        finally:
            _lock.release()


def _close_idle() -> None:
    for handle in list(_retiring):
        if handle.users == 0:
            _retiring.remove(handle)
            if not handle.closed:
                handle.closed = True
                _live.discard(handle)
                handle.con.close()


@cached(MAX_VERSIONS, on_evict=_retire)
def _opened(key: WarehouseKey) -> _Open:
    """The shared connection of one warehouse version."""
    handle = _Open(key, _connect(key))
    _live.add(handle)
    return handle


def _acquire(key: WarehouseKey) -> _Open:
    # The file as it is now: a session still holding an older version's key is served the
    # current file; its next rerun picks up the new key.
    current = warehouse_key(Path(key.path))
    if current is None:
        raise FileNotFoundError(f"no warehouse at {key.path}")
    with _lock:
        handle = _opened(current)
        handle.users += 1
        newest = _newest.get(current.path)
        stale = None
        if newest is None or (current.mtime_ns, current.size) >= (newest.mtime_ns, newest.size):
            _newest[current.path] = current
            stale = newest if newest != current else None
        else:   # another thread already opened a newer version: this one is retired after use
            stale = current
        if stale is not None:
            _opened.forget(stale)
        return handle


def _release(handle: _Open) -> None:
    with _lock:
        handle.users -= 1
        _close_idle()


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
        return sum(handle.key.path == str(path) for handle in _live)


def is_open(key: WarehouseKey) -> bool:
    """Whether this version of the warehouse has an open connection (for diagnostics and tests)."""
    with _lock:
        return any(handle.key == key for handle in _live)
