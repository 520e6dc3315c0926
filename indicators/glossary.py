"""The Russian-English search glossary (data/reference/search_glossary.csv): load, validate, expand."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.text import stem, words
from indicators.search import Phrase, QueryError, Term, parse
from settings import reference_file

GLOSSARY_NAME = "search_glossary.csv"   # in the reference folder
COLUMNS = ("ru", "en", "origin")


class GlossaryError(ValueError):
    """A glossary row that cannot be used; the message names file, row and column."""


@dataclass(frozen=True)
class Glossary:
    """Russian stem sequence -> English query trees (and their text, to tell the user)."""

    entries: dict[tuple[str, ...], tuple[tuple[str, object], ...]]

    def expand(self, leaf) -> list:
        """English alternatives of a Russian word or phrase (empty for anything else)."""
        return [tree for _, tree in self.english(leaf)]

    def english(self, leaf) -> tuple[tuple[str, object], ...]:
        if isinstance(leaf, Term):
            key = (leaf.stem,)
        elif isinstance(leaf, Phrase):
            key = leaf.stems
        else:
            return ()
        return self.entries.get(key, ())


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def parse_glossary(rows: list[dict], where: str) -> Glossary:
    """Validate rows (dicts of ru, en, origin) and index them by the Russian term's stems."""
    entries: dict[tuple[str, ...], list[tuple[str, object]]] = {}
    for number, row in enumerate(rows, start=2):
        missing = [column for column in COLUMNS if column not in row]
        if missing:
            raise GlossaryError(f"{where}: missing column(s) {', '.join(missing)}")
        ru, en = (row["ru"] or "").strip(), (row["en"] or "").strip()
        if not ru or not _is_cyrillic(ru):
            raise GlossaryError(f"{where}, row {number}, column ru: {ru!r} is not a Russian term")
        if not en or _is_cyrillic(en) or not words(en):
            raise GlossaryError(f"{where}, row {number}, column en: {en!r} is not an English term")
        if not (row["origin"] or "").strip():
            raise GlossaryError(f"{where}, row {number}, column origin: empty (say which vocabulary)")
        try:
            tree = parse(f'"{en}"' if len(words(en)) > 1 else en)
        except QueryError as error:
            raise GlossaryError(f"{where}, row {number}, column en: {en!r} is not a search term "
                                f"({error.code})") from None
        key = tuple(stem(word) for word in words(ru))
        known = entries.setdefault(key, [])
        if any(text == en for text, _ in known):
            raise GlossaryError(f"{where}, row {number}, column ru: {ru!r} -> {en!r} is listed twice")
        known.append((en, tree))
    return Glossary({key: tuple(value) for key, value in entries.items()})


def read_glossary(path: Path) -> Glossary:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or any(c not in reader.fieldnames for c in COLUMNS):
            raise GlossaryError(f"{path.name}: the header must be {','.join(COLUMNS)}")
        return parse_glossary(list(reader), path.name)


@lru_cache(maxsize=1)
def glossary() -> Glossary:
    """The project's glossary (read once)."""
    return read_glossary(reference_file(GLOSSARY_NAME))
