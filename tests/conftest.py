"""Shared fixtures: real data folder, and warehouses built once per session (demo and real)."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from etl.build import build_warehouse
from settings import DEFAULT_SOURCES
from etl.plan import plan_inputs, plan_sources
from etl.reference import load_sources_file

PROJECT_DIR = Path(__file__).resolve().parents[1]
SHARED_DATA = PROJECT_DIR.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    assert SHARED_DATA.is_dir(), f"real data folder missing: {SHARED_DATA}"
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory) -> Path:
    """The default build (data/sources.yml: the demonstration dataset)."""
    path = tmp_path_factory.mktemp("demo") / "warehouse.duckdb"
    build_warehouse(plan_sources(load_sources_file(DEFAULT_SOURCES)), path, log=lambda line: None)
    return path


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory, shared_data) -> Path:
    """Everything in ../shared/data."""
    path = tmp_path_factory.mktemp("real") / "warehouse.duckdb"
    build_warehouse(plan_inputs([shared_data]), path, log=lambda line: None)
    return path


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
