"""``python -m compare`` and ``compare-sources``: the command line.

The allocator setting comes first (:func:`compare._runtime.return_freed_memory`, chosen by the
size of the input the command line names): polars reads it once, when it loads with the command
line's modules."""

import sys

from ._runtime import return_freed_memory

return_freed_memory(sys.argv[1:])

from .cli import program  # noqa: E402  (after the allocator setting, on purpose)

if __name__ == "__main__":
    program()
