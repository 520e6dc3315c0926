"""Paths and ROCA_* environment variables, one rule each, shared by the ETL, the app and the exports."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
DATA_DIR = PROJECT_DIR / "data"
DEFAULT_WAREHOUSE = DATA_DIR / "warehouse.duckdb"
DEFAULT_SOURCES = DATA_DIR / "sources.yml"
DEFAULT_REFERENCE_DIR = DATA_DIR / "reference"
DEFAULT_CATALOGUE_DIR = DATA_DIR / "catalogue"
DEFAULT_DECK_CONFIG = DATA_DIR / "deck.yml"

WAREHOUSE_ENV = "ROCA_WAREHOUSE"            # the warehouse file the ETL writes and the app reads
SOURCES_ENV = "ROCA_SOURCES"                # the sources file; uploads live beside it
REFERENCE_ENV = "ROCA_REFERENCE_DIR"        # an edited copy of data/reference
CATALOGUE_ENV = "ROCA_CATALOGUE_DIR"        # an edited copy of data/catalogue
SECRETS_ENV = "ROCA_SECRETS_DIR"            # where the data manager password lives
DECK_CONFIG_ENV = "ROCA_DECK_CONFIG"        # the deck's house style file
REPORT_STORE_ENV = "ROCA_REPORT_STORE"      # folder of the charts named in report links
FONT_DIR_ENV = "ROCA_FONT_DIR"              # extra folder searched for the PDF/deck fonts


def _given(name: str) -> str | None:
    return os.environ.get(name) or None


def warehouse_path() -> Path:
    """$ROCA_WAREHOUSE if set, else data/warehouse.duckdb."""
    return Path(_given(WAREHOUSE_ENV) or DEFAULT_WAREHOUSE)


def sources_path() -> Path:
    """$ROCA_SOURCES if set, else data/sources.yml."""
    return Path(_given(SOURCES_ENV) or DEFAULT_SOURCES)


def reference_dir() -> Path:
    """$ROCA_REFERENCE_DIR if set, else data/reference."""
    return Path(_given(REFERENCE_ENV) or DEFAULT_REFERENCE_DIR)


def reference_file(name: str) -> Path:
    """One file of the reference folder in use."""
    return reference_dir() / name


def catalogue_dir() -> Path:
    """$ROCA_CATALOGUE_DIR if set, else data/catalogue."""
    return Path(_given(CATALOGUE_ENV) or DEFAULT_CATALOGUE_DIR)


def secrets_dir() -> Path:
    """$ROCA_SECRETS_DIR, else ~/.config/roca-dashboard (never inside the project)."""
    given = _given(SECRETS_ENV)
    if given:
        return Path(given)
    base = _given("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "roca-dashboard"


def deck_config_given() -> Path | None:
    """$ROCA_DECK_CONFIG when set (it must exist), else None."""
    given = _given(DECK_CONFIG_ENV)
    return Path(given) if given else None


def report_store_given() -> Path | None:
    """$ROCA_REPORT_STORE when set, else None (the caller's default applies)."""
    given = _given(REPORT_STORE_ENV)
    return Path(given) if given else None


def font_dir_given() -> Path | None:
    """$ROCA_FONT_DIR when set, else None."""
    given = _given(FONT_DIR_ENV)
    return Path(given) if given else None
