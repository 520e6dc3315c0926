"""App tests of the Manage data page: sign-in and lockout, upload, check, apply, roll back."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.proto.TextInput_pb2 import TextInput as TextInputProto
from streamlit.testing.v1 import AppTest

from apptest_support import default_where
from etl.password import GUARD, set_password
from etl.versions import history

PROJECT_DIR = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
UPR_CSV = "upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.csv"


@pytest.fixture
def site(tmp_path, monkeypatch, demo_warehouse) -> dict:
    """A data folder (sources.yml: the demo), its warehouse, and a secrets folder outside both."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yml").write_text("sources:\n  - demo: true\n", encoding="utf-8")
    warehouse = data / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, warehouse)
    monkeypatch.setenv("ROCA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("ROCA_SOURCES", str(data / "sources.yml"))
    monkeypatch.setenv("ROCA_SECRETS_DIR", str(tmp_path / "secrets"))
    GUARD.reset()
    yield {"data": data, "warehouse": warehouse, "sources": data / "sources.yml"}
    GUARD.reset()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def direct(warehouse: Path, query: str) -> list:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def open_manage() -> AppTest:
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=180)
    at.run()
    at.switch_page("views/manage.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, password: str, name: str = "Aida") -> AppTest:
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_no_password_means_no_page(site):
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/manage.py")
    set_password(PASSWORD)                  # once a password is set, the page exists
    at.run()
    at.switch_page("views/manage.py")
    at.run()
    assert [t.value for t in at.title] == ["Manage data"]


def test_set_password_reads_stdin_and_stores_only_a_salted_hash(site, tmp_path):
    done = subprocess.run([sys.executable, "-m", "etl", "set-password"], input=PASSWORD + "\n",
                          capture_output=True, text=True, cwd=PROJECT_DIR, timeout=60)
    assert done.returncode == 0, done.stderr
    stored = tmp_path / "secrets" / "manager-password.json"
    text = stored.read_text(encoding="utf-8")
    assert PASSWORD not in text and '"algorithm": "scrypt"' in text and '"salt"' in text
    assert stored.stat().st_mode & 0o077 == 0
    assert not stored.resolve().is_relative_to(PROJECT_DIR)
    first_hash = text
    subprocess.run([sys.executable, "-m", "etl", "set-password"], input=PASSWORD + "\n",
                   capture_output=True, text=True, cwd=PROJECT_DIR, timeout=60, check=True)
    assert stored.read_text(encoding="utf-8") != first_hash          # a new salt each time
    short = subprocess.run([sys.executable, "-m", "etl", "set-password"], input="short\n",
                           capture_output=True, text=True, cwd=PROJECT_DIR, timeout=60)
    assert short.returncode == 1 and "at least 10 characters" in short.stderr


def test_wrong_password_refused_and_locked_after_five(site):
    set_password(PASSWORD)
    at = open_manage()
    assert not at.file_uploader
    for left in (4, 3, 2, 1):
        sign_in(at, "wrong password")
        assert [e.value for e in at.error] == [
            f"Wrong password. Attempts left before sign-in is locked: {left}"]
    sign_in(at, "wrong password")
    assert [e.value for e in at.error] == [
        "Sign-in is locked after five failed attempts; try again in 15 min."]
    sign_in(at, PASSWORD)                     # the right password, but sign-in is locked
    assert "locked" in at.error[0].value
    assert not at.file_uploader and "dm_user" not in at.session_state
    other = open_manage()                     # a fresh session is locked too
    sign_in(other, PASSWORD)
    assert "locked" in other.error[0].value and not other.file_uploader


def test_read_only_users_see_no_upload_controls(site):
    set_password(PASSWORD)
    at = open_manage()
    assert not at.file_uploader
    assert [b.label for b in at.button] == ["Sign in"]
    assert at.text_input[1].proto.type == TextInputProto.PASSWORD


def test_malformed_upload_refused_with_file_row_column_and_warehouse_unchanged(site):
    set_password(PASSWORD)
    before = sha(site["warehouse"])
    at = sign_in(open_manage(), PASSWORD)
    bad = (b"country_name,year,press_freedom_score_rsf,press_freedom_status_rsf\n"
           b"Kazakhstan,2013,25.2,2\nKazakhstan,2014,twenty,2\n")
    at.file_uploader[0].upload("../../etc/rsf scores.csv", bad, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Refused: fix these problems and upload the file again." in [e.value for e in at.error]
    problems = at.dataframe[0].value
    assert problems.to_dict("records") == [{
        "File": "rsf scores.csv", "Row": 3, "Column": "press_freedom_score_rsf",
        "Problem": "value 'twenty' is not a number (expected a number or an empty cell)"}]
    stored = list((site["data"] / "uploads").iterdir())
    assert [p.name for p in stored] == [hashlib.sha256(bad).hexdigest() + ".csv"]
    assert sha(site["warehouse"]) == before
    assert not (site["data"] / "uploads.yml").exists()


@pytest.mark.slow
def test_upload_check_apply_rows_visible_cli_rebuild_and_roll_back(site, shared_data):
    set_password(PASSWORD)
    warehouse = site["warehouse"]
    before_hash = sha(warehouse)
    (before,), = direct(warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(warehouse)}")
    (received_before,), = direct(warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(warehouse)} AND NOT is_pledge")
    at = sign_in(open_manage(), PASSWORD)
    real = shared_data / UPR_CSV
    at.file_uploader[0].upload(real.name, real.read_bytes(), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Checked: ready to apply." in [s.value for s in at.success]
    checked = at.dataframe[0].value.iloc[0]
    assert (checked["Format"], checked["Rows read"], checked["Rows loaded"]) == ("upr_info", 729, 729)
    assert (checked["Countries"], checked["Years"], checked["Recommendations"], checked["Indicators"]) == \
        ("KAZ KGZ TKM UZB", "2008–2014", 729, 0)
    at.button(key="dm_apply").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The new warehouse is in use. What changed:" in [s.value for s in at.success]
    changes = at.dataframe[0].value
    assert changes.to_dict("records") == [{"Table": "recommendation", "Source": real.name,
                                           "Rows added": 729, "Rows removed": 0}]
    (after,), = direct(warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(warehouse)}")
    (from_file,), = direct(warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(warehouse)} "
                                      "AND source_id LIKE 'upr_info:%'")
    assert after == before + from_file and from_file > 0
    # the new rows are on the Recommendations page of the same session
    at.switch_page("views/recommendations.py")
    at.run()
    assert not at.exception
    (received,), = direct(warehouse, f"SELECT count(*) FROM recommendation WHERE {default_where(warehouse)} AND NOT is_pledge")
    assert int(at.metric[0].value.replace(",", "")) == received      # pledges are not recommendations received
    # the upload is kept by sha256 and listed, so a plain command-line build gives the same data
    digest = sha(real)
    listed = (site["data"] / "uploads.yml").read_text(encoding="utf-8")
    assert f"path: uploads/{digest}.csv" in listed and f"name: {real.name}" in listed
    rebuilt = site["data"] / "rebuilt.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(rebuilt)], cwd=PROJECT_DIR,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for table in ("observation", "recommendation", "ratification", "event", "implementation"):
        query = f"SELECT * EXCLUDE (source_id) FROM {table} ORDER BY ALL"
        assert direct(rebuilt, query) == direct(warehouse, query), table
    assert direct(rebuilt, "SELECT file, sha256 FROM source ORDER BY 1") == \
        direct(warehouse, "SELECT file, sha256 FROM source ORDER BY 1")
    # history: who, sources with sha256; roll back to the version before the apply
    records = history(site["sources"])
    assert [r["action"] for r in records] == ["apply", "initial"]
    assert records[0]["who"] == "Aida"
    assert {"file": real.name, "sha256": digest} in records[0]["sources"]
    at.switch_page("views/manage.py")
    at.run()
    assert at.selectbox(key="dm_rollback").options[0].endswith("before the first update")
    at.button(key="dm_rollback_button").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(s.value.startswith("Rolled back to") for s in at.success)
    assert sha(warehouse) == before_hash
    assert "sources: []" in (site["data"] / "uploads.yml").read_text(encoding="utf-8")
    at.switch_page("views/recommendations.py")
    at.run()
    assert int(at.metric[0].value.replace(",", "")) == received_before


def test_more_files_than_allowed_are_refused_and_russian_labels(site):
    set_password(PASSWORD)
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=180)
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("views/manage.py")
    at.run()
    assert [t.value for t in at.title] == ["Управление данными"]
    assert [b.label for b in at.button] == ["Войти"]
    sign_in(at, PASSWORD)
    files = [(f"file{n}.csv", f"a,b\n{n},2\n".encode(), "text/csv") for n in range(11)]
    at.file_uploader[0].set_value(files)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["Не более 10 файлов за раз."]
    assert not (site["data"] / "uploads").exists()
