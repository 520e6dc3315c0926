"""First start: build the default (demonstration) warehouse when none exists, showing progress."""
from __future__ import annotations

import streamlit as st

from etl.build import build_warehouse
from etl.errors import InputError, InputErrors
from etl.uploads import plan_all
from i18n import t
from indicators.warehouse import warehouse_key
from settings import sources_path, warehouse_path


def build_log(shown: int = 12):
    """A log callable for a build: its last `shown` lines in a code block that updates in place."""
    lines = st.empty()
    seen: list[str] = []

    def log(line: str) -> None:
        seen.append(line)
        lines.code("\n".join(seen[-shown:]), language=None)

    return log


def ensure_warehouse(lang: str) -> None:
    """Build data/sources.yml (and its uploads.yml) into the warehouse path if no warehouse file exists yet."""
    if warehouse_key() is not None:
        return
    path = warehouse_path()
    with st.status(t("Building the warehouse for the first time…", lang=lang), expanded=True) as status:
        log = build_log()
        try:
            build_warehouse(plan_all(sources_path()), path, log=log)
        except (InputError, InputErrors) as error:
            status.update(label=t("The warehouse could not be built", lang=lang), state="error")
            st.error(t("The warehouse could not be built", lang=lang))
            st.code(str(error), language=None)      # file, row and column as plain text, never markdown
            st.stop()
        status.update(label=t("Warehouse built", lang=lang), state="complete", expanded=False)
