"""The registry of readers, tried in order; the first whose sniff() accepts a file reads it."""
from __future__ import annotations

from pathlib import Path

from etl.readers.base import Reader, Skip
from etl.readers.country_year import CountryYearReader
from etl.readers.cutpoints import VdemCutpointsReader
from etl.readers.demo import DemoReader
from etl.readers.metadata import skip_reason
from etl.readers.ohchr_thematic_list import OhchrThematicListReader
from etl.readers.open_sdg import OpenSdgReader
from etl.readers.owid_grapher import OwidGrapherReader
from etl.readers.sdmx import SdmxReader
from etl.readers.templates import EventsReader, ImplementationReader, TidyValuesReader
from etl.readers.uhri import UhriReader
from etl.readers.untc import UntcReader
from etl.readers.upr_info import UprInfoReader
from etl.readers.wpdl import WpdlReader

READERS: list[Reader] = [
    UprInfoReader(), UhriReader(), OhchrThematicListReader(), OwidGrapherReader(), VdemCutpointsReader(),
    OpenSdgReader(), SdmxReader(), UntcReader(), WpdlReader(), TidyValuesReader(),
    EventsReader(), ImplementationReader(), CountryYearReader(),
]
READERS_BY_NAME = {reader.name: reader for reader in READERS + [DemoReader()]}
HEAD_BYTES = 65536


def detect(path: Path) -> Reader | Skip | None:
    """The reader for a file (by content), a Skip for metadata, or None if not recognised."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip():
        return None
    skip = skip_reason(path, head)
    if skip:
        return skip
    for reader in READERS:
        if reader.sniff(path, head):
            return reader
    return None
