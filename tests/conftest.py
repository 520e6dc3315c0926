"""Shared fixtures: real data folder, and warehouses built once per test run (demo and real), shared
by every pytest-xdist worker; browser tests are marked slow."""
from __future__ import annotations

import datetime
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from streamlit.runtime.media_file_manager import MediaFileManager

from etl.build import build_warehouse
from settings import DEFAULT_SOURCES
from etl.plan import plan_inputs, plan_sources
from etl.reference import load_sources_file
from tests.hostile_corpus import write_corpus

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_DIR.parent / "shared" / "data"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """Every browser test is also slow (`-m "not slow"` leaves them out; the default runs them)."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder filled by `make(folder)` once per test run and shared by every xdist worker: the first
    worker to ask makes it under a file lock, the others wait for it and read the same files (the
    warehouses are opened read-only; a test that changes one works on its own copy)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent                     # the run's temporary folder, common to its workers
    folder = root / f"made-once-{name}"
    with FileLock(str(folder) + ".lock"):
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)   # a worker that failed half-way leaves no half result
            folder.mkdir()
            make(folder)
            (folder / ".complete").touch()
    return folder


@pytest.fixture(scope="session")
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"real data folder missing: {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Path:
    """The default build (data/sources.yml: the demonstration dataset)."""
    def build(folder: Path) -> None:
        build_warehouse(plan_sources(load_sources_file(DEFAULT_SOURCES)), folder / "warehouse.duckdb",
                        log=lambda line: None)
    return made_once(tmp_path_factory, "demo", build) / "warehouse.duckdb"


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory, shared_data) -> Path:
    """Everything in ../shared/data."""
    def build(folder: Path) -> None:
        build_warehouse(plan_inputs([shared_data]), folder / "warehouse.duckdb", log=lambda line: None)
    return made_once(tmp_path_factory, "real", build) / "warehouse.duckdb"


@pytest.fixture(scope="session")
def real_server(real_warehouse):
    """`streamlit run app.py` on the real warehouse, shared by the browser tests of a worker (each test
    opens its own browser context, so sessions do not mix); a test of a fresh server starts its own."""
    from browser_support import StreamlitServer
    with StreamlitServer(real_warehouse) as server:
        yield server


@pytest.fixture(scope="session")
def hostile_corpus_build(tmp_path_factory) -> tuple[Path, dict[str, list[Path]]]:
    """The hostile-data corpus (tests/hostile_corpus.py) written and built with the demonstration
    dataset: the warehouse, and the files written by the reader meant to read them."""
    def build(folder: Path) -> None:
        written = write_corpus(folder / "files")
        (folder / "written.json").write_text(
            json.dumps({name: [str(path) for path in paths] for name, paths in written.items()}), encoding="utf-8")
        build_warehouse(plan_sources([{"demo": True}, {"path": str(folder / "files")}]), folder / "warehouse.duckdb",
                        log=lambda line: None)
    folder = made_once(tmp_path_factory, "hostile", build)
    written = json.loads((folder / "written.json").read_text(encoding="utf-8"))
    return folder / "warehouse.duckdb", {name: [Path(path) for path in paths] for name, paths in written.items()}


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """File name (date part removed) -> the callable a deferred st.download_button registered;
    calling it gives the bytes the user would download."""
    registered: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered[(file_name or "").replace(f"-{datetime.date.today().isoformat()}", "")] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return registered
