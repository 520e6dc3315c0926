"""Collects the t("...") msgids used in the project's Python code and compares them with a catalogue."""
import string
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from i18n.catalog import read_catalog

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRECTORIES = {"tests", "bench", "data", ".venv", "venv", "node_modules", "__pycache__"}
KEYWORDS = {"t": None}


def _keep_directory(path: str) -> bool:
    name = Path(path).name
    return name not in SKIPPED_DIRECTORIES and not name.startswith(".")


def extract_msgids(root: Path | str = PROJECT_ROOT) -> dict[str, list[tuple[str, int]]]:
    """msgid -> [(file relative to root, line)] for every literal t("...") under `root`."""
    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        root, keywords=KEYWORDS, directory_filter=_keep_directory
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append((filename, lineno))
    return found


def placeholders(text: str) -> set[str]:
    """The {name} fields of a format string ('{' alone when the string is not a valid format)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}


@dataclass
class CatalogReport:
    """What check prints: missing, unused and inconsistent catalogue entries."""

    missing: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    mismatched_placeholders: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched_placeholders


def compare(used: dict[str, list[tuple[str, int]]], catalog: Catalog) -> CatalogReport:
    """Compare the msgids used in code with the entries of a catalogue."""
    entries = {message.id: message for message in catalog if message.id and isinstance(message.id, str)}
    report = CatalogReport()
    for msgid in sorted(used):
        entry = entries.get(msgid)
        if entry is None or not entry.string or entry.fuzzy:
            report.missing.append(msgid)
    for msgid, entry in sorted(entries.items()):
        if msgid not in used:
            report.unused.append(msgid)
        if entry.string and placeholders(entry.string) != placeholders(msgid):
            report.mismatched_placeholders.append(msgid)
    return report


def check(root: Path | str, po_path: Path | str) -> CatalogReport:
    """Extract the msgids under `root` and compare them with the .po at `po_path`."""
    return compare(extract_msgids(root), read_catalog(po_path))


def add_missing(catalog: Catalog, used: dict[str, list[tuple[str, int]]]) -> list[str]:
    """Add every used msgid absent from `catalog` with an empty msgstr; returns those added."""
    added = [msgid for msgid in sorted(used) if msgid not in catalog]
    for msgid in added:
        catalog.add(msgid, string="")
    return added
