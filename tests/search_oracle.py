"""A plain, slow reference matcher for simple queries (words and "phrases", all required, with
the glossary's English alternatives of Russian terms): what the index must agree with."""
from __future__ import annotations

import csv
import re
from functools import lru_cache

from indicators.glossary import GLOSSARY_NAME
from settings import reference_file
from etl.text import stem, stems, words


@lru_cache(maxsize=1)
def _glossary() -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    found: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    with open(reference_file(GLOSSARY_NAME), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(tuple(stems(row["ru"])), []).append(tuple(stems(row["en"])))
    return found


def _holds(sequence: list[str], wanted: tuple[str, ...]) -> bool:
    size = len(wanted)
    return any(tuple(sequence[i:i + size]) == wanted for i in range(len(sequence) - size + 1))


def matches(text: str, query: str) -> bool:
    """True when every word / phrase of `query` (or a glossary alternative) occurs in `text`."""
    return matches_stems(stems(text), query)


def matches_stems(sequence: list[str], query: str) -> bool:
    """`matches` on a text already cut into its stems (a large corpus is stemmed once, searched often)."""
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        wanted = tuple(stem(w) for w in words(phrase or word))
        if not wanted:
            continue
        options = [wanted] + _glossary().get(wanted, [])
        if not any(_holds(sequence, option) for option in options):
            return False
    return True
