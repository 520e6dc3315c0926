"""Build the search index tables (stems, words, postings) from the loaded recommendation texts."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from etl.errors import InputError
from etl.sqlfiles import sql
from etl.text import stem

PACKED_STEMS = 1 << 17        # below this many stems the postings are sorted on one packed key
KEYS_PER_BATCH = 1 << 22      # postings' keys counted at a time (32 MB of them)


def stem_frames(words: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stems: stem_id, stem; words: word, stem_id) for distinct folded words."""
    stem_ids: dict[str, int] = {}
    word_stems = [stem_ids.setdefault(stem(word), len(stem_ids)) for word in words]
    stems = pd.DataFrame({"stem_id": pd.Series(range(len(stem_ids)), dtype="int32"), "stem": list(stem_ids)})
    return stems, pd.DataFrame({"word": words, "stem_id": pd.Series(word_stems, dtype="int32")})


def texts_per_stem(read_keys: Callable[[], Iterable[np.ndarray]], stems: int) -> np.ndarray:
    """How many distinct texts hold each stem, from the postings' keys stem_id << 32 | doc (one per
    occurrence). `read_keys()` gives them in batches in the order search_posting holds them (sorted by
    stem, then doc), so that memory stays small; if they come out of that order they are read again,
    all at once, and sorted. A text counts once for a stem however often the stem occurs in it."""
    counts = np.zeros(stems, dtype=np.int64)
    previous = None
    batches = iter(read_keys())
    for keys in batches:
        keys = np.asarray(keys, dtype=np.int64)
        if not len(keys):
            continue
        if (previous is not None and keys[0] < previous) or (keys[1:] < keys[:-1]).any():
            getattr(batches, "close", lambda: None)()          # let go of the first reading
            all_keys = np.concatenate([np.asarray(batch, dtype=np.int64) for batch in read_keys()])
            all_keys.sort()                                     # in place: one copy of the keys
            return texts_per_stem(lambda: [all_keys], stems)
        first = np.empty(len(keys), dtype=bool)    # the first occurrence of its (stem, doc)
        first[0] = previous is None or keys[0] != previous
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        counts += np.bincount(keys[first] >> 32, minlength=stems)
        previous = keys[-1]
    return counts


def _posting_keys(con) -> Iterator[np.ndarray]:
    reader = con.sql(sql("search/posting_keys")).to_arrow_reader(KEYS_PER_BATCH)
    try:
        for batch in reader:
            yield batch.column(0).to_numpy()
    finally:
        reader.close()


def write_search_index(con) -> int:
    """Create and fill the search tables on an open build connection; returns the texts indexed.

    DuckDB folds and splits the texts into words; Python stems each distinct word once and counts
    the texts of each stem from the postings (numpy, in batches: a third of what a DISTINCT count took)."""
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
        stems["texts"] = pd.Series(texts_per_stem(lambda: _posting_keys(con), len(stems)), dtype="int32")
        con.register("search_stems_frame", stems)
        con.execute(sql("search/insert_stem"))
    finally:
        con.unregister("search_words_frame")
        con.unregister("search_stems_frame")
        con.execute("DROP TABLE IF EXISTS search_tokens")
    return int(texts)
