"""Entry point: python -m etl build|check|set-password."""
import sys

from etl.cli import main

sys.exit(main())
