"""Clough-Stevenson short answers: does the document similarity separate copies from
independent writing?

Each student answer is compared with the Wikipedia source of its task through the job's
own similarity stage. The ROC AUC of the similarity
for ``cut`` and ``light`` answers against ``non`` answers of the same tasks is printed for
the exact Jaccard, the containment and the MinHash estimate. Reads
``../shared/data/clough-stevenson-plagiarism`` in place; nothing is copied.
"""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl

from compare import frames
from compare.documents.ingest import decode
from compare.documents.similarity import similarity
from compare.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clough-stevenson-plagiarism"


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def scores(settings: Settings | None = None) -> list[dict[str, object]]:
    """One row per student answer: category and its similarity to the task's source."""
    settings = settings or Settings()
    with (DATA / "file_information.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Category"] != "orig"]
    out = []
    for r in rows:
        answer = decode((DATA / r["File"]).read_bytes())[0]
        source = decode((DATA / f"orig_task{r['Task']}.txt").read_bytes())[0]
        docs = pl.DataFrame(
            [
                {"doc_id": 0, "path": r["File"], "sha256": "", "encoding": "", "text": answer, "bytes": 0},
                {"doc_id": 1, "path": "orig", "sha256": "", "encoding": "", "text": source, "bytes": 0},
            ],
            schema=frames.DOCUMENTS,
        )
        pairs, _ = similarity(docs, settings)
        pair = pairs.row(0, named=True)
        values = {k: pair[k] for k in ("jaccard", "containment", "estimate")}
        out.append({"file": r["File"], "task": r["Task"], "category": r["Category"]} | values)
    return out


def evaluate(settings: Settings | None = None) -> dict[str, float]:
    """ROC AUC of cut+light vs non for each similarity measure."""
    rows = scores(settings)
    result: dict[str, float] = {}
    for measure in ("jaccard", "containment", "estimate"):
        pos = [float(r[measure]) for r in rows if r["category"] in ("cut", "light")]
        neg = [float(r[measure]) for r in rows if r["category"] == "non"]
        result[f"auc_{measure}"] = roc_auc(pos, neg)
        per_task = []
        for task in sorted({str(r["task"]) for r in rows}):
            tp = [float(r[measure]) for r in rows if r["task"] == task and r["category"] in ("cut", "light")]
            tn = [float(r[measure]) for r in rows if r["task"] == task and r["category"] == "non"]
            if tp and tn:
                per_task.append(roc_auc(tp, tn))
        result[f"auc_{measure}_within_task"] = sum(per_task) / len(per_task)
    result["positives"] = sum(r["category"] in ("cut", "light") for r in rows)
    result["negatives"] = sum(r["category"] == "non" for r in rows)
    return result


if __name__ == "__main__":
    if not DATA.is_dir():
        print(f"Clough-Stevenson data not found at {DATA}; nothing to evaluate")
    else:
        for key, value in evaluate().items():
            print(f"{key}: {value:.4f}" if isinstance(value, float) else f"{key}: {value}")
