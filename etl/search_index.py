"""Build the search index tables (stems, words, postings) from the loaded recommendation texts."""
from __future__ import annotations

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


def write_search_index(con) -> int:
    """Create and fill the search tables on an open build connection; returns the texts indexed.

    DuckDB folds and splits the texts into words; Python stems each distinct word once."""
    texts, span = con.execute(sql("search/check_docs")).fetchall()[0]
    if texts != span:
        raise InputError("warehouse", "recommendation rowids are not 0..n-1: the search index cannot be built")
    con.execute(sql("search/schema"))
    con.execute(sql("search/tokens"))
    words = [row[0] for row in con.execute(sql("search/words")).fetchall()]
    stems, word_stems = stem_frames(words)
    con.register("search_words_frame", word_stems)
    con.register("search_stems_frame", stems)
    try:
        con.execute(sql("search/insert_doc"))
        con.execute(sql("search/insert_word"))
        con.execute(sql("search/insert_posting_packed" if len(stems) < PACKED_STEMS else "search/insert_posting"))
        con.execute(sql("search/insert_stem"))
    finally:
        con.unregister("search_words_frame")
        con.unregister("search_stems_frame")
        con.execute("DROP TABLE IF EXISTS search_tokens")
    return int(texts)
