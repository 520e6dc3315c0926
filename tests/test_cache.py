"""indicators.cache: the one bounded cache (least recently used out, computed once, errors not kept)."""
from __future__ import annotations

import threading
import time

import pytest

from indicators.cache import BoundedCache, cached


def test_the_least_recently_used_entry_leaves_first_and_is_handed_to_on_evict():
    evicted = []
    cache = BoundedCache(2, on_evict=evicted.append)
    cache.get("a", lambda: "A")
    cache.get("b", lambda: "B")
    assert cache.get("a", lambda: "not computed again") == "A"       # a is now the most recent
    cache.get("c", lambda: "C")
    assert evicted == ["B"] and "b" not in cache and len(cache) == 2
    assert (cache.hits, cache.misses) == (1, 3)
    cache.discard("a")
    cache.clear()
    assert evicted == ["B", "A", "C"] and len(cache) == 0


def test_a_failed_computation_keeps_nothing():
    cache = BoundedCache(4)
    with pytest.raises(ZeroDivisionError):
        cache.get("x", lambda: 1 / 0)
    assert "x" not in cache
    assert cache.get("x", lambda: 7) == 7


def test_a_value_asked_for_by_many_threads_at_once_is_computed_once():
    computed = []
    cache = BoundedCache(4)

    def slow():
        computed.append(1)
        time.sleep(0.2)
        return "value"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert computed == [1] and results == ["value"] * 8


def test_the_decorator_keys_by_values_and_leaves_out_underscore_arguments():
    calls = []

    @cached(8)
    def add(a, b=0, _note=None):
        calls.append((a, b, _note))
        return a + b

    assert add(1, b=2, _note="first") == 3
    assert add(1, b=2, _note="ignored in the key") == 3
    assert add(1, b=3) == 4
    assert calls == [(1, 2, "first"), (1, 3, None)]
    add.forget(1, b=2)
    assert add(1, b=2) == 3 and len(calls) == 3
    add.clear()
    assert len(add.cache) == 0


def test_size_must_be_bounded():
    with pytest.raises(ValueError):
        BoundedCache(0)
