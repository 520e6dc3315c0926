"""Load the editable reference files (themes, cycles, tag mappings, treaties, sources.yml)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from etl.errors import InputError
from etl.schemas import SourceEntry, node_line, read_yaml_file, validate
from settings import reference_dir

CYCLE_KINDS = {"upr", "programming"}


@dataclass
class Reference:
    """Every reference table the build needs, validated."""

    themes: list[dict]
    cycles: list[dict]
    theme_map: list[dict]
    treaties: list[dict]
    theme_outside: list[dict] = field(default_factory=list)   # tags outside the priorities, with a reason
    upr_reviews: list[dict] = field(default_factory=list)     # the UPR session of each focus country's reviews


def read_csv_rows(path: Path, required: list[str]) -> list[tuple[int, dict]]:
    """Rows of a small UTF-8 reference CSV with their line numbers; checks the header."""
    where = f"{path.parent.name}/{path.name}"
    if not path.exists():
        raise InputError(where, "reference file not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(where, f"missing column(s) {', '.join(missing)}", row=1,
                             expected=", ".join(required))
        rows = []
        for number, row in enumerate(reader, start=2):
            for column in required:
                if not (row.get(column) or "").strip() and column not in ("first_session", "last_session"):
                    raise InputError(where, "empty value", row=number, column=column)
            rows.append((number, {k: (v or "").strip() for k, v in row.items()}))
        return rows


def _date(where: str, line: int, column: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(where, f"not a date: {text!r}", row=line, column=column,
                         expected="YYYY-MM-DD") from None


def load_themes(directory: Path) -> list[dict]:
    rows = read_csv_rows(directory / "themes.csv", ["code", "name_en", "name_ru", "sort_order"])
    return [{**row, "sort_order": int(row["sort_order"])} for _, row in rows]


def load_cycles(directory: Path) -> list[dict]:
    where = "reference/cycles.csv"
    cycles = []
    for line, row in read_csv_rows(directory / "cycles.csv",
                                   ["code", "kind", "name", "name_ru", "start_date", "end_date"]):
        if row["kind"] not in CYCLE_KINDS:
            raise InputError(where, f"unknown cycle kind {row['kind']!r}", row=line,
                             column="kind", expected="upr | programming")
        start = _date(where, line, "start_date", row["start_date"])
        end = _date(where, line, "end_date", row["end_date"])
        if end < start:
            raise InputError(where, "cycle ends before it starts", row=line, column="end_date")
        sessions = []
        for column in ("first_session", "last_session"):
            text = row.get(column, "")
            if text and not text.isdigit():
                raise InputError(where, f"not a session number: {text!r}", row=line, column=column)
            sessions.append(int(text) if text else None)
        cycles.append({"code": row["code"], "kind": row["kind"], "name": row["name"],
                       "name_ru": row["name_ru"], "start_date": start, "end_date": end,
                       "first_session": sessions[0], "last_session": sessions[1]})
    return cycles


def load_theme_map(directory: Path, theme_codes: set[str]) -> list[dict]:
    mapping = []
    for line, row in read_csv_rows(directory / "theme_map.csv", ["vocabulary", "tag", "theme_code"]):
        if row["theme_code"] not in theme_codes:
            raise InputError("reference/theme_map.csv", f"theme code {row['theme_code']!r} does not exist",
                             row=line, column="theme_code", expected=", ".join(sorted(theme_codes)))
        mapping.append({"vocabulary": row["vocabulary"], "tag": row["tag"], "theme_code": row["theme_code"]})
    return mapping


def load_theme_outside(directory: Path, mapped: list[dict]) -> list[dict]:
    """theme_outside.csv: source tags left outside ROCA's priorities on purpose, each with its reason.

    A tag may not be both mapped (theme_map.csv) and listed here."""
    where = "reference/theme_outside.csv"
    path = directory / "theme_outside.csv"
    if not path.exists():
        return []
    known = {(row["vocabulary"], row["tag"]) for row in mapped}
    outside = []
    for line, row in read_csv_rows(path, ["vocabulary", "tag", "reason"]):
        if (row["vocabulary"], row["tag"]) in known:
            raise InputError(where, f"tag {row['tag']!r} is also mapped to a theme in theme_map.csv",
                             row=line, column="tag", expected="a tag either mapped or outside, not both")
        outside.append({"vocabulary": row["vocabulary"], "tag": row["tag"], "reason": row["reason"]})
    return outside


def load_upr_reviews(directory: Path) -> list[dict]:
    """upr_reviews.csv (country_iso3, session) joined to upr_sessions.csv for the session's year and
    first day (when known)."""
    where = "reference/upr_reviews.csv"
    path = directory / "upr_reviews.csv"
    if not path.exists():
        return []
    sessions = {int(row["session"]): (int(row["year"]), _date("reference/upr_sessions.csv", line, "start_date",
                                                             row["start_date"]) if row.get("start_date") else None)
                for line, row in read_csv_rows(directory / "upr_sessions.csv", ["session", "year"])}
    reviews = []
    for line, row in read_csv_rows(path, ["country_iso3", "session"]):
        if not re.fullmatch(r"[A-Z]{3}", row["country_iso3"]):
            raise InputError(where, f"bad country {row['country_iso3']!r}", row=line, column="country_iso3",
                             expected="an ISO3 code such as KAZ")
        if not row["session"].isdigit() or int(row["session"]) not in sessions:
            raise InputError(where, f"not a session listed in upr_sessions.csv: {row['session']!r}",
                             row=line, column="session")
        year, start = sessions[int(row["session"])]
        reviews.append({"country_iso3": row["country_iso3"], "session": int(row["session"]),
                        "session_year": year, "session_start": start})
    return reviews


def load_treaties(directory: Path) -> list[dict]:
    path = directory / "treaties.csv"
    treaties = []
    for line, row in read_csv_rows(path, ["code", "name_en", "name_ru", "is_protocol", "sort_order"]):
        if row["is_protocol"].lower() not in ("true", "false"):
            raise InputError("reference/treaties.csv", f"not true/false: {row['is_protocol']!r}",
                             row=line, column="is_protocol", expected="true | false")
        treaties.append({**row, "is_protocol": row["is_protocol"].lower() == "true",
                         "sort_order": int(row["sort_order"])})
    return treaties



def load_reference(directory: Path | None = None) -> Reference:
    directory = Path(directory or reference_dir())
    themes = load_themes(directory)
    theme_map = load_theme_map(directory, {t["code"] for t in themes})
    return Reference(themes=themes, cycles=load_cycles(directory), theme_map=theme_map,
                     treaties=load_treaties(directory),
                     theme_outside=load_theme_outside(directory, theme_map),
                     upr_reviews=load_upr_reviews(directory))


def load_sources_file(path: Path) -> list[dict]:
    """sources.yml: a list of {path: ..., country: ..., ...} or {demo: true} entries."""
    where = path.name
    text, data = read_yaml_file(path)
    entries = (data or {}).get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise InputError(where, "expected a list under 'sources:'", row=1)
    root = yaml.compose(text)
    nodes = root.value if isinstance(data, list) else next(
        (value.value for key, value in root.value if key.value == "sources"), [])
    result = []
    for node, entry in zip(nodes, entries):
        line = node.start_mark.line + 1
        if not isinstance(entry, dict) or not (entry.get("demo") or entry.get("path")):
            raise InputError(where, "each source needs 'path:' (or 'demo: true')", row=line)
        validate(SourceEntry, entry, node, where)     # unknown keys and wrong types refused, with the line
        given = [key for key in ("publisher", "licence") if entry.get(key)]
        if len(given) == 1:      # a file credited to a publisher always says under which licence
            missing = "licence" if given == ["publisher"] else "publisher"
            raise InputError(where, f"'{given[0]}' given without '{missing}'", row=node_line(node, (given[0],)),
                             column=missing, expected="publisher: and licence: together")
        if entry.get("path"):
            entry = {**entry, "path": (path.parent / str(entry["path"])).resolve()}
        if entry.get("country") and not re.fullmatch(r"[A-Z]{3}", str(entry["country"])):
            raise InputError(where, f"bad country {entry['country']!r}", row=line,
                             column="country", expected="an ISO3 code such as KAZ")
        result.append({**entry, "line": line})
    return result


def load_outside_priorities(directory: Path | None = None) -> list[dict]:
    """theme_outside.csv: source tags outside ROCA's priorities on purpose, each with why."""
    directory = Path(directory or reference_dir())
    rows = read_csv_rows(directory / "theme_outside.csv", ["vocabulary", "tag", "reason"])
    return [{"vocabulary": row["vocabulary"], "tag": row["tag"], "reason": row["reason"]} for _, row in rows]
