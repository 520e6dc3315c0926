#!/usr/bin/env bash
# Install what the app needs (exact versions and hashes from requirements.lock) into .venv (or the active virtual environment) and start it.
# With no warehouse yet, the app first builds the demonstration dataset (clearly labelled).
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin="${PYTHON:-python3}"
if [ -z "${VIRTUAL_ENV:-}" ]; then
    [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
    python_bin=.venv/bin/python
fi
"$python_bin" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
exec "$python_bin" -m streamlit run app.py "$@"
