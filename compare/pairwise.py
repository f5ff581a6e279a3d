"""Score given sentence pairs with the job's own matching and conflict rules.

The pipeline finds its candidate pairs itself; evaluations on labelled sentence pairs
(MRPC, STS-B, SICK, Breaking-NLI) and notebooks want to score pairs they already have.
:func:`score_pairs` builds the same frames the pipeline builds (statements, values, one
IDF table over all sentences given) and returns, per pair, the match score the grouping
uses and the most confident conflict the conflict stage reports, if any.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from . import frames, matching
from .conflicts import conflicts as conflicts_stage
from .normalize import collapse, normalize_text
from .text import content_stems, words
from .values import values as values_stage

PAIR_SCORES = {
    "pair": pl.Int64,  # index into the given pairs
    "score": pl.Float64,  # match score in [0, 1], as used for repeated groups
    "conflict_kind": pl.String,  # null when no conflict is reported
    "conflict_confidence": pl.Float64,  # 0.0 when no conflict is reported
}


def _statements(sentences: Sequence[str]) -> pl.DataFrame:
    """A statements frame: sentence ``2i`` is document 0, sentence ``2i + 1`` document 1."""
    rows: dict[str, list] = {name: [] for name in frames.STATEMENTS}
    for i, raw in enumerate(sentences):
        text = collapse(normalize_text(raw)[0])
        toks = words(text)
        rows["stmt_id"].append(f"{i % 2}:{i // 2 + 1}")
        rows["doc_id"].append(i % 2)
        rows["line"].append(i // 2 + 1)
        rows["end_line"].append(i // 2 + 1)
        rows["start"].append(0)
        rows["end"].append(len(raw))
        rows["text"].append(text)
        rows["section"].append("")
        rows["kind"].append("claim")
        rows["tokens"].append(toks)
        rows["stems"].append(content_stems(toks))
    return pl.DataFrame(rows, schema=frames.STATEMENTS)


def score_pairs(pairs: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """Match score and conflict verdict of every ``(a, b)`` sentence pair."""
    flat = [s for pair in pairs for s in pair]
    statements = _statements(flat)
    values = values_stage(statements)
    scorer = matching.Scorer(
        {sid: matching.canonical(stems) for sid, stems in statements.select("stmt_id", "stems").iter_rows()},
        matching.anchors(values),
        {sid: matching.clauses(text) for sid, text in statements.select("stmt_id", "text").iter_rows()},
        {sid: matching.predicate_frames(text) for sid, text in statements.select("stmt_id", "text").iter_rows()},
    )
    ids = [(f"0:{i + 1}", f"1:{i + 1}") for i in range(len(pairs))]
    # the conflict stage adds its own candidates (ordinal frames, denied harm) across all
    # sentences; only the given pairs are kept
    found = conflicts_stage(statements, values, scorer, ids)
    verdict = {(a, b): (k, c) for a, b, k, c in found.select("a", "b", "kind", "confidence").iter_rows()}
    rows = []
    for i, (a, b) in enumerate(ids):
        kind, confidence = verdict.get((a, b)) or verdict.get((b, a)) or (None, 0.0)
        rows.append({"pair": i, "score": scorer.score(a, b), "conflict_kind": kind, "conflict_confidence": confidence})
    return pl.DataFrame(rows, schema=PAIR_SCORES)
