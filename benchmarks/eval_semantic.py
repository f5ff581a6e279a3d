"""The semantic extra (:mod:`compare.semantic`) on public paraphrase data, next to the default scorer.

Reads MRPC, STS-B and the Twitter URL corpus from ``../shared/data`` in place, through the
loaders and metrics of ``eval_paraphrase.py`` (nothing is copied), and prints:

- the model's load time (imports and weights, once per process);
- MRPC validation accuracy and F1 of the pair decisions ``cosine >= COSINE_THRESHOLD`` and
  ``combined >= COMBINED_THRESHOLD`` (constants of :mod:`compare.semantic`, fitted on MRPC
  train), and the same constants refitted on MRPC train in this run, to show they still hold;
- STS-B dev Spearman of the cosine and of the combined score;
- Twitter URL F1 (``k >= 4`` against ``k <= 1``) of the same decisions;
- sentence pairs per second of the semantic scorer (:func:`compare.semantic.cosine_pairs`)
  and of the default scorer (:func:`compare.pairwise.score_pairs`), timed in the same run
  over the same pairs, and their ratio.

Run ``python benchmarks/eval_semantic.py`` or the pytest wrapper
``benchmarks/test_semantic_evaluation.py`` (issue 4's acceptance for the extra).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

import numpy as np
from eval_paraphrase import accuracy, best_threshold, f1, load_all, spearman
from eval_paraphrase import available as data_available

from compare import semantic
from compare.pairwise import score_pairs

Pair = tuple[str, str]
SPLITS = ("mrpc_train", "mrpc_val", "stsb_dev", "twitter")
WEIGHTS = tuple(round(0.05 * i, 2) for i in range(21))
"""The grid of lexical weights the combined score is fitted over (as for the module constant)."""


def lexical_scores(pairs: Sequence[Pair]) -> list[float]:
    """The default install's match score (``score_pairs(...)["score"]``), all pairs in one call."""
    return score_pairs(list(pairs)).sort("pair").get_column("score").to_list()


def available() -> bool:
    """Whether the data is present and the semantic extra installed."""
    return data_available() and semantic.available()


def _timed(scorer: Callable[[Sequence[Pair]], Sequence[float]], pairs: Sequence[Pair]) -> tuple[np.ndarray, float]:
    """Scores of one split (one call) and the seconds it took."""
    start = time.perf_counter()
    scores = np.asarray(scorer(pairs), dtype=np.float64)
    seconds = time.perf_counter() - start
    if len(scores) != len(pairs):
        raise ValueError(f"{len(scores)} scores for {len(pairs)} pairs")
    return scores, seconds


def fit_combined(cosine: np.ndarray, lexical: np.ndarray, labels: Sequence[int]) -> tuple[float, float, float]:
    """``(weight, threshold, train accuracy)`` of the best ``(1 - w) * cosine + w * lexical``
    on the given (training) pairs; the lowest weight wins ties."""
    best = (0.0, 0.0, -1.0)
    for w in WEIGHTS:
        combined = (1.0 - w) * cosine + w * lexical
        t = best_threshold(labels, combined)
        acc = accuracy(labels, combined, t)
        if acc > best[2]:
            best = (w, t, acc)
    return best


def evaluate() -> dict[str, float]:
    """Every figure of the semantic extra, the default scorer timed in the same run."""
    start = time.perf_counter()
    semantic.embed(["warm-up"])  # loads torch and the model once; timed on its own
    load_seconds = time.perf_counter() - start
    data = load_all()
    cos: dict[str, np.ndarray] = {}
    lex: dict[str, np.ndarray] = {}
    sem_s = lex_s = 0.0
    for name in SPLITS:
        pairs = data[name][0]
        cos[name], s = _timed(semantic.cosine_pairs, pairs)
        sem_s += s
        lex[name], s = _timed(lexical_scores, pairs)
        lex_s += s
    comb = {name: semantic.combine(cos[name], lex[name]) for name in SPLITS}
    y = {name: data[name][1] for name in SPLITS}
    n_pairs = sum(len(data[name][0]) for name in SPLITS)
    refit_t = best_threshold(y["mrpc_train"], cos["mrpc_train"])
    refit_w, refit_ct, refit_cacc = fit_combined(cos["mrpc_train"], lex["mrpc_train"], y["mrpc_train"])
    ct, bt = semantic.COSINE_THRESHOLD, semantic.COMBINED_THRESHOLD
    out = {
        "load_seconds": load_seconds,
        "pairs": n_pairs,
        "semantic_seconds": sem_s,
        "lexical_seconds": lex_s,
        "semantic_pairs_per_s": n_pairs / sem_s,
        "lexical_pairs_per_s": n_pairs / lex_s,
        "speed_ratio": sem_s / lex_s,
        "cosine_threshold": ct,
        "combined_weight": semantic.LEXICAL_WEIGHT,
        "combined_threshold": bt,
        "refit_cosine_threshold": refit_t,
        "refit_combined_weight": refit_w,
        "refit_combined_threshold": refit_ct,
        "mrpc_train_acc_cosine": accuracy(y["mrpc_train"], cos["mrpc_train"], ct),
        "mrpc_train_acc_combined": accuracy(y["mrpc_train"], comb["mrpc_train"], bt),
        "refit_mrpc_train_acc_cosine": accuracy(y["mrpc_train"], cos["mrpc_train"], refit_t),
        "refit_mrpc_train_acc_combined": refit_cacc,
        "stsb_spearman_cosine": spearman(cos["stsb_dev"], y["stsb_dev"]),
        "stsb_spearman_combined": spearman(comb["stsb_dev"], y["stsb_dev"]),
        "stsb_spearman_lexical": spearman(lex["stsb_dev"], y["stsb_dev"]),
    }
    for tag, scores, t in (("cosine", cos, ct), ("combined", comb, bt)):
        out[f"mrpc_acc_{tag}"] = accuracy(y["mrpc_val"], scores["mrpc_val"], t)
        out[f"mrpc_f1_{tag}"] = f1(y["mrpc_val"], scores["mrpc_val"], t)
        out[f"twitter_f1_{tag}"] = f1(y["twitter"], scores["twitter"], t)
    return out


def format_report(r: dict[str, float]) -> str:
    """The figures as a small table plus the speed and fitting lines."""
    comb_label = f"combined (w={r['combined_weight']:.2f}) >= {r['combined_threshold']:.4f}"
    head = f"{'semantic decision':<34} {'MRPC acc':>8} {'MRPC F1':>8} {'STS-B rho':>9} {'Twitter F1':>10}"
    rows = [
        head,
        "-" * len(head),
        f"{'cosine >= ' + format(r['cosine_threshold'], '.4f'):<34} {r['mrpc_acc_cosine']:8.3f} "
        f"{r['mrpc_f1_cosine']:8.3f} {r['stsb_spearman_cosine']:9.3f} {r['twitter_f1_cosine']:10.3f}",
        f"{comb_label:<34} {r['mrpc_acc_combined']:8.3f} {r['mrpc_f1_combined']:8.3f} "
        f"{r['stsb_spearman_combined']:9.3f} {r['twitter_f1_combined']:10.3f}",
        f"default scorer alone: STS-B rho {r['stsb_spearman_lexical']:.3f}",
        f"MRPC train accuracy at the module constants: cosine {r['mrpc_train_acc_cosine']:.3f}, "
        f"combined {r['mrpc_train_acc_combined']:.3f}; refitted in this run: cosine >= "
        f"{r['refit_cosine_threshold']:.4f} ({r['refit_mrpc_train_acc_cosine']:.3f}), combined w="
        f"{r['refit_combined_weight']:.2f} >= {r['refit_combined_threshold']:.4f} "
        f"({r['refit_mrpc_train_acc_combined']:.3f})",
        f"model load (imports + weights): {r['load_seconds']:.1f} s",
        f"speed over {r['pairs']:,.0f} pairs (MRPC train + val, STS-B dev, Twitter): semantic "
        f"{r['semantic_pairs_per_s']:,.0f} pairs/s ({r['semantic_seconds']:.1f} s), default score_pairs "
        f"{r['lexical_pairs_per_s']:,.0f} pairs/s ({r['lexical_seconds']:.1f} s); the semantic scorer takes "
        f"{r['speed_ratio']:.1f}x the default's time",
    ]
    return "\n".join(rows)


def main() -> int:
    if not data_available():
        print("paraphrase data not found in ../shared/data; nothing to evaluate")
        return 0
    if not semantic.available():
        print("the semantic extra is not installed: pip install '.[semantic]'")
        return 0
    print(format_report(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
