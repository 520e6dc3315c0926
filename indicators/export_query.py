"""Run a named query for a one-off download, without keeping its (possibly large) result cached."""
from __future__ import annotations

import pandas as pd

from indicators.queries import query_text
from indicators.warehouse import WarehouseKey, connection


def fetch_uncached(name: str, key: WarehouseKey, **params) -> pd.DataFrame:
    """All rows of named query `name` with bound `params` (lists bind as DuckDB lists)."""
    cursor = connection(key).cursor()
    try:
        bound = {k: (list(v) if isinstance(v, (tuple, set, frozenset)) else v) for k, v in params.items()}
        return cursor.execute(query_text(name), bound).df()
    finally:
        cursor.close()
