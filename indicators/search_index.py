"""The in-memory inverted index of stems: evaluates a parsed query to the sorted numbers of matching texts."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import numpy as np

from indicators.cache import cached
from indicators.search import And, Not, Or, Phrase, Prefix, Term
from indicators.search_summary import SummaryRows, load_summary_rows

POSITION_BITS = 16


@dataclass
class SearchIndex:
    """Postings ordered by stem: stem k's rows are docs[starts[k]:starts[k + 1]] (positions alike)."""

    texts: int
    stem_ids: dict[str, int]
    words: list[str]                 # alphabetical folded words
    word_stems: np.ndarray           # stem id of words[i]
    starts: np.ndarray
    docs: np.ndarray
    positions: np.ndarray
    summary: SummaryRows | None = field(default=None, repr=False)   # each text's row of recommendation_summary
    _doc_sets: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_arrays(cls, stems: list[str], words: list[str], word_stems, stem_ids_of_postings,
                    docs, positions, texts: int, summary: SummaryRows | None = None) -> "SearchIndex":
        stem_ids_of_postings = np.asarray(stem_ids_of_postings, dtype=np.int32)
        if len(stem_ids_of_postings) > 1 and np.any(np.diff(stem_ids_of_postings) < 0):
            order = np.lexsort((positions, docs, stem_ids_of_postings))
            stem_ids_of_postings, docs, positions = (
                stem_ids_of_postings[order], np.asarray(docs)[order], np.asarray(positions)[order])
        starts = np.searchsorted(stem_ids_of_postings, np.arange(len(stems) + 1, dtype=np.int32))
        return cls(texts=int(texts), stem_ids={s: i for i, s in enumerate(stems)}, words=list(words),
                   word_stems=np.asarray(word_stems, dtype=np.int32), starts=starts,
                   docs=np.asarray(docs, dtype=np.int32), positions=np.asarray(positions, dtype=np.uint16),
                   summary=summary)

    # ---- sets of texts -------------------------------------------------------------------------

    def stem_docs(self, stem_id: int) -> np.ndarray:
        """Sorted distinct texts holding the stem (cached: common stems are asked often)."""
        found = self._doc_sets.get(stem_id)
        if found is None:
            run = self.docs[self.starts[stem_id]:self.starts[stem_id + 1]]
            keep = np.ones(len(run), dtype=bool)
            keep[1:] = run[1:] != run[:-1]
            found = run[keep]
            if len(self._doc_sets) > 4096:
                self._doc_sets.clear()
            self._doc_sets[stem_id] = found
        return found

    def term(self, stem: str) -> np.ndarray:
        stem_id = self.stem_ids.get(stem)
        return self.stem_docs(stem_id) if stem_id is not None else _EMPTY

    def prefix_stems(self, prefix: str) -> list[int]:
        """Stem ids of every indexed word starting with `prefix`."""
        first = bisect.bisect_left(self.words, prefix)
        last = bisect.bisect_left(self.words, prefix + "\U0010ffff")
        return sorted(set(self.word_stems[first:last].tolist()))

    def prefix(self, prefix: str) -> np.ndarray:
        return self.union([self.stem_docs(stem_id) for stem_id in self.prefix_stems(prefix)])

    def phrase(self, stems: tuple[str, ...]) -> np.ndarray:
        """Texts where the stems occur at consecutive positions.

        Each stem's postings are sorted by (doc, pos), so doc << 16 | pos minus its offset in the
        phrase is a sorted array of candidate phrase starts; the rarest stem's starts are kept when
        every other stem has the matching start (binary search), then reduced to texts."""
        ids = [self.stem_ids.get(stem) for stem in stems]
        if any(stem_id is None for stem_id in ids):
            return _EMPTY
        order = sorted(range(len(ids)), key=lambda i: self.starts[ids[i] + 1] - self.starts[ids[i]])
        starts = None
        for offset in order:
            keys = self.start_keys(ids[offset], offset)
            if starts is None:
                starts = keys
                continue
            found = np.searchsorted(keys, starts)
            inside = found < len(keys)
            matched = np.zeros(len(starts), dtype=bool)
            matched[inside] = keys[found[inside]] == starts[inside]
            starts = starts[matched]
            if len(starts) == 0:
                return _EMPTY
        docs = (starts >> POSITION_BITS).astype(np.int32)
        keep = np.ones(len(docs), dtype=bool)
        keep[1:] = docs[1:] != docs[:-1]
        return docs[keep]

    def start_keys(self, stem_id: int, offset: int) -> np.ndarray:
        """Sorted doc << 16 | (pos - offset) of one stem's postings (the phrase start they imply)."""
        lo, hi = self.starts[stem_id], self.starts[stem_id + 1]
        return (self.docs[lo:hi].astype(np.int64) << POSITION_BITS) + self.positions[lo:hi] - offset

    # ---- set algebra on sorted arrays of text numbers (bitmaps of the corpus size) -------------

    def member(self, found: np.ndarray, values: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.texts, dtype=bool)
        mask[found] = True
        return mask[values]

    def intersect(self, sets: list[np.ndarray]) -> np.ndarray:
        sets = sorted(sets, key=len)
        result = sets[0]
        for other in sets[1:]:
            if len(result) == 0:
                break
            result = result[self.member(other, result)]
        return result

    def union(self, sets: list[np.ndarray]) -> np.ndarray:
        if not sets:
            return _EMPTY
        if len(sets) == 1:
            return sets[0]
        mask = np.zeros(self.texts, dtype=bool)
        for found in sets:
            mask[found] = True
        return np.flatnonzero(mask).astype(np.int32)

    def difference(self, kept: np.ndarray, removed: np.ndarray) -> np.ndarray:
        return kept[~self.member(removed, kept)] if len(removed) else kept

    def everything(self) -> np.ndarray:
        return np.arange(self.texts, dtype=np.int32)

    # ---- a query tree ----------------------------------------------------------------------------

    def evaluate(self, tree, expand=None) -> np.ndarray:
        """Sorted text numbers matching the tree; `expand(leaf)` may give alternatives (glossary)."""
        if isinstance(tree, Or):
            return self.union([self.evaluate(part, expand) for part in tree.parts])
        if isinstance(tree, And):
            wanted = [part for part in tree.parts if not isinstance(part, Not)]
            unwanted = [part.part for part in tree.parts if isinstance(part, Not)]
            kept = (self.intersect([self.evaluate(part, expand) for part in wanted]) if wanted
                    else self.everything())
            for part in unwanted:
                kept = self.difference(kept, self.evaluate(part, expand))
            return kept
        if isinstance(tree, Not):
            return self.difference(self.everything(), self.evaluate(tree.part, expand))
        alternatives = [tree] + (list(expand(tree)) if expand else [])
        return self.union([self._leaf(leaf) for leaf in alternatives])

    def _leaf(self, leaf) -> np.ndarray:
        if isinstance(leaf, Term):
            return self.term(leaf.stem)
        if isinstance(leaf, Prefix):
            return self.prefix(leaf.prefix)
        if isinstance(leaf, Phrase):
            return self.phrase(leaf.stems)
        if isinstance(leaf, (And, Or, Not)):
            return self.evaluate(leaf)
        raise TypeError(f"not a query leaf: {leaf!r}")


_EMPTY = np.zeros(0, dtype=np.int32)


def load_index(con) -> SearchIndex:
    """Read the index tables of an open warehouse connection into memory, with each text's row of
    recommendation_summary (a search's counts come from those rows)."""
    from indicators.queries import query_text

    stems = con.execute(query_text("search_index_stems")).fetchnumpy()
    words = con.execute(query_text("search_index_words")).fetchnumpy()
    postings = con.execute(query_text("search_index_postings")).fetchnumpy()
    texts = con.execute(query_text("search_index_size")).fetchall()[0][0]
    return SearchIndex.from_arrays(
        stems=[str(s) for s in stems["stem"]], words=[str(w) for w in words["word"]],
        word_stems=np.asarray(words["stem_id"]), stem_ids_of_postings=np.asarray(postings["stem_id"]),
        docs=np.asarray(postings["doc"]), positions=np.asarray(postings["pos"]), texts=texts,
        summary=load_summary_rows(con, texts))


@cached(1)
def index_for(key) -> SearchIndex:
    """The index of one warehouse version, loaded once and kept (only the latest version used)."""
    from indicators.warehouse import cursor

    with cursor(key) as warehouse:
        return load_index(warehouse)
