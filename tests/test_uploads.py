"""Uploads and warehouse versions without the page: bounds, generated names, failed applies, history."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from etl import uploads, versions
from etl.errors import InputError, InputErrors
from etl.password import SignInGuard, set_password
from etl.uploads import display_name, store_upload
from etl.versions import apply_uploads, history, rollback_choices


@pytest.fixture
def data(tmp_path, demo_warehouse) -> dict:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "sources.yml").write_text("sources:\n  - demo: true\n", encoding="utf-8")
    shutil.copyfile(demo_warehouse, folder / "warehouse.duckdb")
    return {"sources": folder / "sources.yml", "warehouse": folder / "warehouse.duckdb", "folder": folder}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_uploads_are_stored_under_generated_names_within_bounds(data, monkeypatch):
    stored = store_upload(data["sources"], b"a,b\n1,2\n", "../../../etc/passwd.csv")
    assert stored.path == f"uploads/{hashlib.sha256(b'a,b' + bytes([10]) + b'1,2' + bytes([10])).hexdigest()}.csv"
    assert stored.name == "passwd.csv"
    assert not (data["folder"].parent / "etc").exists()
    odd = store_upload(data["sources"], b"x", "report.exe")
    assert odd.path == f"uploads/{hashlib.sha256(b'x').hexdigest()}"           # unknown suffix dropped
    assert display_name("C:\\Users\\a\\data\x00\x1b[31m.csv") == "data[31m.csv"
    monkeypatch.setattr(uploads, "MAX_BYTES", 10)
    with pytest.raises(InputError, match="at most"):
        store_upload(data["sources"], b"0123456789A", "big.csv")
    with pytest.raises(InputError, match="empty file"):
        store_upload(data["sources"], b"", "empty.csv")


def test_a_failed_apply_changes_nothing(data):
    before = sha(data["warehouse"])
    bad = store_upload(data["sources"], b"country_name,year,press_freedom_score_rsf\nKazakhstan,2014,twenty\n",
                       "rsf.csv")
    with pytest.raises((InputError, InputErrors)) as raised:
        apply_uploads(data["sources"], data["warehouse"], [bad], "Aida", log=lambda line: None)
    assert "rsf.csv, row 2, column 'press_freedom_score_rsf'" in str(raised.value)
    assert sha(data["warehouse"]) == before
    assert not (data["folder"] / "uploads.yml").exists()
    assert [r["action"] for r in history(data["sources"])] == ["initial"]
    assert sorted(p.name for p in (data["folder"] / "versions").glob("*.duckdb")) == \
        [history(data["sources"])[0]["file"]]


def test_only_the_last_five_earlier_versions_are_offered_and_kept(data):
    folder = versions.versions_dir(data["sources"])
    folder.mkdir()
    records = []
    for number in range(9):
        name = f"v{number:02d}.duckdb"
        shutil.copyfile(data["warehouse"], folder / name)
        records.insert(0, {"id": name[:-7], "date": str(number), "who": "", "action": "apply",
                           "file": name, "sources": [], "uploads": []})
    (folder / "history.json").write_text(json.dumps(records), encoding="utf-8")
    assert [r["id"] for r in rollback_choices(data["sources"])] == ["v07", "v06", "v05", "v04", "v03"]
    versions._prune(data["sources"], records)
    assert sorted(p.name for p in folder.glob("*.duckdb")) == [f"v0{n}.duckdb" for n in range(3, 9)]
    with pytest.raises(KeyError):
        versions.roll_back(data["sources"], data["warehouse"], "v02", "Aida")


def test_five_failures_lock_even_the_right_password(tmp_path, monkeypatch):
    monkeypatch.setenv("ROCA_SECRETS_DIR", str(tmp_path))
    set_password("correct horse battery")
    guard = SignInGuard(lock_seconds=60)
    assert guard.attempt("correct horse battery").accepted
    results = [guard.attempt("wrong") for _ in range(5)]
    assert [r.attempts_left for r in results[:4]] == [4, 3, 2, 1]
    assert results[4].locked_seconds == 60
    assert not guard.attempt("correct horse battery").accepted
    guard.locked_until = 0.0                      # the lock has run out
    assert guard.attempt("correct horse battery").accepted


def test_first_start_builds_sources_and_listed_uploads(tmp_path, monkeypatch, shared_data):
    """With no warehouse yet, the app builds sources.yml and uploads.yml, as the command line does."""
    import duckdb
    from streamlit.testing.v1 import AppTest

    folder = tmp_path / "data"
    folder.mkdir()
    sources = folder / "sources.yml"
    sources.write_text("sources:\n  - demo: true\n", encoding="utf-8")
    real = shared_data / "upr_info_export" / "upr_info_export_voluntary_pledges_central_asia.csv"
    stored = store_upload(sources, real.read_bytes(), real.name)
    uploads.write_uploads(sources, [stored.entry("Aida")])
    warehouse = folder / "warehouse.duckdb"
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("ROCA_SOURCES", str(sources))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=300)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        files = dict(con.execute("SELECT file, sha256 FROM source").fetchall())
        pledges = con.execute("SELECT country_iso3, is_pledge FROM recommendation "
                              "WHERE source_id LIKE 'upr_info:%' ORDER BY 1").fetchall()
    assert files[real.name] == sha(real)
    assert pledges == [("KGZ", True), ("UZB", True)]     # the file's two voluntary pledges
