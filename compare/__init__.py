"""compare: what sources about one subject share, and where they disagree.

Read a folder of texts, find near duplicates and copied passages, group statements
into repeated (two or more sources) and unique (one source), list conflicts, and
write a cited Markdown report plus ``findings.json``.

    >>> import compare
    >>> findings = compare.run("seeds", out="reports")   # doctest: +SKIP
    >>> findings = compare.compare_texts({"a.txt": "...", "b.txt": "..."})   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import analyze, compare_texts, run
    from .errors import CompareError, InputError, OutputError, UsageError
    from .findings.model import Findings
    from .settings import Settings, load_settings

_EXPORTS = {
    "analyze": ".api", "compare_texts": ".api", "run": ".api",
    "CompareError": ".errors", "InputError": ".errors", "OutputError": ".errors", "UsageError": ".errors",
    "Findings": ".findings.model", "Settings": ".settings", "load_settings": ".settings",
}  # fmt: skip
"""Where each public name lives. They are imported on first use: ``import compare`` loads
nothing heavy, so the command line can set up the process (polars' allocator, read once when
polars loads: :func:`compare._runtime.return_freed_memory`) before any stage's library loads."""


def __getattr__(name: str) -> Any:
    """The public name ``name``, imported from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'compare' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the public ones included before their first use."""
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "CompareError",
    "Findings",
    "InputError",
    "OutputError",
    "Settings",
    "UsageError",
    "__version__",
    "analyze",
    "compare_texts",
    "load_settings",
    "run",
]
