"""Real-browser test of the Manage data page: wrong password refused, a real export uploaded,
checked and applied while two other sessions keep using the app (no error, then the new rows),
and a roll back. `streamlit run` on a copy of the demo warehouse, Debian's Chromium."""
from __future__ import annotations

import shutil
import time

import duckdb
import pytest
from playwright.sync_api import sync_playwright

from apptest_support import default_where
from browser_support import VIEWPORT, StreamlitServer, exception_texts, launch_chromium, open_app, wait_for_app
from etl.password import set_password

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
UPR_CSV = "upr_info_export/upr_info_export_sessions01-09_17-20_central_asia.csv"


def count(warehouse) -> int:
    """Recommendations received (voluntary pledges are not counted), as the Recommendations page counts."""
    where = default_where(warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM recommendation WHERE {where} AND NOT is_pledge").fetchone()[0]


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def metric(page) -> int:
    found = page.locator('[data-testid="stMetric"]').filter(has_text="Matching recommendations")
    return int(found.locator('[data-testid="stMetricValue"]').inner_text().strip().replace(",", ""))


def rerun(page, turn: int) -> None:
    """Rerun an observer's session by changing its search box (empty on even turns)."""
    box = page.get_by_role("textbox", name="Search the recommendation texts")
    box.fill("" if turn % 2 == 0 else "the")
    box.press("Enter")
    wait_for_app(page, timeout_ms=120_000)


def test_upload_apply_and_roll_back_while_two_sessions_stay_open(tmp_path, monkeypatch, demo_warehouse,
                                                                 shared_data):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yml").write_text("sources:\n  - demo: true\n", encoding="utf-8")
    warehouse = data / "warehouse.duckdb"
    shutil.copyfile(demo_warehouse, warehouse)
    monkeypatch.setenv("ROCA_SECRETS_DIR", str(tmp_path / "secrets"))
    set_password(PASSWORD)
    before = count(warehouse)
    env = {"ROCA_SOURCES": str(data / "sources.yml"), "ROCA_SECRETS_DIR": str(tmp_path / "secrets")}
    with StreamlitServer(warehouse, extra_env=env) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            observers = [browser.new_context(viewport=VIEWPORT).new_page() for _ in range(2)]
            for page in observers:
                open_app(page, server.url("recommendations"), timeout_ms=180_000)
                assert metric(page) == before
            manager = browser.new_context(viewport=VIEWPORT).new_page()
            open_app(manager, server.url("manage"), timeout_ms=180_000)
            assert manager.locator('input[type="file"]').count() == 0
            manager.get_by_label("Your name (recorded in the history)").fill("Aida")
            manager.get_by_label("Data manager password").fill("not the password")
            manager.get_by_role("button", name="Sign in").click()
            wait_for_app(manager, timeout_ms=120_000)
            assert "Wrong password. Attempts left before sign-in is locked: 4" in main_text(manager)
            assert manager.locator('input[type="file"]').count() == 0
            manager.get_by_label("Data manager password").fill(PASSWORD)
            manager.get_by_role("button", name="Sign in").click()
            wait_for_app(manager, timeout_ms=120_000)
            manager.locator('input[type="file"]').set_input_files(str(shared_data / UPR_CSV))
            manager.get_by_text("Checked: ready to apply.").wait_for(timeout=180_000)
            wait_for_app(manager, timeout_ms=120_000)
            manager.get_by_role("button", name="Apply", exact=True).click()
            reruns, deadline = 0, time.monotonic() + 300
            while manager.get_by_text("The new warehouse is in use").count() == 0:
                assert time.monotonic() < deadline, server.log_tail()
                for page in observers:
                    rerun(page, reruns)
                    assert exception_texts(page) == [], server.log_tail()
                reruns += 1
            after = count(warehouse)
            assert after > before
            for page in observers:
                rerun(page, 1)      # two turns: whichever the loop ended on, the search box changes at least
                rerun(page, 0)      # once (an unchanged box starts no run) and ends empty
                assert exception_texts(page) == [], server.log_tail()
                assert metric(page) == after
            assert exception_texts(manager) == []
            manager.get_by_role("button", name="Roll back", exact=True).click()
            manager.get_by_text("Rolled back to").wait_for(timeout=120_000)
            for page in observers:
                rerun(page, 1)
                rerun(page, 0)
                assert exception_texts(page) == [], server.log_tail()
                assert metric(page) == before
            print(f"observer reruns during the apply: {reruns * len(observers)}")
            assert reruns >= 1
        finally:
            browser.close()
    assert count(warehouse) == before
