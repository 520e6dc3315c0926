"""python -m serve [--no-warm] [streamlit run options]: `streamlit run app.py` in this process,
warmed by a thread (serve/warmup.py) unless --no-warm or no warehouse is built yet (the first
visitor then watches the first build, which must not run twice)."""
from __future__ import annotations

import sys
import threading

from indicators.warehouse import warehouse_key
from serve.warmup import APP, warm_this_server

NO_WARM = "--no-warm"


def plan(args: list[str]) -> tuple[bool, list[str]]:
    """(warm the server?, the options for streamlit run) from the command line."""
    options = [arg for arg in args if arg != NO_WARM]
    return NO_WARM not in args and warehouse_key() is not None, options


def main(argv: list[str] | None = None) -> None:
    warm, options = plan(list(sys.argv[1:] if argv is None else argv))
    if warm:
        threading.Thread(target=warm_this_server, name="roca-warm-up", daemon=True).start()
    from streamlit.web import cli
    cli.main(["run", str(APP), *options], prog_name="streamlit")


if __name__ == "__main__":
    main()
