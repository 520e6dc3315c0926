#!/usr/bin/env bash
# `python -m etl` with the Python that scripts/setup.sh (or start.sh) installed the packages into;
# paths on the command line are taken from the current folder, as with python -m etl.
set -euo pipefail
project="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${VIRTUAL_ENV:-}" ]; then
    python_bin="$VIRTUAL_ENV/bin/python"
elif [ -x "$project/.venv/bin/python" ]; then
    python_bin="$project/.venv/bin/python"
else
    echo "no .venv yet: run 'bash scripts/setup.sh' (or 'bash scripts/start.sh') first" >&2
    exit 1
fi
PYTHONPATH="$project${PYTHONPATH:+:$PYTHONPATH}" exec "$python_bin" -m etl "$@"
