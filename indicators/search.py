"""Search queries: parse the query language (words, phrases, prefixes, OR/AND/NOT) into a tree of leaves."""
from __future__ import annotations

import re
from dataclasses import dataclass

from etl.text import WORD, normalise, stem

MAX_QUERY_LENGTH = 200   # characters read from the search box or the URL
MAX_LEAVES = 16          # words, phrases and prefixes in one query
MIN_PREFIX = 3           # letters before a * (shorter prefixes match most of the corpus)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LEX = re.compile(r'\s*(?:(\()|(\))|"([^"]*)("?)|([^\s()"]+))')
OPERATORS = {"OR": "OR", "ИЛИ": "OR", "AND": "AND", "И": "AND", "NOT": "NOT", "НЕ": "NOT"}


def clean_query(text: str | None) -> str:
    """The search text as kept in the box and the URL: no control characters, at most 200 chars."""
    if not text:
        return ""
    return _CONTROL.sub(" ", str(text))[:MAX_QUERY_LENGTH].strip()


# ---- the query language ------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    """One word: matches every text holding a word with the same stem."""
    stem: str
    word: str


@dataclass(frozen=True)
class Phrase:
    """Consecutive words ("civil society"): their stems at consecutive positions."""
    stems: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    """prefix*: every text holding a word (not a stem) that starts with it."""
    prefix: str


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


class QueryError(ValueError):
    """A query that cannot be parsed; `code` names the problem (the page words it for the user)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, value) pairs: ( ) PHRASE OP WORD."""
    found, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _LEX.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
        opened, closed, phrase, closing, bare = match.groups()
        if opened:
            found.append(("(", "("))
        elif closed:
            found.append((")", ")"))
        elif phrase is not None:
            if not closing:
                raise QueryError("unclosed_quote")
            found.append(("PHRASE", phrase))
        elif bare in OPERATORS:
            found.append(("OP", OPERATORS[bare]))
        elif bare.startswith("-") and len(bare) > 1:
            found.append(("OP", "NOT"))
            found.extend(_tokens(bare[1:]))
        else:
            found.append(("WORD", bare))
    return found


def _leaf(kind: str, value: str):
    if kind == "WORD" and value.endswith("*"):
        body = value.rstrip("*")
        if "*" in body:
            raise QueryError("bad_wildcard", value)
        folded = WORD.findall(normalise(body))
        if len(folded) != 1 or len(folded[0]) < MIN_PREFIX:
            raise QueryError("short_prefix", value)
        return Prefix(folded[0])
    if "*" in value:
        raise QueryError("bad_wildcard", value)
    folded = WORD.findall(normalise(value))
    if not folded:
        return None                      # punctuation only: nothing to match, ignored
    if len(folded) == 1 and kind == "WORD":
        return Term(stem(folded[0]), folded[0])
    return Phrase(tuple(stem(word) for word in folded), tuple(folded))


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        self.at += 1
        return self.tokens[self.at - 1]

    def any_of(self):
        parts = [self.all_of()]
        while self.peek() == ("OP", "OR"):
            self.take()
            if parts[-1] is None or self.peek() is None or self.peek()[0] == ")" or self.peek() == ("OP", "OR"):
                raise QueryError("dangling_operator", "OR")
            parts.append(self.all_of())
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def all_of(self):
        parts = []
        while (token := self.peek()) is not None and token[0] != ")" and token != ("OP", "OR"):
            if token == ("OP", "AND"):
                self.take()
                if not parts or self.peek() is None or self.peek()[0] == ")":
                    raise QueryError("dangling_operator", "AND")
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self):
        kind, value = self.take()
        if (kind, value) == ("OP", "NOT"):
            if self.peek() is None or self.peek()[0] == ")" or self.peek()[0] == "OP" and self.peek()[1] != "NOT":
                raise QueryError("dangling_operator", "NOT")
            part = self.unary()
            return Not(part) if part is not None else None
        if kind == "(":
            inner = self.any_of()
            if self.peek() is None or self.peek()[0] != ")":
                raise QueryError("unbalanced_parentheses")
            self.take()
            if inner is None:
                raise QueryError("empty_group")
            return inner
        if kind == ")":
            raise QueryError("unbalanced_parentheses")
        return _leaf(kind, value)


def parse(text: str | None):
    """The query tree of what a user typed (None when it holds nothing to search).

    Words must all match; OR between alternatives; NOT or a leading - excludes; ( ) group;
    "..." is a phrase; prefix* matches words starting with it. OR/AND/NOT are operators only in
    capitals (ИЛИ/И/НЕ in Russian). Raises QueryError when the query cannot be parsed.
    """
    parser = _Parser(_tokens(clean_query(text)))
    tree = parser.any_of()
    if parser.peek() is not None:
        raise QueryError("unbalanced_parentheses")
    if tree is not None and len(leaves(tree)) > MAX_LEAVES:
        raise QueryError("too_long")
    return tree


def leaves(tree) -> list:
    """Every Term, Phrase and Prefix of a tree, in reading order."""
    if tree is None:
        return []
    if isinstance(tree, (And, Or)):
        return [leaf for part in tree.parts for leaf in leaves(part)]
    if isinstance(tree, Not):
        return leaves(tree.part)
    return [tree]


def positive_leaves(tree, negated: bool = False) -> list:
    """The leaves that make a text match (not those under NOT): what highlighting marks."""
    if tree is None:
        return []
    if isinstance(tree, (And, Or)):
        return [leaf for part in tree.parts for leaf in positive_leaves(part, negated)]
    if isinstance(tree, Not):
        return positive_leaves(tree.part, not negated)
    return [] if negated else [tree]
