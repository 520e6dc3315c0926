"""Readers recognise formats by structure: sniffers never raise, known header variants and mappings load."""
from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import duckdb
import pytest

from etl.build import build_warehouse
from etl.cli import main
from etl.errors import InputError
from etl.plan import plan_inputs, plan_sources
from etl.readers import READERS, detect
from etl.readers.metadata import skip_reason
from etl.readers.upr_info import UprInfoReader
from etl.reference import load_sources_file

UPR_HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session"
RENAMED = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROW = "Kazakhstan,Asia,,Ratify the Convention against Torture,C\u00f4te d'Ivoire,Africa,,Accepted,4,Torture and other CID treatment,7"
REAL_UPR = "upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.csv"
# Heads a sniffer may be handed for a path whose content says otherwise.
LYING_HEADS = [b"", b"PK\x03\x04" + b"\0" * 26, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 24,
               (UPR_HEADER + "\n").encode(), (RENAMED + "\r").encode(), b"Participant,Signature\n",
               b"<?xml version='1.0'?><message:StructureSpecificData>",
               b"country,indicator,year,value\n", b"\xff\xfe" + "SuR".encode("utf-16-le")]


def _odd_files(folder: Path) -> dict[str, Path]:
    noise = random.Random(9)
    text = f"{UPR_HEADER}\n{ROW}\n"
    files = {
        "cr_only.csv": (UPR_HEADER + "\r" + ROW + "\r").encode("mac_roman"),
        "utf16_bom.csv": text.encode("utf-16"),
        "utf16le_no_bom.csv": text.encode("utf-16-le"),
        "utf16be_no_bom.csv": text.encode("utf-16-be"),
        "binary.csv": noise.randbytes(70_000),
        "empty.csv": b"",
        "bom_only.csv": b"\xef\xbb\xbf",
        "nul_only.csv": b"\0" * 4096,
        "huge_line.csv": b"a," * 3_000_000,
        "unbalanced_quote.csv": ('"' + UPR_HEADER + "\nx\r\n\"y\r").encode(),
        "zip_garbage.xlsx": b"PK\x03\x04" + noise.randbytes(5000),
        "ole_garbage.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + noise.randbytes(5000),
        "xml_garbage.xml": b"<?xml version='1.0'?><StructureSpecificData><<<" + noise.randbytes(100),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(content)
    paths["fifo.csv"] = folder / "fifo.csv"
    os.mkfifo(paths["fifo.csv"])
    for name in ("folder.xlsx", "folder.csv"):
        paths[name] = folder / name
        paths[name].mkdir()
    return paths


def _head(path: Path) -> bytes:
    if not path.is_file():
        return b""
    with open(path, "rb") as handle:
        return handle.read(65536)


def _finishes(call) -> tuple[bool, object]:
    """Run `call` in a thread; (finished, result or exception). A sniffer that opens a FIFO never finishes."""
    outcome = {}

    def run():
        try:
            outcome["result"] = call()
        except BaseException as error:   # noqa: BLE001 - the test reports it
            outcome["result"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    return not thread.is_alive(), outcome.get("result")


def test_no_sniffer_raises_or_blocks_on_odd_files(tmp_path):
    paths = _odd_files(tmp_path)
    problems = []
    for name, path in paths.items():
        for head in [_head(path), *LYING_HEADS]:
            for reader in READERS:
                finished, result = _finishes(lambda: reader.sniff(path, head))
                if not finished or not isinstance(result, bool):
                    problems.append((reader.name, name, head[:12], "blocked" if not finished else repr(result)))
            finished, result = _finishes(lambda: skip_reason(path, head))
            if not finished or isinstance(result, BaseException):
                problems.append(("metadata", name, head[:12], repr(result)))
        finished, result = _finishes(lambda: detect(path))
        if not finished or isinstance(result, BaseException):
            problems.append(("detect", name, b"", repr(result)))
    assert problems == []
    assert len(paths) >= 16 and len(READERS) >= 12


def test_odd_files_in_a_folder_are_skipped_with_reasons(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    paths = _odd_files(folder)
    plan = plan_inputs([folder])
    skipped = dict(plan.skipped)
    # UPR Info headers (CR-only, UTF-16 with or without BOM, one behind a stray quote) and an
    # XML root claim six files
    assert sorted((p.path.name, p.reader.name) for p in plan.files) == [
        ("cr_only.csv", "upr_info"), ("unbalanced_quote.csv", "upr_info"),
        ("utf16_bom.csv", "upr_info"), ("utf16be_no_bom.csv", "upr_info"),
        ("utf16le_no_bom.csv", "upr_info"), ("xml_garbage.xml", "sdmx")]
    assert skipped["inbox/fifo.csv"] == "not a regular file: it is a named pipe (FIFO)"
    assert skipped["inbox/empty.csv"] == "empty file"
    assert skipped["inbox/binary.csv"] == "format not recognised"
    assert len(plan.files) + len(plan.skipped) == len(paths) - 2   # the two folders are walked into


def test_every_odd_file_named_alone_builds_or_gives_a_message(tmp_path, capsys):
    (tmp_path / "inbox").mkdir()
    paths = _odd_files(tmp_path / "inbox")
    outcomes = {}
    for name, path in paths.items():
        code = main(["build", "--db", str(tmp_path / "w.duckdb"), str(path)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, name
        outcomes[name] = code if code == 0 else captured.err.splitlines()[0]
    assert [name for name, outcome in outcomes.items() if outcome == 0] == [
        "cr_only.csv", "utf16_bom.csv", "utf16le_no_bom.csv", "utf16be_no_bom.csv"]
    for name, outcome in outcomes.items():
        assert outcome == 0 or outcome.startswith(f"error: {name}"), (name, outcome)
    assert "named pipe" in outcomes["fifo.csv"] and "empty file" in outcomes["empty.csv"]
    assert "nothing to load: no files found" in outcomes["folder.xlsx"]


# The real export is ASCII; the re-saved copy gets one row with the accents Mac Roman encodes.
ACCENTED = ("Kazakhstan,Asia,,Garantir l\u2019acc\u00e8s \u00e0 la justice (r\u00e9forme),C\u00f4te d'Ivoire,"
            "Africa,,Accepted,4,Justice,20")


def _renamed_mac_roman_cr_copy(source: Path, target: Path) -> None:
    text = source.read_bytes().decode("utf-8-sig")
    body = text.split("\n", 1)[1].replace("\r\n", "\n").rstrip("\n") + "\n" + ACCENTED + "\n"
    target.write_bytes((RENAMED + "\r" + body.replace("\n", "\r")).encode("mac_roman"))


def _recommendations(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT country_iso3, recommending_state, session, text, response, is_pledge "
                            "FROM recommendation ORDER BY ALL").fetchall()


def test_the_renamed_mac_roman_cr_only_layout_loads_as_the_original(tmp_path, shared_data):
    original = shared_data / REAL_UPR
    renamed = tmp_path / "upr_renamed.csv"
    _renamed_mac_roman_cr_copy(original, renamed)
    assert b"\n" not in renamed.read_bytes() and b"\r" in renamed.read_bytes()
    assert isinstance(detect(renamed), UprInfoReader)
    build_warehouse(plan_inputs([original]), tmp_path / "a.duckdb", log=lambda line: None)
    build_warehouse(plan_inputs([renamed]), tmp_path / "b.duckdb", log=lambda line: None)
    expected = _recommendations(tmp_path / "a.duckdb")
    assert len(expected) == 729
    added = ("KAZ", "C\u00f4te d'Ivoire", 20, "Garantir l\u2019acc\u00e8s \u00e0 la justice (r\u00e9forme)",
             "supported", False)
    assert _recommendations(tmp_path / "b.duckdb") == sorted(expected + [added])


NEAR = ("State under review,Region,Text,Recommending state,Position,Category,Themes,Session\n"
        "Kazakhstan,Asia,Ratify OP-CAT,France,Accepted,4,Torture and other CID treatment,7\n"
        "Uzbekistan,Asia,Abolish exit visas,Germany,Noted,5,Freedom of movement,3\n")


def test_a_near_match_says_what_it_looks_like_and_how_to_map_it(tmp_path, capsys):
    path = tmp_path / "upr_other.csv"
    path.write_text(NEAR, encoding="utf-8")
    assert main(["build", "--db", str(tmp_path / "w.duckdb"), str(path)]) == 1
    message = capsys.readouterr().err.splitlines()[0]
    assert message.startswith("error: upr_other.csv, row 1: format not recognised: this looks like a UPR Info export")
    assert ("columns: {SuR: 'State under review', Recommendation: 'Text', RS: 'Recommending state', "
            "Response: 'Position', Action: 'Category', Issue: 'Themes', Session: 'Session'}") in message
    assert not (tmp_path / "w.duckdb").exists()


def test_a_column_mapping_in_sources_yml_loads_another_layout(tmp_path):
    (tmp_path / "upr_other.csv").write_text(NEAR, encoding="utf-8")
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - path: upr_other.csv\n    format: upr_info\n"
        "    columns: {SuR: 'State under review', SuR-Rgrp: Region, Recommendation: Text,\n"
        "              RS: 'Recommending state', Response: Position, Action: Category,\n"
        "              Issue: Themes, Session: Session}\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    build_warehouse(plan_sources(load_sources_file(sources)), db, log=lambda line: None)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT country_iso3, recommending_state, session, text, response, "
                           "action_category FROM recommendation ORDER BY country_iso3").fetchall()
    assert [(r[0], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("KAZ", 7, "Ratify OP-CAT", "supported", 4), ("UZB", 3, "Abolish exit visas", "noted", 5)]


def test_a_mapping_to_a_missing_column_is_named(tmp_path):
    (tmp_path / "upr_other.csv").write_text(NEAR, encoding="utf-8")
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - path: upr_other.csv\n    format: upr_info\n"
        "    columns: {SuR: State, Recommendation: Text, RS: 'Recommending state', Response: Position,\n"
        "              Action: Category, Issue: Themes, Session: Session}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        build_warehouse(plan_sources(load_sources_file(sources)), tmp_path / "w.duckdb", log=lambda line: None)
    assert raised.value.row == 1 and raised.value.column == "State"
    assert "mapped to SuR" in raised.value.detail
