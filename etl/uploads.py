"""Uploaded files: stored by sha256 beside sources.yml, listed in uploads.yml, checked like the CLI."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from etl.build import SourceSummary, check_inputs
from etl.errors import InputError, InputErrors
from etl.plan import Plan, plan_inputs, plan_sources
from etl.reference import load_sources_file

UPLOADS_FILE = "uploads.yml"
UPLOAD_DIR = "uploads"
MAX_BYTES = 100 * 1024 * 1024       # per file; also the page's upload limit
MAX_FILES = 10                      # per upload
# Readers recognise formats by content; the suffix is kept only for the workbook libraries.
SUFFIXES = {".csv", ".tsv", ".xls", ".xlsx", ".xml", ".docx"}  # a .txt is kept without one: the ETL skips .txt as documentation
METADATA_KEYS = ("sha256", "name", "added_by", "added_at")



def uploads_file(sources: Path) -> Path:
    return Path(sources).parent / UPLOADS_FILE


def listed_uploads(sources: Path) -> list[dict]:
    """The uploads.yml entries (path relative to the data folder, sha256, name, who, when)."""
    path = uploads_file(sources)
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return list(data.get("sources") or [])


def write_uploads(sources: Path, entries: list[dict]) -> None:
    """Replace uploads.yml atomically."""
    path = uploads_file(sources)
    text = ("# Files added on the Manage data page, stored by sha256 under uploads/. A plain\n"
            "# `python -m etl build` loads them after sources.yml, as the page did.\n")
    text += yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _add_uploads(plan: Plan, sources: Path, entries: list[dict]) -> Plan:
    for entry in entries:
        options = {k: v for k, v in entry.items() if k not in METADATA_KEYS + ("path",)}
        before = len(plan.files)
        try:
            plan_inputs([Path(sources).parent / entry["path"]], plan, options)
        except InputError as error:
            raise InputError(entry.get("name") or error.file, error.detail, error.row, error.column,
                             error.expected) from None
        for planned in plan.files[before:]:
            planned.display_name = entry.get("name") or planned.display_name
    return plan


def plan_all(sources: Path, extra: list[dict] | None = None) -> Plan:
    """sources.yml, then every listed upload (shown by its uploaded name), then `extra` entries."""
    plan = plan_sources(load_sources_file(Path(sources)))
    plan.sources_file = Path(sources)
    return _add_uploads(plan, sources, listed_uploads(sources) + list(extra or []))


def display_name(name: str) -> str:
    """The uploaded name as shown in messages: no folders, no control characters, bounded."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return (base or "upload")[:120]


@dataclass
class Stored:
    """An uploaded file as kept: generated name under uploads/, its sha256 and uploaded name."""

    sha256: str
    path: str                   # relative to the data folder
    name: str
    size: int

    def entry(self, who: str) -> dict:
        return {"path": self.path, "sha256": self.sha256, "name": self.name, "added_by": who,
                "added_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat()}


def store_upload(sources: Path, data: bytes, name: str) -> Stored:
    """Keep the bytes under uploads/<sha256><suffix>; refuse files over MAX_BYTES."""
    shown = display_name(name)
    if len(data) > MAX_BYTES:
        raise InputError(shown, f"the file is {len(data) / 1e6:.1f} MB; at most "
                                f"{MAX_BYTES // (1024 * 1024)} MB can be uploaded")
    if not data:
        raise InputError(shown, "empty file", expected="a header row and data rows")
    digest = hashlib.sha256(data).hexdigest()
    suffix = Path(shown).suffix.lower()
    relative = f"{UPLOAD_DIR}/{digest}{suffix if suffix in SUFFIXES else ''}"
    target = Path(sources).parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        temporary = target.with_name(f".{target.name}.{os.getpid()}")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    return Stored(digest, relative, shown, len(data))


@dataclass
class CheckResult:
    """What `python -m etl check` says about one uploaded file, checked with everything loaded."""

    name: str
    summary: SourceSummary | None = None
    errors: list[InputError] = field(default_factory=list)
    skipped: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.summary is not None and not self.errors


def check_upload(sources: Path, stored: Stored, accepted: list[Stored] = ()) -> CheckResult:
    """Check the current sources, the uploads already accepted and this file, writing nothing."""
    result = CheckResult(stored.name)
    extra = [s.entry("") for s in accepted] + [stored.entry("")]
    try:
        plan = plan_all(sources, extra)
        ours = [p for p in plan.files if p.path and p.path.name == Path(stored.path).name]
        skipped = [reason for shown, reason in plan.skipped if shown.endswith(Path(stored.path).name)]
        if not ours:
            result.skipped = skipped[0] if skipped else "format not recognised"
            return result
        report = check_inputs(plan, log=lambda line: None)
    except InputErrors as errors:
        result.errors = list(errors.errors)
        return result
    except InputError as error:
        result.errors = [error]
        return result
    result.summary = next((s for s in report.sources if s.file == stored.name), None)
    result.warnings = [w for w in report.warnings if w.startswith(stored.name)]
    return result
