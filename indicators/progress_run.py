"""Progress assessments for a selection, from the named queries: what the Progress page and the CLI show."""
from __future__ import annotations

from typing import Callable

import pandas as pd

from indicators.progress import assess_frame

Query = Callable[..., pd.DataFrame]


def progress_assessments(query: Query, cycle_kind: str, cycle: str | None, year_from: int, year_to: int,
                         countries: list[str], theme: str | None = None,
                         indicators: list[str] | None = None):
    """(cycles, indicators, assessments) for these filters; assessments is None when nothing to assess.

    query(name, **params) runs a named query (indicators/sql/<name>.sql).
    """
    chosen = list(indicators) if indicators else None
    cycles = query("progress_cycles", cycle_kind=cycle_kind, cycle=cycle, year_from=year_from,
                   year_to=year_to)
    catalogue = query("progress_indicators", theme=theme, indicators=chosen)
    if cycles.empty or catalogue.empty:
        return cycles, catalogue, None
    observations = query("progress_observations", cycle_kind=cycle_kind, cycle=cycle, year_from=year_from,
                         year_to=year_to, countries=list(countries), theme=theme, indicators=chosen)
    assessments = assess_frame(observations, catalogue, cycles)
    return cycles, catalogue, (None if assessments.empty else assessments)
