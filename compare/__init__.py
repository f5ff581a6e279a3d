"""compare: what sources about one subject share, and where they disagree.

Read a folder of texts, find near duplicates and copied passages, group statements
into repeated (two or more sources) and unique (one source), list conflicts, and
write a cited Markdown report plus ``findings.json``.

    >>> import compare
    >>> findings = compare.run("seeds", out="reports")   # doctest: +SKIP
    >>> findings = compare.compare_texts({"a.txt": "...", "b.txt": "..."})   # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, compare_texts, run
from .errors import CompareError, InputError, OutputError, UsageError
from .findings.model import Findings
from .settings import Settings, load_settings

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
