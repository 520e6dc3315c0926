"""Each series' latest row and the row before it, by position (numpy; shared by the Overview and the Theme explorer)."""
from __future__ import annotations

import numpy as np
import pandas as pd


def series_ends(keys: list, years) -> tuple[np.ndarray, np.ndarray]:
    """(latest, previous): for each series (one combination of the `keys` arrays, in their sorted order)
    the position of its row with the greatest year (of equal years, the later row) and of the row
    before it in year order (-1 when the series has one row). Positions are of the arrays given."""
    years = np.asarray(years)
    if not len(years):
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    codes = [pd.factorize(pd.Series(key) if isinstance(key, list) else key, sort=True)[0].astype(np.int64)
             for key in keys]
    ordered = np.lexsort((years, *reversed(codes)))                    # by the keys, then year (stable)
    series = np.zeros(len(years), dtype=np.int64)
    for code in codes:
        series = series * (code.max(initial=0) + 1) + code
    series = series[ordered]
    last = np.append(series[1:] != series[:-1], True)
    has_previous = np.append(False, series[1:] == series[:-1])[last]   # the row before is of the same series
    return ordered[last], np.where(has_previous, ordered[np.flatnonzero(last) - 1], -1)
