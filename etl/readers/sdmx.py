"""Reader for SDMX-ML 2.1 StructureSpecificData files (national SDG platforms)."""
from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

from etl.errors import InputError
from etl.readers.base import Reader, ReadContext, Staged
from etl.readers.common import COUNTRY_CODE, indicator_frame, observation_frame, uncatalogued_indicator

# Series keys that are not disaggregations; REF_AREA is the country unless it is subnational.
NOT_DISAGGREGATION = {"FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "UNIT_MEASURE"}
# Attributes (not dimensions) that may sit on Series or Obs elements.
ATTRIBUTES = {"TIME_PERIOD", "OBS_VALUE", "UNIT_MULT", "OBS_STATUS", "NATURE", "TIME_DETAIL",
              "SOURCE_DETAIL", "COMMENT_OBS", "COMMENT_TS", "DATA_LAST_UPDATE", "BASE_PER",
              "DECIMALS", "TIME_FORMAT", "UPPER_BOUND", "LOWER_BOUND"}
TOTAL = "_T"
YEAR = re.compile(r"^(\d{4})")
MISSING = {"", "NaN", "NA"}


def local_name(name: str) -> str:
    """The element or attribute name without its namespace (expat gives 'uri}local')."""
    return name.rsplit("}", 1)[-1]


class _Collector:
    """expat callbacks: keep the current Series key and turn each Obs into an observation."""

    def __init__(self, parser, ctx: ReadContext) -> None:
        self.parser, self.ctx = parser, ctx
        self.series: dict[str, str] = {}
        self.observations: list[dict] = []
        self.series_codes: list[str] = []

    def start(self, name: str, attributes: dict) -> None:
        element = local_name(name)
        plain = {key: value for key, value in attributes.items() if "}" not in key}
        if element == "Series":
            self.series = plain
        elif element == "Obs":
            self.observe({**self.series, **plain}, self.parser.CurrentLineNumber)

    def end(self, name: str) -> None:
        if local_name(name) == "Series":
            self.series = {}

    def observe(self, key: dict[str, str], line: int) -> None:
        ctx = self.ctx
        text = key.get("OBS_VALUE", "").strip()
        if text in MISSING:
            return
        try:
            value = float(text)
        except ValueError:
            raise InputError(ctx.display_name, f"value {text!r} is not a number", row=line,
                             column="OBS_VALUE", expected="a number") from None
        year = YEAR.match(key.get("TIME_PERIOD", "").strip())
        if year is None:
            raise InputError(ctx.display_name, f"time period {key.get('TIME_PERIOD')!r}",
                             row=line, column="TIME_PERIOD", expected="a period such as 2018")
        multiplier = key.get("UNIT_MULT", "0").strip() or "0"
        if not re.fullmatch(r"-?\d+", multiplier):
            raise InputError(ctx.display_name, f"unit multiplier {multiplier!r}", row=line,
                             column="UNIT_MULT", expected="a whole power of ten")
        if int(multiplier):
            value *= 10 ** int(multiplier)
        series = key.get("SERIES", "").strip()
        area = key.get("REF_AREA", "").strip()
        if not series or not area:
            raise InputError(ctx.display_name, "observation without SERIES or REF_AREA",
                             row=line, column="SERIES" if not series else "REF_AREA",
                             expected="SERIES and REF_AREA on the Series element")
        national = bool(COUNTRY_CODE.match(area))
        pairs = {dimension: code for dimension, code in key.items()
                 if dimension not in NOT_DISAGGREGATION and dimension not in ATTRIBUTES
                 and code and code != TOTAL}
        if not national:
            pairs["REF_AREA"] = area
        note = "; ".join(part for part in (
            f"unit {key['UNIT_MEASURE']}" if key.get("UNIT_MEASURE") else "",
            key.get("COMMENT_OBS", "").strip()) if part)
        self.series_codes.append(series)
        self.observations.append({
            "indicator_code": series, "country": area if national else area[:2],
            "year": int(year.group(1)), "value": value, "lower": None, "upper": None,
            "disaggregation": ";".join(f"{k}={v}" for k, v in sorted(pairs.items())),
            "note": note or None, "row": line})


class SdmxReader(Reader):
    """SDMX-ML StructureSpecificData: every Obs of every Series; `row` = the Obs line number.

    A subnational REF_AREA (e.g. KG05) stays a disaggregation (REF_AREA=KG05) of its country
    (the first two letters), so that regions never overwrite the national figure.
    """

    name = "sdmx"
    publisher = "National SDG reporting platform"     # which one: publishers: in sources.yml

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") \
            and b"StructureSpecificData" in head

    def read(self, path: Path, ctx: ReadContext) -> Staged:
        parser = expat.ParserCreate(namespace_separator="}")
        collector = _Collector(parser, ctx)
        parser.StartElementHandler = collector.start
        parser.EndElementHandler = collector.end
        try:
            with open(path, "rb") as stream:
                parser.ParseFile(stream)
        except expat.ExpatError as error:
            raise InputError(ctx.display_name,
                             f"malformed XML: {expat.ErrorString(error.code)}",
                             row=error.lineno, expected="well-formed SDMX-ML") from None
        if not collector.observations:
            raise InputError(ctx.display_name, "no Obs element with a value", row=None,
                             expected="SDMX-ML Series with Obs elements")
        publisher, licence = ctx.provenance.publisher, ctx.provenance.licence
        codes, indicators, uncatalogued = {}, [], []
        for series in dict.fromkeys(collector.series_codes):
            code = ctx.catalogue.find("sdmx_series", series)
            if code is None:
                code = "sdmx_" + series.lower().strip("_")
                uncatalogued.append(series)
                indicators.append(uncatalogued_indicator(code, series, "sdmx", publisher, licence))
            codes[series] = code
        for observation in collector.observations:
            observation["indicator_code"] = codes[observation["indicator_code"]]
        notes = ([f"series not in the catalogue, loaded as uncatalogued: {', '.join(uncatalogued)}"]
                 if uncatalogued else [])
        frames = {"observation": observation_frame(collector.observations)}
        if indicators:
            frames["indicator"] = indicator_frame(indicators)
        return Staged(format=self.name, rows_read=len(collector.observations), frames=frames,
                      notes=notes,
                      title="SDMX " + ", ".join(codes),
                      source_columns={"country": "REF_AREA", "year": "TIME_PERIOD",
                                      "value": "OBS_VALUE"})
