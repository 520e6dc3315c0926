"""Benchmark the warehouse build on scaled inputs against a bare DuckDB read of the same files."""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[1]
REFERENCE_DIR = PROJECT_DIR / "data" / "reference"
UPR_INFO_HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session\n"
TARGET_SECONDS, TARGET_GB, TARGET_RATIO = 60.0, 4.0, 3.0
OBSERVATION_YEARS = (1991, 2024)
OPEN_SCALE_SPAN = 1000.0          # upper end used for indicators whose scale has no maximum
SUR_ORGS = {"Kazakhstan": "OIC, CIS", "Kyrgyzstan": "OIC, CIS", "Tajikistan": "OIC, CIS",
            "Turkmenistan": "OIC", "Uzbekistan": "OIC, CIS"}
REGIONAL_GROUPS = ["WEOG", "EEG", "Asia", "Africa", "GRULAC"]
VERBS = ["Take effective measures to", "Continue its efforts to", "Consider the possibility to",
         "Step up efforts to", "Take all necessary steps to", "Seek technical assistance to",
         "Redouble its efforts to", "Take concrete steps to"]
TAILS = ["", " in line with its international obligations", " with the participation of civil society",
         ", including through adequate resources", " in law and in practice",
         " and report on progress in its next national report",
         " in particular in rural and remote areas"]

# One row per recommendation: state under review, recommending state, response, action,
# issue tags and session drawn from hashes of the row number (deterministic, no Python loop).
RECOMMENDATIONS_SQL = """
WITH numbered AS (
    SELECT range AS i, hash(range) AS h1, hash(range + 1000003) AS h2, hash(range * 31 + 17) AS h3
    FROM range($n)
), picked AS (
    SELECT i, h1, h2, h3,
           CAST(h1 % len($states) AS BIGINT) + 1 AS rs_index,
           CAST(h2 % len($tags) AS BIGINT) AS tag_index,
           CAST((h3 // 7) % (len($tags) - 1) AS BIGINT) AS tag_step
    FROM numbered
)
SELECT $sur[CAST(i % len($sur) AS BIGINT) + 1] AS sur,
       'Asia' AS sur_group,
       $sur_orgs[CAST(i % len($sur) AS BIGINT) + 1] AS sur_org,
       $verbs[CAST(h2 // 11 % len($verbs) AS BIGINT) + 1] || ' '
           || $phrases[CAST(h3 % len($phrases) AS BIGINT) + 1]
           || $tails[CAST(h1 // 13 % len($tails) AS BIGINT) + 1] || '.' AS recommendation,
       $states[rs_index] AS rs,
       $groups[CAST(rs_index % len($groups) AS BIGINT) + 1] AS rs_group,
       CASE WHEN h1 % 3 = 0 THEN 'EU' END AS rs_org,
       CASE WHEN h2 % 10 < 7 THEN 'Accepted' ELSE 'Noted' END AS response,
       CAST(h2 // 10 % 5 AS INTEGER) + 1 AS action,
       $tags[tag_index + 1]
           || CASE WHEN h3 % 3 = 0 THEN ','
                   || $tags[(tag_index + 1 + tag_step) % len($tags) + 1] ELSE '' END AS issue,
       CAST(h3 // 3 % 54 AS INTEGER) + 1 AS session
FROM picked
"""

# One row per (indicator, country, year, disaggregation): the row number enumerates the keys,
# so they are unique; values lie inside each indicator's scale.
OBSERVATIONS_SQL = """
WITH keyed AS (
    SELECT range AS i,
           CAST(range % len($codes) AS BIGINT) + 1 AS k,
           CAST(range // len($codes) % len($countries) AS BIGINT) + 1 AS c,
           CAST(range // (len($codes) * len($countries)) % $years AS INTEGER) AS y,
           CAST(range // (len($codes) * len($countries) * $years) AS BIGINT) AS d,
           hash(range) AS h
    FROM range($n)
), valued AS (
    SELECT *, round($lows[k] + (h % 1000000) / 1000000.0 * $spans[k], 3) AS value FROM keyed
)
SELECT $countries[c] AS country, $codes[k] AS indicator, $first_year + y AS year, value,
       CASE WHEN i % 4 = 0 THEN round(greatest($lows[k], value - 0.05 * $spans[k]), 3) END AS lower,
       CASE WHEN i % 4 = 0 THEN round(least($lows[k] + $spans[k], value + 0.05 * $spans[k]), 3) END AS upper,
       CASE WHEN d = 0 THEN NULL
            ELSE 'AGE=G' || ((d - 1) % 20) || ';SEX=' || CASE WHEN (d - 1) // 20 % 2 = 0 THEN 'F' ELSE 'M' END
                 || ';URBANISATION=U' || ((d - 1) // 40) END AS disaggregation,
       CASE WHEN i % 50 = 0 THEN 'provisional, benchmark' END AS note
FROM valued
"""


def quiet_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection without the progress bar."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con


def upr_info_tags() -> list[str]:
    """UPR Info issue tags of the theme map plus tags that map to no theme."""
    theme_map = pd.read_csv(REFERENCE_DIR / "theme_map.csv")
    mapped = sorted(theme_map.loc[theme_map["vocabulary"] == "upr_info", "tag"].unique())
    return mapped + ["Right to education", "Rights of the Child", "Labour", "Trafficking"]


def scaled_indicators() -> list[tuple[str, float, float]]:
    """(code, low, span) of every catalogued indicator with a lower scale bound."""
    from etl.catalogue import load_catalogue
    found = []
    for code, entry in sorted(load_catalogue().entries.items()):
        low, high = entry["scale"]
        if low is not None:
            span = (float(high) - float(low)) if high is not None else OPEN_SCALE_SPAN
            found.append((code, float(low), span))
    return found


def all_states() -> list[str]:
    """The names of every ISO 3166 country as pycountry writes them (249: the 193 UN member
    states, the two observer states and the territories), as a global export lists them."""
    import pycountry
    # pycountry's "Congo" is ambiguous (the resolver refuses it): UN documents' distinguishing form
    return sorted("Republic of the Congo" if country.alpha_3 == "COG" else country.name
                  for country in pycountry.countries)


def write_recommendations(path: Path, count: int, global_scale: bool = False) -> None:
    """A UPR Info CSV export (duplicate header names as in the original) of `count` rows: the five
    focus countries under review, or with `global_scale` every country under review and recommending."""
    import etl.readers  # noqa: F401  the reader registry imports etl.readers.demo: load it first
    from etl.readers.demo import RECOMMENDING_STATES, THEMES
    phrases = [phrase for theme in THEMES.values() for kind in ("specific", "general")
               for phrase, _ in theme[kind]]
    sur = all_states() if global_scale else list(SUR_ORGS)
    states = all_states() if global_scale else [s for s in RECOMMENDING_STATES if s not in SUR_ORGS]
    body = path.with_suffix(".body")
    con = quiet_connection()
    relation = con.sql(RECOMMENDATIONS_SQL, params={
        "n": count, "sur": sur, "sur_orgs": [SUR_ORGS.get(s, "") for s in sur],
        "states": states, "groups": REGIONAL_GROUPS,
        "verbs": VERBS, "phrases": phrases, "tails": TAILS, "tags": upr_info_tags()})
    relation.write_csv(str(body), header=False)
    con.close()
    with open(path, "wb") as out, open(body, "rb") as rows:
        out.write(UPR_INFO_HEADER.encode())
        shutil.copyfileobj(rows, out, 1 << 24)
    body.unlink()


def write_observations(path: Path, count: int) -> None:
    """A tidy-values template CSV of `count` rows with catalogued indicators, inside their scale."""
    indicators = scaled_indicators()
    countries = list(pd.read_csv(REFERENCE_DIR / "countries.csv")["iso3"])
    con = quiet_connection()
    relation = con.sql(OBSERVATIONS_SQL, params={
        "n": count, "codes": [c for c, _, _ in indicators], "lows": [lo for _, lo, _ in indicators],
        "spans": [s for _, _, s in indicators], "countries": countries,
        "first_year": OBSERVATION_YEARS[0], "years": OBSERVATION_YEARS[1] - OBSERVATION_YEARS[0] + 1})
    relation.write_csv(str(path), header=True)
    con.close()


# OWID grapher files of every entity (each ISO 3166 country plus OWID's regions, income groups
# and historical entities), years 1789-2024 as OWID's V-Dem charts publish them.
OWID_AGGREGATES = [("World", "OWID_WRL"), ("Africa", ""), ("Asia", ""), ("Europe", ""),
                   ("North America", ""), ("South America", ""), ("Oceania", ""),
                   ("European Union (27)", "OWID_EU27"), ("High-income countries", ""),
                   ("Low-income countries", ""), ("Kosovo", "OWID_KOS"), ("USSR", "OWID_USS"),
                   ("Yugoslavia", "OWID_YGS"), ("Czechoslovakia", "OWID_CZS")]
OWID_YEARS = (1789, 2024)
OWID_SQL = """
SELECT e.name AS "Entity", e.code AS "Code", y.range AS "Year",
       round((hash(e.name || y.range::VARCHAR) % 1000) / 1000.0, 3) AS value
FROM (SELECT unnest($names) AS name, unnest($codes) AS code) e,
     range($first, $last + 1) y
ORDER BY 1, 3
"""


def write_owid_entities(folder: Path) -> list[Path]:
    """One OWID grapher CSV per catalogued OWID V-Dem header, every entity, every year."""
    import pycountry
    from etl.catalogue import load_catalogue
    headers = sorted(key for kind, key in load_catalogue().feeds if kind == "owid_header")
    entities = [(c.name, c.alpha_3) for c in pycountry.countries] + OWID_AGGREGATES
    con = quiet_connection()
    paths = []
    for number, header in enumerate(headers):
        path = folder / f"owid_global_{number}.csv"
        relation = con.sql(OWID_SQL, params={"names": [e[0] for e in entities],
                                             "codes": [e[1] for e in entities],
                                             "first": OWID_YEARS[0], "last": OWID_YEARS[1]})
        frame = relation.df().rename(columns={"value": header})
        frame.to_csv(path, index=False)
        paths.append(path)
    con.close()
    return paths


def child_build(inputs: list[Path], db_path: Path) -> dict:
    """Run the warehouse build (in the child process) and return its own timing and counts."""
    from etl.build import build_warehouse
    from etl.plan import plan_inputs
    started = time.perf_counter()
    report = build_warehouse(plan_inputs(inputs), db_path, log=lambda *_: None)
    return {"seconds": time.perf_counter() - started, "totals": report.totals}


def child_read(inputs: list[Path], db_path: Path | None = None) -> dict:
    """Read the same files with a bare DuckDB read_csv into tables (in the child process): in
    memory, or into a database file written to disk (as the build's warehouse is) with db_path."""
    con = quiet_connection() if db_path is None else duckdb.connect(str(db_path))
    started = time.perf_counter()
    rows = 0
    for number, path in enumerate(inputs):
        con.sql("SELECT * FROM read_csv($path)", params={"path": str(path)}).to_table(f"bare_{number}")
        rows += con.sql(f"SELECT count(*) FROM bare_{number}").fetchall()[0][0]
    if db_path is not None:
        con.execute("CHECKPOINT")
        con.close()
    return {"seconds": time.perf_counter() - started, "rows": rows}


def run_child(mode: str, inputs: list[Path], db_path: Path) -> tuple[dict, float]:
    """Run one benchmark step in a fresh Python process; (its result, outer wall seconds)."""
    result = db_path.with_name(f"{mode}-result.json")
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--db", str(db_path),
               "--result", str(result), *map(str, inputs)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return json.loads(result.read_text()), wall


def benchmark(recommendations: int, observations: int, keep: bool, global_scale: bool = False) -> bool:
    """Write the inputs, time the build and the bare read, print figures; True if on target."""
    folder = Path(tempfile.mkdtemp(prefix="roca-bench-"))
    try:
        rec_csv, obs_csv = folder / "upr_info_bench.csv", folder / "tidy_values_bench.csv"
        started = time.perf_counter()
        write_recommendations(rec_csv, recommendations, global_scale)
        inputs = [rec_csv]
        if observations:
            write_observations(obs_csv, observations)
            inputs.append(obs_csv)
        if global_scale:
            inputs += write_owid_entities(folder)
        size_mb = sum(path.stat().st_size for path in inputs) / 1e6
        print(f"inputs: {recommendations:,} recommendations + {observations:,} observations"
              + (f" + {len(inputs) - 1 - bool(observations)} OWID files of every entity" if global_scale else "")
              + f", {size_mb:,.0f} MB, written in {time.perf_counter() - started:.1f} s")
        build, build_wall = run_child("build", inputs, folder / "warehouse.duckdb")
        peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 ** 2
        bare, bare_wall = run_child("read", inputs, folder / "unused.duckdb")
        bare_file, _ = run_child("read-file", inputs, folder / "bare.duckdb")
        rows = bare["rows"]
        ratio = build["seconds"] / bare["seconds"]
        print(f"build: {build['seconds']:.1f} s ({build_wall:.1f} s with interpreter start), "
              f"{rows / build['seconds']:,.0f} rows/s, peak RSS {peak_gb:.2f} GB")
        print(f"loaded: {build['totals']}")
        print(f"bare DuckDB read_csv of the same files: {bare['seconds']:.1f} s "
              f"({bare['rows']:,} rows; {bare_wall:.1f} s with interpreter start)")
        print(f"build / bare read: {ratio:.2f}x")
        print(f"bare read into a DuckDB file on disk (as the warehouse is written): "
              f"{bare_file['seconds']:.1f} s; build / that: {build['seconds'] / bare_file['seconds']:.2f}x")
        checks = [("build time", build["seconds"] < TARGET_SECONDS, f"< {TARGET_SECONDS:.0f} s"),
                  ("peak memory", peak_gb < TARGET_GB, f"< {TARGET_GB:.0f} GB"),
                  ("ratio to bare read", ratio <= TARGET_RATIO, f"<= {TARGET_RATIO:.0f}x")]
        for name, ok, target in checks:
            print(f"target {name} {target}: {'met' if ok else 'MISSED'}")
        return all(ok for _, ok, _ in checks)
    finally:
        if keep:
            print(f"inputs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", choices=["scale", "global"], default="scale",
                        help="scale: 1M recommendations on the focus countries + 5M observations; "
                             "global: about 270,000 recommendations, every country under review and "
                             "recommending, plus OWID files of every entity")
    parser.add_argument("--recommendations", type=int)
    parser.add_argument("--observations", type=int)
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs")
    parser.add_argument("--child", choices=["build", "read", "read-file"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_DIR))
    if args.child:
        if args.child == "build":
            step = child_build(args.inputs, args.db)
        else:
            step = child_read(args.inputs, args.db if args.child == "read-file" else None)
        args.result.write_text(json.dumps(step))
        return 0
    global_scale = args.profile == "global"
    recommendations = args.recommendations or (270_000 if global_scale else 1_000_000)
    observations = args.observations if args.observations is not None else (0 if global_scale else 5_000_000)
    return 0 if benchmark(recommendations, observations, args.keep, global_scale) else 1


if __name__ == "__main__":
    sys.exit(main())
