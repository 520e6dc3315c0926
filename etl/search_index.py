"""Build the search index tables (stems, words, postings) from the loaded recommendation texts."""
from __future__ import annotations

import numpy as np
import pandas as pd

from etl.errors import InputError
from etl.sqlfiles import sql
from etl.text import stem

PACKED_STEMS = 1 << 17        # below this many stems the postings are sorted on one packed key


def stem_frames(words: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stems: stem_id, stem; words: word, stem_id) for distinct folded words."""
    stem_ids: dict[str, int] = {}
    word_stems = [stem_ids.setdefault(stem(word), len(stem_ids)) for word in words]
    stems = pd.DataFrame({"stem_id": pd.Series(range(len(stem_ids)), dtype="int32"), "stem": list(stem_ids)})
    return stems, pd.DataFrame({"word": words, "stem_id": pd.Series(word_stems, dtype="int32")})


def texts_per_stem(keys: np.ndarray, stems: int) -> np.ndarray:
    """How many distinct texts hold each stem, from the postings' keys stem_id << 32 | doc (one per
    occurrence), in the order search_posting holds them: sorted by stem, then doc (sorted here if not).
    A text counts once for a stem however often the stem occurs in it."""
    keys = np.asarray(keys, dtype=np.int64)
    counts = np.zeros(stems, dtype=np.int64)
    if not len(keys):
        return counts
    steps = np.diff(keys)
    if (steps < 0).any():
        keys = np.sort(keys)
        steps = np.diff(keys)
    first = np.empty(len(keys), dtype=bool)    # the first occurrence of its (stem, doc)
    first[0] = True
    np.not_equal(steps, 0, out=first[1:])
    starts = np.searchsorted(keys, np.arange(stems + 1, dtype=np.int64) << 32)
    held = starts[:-1] < starts[1:]
    counts[held] = np.add.reduceat(first, starts[:-1][held], dtype=np.int64)
    return counts


def write_search_index(con) -> int:
    """Create and fill the search tables on an open build connection; returns the texts indexed.

    DuckDB folds and splits the texts into words; Python stems each distinct word once and counts
    the texts of each stem from the postings (numpy: a third of what a DISTINCT count took)."""
    texts, span = con.execute(sql("search/check_docs")).fetchall()[0]
    if texts != span:
        raise InputError("warehouse", "recommendation rowids are not 0..n-1: the search index cannot be built")
    con.execute(sql("search/schema"))
    con.execute(sql("search/tokens"))
    words = [row[0] for row in con.execute(sql("search/words")).fetchall()]
    stems, word_stems = stem_frames(words)
    con.register("search_words_frame", word_stems)
    try:
        con.execute(sql("search/insert_doc"))
        con.execute(sql("search/insert_word"))
        con.execute(sql("search/insert_posting_packed" if len(stems) < PACKED_STEMS else "search/insert_posting"))
        keys = con.execute(sql("search/posting_keys")).fetchnumpy()["key"]
        stems["texts"] = pd.Series(texts_per_stem(keys, len(stems)), dtype="int32")
        del keys
        con.register("search_stems_frame", stems)
        con.execute(sql("search/insert_stem"))
    finally:
        con.unregister("search_words_frame")
        con.unregister("search_stems_frame")
        con.execute("DROP TABLE IF EXISTS search_tokens")
    return int(texts)
