"""Recognise the documentation, licence and metadata files that travel beside data files."""
from __future__ import annotations

from pathlib import Path

from etl.readers.base import Skip

# First header line of metadata tables found beside real data, and why they are not loaded.
METADATA_HEADERS = {
    "varname,varlabel": "variable labels of the Freedom House file (metadata, not data)",
    "chapter_no,treaty_no,treaty_name,url,chapter_url,chapter_name":
        "UN Treaty Collection chapter index (treaty names come from data/reference/treaties.csv)",
    "цель,goal_name": "Open SDG metadata field mapping (labels, not data)",
}
DOCUMENT_NAMES = {"readme", "license", "licence", "copying", "notice", "changelog"}


def skip_reason(path: Path, head: bytes) -> Skip | None:
    """A Skip with the reason when the file is documentation or metadata, else None."""
    stem = path.stem.lower()
    if stem in DOCUMENT_NAMES or path.name.lower().startswith(("readme", "license", "licence")):
        return Skip("documentation or licence file")
    if path.suffix.lower() in (".yml", ".yaml", ".md", ".txt", ".json") and not head.startswith(b"\xd0\xcf"):
        if "translations" in path.parts:
            return Skip("Open SDG translation file (labels, not data)")
        if "meta" in path.parts:
            return Skip("Open SDG indicator metadata (labels, not data)")
        return Skip("metadata or documentation file")
    first_line = head.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace").strip().lower()
    reason = METADATA_HEADERS.get(first_line)
    return Skip(reason) if reason else None
