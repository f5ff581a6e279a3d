"""Gates for CI: the ``--fail-on`` conditions (setting ``fail_on``), parsed and checked.

A condition is checked after the outputs are written; the CLI exits with code 1 when one
holds. Parsing is separate from checking so that settings can validate ``fail_on`` from
a config file before any work starts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from .findings import Findings

FAIL_ON_HELP = """conditions: near-duplicate (any near-duplicate pair), conflict (any conflict
above conflict_min_confidence), possible-conflict (any conflict at all), similarity:X or
similarity>X (any pair with exact Jaccard above X, e.g. similarity:0.8), skipped (any file
that could not be read)"""

_SIMILARITY = re.compile(r"similarity\s*(?:>|:)\s*(\S+)")
"""``similarity>0.8`` or ``similarity:0.8`` (the second needs no quoting in a shell)."""


def parse_fail_on(condition: str) -> str:
    """Validate one condition; returns it normalized (``similarity>X`` for both spellings),
    raises ValueError with a one-line reason."""
    c = condition.strip().lower().replace("_", "-")
    if c in ("near-duplicate", "conflict", "possible-conflict", "skipped"):
        return c
    m = _SIMILARITY.fullmatch(c)
    if m:
        try:
            value = float(m.group(1))
        except ValueError:
            raise ValueError(f"bad threshold in {condition!r}") from None
        if not 0.0 <= value < 1.0:
            raise ValueError(f"similarity threshold must be in [0, 1): {condition!r}")
        return f"similarity>{value:g}"
    raise ValueError(f"unknown --fail-on condition {condition!r}; {' '.join(FAIL_ON_HELP.split())}")


def failed_conditions(findings: Findings, conditions: list[str] | tuple[str, ...]) -> list[str]:
    """The conditions (normalized by :func:`parse_fail_on`) the findings meet, each with what met it."""
    met = []
    for c in conditions:
        if c == "near-duplicate":
            n = findings.pairs.filter(pl.col("near_duplicate")).height
            if n:
                met.append(f"near-duplicate ({n} pair{'s' * (n != 1)})")
        elif c in ("conflict", "possible-conflict"):
            n = sum(1 for x in findings.conflict_list if x["certain"] or c == "possible-conflict")
            if n:
                met.append(f"{c} ({n} found)")
        elif c == "skipped":
            if findings.skipped.height:
                met.append(f"skipped ({findings.skipped.height} file{'s' * (findings.skipped.height != 1)})")
        elif c.startswith("similarity>"):
            limit = float(c.split(">", 1)[1])
            hits = findings.pairs.filter(pl.col("jaccard") > limit)
            if hits.height:
                top = hits.sort("jaccard", descending=True).row(0, named=True)
                met.append(
                    f"{c} ({hits.height} pair{'s' * (hits.height != 1)}; highest {top['jaccard']:.2f}: "
                    f"{findings.path(top['a'])} / {findings.path(top['b'])})"
                )
    return met
