"""Test-only entry point: app.py unchanged except that the overview page is tests/chart_block_page.py."""
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))
APP = PROJECT_DIR / "app.py"
source = APP.read_text(encoding="utf-8").replace('"views/overview.py"', repr(str(Path(__file__).with_name("chart_block_page.py"))))
source = source.replace('("views/', f'("{PROJECT_DIR}/views/')
exec(compile(source, str(APP), "exec"))  # noqa: S102 - our own app.py, for tests only
