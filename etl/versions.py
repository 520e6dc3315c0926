"""Warehouse versions: apply uploads as a new version, keep history, roll back atomically."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from etl.build import BuildReport, build_warehouse
from etl.sqlfiles import sql
from etl.uploads import Stored, listed_uploads, plan_all, write_uploads

VERSION_DIR = "versions"
HISTORY_FILE = "history.json"
ROLLBACK_CHOICES = 5            # the page offers the last five earlier versions
KEEP = ROLLBACK_CHOICES + 1     # version files kept: the current one and five before it
_apply_lock = threading.Lock()  # one apply or roll back at a time in this server


def versions_dir(sources: Path) -> Path:
    return Path(sources).parent / VERSION_DIR


def history(sources: Path) -> list[dict]:
    """Every recorded version, newest first: id, date, who, action, sources with sha256."""
    path = versions_dir(sources) / HISTORY_FILE
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _write_history(sources: Path, records: list[dict]) -> None:
    path = versions_dir(sources) / HISTORY_FILE
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(records, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _warehouse_sources(path: Path) -> tuple[list[dict], str]:
    """The sources a warehouse was built from, and a signature of its tables and columns."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH $path AS w (READ_ONLY)", {"path": str(path)})
        rows = con.execute("SELECT file, sha256 FROM w.source ORDER BY id").fetchall()
        layout = con.execute(sql("report/schema_signature")).fetchone()[0] or ""
    finally:
        con.close()
    signature = hashlib.sha256(layout.encode("utf-8")).hexdigest()[:16]
    return [{"file": file, "sha256": sha} for file, sha in rows], signature


def install(version_file: Path, warehouse: Path) -> None:
    """Make `version_file` the warehouse in one rename (a hard link, else a copy, beside it)."""
    temporary = warehouse.with_name(f".{warehouse.name}.install-{os.getpid()}-{threading.get_ident()}")
    temporary.unlink(missing_ok=True)
    try:
        os.link(version_file, temporary)
    except OSError:
        shutil.copyfile(version_file, temporary)
    os.replace(temporary, warehouse)


def _record(sources: Path, version_file: Path, who: str, action: str, uploads: list[dict],
            extra: dict | None = None) -> dict:
    found, signature = _warehouse_sources(version_file)
    return {"id": version_file.stem, "date": _now(), "who": who, "action": action,
            "file": version_file.name, "sources": found, "schema": signature,
            "uploads": uploads, **(extra or {})}


def _new_version_file(sources: Path) -> Path:
    folder = versions_dir(sources)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    return folder / f"v{stamp}.duckdb"


def _ensure_initial(sources: Path, warehouse: Path, records: list[dict]) -> list[dict]:
    """The warehouse in use before the first apply becomes a version one can roll back to."""
    if records or not warehouse.exists():
        return records
    version_file = _new_version_file(sources)
    shutil.copyfile(warehouse, version_file)
    return [_record(sources, version_file, "", "initial", listed_uploads(sources))]


def _prune(sources: Path, records: list[dict]) -> None:
    keep = []
    for record in records:
        if record["file"] not in keep:
            keep.append(record["file"])
    for path in versions_dir(sources).glob("v*.duckdb"):
        if path.name not in keep[:KEEP]:
            path.unlink(missing_ok=True)


def changes(old: Path | None, new: Path) -> pd.DataFrame:
    """Rows added and removed per table and source (columns: table_name, source, added, removed)."""
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH $path AS new (READ_ONLY)", {"path": str(new)})
        if old is None or not Path(old).exists():
            con.execute("ATTACH ':memory:' AS old")
            con.execute("USE old")
            con.execute(sql("schema"))
            con.execute("USE memory")
        else:
            con.execute("ATTACH $path AS old (READ_ONLY)", {"path": str(old)})
        common = dict(con.execute(sql("report/common_columns")).fetchall())
        tables = ("observation", "recommendation", "ratification", "event", "implementation")
        return con.execute(sql("report/changes"),
                           {f"{table}_columns": common.get(table, []) for table in tables}).df()
    finally:
        con.close()


@dataclass
class Applied:
    """The outcome of an apply: the build report, what changed and the new version's record."""

    report: BuildReport
    changes: pd.DataFrame
    record: dict = field(default_factory=dict)


def apply_uploads(sources: Path, warehouse: Path, pending: list[Stored], who: str,
                  log: Callable[[str], None] = print) -> Applied:
    """Build sources.yml + listed uploads + `pending` into a new version; swap it in only if the
    build and its checks pass (else the InputError propagates and nothing has changed)."""
    sources, warehouse = Path(sources), Path(warehouse)
    with _apply_lock:
        records = _ensure_initial(sources, warehouse, history(sources))
        if records:
            _write_history(sources, records)
        new_entries = [s.entry(who) for s in pending]
        listed = listed_uploads(sources)
        known = {entry["sha256"] for entry in listed}
        uploads = listed + [e for e in new_entries if e["sha256"] not in known]
        version_file = _new_version_file(sources)
        try:
            report = build_warehouse(plan_all(sources, uploads[len(listed):]), version_file, log=log)
            found = changes(warehouse if warehouse.exists() else None, version_file)
            record = _record(sources, version_file, who, "apply", uploads)
        except BaseException:
            version_file.unlink(missing_ok=True)
            raise
        write_uploads(sources, uploads)
        install(version_file, warehouse)
        records = [record] + records
        _write_history(sources, records)
        _prune(sources, records)
    return Applied(report, found, record)


def rollback_choices(sources: Path) -> list[dict]:
    """The last five versions other than the one in use, newest first; only versions with the
    schema of the one in use (the pages cannot read a warehouse of another schema)."""
    records = history(sources)
    if not records:
        return []
    current, schema = records[0]["file"], records[0].get("schema")
    seen, choices = {current}, []
    for record in records[1:]:
        if record.get("schema") != schema:
            continue
        if record["file"] not in seen and (versions_dir(sources) / record["file"]).exists():
            seen.add(record["file"])
            choices.append(record)
    return choices[:ROLLBACK_CHOICES]


def roll_back(sources: Path, warehouse: Path, version_id: str, who: str) -> dict:
    """Put an earlier version back in one rename, with the uploads list it was built from."""
    sources, warehouse = Path(sources), Path(warehouse)
    with _apply_lock:
        target = next((r for r in rollback_choices(sources) if r["id"] == version_id), None)
        if target is None:
            raise KeyError(f"no version {version_id!r} among the last {ROLLBACK_CHOICES}")
        version_file = versions_dir(sources) / target["file"]
        write_uploads(sources, target["uploads"])
        install(version_file, warehouse)
        record = {**target, "date": _now(), "who": who, "action": "rollback",
                  "rolled_back_to": target["id"]}
        _write_history(sources, [record] + history(sources))
    return record
