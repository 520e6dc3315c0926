"""indicators.series_ends: each series' latest row and the row before it, as the Overview cards and the Theme map use them."""
from __future__ import annotations

from indicators.series_ends import series_ends


def test_latest_and_previous_row_of_each_series_by_year():
    indicators = ["b", "a", "a", "b", "a", "a"]
    countries = ["KAZ", "KGZ", "KAZ", "KAZ", "KAZ", "KAZ"]
    years = [2020, 2019, 2021, 2018, 2019, 2021]       # a/KAZ: 2019 (row 4), 2021 twice (rows 2 and 5)
    latest, previous = series_ends([indicators, countries], years)
    # series in key order: a/KAZ, a/KGZ, b/KAZ
    assert latest.tolist() == [5, 1, 0]               # of equal years, the later row
    assert previous.tolist() == [2, -1, 3]             # a/KGZ has one row: no previous


def test_no_rows():
    latest, previous = series_ends([[]], [])
    assert latest.tolist() == [] and previous.tolist() == []
