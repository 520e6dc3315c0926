"""The read-only warehouse connection the app shares: one per file version, a cursor per query."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = PROJECT_DIR / "data" / "warehouse.duckdb"


def warehouse_path() -> Path:
    """ROCA_WAREHOUSE if set, else data/warehouse.duckdb (the same rule as the ETL)."""
    return Path(os.environ.get("ROCA_WAREHOUSE") or DEFAULT_WAREHOUSE)


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


_lock = threading.Lock()
_connections: dict[WarehouseKey, duckdb.DuckDBPyConnection] = {}


def connection(key: WarehouseKey) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to this version of the file; older versions are closed."""
    with _lock:
        found = _connections.get(key)
        if found is None:
            for old_key in list(_connections):
                _connections.pop(old_key).close()
            found = duckdb.connect(key.path, read_only=True)
            _connections[key] = found
        return found
