"""Settle the server's heap after warm-up: what is alive then is moved out of the garbage collector's reach."""
from __future__ import annotations

import gc


def settle_heap() -> int:
    """Collect, then freeze (gc.freeze) every object still alive: the imported modules, the warehouse
    connection and the caches warm-up filled. Python's full collections then scan only what later
    reruns create: one such collection paused a rerun of the Overview for 200-270 ms at 1M
    recommendations before, about 50 ms after (bench/pages.py). Returns the objects frozen.

    Call it once, when the process is warm (serve/warmup.py after its visits): objects frozen stay
    frozen, so anything frozen that becomes cyclic garbage later is not reclaimed. That is a one-off:
    the warm-up's own sessions (Streamlit keeps a closed session for server.disconnectedSessionTTL,
    120 s) and a visitor's rerun running at that moment; the caches and modules frozen live on."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
