"""Warehouse swaps under use: old connections close only when idle; open sessions see no error."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from concurrent_apptest import share_one_runtime
from indicators.warehouse import MAX_VERSIONS, cursor, is_open, open_versions, warehouse_key

PROJECT_DIR = Path(__file__).resolve().parents[1]
SESSIONS = 10
SWAPS = 24


def swap_in(source: Path, target: Path) -> None:
    """Replace `target` atomically with a copy of `source`, as a build does."""
    temporary = target.with_name(f".{target.name}.swap-{threading.get_ident()}")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory, demo_warehouse) -> tuple[Path, Path]:
    """Version A: the demo warehouse. Version B: the same with every source renamed '... (v2)'
    and flagged as real data."""
    folder = tmp_path_factory.mktemp("versions")
    first, second = folder / "a.duckdb", folder / "b.duckdb"
    shutil.copyfile(demo_warehouse, first)
    shutil.copyfile(demo_warehouse, second)
    con = duckdb.connect(str(second))
    con.execute("UPDATE source SET file = file || ' (v2)'")
    con.execute("UPDATE build_info SET value = 'false' WHERE key = 'is_demo'")
    con.close()
    return first, second


def test_old_version_stays_open_while_a_query_runs_on_it(tmp_path, two_versions):
    first, second = two_versions
    live = tmp_path / "warehouse.duckdb"
    swap_in(first, live)
    old_key = warehouse_key(live)
    with cursor(old_key) as old_cursor:
        time.sleep(0.01)                 # the new copy gets a later mtime, so a new key
        swap_in(second, live)
        new_key = warehouse_key(live)
        assert new_key != old_key
        with cursor(new_key) as new_cursor:
            assert new_cursor.execute("SELECT value FROM build_info WHERE key = 'is_demo'").fetchone() == ("false",)
        # the newer version is open, yet the query on the older one still runs on its data
        assert old_cursor.execute("SELECT value FROM build_info WHERE key = 'is_demo'").fetchone() == ("true",)
        assert is_open(old_key) and open_versions(live) == 2
    assert not is_open(old_key) and open_versions(live) == 1


def test_a_stale_key_is_served_the_current_file(tmp_path, two_versions):
    first, second = two_versions
    live = tmp_path / "warehouse.duckdb"
    swap_in(first, live)
    old_key = warehouse_key(live)
    with cursor(old_key) as cur:
        cur.execute("SELECT 1").fetchall()
    swap_in(second, live)
    with cursor(warehouse_key(live)) as cur:
        cur.execute("SELECT 1").fetchall()
    assert not is_open(old_key)                     # closed once idle and superseded
    with cursor(old_key) as cur:                    # a session that has not rerun yet
        assert cur.execute("SELECT value FROM build_info WHERE key = 'is_demo'").fetchone() == ("false",)


def test_open_versions_are_bounded_and_a_dropped_one_closes_when_idle(tmp_path, two_versions):
    first, _ = two_versions
    keys = []
    for number in range(MAX_VERSIONS + 1):
        path = tmp_path / f"warehouse-{number}.duckdb"
        shutil.copyfile(first, path)
        keys.append(warehouse_key(path))
    with cursor(keys[0]) as held:
        for key in keys[1:]:                        # the first, least recently used, leaves the cache
            with cursor(key) as cur:
                cur.execute("SELECT 1").fetchall()
        assert is_open(keys[0])                     # ...but stays open while its query runs
        assert held.execute("SELECT count(*) FROM source").fetchone()[0] > 0
    assert not is_open(keys[0])
    assert [is_open(key) for key in keys[1:]] == [True] * MAX_VERSIONS


PAGES = ["views/sources.py", "views/overview.py", "views/report.py"]


def _warm_up() -> None:
    """One session through every page first, so modules are imported and compiled before the
    threads start (Python 3.11's compiler is not safe to run in several threads at once)."""
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.run()
    for page in PAGES:
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.value for e in at.exception]


def _session(live: Path, stop: threading.Event, errors: list, runs: list, number: int) -> None:
    pages = PAGES
    try:
        at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
        at.run()
        turn = number
        while not stop.is_set():
            at.switch_page(pages[turn % len(pages)])
            at.run()
            turn += 1
            runs[number] += 1
            errors.extend(f"session {number}: {e.value}" for e in at.exception)
        at.switch_page("views/sources.py")
        at.run()
        errors.extend(f"session {number}: {e.value}" for e in at.exception)
        files = [frame.value for frame in at.dataframe if frame.value.columns[0] == "File"]
        shown = files[0]["File"].tolist() if files else []
        if not shown or not all(str(name).endswith("(v2)") for name in shown):
            errors.append(f"session {number} does not show the new version: {shown}")
        if any("demonstration data" in w.value for w in at.warning):
            errors.append(f"session {number} still says demonstration data")
    except Exception as error:  # noqa: BLE001 - every failure of a session is reported
        errors.append(f"session {number}: {type(error).__name__}: {error}")


@pytest.mark.slow
def test_ten_sessions_see_no_error_while_the_warehouse_is_swapped(monkeypatch, tmp_path, two_versions):
    first, second = two_versions
    live = tmp_path / "warehouse.duckdb"
    swap_in(first, live)
    monkeypatch.setenv("ROCA_WAREHOUSE", str(live))
    share_one_runtime(monkeypatch)
    _warm_up()
    stop = threading.Event()
    errors: list[str] = []
    runs = [0] * SESSIONS
    threads = [threading.Thread(target=_session, args=(live, stop, errors, runs, n))
               for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    while min(runs) == 0 and not errors and any(t.is_alive() for t in threads):
        time.sleep(0.1)
    swaps = 0
    for swap in range(SWAPS):
        swap_in(second if swap % 2 else first, live)
        swaps += 1
        time.sleep(0.5)
    swap_in(second, live)
    swaps += 1
    stop.set()
    for thread in threads:
        thread.join(timeout=600)
    print(f"{swaps} swaps, {sum(runs)} page reruns across {SESSIONS} sessions, {len(errors)} errors")
    print("\n".join(errors))
    assert swaps >= 20
    assert min(runs) >= 1
    assert errors == []
    assert open_versions(live) <= 2
