"""Conflict detection on public data (Breaking-NLI, MRPC validation, SICK trial): issue 5.

Reads ``../shared/data`` in place and skips when it is absent (a fresh clone, CI). Run with
``make bench`` or ``python -m pytest benchmarks/test_conflict_evaluation.py -s``: the table
of :mod:`eval_conflicts` is printed once, then issue 5's acceptance 2 and 3 are asserted
("detected" = any conflict reported, whatever its confidence).
"""

from __future__ import annotations

import eval_conflicts
import pytest

pytestmark = pytest.mark.skipif(not eval_conflicts.available(), reason="conflict data not in ../shared/data")

DETECTED_AT_LEAST = {"cardinals": 0.80, "ordinals": 0.80, "countries": 0.60}
"""Acceptance 2: share of Breaking-NLI contradiction pairs detected, per category."""
MRPC_FLAGGED_AT_MOST = 0.05
"""Acceptance 3: share of MRPC validation paraphrases (label 1) flagged as conflicts."""


@pytest.fixture(scope="module")
def result() -> dict:
    got = eval_conflicts.evaluate()
    print("\n" + eval_conflicts.format_table(got))
    return got


@pytest.mark.parametrize("category", list(DETECTED_AT_LEAST))
def test_breaking_nli_contradictions_detected(result: dict, category: str):
    got = result["breaking_nli"][category]["any"]
    assert got.n > 0
    assert got.value >= DETECTED_AT_LEAST[category], f"{category}: {got} detected"


def test_mrpc_paraphrases_not_flagged(result: dict):
    got = result["mrpc"]["paraphrases flagged"]["any"]
    assert got.n == 346
    assert got.value <= MRPC_FLAGGED_AT_MOST, f"MRPC paraphrases flagged: {got}"


CERTAIN_AT_LEAST = 0.90
"""Issue 15, acceptance 2: Breaking-NLI contradictions reported as certain conflicts, per headline category."""


@pytest.mark.parametrize("category", ["cardinals", "ordinals", "countries", "nationalities"])
def test_breaking_nli_contradictions_certain(result: dict, category: str):
    got = result["breaking_nli"][category]["certain"]
    assert got.value >= CERTAIN_AT_LEAST, f"{category}: {got} certain"


def test_sick_contradiction_precision_and_mrpc_certain(result: dict):
    """Issue 15, acceptance 2: SICK trial CONTRADICTION precision >= 0.90 (certain conflicts);
    MRPC validation paraphrases reported as certain conflicts <= 0.01."""
    assert result["sick"]["certain"]["precision"].value >= 0.90
    assert result["mrpc"]["paraphrases flagged"]["certain"].value <= 0.01
