"""Text-reuse evaluations on public data (PAN text alignment, Clough-Stevenson).

They read ``../shared/data`` in place and skip when it is absent (a fresh clone, CI).
Run with ``make bench`` or ``python -m pytest benchmarks/test_reuse_evaluations.py -s``;
each prints its figures and asserts the acceptance thresholds of issue 3.
"""

from __future__ import annotations

import eval_clough
import eval_pan
import pytest

from compare.settings import Settings

PAN_SETTINGS = Settings(passage_min_words=eval_pan.MIN_WORDS)


@pytest.mark.skipif(not eval_pan.DATA.is_dir(), reason="PAN data not in ../shared/data")
def test_pan_text_alignment():
    """Character-level precision, recall, granularity and plagdet on the 500 labelled pairs."""
    got = eval_pan.evaluate(PAN_SETTINGS)
    default = eval_pan.evaluate(Settings())
    print(f"\nPAN no-obfuscation, passage_min_words={eval_pan.MIN_WORDS}: " + eval_pan.format_result(got))
    print("PAN no-obfuscation, default settings (passage_min_words=8): " + eval_pan.format_result(default))
    assert got["pairs"] == 500
    assert got["precision"] >= 0.90 and got["recall"] >= 0.90
    assert got["granularity"] <= 1.1
    assert got["plagdet"] >= 0.90


@pytest.mark.skipif(not eval_clough.DATA.is_dir(), reason="Clough-Stevenson data not in ../shared/data")
def test_clough_stevenson_auc():
    """ROC AUC of document similarity for cut+light answers against non answers."""
    got = eval_clough.evaluate()
    print(
        "\nClough-Stevenson: "
        + ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in got.items())
    )
    assert got["positives"] == 38 and got["negatives"] == 38
    assert got["auc_containment"] >= 0.95
