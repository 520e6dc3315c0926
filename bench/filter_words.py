"""The words of the active filters: the former per-call name dictionaries against the name maps built once.

python bench/filter_words.py --db data/warehouse.duckdb [--repeat 200]

Before, every chart's export header, metadata sheet and no-data note rebuilt the country, theme and
cycle names from the filter_choices frames (DataFrame.to_dict + localized per row), five times a
rerun; now PageContext carries NameMaps built once per warehouse version and language, and the words
only look codes up. Both are timed in one run, alternately, on the same frames; the machine's load
is printed beside the figures.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))


def former_words(filters, countries, themes, cycles, lang: str) -> str:
    """The filter words as ui/chart_block.filter_summary built them before (to_dict + localized)."""
    from i18n import localized, t

    def names(frame, code):
        return {row[code]: localized(row, "name", lang) for row in frame.to_dict("records")}

    country_names = names(countries, "iso3")
    parts = [t("Countries: {countries}", lang=lang,
               countries=", ".join(country_names.get(code, code) for code in filters.countries))]
    if filters.theme:
        parts.append(t("Theme: {theme}", lang=lang, theme=names(themes, "code").get(filters.theme, filters.theme)))
    if filters.cycle:
        row = cycles[cycles["code"] == filters.cycle]
        name = row["name_ru"].iloc[0] if lang == "ru" else row["name"].iloc[0]
        parts.append(t("Cycle: {cycle}", lang=lang, cycle=name))
    parts.append(t("Years: {years}", lang=lang, years=filters.years))
    return " · ".join(parts)


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="warehouse (default: $ROCA_WAREHOUSE or data/)")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    from dataclasses import replace

    from indicators.names import NameMaps
    from indicators.queries import run_query
    from indicators.warehouse import warehouse_key
    from settings import warehouse_path
    from ui.filters import FilterDefaults, Filters

    key = warehouse_key(args.db or warehouse_path())
    if key is None:
        print("no warehouse: build one with python -m etl build, or pass --db", file=sys.stderr)
        return 2
    countries, themes = run_query("filter_choices_countries", key), run_query("filter_choices_themes", key)
    cycles = run_query("filter_choices_cycles", key)
    defaults = FilterDefaults.from_frames(countries, run_query("filter_years", key))
    filters = replace(Filters.default(defaults), theme=themes["code"].iloc[0], cycle=cycles["code"].iloc[0])
    print(f"warehouse {key.path}: {len(countries)} countries, {len(themes)} themes, {len(cycles)} cycles; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    for lang in ("en", "ru"):
        maps = NameMaps.from_frames(countries, themes, cycles, lang)
        assert filters.words(maps, lang) == former_words(filters, countries, themes, cycles, lang)
        build = timed(lambda: NameMaps.from_frames(countries, themes, cycles, lang), args.repeat)
        former, now = [], []
        for _ in range(args.repeat):          # paired: each round times both, alternately
            former += timed(lambda: former_words(filters, countries, themes, cycles, lang), 1)
            now += timed(lambda: filters.words(maps, lang), 1)
        old_ms, new_ms = statistics.median(former) * 1000, statistics.median(now) * 1000
        print(f"[{lang}] filter words: before {old_ms:.3f} ms, now {new_ms:.4f} ms a call "
              f"(ratio {old_ms / new_ms:.0f}x); name maps built once per warehouse and language: "
              f"{statistics.median(build) * 1000:.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
