# Sourced by the other scripts: sets python_bin to the active virtual environment's Python,
# else the project's .venv (created with $PYTHON or python3 when missing).
python_bin="${PYTHON:-python3}"
if [ -n "${VIRTUAL_ENV:-}" ]; then
    python_bin="$VIRTUAL_ENV/bin/python"
else
    [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
    python_bin=.venv/bin/python
fi
