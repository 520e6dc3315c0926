"""Run a named query for a one-off download, without keeping its (possibly large) result cached."""
from __future__ import annotations

import pandas as pd

from exports.tables import csv_bytes, excel_bytes
from indicators.queries import execute
from indicators.warehouse import WarehouseKey, cursor


def fetch_uncached(name: str, key: WarehouseKey, hits=None, **params) -> pd.DataFrame:
    """All rows of named query `name` with bound `params` (lists bind as DuckDB lists) and a
    search's hits (see indicators.queries.execute)."""
    with cursor(key) as cur:
        return execute(cur, name, params, hits)


def query_csv(name: str, key: WarehouseKey, params: dict, is_demo: bool, lang: str) -> bytes:
    """Formula-safe CSV bytes of every row of a named query (built when a download is clicked)."""
    return csv_bytes(fetch_uncached(name, key, **params), is_demo, lang=lang)


def query_excel(name: str, key: WarehouseKey, params: dict, metadata: dict, is_demo: bool,
                lang: str) -> bytes:
    """Excel bytes (rows + Metadata sheet) of every row of a named query."""
    return excel_bytes(fetch_uncached(name, key, **params), metadata, is_demo, lang=lang)
