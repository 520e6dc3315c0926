"""Build the search index tables (stems, words, postings) from the loaded recommendation texts."""
from __future__ import annotations

from array import array

import numpy as np
import pandas as pd

from etl.sqlfiles import sql
from indicators.search import POSITION_LIMIT, WORD, normalise, stem


def index_texts(texts) -> dict[str, pd.DataFrame]:
    """Frames of the four search tables for texts numbered 0..n-1 in the order given."""
    stem_ids: dict[str, int] = {}
    word_stem: dict[str, int] = {}
    stem_column, doc_column, pos_column = array("i"), array("i"), array("i")
    for doc, text in enumerate(texts):
        found = WORD.findall(normalise(text or ""))
        ids = []
        for word in found:
            stem_id = word_stem.get(word)
            if stem_id is None:
                stem_id = stem_ids.setdefault(stem(word), len(stem_ids))
                word_stem[word] = stem_id
            ids.append(stem_id)
        stem_column.extend(ids)
        doc_column.extend(array("i", [doc]) * len(ids))
        pos_column.extend(range(min(len(ids), POSITION_LIMIT)))
        pos_column.extend([POSITION_LIMIT] * max(len(ids) - POSITION_LIMIT, 0))
    stem_array = np.frombuffer(stem_column, dtype=np.int32)
    order = np.argsort(stem_array, kind="stable")        # by stem, then doc and position as read
    docs = np.frombuffer(doc_column, dtype=np.int32)[order]
    stem_array = stem_array[order]
    positions = np.frombuffer(pos_column, dtype=np.int32)[order].astype(np.uint16)
    first = np.ones(len(docs), dtype=bool)            # first posting of a (stem, text) pair
    first[1:] = (stem_array[1:] != stem_array[:-1]) | (docs[1:] != docs[:-1])
    texts_per_stem = np.bincount(stem_array[first], minlength=len(stem_ids))
    return {
        "stems": pd.DataFrame({"stem_id": np.arange(len(stem_ids), dtype=np.int32),
                               "stem": list(stem_ids), "texts": texts_per_stem.astype(np.int32)}),
        "words": pd.DataFrame({"word": list(word_stem), "stem_id": np.fromiter(
            word_stem.values(), dtype=np.int32, count=len(word_stem))}),
        "postings": pd.DataFrame({"stem_id": stem_array, "doc": docs, "pos": positions}),
    }


def write_search_index(con) -> int:
    """Create and fill the search tables on an open build connection; returns the texts indexed."""
    con.execute(sql("search/schema"))
    rows = con.execute(sql("search/texts")).df()
    frames = index_texts(rows["text"].tolist())
    frames["docs"] = rows[["doc", "id"]]
    for name in ("docs", "stems", "words", "postings"):
        con.register(f"search_{name}_frame", frames[name])
        try:
            con.execute(sql(f"search/insert_{name[:-1]}"))
        finally:
            con.unregister(f"search_{name}_frame")
    return len(rows)
