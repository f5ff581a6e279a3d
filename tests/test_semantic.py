"""The optional semantic extra (compare.semantic): offline sentence embeddings and the
semantic pair decision.

The model tests skip when the extra is not installed; the import test always runs, since
the default install must never load torch, and so do the tests of the decision's
regression, which take the cosine as given and need no model.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import polars as pl
import pytest

from compare.errors import UsageError
from compare.pairs import lexical as pairwise
from compare.pairs import semantic
from compare.statements import embeddings

needs_extra = pytest.mark.skipif(not embeddings.available(), reason="the semantic extra is not installed")

PARAPHRASE = ("The ferry sank near the harbor on Tuesday.", "On Tuesday a ferry went down close to the harbour.")
UNRELATED = ("The ferry sank near the harbor on Tuesday.", "Quarterly profits at the bakery chain rose by 4%.")
NUMBER = (
    "Fire crews said 12 people were taken to hospital after the blaze.",
    "Fire crews said 15 people were taken to hospital after the blaze.",
)
"""Worded alike, but the counts cannot both be true: the conflict stage reports a certain conflict."""


def test_import_compare_does_not_load_torch() -> None:
    """``import compare`` (and importing the semantic module itself) leaves torch unloaded."""
    code = (
        "import sys, compare, compare.pairs.semantic, compare.pairs.lexical, compare.statements.embeddings; "
        "bad = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules); "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == ""


def test_missing_extra_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extra, embedding fails with the install hint, not an ImportError."""
    monkeypatch.setattr(embeddings, "_model", None)
    monkeypatch.setattr(embeddings, "available", lambda: False)
    with pytest.raises(UsageError, match=r"pip install 'compare-sources\[semantic\]'"):
        embeddings.embed(["anything"])


def test_empty_inputs() -> None:
    """Empty inputs need no model and give empty arrays of the right shape."""
    assert embeddings.embed([]).shape == (0, 384)
    assert semantic.cosine_pairs([]).shape == (0,)


@needs_extra
def test_paraphrase_scores_above_unrelated() -> None:
    cos = semantic.cosine_pairs([PARAPHRASE, UNRELATED])
    assert cos.dtype == np.float32
    assert cos[0] > semantic.COSINE_THRESHOLD > cos[1]


@needs_extra
def test_embeddings_unit_norm_and_deterministic() -> None:
    texts = [*PARAPHRASE, UNRELATED[1], "A short one.", PARAPHRASE[0]]
    first = embeddings.embed(texts)
    again = embeddings.embed(list(reversed(texts)))[::-1]
    assert first.dtype == np.float32 and first.shape == (5, 384)
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-6)
    np.testing.assert_array_equal(first, embeddings.embed(texts))
    np.testing.assert_array_equal(first[0], first[4])  # a repeated text gets the same vector
    np.testing.assert_allclose(first, again, atol=1e-6)  # input order does not matter


@needs_extra
def test_pair_scores_frame() -> None:
    pairs = [PARAPHRASE, UNRELATED]
    frame = semantic.pair_scores(pairs)
    assert frame.columns == [
        "pair",
        "cosine",
        "same",
        "score",
        "combined",
        "same_combined",
        "semantic_equivalence",
        "same_semantic",
    ]
    assert frame["pair"].to_list() == [0, 1]
    assert frame["same"].to_list() == [True, False]
    expected = semantic.combine(frame["cosine"].to_numpy(), frame["score"].to_numpy())
    np.testing.assert_allclose(frame["combined"].to_numpy(), expected)
    # the grouping score is the one score_pairs gives, though it now comes from pair_features
    lexical = pairwise.score_pairs(pairs).sort("pair")["score"].to_numpy()
    np.testing.assert_array_equal(frame["score"].to_numpy(), lexical)
    assert semantic.pair_scores([UNRELATED], lexical=False).columns == ["pair", "cosine", "same"]


def test_semantic_constants_name_the_features() -> None:
    """One weight per feature: the cosine, then pairwise's features in their order."""
    assert ("cosine", *pairwise.FEATURES) == semantic.SEMANTIC_FEATURES
    assert list(semantic.SEMANTIC_WEIGHTS) == list(semantic.SEMANTIC_FEATURES)
    assert 0.0 < semantic.SEMANTIC_THRESHOLD < 1.0


def test_semantic_decision_is_the_regression() -> None:
    """Without a model: the equivalence is the logistic regression of the constants over the
    given cosine and pairwise's features, rising with the cosine, whatever the row order."""
    features = pairwise.pair_features([PARAPHRASE, UNRELATED])
    cosine = np.array([0.9, 0.1])
    eq, same = semantic.semantic_decision(cosine, features.reverse())
    row = features.sort("pair").row(0, named=True)
    z = semantic.SEMANTIC_BIAS + semantic.SEMANTIC_WEIGHTS["cosine"] * 0.9
    z += sum(semantic.SEMANTIC_WEIGHTS[name] * row[name] for name in pairwise.FEATURES)
    assert eq[0] == pytest.approx(1.0 / (1.0 + np.exp(-z)))
    assert same.tolist() == [True, False]
    assert semantic.SEMANTIC_WEIGHTS["cosine"] > 0
    lower, _ = semantic.semantic_decision(cosine - 0.3, features)
    assert np.all(lower < eq)
    with pytest.raises(ValueError, match="cosines"):
        semantic.semantic_decision(cosine[:1], features)


def test_semantic_decision_vetoes_a_certain_conflict() -> None:
    """Without a model: a pair whose conflict is certain is never the same, however alike
    its wording and even at cosine 1; the equivalence itself is left as it is."""
    features = pairwise.pair_features([NUMBER])
    assert features["conflict"][0] >= pairwise.CONFLICT_VETO
    eq, same = semantic.semantic_decision(np.array([1.0]), features)
    assert eq[0] >= semantic.SEMANTIC_THRESHOLD
    assert same.tolist() == [False]


def test_no_pairs_gives_an_empty_frame() -> None:
    """No pairs: no model is loaded and the frame has every column and no row."""
    frame = semantic.pair_scores([])
    assert frame.height == 0
    assert frame.schema["semantic_equivalence"] == pl.Float64
    assert frame.schema["same_semantic"] == pl.Boolean


@needs_extra
def test_same_semantic_on_real_embeddings() -> None:
    """With the model: a paraphrase is the same, an unrelated pair is not, and a pair worded
    alike whose numbers conflict is vetoed although its equivalence is high."""
    frame = semantic.pair_scores([PARAPHRASE, UNRELATED, NUMBER])
    assert frame["same_semantic"].to_list() == [True, False, False]
    eq = frame["semantic_equivalence"].to_list()
    assert eq[0] >= semantic.SEMANTIC_THRESHOLD > eq[1]
    assert eq[2] >= semantic.SEMANTIC_THRESHOLD  # not the same only because of the veto
    assert all(0.0 <= e <= 1.0 for e in eq)


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


def test_semantic_runs_with_a_cache_equal_cold_runs(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --semantic, pairs close in meaning join the candidates; a cached rerun after adding
    a file skips nothing on the strength of bounds it cannot have for them, and equals a run
    without the cache. Embeddings are faked (hashed words), so the extra is not needed."""
    import shutil
    import zlib
    from pathlib import Path

    import compare

    def embed(texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                vectors[i, zlib.crc32(word.encode()) % 64] += 1.0
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "embed", embed)
    folder = tmp_path / "in"
    shutil.copytree(Path(__file__).parent / "fixtures" / "harbor-fire", folder, ignore=shutil.ignore_patterns("*.json"))
    compare.run(folder, tmp_path / "first", cache=tmp_path / "cache", semantic=True)
    (folder / "zz_new.txt").write_text("The warehouse blaze at the harbor began at 3 a.m., officials said.\n", "utf-8")
    compare.run(folder, tmp_path / "cached", cache=tmp_path / "cache", semantic=True)
    compare.run(folder, tmp_path / "cold", semantic=True)
    for name in ("findings.json", "report.md"):
        assert (tmp_path / "cached" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes(), name
