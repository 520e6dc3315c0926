"""Provenance of each loaded file (publisher, licence, web address, access date, citation) from sources.yml."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path

import yaml

from etl.errors import InputError
from etl.schemas import PublisherEntry, read_yaml_file, validate
from settings import DEFAULT_SOURCES, sources_path

PUBLISHERS_KEY = "publishers"


@dataclass(frozen=True)
class Provenance:
    """Who published a file, under which licence, where it came from, when, and how to cite it."""

    publisher: str | None = None
    licence: str | None = None
    url: str | None = None
    accessed: date | None = None
    citation: str | None = None

    def filled_from(self, other: "Provenance") -> "Provenance":
        """This provenance with its empty fields taken from `other`."""
        return replace(self, **{f.name: getattr(other, f.name) for f in fields(self)
                                if getattr(self, f.name) is None})

    def as_row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


FIELDS = [f.name for f in fields(Provenance)]


def _entry_nodes(text: str) -> list[yaml.Node]:
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    return next((value.value for key, value in root.value if key.value == PUBLISHERS_KEY
                 and isinstance(value, yaml.SequenceNode)), [])


def read_publishers(path: Path) -> list[dict] | None:
    """The validated `publishers:` list of a sources file; None when the file has no such list."""
    where = path.name
    text, data = read_yaml_file(path)
    if not isinstance(data, dict) or PUBLISHERS_KEY not in data:
        return None
    entries = data[PUBLISHERS_KEY] or []
    if not isinstance(entries, list):
        raise InputError(where, f"expected a list under '{PUBLISHERS_KEY}:'", column=PUBLISHERS_KEY)
    checked = []
    for node, entry in zip(_entry_nodes(text), entries):
        if not isinstance(entry, dict):
            raise InputError(where, "each publisher entry is a mapping (format:, publisher:, licence:, ...)",
                             row=node.start_mark.line + 1)
        validate(PublisherEntry, entry, node, where)   # licence required; web address and date checked
        checked.append({**entry, "line": node.start_mark.line + 1})
    return checked


def load_publishers(path: Path | None = None) -> list[dict]:
    """The publishers list of the sources file in use ($ROCA_SOURCES or data/sources.yml); a sources
    file without a `publishers:` list uses the project's (data/sources.yml)."""
    path = Path(path or sources_path())
    found = read_publishers(path) if path.exists() else None
    if found is None and path.resolve() != DEFAULT_SOURCES.resolve():
        found = read_publishers(DEFAULT_SOURCES)
    return found or []


def _matches(entry: dict, format_name: str, display_name: str) -> bool:
    if entry["format"] != format_name:
        return False
    pattern = entry.get("files")
    return pattern is None or fnmatchcase(display_name.lower(), pattern.lower())


def credit(publishers: list[dict], format_name: str, display_name: str, options: dict | None = None,
           default_publisher: str | None = None) -> Provenance:
    """A file's provenance: its own sources.yml entry when that names a publisher, else the first
    `publishers:` entry for its reader whose `files` pattern its name matches; a publisher the
    format itself fixes (the reader's) fills a gap."""
    options = options or {}
    own = Provenance(**{name: options.get(name) for name in FIELDS})
    if own.publisher is None:
        entry = next((e for e in publishers if _matches(e, format_name, display_name)), None)
        if entry is not None:
            own = own.filled_from(Provenance(**{name: entry.get(name) for name in FIELDS}))
    return own.filled_from(Provenance(publisher=default_publisher))


def reader_credit(reader, display_name: str, options: dict | None = None,
                  publishers: list[dict] | None = None) -> Provenance:
    """`credit` for a reader object (its name is the format; its `publisher` the format's own)."""
    listed = load_publishers() if publishers is None else publishers
    return credit(listed, reader.name, display_name, options, getattr(reader, "publisher", None))
