"""serve.heap.settle_heap: what is alive at warm-up leaves the collector's reach; what dies before it is collected."""
from __future__ import annotations

import gc
import weakref

import pytest

from serve.heap import settle_heap


class Node:
    """An object in a reference cycle: only the garbage collector reclaims it."""

    def __init__(self) -> None:
        self.itself = self


@pytest.fixture
def unfrozen():
    yield
    gc.unfreeze()     # give the objects back to the collector: the rest of this worker's tests run as before


def test_live_objects_are_frozen_and_dead_cycles_collected_first(unfrozen):
    alive, dead = Node(), Node()
    dead_ref = weakref.ref(dead)
    del dead                                   # unreachable, but in a cycle: waits for a collection
    assert dead_ref() is not None
    frozen = settle_heap()
    assert dead_ref() is None                  # collected before the freeze, not kept for ever
    assert frozen > 0
    assert not any(found is alive for found in gc.get_objects())   # a full collection no longer scans it
    gc.unfreeze()
    assert any(found is alive for found in gc.get_objects())
