"""The semantic extra (:mod:`compare.semantic`) on public paraphrase data, next to the default scorer.

Reads MRPC, STS-B and the Twitter URL corpus from ``../shared/data`` in place, through the
loaders and metrics of ``eval_paraphrase.py`` (nothing is copied), and prints:

- the model's load time (imports and weights, once per process);
- MRPC validation accuracy and F1 of the pair decisions ``cosine >= COSINE_THRESHOLD``,
  ``combined >= COMBINED_THRESHOLD`` and ``same_semantic`` (the logistic regression over the
  cosine and the lexical features, :func:`compare.semantic.semantic_decision`), all with the
  constants of :mod:`compare.semantic`, fitted on MRPC train; the validation pairs choose
  nothing. The first two are also refitted on MRPC train in this run, and the semantic
  decision's weights refitted with the penalty ``fit_semantic_decision.py`` chose, to show
  the committed constants still hold;
- STS-B dev Spearman of the cosine, of the combined score and of ``semantic_equivalence``;
- Twitter URL F1 (``k >= 4`` against ``k <= 1``) of the same decisions;
- sentence pairs per second of the cosine alone (:func:`compare.semantic.cosine_pairs`), of
  the semantic decision (the cosine, :func:`compare.pairwise.pair_features` and the
  regression: what :func:`compare.semantic.pair_scores` runs) and of the default scorer
  (:func:`compare.pairwise.score_pairs`), timed in the same run over the same pairs.

Every text is embedded once per run (about five minutes on one thread for the four splits).
Run ``python benchmarks/eval_semantic.py`` or the pytest wrapper
``benchmarks/test_semantic_evaluation.py`` (issue 4, acceptance 3).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence

import numpy as np
import polars as pl
from eval_paraphrase import accuracy, best_threshold, f1, load_all, spearman
from eval_paraphrase import available as data_available
from fit_pair_decision import fit
from fit_semantic_decision import CHOSEN_L2

from compare.pairs import semantic
from compare.pairs.lexical import FEATURES, pair_features, score_pairs
from compare.statements import embeddings

Pair = tuple[str, str]
SPLITS = ("mrpc_train", "mrpc_val", "stsb_dev", "twitter")
WEIGHTS = tuple(round(0.05 * i, 2) for i in range(21))
"""The grid of lexical weights the combined score is fitted over (as for the module constant)."""


def lexical_scores(pairs: Sequence[Pair]) -> list[float]:
    """The default install's match score (``score_pairs(...)["score"]``), all pairs in one call."""
    return score_pairs(list(pairs)).sort("pair").get_column("score").to_list()


def available() -> bool:
    """Whether the data is present and the semantic extra installed."""
    return data_available() and embeddings.available()


def _timed(scorer: Callable[[Sequence[Pair]], Sequence[float]], pairs: Sequence[Pair]) -> tuple[np.ndarray, float]:
    """Scores of one split (one call) and the seconds it took."""
    start = time.perf_counter()
    scores = np.asarray(scorer(pairs), dtype=np.float64)
    seconds = time.perf_counter() - start
    if len(scores) != len(pairs):
        raise ValueError(f"{len(scores)} scores for {len(pairs)} pairs")
    return scores, seconds


def _timed_features(pairs: Sequence[Pair]) -> tuple[pl.DataFrame, float]:
    """:func:`compare.pairwise.pair_features` of one split (one call, in pair order) and its seconds."""
    start = time.perf_counter()
    frame = pair_features(list(pairs)).sort("pair")
    return frame, time.perf_counter() - start


def refit_semantic(cosine: np.ndarray, features: pl.DataFrame, labels: Sequence[int]) -> float:
    """Largest absolute difference between the committed weights and bias of the semantic
    decision and those refitted here on the given (MRPC train) pairs with the committed ridge
    penalty (``fit_semantic_decision.CHOSEN_L2``): 0 up to the 4-decimal rounding when the
    constants are still the fit of train."""
    x = np.column_stack([cosine, features.select(FEATURES).to_numpy().astype(np.float64)])
    weights, bias = fit(x, np.asarray(labels, dtype=float), CHOSEN_L2)
    committed = np.array([semantic.SEMANTIC_WEIGHTS[name] for name in semantic.SEMANTIC_FEATURES])
    return float(max(np.max(np.abs(weights - committed)), abs(bias - semantic.SEMANTIC_BIAS)))


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
    embeddings.embed(["warm-up"])  # loads torch and the model once; timed on its own
    load_seconds = time.perf_counter() - start
    data = load_all()
    cos: dict[str, np.ndarray] = {}
    lex: dict[str, np.ndarray] = {}
    feats: dict[str, pl.DataFrame] = {}
    sem_eq: dict[str, np.ndarray] = {}
    same_sem: dict[str, np.ndarray] = {}
    cos_s = feat_s = decide_s = lex_s = 0.0
    for name in SPLITS:
        pairs = data[name][0]
        cos[name], s = _timed(semantic.cosine_pairs, pairs)
        cos_s += s
        feats[name], s = _timed_features(pairs)
        feat_s += s
        start = time.perf_counter()
        sem_eq[name], same_sem[name] = semantic.semantic_decision(cos[name], feats[name])
        decide_s += time.perf_counter() - start
        lex[name], s = _timed(lexical_scores, pairs)
        lex_s += s
    comb = {name: semantic.combine(cos[name], lex[name]) for name in SPLITS}
    y = {name: data[name][1] for name in SPLITS}
    n_pairs = sum(len(data[name][0]) for name in SPLITS)
    refit_t = best_threshold(y["mrpc_train"], cos["mrpc_train"])
    refit_w, refit_ct, refit_cacc = fit_combined(cos["mrpc_train"], lex["mrpc_train"], y["mrpc_train"])
    ct, bt = semantic.COSINE_THRESHOLD, semantic.COMBINED_THRESHOLD
    decision_s = cos_s + feat_s + decide_s
    out = {
        "load_seconds": load_seconds,
        "pairs": n_pairs,
        "semantic_seconds": cos_s,
        "decision_seconds": decision_s,
        "lexical_seconds": lex_s,
        "semantic_pairs_per_s": n_pairs / cos_s,
        "decision_pairs_per_s": n_pairs / decision_s,
        "lexical_pairs_per_s": n_pairs / lex_s,
        "speed_ratio": cos_s / lex_s,
        "decision_speed_ratio": decision_s / lex_s,
        "cosine_threshold": ct,
        "combined_weight": semantic.LEXICAL_WEIGHT,
        "combined_threshold": bt,
        "semantic_threshold": semantic.SEMANTIC_THRESHOLD,
        "refit_cosine_threshold": refit_t,
        "refit_combined_weight": refit_w,
        "refit_combined_threshold": refit_ct,
        "refit_semantic_max_change": refit_semantic(cos["mrpc_train"], feats["mrpc_train"], y["mrpc_train"]),
        "mrpc_train_acc_cosine": accuracy(y["mrpc_train"], cos["mrpc_train"], ct),
        "mrpc_train_acc_combined": accuracy(y["mrpc_train"], comb["mrpc_train"], bt),
        "mrpc_train_acc_semantic": accuracy(y["mrpc_train"], same_sem["mrpc_train"], 0.5),
        "refit_mrpc_train_acc_cosine": accuracy(y["mrpc_train"], cos["mrpc_train"], refit_t),
        "refit_mrpc_train_acc_combined": refit_cacc,
        "stsb_spearman_cosine": spearman(cos["stsb_dev"], y["stsb_dev"]),
        "stsb_spearman_combined": spearman(comb["stsb_dev"], y["stsb_dev"]),
        "stsb_spearman_semantic": spearman(sem_eq["stsb_dev"], y["stsb_dev"]),
        "stsb_spearman_lexical": spearman(lex["stsb_dev"], y["stsb_dev"]),
        "vetoed_val": int(np.sum((sem_eq["mrpc_val"] >= semantic.SEMANTIC_THRESHOLD) & ~same_sem["mrpc_val"])),
        "mrpc_acc_semantic_no_veto": accuracy(y["mrpc_val"], sem_eq["mrpc_val"], semantic.SEMANTIC_THRESHOLD),
    }
    decisions = {"semantic": (same_sem, 0.5), "cosine": (cos, ct), "combined": (comb, bt)}
    for tag, (scores, t) in decisions.items():
        out[f"mrpc_acc_{tag}"] = accuracy(y["mrpc_val"], scores["mrpc_val"], t)
        out[f"mrpc_f1_{tag}"] = f1(y["mrpc_val"], scores["mrpc_val"], t)
        out[f"twitter_f1_{tag}"] = f1(y["twitter"], scores["twitter"], t)
    return out


def format_report(r: dict[str, float]) -> str:
    """The figures as a small table plus the speed and fitting lines."""
    comb_label = f"combined (w={r['combined_weight']:.2f}) >= {r['combined_threshold']:.4f}"
    sem_label = f"same_semantic (LR >= {r['semantic_threshold']:.3f})"
    head = f"{'semantic decision':<34} {'MRPC acc':>8} {'MRPC F1':>8} {'STS-B rho':>9} {'Twitter F1':>10}"
    rows = [head, "-" * len(head)]
    for tag, label in (
        ("cosine", "cosine >= " + format(r["cosine_threshold"], ".4f")),
        ("combined", comb_label),
        ("semantic", sem_label),
    ):
        rows.append(
            f"{label:<34} {r[f'mrpc_acc_{tag}']:8.3f} {r[f'mrpc_f1_{tag}']:8.3f} "
            f"{r[f'stsb_spearman_{tag}']:9.3f} {r[f'twitter_f1_{tag}']:10.3f}"
        )
    rows += [
        "MRPC: validation, 500 pairs; STS-B rho of the row's score (cosine, combined, semantic_equivalence).",
        f"default scorer alone: STS-B rho {r['stsb_spearman_lexical']:.3f}",
        f"same_semantic: MRPC validation accuracy without the conflict veto {r['mrpc_acc_semantic_no_veto']:.3f}"
        f" (pairs vetoed {r['vetoed_val']:.0f}); MRPC train accuracy {r['mrpc_train_acc_semantic']:.3f} (in-sample);"
        f" weights refitted on train in this run differ from the committed ones by at most"
        f" {r['refit_semantic_max_change']:.5f}",
        f"MRPC train accuracy at the module constants: cosine {r['mrpc_train_acc_cosine']:.3f}, "
        f"combined {r['mrpc_train_acc_combined']:.3f}; refitted in this run: cosine >= "
        f"{r['refit_cosine_threshold']:.4f} ({r['refit_mrpc_train_acc_cosine']:.3f}), combined w="
        f"{r['refit_combined_weight']:.2f} >= {r['refit_combined_threshold']:.4f} "
        f"({r['refit_mrpc_train_acc_combined']:.3f})",
        f"model load (imports + weights): {r['load_seconds']:.1f} s",
        f"speed over {r['pairs']:,.0f} pairs (MRPC train + val, STS-B dev, Twitter): cosine alone "
        f"{r['semantic_pairs_per_s']:,.0f} pairs/s ({r['semantic_seconds']:.1f} s), semantic decision "
        f"(cosine + pair_features + regression) {r['decision_pairs_per_s']:,.0f} pairs/s "
        f"({r['decision_seconds']:.1f} s), default score_pairs {r['lexical_pairs_per_s']:,.0f} pairs/s "
        f"({r['lexical_seconds']:.1f} s); the cosine takes {r['speed_ratio']:.1f}x and the semantic decision "
        f"{r['decision_speed_ratio']:.1f}x the default's time",
    ]
    return "\n".join(rows)


def main() -> int:
    if not data_available():
        print("paraphrase data not found in ../shared/data; nothing to evaluate")
        return 0
    if not embeddings.available():
        print("the semantic extra is not installed: pip install 'compare-sources[semantic]'")
        return 0
    print(format_report(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
