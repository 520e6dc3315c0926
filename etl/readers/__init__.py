"""The registry of readers, tried in order; the first whose sniff() accepts a file reads it."""
from __future__ import annotations

from pathlib import Path

from etl.readers.base import Reader, Skip
from etl.readers.country_year import CountryYearReader
from etl.readers.cutpoints import VdemCutpointsReader
from etl.readers.data360 import Data360Reader
from etl.readers.demo import DemoReader
from etl.readers.metadata import skip_reason
from etl.readers.ohchr_thematic_list import OhchrThematicListReader
from etl.readers.open_sdg import OpenSdgReader
from etl.readers.owid_grapher import OwidGrapherReader
from etl.readers.sdmx import SdmxReader
from etl.readers.sdmx_csv import SdmxCsvReader
from etl.readers.templates import EventsReader, ImplementationReader, TidyValuesReader
from etl.readers.uhri import UhriReader
from etl.readers.untc import UntcReader
from etl.readers.upr_info import UprInfoReader
from etl.readers.wpdl import WpdlReader

READERS: list[Reader] = [
    UprInfoReader(), UhriReader(), OhchrThematicListReader(), OwidGrapherReader(), VdemCutpointsReader(),
    OpenSdgReader(), SdmxReader(), SdmxCsvReader(), Data360Reader(), UntcReader(), WpdlReader(), TidyValuesReader(),
    EventsReader(), ImplementationReader(), CountryYearReader(),
]
READERS_BY_NAME = {reader.name: reader for reader in READERS + [DemoReader()]}
HEAD_BYTES = 65536


def _head(path: Path) -> bytes | None:
    """The first HEAD_BYTES of a regular file, or None (a named pipe would wait for a writer)."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return None


def detect(path: Path) -> Reader | Skip | None:
    """The reader for a file (by content), a Skip for metadata, or None if not recognised.

    Only regular files are opened (a named pipe would wait for a writer); nothing here raises.
    """
    head = _head(path)
    if head is None or not head.strip():
        return None
    try:
        skip = skip_reason(path, head)
    except Exception:   # noqa: BLE001 - see sniffs()
        skip = None
    if skip:
        return skip
    for reader in READERS:
        if sniffs(reader, path, head):
            return reader
    return None


def sniffs(reader: Reader, path: Path, head: bytes) -> bool:
    """`reader.sniff`, with any exception taken as "not this format": sniffing never stops a build."""
    try:
        return bool(reader.sniff(path, head))
    except Exception:   # noqa: BLE001 - a sniffer is a guess; the reader's read() gives messages
        return False


def near_match_advice(path: Path) -> str | None:
    """"This looks like X; map its columns like this" for a file no reader claims, or None."""
    head = _head(path)
    if head is None:
        return None
    for reader in READERS:
        try:
            advice = reader.explain(path, head)
        except Exception:   # noqa: BLE001 - advice is optional; never stop a build over it
            advice = None
        if advice:
            return advice
    return None
