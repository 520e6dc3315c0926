"""Entry point: python -m indicators progress [--db PATH] [--cycle CODE]... [--country ISO3]... [--indicator CODE]..."""
import sys

from indicators.progress_cli import main

COMMANDS = {"progress": main}

if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
    print(f"usage: python -m indicators {{{','.join(COMMANDS)}}} [options]", file=sys.stderr)
    sys.exit(2)
sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
