"""Run several AppTest sessions in threads, as one Streamlit server runs several browser sessions.

AppTest sets process-wide state on every run (a mock `Runtime._instance`, cleared again at the
end of the run; a patched `config.get_option`) and compiles the scripts afresh on every run, so
sessions in threads would tear down each other's runtime mid-run (and Python 3.11's compiler
is not safe to run in several threads at once). This helper installs one shared runtime, one
script cache and the app-test config for the whole test instead, as a real server has one
runtime and one script cache for all its sessions.
"""
from __future__ import annotations

import contextlib
from unittest.mock import MagicMock

from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import app_test, local_script_runner
from streamlit.testing.v1.util import build_mock_config_get_option


class _RuntimeSlot:
    """Takes AppTest's per-run assignments to `Runtime._instance` without touching the real one."""

    _instance = None


def share_one_runtime(monkeypatch) -> None:
    """Give every AppTest run in this test the same runtime and config, whatever thread it runs in."""
    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    monkeypatch.setattr(Runtime, "_instance", runtime)
    monkeypatch.setattr(app_test, "Runtime", _RuntimeSlot)
    monkeypatch.setattr(config, "get_option", build_mock_config_get_option({"global.appTest": True}))
    shared_cache = ScriptCache()
    monkeypatch.setattr(app_test, "ScriptCache", lambda: shared_cache)            # the pages
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: shared_cache)  # app.py itself
    monkeypatch.setattr(app_test, "patch_config_options", lambda overrides: contextlib.nullcontext())
