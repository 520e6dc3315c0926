"""Header layouts of UPR Info exports: known variants, explicit column mappings, near-match advice."""
from __future__ import annotations

import re

from etl.errors import InputError

# The database export's header (Rgrp and Org appear twice: state under review, recommending state).
HEADER = ["SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action",
          "Issue", "Session"]
# The same export re-saved by a research project with renamed headers (same column order).
RENAMED_HEADER = ["To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response",
                  "Action", "Issue", "Session"]
KNOWN_LAYOUTS = {"UPR Info database export": HEADER,
                 "UPR Info export with renamed headers (To, From, Text)": RENAMED_HEADER}
# The eleven fields by unique name, in the order the reader stages them: the keys of a
# `columns:` mapping in sources.yml.
FIELDS = ["SuR", "SuR-Rgrp", "SuR-Org", "Recommendation", "RS", "RS-Rgrp", "RS-Org", "Response",
          "Action", "Issue", "Session"]
REQUIRED_FIELDS = ["SuR", "Recommendation", "RS", "Response", "Action", "Issue", "Session"]
# Column names other layouts use for a field (compared lower-cased, blanks and punctuation folded).
SYNONYMS = {
    "SuR": ["sur", "to", "state under review", "country", "state", "country under review"],
    "Recommendation": ["recommendation", "text", "recommendation text", "recommendations"],
    "RS": ["rs", "from", "recommending state", "recommending states", "recommending country"],
    "Response": ["response", "position", "response to recommendation", "sur response"],
    "Action": ["action", "action category", "category"],
    "Issue": ["issue", "issues", "theme", "themes", "topic", "topics"],
    "Session": ["session", "upr session", "wg session", "session number"],
}
NEAR_MATCH_FIELDS = 4


def _key(name: object) -> str:
    return re.sub(r"[\s_\-.]+", " ", str(name if name is not None else "")).strip().lower()


def trimmed(cells: list) -> list[str]:
    """Header cells as text, surrounding blanks and trailing empty cells removed."""
    names = [str(cell if cell is not None else "").strip() for cell in cells]
    while names and names[-1] == "":
        names.pop()
    return names


def known_layout(cells: list) -> str | None:
    """The name of the known layout a header row is (case and blanks ignored), else None."""
    names = [name.lower() for name in trimmed(cells)]
    for layout, header in KNOWN_LAYOUTS.items():
        if names == [name.lower() for name in header]:
            return layout
    return None


def check_mapping(columns: object, display_name: str) -> dict[str, str]:
    """A sources.yml `columns:` mapping (field -> the file's column), checked."""
    if not isinstance(columns, dict):
        raise InputError(display_name, "the 'columns:' option in sources.yml is not a mapping",
                         expected="columns: {SuR: <column>, Recommendation: <column>, ...}")
    unknown = [str(key) for key in columns if key not in FIELDS]
    if unknown:
        raise InputError(display_name, f"'columns:' names unknown field(s) {', '.join(unknown)}",
                         expected="fields among " + ", ".join(FIELDS))
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        raise InputError(display_name, f"'columns:' does not map {', '.join(missing)}",
                         expected="a column of the file for each of " + ", ".join(REQUIRED_FIELDS))
    return {str(key): str(value) for key, value in columns.items()}


def mapped_positions(cells: list, columns: dict[str, str], display_name: str) -> list[int | None]:
    """For each of FIELDS, the 0-based position of its mapped column in the header (None: unmapped)."""
    names = [name.lower() for name in trimmed(cells)]
    positions = []
    for name in FIELDS:
        column = columns.get(name)
        if column is None:
            positions.append(None)
            continue
        if column.strip().lower() not in names:
            raise InputError(display_name, f"the column {column!r} mapped to {name} in sources.yml "
                             "is not in the header", row=1, column=column,
                             expected="one of " + ", ".join(trimmed(cells)))
        positions.append(names.index(column.strip().lower()))
    return positions


def reorder(cells: list, positions: list[int | None]) -> list:
    """A record's cells in FIELDS order ('' for unmapped fields and missing cells)."""
    return [cells[p] if p is not None and p < len(cells) else "" for p in positions]


def guess_mapping(cells: list) -> dict[str, str]:
    """Field -> column for the header columns whose names are known synonyms."""
    found: dict[str, str] = {}
    for name in trimmed(cells):
        for field, synonyms in SYNONYMS.items():
            if field not in found and _key(name) in synonyms:
                found[field] = name
                break
    return found


def near_match(cells: list, file_name: str) -> str | None:
    """Advice for a header that almost is a UPR Info export: what to write in sources.yml."""
    if known_layout(cells):
        return None
    found = guess_mapping(cells)
    if len(found) < NEAR_MATCH_FIELDS or "Recommendation" not in found:
        return None
    pairs = ", ".join(f"{field}: {found.get(field, '<column>')!r}" for field in REQUIRED_FIELDS)
    return (f"this looks like a UPR Info export (columns {', '.join(found.values())}); map its "
            f"columns in sources.yml like this: - path: {file_name}, format: upr_info, "
            f"columns: {{{pairs}}}")
