"""``python -m compare`` and ``compare-sources``: the command line.

The allocator setting comes first (:func:`compare._runtime.return_freed_memory`): polars reads
it once, when it loads with the command line's modules."""

from ._runtime import return_freed_memory

return_freed_memory()

from .cli import program  # noqa: E402  (after the allocator setting, on purpose)

if __name__ == "__main__":
    program()
