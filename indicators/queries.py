"""Named queries (indicators/sql/*.sql) run with bound $parameters, cached per warehouse version."""
from __future__ import annotations

from functools import lru_cache
import re
from pathlib import Path

import pandas as pd

from indicators.cache import cached
from indicators.warehouse import WarehouseKey, cursor, warehouse_key

QUERY_DIR = Path(__file__).parent / "sql"
CACHE_ENTRIES = 256


FRAGMENT_DIR = QUERY_DIR / "fragments"
INCLUDE = re.compile(r"^(\s*)-- @include ([a-z0-9_]+)\s*$", re.MULTILINE)


def _fragment(match: re.Match) -> str:
    path = FRAGMENT_DIR / f"{match.group(2)}.sql"
    if not path.exists():
        raise KeyError(f"no query fragment named {match.group(2)!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("--"))


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The SQL of a named query (a file in indicators/queries), its `-- @include` lines expanded."""
    path = QUERY_DIR / f"{name}.sql"
    if path.parent != QUERY_DIR or not path.exists():
        raise KeyError(f"no query named {name!r}")
    return INCLUDE.sub(_fragment, path.read_text(encoding="utf-8"))


def _freeze(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(value)) if isinstance(value, (set, frozenset)) else tuple(value)
    return value


def execute(cursor, name: str, params: dict, hits=None) -> pd.DataFrame:
    """Run a named query on a cursor. A query reading `search_hits` (the texts a search matched)
    gets them as a registered frame with $search true, or an empty one with $search false."""
    text = query_text(name)
    bound = {k: (list(v) if isinstance(v, (tuple, set, frozenset)) else v) for k, v in params.items()}
    if "search_hits" in text:
        bound["search"] = hits is not None
        cursor.register("search_hits", hits.frame() if hits is not None else _NO_HITS)
    return cursor.execute(text, bound).df()


_NO_HITS = pd.DataFrame({"doc": pd.Series([], dtype="int32")})


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


def clear_cache() -> None:
    """Forget every cached query result (benchmarks measure cold runs with it)."""
    _result.clear()
