"""The contract every reader fulfils: recognise a file and stage its rows as canonical frames."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import duckdb
import pandas as pd

from etl.provenance import Provenance

Frame = Union[pd.DataFrame, duckdb.DuckDBPyRelation]

# Columns of each staged frame a reader may return. `country` is the raw name or code as the
# file writes it (the build resolves it); `row` is the 1-based line or sheet row in the source
# file (the header is row 1), used in error messages.
STAGED_COLUMNS: dict[str, list[str]] = {
    "observation": ["indicator_code", "country", "year", "value", "lower", "upper",
                    "disaggregation", "note", "row"],
    "recommendation": ["id", "country", "mechanism", "body", "recommending_state", "session",
                       "year", "date", "document", "text", "response", "action_category",
                       "is_pledge", "affected_persons", "sdgs", "tags", "row"],
    "ratification": ["country", "treaty", "action", "date", "year", "row"],
    "event": ["country", "date", "kind", "title", "row"],
    "implementation": ["recommendation_id", "status", "date", "row"],
    "indicator": ["code", "name_en", "name_ru", "theme_code", "type", "unit", "unit_ru",
                  "scale_min", "scale_max", "higher_is_better", "progress_method",
                  "change_threshold", "is_composite", "is_headline", "catalogued",
                  "source_id", "publisher", "licence", "definition"],
    "cutpoint": ["indicator_code", "threshold", "threshold_down"],
}
# Columns a reader may add; the build stages NULL where a reader has none.
# paragraph: the recommendation's paragraph in its document ('115.3'); position_source: where the
# state's position is given, as written ('A/HRC/28/15/Add.1 - Para. 3').
OPTIONAL_COLUMNS: dict[str, list[str]] = {"recommendation": ["paragraph", "position_source"]}


@dataclass
class ReadContext:
    """What a reader may use: the build's DuckDB connection, the catalogue, declared options."""

    con: duckdb.DuckDBPyConnection
    catalogue: Any                      # etl.catalogue.Catalogue
    display_name: str                   # the file as named in messages (relative, never absolute)
    options: dict = field(default_factory=dict)   # per-source options from sources.yml (e.g. country)
    provenance: Provenance = field(default_factory=Provenance)   # from sources.yml (etl.provenance.credit)


@dataclass
class Staged:
    """What a reader returns: canonical frames plus counts for the build summary."""

    format: str
    rows_read: int
    frames: dict[str, Frame] = field(default_factory=dict)
    rows_rejected: int = 0
    notes: list[str] = field(default_factory=list)       # warnings for the summary
    # what the file's own content says of its provenance (the catalogue entries a country-year
    # table feeds; the generated demo); sources.yml's provenance (ctx.provenance) comes first
    publisher: str | None = None
    licence: str | None = None
    title: str | None = None
    tag_vocabulary: str | None = None   # 'upr_info' or 'uhri' for recommendation tags
    source_columns: dict[str, str] = field(default_factory=dict)  # canonical field -> source column (messages)


@dataclass
class Skip:
    """A file a reader recognised as not data (README, licence, metadata), with the reason."""

    reason: str


class Reader:
    """Base class. `sniff` looks at content (not the extension); `read` stages the rows."""

    name = "reader"
    publisher: str | None = None     # set only where the format itself fixes the publisher

    def sniff(self, path: Path, head: bytes) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def read(self, path: Path, ctx: ReadContext) -> Staged:  # pragma: no cover - interface
        raise NotImplementedError

    def explain(self, path: Path, head: bytes) -> str | None:
        """For a file no reader claims: advice if it almost is this reader's format (else None)."""
        return None
