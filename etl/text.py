"""Text folding and Snowball stemming shared by the search index build and the search box."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ENGLISH = Stemmer.Stemmer("english")
_RUSSIAN = Stemmer.Stemmer("russian")


def normalise(text: str) -> str:
    """Lower case, accents stripped, ё folded to е (й kept apart from и, as Russian readers expect).

    SQL side: replace(strip_accents(lower(text)), 'ё', 'е') where SQL still compares folded text.
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("й", "\0"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped).replace("\0", "й").replace("ё", "е")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one folded word: Russian for Cyrillic words, English otherwise."""
    return _RUSSIAN.stemWord(word) if _CYRILLIC.search(word) else _ENGLISH.stemWord(word)


def words(text: str) -> list[str]:
    """The folded words of a text, in order (what positions count)."""
    return WORD.findall(normalise(text))


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order."""
    return [stem(word) for word in words(text)]
