"""Process helpers: pausing the cyclic garbage collector around a build of many long-lived
containers, work started in a thread of its own (:func:`in_thread`), the allocator and BLAS thread
settings the command line asks for, and the working state a process that ends without freeing its objects
keeps to the end (:func:`retain`). Nothing here changes the process on import;
:func:`gc_paused` restores what it changed, and only the command line calls
:func:`return_freed_memory`, :func:`idle_threads_sleep` and :func:`ends_without_freeing`."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ALLOCATOR_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:0,muzzy_decay_ms:0")
"""polars' allocator (jemalloc) setting of a large run: freed pages go back to the system at once."""
KEEP_FREED_SETTING = ("_RJEM_MALLOC_CONF", "dirty_decay_ms:1000,muzzy_decay_ms:1000")
"""The setting of a smaller run: freed pages are kept for a second, for the allocations that follow."""
KEEP_FREED_BYTES = 20_000_000
"""Input bytes (about 5,000 news articles) up to which freed pages are kept (see :func:`return_freed_memory`)."""
IDLE_THREADS_SETTING = ("OPENBLAS_THREAD_TIMEOUT", "4")
"""numpy's BLAS (OpenBLAS) lets its idle threads sleep at once, not spin for about 0.1 s of CPU
each first: see :func:`idle_threads_sleep`."""
MALLOPT_SETTINGS = ((-3, 32 << 20), (-1, 256 << 20))
"""glibc ``mallopt`` parameters of a smaller run (:func:`keep_freed_heap`): ``M_MMAP_THRESHOLD``
(-3, blocks allocated by a mapping of their own; fixing it also stops its adjusting) and
``M_TRIM_THRESHOLD`` (-1, free memory at the heap's top handed back)."""
MALLOC_TUNABLES = ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_")
"""Environment variables that set glibc malloc's tunables: when one is set, the job leaves them."""
PATH_OPTIONS = frozenset({"--out", "-o", "--config", "--cache", "--baseline", "--write-baseline"})
"""The ``run`` options whose value names a path other than the input."""


def return_freed_memory(argv: Sequence[str] = ()) -> None:
    """Set how polars' allocator (jemalloc) hands freed memory back to the system, for the
    input the command line ``argv`` names, and the C library's (:func:`keep_freed_heap`, a
    smaller run only). Must run before polars loads (jemalloc reads it once); a value the
    user set is left as it is.

    A large run returns freed pages at once: the per-document stages free about as much as
    they keep, and kept pages would count in the peak memory of the claim stages after them
    (on 20,000 articles, 1.5 GB of the 3.5 GB the process held after the per-document stages;
    kept for a second they grew its peak from 3,078 to 3,383 MiB). A run on at most
    :data:`KEEP_FREED_BYTES` of input keeps them for a second: each page returned is faulted
    in again by the next allocation, 30,000 page faults and about 0.1 s of a 1 s rerun after
    adding one article to 1,000 (whose first run then peaks near 650 MB, not 450)."""
    if "polars" in sys.modules:
        return
    path = _named_input(argv)
    large = path is not None and _bytes_over(path, KEEP_FREED_BYTES)
    os.environ.setdefault(*(ALLOCATOR_SETTING if large else KEEP_FREED_SETTING))
    if not large:
        keep_freed_heap()


def keep_freed_heap() -> bool:
    """Let the C library's allocator (glibc's malloc: numpy's arrays, Python's larger objects)
    keep what is freed for the allocations that follow, as jemalloc is set to (see
    :func:`return_freed_memory`): blocks under 32 MB come from its heap rather than a fresh
    mapping each (whose pages are faulted in anew, then unmapped when freed), and up to
    256 MB freed at the heap's top stay. On a rerun after adding one article to 1,000: 4,500-6,300
    fewer page faults. Only on Linux with glibc, and not when the
    environment sets malloc's own tunables (the user's choice); True when it was set."""
    if not sys.platform.startswith("linux") or any(name in os.environ for name in MALLOC_TUNABLES):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library of this kind (musl has it too, as a no-op)
        return False
    return all(mallopt(param, value) == 1 for param, value in MALLOPT_SETTINGS)


def idle_threads_sleep() -> None:
    """Set numpy's BLAS (OpenBLAS) to put its idle threads to sleep at once, unless the user
    set it. Must run before numpy loads (OpenBLAS reads it once). When numpy loads, OpenBLAS
    starts a thread per core, and each spins waiting for work for about 2^28 cycles before it
    sleeps: the job's only matrix product is the semantic extra's, so that spinning took
    about 0.1 s of CPU from the run's own threads (a 0.8 s rerun's user time 0.81 -> 0.69 s).
    Only the waiting changes: products still use every core, and give the same numbers."""
    if "numpy" not in sys.modules:
        os.environ.setdefault(*IDLE_THREADS_SETTING)


def _named_input(argv: Sequence[str]) -> Path | None:
    """The INPUT of a ``run`` command line: its first argument after ``run`` that is no option,
    no value of an option in :data:`PATH_OPTIONS` and names an existing file or folder."""
    args = list(argv)
    if "run" not in args:
        return None
    after = args[args.index("run") + 1 :]
    for i, arg in enumerate(after):
        if not arg.startswith("-") and not (i and after[i - 1] in PATH_OPTIONS) and os.path.exists(arg):
            return Path(arg)
    return None


def _bytes_over(path: Path, limit: int) -> bool:
    """Whether the files at ``path`` (a file, or a folder walked until the sum passes
    ``limit``) hold more than ``limit`` bytes."""
    if not path.is_dir():
        return path.stat().st_size > limit
    total = 0
    for folder, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.stat(os.path.join(folder, name)).st_size
            if total > limit:
                return True
    return False


_RETAINED: list[object] | None = None
"""What :func:`retain` keeps until the process ends (None: nothing, the default)."""


def ends_without_freeing() -> None:
    """Say that this process ends with ``os._exit`` once its outputs are on disk (the command
    line does): :func:`retain` then keeps what it is given until then, freed with the process
    at once rather than one object at a time when a stage returns."""
    global _RETAINED
    if _RETAINED is None:
        _RETAINED = []


def retain(statements: int, *objects: object) -> None:
    """Keep ``objects`` (a stage's working state, many small containers it is done with) alive
    until the process ends, when :func:`ends_without_freeing` was called and the run has at
    most :data:`RETAIN_STATEMENTS` ``statements``; otherwise do nothing, so they are freed as
    usual. Freeing them one by one as the claim stages return took about 60 ms of a 1 s
    rerun on 1,000 articles."""
    if _RETAINED is not None and statements <= RETAIN_STATEMENTS:
        _RETAINED.extend(objects)


RETAIN_STATEMENTS = 200_000
"""Statements (about 6,000 articles) above which no stage keeps its working state to the end:
held through the outputs, a larger run's state would raise its peak memory."""


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
