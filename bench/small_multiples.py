"""Prints the median time to build the Overview's headline small multiples (7 themes x 5 countries x 16 years),
and, for comparison, that of an empty 4 x 2 grid from plotly's make_subplots (python bench/small_multiples.py)."""
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
from plotly.subplots import make_subplots

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from indicators.small_multiples import headline_small_multiples  # noqa: E402

COUNTRIES = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan",
             "UZB": "Uzbekistan"}
THEMES = [f"theme_{number}" for number in range(7)]
YEARS = range(2008, 2024)
RUNS = 21


def sample_series() -> pd.DataFrame:
    """A 0-1 index per theme, country and year, one year missing per country (a gap)."""
    rows = [{"theme_code": theme, "theme": f"Theme {theme} with a name of some length",
             "indicator_name": "Headline indicator with a long name (publisher)", "unit": "index, 0-1",
             "country_iso3": iso3, "country_name": name, "year": year,
             "value": 0.2 + 0.01 * ((year * 7 + index * 13 + number) % 40)}
            for number, theme in enumerate(THEMES) for index, (iso3, name) in enumerate(COUNTRIES.items())
            for year in YEARS if year != 2012 + index]
    return pd.DataFrame(rows)


def median_ms(build) -> float:
    build()   # warm-up: template and validators load once per process
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        build()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    frame = sample_series()
    ours = median_ms(lambda: headline_small_multiples(frame, "Headline indicators", "Benchmark", is_demo=True))
    grid = median_ms(lambda: make_subplots(rows=4, cols=2, subplot_titles=THEMES))
    print(f"headline small multiples (7 panels, 35 lines of 16 years): median {ours:.1f} ms over {RUNS} runs; "
          f"an empty 4 x 2 make_subplots grid alone: median {grid:.1f} ms")


if __name__ == "__main__":
    main()
