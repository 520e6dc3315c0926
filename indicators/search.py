"""Search text: split what a user typed into normalised terms that the SQL matches with AND."""
from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 8            # more words than this are dropped (the first ones are kept)
MAX_TERM_LENGTH = 100    # characters per term
MAX_QUERY_LENGTH = 200   # characters read from the search box or the URL
_TOKENS = re.compile(r'"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EDGE_PUNCTUATION = ".,;:!?()[]{}«»“”„'\""


def normalise(text: str) -> str:
    """Lower case, accents stripped, ё folded to е: the Python twin of the SQL in queries/*.sql.

    SQL side: replace(strip_accents(lower(text)), 'ё', 'е'). strip_accents removes combining
    marks after canonical decomposition, so й -> и and ё -> е on both sides alike.
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).replace("ё", "е")


def clean_query(text: str | None) -> str:
    """The search text as kept in the box and the URL: no control characters, at most 200 chars."""
    if not text:
        return ""
    return _CONTROL.sub(" ", str(text))[:MAX_QUERY_LENGTH].strip()


def search_terms(text: str | None) -> tuple[str, ...]:
    """Normalised terms, all of which must occur in a text: words, or "quoted phrases".

    Punctuation at the edges of a word is dropped, duplicates removed, at most MAX_TERMS kept.
    """
    terms: list[str] = []
    for phrase, word in _TOKENS.findall(clean_query(text)):
        raw = " ".join(phrase.split()) if phrase else word.strip(_EDGE_PUNCTUATION)
        term = normalise(raw)[:MAX_TERM_LENGTH]
        if term and term not in terms:
            terms.append(term)
    return tuple(terms[:MAX_TERMS])


def matches(text: str, terms: tuple[str, ...]) -> bool:
    """True when every term occurs in the normalised text (what the SQL computes)."""
    folded = normalise(text)
    return all(term in folded for term in terms)
