"""Reader for SDMX-CSV (long: one observation per row), as statistics offices, the UN SDG database
and World Bank Data360 emit it (SDMX-CSV 1.0 `DATAFLOW,...` and 2.0 `STRUCTURE,STRUCTURE_ID,ACTION,...`)."""
from __future__ import annotations

import re
from pathlib import Path

from etl.errors import InputError
from etl.readers.base import ReadContext, Reader, Staged
from etl.readers.common import (NO_BREAKDOWN, code_of, country_code, disaggregation, header_codes, multiplied,
                                number, read_records, staged_observations)

YEAR = re.compile(r"^(\d{4})")


class SdmxCsvReader(Reader):
    """SDMX-CSV: REF_AREA, TIME_PERIOD, OBS_VALUE and an INDICATOR or SERIES column."""

    name = "sdmx_csv"

    def sniff(self, path: Path, head: bytes) -> bool:
        names = set(header_codes(head))
        return ({"REF_AREA", "TIME_PERIOD", "OBS_VALUE"} <= names
                and bool(names & {"INDICATOR", "SERIES"})
                and bool(names & {"DATAFLOW", "STRUCTURE", "STRUCTURE_ID"}))

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        header, records = read_records(Path(path), ctx)
        series_column = "INDICATOR" if "INDICATOR" in header else "SERIES"
        observations, skipped = [], {}
        for line, cells in records:
            row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
            area = code_of(row.get("REF_AREA", ""))
            if not country_code(area):
                skipped[area or "(empty)"] = skipped.get(area or "(empty)", 0) + 1
                continue
            value = number(row.get("OBS_VALUE", ""), ctx, line, "OBS_VALUE")
            if value is None:
                continue                                   # a gap, never a zero
            period = YEAR.match(code_of(row.get("TIME_PERIOD", "")))
            if period is None:
                raise InputError(ctx.display_name, f"time period {row.get('TIME_PERIOD')!r}",
                                 row=line, column="TIME_PERIOD", expected="a period such as 2018")
            series = code_of(row.get(series_column, ""))
            if not series:
                raise InputError(ctx.display_name, f"{series_column} is empty", row=line,
                                 column=series_column, expected="an indicator or series code")
            unit = code_of(row.get("UNIT_MEASURE", ""))
            observations.append({
                "indicator_code": series, "country": area, "year": int(period.group(1)),
                "value": multiplied(value, row.get("UNIT_MULT", ""), ctx, line),
                "lower": None, "upper": None, "disaggregation": disaggregation(row),
                "note": f"unit {unit}" if unit and unit not in NO_BREAKDOWN else None, "row": line})
        # SDG series codes, or Data360 indicator codes (Data360 also downloads as SDMX-CSV)
        return staged_observations(self.name, observations, ["sdmx_series", "data360"], "sdmx", ctx, skipped,
                                   ctx.provenance.publisher, ctx.provenance.licence,
                                   {"country": "REF_AREA", "year": "TIME_PERIOD", "value": "OBS_VALUE"})
