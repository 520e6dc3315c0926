"""Benchmark the project's search against SQLite FTS5 (porter) on the same generated texts."""
from __future__ import annotations

import argparse
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from etl.search_index import write_search_index  # noqa: E402
from indicators.search_index import load_index  # noqa: E402
from indicators.search_query import run_search  # noqa: E402

UPR_INFO = Path("upr_info_export") / "upr_info_export_sessions01-09_17-20_central_asia.csv"
COUNTRIES = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
TARGET_P95_MS, TARGET_RATIO = 200.0, 1.5
CLAUSE = re.compile(r",\s+|;\s+|\s+(?=(?:and|including|in order to|with a view to|in particular)\s)")
# (label, the project's query, the FTS5 query, filtered: country KAZ and year >= 2012)
QUERIES = [
    ("single word", "torture", "torture", False),
    ("rare word", "ombudsperson", "ombudsperson", False),
    ("very common word", "the", "the", False),
    ("two words", "torture detention", "torture AND detention", False),
    ("phrase", '"civil society"', '"civil society"', False),
    ("three-word phrase", '"national human rights"', '"national human rights"', False),
    ("OR", "journalists OR media", "journalists OR media", False),
    ("NOT", "women -violence", "women NOT violence", False),
    ("prefix", "discriminat*", "discriminat*", False),
    ("Russian glossary word", "пытки", "пытки OR torture", False),
    ("parentheses", '(torture OR "ill-treatment") detention', '(torture OR "ill treatment") AND detention', False),
    ("word + filters", "women", "women", True),
]


def real_texts(data_dir: Path) -> list[str]:
    """The recommendation texts of the real UPR Info export (its fourth column)."""
    frame = pd.read_csv(data_dir / UPR_INFO, dtype=str, keep_default_na=False)
    return [text.strip() for text in frame.iloc[:, 3].tolist() if text.strip()]


def generated_texts(real: list[str], count: int, seed: int = 11) -> list[str]:
    """`count` distinct texts, each the first clause of one real text followed by one to three
    later clauses of others (real sentences recombined: the same words and lengths as UPR texts)."""
    heads, tails = [], []
    for text in real:
        parts = [p.strip(" .") for p in CLAUSE.split(text) if p and p.strip(" .")]
        heads.append(parts[0])
        tails.extend(parts[1:])
    generator, seen, texts = random.Random(seed), set(), []
    while len(texts) < count:
        parts = [generator.choice(heads)] + [generator.choice(tails) for _ in range(generator.randint(1, 3))]
        text = ", ".join(parts) + "."
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def timed(function, runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        seconds.append((time.perf_counter() - started) * 1000)
    return seconds, result


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def build_project(folder: Path, frame: pd.DataFrame) -> tuple[float, int, duckdb.DuckDBPyConnection]:
    path = folder / "search.duckdb"
    con = duckdb.connect(str(path))
    con.register("texts_frame", frame)
    con.execute("CREATE TABLE recommendation AS SELECT * FROM texts_frame")
    con.unregister("texts_frame")
    con.execute("CHECKPOINT")
    before = path.stat().st_size
    started = time.perf_counter()
    write_search_index(con)
    con.execute("CHECKPOINT")
    seconds = time.perf_counter() - started
    size = path.stat().st_size - before
    con.close()
    return seconds, size, duckdb.connect(str(path), read_only=True)


def build_fts5(folder: Path, frame: pd.DataFrame) -> tuple[float, int, sqlite3.Connection]:
    path = folder / "fts5.sqlite"
    con = sqlite3.connect(str(path))
    con.execute("CREATE TABLE docs (id TEXT, country_iso3 TEXT, year INTEGER)")
    con.executemany("INSERT INTO docs (rowid, id, country_iso3, year) VALUES (?, ?, ?, ?)",
                    zip(range(1, len(frame) + 1), frame["id"], frame["country_iso3"], frame["year"].tolist()))
    con.commit()
    before = path.stat().st_size
    started = time.perf_counter()
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(text, content='', "
                "tokenize='porter unicode61 remove_diacritics 2')")
    con.executemany("INSERT INTO fts (rowid, text) VALUES (?, ?)", zip(range(1, len(frame) + 1), frame["text"]))
    con.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    con.commit()
    seconds = time.perf_counter() - started
    size = path.stat().st_size - before
    return seconds, size, con


FILTERED_COUNT = """
SELECT count(*) FROM recommendation r
WHERE r.country_iso3 = $country AND r.year >= $year
  AND r.rowid IN (SELECT doc FROM search_hits)
"""


def project_query(index, con, query: str, filtered: bool):
    def run():
        index._doc_sets.clear()                 # no warm per-stem cache between runs
        outcome = run_search(index, query)
        docs = outcome.hits.docs
        if filtered:
            cursor = con.cursor()
            cursor.register("search_hits", outcome.hits.frame())
            count = cursor.execute(FILTERED_COUNT, {"country": "KAZ", "year": 2012}).fetchall()[0][0]
            cursor.close()
            return count
        first = docs[:50].tolist()
        return len(docs) if first is not None else 0
    return run


def fts5_query(con, query: str, filtered: bool):
    def run():
        if filtered:
            return con.execute("SELECT count(*) FROM docs d JOIN fts ON fts.rowid = d.rowid "
                               "WHERE fts MATCH ? AND d.country_iso3 = ? AND d.year >= ?",
                               (query, "KAZ", 2012)).fetchone()[0]
        count = con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (query,)).fetchone()[0]
        con.execute("SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rowid LIMIT 50", (query,)).fetchall()
        return count
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=PROJECT_DIR.parent / "shared" / "data",
                        help="folder holding upr_info_export/ (the real extract whose sentences are recombined)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    texts = generated_texts(real_texts(args.data), args.texts)
    generator = random.Random(5)
    frame = pd.DataFrame({"id": [f"bench-{i:07d}" for i in range(len(texts))],
                          "country_iso3": [COUNTRIES[i % 5] for i in range(len(texts))],
                          "year": [generator.randint(2008, 2025) for _ in texts], "text": texts})
    print(f"{len(texts):,} distinct texts generated in {time.perf_counter() - started:.1f} s "
          f"(mean {frame['text'].str.len().mean():.0f} characters)")
    with tempfile.TemporaryDirectory(prefix="search-bench-") as folder:
        folder = Path(folder)
        ours_build, ours_size, duck = build_project(folder, frame)
        started = time.perf_counter()
        index = load_index(duck)
        load_seconds = time.perf_counter() - started
        fts_build, fts_size, lite = build_fts5(folder, frame)
        print(f"index build: project {ours_build:.1f} s, {ours_size / 1e6:.0f} MB (DuckDB tables); "
              f"FTS5 {fts_build:.1f} s, {fts_size / 1e6:.0f} MB (contentless)")
        print(f"project index load into memory (once per warehouse version): {load_seconds:.1f} s")
        print(f"{'query':<24}{'project med/p95 ms':>20}{'FTS5 med/p95 ms':>18}{'p95 ratio':>11}"
              f"{'hits (project/FTS5)':>22}  target")
        failures = 0
        for label, ours_text, fts_text, filtered in QUERIES:
            ours, ours_hits = timed(project_query(index, duck, ours_text, filtered), args.runs)
            theirs, fts_hits = timed(fts5_query(lite, fts_text, filtered), args.runs)
            ratio = p95(ours) / p95(theirs) if p95(theirs) else float("inf")
            ok = p95(ours) < TARGET_P95_MS and ratio <= TARGET_RATIO
            failures += not ok
            print(f"{label:<24}{statistics.median(ours):>9.1f} / {p95(ours):>7.1f}"
                  f"{statistics.median(theirs):>9.1f} / {p95(theirs):>6.1f}{ratio:>11.2f}"
                  f"{ours_hits:>11,} / {fts_hits:<9,}  {'met' if ok else 'MISSED'}")
        duck.close()
        lite.close()
    print(f"targets: p95 < {TARGET_P95_MS:.0f} ms and <= {TARGET_RATIO}x FTS5 on every query: "
          f"{'met' if not failures else f'missed on {failures} queries'}")
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
