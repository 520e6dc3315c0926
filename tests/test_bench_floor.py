"""The build benchmark's floor (bench/etl.py --floor) splits and posts words as the search index does."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR))

from bench.etl import DOCS_FLOOR, POSITIONAL_FLOOR, child_floor, floor_text, write_recommendations  # noqa: E402
from etl.text import words  # noqa: E402


def test_floor_posts_every_word_of_every_text(tmp_path):
    export = tmp_path / "upr_info_generated.csv"
    write_recommendations(export, 2_000)
    texts = pd.read_csv(export, dtype=str, keep_default_na=False)["Recommendation"].tolist()
    db = tmp_path / "floor.duckdb"

    floor = child_floor([export], db)

    expected = [(word, doc) for doc, text in enumerate(texts) for word in words(text)]
    assert floor["postings"] == len(expected)
    assert set(floor["seconds"]) == set(POSITIONAL_FLOOR) | set(DOCS_FLOOR)
    con = duckdb.connect(str(db), read_only=True)
    try:
        vocabulary = sorted({word for word, _ in expected})
        posted = con.execute("SELECT word_id, doc FROM floor_posting_docs ORDER BY rowid").fetchall()
    finally:
        con.close()
    # one posting per distinct word and text, numbered in word order, written sorted
    assert posted == sorted({(vocabulary.index(word), doc) for word, doc in expected})
    read = floor["seconds"]["read"]
    assert f"{sum(floor['seconds'][name] for name in POSITIONAL_FLOOR) / read:.2f}x" in floor_text(floor, read)
