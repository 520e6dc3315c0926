"""Run what a user typed: parse, expand Russian words through the glossary, match in the index."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from indicators.glossary import glossary
from indicators.search import QueryError, clean_query, leaves, parse
from indicators.search_index import SearchIndex, index_for
from indicators.search_summary import SummaryRows


@dataclass(frozen=True)
class SearchHits:
    """The texts a query matched (doc numbers of search_doc), named by the query for caching, and the
    index's rows of recommendation_summary (None: the counts need a scan of the recommendations)."""

    token: str
    docs: np.ndarray = field(compare=False, hash=False)
    summary: SummaryRows | None = field(default=None, compare=False, hash=False, repr=False)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame({"doc": self.docs})


@dataclass(frozen=True)
class SearchOutcome:
    """What the page shows about a search: the hits (None when there is no query), the English
    terms searched for Russian words, or the code of the parse problem."""

    query: str
    hits: SearchHits | None = None
    english: tuple[str, ...] = ()
    error: str | None = None
    tree: object = None


def english_terms(tree) -> tuple[str, ...]:
    """The glossary's English terms for the Russian words and phrases of a tree, in order."""
    found: list[str] = []
    terms = glossary()
    for leaf in leaves(tree):
        for text, _ in terms.english(leaf):
            if text not in found:
                found.append(text)
    return tuple(found)


def run_search(index: SearchIndex, text: str | None) -> SearchOutcome:
    """Match `text` against an index; a query that cannot be parsed gives an error code, no hits."""
    query = clean_query(text)
    try:
        tree = parse(query)
    except QueryError as error:
        return SearchOutcome(query=query, error=error.code)
    if tree is None:
        return SearchOutcome(query=query)
    docs = index.evaluate(tree, expand=glossary().expand)
    return SearchOutcome(query=query, hits=SearchHits(query, docs, index.summary), english=english_terms(tree),
                         tree=tree)


def search(key, text: str | None) -> SearchOutcome:
    """run_search on the index of one warehouse version (loaded on first use)."""
    query = clean_query(text)
    if not query:
        return SearchOutcome(query="")
    return run_search(index_for(key), query)
