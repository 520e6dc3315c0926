"""Entry point: python -m etl build|check."""
import sys

from etl.cli import main

sys.exit(main())
