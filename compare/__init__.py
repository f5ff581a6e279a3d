"""compare: what sources about one subject share, and where they disagree.

Read a folder of texts, find near duplicates and copied passages, group statements
into repeated (two or more sources) and unique (one source), list conflicts, and
write a cited Markdown report plus ``findings.json``.

    >>> import compare
    >>> findings = compare.run("seeds", out="reports")   # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, run  # noqa: E402
from .errors import CompareError, InputError, OutputError, UsageError  # noqa: E402
from .findings import Findings  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402

__all__ = [
    "CompareError",
    "Findings",
    "InputError",
    "OutputError",
    "Settings",
    "UsageError",
    "__version__",
    "analyze",
    "load_settings",
    "run",
]
