"""Process helpers: pausing the cyclic garbage collector around a build of many long-lived
containers, and the allocator setting the command line asks for. Nothing here changes the
process on import; :func:`gc_paused` restores what it changed, and only the command line
calls :func:`return_freed_memory`."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator

ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
"""polars' allocator (jemalloc) setting: freed pages go back to the system at once."""


def return_freed_memory() -> None:
    """Make polars' allocator hand freed memory back to the system at once (it keeps freed
    pages for reuse by default, which a batch job does not need): the per-document stages
    free about as much as they keep, and kept pages would count in the peak memory of the
    claim stages after them (on 20,000 articles, 1.5 GB of the 3.5 GB the process held
    after the per-document stages). Costs a few percent of a cold run's time. Must run before
    polars loads (jemalloc reads it once); a value the user set is left as it is."""
    if "polars" not in sys.modules:
        os.environ.setdefault(*ALLOCATOR_SETTING)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many containers that all stay
    alive (posting lists, candidate pairs, the findings as plain data): every 700 new
    objects it would otherwise scan the young ones, and now and then every object, for
    cycles there are none of; the collector is switched back on after, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
