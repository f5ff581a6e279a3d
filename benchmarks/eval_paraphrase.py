"""Statement matching on public paraphrase data: MRPC, STS-B and the Twitter URL corpus.

Scores labelled sentence pairs with the job's own match score
(:func:`compare.pairwise.score_pairs`, one call per data split, so the IDF table is the
split's) and, in the same run, with plain bag-of-words Jaccard (lower-cased ``\\w+`` tokens,
set Jaccard), and prints:

- MRPC validation (``msr-para-val.tsv``, 500 pairs): accuracy and F1 (paraphrase class) of
  the pair decision ``score >= threshold``, at the project's default ``match_threshold`` and
  at the threshold that maximises accuracy on MRPC *train* (``msr-para-train.tsv``; the
  validation pairs never choose anything);
- STS-B dev (``sts-dev.csv``, 1,500 pairs): Spearman correlation of the score with the gold
  0-5 similarity (ranks with ties averaged);
- Twitter URL corpus, test split: F1 of ``k >= 4`` (paraphrase) against ``k <= 1``
  (non-paraphrase), ``k`` in 2..3 dropped, at the same two thresholds (the corpus has no
  train split here);
- pairs per second of each scorer over all the pairs it scored (MRPC train and
  validation, STS-B dev, Twitter).

Reads ``../shared/data`` in place (nothing is copied: the licences forbid it). Run
``python benchmarks/eval_paraphrase.py`` or the pytest wrapper
``benchmarks/test_paraphrase_evaluation.py``, which asserts issue 4's acceptance 2.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from compare.pairwise import score_pairs
from compare.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MRPC = DATA / "mrpc"
STSB = DATA / "stsb"
TWITTER = DATA / "twitter-url-paraphrase"
FILES = {
    "mrpc_train": MRPC / "msr-para-train.tsv",
    "mrpc_val": MRPC / "msr-para-val.tsv",
    "stsb_dev": STSB / "sts-dev.csv",
    "twitter": TWITTER / "Twitter_URL_Corpus_test.txt",
}

Pair = tuple[str, str]
Scorer = Callable[[Sequence[Pair]], list[float]]


def available() -> bool:
    """Whether every file this evaluation reads is present."""
    return all(path.is_file() for path in FILES.values())


# ---------------------------------------------------------------- loaders


def _tsv_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    """Rows of a tab-separated file without quoting; blank lines are skipped."""
    with path.open(encoding=encoding, newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if any(f.strip() for f in row)]


def load_mrpc(split: str) -> tuple[list[Pair], list[int]]:
    """MRPC ``split`` ("train" or "val"): sentence pairs and labels (1 = paraphrase)."""
    rows = _tsv_rows(MRPC / f"msr-para-{split}.tsv", encoding="utf-8-sig")
    header, body = rows[0], rows[1:]
    if header[0] != "Quality" or len(header) != 5:
        raise ValueError(f"unexpected MRPC header: {header}")
    pairs = [(r[3], r[4]) for r in body]
    labels = [int(r[0]) for r in body]
    return pairs, labels


def load_stsb(split: str = "dev") -> tuple[list[Pair], list[float]]:
    """STS-B ``split``: sentence pairs and gold similarity 0-5. Columns ``genre file year id
    score sentence1 sentence2``; some lines carry two extra source columns, ignored."""
    rows = _tsv_rows(STSB / f"sts-{split}.csv")
    pairs = [(r[5], r[6]) for r in rows]
    gold = [float(r[4]) for r in rows]
    return pairs, gold


_VOTES = re.compile(r"\((\d),\s*6\)")


def load_twitter() -> tuple[list[Pair], list[int]]:
    """Twitter URL corpus (test split): pairs with ``k >= 4`` of 6 votes (label 1) or
    ``k <= 1`` (label 0); the debatable ``k`` in 2..3 and blank lines are dropped."""
    pairs: list[Pair] = []
    labels: list[int] = []
    for r in _tsv_rows(TWITTER / "Twitter_URL_Corpus_test.txt"):
        m = _VOTES.fullmatch(r[2].strip())
        if m is None:
            raise ValueError(f"no (k,6) vote in the third column: {r}")
        k = int(m.group(1))
        if 2 <= k <= 3:
            continue
        pairs.append((r[0].strip(), r[1].strip()))
        labels.append(int(k >= 4))
    return pairs, labels


# ---------------------------------------------------------------- scorers


_WORD = re.compile(r"\w+")


def jaccard_scores(pairs: Sequence[Pair]) -> list[float]:
    """Plain bag-of-words baseline: set Jaccard of lower-cased ``\\w+`` tokens."""
    out = []
    for a, b in pairs:
        sa, sb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
        union = len(sa | sb)
        out.append(len(sa & sb) / union if union else 0.0)
    return out


def project_scores(pairs: Sequence[Pair]) -> list[float]:
    """The job's match score (:func:`compare.pairwise.score_pairs`), all pairs in one call."""
    return score_pairs(list(pairs)).sort("pair").get_column("score").to_list()


METHODS: dict[str, Scorer] = {"project default": project_scores, "bag-of-words Jaccard": jaccard_scores}


# ---------------------------------------------------------------- metrics


def accuracy(labels: Sequence[int], scores: Sequence[float], threshold: float) -> float:
    y = np.asarray(labels, dtype=bool)
    return float(np.mean((np.asarray(scores) >= threshold) == y))


def f1(labels: Sequence[int], scores: Sequence[float], threshold: float) -> float:
    """F1 of the positive (paraphrase) class."""
    y = np.asarray(labels, dtype=bool)
    p = np.asarray(scores) >= threshold
    tp = int(np.sum(p & y))
    denom = int(np.sum(p)) + int(np.sum(y))
    return 2 * tp / denom if denom else 0.0


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold that maximises accuracy of ``score >= threshold``: the midpoint between
    two consecutive distinct scores (the lowest such midpoint among equally good ones)."""
    s = np.unique(np.asarray(scores, dtype=float))
    cuts = np.concatenate(([s[0] - 1e-9], (s[:-1] + s[1:]) / 2, [s[-1] + 1e-9]))
    x = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    # accuracy(t) = (positives with score >= t + negatives with score < t) / n, via sorted counts
    pos, neg = np.sort(x[y]), np.sort(x[~y])
    correct = (len(pos) - np.searchsorted(pos, cuts, side="left")) + np.searchsorted(neg, cuts, side="left")
    return float(cuts[int(np.argmax(correct))])


def rank(values: Sequence[float]) -> np.ndarray:
    """Ranks from 1, ties given the average of the ranks they span."""
    x = np.asarray(values, dtype=float)
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=float)
    sx = x[order]
    i = 0
    while i < len(sx):
        j = i
        while j + 1 < len(sx) and sx[j + 1] == sx[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    """Spearman's rho: Pearson correlation of the (tie-averaged) ranks."""
    rx, ry = rank(x), rank(y)
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denom = float(np.sqrt(np.sum(rx * rx) * np.sum(ry * ry)))
    return float(np.sum(rx * ry)) / denom if denom else float("nan")


# ---------------------------------------------------------------- evaluation


def load_all() -> dict[str, tuple[list[Pair], list]]:
    """Every split this evaluation scores, read in place."""
    return {
        "mrpc_train": load_mrpc("train"),
        "mrpc_val": load_mrpc("val"),
        "stsb_dev": load_stsb("dev"),
        "twitter": load_twitter(),
    }


def evaluate_method(scorer: Scorer, data: dict[str, tuple[list[Pair], list]], default: float) -> dict[str, float]:
    """Every figure of one scorer; each split is scored in one call, and timed."""
    scores: dict[str, list[float]] = {}
    seconds = 0.0
    for name, (pairs, _) in data.items():
        start = time.perf_counter()
        scores[name] = scorer(pairs)
        seconds += time.perf_counter() - start
        if len(scores[name]) != len(pairs):
            raise ValueError(f"{name}: {len(scores[name])} scores for {len(pairs)} pairs")
    n_pairs = sum(len(pairs) for pairs, _ in data.values())
    val_y, tw_y = data["mrpc_val"][1], data["twitter"][1]
    tuned = best_threshold(data["mrpc_train"][1], scores["mrpc_train"])
    out: dict[str, float] = {
        "threshold_default": default,
        "threshold_tuned": tuned,
        "mrpc_train_acc_tuned": accuracy(data["mrpc_train"][1], scores["mrpc_train"], tuned),
        "stsb_spearman": spearman(scores["stsb_dev"], data["stsb_dev"][1]),
        "seconds": seconds,
        "pairs": n_pairs,
        "pairs_per_s": n_pairs / seconds if seconds else float("inf"),
    }
    for tag, t in (("default", default), ("tuned", tuned)):
        out[f"mrpc_acc_{tag}"] = accuracy(val_y, scores["mrpc_val"], t)
        out[f"mrpc_f1_{tag}"] = f1(val_y, scores["mrpc_val"], t)
        out[f"twitter_f1_{tag}"] = f1(tw_y, scores["twitter"], t)
    return out


def evaluate(methods: dict[str, Scorer] | None = None, settings: Settings | None = None) -> dict[str, dict[str, float]]:
    """Figures per method (see :func:`evaluate_method`), all from one reading of the data."""
    methods = methods or METHODS
    default = (settings or Settings()).match_threshold
    data = load_all()
    return {name: evaluate_method(scorer, data, default) for name, scorer in methods.items()}


def format_table(results: dict[str, dict[str, float]]) -> str:
    """One row per method and threshold (the project's default, the one chosen on MRPC train)."""
    head = (
        f"{'method':<22} {'threshold':<19} {'MRPC acc':>8} {'MRPC F1':>8} "
        f"{'STS-B rho':>9} {'Twitter F1':>10} {'pairs/s':>9}"
    )
    lines = [head, "-" * len(head)]
    for name, r in results.items():
        for tag, label in (("default", "default"), ("tuned", "MRPC train")):
            t = f"{r[f'threshold_{tag}']:.3f} ({label})"
            lines.append(
                f"{name:<22} {t:<19} {r[f'mrpc_acc_{tag}']:8.3f} {r[f'mrpc_f1_{tag}']:8.3f} "
                f"{r['stsb_spearman']:9.3f} {r[f'twitter_f1_{tag}']:10.3f} {r['pairs_per_s']:9.0f}"
            )
    any_r = next(iter(results.values()))
    lines.append(
        f"MRPC validation 500 pairs, STS-B dev 1,500, Twitter k>=4 vs k<=1; pairs/s over "
        f"{any_r['pairs']:,.0f} pairs (MRPC train + val, STS-B dev, Twitter); threshold chosen for accuracy"
        " on MRPC train"
    )
    return "\n".join(lines)


def main() -> int:
    if not available():
        missing = ", ".join(str(p) for p in FILES.values() if not p.is_file())
        print(f"paraphrase data not found ({missing}); nothing to evaluate")
        return 0
    print(format_table(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
