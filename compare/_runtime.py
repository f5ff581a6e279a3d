"""Process helpers: pausing the cyclic garbage collector around a build of many long-lived
containers, work started in a thread of its own (:func:`in_thread`), and the allocator
setting the command line asks for. Nothing here changes the process on import;
:func:`gc_paused` restores what it changed, and only the command line calls
:func:`return_freed_memory`."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

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


def in_thread(fn: Callable[..., T], *args: Any) -> Future[T]:
    """``fn(*args)`` started in a thread of its own; ``.result()`` gives its result or raises
    its error. For work that runs mostly in polars (Parquet, joins), which releases the GIL,
    next to Python work."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compare")
    try:
        return pool.submit(fn, *args)
    finally:
        pool.shutdown(wait=False)
