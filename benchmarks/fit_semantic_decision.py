"""Fit the semantic pair decision of :mod:`compare.semantic` on MRPC train and print its constants.

The semantic equivalence is a logistic regression over :data:`compare.semantic.SEMANTIC_FEATURES`:
the embedding cosine (:func:`compare.semantic.cosine_pairs`) next to the 15 lexical features of
:func:`compare.pairwise.pair_features`, each computed in one call for the whole split exactly as
:func:`compare.semantic.pair_scores` computes them. This script:

1. reads MRPC *train* (``msr-para-train.tsv``, 3,576 pairs) from ``../shared/data`` in place;
   the validation pairs are never read, so they never choose anything (``eval_semantic.py``
   scores them once, with the committed constants);
2. chooses the ridge penalty among :data:`PENALTIES` by the shuffled cross-validation of
   ``fit_pair_decision.py`` (:func:`fit_pair_decision.shuffled_cv`: five seeded shuffles of
   10 folds, each fold decided at the accuracy-best threshold of its own training folds);
3. fits the weights on all of train with that penalty (:func:`fit_pair_decision.fit`: Newton's
   method on standardised features, folded back into raw-feature weights);
4. chooses the decision threshold for accuracy on the out-of-fold predictions of the same
   shuffled folds, pooled (:func:`pooled_out_of_fold`);
5. prints the constants to paste into ``compare/pairs/semantic.py`` and the train figures:
   cross-validated accuracy and F1 per penalty, of the lexical features alone and of the
   cosine alone for comparison, in-sample figures of the fitted and of the committed
   constants, and those of the decision ``same_semantic`` with the conflict veto
   (:data:`compare.pairwise.CONFLICT_VETO`, a rule, not fitted).

The model, fitting and cross-validation are those of ``fit_pair_decision.py``, imported, not
copied. Embedding the 7,152 train sentences takes about 80 s on one CPU thread; the vectors
live in memory only. Deterministic. Run ``python benchmarks/fit_semantic_decision.py``; it exits
cleanly (status 0) when the data or the semantic extra is absent.
"""

from __future__ import annotations

import sys

import numpy as np
from eval_paraphrase import accuracy, best_threshold, f1, load_mrpc
from fit_pair_decision import FOLDS, SHUFFLES, TRAIN, fit, predict, shuffled_cv

from compare.pairs import lexical as pairwise
from compare.pairs import semantic
from compare.statements import embeddings

CHOSEN_L2 = 1e-4
"""The ridge penalty this script chose when the committed constants were fitted (of
:data:`PENALTIES`, by :func:`shuffled_cv` on MRPC train: 0.7786, 0.7785, 0.7787, 0.7779,
0.7752, 0.7757, 0.7729 in the order of :data:`PENALTIES`). ``eval_semantic.py`` refits the
weights with it to check that the committed ones are still the fit of MRPC train; the script
says so when a run chooses another."""

PENALTIES = (1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
"""Ridge penalties per pair on the standardised weights compared by :func:`shuffled_cv`; the
highest cross-validated accuracy wins (the larger penalty on a tie)."""


def train_features(pairs: list[tuple[str, str]]) -> np.ndarray:
    """The :data:`compare.semantic.SEMANTIC_FEATURES` of every pair, one row each, in pair order:
    the cosine, then :func:`compare.pairwise.pair_features` of all pairs in one call."""
    cosine = semantic.cosine_pairs(pairs).astype(np.float64)
    lexical = pairwise.pair_features(pairs).sort("pair").select(pairwise.FEATURES).to_numpy().astype(np.float64)
    return np.column_stack([cosine, lexical])


def pooled_out_of_fold(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold predictions of every pair under each of the :data:`SHUFFLES` seeded
    :data:`FOLDS`-fold splits of :func:`shuffled_cv` (same seeds, same folds), stacked:
    ``(predictions, labels)``, ``SHUFFLES * len(y)`` of each. The threshold is chosen on all
    of them, so it does not hang on one fold assignment."""
    preds, labels = [], []
    for seed in range(SHUFFLES):
        fold = np.empty(len(y), dtype=int)
        fold[np.random.default_rng(seed).permutation(len(y))] = np.arange(len(y)) % FOLDS
        held_out = np.zeros(len(y))
        for k in range(FOLDS):
            train = fold != k
            weights, bias = fit(x[train], y[train], l2)
            held_out[~train] = predict(x[~train], weights, bias)
        preds.append(held_out)
        labels.append(y)
    return np.concatenate(preds), np.concatenate(labels)


def _line(label: str, truth: np.ndarray, decided: np.ndarray) -> str:
    """Accuracy and F1 of one yes/no decision against 0/1 labels, as one aligned line."""
    y = truth.astype(int).tolist()
    return f"{label:<50} accuracy {accuracy(y, decided, 0.5):.4f}  F1 {f1(y, decided, 0.5):.4f}"


def main() -> int:
    if not TRAIN.is_file():
        print(f"MRPC train not found ({TRAIN}); nothing to fit")
        return 0
    if not embeddings.available():
        print("the semantic extra is not installed (pip install 'compare-sources[semantic]'); nothing to fit")
        return 0
    pairs, labels = load_mrpc("train")
    y = np.asarray(labels, dtype=float)
    x = train_features(pairs)
    names = semantic.SEMANTIC_FEATURES
    n_pos = int(y.sum())
    print(f"MRPC train: {len(y):,} pairs ({n_pos:,} paraphrases, {n_pos / len(y):.1%}), {x.shape[1]} features")

    print(f"\n# shuffled CV on MRPC train ({SHUFFLES} x {FOLDS}-fold, threshold from the training folds)")
    for label, cols in (("cosine alone", [0]), (f"{x.shape[1] - 1} lexical features alone", slice(1, None))):
        acc, f1_ = shuffled_cv(x[:, cols], y)
        print(f"{label:<50} accuracy {acc:.4f}  F1 {f1_:.4f}")
    cv: dict[float, tuple[float, float]] = {}
    for l2 in PENALTIES:
        cv[l2] = shuffled_cv(x, y, l2)
        print(f"{f'cosine + lexical, ridge penalty {l2:g}':<50} accuracy {cv[l2][0]:.4f}  F1 {cv[l2][1]:.4f}")
    l2 = max(PENALTIES, key=lambda p: (round(cv[p][0], 6), p))
    print(f"chosen ridge penalty: {l2:g}" + ("" if l2 == CHOSEN_L2 else f" (CHOSEN_L2 says {CHOSEN_L2:g}: update it)"))

    weights, bias = fit(x, y, l2)
    pooled, pooled_y = pooled_out_of_fold(x, y, l2)
    threshold = round(best_threshold(pooled_y, pooled), 3)
    rounded = {name: round(float(w), 4) for name, w in zip(names, weights, strict=True)}
    fitted = predict(x, np.array(list(rounded.values())), round(bias, 4))
    vetoed = x[:, names.index("conflict")] >= pairwise.CONFLICT_VETO

    print("\n# constants for compare/semantic.py")
    print("SEMANTIC_WEIGHTS = {")
    for name, w in rounded.items():
        print(f'    "{name}": {w},')
    print("}")
    print(f"SEMANTIC_BIAS = {round(bias, 4)}")
    print(f"SEMANTIC_THRESHOLD = {threshold}")

    print("\n# figures (MRPC train only)")
    pooled_vetoed = np.tile(vetoed, SHUFFLES)
    kept = fitted >= threshold
    print(_line("pooled out-of-fold, >= 0.5", pooled_y, pooled >= 0.5))
    print(_line(f"pooled out-of-fold, >= {threshold}", pooled_y, pooled >= threshold))
    print(_line("pooled out-of-fold, with the conflict veto", pooled_y, (pooled >= threshold) & ~pooled_vetoed))
    print(_line(f"in-sample, fitted constants, >= {threshold}", y, kept))
    print(_line("in-sample, fitted, with the conflict veto", y, kept & ~vetoed), end="")
    print(f"  (vetoed {int((kept & vetoed).sum())}, paraphrases among them {int((kept & vetoed & (y == 1)).sum())})")
    if set(semantic.SEMANTIC_WEIGHTS) != set(names):
        print("committed constants: SEMANTIC_WEIGHTS does not name SEMANTIC_FEATURES; paste the ones above")
    else:
        committed = predict(x, np.array([semantic.SEMANTIC_WEIGHTS[n] for n in names]), semantic.SEMANTIC_BIAS)
        decided = (committed >= semantic.SEMANTIC_THRESHOLD) & ~vetoed
        print(_line(f"in-sample, committed constants and veto, >= {semantic.SEMANTIC_THRESHOLD}", y, decided))
    return 0


if __name__ == "__main__":
    sys.exit(main())
