"""Process helpers the stages share: pausing the cyclic garbage collector around a build of
many long-lived containers. Nothing here changes the process for good (no import-time
side effects): each helper restores what it changed."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


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
