"""The semantic extra on public paraphrase data (issue 4, acceptance for the extra).

Skips when ``../shared/data`` lacks MRPC/STS-B/Twitter or when the extra is not installed.
Run with ``python -m pytest benchmarks/test_semantic_evaluation.py -s`` to see the figures
(about ten minutes on two cores: the model embeds about 28,000 sentences).
"""

from __future__ import annotations

import eval_paraphrase
import eval_semantic
import pytest

from compare import semantic

pytestmark = [
    pytest.mark.skipif(not eval_paraphrase.available(), reason="MRPC/STS-B/Twitter data not in ../shared/data"),
    pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed"),
]


@pytest.fixture(scope="module")
def results() -> dict[str, float]:
    got = eval_semantic.evaluate()
    print("\n" + eval_semantic.format_report(got))
    return got


def test_stsb_spearman(results: dict[str, float]) -> None:
    """Acceptance: STS-B dev Spearman of the cosine >= 0.82."""
    assert results["stsb_spearman_cosine"] >= 0.82


def test_mrpc_accuracy(results: dict[str, float]) -> None:
    """Acceptance: MRPC validation accuracy of the pair decision (cosine cut fitted on train) >= 0.76."""
    assert results["mrpc_acc_cosine"] >= 0.76, f"MRPC validation accuracy {results['mrpc_acc_cosine']:.3f} < 0.76"


def test_constants_fit_train(results: dict[str, float]) -> None:
    """The module's constants are still the MRPC-train optimum (within one pair of train accuracy)."""
    one_pair = 1 / 3576
    assert results["mrpc_train_acc_cosine"] >= results["refit_mrpc_train_acc_cosine"] - one_pair
    assert results["mrpc_train_acc_combined"] >= results["refit_mrpc_train_acc_combined"] - one_pair
