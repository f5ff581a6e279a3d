"""Recall lost by blocking: how many true matches the candidate step never proposes.

The statement stage scores only the pairs its blocking proposes (claims sharing two
canonical stems, or one predicate frame; stems found in too many claims do not block).
This evaluation puts all the sentences of a labelled set into one corpus, as the job
would see them (sentence ``a`` of pair ``i`` in one document, sentence ``b`` in another),
runs the job's own features and candidate steps, and reports, per set:

- **candidate recall**: the share of labelled matches that blocking proposes;
- **recall lost**: the share of labelled matches whose score reaches ``match_threshold``
  (scored directly, as if every pair were compared) but that blocking never proposes;
- the number of candidate pairs against the number of all cross-document pairs.

Sets: MRPC validation and train paraphrases (label 1) and STS-B dev pairs with gold
similarity >= 4. (On harbor-fire every gold repeated pair is found, through blocking.)
Reads ``../shared/data`` in place; run ``python benchmarks/eval_blocking.py`` or the pytest
wrapper ``benchmarks/test_blocking_evaluation.py``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from eval_paraphrase import available, load_mrpc, load_stsb

from compare.pairs.lexical import _statements
from compare.settings import Settings
from compare.statements import candidates as candidates_stage
from compare.statements import scoring
from compare.statements.features import features
from compare.statements.values import values as values_stage

Pair = tuple[str, str]


def blocking_recall(pairs: Sequence[Pair], positive: Sequence[bool], threshold: float) -> dict[str, float]:
    """Candidate recall and recall lost to blocking on the positive pairs of one set."""
    claims = _statements([sentence for pair in pairs for sentence in pair])  # as score_pairs builds them
    scorer = scoring.Scorer.from_features(features(claims, values_stage(claims)))
    proposed = {(a, b) for a, b, _ in candidates_stage.candidates(claims, scorer)}
    gold = [(f"0:{i + 1}", f"1:{i + 1}") for i, p in enumerate(positive) if p]
    found = sum(pair in proposed for pair in gold)
    reachable = [pair for pair in gold if scorer.score(*pair) >= threshold]
    lost = sum(pair not in proposed for pair in reachable)
    return {
        "positives": len(gold),
        "candidate_recall": found / len(gold) if gold else 0.0,
        "matched_if_all_pairs": len(reachable),
        "lost_to_blocking": lost,
        "recall_lost": lost / len(gold) if gold else 0.0,
        "candidates": len(proposed),
        "all_pairs": len(pairs) ** 2,
    }


def evaluate() -> dict[str, dict[str, float]]:
    """Blocking recall on every set (MRPC val and train, STS-B dev >= 4)."""
    threshold = Settings().match_threshold
    out = {}
    for split in ("val", "train"):
        pairs, labels = load_mrpc(split)
        out[f"MRPC {split} paraphrases"] = blocking_recall(pairs, [y == 1 for y in labels], threshold)
    pairs, gold = load_stsb("dev")
    out["STS-B dev, similarity >= 4"] = blocking_recall(pairs, [g >= 4 for g in gold], threshold)
    return out


def format_table(results: dict[str, dict[str, float]]) -> str:
    lines = [
        "| Set | Positives | Candidate recall | Matched if all pairs scored | Lost to blocking | Candidates / all |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {r['positives']:,} | {r['candidate_recall']:.3f} | {r['matched_if_all_pairs']:,} | "
            f"{r['lost_to_blocking']:,} ({r['recall_lost']:.3f}) | {r['candidates']:,} / {r['all_pairs']:,} |"
        )
    return "\n".join(lines)


def main() -> int:
    if not available():
        print("../shared/data is not available; nothing to evaluate", file=sys.stderr)
        return 0
    print(format_table(evaluate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
