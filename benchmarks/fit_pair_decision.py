"""Fit the pair decision of :mod:`compare.pairwise` on MRPC train and print its constants.

The equivalence score is a logistic regression over :data:`compare.pairwise.FEATURES`,
computed by :func:`compare.pairwise.pair_features` exactly as :func:`score_pairs` computes
them (one call for the whole split, so the IDF table is the split's). This script:

1. reads MRPC *train* (``msr-para-train.tsv``, 3,576 pairs) from ``../shared/data`` in
   place; the validation pairs are never read, so they never choose anything;
2. fits the weights by Newton's method on standardised features with a small ridge
   penalty (:data:`L2`), then folds the standardisation back into raw-feature weights;
3. chooses the decision threshold for accuracy on out-of-fold predictions of a
   :data:`FOLDS`-fold cross-validation on train (contiguous folds, no randomness);
4. prints the constants to paste into ``compare/pairs/lexical.py`` and the train figures:
   in-sample and cross-validated accuracy and F1, those of the committed constants, and
   those of the decision ``same`` (the threshold plus the conflict veto,
   :data:`compare.pairwise.CONFLICT_VETO`, which is a rule, not fitted);
5. with ``--features``, also the figures that chose the model, all on train: the
   cross-validation of :func:`shuffled_cv` (:data:`SHUFFLES` shuffles of :data:`FOLDS`
   folds, the threshold chosen on the training folds only) for all the features, for each
   feature left out, and for a few ridge penalties around :data:`L2`.

numpy only; deterministic (the shuffles are seeded). Run
``python benchmarks/fit_pair_decision.py [--features]``; it exits cleanly (status 0) when
the data is absent.
"""

from __future__ import annotations

import itertools
import sys

import numpy as np
from eval_paraphrase import MRPC, accuracy, best_threshold, f1, load_mrpc

from compare.pairs import lexical as pairwise

TRAIN = MRPC / "msr-para-train.tsv"
L2 = 1e-3
"""Ridge penalty per pair on the standardised weights (keeps collinear features finite); MRPC-train
shuffled CV accuracy (:func:`shuffled_cv`) 0.774 at 3e-4 and 1e-3, 0.771 at 3e-3, 0.763 at 1e-2."""
FOLDS = 10
"""Folds of the cross-validation that chooses the threshold and reports held-out figures."""
SHUFFLES = 5
"""Shuffles of :func:`shuffled_cv`, averaged: over 40 seeds one shuffle's accuracy has a
standard deviation of 0.0014 on MRPC train with the committed features, the mean of five
0.0006 (fold assignment only; the sampling error of 3,576 pairs, about 0.007, is larger)."""
PENALTIES = (3e-4, 1e-3, 3e-3, 1e-2)
"""Ridge penalties compared by ``--features``."""
ITERATIONS = 30
"""Newton steps; on MRPC train the weights stop changing (to 6 decimals) after six."""


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Ridge-penalised logistic regression: raw-feature weights and bias."""
    mu = x.mean(axis=0)
    sd = x.std(axis=0)
    sd[sd == 0] = 1.0
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    penalty = l2 * len(y) * np.r_[np.ones(x.shape[1]), 0.0]  # the intercept is not penalised
    w = np.zeros(z.shape[1])
    for _ in range(ITERATIONS):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        w -= np.linalg.solve(hess, grad)
    weights = w[:-1] / sd
    return weights, float(w[-1] - np.sum(w[:-1] * mu / sd))


def predict(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    """Equivalence of each row of features."""
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def out_of_fold(x: np.ndarray, y: np.ndarray, folds: int = FOLDS) -> np.ndarray:
    """Predictions of each pair by the model fitted on the other folds (contiguous folds)."""
    out = np.zeros(len(y))
    bounds = np.linspace(0, len(y), folds + 1).astype(int)
    for lo, hi in itertools.pairwise(bounds):
        held = np.zeros(len(y), dtype=bool)
        held[lo:hi] = True
        weights, bias = fit(x[~held], y[~held])
        out[held] = predict(x[held], weights, bias)
    return out


def shuffled_cv(x: np.ndarray, y: np.ndarray, l2: float = L2, shuffles: int = SHUFFLES) -> tuple[float, float]:
    """Mean accuracy and F1 over ``shuffles`` seeded shuffles of a :data:`FOLDS`-fold
    cross-validation. Each fold is decided at the accuracy-best threshold of the model's
    own training folds, so nothing about a held-out pair is chosen with it: the figure
    that chose the features and the penalty."""
    accs, f1s = [], []
    labels = y.astype(bool)
    for seed in range(shuffles):
        fold = np.empty(len(y), dtype=int)
        fold[np.random.default_rng(seed).permutation(len(y))] = np.arange(len(y)) % FOLDS
        decided = np.zeros(len(y), dtype=bool)
        for k in range(FOLDS):
            train = fold != k
            weights, bias = fit(x[train], y[train], l2)
            cut = best_threshold(y[train], predict(x[train], weights, bias))
            decided[~train] = predict(x[~train], weights, bias) >= cut
        accs.append(float(np.mean(decided == labels)))
        f1s.append(2 * int(np.sum(decided & labels)) / (int(decided.sum()) + int(labels.sum())))
    return float(np.mean(accs)), float(np.mean(f1s))


def _feature_report(x: np.ndarray, y: np.ndarray) -> None:
    """Print :func:`shuffled_cv` of all the features, of each left out, and per penalty."""
    acc, f1_ = shuffled_cv(x, y)
    print(f"\n# shuffled CV ({SHUFFLES} x {FOLDS}-fold, threshold from the training folds)")
    print(f"{'all ' + str(x.shape[1]) + ' features':<46} accuracy {acc:.4f}  F1 {f1_:.4f}")
    for i, name in enumerate(pairwise.FEATURES):
        acc, f1_ = shuffled_cv(np.delete(x, i, axis=1), y)
        print(f"{'without ' + name:<46} accuracy {acc:.4f}  F1 {f1_:.4f}")
    for l2 in PENALTIES:
        acc, f1_ = shuffled_cv(x, y, l2)
        print(f"{f'ridge penalty {l2:g}':<46} accuracy {acc:.4f}  F1 {f1_:.4f}")


def _line(label: str, labels: list[int], decided: np.ndarray) -> str:
    """One figures line: accuracy and F1 of a 0/1 decision."""
    return f"{label:<46} accuracy {accuracy(labels, decided, 0.5):.3f}  F1 {f1(labels, decided, 0.5):.3f}"


def main() -> int:
    if not TRAIN.is_file():
        print(f"MRPC train not found ({TRAIN}); nothing to fit")
        return 0
    pairs, labels = load_mrpc("train")
    y = np.asarray(labels, dtype=float)
    frame = pairwise.pair_features(pairs).sort("pair")
    x = frame.select(pairwise.FEATURES).to_numpy().astype(float)

    weights, bias = fit(x, y)
    held = out_of_fold(x, y)
    threshold = round(best_threshold(labels, held), 3)
    rounded = {name: round(float(w), 4) for name, w in zip(pairwise.FEATURES, weights, strict=True)}
    fitted = predict(x, np.array(list(rounded.values())), round(bias, 4))
    stale = set(pairwise.WEIGHTS) != set(pairwise.FEATURES)
    committed = (
        fitted if stale else predict(x, np.array([pairwise.WEIGHTS[n] for n in pairwise.FEATURES]), pairwise.BIAS)
    )
    conflict = x[:, pairwise.FEATURES.index("conflict")]
    vetoed = conflict >= pairwise.CONFLICT_VETO

    n_pos = int(y.sum())
    print(f"MRPC train: {len(y):,} pairs ({n_pos:,} paraphrases, {n_pos / len(y):.1%}), {x.shape[1]} features")
    print("\n# constants for compare/pairwise.py")
    print("WEIGHTS = {")
    for name, w in rounded.items():
        print(f'    "{name}": {w},')
    print("}")
    print(f"BIAS = {round(bias, 4)}")
    print(f"SAME_THRESHOLD = {threshold}")
    print("\n# figures (MRPC train only)")
    print(_line(f"in-sample, fitted constants, >= {threshold}", labels, fitted >= threshold))
    print(_line(f"{FOLDS}-fold CV, >= 0.5", labels, held >= 0.5))
    print(_line(f"{FOLDS}-fold CV, >= {threshold}", labels, held >= threshold))
    if stale:
        print("committed constants: WEIGHTS does not name the features of FEATURES; paste the ones above")
    else:
        print(
            _line(
                f"in-sample, committed constants, >= {pairwise.SAME_THRESHOLD}",
                labels,
                committed >= pairwise.SAME_THRESHOLD,
            )
        )
    reported = conflict > 0
    print(f"pairs with a reported conflict: {int(reported.sum())}, paraphrases among them {int(y[reported].sum())}")
    for label, p in (("in-sample, fitted", fitted), (f"{FOLDS}-fold CV", held)):
        kept = p >= threshold
        print(_line(f"{label}, with the conflict veto", labels, kept & ~vetoed), end="")
        print(
            f"  (vetoed {int((kept & vetoed).sum())}, paraphrases among them {int((kept & vetoed & (y == 1)).sum())})"
        )
    if "--features" in sys.argv[1:]:
        _feature_report(x, y)
    return 0


if __name__ == "__main__":
    sys.exit(main())
