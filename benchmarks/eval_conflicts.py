"""Conflict detection on public sentence-pair data: Breaking-NLI, MRPC, SICK (issue 5).

Every pair is scored with the job's own rules (:func:`compare.pairwise.score_pairs`, one
call per data split, so the IDF table is the split's). A pair is *detected as a conflict*
("any") when ``conflict_kind`` is not null; it is a *certain* conflict when, in addition,
its confidence reaches ``Settings().conflict_min_confidence`` (the report's "conflicts"
list rather than "possible conflicts"). Figures:

- Breaking-NLI (``breaking-nli/data/dataset.jsonl``, 8,193 pairs, one call): the share of
  contradiction pairs detected per category, headline categories ``cardinals``,
  ``ordinals``, ``countries`` and ``nationalities``, then every other category and all of
  them together, for information; also the share of its entailment and neutral pairs
  flagged (false alarms);
- MRPC validation (``mrpc/msr-para-val.tsv``, 500 pairs, one call): the share of the 346
  paraphrase pairs (label 1) wrongly flagged as conflicts;
- SICK trial (``sick2014/SICK_trial.txt``, 500 pairs, one call): precision and recall of
  the CONTRADICTION class, predicted = conflict detected;
- pairs per second of :func:`~compare.pairwise.score_pairs` over the three splits.

Reads ``../shared/data`` in place (nothing is copied: the licences forbid it). Run
``python benchmarks/eval_conflicts.py`` (``--misses N`` also prints N sampled misses per
headline category and the flagged MRPC paraphrases) or the pytest wrapper
``benchmarks/test_conflict_evaluation.py``, which asserts issue 5's acceptance 2 and 3.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compare.pairs.lexical import score_pairs
from compare.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = {
    "breaking_nli": DATA / "breaking-nli" / "data" / "dataset.jsonl",
    "mrpc_val": DATA / "mrpc" / "msr-para-val.tsv",
    "sick_trial": DATA / "sick2014" / "SICK_trial.txt",
}
HEADLINE = ("cardinals", "ordinals", "countries", "nationalities")
"""Breaking-NLI categories issue 5 names: the values the project is meant to compare."""

Pair = tuple[str, str]


def available() -> bool:
    """Whether every file this evaluation reads is present."""
    return all(path.is_file() for path in FILES.values())


# ---------------------------------------------------------------- loaders


@dataclass
class Split:
    """Sentence pairs of one data split with their gold labels (and categories, if any)."""

    pairs: list[Pair]
    labels: list[str]
    categories: list[str] = field(default_factory=list)


def _tsv_rows(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    """Rows of a tab-separated file without quoting; blank lines are skipped."""
    with path.open(encoding=encoding, newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if any(f.strip() for f in row)]


def load_breaking_nli(path: Path = FILES["breaking_nli"]) -> Split:
    """All Breaking-NLI pairs: labels contradiction / entailment / neutral, and categories."""
    split = Split([], [], [])
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            split.pairs.append((row["sentence1"], row["sentence2"]))
            split.labels.append(row["gold_label"])
            split.categories.append(row["category"])
    return split


def load_mrpc_val(path: Path = FILES["mrpc_val"]) -> Split:
    """MRPC validation pairs; label "1" is a paraphrase, "0" not."""
    rows = _tsv_rows(path, encoding="utf-8-sig")
    header, body = rows[0], rows[1:]
    if header[0] != "Quality" or len(header) != 5:
        raise ValueError(f"unexpected MRPC header: {header}")
    return Split([(r[3], r[4]) for r in body], [r[0].strip() for r in body])


def load_sick_trial(path: Path = FILES["sick_trial"]) -> Split:
    """SICK trial pairs; labels ENTAILMENT / NEUTRAL / CONTRADICTION."""
    rows = _tsv_rows(path)
    header, body = rows[0], rows[1:]
    if header[:3] != ["pair_ID", "sentence_A", "sentence_B"] or header[4] != "entailment_judgment":
        raise ValueError(f"unexpected SICK header: {header}")
    return Split([(r[1], r[2]) for r in body], [r[4].strip() for r in body])


def load_all() -> dict[str, Split]:
    return {"breaking_nli": load_breaking_nli(), "mrpc_val": load_mrpc_val(), "sick_trial": load_sick_trial()}


# ---------------------------------------------------------------- scoring


@dataclass(repr=False)
class Verdicts:
    """The project's verdict on every pair of one split."""

    kinds: list[str | None]
    confidences: list[float]
    seconds: float

    def any(self, i: int) -> bool:
        return self.kinds[i] is not None

    def certain(self, i: int, min_confidence: float) -> bool:
        return self.kinds[i] is not None and self.confidences[i] >= min_confidence


def score(pairs: Sequence[Pair]) -> Verdicts:
    """Conflict verdicts of all ``pairs`` in one :func:`score_pairs` call, timed."""
    start = time.perf_counter()
    df = score_pairs(list(pairs)).sort("pair")
    seconds = time.perf_counter() - start
    if df.height != len(pairs):
        raise ValueError(f"{df.height} verdicts for {len(pairs)} pairs")
    return Verdicts(df.get_column("conflict_kind").to_list(), df.get_column("conflict_confidence").to_list(), seconds)


# ---------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Share:
    """``hits`` of ``n``; ``value`` is 0.0 for an empty set (printed as n/a)."""

    hits: int
    n: int

    @property
    def value(self) -> float:
        return self.hits / self.n if self.n else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hits}/{self.n})" if self.n else "n/a"


def share(selected: Sequence[int], flag) -> Share:
    """The share of the indices ``selected`` for which ``flag(i)`` holds."""
    return Share(sum(1 for i in selected if flag(i)), len(selected))


def evaluate(data: dict[str, Split] | None = None, min_confidence: float | None = None) -> dict:
    """Every figure; ``data`` defaults to :func:`load_all`, ``min_confidence`` to the settings'."""
    data = data or load_all()
    floor = Settings().conflict_min_confidence if min_confidence is None else min_confidence
    verdicts = {name: score(split.pairs) for name, split in data.items()}
    flags = {
        "any": lambda v: v.any,
        "certain": lambda v: lambda i: v.certain(i, floor),
    }
    out: dict = {"min_confidence": floor, "verdicts": verdicts, "breaking_nli": {}, "mrpc": {}, "sick": {}}

    bnli, v = data["breaking_nli"], verdicts["breaking_nli"]
    contra = [i for i, y in enumerate(bnli.labels) if y == "contradiction"]
    others = sorted({bnli.categories[i] for i in contra} - set(HEADLINE))  # "synonyms" has no contradiction
    for cat in [*HEADLINE, *others]:
        idx = [i for i in contra if bnli.categories[i] == cat]
        out["breaking_nli"][cat] = {tag: share(idx, f(v)) for tag, f in flags.items()}
    out["breaking_nli"]["all categories"] = {tag: share(contra, f(v)) for tag, f in flags.items()}
    not_contra = [i for i, y in enumerate(bnli.labels) if y != "contradiction"]
    out["breaking_nli_false_alarms"] = {tag: share(not_contra, f(v)) for tag, f in flags.items()}

    mrpc, v = data["mrpc_val"], verdicts["mrpc_val"]
    para = [i for i, y in enumerate(mrpc.labels) if y == "1"]
    non_para = [i for i, y in enumerate(mrpc.labels) if y == "0"]
    out["mrpc"]["paraphrases flagged"] = {tag: share(para, f(v)) for tag, f in flags.items()}
    out["mrpc"]["non-paraphrases flagged"] = {tag: share(non_para, f(v)) for tag, f in flags.items()}

    sick, v = data["sick_trial"], verdicts["sick_trial"]
    gold = [i for i, y in enumerate(sick.labels) if y == "CONTRADICTION"]
    gold_set = set(gold)
    for tag, f in flags.items():
        flag = f(v)
        predicted = [i for i in range(len(sick.pairs)) if flag(i)]
        out["sick"][tag] = {
            "precision": share(predicted, gold_set.__contains__),
            "recall": share(gold, flag),
        }

    n_pairs = sum(len(s.pairs) for s in data.values())
    seconds = sum(x.seconds for x in verdicts.values())
    out["speed"] = {
        "pairs": n_pairs,
        "seconds": seconds,
        "pairs_per_s": n_pairs / seconds if seconds else float("inf"),
        "per_split": {name: len(data[name].pairs) / x.seconds for name, x in verdicts.items() if x.seconds},
    }
    return out


def format_table(r: dict) -> str:
    """A compact table of every figure."""
    w = 44
    certain = f"certain (conf >= {r['min_confidence']:g})"
    head = f"{'conflict detection':<{w}} {'any conflict':>18} {certain:>22}"
    lines = [head, "-" * len(head), "Breaking-NLI contradictions detected"]

    def row(label: str, cells: dict) -> None:
        lines.append(f"{label:<{w}} {cells['any']!s:>18} {cells['certain']!s:>22}")

    for cat in HEADLINE:
        row(f"  {cat}", r["breaking_nli"][cat])
    lines.append("  other categories, for information")
    for cat, cells in r["breaking_nli"].items():
        if cat not in HEADLINE and cat != "all categories":
            row(f"    {cat}", cells)
    row("  all categories", r["breaking_nli"]["all categories"])
    row("  entailment + neutral flagged (false alarm)", r["breaking_nli_false_alarms"])
    lines.append("MRPC validation")
    for label, cells in r["mrpc"].items():
        row(f"  {label}", cells)
    lines.append("SICK trial, CONTRADICTION = conflict detected")
    for metric in ("precision", "recall"):
        row(f"  {metric}", {t: r["sick"][t][metric] for t in ("any", "certain")})
    s = r["speed"]
    per = ", ".join(f"{k} {v:,.0f}" for k, v in s["per_split"].items())
    lines.append(f"speed: {s['pairs']:,} pairs in {s['seconds']:.2f} s = {s['pairs_per_s']:,.0f} pairs/s ({per})")
    return "\n".join(lines)


# ---------------------------------------------------------------- error samples


def misses(r: dict, data: dict[str, Split], n: int, seed: int = 0) -> str:
    """``n`` sampled missed contradictions per headline category, and every flagged MRPC
    paraphrase, with the project's verdict: the material of an error analysis."""
    rng = random.Random(seed)
    out: list[str] = []
    bnli, v = data["breaking_nli"], r["verdicts"]["breaking_nli"]
    for cat in HEADLINE:
        idx = [
            i
            for i, (y, c) in enumerate(zip(bnli.labels, bnli.categories, strict=True))
            if y == "contradiction" and c == cat and not v.any(i)
        ]
        out.append(f"== Breaking-NLI {cat}: {len(idx)} missed, {min(n, len(idx))} sampled")
        for i in sorted(rng.sample(idx, min(n, len(idx)))):
            out.append(f"  [{i}] {bnli.pairs[i][0]}\n       {bnli.pairs[i][1]}")
    mrpc, v = data["mrpc_val"], r["verdicts"]["mrpc_val"]
    flagged = [i for i, y in enumerate(mrpc.labels) if y == "1" and v.any(i)]
    out.append(f"== MRPC validation paraphrases flagged: {len(flagged)}")
    for i in flagged:
        out.append(f"  [{i}] {v.kinds[i]} {v.confidences[i]:.2f}\n    {mrpc.pairs[i][0]}\n    {mrpc.pairs[i][1]}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="also print N sampled misses per category")
    args = parser.parse_args(argv)
    if not available():
        missing = ", ".join(str(p) for p in FILES.values() if not p.is_file())
        print(f"conflict evaluation data not found ({missing}); nothing to evaluate")
        return 0
    data = load_all()
    result = evaluate(data)
    print(format_table(result))
    if args.misses:
        print(misses(result, data, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
