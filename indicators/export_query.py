"""Run a named query for a one-off download, without keeping its (possibly large) result cached."""
from __future__ import annotations

import pandas as pd

from indicators.queries import execute
from indicators.warehouse import WarehouseKey, cursor


def fetch_uncached(name: str, key: WarehouseKey, hits=None, **params) -> pd.DataFrame:
    """All rows of named query `name` with bound `params` (lists bind as DuckDB lists) and a
    search's hits (see indicators.queries.execute)."""
    with cursor(key) as cur:
        return execute(cur, name, params, hits)
