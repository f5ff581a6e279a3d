"""Statement matching on public paraphrase data: MRPC, STS-B and the Twitter URL corpus.

Scores labelled sentence pairs with the job's own rules (:func:`compare.pairwise.score_pairs`,
one call per data split, so the IDF table is the split's) and, in the same run, with plain
bag-of-words Jaccard (lower-cased ``\\w+`` tokens, set Jaccard). One ``score_pairs`` call
gives two scores and a decision per pair:

- the *grouping score* (``score``), containment-friendly, that the job uses to gather
  repeated claims: decided as ``score >= threshold`` at the project's default
  ``match_threshold`` and at the threshold that maximises accuracy on MRPC *train*;
- the *equivalence* score and the *pair decision* ``same`` (a logistic regression fitted
  on MRPC train by ``benchmarks/fit_pair_decision.py``, with its committed threshold).

Printed per method:

- MRPC validation (``msr-para-val.tsv``, 500 pairs): accuracy and F1 (paraphrase class);
  the validation pairs never choose anything;
- STS-B dev (``sts-dev.csv``, 1,500 pairs): Spearman correlation with the gold 0-5
  similarity (ranks with ties averaged) of the grouping score, of the equivalence score,
  and of Jaccard;
- Twitter URL corpus, test split: F1 of ``k >= 4`` (paraphrase) against ``k <= 1``
  (non-paraphrase), ``k`` in 2..3 dropped (the corpus has no train split here);
- pairs per second over all the pairs scored (MRPC train and validation, STS-B dev,
  Twitter); ``score_pairs`` computes the grouping score and the pair decision together.

Issue 4, acceptance 2: the pair decision reaches MRPC validation accuracy >= 0.76 and
F1 >= 0.83, while the grouping score keeps STS-B dev Spearman >= 0.72.

Reads ``../shared/data`` in place (nothing is copied: the licences forbid it). Run
``python benchmarks/eval_paraphrase.py`` or the pytest wrapper
``benchmarks/test_paraphrase_evaluation.py``, which asserts acceptance 2.
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np
import polars as pl

from compare.pairs.lexical import SAME_THRESHOLD, score_pairs
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
Split = tuple[list[Pair], list]
"""A data split: its sentence pairs and their gold labels or similarities."""


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


def project_frame(pairs: Sequence[Pair]) -> pl.DataFrame:
    """:func:`compare.pairwise.score_pairs` of all ``pairs`` in one call, in pair order."""
    return score_pairs(list(pairs)).sort("pair")


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

ACCEPTANCE = {"mrpc_acc": 0.76, "mrpc_f1": 0.83, "stsb_spearman": 0.72}
"""Issue 4, acceptance 2: floors of the pair decision on MRPC validation and of the
grouping score's STS-B dev Spearman."""
GROUPING, JACCARD, DECISION = "grouping score", "bag-of-words Jaccard", "pair decision"
"""Names of the three rows of results."""


def load_all() -> dict[str, Split]:
    """Every split this evaluation scores, read in place."""
    return {
        "mrpc_train": load_mrpc("train"),
        "mrpc_val": load_mrpc("val"),
        "stsb_dev": load_stsb("dev"),
        "twitter": load_twitter(),
    }


R = TypeVar("R", pl.DataFrame, list[float])


def _timed(fn: Callable[[Sequence[Pair]], R], data: dict[str, Split]) -> tuple[dict[str, R], float]:
    """``fn`` of every split (one call each) and the seconds all the calls took."""
    out: dict[str, R] = {}
    seconds = 0.0
    for name, (pairs, _) in data.items():
        start = time.perf_counter()
        out[name] = fn(pairs)
        seconds += time.perf_counter() - start
        if len(out[name]) != len(pairs):
            raise ValueError(f"{name}: {len(out[name])} results for {len(pairs)} pairs")
    return out, seconds


def evaluate_scores(
    scores: dict[str, Sequence[float]], data: dict[str, Split], default: float, seconds: float
) -> dict[str, float]:
    """Figures of one score decided as ``score >= threshold``, at ``default`` and at the
    threshold that maximises accuracy on MRPC train."""
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


def evaluate_decision(frames: dict[str, pl.DataFrame], data: dict[str, Split], seconds: float) -> dict[str, float]:
    """Figures of the pair decision ``same`` (its committed threshold and conflict veto;
    nothing is chosen here), of ``equivalence >= SAME_THRESHOLD`` without the veto, and the
    STS-B Spearman of the ``equivalence`` score."""
    decided = {name: [float(s) for s in frame.get_column("same").to_list()] for name, frame in frames.items()}
    equivalence = {name: frame.get_column("equivalence").to_list() for name, frame in frames.items()}
    n_pairs = sum(len(pairs) for pairs, _ in data.values())
    return {
        "mrpc_acc_no_veto": accuracy(data["mrpc_val"][1], equivalence["mrpc_val"], SAME_THRESHOLD),
        "mrpc_f1_no_veto": f1(data["mrpc_val"][1], equivalence["mrpc_val"], SAME_THRESHOLD),
        "twitter_f1_no_veto": f1(data["twitter"][1], equivalence["twitter"], SAME_THRESHOLD),
        "vetoed_val": sum(
            e >= SAME_THRESHOLD and not s
            for e, s in zip(equivalence["mrpc_val"], frames["mrpc_val"].get_column("same").to_list(), strict=True)
        ),
        "threshold": SAME_THRESHOLD,
        "mrpc_train_acc": accuracy(data["mrpc_train"][1], decided["mrpc_train"], 0.5),
        "mrpc_train_f1": f1(data["mrpc_train"][1], decided["mrpc_train"], 0.5),
        "mrpc_acc": accuracy(data["mrpc_val"][1], decided["mrpc_val"], 0.5),
        "mrpc_f1": f1(data["mrpc_val"][1], decided["mrpc_val"], 0.5),
        "twitter_f1": f1(data["twitter"][1], decided["twitter"], 0.5),
        "stsb_spearman": spearman(frames["stsb_dev"].get_column("equivalence").to_list(), data["stsb_dev"][1]),
        "seconds": seconds,
        "pairs": n_pairs,
        "pairs_per_s": n_pairs / seconds if seconds else float("inf"),
    }


def evaluate(settings: Settings | None = None) -> dict[str, dict[str, float]]:
    """Figures of the grouping score, of bag-of-words Jaccard and of the pair decision, all
    from one reading of the data; ``score_pairs`` is called once per split for both of its rows."""
    default = (settings or Settings()).match_threshold
    data = load_all()
    frames, project_seconds = _timed(project_frame, data)
    jaccard, jaccard_seconds = _timed(jaccard_scores, data)
    grouping = {name: frame.get_column("score").to_list() for name, frame in frames.items()}
    return {
        GROUPING: evaluate_scores(grouping, data, default, project_seconds),
        JACCARD: evaluate_scores(jaccard, data, default, jaccard_seconds),
        DECISION: evaluate_decision(frames, data, project_seconds),
    }


def acceptance_failures(results: dict[str, dict[str, float]]) -> list[str]:
    """Issue 4, acceptance 2, as a list of what falls short (empty when it holds)."""
    decision, grouping = results[DECISION], results[GROUPING]
    checks = (
        ("pair decision: MRPC validation accuracy", decision["mrpc_acc"], ACCEPTANCE["mrpc_acc"]),
        ("pair decision: MRPC validation F1", decision["mrpc_f1"], ACCEPTANCE["mrpc_f1"]),
        ("grouping score: STS-B dev Spearman", grouping["stsb_spearman"], ACCEPTANCE["stsb_spearman"]),
    )
    return [f"{what} {got:.3f} < {floor}" for what, got, floor in checks if got < floor]


def format_table(results: dict[str, dict[str, float]]) -> str:
    """One row per score and threshold (the project's default, the one chosen on MRPC
    train), then the pair decision, then acceptance 2."""
    head = (
        f"{'method':<22} {'threshold':<22} {'MRPC acc':>8} {'MRPC F1':>8} "
        f"{'STS-B rho':>9} {'Twitter F1':>10} {'pairs/s':>9}"
    )
    lines = [head, "-" * len(head)]
    for name in (GROUPING, JACCARD):
        r = results[name]
        for tag, label in (("default", "default"), ("tuned", "MRPC train")):
            t = f"{r[f'threshold_{tag}']:.3f} ({label})"
            lines.append(
                f"{name:<22} {t:<22} {r[f'mrpc_acc_{tag}']:8.3f} {r[f'mrpc_f1_{tag}']:8.3f} "
                f"{r['stsb_spearman']:9.3f} {r[f'twitter_f1_{tag}']:10.3f} {r['pairs_per_s']:9.0f}"
            )
    d = results[DECISION]
    t = f"equivalence >= {d['threshold']:.3f}"
    lines.append(
        f"{DECISION + ' (same)':<22} {t:<22} {d['mrpc_acc']:8.3f} {d['mrpc_f1']:8.3f} "
        f"{d['stsb_spearman']:9.3f} {d['twitter_f1']:10.3f} {d['pairs_per_s']:9.0f}"
    )
    t = "(without conflict veto)"
    lines.append(
        f"{'  equivalence alone':<22} {t:<22} {d['mrpc_acc_no_veto']:8.3f} {d['mrpc_f1_no_veto']:8.3f} "
        f"{'':>9} {d['twitter_f1_no_veto']:10.3f} {'':>9}"
    )
    lines.append(
        f"MRPC validation 500 pairs, STS-B dev 1,500, Twitter k>=4 vs k<=1; pairs/s over {d['pairs']:,.0f} pairs"
        " (MRPC train + val, STS-B dev, Twitter); one score_pairs call gives the grouping score and the pair decision."
    )
    lines.append(
        "STS-B rho is the Spearman of the row's own score: the grouping score, Jaccard, and for the pair decision"
        " the equivalence score it thresholds."
    )
    lines.append(
        f"Pair decision on MRPC train (where it was fitted): accuracy {d['mrpc_train_acc']:.3f},"
        f" F1 {d['mrpc_train_f1']:.3f}; MRPC validation pairs the conflict veto made not-same: {d['vetoed_val']:.0f}."
    )
    failed = acceptance_failures(results)
    verdict = "holds" if not failed else "FAILS: " + "; ".join(failed)
    lines.append(
        f"Acceptance 2 (pair decision MRPC acc >= {ACCEPTANCE['mrpc_acc']}, F1 >= {ACCEPTANCE['mrpc_f1']}; "
        f"grouping score STS-B rho >= {ACCEPTANCE['stsb_spearman']}): {verdict}"
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
