"""``python -m compare`` and ``compare-sources``: the command line.

The allocator setting comes first (:func:`compare._runtime.return_freed_memory`, chosen by the
size of the input the command line names): polars reads it once, when it loads with the command
line's modules; so does numpy's BLAS its thread setting (:func:`compare._runtime.idle_threads_sleep`).
The cyclic garbage collector is off from here on, as :func:`compare.cli.program`
keeps it: loading the modules (polars, numpy) builds about a million objects, and each of the
collections they set off rescans them all for cycles there are none of (about 20 ms)."""

import gc
import sys

from ._runtime import idle_threads_sleep, return_freed_memory

gc.disable()
return_freed_memory(sys.argv[1:])
idle_threads_sleep()

from .cli import program  # noqa: E402  (after the allocator and thread settings, on purpose)

if __name__ == "__main__":
    program()
