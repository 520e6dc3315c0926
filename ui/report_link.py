"""The report in the URL: one `r` parameter per chart (id, view, key message), its figures kept by id on disk."""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ui.report_file import ReportFileError, checked_entry
from ui.report_state import KEY_MESSAGE_MAX, MAX_ITEMS, VIEWS
from settings import report_store_given

PARAM = "r"
UID = re.compile(r"^[0-9a-f]{16}$")
SEPARATOR = "~"


def store_dir() -> Path:
    folder = report_store_given() or Path(tempfile.gettempdir()) / "roca-report-store"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def url_values(items: list[dict]) -> list[str]:
    """One value per entry, in order: 'uid~view~key message'."""
    return [SEPARATOR.join([item["uid"], item.get("view") or "chart", item.get("key_message") or ""])
            for item in items]


def parse_values(values: list[str]) -> tuple[list[tuple[str, str, str]], list[str]]:
    """([(uid, view, message)], ignored values): malformed values are left out, not guessed at."""
    entries, ignored, seen = [], [], set()
    for value in values[:MAX_ITEMS]:
        parts = str(value).split(SEPARATOR, 2)
        if len(parts) != 3 or not UID.match(parts[0]) or parts[1] not in VIEWS or parts[0] in seen:
            ignored.append(str(value)[:40])
            continue
        seen.add(parts[0])
        entries.append((parts[0], parts[1], " ".join(parts[2].split())[:KEY_MESSAGE_MAX]))
    return entries, ignored + [str(value)[:40] for value in values[MAX_ITEMS:]]


def keep(items: list[dict], folder: Path | None = None) -> None:
    """Write each entry not yet kept to the store, as <uid>.json (content-addressed; written atomically)."""
    folder = folder or store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        path = folder / f"{item['uid']}.json"
        if path.exists():
            continue
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
        part.replace(path)


def restore(entries: list[tuple[str, str, str]], folder: Path | None = None) -> tuple[list[dict], list[str]]:
    """(entries rebuilt from the store in the URL's order with the URL's views and messages, uids not found).

    A stored file is checked like an opened report file; one whose content no longer gives its uid is left out."""
    folder = folder or store_dir()
    records, missing = [], []
    for uid, view, message in entries:
        path = folder / f"{uid}.json"
        try:
            record = checked_entry(json.loads(path.read_text(encoding="utf-8")), len(records) + 1)
        except (OSError, ValueError, ReportFileError):
            missing.append(uid)
            continue
        if record["uid"] != uid:
            missing.append(uid)
            continue
        view = view if view == "chart" or record.get("table") else "chart"
        records.append({**record, "view": view, "key_message": message})
    return records, missing
