"""Turn command-line inputs or sources.yml into a list of files to load, each with its reader."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from etl.errors import InputError
from etl.readers import READERS_BY_NAME, detect, near_match_advice
from etl.readers.base import Reader, Skip
from etl.readers.workbook import check_sheet_size

# What a path is when it is not a regular file, for messages.
FILE_KINDS = [(stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
              (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISDIR, "a folder")]


@dataclass
class PlannedFile:
    """One file to load: where it is, how to name it in messages, its reader and options."""

    path: Path | None
    display_name: str
    reader: Reader
    options: dict = field(default_factory=dict)


@dataclass
class Plan:
    files: list[PlannedFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (display name, reason)
    inputs: list[str] = field(default_factory=list)                # files and folders given
    sources_file: Path | None = None    # the sources.yml whose publishers: list credits the files (None: the one in use)


def not_regular(path: Path) -> str | None:
    """What `path` is if it is not a regular file (a FIFO, a device, ...), else None.

    Looked up with stat(), never by opening: opening a named pipe waits for a writer.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in FILE_KINDS if test(mode)), "not a regular file")


def _check_readable(path: Path, display: str) -> None:
    if not path.exists():
        raise InputError(display, "file not found")
    kind = not_regular(path)
    if kind:
        raise InputError(display, f"not a regular file: it is {kind}", expected="a data file")
    if path.is_file() and not os.access(path, os.R_OK):
        raise InputError(display, "file is not readable (permission denied)")
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as error:
        raise InputError(display, f"file is not readable: {error.strerror}") from None


def _is_workbook(path: Path) -> bool:
    with open(path, "rb") as handle:
        magic = handle.read(8)
    return magic.startswith(b"PK\x03\x04") or magic.startswith(b"\xd0\xcf\x11\xe0")


def _plan_file(path: Path, display: str, options: dict, plan: Plan, named: bool) -> None:
    if not named:
        if not path.exists():
            plan.skipped.append((display, "file not found (a broken link?)"))
            return
        kind = not_regular(path)
        if kind:
            plan.skipped.append((display, f"not a regular file: it is {kind}"))
            return
    _check_readable(path, display)
    if path.stat().st_size == 0:
        if named:
            raise InputError(display, "empty file", expected="a header row and data rows")
        plan.skipped.append((display, "empty file"))
        return
    found = READERS_BY_NAME.get(options["format"]) if options.get("format") else detect(path)
    if isinstance(found, Skip):
        plan.skipped.append((display, found.reason))
    elif found is None:
        if _is_workbook(path):
            try:
                check_sheet_size(path, display)
            except InputError as error:
                if named:
                    raise
                plan.skipped.append((display, error.detail))
                return
        advice = near_match_advice(path)
        if advice:
            if named:
                raise InputError(display, f"format not recognised: {advice}", row=1)
            plan.skipped.append((display, f"format not recognised: {advice}"))
            return
        if named and _is_workbook(path):
            raise InputError(display, "the workbook cannot be opened: the file is truncated or corrupt",
                             expected="a complete .xlsx or .xls file")
        if named:
            raise InputError(display, "format not recognised",
                             expected="a UPR Info or UHRI export, an OWID/V-Dem/Freedom House CSV, "
                                      "Open SDG CSV, SDMX-ML, UN treaty status table or a template")
        plan.skipped.append((display, "format not recognised"))
    else:
        plan.files.append(PlannedFile(path, display, found, options))


def plan_inputs(inputs: list[Path], plan: Plan | None = None, options: dict | None = None) -> Plan:
    """Files named directly must be recognised; files found in folders are skipped with a reason."""
    plan = plan or Plan()
    for given in inputs:
        given = Path(given)
        plan.inputs.append(str(given) if not given.is_absolute() else given.name)
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if not p.is_dir()):
                if any(part.startswith(".") for part in path.relative_to(given).parts):
                    continue
                display = str(Path(given.resolve().name) / path.relative_to(given))
                _plan_file(path, display, dict(options or {}), plan, named=False)
        else:
            _plan_file(given, given.name if given.is_absolute() else str(given),
                       dict(options or {}), plan, named=True)
    return plan


def plan_sources(entries: list[dict]) -> Plan:
    """The plan for sources.yml entries (`demo: true` or `path:` with options)."""
    plan = Plan()
    for entry in entries:
        if entry.get("demo"):
            plan.inputs.append("demonstration dataset")
            plan.files.append(PlannedFile(None, "demonstration dataset", READERS_BY_NAME["demo"],
                                          {k: v for k, v in entry.items() if k != "demo"}))
        else:
            options = {k: v for k, v in entry.items() if k not in ("path", "line")}
            plan_inputs([entry["path"]], plan, options)
    return plan
