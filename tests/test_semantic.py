"""The optional semantic extra (compare.semantic): offline sentence embeddings.

The model tests skip when the extra is not installed; the import test always runs, since
the default install must never load torch.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from compare import semantic
from compare.errors import UsageError

needs_extra = pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")

PARAPHRASE = ("The ferry sank near the harbor on Tuesday.", "On Tuesday a ferry went down close to the harbour.")
UNRELATED = ("The ferry sank near the harbor on Tuesday.", "Quarterly profits at the bakery chain rose by 4%.")


def test_import_compare_does_not_load_torch() -> None:
    """``import compare`` (and importing the semantic module itself) leaves torch unloaded."""
    code = (
        "import sys, compare, compare.semantic, compare.pairwise; "
        "bad = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules); "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == ""


def test_missing_extra_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra, embedding fails with the install hint, not an ImportError."""
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "available", lambda: False)
    with pytest.raises(UsageError, match=r"pip install '\.\[semantic\]'"):
        semantic.embed(["anything"])


def test_empty_inputs() -> None:
    """Empty inputs need no model and give empty arrays of the right shape."""
    assert semantic.embed([]).shape == (0, 384)
    assert semantic.cosine_pairs([]).shape == (0,)


@needs_extra
def test_paraphrase_scores_above_unrelated() -> None:
    cos = semantic.cosine_pairs([PARAPHRASE, UNRELATED])
    assert cos.dtype == np.float32
    assert cos[0] > semantic.COSINE_THRESHOLD > cos[1]


@needs_extra
def test_embeddings_unit_norm_and_deterministic() -> None:
    texts = [*PARAPHRASE, UNRELATED[1], "A short one.", PARAPHRASE[0]]
    first = semantic.embed(texts)
    again = semantic.embed(list(reversed(texts)))[::-1]
    assert first.dtype == np.float32 and first.shape == (5, 384)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(first, semantic.embed(texts))
    np.testing.assert_array_equal(first[0], first[4])  # a repeated text gets the same vector
    np.testing.assert_allclose(first, again, atol=1e-6)  # input order does not matter


@needs_extra
def test_pair_scores_frame() -> None:
    frame = semantic.pair_scores([PARAPHRASE, UNRELATED])
    assert frame.columns == ["pair", "cosine", "same", "score", "combined", "same_combined"]
    assert frame["pair"].to_list() == [0, 1]
    assert frame["same"].to_list() == [True, False]
    expected = semantic.combine(frame["cosine"].to_numpy(), frame["score"].to_numpy())
    np.testing.assert_allclose(frame["combined"].to_numpy(), expected)
    assert semantic.pair_scores([UNRELATED], lexical=False).columns == ["pair", "cosine", "same"]


@needs_extra
def test_loads_offline_without_a_cache(tmp_path) -> None:
    """A fresh process with no network settings and an empty HOME loads the model from the
    wheel and writes nothing under HOME (no hub cache)."""
    code = "from compare import semantic; print(float(semantic.cosine_pairs([('a cat', 'a cat')])[0]))"
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "0", "TRANSFORMERS_OFFLINE": "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout) == pytest.approx(1.0, abs=1e-5)
    assert list(tmp_path.iterdir()) == []
