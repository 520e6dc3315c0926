"""Agreement of the progress method with the validation set, and the share of each status, on a warehouse.

python bench/progress_validation.py --db PATH   (a warehouse built from ../shared/data)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from indicators.progress_cli import FOCUS, progress_csv_frame  # noqa: E402
from indicators.progress_validation import agreement_table, evaluate, read_episodes, status_shares  # noqa: E402
from indicators.queries import run_query  # noqa: E402
from indicators.warehouse import warehouse_key  # noqa: E402
from settings import warehouse_path  # noqa: E402

UPR_CYCLES = ["upr-1", "upr-2", "upr-3", "upr-4"]


def main() -> int:
    parse = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parse.add_argument("--db", type=Path, default=None)
    args = parse.parse_args()
    db = args.db or warehouse_path()
    key = warehouse_key(db)
    episodes = read_episodes()
    observations = run_query("progress_validation_observations", key,
                             countries=sorted(set(episodes["country_iso3"])),
                             indicators=sorted(set(episodes["indicator_code"])))
    evaluated = evaluate(episodes, observations, run_query("progress_indicators", key, theme=None, indicators=None))
    print("Agreement with the validation set (direction expected by the publishers' narrative):")
    print(agreement_table(evaluated).to_string(index=False))
    for scope, cycles in (("UPR cycles", UPR_CYCLES), ("all cycles (UPR and programming)", [])):
        assessed = progress_csv_frame(db, cycles, list(FOCUS), [])
        print(f"\nStatus shares, five countries, {scope}: {len(assessed)} assessments")
        print(status_shares(assessed).to_string(index=False))
        indices = assessed[(assessed["method"] == "absolute") & (assessed["status"] != "unable_to_assess")]
        quiet = (indices["status"] == "no_significant_change")
        print(f"index assessments reading 'no significant change': {quiet.sum()} of {len(indices)} "
              f"({quiet.mean():.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
