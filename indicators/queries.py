"""Named queries (indicators/sql/*.sql) run with bound $parameters, cached per warehouse version."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache, partial
import re
from pathlib import Path

import pandas as pd

from indicators.cache import cached
from indicators.warehouse import WarehouseKey, cursor, warehouse_key

QUERY_DIR = Path(__file__).parent / "sql"
CACHE_ENTRIES = 256
# Threads that run queries a page started ahead of needing them (start_query). DuckDB releases Python's
# lock while a query runs, so the page builds its charts meanwhile.
BACKGROUND_THREADS = 4
_background = ThreadPoolExecutor(max_workers=BACKGROUND_THREADS, thread_name_prefix="roca-query")


FRAGMENT_DIR = QUERY_DIR / "fragments"
INCLUDE = re.compile(r"^(\s*)-- @include ([a-z0-9_]+)\s*$", re.MULTILINE)
# A condition that only a set filter needs sits in a block the query keeps only when its
# parameter is set (not NULL, not false); otherwise the `-- @else` lines, if any:
#     -- @if theme
#       AND list_contains(r.theme_codes, $theme)
#     -- @end
# DuckDB then neither evaluates an unset filter on every row nor runs its subquery, and pushes
# the conditions that remain into the scan. Values are always bound, never written into the text.
BLOCK = re.compile(r"^\s*-- @(if|else|end)\b[ \t]*([a-z0-9_]*)\s*$")


def _fragment(match: re.Match) -> str:
    path = FRAGMENT_DIR / f"{match.group(2)}.sql"
    if not path.exists():
        raise KeyError(f"no query fragment named {match.group(2)!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if BLOCK.match(line) or not line.startswith("--"))
    return INCLUDE.sub(_fragment, text)     # a fragment may include another (not itself)


@lru_cache(maxsize=None)
def _expanded(name: str) -> str:
    path = QUERY_DIR / f"{name}.sql"
    if path.parent != QUERY_DIR or not path.exists():
        raise KeyError(f"no query named {name!r}")
    return INCLUDE.sub(_fragment, path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def conditional_parameters(name: str) -> frozenset[str]:
    """The parameters that open an `-- @if` block of a named query."""
    return frozenset(m.group(2) for m in map(BLOCK.match, _expanded(name).splitlines())
                     if m and m.group(1) == "if")


@lru_cache(maxsize=None)
def query_text(name: str, active: frozenset[str] = frozenset()) -> str:
    """The SQL of a named query (a file in indicators/sql), its `-- @include` lines expanded and its
    `-- @if` blocks kept for the parameters in `active` (their `-- @else` lines for the others)."""
    kept, state = [], None               # state: None outside a block, else whether its lines are kept
    for number, line in enumerate(_expanded(name).splitlines(), start=1):
        block = BLOCK.match(line)
        if block is None:
            if state is not False:
                kept.append(line)
            continue
        word, parameter = block.groups()
        if (word == "if") != (state is None) or (word == "if") != bool(parameter):
            raise ValueError(f"query {name}: misplaced '-- @{word}' at line {number} (blocks do not nest)")
        state = None if word == "end" else (parameter in active if word == "if" else not state)
    if state is not None:
        raise ValueError(f"query {name}: an '-- @if' block is not closed")
    return "\n".join(kept)


def _freeze(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(value)) if isinstance(value, (set, frozenset)) else tuple(value)
    return value


def is_set(value) -> bool:
    """Whether a filter parameter is set: its `-- @if` block is kept (None and False are unset)."""
    return value is not None and value is not False


# What a query reading each relation is given of a search's hits (indicators.search_query.SearchHits): the
# texts matched (doc), their rows of recommendation_summary counting them, the texts with their summary row.
SEARCH_RELATIONS = {"search_hits": lambda hits: hits.frame(),
                    "search_summary": lambda hits: hits.summary.of(hits.docs),
                    "search_texts": lambda hits: hits.summary.texts(hits.docs)}


def execute(cursor, name: str, params: dict, hits=None) -> pd.DataFrame:
    """Run a named query on a cursor. With a search's hits, the query's `-- @if search` block is kept and
    each relation of SEARCH_RELATIONS it reads is registered; without them the block is left out and
    nothing is registered (recommendations_page_searched, which reads one outside a block, needs hits).
    The parameters of `-- @if` blocks left out of the text are not bound."""
    bound = {k: (list(v) if isinstance(v, (tuple, set, frozenset)) else v) for k, v in params.items()}
    conditional = conditional_parameters(name)
    if "search" in conditional:
        bound["search"] = hits is not None
    if hits is not None:
        expanded = _expanded(name)
        for relation, made in SEARCH_RELATIONS.items():
            if relation in expanded:
                cursor.register(relation, made(hits))
    active = frozenset(k for k in conditional if is_set(bound.get(k)))
    text = query_text(name, active)
    bound = {k: v for k, v in bound.items() if k not in conditional or re.search(rf"\${k}\b", text)}
    return cursor.execute(text, bound).df()



@cached(CACHE_ENTRIES)
def _result(key: WarehouseKey, name: str, params: tuple, hits_token: str | None, _hits=None) -> pd.DataFrame:
    """One named query's result on one warehouse version, shared by every session (never changed:
    run_query hands out copies)."""
    with cursor(key) as cur:
        return execute(cur, name, dict(params), _hits)


def run_query(name: str, key: WarehouseKey | None = None, hits=None, **params) -> pd.DataFrame:
    """Run a named query with bound parameters (and a search's hits, see `execute`); returns a
    copy the caller may change. Results are cached per warehouse version, query, parameters and
    search (the CACHE_ENTRIES most recently used)."""
    key = key or warehouse_key()
    if key is None:
        raise FileNotFoundError("no warehouse has been built yet")
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    # pandas' copy-on-write: a shallow copy is enough for the caller's changes to stay its own
    return _result(key, name, frozen, hits.token if hits is not None else None, _hits=hits).copy(deep=False)


class StartedQuery:
    """A named query started on a background thread (start_query). Calling it gives the query's result
    (run_query's), waiting while it still runs, and raises what the query raised. A query no thread has
    picked up yet when its result is asked for runs on the asking thread instead of waiting for a free one.
    Call it once: the frame it gives is the caller's to change."""

    def __init__(self, name: str, key: WarehouseKey, hits, params: dict) -> None:
        self._run = partial(run_query, name, key, hits, **params)
        self._future = _background.submit(self._run)

    def __call__(self) -> pd.DataFrame:
        if self._future.cancel():
            return self._run()
        return self._future.result()

    def cancel(self) -> None:
        """Not needed after all: dropped if no thread has picked it up yet (a running query finishes)."""
        self._future.cancel()

    def done(self) -> bool:
        """Whether it has ended: run by a thread (rows or an error), or dropped by cancel()."""
        return self._future.done()


def start_query(name: str, key: WarehouseKey | None = None, hits=None, **params) -> StartedQuery:
    """Start a named query on a background thread now; call what it returns for the result."""
    return StartedQuery(name, key or warehouse_key(), hits, params)


def clear_cache() -> None:
    """Forget every cached query result (benchmarks measure cold runs with it)."""
    _result.clear()
