"""Gates for CI: which ``--fail-on`` conditions (setting ``fail_on``) the findings meet.

A condition is checked after the outputs are written; the CLI exits with code 1 when one
holds. Their grammar lives with the settings (:func:`compare.settings.parse_fail_on`), which
validate ``fail_on`` from a config file before any work starts. With a baseline
(:mod:`compare.findings.baseline`), ``conflict``, ``possible-conflict`` and ``near-duplicate``
count only the findings it does not accept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl

from .baseline import new_conflicts, new_near_duplicates

if TYPE_CHECKING:
    from .model import Findings


def failed_conditions(
    findings: Findings, conditions: list[str] | tuple[str, ...], baseline: dict[str, Any] | None = None
) -> list[str]:
    """The conditions (normalized by :func:`parse_fail_on`) the findings meet, each with what
    met it; findings the ``baseline`` accepts do not count."""
    met = []
    new = "" if baseline is None else " not in the baseline"
    for c in conditions:
        if c == "near-duplicate":
            n = len(new_near_duplicates(findings, baseline))
            if n:
                met.append(f"near-duplicate ({n} pair{'s' * (n != 1)}{new})")
        elif c in ("conflict", "possible-conflict"):
            n = sum(1 for x in new_conflicts(findings, baseline) if x["certain"] or c == "possible-conflict")
            if n:
                met.append(f"{c} ({n}{new or ' found'})")
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
