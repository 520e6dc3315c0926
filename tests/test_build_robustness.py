"""Files a user may hand the build by mistake: each is a message naming the file, exit 1, warehouse intact."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl.build import build_warehouse
from etl.cli import main
from etl.errors import InputError
from etl.plan import plan_inputs

PROJECT_DIR = Path(__file__).resolve().parents[1]
UPR_HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session"
UPR_ROW = "Kazakhstan,Asia,,Do {n},France,WEOG,,Accepted,4,Justice,7"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, shared_data) -> Path:
    path = tmp_path_factory.mktemp("good") / "warehouse.duckdb"
    build_warehouse(plan_inputs([shared_data / "vdem_demspaces"]), path, log=lambda line: None)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(warehouse: Path, args: list[str], capsys) -> str:
    """Run a build that must fail; return its first error line after checking exit code and warehouse."""
    before = _digest(warehouse)
    code = main(["build", "--db", str(warehouse), *args])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    assert "previous warehouse is unchanged" in err
    assert _digest(warehouse) == before
    assert not [p for p in warehouse.parent.iterdir() if ".building-" in p.name]
    return err.splitlines()[0]


def _recommendation_texts(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT text FROM recommendation ORDER BY text").fetchall()]


def test_an_empty_folder_says_there_is_nothing_to_load(tmp_path, warehouse, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    message = _refused(warehouse, [str(folder)], capsys)
    assert "inbox" in message and "nothing to load: no files found" in message


def test_a_folder_of_unrecognised_files_lists_them(tmp_path, warehouse, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.csv").write_text("hello world\nthis is not data\n", encoding="utf-8")
    message = _refused(warehouse, [str(folder)], capsys)
    assert "nothing to load" in message
    assert "inbox/notes.csv: format not recognised" in message


def test_nan_in_a_publisher_csv_names_row_and_column(tmp_path, warehouse, capsys, shared_data):
    source = shared_data / "owid_grapher_vdem" / "freedom-of-expression-index_central_asia.csv"
    lines = source.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "expression.csv"
    path.write_text("\n".join(lines[:3] + ["Uzbekistan,UZB,2024,NaN,"]) + "\n", encoding="utf-8")
    message = _refused(warehouse, [str(path)], capsys)
    assert message.startswith("error: expression.csv, row 4, column 'Freedom of expression")
    assert "not a number (NaN" in message


def test_a_file_deleted_during_the_build_is_named(tmp_path, warehouse):
    path = tmp_path / "upr.csv"
    path.write_text(UPR_HEADER + "\n" + UPR_ROW.format(n=1) + "\n", encoding="utf-8")
    plan = plan_inputs([path])
    before = _digest(warehouse)
    # the build logs "[1/1] upr.csv" just before it reads the file: remove it then
    with pytest.raises(InputError) as raised:
        build_warehouse(plan, warehouse, log=lambda line: path.unlink(missing_ok=True))
    assert raised.value.file == "upr.csv"
    assert "removed or moved during the build" in raised.value.detail
    assert _digest(warehouse) == before


def test_a_stray_value_in_the_last_cell_of_a_workbook_is_refused_before_loading(tmp_path, warehouse, capsys):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(UPR_HEADER.split(","))
    sheet.append(UPR_ROW.format(n=1).split(","))
    sheet["XFD1048576"] = "x"
    path = tmp_path / "upr.xlsx"
    workbook.save(path)
    message = _refused(warehouse, [str(path)], capsys)
    assert "upr.xlsx" in message and "A1:XFD1048576" in message
    assert "1,048,576 rows x 16,384 columns" in message


def test_a_named_pipe_is_refused_without_opening_it(tmp_path, warehouse, capsys):
    pipe = tmp_path / "upr.csv"
    os.mkfifo(pipe)
    message = _refused(warehouse, [str(pipe)], capsys)
    assert "upr.csv" in message and "named pipe" in message


def test_a_named_pipe_in_a_folder_is_skipped(tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    os.mkfifo(folder / "stream.csv")
    (folder / "upr.csv").write_text(UPR_HEADER + "\n" + UPR_ROW.format(n=1) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert main(["build", "--db", str(db), str(folder)]) == 0
    out = capsys.readouterr().out
    assert "skipped inbox/stream.csv: not a regular file: it is a named pipe (FIFO)" in out
    assert _recommendation_texts(db) == ["Do 1"]


def test_dev_urandom_is_not_called_an_empty_file(warehouse, capsys):
    message = _refused(warehouse, ["/dev/urandom"], capsys)
    assert "urandom" in message and "character device" in message
    assert "empty" not in message


def test_random_bytes_in_a_file_are_not_called_empty(tmp_path, warehouse, capsys):
    path = tmp_path / "random.csv"
    path.write_bytes(os.urandom(200_000))
    message = _refused(warehouse, [str(path)], capsys)
    assert "random.csv" in message and "empty" not in message


def test_a_nul_byte_after_the_first_64_kb_is_refused_at_its_row(tmp_path, warehouse, capsys):
    rows = [UPR_ROW.format(n=f"{n} " + "y" * 80) for n in range(1000)]
    path = tmp_path / "upr.csv"
    path.write_text("\n".join([UPR_HEADER, *rows, UPR_ROW.format(n="\0 z")]) + "\n", encoding="utf-8")
    assert path.stat().st_size > 65536
    message = _refused(warehouse, [str(path)], capsys)
    assert "upr.csv, row 1002" in message and "0x00" in message


def test_a_ten_megabyte_cell_is_named_as_such(tmp_path, warehouse, capsys):
    path = tmp_path / "upr.csv"
    path.write_text(UPR_HEADER + "\n" + UPR_ROW.format(n="x" * 10_000_000) + "\n", encoding="utf-8")
    message = _refused(warehouse, [str(path)], capsys)
    assert "upr.csv, row 2" in message and "a record of 10,000,0" in message and "bytes, longer than" in message


def test_mixed_crlf_and_lf_line_ends_load_every_row(tmp_path):
    path = tmp_path / "upr.csv"
    path.write_bytes((UPR_HEADER + "\r\n" + UPR_ROW.format(n=1) + "\n" + UPR_ROW.format(n=2) + "\r\n"
                      + UPR_ROW.format(n=3) + "\n").encode())
    db = tmp_path / "w.duckdb"
    build_warehouse(plan_inputs([path]), db, log=lambda line: None)
    assert _recommendation_texts(db) == ["Do 1", "Do 2", "Do 3"]


def test_db_refuses_to_overwrite_an_input(tmp_path, capsys):
    path = tmp_path / "upr.csv"
    path.write_text(UPR_HEADER + "\n" + UPR_ROW.format(n=1) + "\n", encoding="utf-8")
    before = path.read_bytes()
    assert main(["build", "--db", str(path), str(path)]) == 1
    assert "also an input of this build; refusing to overwrite it" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_db_refuses_to_overwrite_a_file_that_is_not_a_warehouse(tmp_path, capsys):
    path = tmp_path / "upr.csv"
    path.write_text(UPR_HEADER + "\n" + UPR_ROW.format(n=1) + "\n", encoding="utf-8")
    other = tmp_path / "report.docx"
    other.write_bytes(b"PK\x03\x04 not a warehouse")
    assert main(["build", "--db", str(other), str(path)]) == 1
    err = capsys.readouterr().err
    assert "report.docx" in err and "not a warehouse" in err
    assert other.read_bytes() == b"PK\x03\x04 not a warehouse"


def test_db_overwrites_an_earlier_warehouse(tmp_path, warehouse):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(warehouse.read_bytes())
    path = tmp_path / "upr.csv"
    path.write_text(UPR_HEADER + "\n" + UPR_ROW.format(n=1) + "\n", encoding="utf-8")
    assert main(["build", "--db", str(copy), str(path)]) == 0
    assert _recommendation_texts(copy) == ["Do 1"]


def _kill_a_build(db: Path, inputs: list[Path]) -> int:
    """Start a build in a child process, kill -9 it once its building file exists; its pid. Its
    temporary files go to <db folder>/tmp."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR), "TMPDIR": str(db.parent / "tmp")}
    child = subprocess.Popen([sys.executable, "-m", "etl", "build", "--db", str(db), *map(str, inputs)],
                             cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not list(db.parent.glob(f".{db.name}.building-{child.pid}*")):
        assert child.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "no building file appeared"
        time.sleep(0.05)
    time.sleep(0.5)
    child.send_signal(signal.SIGKILL)
    child.wait()
    return child.pid


@pytest.mark.slow
def test_a_build_removes_leftovers_of_killed_builds(tmp_path, shared_data):
    db = tmp_path / "warehouse.duckdb"
    (tmp_path / "tmp").mkdir()
    build_warehouse(plan_inputs([shared_data / "vdem_demspaces"]), db, log=lambda line: None)
    before = _digest(db)
    first = _kill_a_build(db, [shared_data])
    assert (db.parent / f".{db.name}.building-{first}").exists()
    second = _kill_a_build(db, [shared_data])
    # the second build cleared the first one's file when it started
    assert not list(db.parent.glob(f".{db.name}.building-{first}*"))
    assert (db.parent / f".{db.name}.building-{second}").exists()
    # DuckDB spills to <database>.tmp beyond its memory limit; give the killed build one
    spill = db.parent / f".{db.name}.building-{second}.tmp"
    spill.mkdir(exist_ok=True)
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 4096)
    # and its folder of normalised text copies (in the temp folder, named by its process id)
    copies = tmp_path / "tmp" / f"etl-text-{second}-x1y2"
    copies.mkdir(exist_ok=True)
    (copies / "copy.csv").write_text("a,b\n", encoding="utf-8")
    assert _digest(db) == before, "a killed build damaged the warehouse"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR), "TMPDIR": str(tmp_path / "tmp")}
    subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db), str(shared_data / "vdem_demspaces")],
                   cwd=PROJECT_DIR, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert sorted(p.name for p in db.parent.iterdir()) == ["tmp", "warehouse.duckdb"]
    assert not [p.name for p in (tmp_path / "tmp").iterdir() if p.name.startswith((f"etl-text-{first}-",
                                                                                  f"etl-text-{second}-"))]


def test_check_with_nothing_to_load_says_so(tmp_path, capsys):
    folder = tmp_path / "inbox"
    folder.mkdir()
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "inbox: nothing to load: no files found" in err and "Traceback" not in err
