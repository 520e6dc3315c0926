"""Time of the cross-source merge step (etl/sql/warehouse/recommendation_merge.sql) at scale."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl.sqlfiles import sql  # noqa: E402

COLUMNS = """source_id VARCHAR, vocabulary VARCHAR, id VARCHAR, country VARCHAR, mechanism VARCHAR,
    body VARCHAR, recommending_state VARCHAR, session INTEGER, year INTEGER, date DATE, document VARCHAR,
    paragraph VARCHAR, position_source VARCHAR, text VARCHAR, response VARCHAR, action_category INTEGER,
    is_pledge BOOLEAN, affected_persons VARCHAR, sdgs VARCHAR, tags VARCHAR[], row BIGINT,
    country_iso3 VARCHAR, recommending_iso3 VARCHAR, load_order INTEGER, content_key VARCHAR,
    final_id VARCHAR, cycle_code VARCHAR, also_in VARCHAR[] DEFAULT []::VARCHAR[]"""


def build_inputs(con, recommendations: int) -> None:
    """UPR Info rows (one per state) and the same recommendations as UHRI rows (two states each)."""
    con.execute(f"CREATE TEMP TABLE recommendation_keyed ({COLUMNS})")
    con.execute("CREATE TEMP TABLE country_map (raw VARCHAR, iso3 VARCHAR)")
    con.execute("INSERT INTO country_map SELECT 'State ' || i, 'S' || lpad(CAST(i AS VARCHAR), 2, '0') "
                "FROM range(100) t(i)")
    con.execute("CREATE TEMP TABLE source_order (source_id VARCHAR, load_order INTEGER, file VARCHAR)")
    con.execute("INSERT INTO source_order VALUES ('upr_info:a', 1, 'a.csv'), ('uhri:b', 2, 'b.xlsx')")
    half = recommendations // 2
    # UPR Info: two rows (two states) per recommendation
    con.execute("""
        INSERT INTO recommendation_keyed (source_id, vocabulary, country, mechanism, body, recommending_state,
            session, year, text, response, action_category, is_pledge, tags, row, country_iso3,
            recommending_iso3, load_order, final_id)
        SELECT 'upr_info:a', 'upr_info', 'C' || (i % 190), 'upr', 'UPR', 'State ' || ((i + s) % 100),
               1 + i % 54, 2008 + i % 19, 'Recommendation number ' || i || ' about the rule of law.',
               'supported', 1 + i % 5, false, ['Justice'], 2 * i + s, 'C' || (i % 190),
               'S' || lpad(CAST((i + s) % 100 AS VARCHAR), 2, '0'), 1, 'u' || i || '-' || s
        FROM range($half) t(i), range(2) u(s)""", {"half": half})
    # UHRI: one row per recommendation, both states on it, the text written differently
    con.execute("""
        INSERT INTO recommendation_keyed (source_id, vocabulary, country, mechanism, body, recommending_state,
            session, year, text, response, is_pledge, sdgs, tags, row, country_iso3, load_order, final_id)
        SELECT 'uhri:b', 'uhri', 'C' || (i % 190), 'upr', 'UPR',
               'State ' || (i % 100) || '; State ' || ((i + 1) % 100), 1 + i % 54, 2008 + i % 19,
               'recommendation number ' || i || ' about the rule of law', 'supported', false,
               '16 - Peace', ['Rule of law'], i + 2, 'C' || (i % 190), 2, 'h' || i
        FROM range($half) t(i)""", {"half": half})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recommendations", type=int, default=270_000,
                        help="recommendations held by both sources (UPR Info: two rows each)")
    args = parser.parse_args(argv)
    con = duckdb.connect(config={"memory_limit": "2GB"})
    build_inputs(con, args.recommendations)
    before = con.execute("SELECT count(*) FROM recommendation_keyed").fetchone()[0]
    started = time.perf_counter()
    con.execute(sql("warehouse/recommendation_merge"))
    seconds = time.perf_counter() - started
    after = con.execute("SELECT count(*) FROM recommendation_keyed").fetchone()[0]
    merged = con.execute("SELECT count(*) FROM recommendation_merged").fetchone()[0]
    print(f"rows before {before:,}, after {after:,}, merged {merged:,}")
    print(f"merge step: {seconds:.2f} s ({before / seconds:,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
