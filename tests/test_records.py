"""indicators.records: row_dicts gives what DataFrame.to_dict("records") gives, on every table of the real
warehouse; positions_by groups positions by key."""
from __future__ import annotations

import math

import duckdb
import pandas as pd

from indicators.records import of_countries, positions_by, row_dicts


def same(left, right) -> bool:
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return repr(left) == repr(right)


def test_every_table_of_the_real_warehouse_gives_the_same_rows(real_warehouse):
    with duckdb.connect(str(real_warehouse), read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        frames = {name: con.execute(f'SELECT * FROM "{name}"').df() for name in tables}
    assert {"recommendation", "observation", "cycle", "indicator"} <= set(frames)
    missing_kinds = set()
    for name, frame in frames.items():
        expected, found = frame.to_dict("records"), row_dicts(frame)
        assert len(found) == len(expected) == len(frame), name
        for want, got in zip(expected, found):
            assert list(got) == list(want), name
            bad = [column for column in want if not same(want[column], got[column])]
            assert not bad, (name, bad, [(want[column], got[column]) for column in bad])
            missing_kinds |= {str(frame[column].dtype) for column in want if want[column] is None}
    assert "Int32" in missing_kinds     # a nullable integer's missing value is None, as to_dict gives it


def test_a_frame_without_columns_or_rows():
    assert row_dicts(pd.DataFrame(index=range(2))) == [{}, {}]
    assert row_dicts(pd.DataFrame({"a": pd.Series([], dtype="str")})) == []
    assert row_dicts(pd.DataFrame({"flag": pd.array([True, None], dtype="boolean")})) == [{"flag": True}, {"flag": None}]


def test_a_frame_built_in_python_gives_python_scalars_as_to_dict_does():
    """Object columns (a nullable integer's tolist() put in a frame, numpy scalars) are boxed as to_dict boxes them."""
    import numpy as np

    frame = pd.DataFrame({
        "year": pd.Series(pd.array([2019, None], dtype="Int64").tolist(), dtype=object),
        "value": pd.Series([np.int64(1), np.float64(2.5)], dtype=object),
        "text": ["a", None], "share": [np.nan, 0.5],
    })
    expected, found = frame.to_dict("records"), row_dicts(frame)
    assert [[type(value) for value in row.values()] for row in found] == \
        [[type(value) for value in row.values()] for row in expected]
    assert found[1]["year"] is None and found[0]["value"] == 1 and type(found[0]["value"]) is int
    assert all(same(want[column], got[column]) for want, got in zip(expected, found) for column in want)


def test_positions_by_groups_positions_in_order_of_first_occurrence_and_skips_missing_keys():
    keys = pd.Series(["KGZ", "KAZ", None, "KGZ", "KAZ", "TJK"], dtype="str").tolist()   # missing: NaN
    assert positions_by(keys) == {"KGZ": [0, 3], "KAZ": [1, 4], "TJK": [5]}
    assert list(positions_by(keys)) == ["KGZ", "KAZ", "TJK"]
    assert positions_by(["a", pd.NA, None, float("nan"), "a"]) == {"a": [0, 4]}
    assert positions_by([]) == {}


def test_of_countries_keeps_the_rows_of_the_countries_in_order():
    rows = pd.DataFrame({"country_iso3": ["UZB", "KAZ", "RUS", "UZB", None], "value": [1, 2, 3, 4, 5]})
    kept = of_countries(rows, ["UZB", "RUS"])
    assert kept["country_iso3"].tolist() == ["UZB", "RUS", "UZB"] and kept["value"].tolist() == [1, 3, 4]
    assert kept.index.tolist() == [0, 1, 2]
    assert of_countries(rows, []).columns.tolist() == ["country_iso3", "value"]


def test_positions_by_drops_every_kind_of_missing_key_as_pandas_does():
    import random

    import numpy as np
    pool = ["KAZ", "UZB", None, float("nan"), 1, 2.5, pd.NA, pd.NaT, np.nan, np.int64(3),
            pd.Timestamp("2020-01-01")]
    chooser = random.Random(7)
    for _ in range(500):
        keys = [chooser.choice(pool) for _ in range(chooser.randint(0, 30))]
        expected: dict = {}
        for position, key in enumerate(keys):
            if not pd.isna(key):
                expected.setdefault(key, []).append(position)
        found = positions_by(keys)
        assert list(found) == list(expected) and found == expected, keys
