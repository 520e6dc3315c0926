#!/usr/bin/env bash
# Install what the app needs (exact versions and hashes from requirements.lock) into .venv (or the active virtual environment) and start it.
# With no warehouse yet, the app first builds the demonstration dataset (clearly labelled).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/python.sh
exec "$python_bin" -m serve "$@"     # streamlit run app.py, warmed at start (serve/)
