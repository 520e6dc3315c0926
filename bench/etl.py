"""Benchmark the warehouse build on scaled inputs against a bare DuckDB read of the same files."""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
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
SHARED_DATA = PROJECT_DIR.parent / "shared" / "data"
UPR_INFO_EXPORT = Path("upr_info_export") / "upr_info_export_sessions01-09_17-20_central_asia.csv"
# Clause boundaries of a UPR text: after a comma or semicolon, before a joining word.
CLAUSE = re.compile(r",\s+|;\s+|\s+(?=(?:and|including|in order to|with a view to|in particular)\s)")
PERMUTATION_STEP = 1_000_003      # a prime: row numbers map one-to-one onto clause combinations
UPR_INFO_HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session\n"
TARGET_SECONDS, TARGET_GB, TARGET_RATIO = 60.0, 2.5, 3.0
OBSERVATION_YEARS = (1991, 2024)
OPEN_SCALE_SPAN = 1000.0          # upper end used for indicators whose scale has no maximum
SUR_ORGS = {"Kazakhstan": "OIC, CIS", "Kyrgyzstan": "OIC, CIS", "Tajikistan": "OIC, CIS",
            "Turkmenistan": "OIC", "Uzbekistan": "OIC, CIS"}
REGIONAL_GROUPS = ["WEOG", "EEG", "Asia", "Africa", "GRULAC"]
# One row per recommendation: state under review, recommending state, response, action,
# issue tags and session drawn from hashes of the row number (deterministic, no Python loop).
# The text recombines clauses of the real UPR Info extract: the first clause of one real text
# and one to three later clauses of others. Every fourth row has one later clause (its (first,
# later) pair numbered by i // 4, while pairs last), the others two (the (first, later, later)
# triple numbered by i) and a fifth of them a third. Numbers map one-to-one onto combinations
# (times a prime modulo their count), so the texts are distinct: no dictionary compresses them.
RECOMMENDATIONS_SQL = """
WITH numbered AS (
    SELECT range AS i, hash(range) AS h1, hash(range + 1000003) AS h2, hash(range * 31 + 17) AS h3,
           len($heads)::BIGINT AS nh, len($clauses)::BIGINT AS nc,
           range % 4 = 0 AND range // 4 < len($heads)::BIGINT * len($clauses) AS single
    FROM range($n)
), combined AS (
    SELECT *,
           CASE WHEN single THEN (i // 4) * $step % (nh * nc)
                ELSE i * $step % (nh * nc * nc) END AS combination
    FROM numbered
), picked AS (
    SELECT i, h1, h2, h3, single,
           CAST(combination % nh AS BIGINT) + 1 AS head,
           CAST(combination // nh % nc AS BIGINT) + 1 AS first_clause,
           CAST(combination // (nh * nc) % nc AS BIGINT) + 1 AS second_clause,
           CAST(h1 // 13 % nc AS BIGINT) + 1 AS third_clause,
           CAST(h1 % len($states) AS BIGINT) + 1 AS rs_index,
           CAST(h2 % len($tags) AS BIGINT) AS tag_index,
           CAST((h3 // 7) % (len($tags) - 1) AS BIGINT) AS tag_step
    FROM combined
)
SELECT $sur[CAST(i % len($sur) AS BIGINT) + 1] AS sur,
       'Asia' AS sur_group,
       $sur_orgs[CAST(i % len($sur) AS BIGINT) + 1] AS sur_org,
       $heads[head] || ', ' || $clauses[first_clause]
           || CASE WHEN single THEN '' ELSE ', ' || $clauses[second_clause] END
           || CASE WHEN NOT single AND h2 // 7 % 5 = 0 THEN ', ' || $clauses[third_clause] ELSE '' END
           || '.' AS recommendation,
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


# The floor (--floor): what any build that also writes the search index must do beyond the bare
# read. The words of every text, split as etl/sql/search/tokens.sql splits them (one row per word
# occurrence); each distinct word numbered (a lower bound on the stems: no stemming); the postings
# sorted by word, text and position, written as etl/sql/search/insert_posting_packed.sql writes them;
# and, instead, postings without positions (one per word and text).
FLOOR_SQL = {
    "split into words": """
        CREATE TEMP TABLE floor_tokens AS
        SELECT doc, (generate_subscripts(words, 1) - 1)::INTEGER AS pos, unnest(words) AS word
        FROM (SELECT rowid::INTEGER AS doc,
                     regexp_extract_all(replace(replace(strip_accents(replace(lower(Recommendation), 'й', chr(1))),
                                                        chr(1), 'й'), 'ё', 'е'), '[\\p{L}\\p{N}_]+') AS words
              FROM bare_0)""",
    "distinct words numbered": """
        CREATE TEMP TABLE floor_words AS
        SELECT word, (row_number() OVER (ORDER BY word) - 1)::INTEGER AS word_id
        FROM (SELECT DISTINCT word FROM floor_tokens)""",
    "postings (word, text, position) sorted and written": """
        CREATE TABLE floor_posting AS
        SELECT (key >> 47)::INTEGER AS word_id, ((key >> 16) & 2147483647)::INTEGER AS doc,
               (key & 65535)::USMALLINT AS pos
        FROM (SELECT (w.word_id::UBIGINT << 47) | (t.doc::UBIGINT << 16) | least(t.pos, 65535)::UBIGINT AS key
              FROM floor_tokens t JOIN floor_words w ON w.word = t.word)
        ORDER BY key""",
    "postings without positions (word, text) sorted and written": """
        CREATE TABLE floor_posting_docs AS
        SELECT (key >> 32)::INTEGER AS word_id, (key & 4294967295)::INTEGER AS doc
        FROM (SELECT DISTINCT (w.word_id::UBIGINT << 32) | t.doc::UBIGINT AS key
              FROM floor_tokens t JOIN floor_words w ON w.word = t.word)
        ORDER BY key""",
}
POSITIONAL_FLOOR = ["read", "split into words", "distinct words numbered",
                    "postings (word, text, position) sorted and written", "checkpoint"]
DOCS_FLOOR = ["read", "split into words", "distinct words numbered",
              "postings without positions (word, text) sorted and written", "checkpoint without positions"]


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


def real_clauses(data_dir: Path = SHARED_DATA) -> tuple[list[str], list[str]]:
    """(first clauses, later clauses), distinct and sorted, of the real UPR Info extract's texts."""
    frame = pd.read_csv(data_dir / UPR_INFO_EXPORT, dtype=str, keep_default_na=False)
    heads, clauses = set(), set()
    for text in frame.iloc[:, 3]:
        parts = [part.strip(" .") for part in CLAUSE.split(text.strip()) if part.strip(" .")]
        if parts:
            heads.add(parts[0])
            clauses.update(parts[1:])
    heads, clauses = sorted(heads), sorted(clauses)
    space = len(heads) * len(clauses) ** 2
    if math.gcd(PERMUTATION_STEP, space) != 1:
        raise SystemExit(f"{PERMUTATION_STEP} divides the {space} clause combinations: choose another prime")
    return heads, clauses


def write_recommendations(path: Path, count: int, global_scale: bool = False,
                          data_dir: Path = SHARED_DATA) -> None:
    """A UPR Info CSV export (duplicate header names as in the original) of `count` rows: the five
    focus countries under review, or with `global_scale` every country under review and recommending;
    distinct texts recombined from the clauses of the real extract in `data_dir`."""
    import etl.readers  # noqa: F401  the reader registry imports etl.readers.demo: load it first
    from etl.readers.demo import RECOMMENDING_STATES
    heads, clauses = real_clauses(data_dir)
    if count > len(heads) * len(clauses) ** 2:
        raise SystemExit(f"at most {len(heads) * len(clauses) ** 2:,} distinct texts")
    sur = all_states() if global_scale else list(SUR_ORGS)
    states = all_states() if global_scale else [s for s in RECOMMENDING_STATES if s not in SUR_ORGS]
    body = path.with_suffix(".body")
    con = quiet_connection()
    relation = con.sql(RECOMMENDATIONS_SQL, params={
        "n": count, "sur": sur, "sur_orgs": [SUR_ORGS.get(s, "") for s in sur],
        "states": states, "groups": REGIONAL_GROUPS,
        "heads": heads, "clauses": clauses, "step": PERMUTATION_STEP, "tags": upr_info_tags()})
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


def peak_rss_gb() -> float:
    """This process's peak resident memory (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2


def child_build(inputs: list[Path], db_path: Path) -> dict:
    """Run the warehouse build (in the child process) and return its own timing, counts, peak
    memory and log lines (each with the seconds since the start)."""
    from etl.build import build_warehouse
    from etl.plan import plan_inputs
    lines = []
    started = time.perf_counter()
    report = build_warehouse(plan_inputs(inputs), db_path,
                             log=lambda line: lines.append(f"{time.perf_counter() - started:7.2f} s  {line}"))
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "totals": report.totals, "peak_gb": peak_rss_gb(), "log": lines}


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
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_gb": peak_rss_gb()}


def child_floor(inputs: list[Path], db_path: Path) -> dict:
    """The bare read into a DuckDB file, then the search index's least work on the recommendations
    (the first input), each piece timed (in the child process)."""
    con = duckdb.connect(str(db_path), config={"memory_limit": "2GB"})   # the build's limit
    seconds = {}
    started = time.perf_counter()
    for number, path in enumerate(inputs):
        con.sql("SELECT * FROM read_csv($path)", params={"path": str(path)}).to_table(f"bare_{number}")
    con.execute("CHECKPOINT")
    seconds["read"] = time.perf_counter() - started
    for name in POSITIONAL_FLOOR[1:-1]:
        step = time.perf_counter()
        con.execute(FLOOR_SQL[name])
        seconds[name] = time.perf_counter() - step
    step = time.perf_counter()
    con.execute("CHECKPOINT")
    seconds["checkpoint"] = time.perf_counter() - step
    name = DOCS_FLOOR[-2]
    con.execute("DROP TABLE floor_posting")
    step = time.perf_counter()
    con.execute(FLOOR_SQL[name])
    seconds[name] = time.perf_counter() - step
    step = time.perf_counter()
    con.execute("CHECKPOINT")
    seconds[DOCS_FLOOR[-1]] = time.perf_counter() - step
    postings = con.sql("SELECT count(*) FROM floor_tokens").fetchall()[0][0]
    con.close()
    return {"seconds": seconds, "postings": postings, "peak_gb": peak_rss_gb()}


FLOORS = (("read + search index", POSITIONAL_FLOOR), ("read + search index without positions", DOCS_FLOOR))


def floor_ratios(floor: dict, bare_file_seconds: float) -> dict[str, float]:
    """Each floor's total as a ratio to the paired bare read into a DuckDB file."""
    return {label: sum(floor["seconds"][name] for name in names) / bare_file_seconds for label, names in FLOORS}


def floor_text(floor: dict, bare_file_seconds: float) -> str:
    """One run's floor: each piece, the totals and their ratios to the paired bare read."""
    seconds = floor["seconds"]
    pieces = ", ".join(f"{name} {value:.1f} s" for name, value in seconds.items())
    lines = [f"    floor pieces ({floor['postings']:,} word occurrences, peak {floor['peak_gb']:.2f} GB): {pieces}"]
    for label, names in FLOORS:
        total = sum(seconds[name] for name in names)
        lines.append(f"    floor, {label}: {total:.1f} s = {total / bare_file_seconds:.2f}x the bare read "
                     f"into a DuckDB file, {total / seconds['read']:.2f}x the floor's own read")
    return "\n".join(lines)


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
    db_path.unlink(missing_ok=True)
    return json.loads(result.read_text()), wall


def load_text() -> str:
    """The machine's load averages (1, 5, 15 minutes) and its cores."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1/5/15 min) on {os.cpu_count()} cores"


def benchmark(recommendations: int, observations: int, keep: bool, global_scale: bool = False,
              runs: int = 1, steps: bool = False, floor: bool = False) -> bool:
    """Write the inputs; then `runs` times, one after the other, the build, the bare read into a
    DuckDB file and the bare read in memory (paired: each ratio compares neighbours in time), and
    with `floor` the least work a build with the search index does; print figures and the
    machine's load; True if on target."""
    folder = Path(tempfile.mkdtemp(prefix="roca-bench-"))
    try:
        print(f"load at start: {load_text()}")
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
        texts = quiet_connection().sql(
            "SELECT count(DISTINCT Recommendation), avg(length(Recommendation)) FROM read_csv($path)",
            params={"path": str(rec_csv)}).fetchall()[0]
        print(f"inputs: {recommendations:,} recommendations + {observations:,} observations"
              + (f" + {len(inputs) - 1 - bool(observations)} OWID files of every entity" if global_scale else "")
              + f", {size_mb:,.0f} MB, written in {time.perf_counter() - started:.1f} s; "
              f"{texts[0]:,} distinct texts, {texts[1]:.0f} characters on average")
        pairs, floors = [], []
        for run in range(1, runs + 1):
            build, build_wall = run_child("build", inputs, folder / "warehouse.duckdb")
            bare_file, _ = run_child("read-file", inputs, folder / "bare.duckdb")
            bare, _ = run_child("read", inputs, folder / "unused.duckdb")
            rows = bare["rows"]
            ratio = build["seconds"] / bare_file["seconds"]
            pairs.append((build, bare_file, bare, ratio))
            print(f"run {run}: build {build['seconds']:.1f} s ({build_wall:.1f} s with interpreter start), "
                  f"{rows / build['seconds']:,.0f} rows/s, peak RSS {build['peak_gb']:.2f} GB | "
                  f"bare read into a DuckDB file {bare_file['seconds']:.1f} s (peak {bare_file['peak_gb']:.2f} GB), "
                  f"in memory {bare['seconds']:.1f} s | build / bare file read {ratio:.2f}x, "
                  f"build / in-memory read {build['seconds'] / bare['seconds']:.2f}x | load {load_text()}")
            if floor:
                floor_run, _ = run_child("floor", inputs, folder / "floor.duckdb")
                print(floor_text(floor_run, bare_file["seconds"]))
                floors.append(floor_ratios(floor_run, bare_file["seconds"]))
            if steps:
                print("\n".join("    " + line for line in build["log"]))
        build_s = statistics.median(p[0]["seconds"] for p in pairs)
        file_s = statistics.median(p[1]["seconds"] for p in pairs)
        ratio = statistics.median(p[3] for p in pairs)
        peak_gb = max(p[0]["peak_gb"] for p in pairs)
        print(f"loaded: {pairs[-1][0]['totals']}")
        print(f"median of {runs}: build {build_s:.1f} s, bare read into a DuckDB file {file_s:.1f} s, "
              f"ratio {ratio:.2f}x (median of the paired ratios), {pairs[-1][2]['rows'] / build_s:,.0f} rows/s, "
              f"peak RSS {peak_gb:.2f} GB")
        for label, _ in FLOORS if floors else ():
            print(f"floor, {label}: {statistics.median(f[label] for f in floors):.2f}x the bare read into a DuckDB "
                  f"file (median of {len(floors)}): a build that writes the search index takes at least that")
        print(f"load at end: {load_text()}")
        checks = [("build time", build_s < TARGET_SECONDS, f"< {TARGET_SECONDS:.0f} s"),
                  ("peak memory", peak_gb < TARGET_GB, f"< {TARGET_GB} GB"),
                  ("ratio to the bare read into a DuckDB file", ratio <= TARGET_RATIO, f"<= {TARGET_RATIO:.0f}x")]
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
    parser.add_argument("--runs", type=int, default=1, help="paired build / bare read runs (median reported)")
    parser.add_argument("--steps", action="store_true", help="print the build's log with the time of each step")
    parser.add_argument("--floor", action="store_true",
                        help="also time, after each bare read, the bare read plus the least work the search "
                             "index needs (the words split, their postings sorted and written)")
    parser.add_argument("--child", choices=["build", "read", "read-file", "floor"], help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_DIR))
    if args.child:
        if args.child == "build":
            step = child_build(args.inputs, args.db)
        elif args.child == "floor":
            step = child_floor(args.inputs, args.db)
        else:
            step = child_read(args.inputs, args.db if args.child == "read-file" else None)
        args.result.write_text(json.dumps(step))
        return 0
    global_scale = args.profile == "global"
    recommendations = args.recommendations or (270_000 if global_scale else 1_000_000)
    observations = args.observations if args.observations is not None else (0 if global_scale else 5_000_000)
    return 0 if benchmark(recommendations, observations, args.keep, global_scale, args.runs, args.steps,
                          args.floor) else 1


if __name__ == "__main__":
    sys.exit(main())
