#!/usr/bin/env bash
# Install what the app and the ETL need into .venv (or the active virtual environment).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/python.sh
"$python_bin" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
