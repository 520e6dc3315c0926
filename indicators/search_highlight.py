"""Mark the words of a text that a query matched, as escaped markdown (data never renders as markup)."""
from __future__ import annotations

from functools import lru_cache

from indicators.markdown import escape_markdown, single_line
from etl.text import WORD, normalise, stem
from indicators.search import Phrase, Prefix, Term, positive_leaves

# A word's folded form, kept: a page of texts repeats the same words (12 ms of a search's rerun folded anew)
_folded = lru_cache(maxsize=200_000)(normalise)


def _leaves(tree, expand=None) -> list:
    found = []
    for leaf in positive_leaves(tree):
        found.append(leaf)
        for alternative in (expand(leaf) if expand else []):
            found.extend(positive_leaves(alternative))
    return found


def highlight_spans(text: str, tree, expand=None) -> list[tuple[int, int]]:
    """(start, end) character spans of `text` matched by the query's positive leaves."""
    spans = [(m.start(), m.end(), _folded(m.group())) for m in WORD.finditer(text)]
    folded = [word for _, _, word in spans]
    stemmed = [stem(word) for word in folded]
    marked = [False] * len(spans)
    for leaf in _leaves(tree, expand):
        if isinstance(leaf, Term):
            for i, value in enumerate(stemmed):
                marked[i] |= value == leaf.stem
        elif isinstance(leaf, Prefix):
            for i, value in enumerate(folded):
                marked[i] |= value.startswith(leaf.prefix)
        elif isinstance(leaf, Phrase):
            size = len(leaf.stems)
            for i in range(len(stemmed) - size + 1):
                if tuple(stemmed[i:i + size]) == leaf.stems:
                    for j in range(i, i + size):
                        marked[j] = True
    merged: list[tuple[int, int]] = []
    for (start, end, _), hit in zip(spans, marked):
        if not hit:
            continue
        if merged and text[merged[-1][1]:start].strip() == "" and _adjacent(spans, merged[-1][1], start):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _adjacent(spans, previous_end: int, start: int) -> bool:
    return any(s == start for s, _, _ in spans) and start - previous_end <= 3


def highlight_markdown(text: str, tree, expand=None) -> str:
    """`text` escaped for markdown, with the matched words in bold (only our own ** are markup)."""
    if text is None:
        return ""
    # one line first, then the spans: escape_markdown trims each piece, so the spaces between the
    # pieces (around every marked word) are put back here
    text = single_line(text)
    pieces, at = [], 0
    for start, end in highlight_spans(text, tree, expand):
        pieces.append(_escaped_keeping_spaces(text[at:start]))
        pieces.append("**" + escape_markdown(text[start:end]) + "**")
        at = end
    pieces.append(_escaped_keeping_spaces(text[at:]))
    return "".join(pieces)


def _escaped_keeping_spaces(piece: str) -> str:
    if not piece.strip():
        return piece
    lead = piece[:len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()):]
    return lead + escape_markdown(piece) + trail
