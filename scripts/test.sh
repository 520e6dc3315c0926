#!/usr/bin/env bash
# Install what the tests need (Python packages from requirements-dev.lock into .venv, Debian's Chromium and
# DejaVu fonts for the browser and image-export tests, poppler-utils' pdftoppm to render the PDF brief)
# and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin="${PYTHON:-python3}"
if [ -z "${VIRTUAL_ENV:-}" ]; then
    [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
    python_bin=.venv/bin/python
fi
"$python_bin" -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update
    $sudo_cmd apt-get install -y chromium fonts-dejavu-core poppler-utils
fi
set +e
"$python_bin" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "pytest ran no tests: treated as a failure" >&2
    exit 1
fi
exit "$status"
