"""The focus countries: those the warehouse's country table marks is_focus (data/reference/countries.csv)."""
from __future__ import annotations

import pandas as pd

from indicators.queries import run_query
from indicators.warehouse import WarehouseKey


def focus_of(countries: pd.DataFrame) -> tuple[str, ...]:
    """The focus countries of a filter_choices_countries frame (iso3, is_focus), in its order."""
    return tuple(code for code, is_focus in zip(countries["iso3"], countries["is_focus"]) if is_focus)


def focus_countries(key: WarehouseKey) -> tuple[str, ...]:
    """The focus countries of one warehouse version, in the order the filters list them."""
    return focus_of(run_query("filter_choices_countries", key))
