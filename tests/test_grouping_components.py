"""Grouping splits exactly by the connected components of the strong graph (candidate pairs at
or above ``match_threshold`` that do not conflict): grouping each component on its own, with
the scorer of every claim (global IDF), gives the groups of grouping all claims at once. This
is what lets a distributed engine group component by component."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from compare.documents.ingest import ingest
from compare.incremental.reuse import NO_REUSE
from compare.pipeline import per_document
from compare.settings import Settings
from compare.statements import conflicts as conflicts_stage
from compare.statements import grouping, scoring
from compare.unionfind import UnionFind

ROOT = Path(__file__).resolve().parents[1]


def _members(*frames: pl.DataFrame) -> list[tuple[tuple[str, float], ...]]:
    """Each group's (member, score) in frame order, the groups of every frame sorted (numbering aside)."""
    out = []
    for frame in frames:
        for g in frame.partition_by("group_id", maintain_order=True):
            out.append(tuple(zip(g["stmt_id"].to_list(), g["score"].to_list(), strict=True)))
    return sorted(out)


@pytest.mark.parametrize(
    "folder", [ROOT / "seeds", ROOT / "tests" / "fixtures" / "harbor-fire"], ids=["seeds", "harbor"]
)
@pytest.mark.parametrize("threshold", [0.35, 0.5])
def test_grouping_per_strong_component_is_global_grouping(folder: Path, threshold: float) -> None:
    settings = Settings(match_threshold=threshold)
    documents, _ = ingest(folder, settings)
    per_doc = per_document(documents, settings)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    scorer = scoring.Scorer.from_features(per_doc.features)
    candidates = NO_REUSE.candidates(claims, scorer)
    conflicts = conflicts_stage.conflicts(
        claims, per_doc.values, scorer, [(a, b) for a, b, _ in candidates], per_doc.features
    )
    cannot_link = {frozenset(p) for p in conflicts.select("a", "b").iter_rows()}
    whole = grouping.group(claims, scorer, candidates, threshold, cannot_link)

    strong: UnionFind[str] = UnionFind()
    for (a, b, _), s in zip(candidates, scorer.scores([(a, b) for a, b, _ in candidates]), strict=True):
        if s >= threshold and frozenset((a, b)) not in cannot_link:
            strong.union(a, b)
    parts = []
    for component in strong.groups().values():
        inside = set(component)
        own = [c for c in candidates if c[0] in inside and c[1] in inside]
        parts.append(
            grouping.group(claims.filter(pl.col("stmt_id").is_in(component)), scorer, own, threshold, cannot_link)
        )
    assert whole.height > 0 and len(strong.groups()) > 1
    assert _members(*parts) == _members(whole)
