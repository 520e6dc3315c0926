"""The one cache of the app: bounded, thread-safe, least recently used entries, keyed by argument values.

Everything kept between reruns goes through `cached`: query results and search indexes per warehouse
version, the open connection of each version, rendered chart images, progress assessments. Keys hold
the warehouse version (indicators.warehouse.WarehouseKey: path, mtime, size), so a rebuilt warehouse
is never served from an older version's entries, and those age out of the bounded cache.

Not Streamlit's st.cache_data / st.cache_resource: hashing their arguments cost 0.3-5 ms a call on
this machine (a rerun asks for 30-150 cached results); a dictionary look-up costs microseconds. The
cache works the same inside Streamlit, in the command-line tools and on download threads.
"""
from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from typing import Callable, Hashable


class BoundedCache:
    """At most `max_entries` values, the least recently used dropped first (and handed to `on_evict`).

    A value is computed once even when several threads ask for it at the same time; a computation
    that raises stores nothing.
    """

    def __init__(self, max_entries: int, on_evict: Callable[[object], None] | None = None) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.on_evict = on_evict
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], object]):
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                if key in self._entries:            # computed by another thread while this one waited
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return self._entries[key]
                self.misses += 1
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(key, None)
                raise
            with self._lock:
                self._entries[key] = value
                self._computing.pop(key, None)
                evicted = [self._entries.popitem(last=False)[1]
                           for _ in range(len(self._entries) - self.max_entries)]
        self._evicted(evicted)
        return value

    def discard(self, key: Hashable) -> None:
        """Drop one entry (handed to on_evict) if it is there."""
        with self._lock:
            found = [self._entries.pop(key)] if key in self._entries else []
        self._evicted(found)

    def clear(self) -> None:
        with self._lock:
            found = list(self._entries.values())
            self._entries.clear()
        self._evicted(found)

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _evicted(self, values: list) -> None:
        if self.on_evict is not None:
            for value in values:
                self.on_evict(value)


def cache_key(args: tuple, kwargs: dict) -> tuple:
    """The key of a call: its positional arguments and its keyword arguments not starting with '_'."""
    return args + tuple(sorted((name, value) for name, value in kwargs.items() if not name.startswith("_")))


def cached(max_entries: int, on_evict: Callable[[object], None] | None = None):
    """Decorator: results kept in a BoundedCache by argument values (which must be hashable).

    Keyword arguments whose name starts with '_' are passed on but not part of the key (as in
    Streamlit's caches): give them only with values the other arguments determine. Callers get the
    stored value itself, so they must not change it. `function.cache` is the BoundedCache,
    `function.forget(*args, **kwargs)` drops one call's entry, `function.clear()` drops them all.
    """
    def decorate(function):
        cache = BoundedCache(max_entries, on_evict)

        @functools.wraps(function)
        def call(*args, **kwargs):
            return cache.get(cache_key(args, kwargs), lambda: function(*args, **kwargs))

        call.cache = cache
        call.clear = cache.clear
        call.forget = lambda *args, **kwargs: cache.discard(cache_key(args, kwargs))
        return call
    return decorate
