"""Gates for CI: which ``--fail-on`` conditions (setting ``fail_on``) the findings meet.

A condition is checked after the outputs are written; the CLI exits with code 1 when one
holds. Their grammar lives with the settings (:func:`compare.settings.parse_fail_on`), which
validate ``fail_on`` from a config file before any work starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from .model import Findings

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
