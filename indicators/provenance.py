"""Provenance of a figure: its own source files (publisher, file, sha256, licence), citation, version."""
from __future__ import annotations

import hashlib

import pandas as pd

from i18n import t
from indicators.records import row_dicts

HASH_CHARS = 12


def publisher_line(values) -> str:
    """The publishers of `values` for a source line: each named once, in alphabetical order (a value may name
    several, separated by ';'; missing values are skipped)."""
    return "; ".join(sorted({name.strip() for value in values if isinstance(value, str)
                             for name in value.split(";") if name.strip()}))


def warehouse_version(hashes) -> str:
    """A short hash of every source file's sha256 (order-free): the same files give the same version."""
    joined = "\n".join(sorted(str(value) for value in hashes if value))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:HASH_CHARS]


def figure_sources(sources: pd.DataFrame, source_text: str, is_demo: bool) -> pd.DataFrame:
    """The rows of provenance_sources whose publisher the figure's source line names (the demo rows
    for demonstration data), not every file in the warehouse."""
    if is_demo:
        return sources[sources["is_demo"].astype(bool)]
    named = [bool(publisher) and publisher in (source_text or "") for publisher in sources["publisher"]]
    return sources[named]


def source_lines(rows: pd.DataFrame, lang: str | None = None) -> list[str]:
    """'publisher — file — sha256 0123456789ab — licence' per file (licence 'not stated' when empty)."""
    return [" — ".join([row["publisher"], str(row["file"]), f"sha256 {str(row['sha256'])[:HASH_CHARS]}",
                        row["licence"] or t("licence not stated", lang=lang)])
            for row in row_dicts(rows)]


def short_file_lines(rows: pd.DataFrame) -> tuple[str, ...]:
    """'file (sha256 0123456789ab)' per file: the source files in an image's footer (a no-break space
    keeps 'sha256' and its hash on one line when the footer wraps)."""
    return tuple(f"{row['file']} (sha256\u00a0{str(row['sha256'])[:HASH_CHARS]})" for row in row_dicts(rows))


def citation(title: str, rows: pd.DataFrame, years: str, version: str, lang: str | None = None) -> str:
    """'Cite this chart': publishers, title, data years, the dashboard and its warehouse version."""
    publishers = "; ".join(dict.fromkeys(p for p in rows["publisher"] if p)) or t("Unknown publisher", lang=lang)
    return t("{publishers}. {title}{years}. Compiled with the OHCHR Regional Office for Central Asia human "
             "rights dashboard, warehouse version {version}.", lang=lang, publishers=publishers, title=title,
             years=f" ({years})" if years else "", version=version)


def provenance_text(metadata: dict[str, str]) -> bytes:
    """The 'sources and citation' file downloaded beside a CSV: one 'field: value' line each, UTF-8."""
    return "".join(f"{key}: {value}\r\n" for key, value in metadata.items()).encode("utf-8")
