"""Which sources of a repeated claim copy one another, so a repost does not count twice.

Two documents of a repeated group are copies of one another for that group when they are
near duplicates (one cluster), or when a passage copied between them holds the group's
statement in each: the passage covers at least half of the statement's characters on both
sides. Copies are joined transitively; each set of copies counts as one independent source.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

import polars as pl

from ..unionfind import UnionFind

COVERED_SHARE = 0.5
"""Share of a statement's characters a copied passage must span for the statement to count
as copied (a stock phrase of eight words inside a long sentence does not make it a copy)."""

Span = tuple[int, int, int]
"""A statement's (document, start, end) offsets."""


def copy_sets(
    groups: Sequence[tuple[str, Sequence[str], Sequence[int]]],
    clusters: Sequence[Sequence[int]],
    passages: pl.DataFrame,
    spans: dict[str, Span],
) -> dict[str, list[list[int]]]:
    """For each group id (groups as ``(id, statement ids, their documents)``), the sets of
    two or more of its documents that copy one another (each sorted, sets by first
    member); groups with no copies are left out."""
    cluster_of = {d: i for i, c in enumerate(clusters) for d in c}
    links = _passage_links(groups, passages, spans)
    out: dict[str, list[list[int]]] = {}
    for gid, _, docs in groups:
        unique_docs = sorted(set(docs))
        first_in_cluster: dict[int, int] = {}
        joins = {
            (a, b) if a < b else (b, a)
            for a, b in [
                *((first_in_cluster.setdefault(cluster_of[d], d), d) for d in unique_docs if d in cluster_of),
                *links.get(gid, ()),
            ]
            if a != b
        }
        if len(joins) == 1:  # most groups with copies: two documents, joined once
            out[gid] = [list(next(iter(joins)))]
        elif joins:
            sets = UnionFind(unique_docs)
            sets.union_all(sorted(joins))
            out[gid] = sorted(sorted(m) for m in sets.groups().values() if len(m) > 1)
    return out


def _passage_links(
    groups: Sequence[tuple[str, Sequence[str], Sequence[int]]], passages: pl.DataFrame, spans: dict[str, Span]
) -> dict[str, list[tuple[int, int]]]:
    """Document pairs joined by a copied passage, per group: pairs of the group's statements
    in two documents that one passage covers on both of its sides."""
    if passages.height == 0:
        return {}
    group_of = {s: gid for gid, ids, _ in groups for s in ids}
    by_doc: dict[int, list[tuple[int, int, str]]] = {}
    for s in group_of:
        doc, start, end = spans[s]
        by_doc.setdefault(doc, []).append((end, start, s))
    ends = {d: sorted(rows) for d, rows in by_doc.items()}  # statements of a document do not overlap
    keys = {d: [r[0] for r in rows] for d, rows in ends.items()}
    links: dict[str, list[tuple[int, int]]] = {}
    docs = pl.Series(sorted(ends), dtype=passages.schema["a"]).implode()
    cols = (
        passages.lazy()
        .filter(pl.col("a").is_in(docs) & pl.col("b").is_in(docs))  # passages between two groups' documents
        .select("a", "b", "a_start", "a_end", "b_start", "b_end")
        .collect()
        .iter_rows()
    )
    for a, b, a_start, a_end, b_start, b_end in cols:
        on_b = {group_of[s]: s for s in _covered(ends[b], keys[b], b_start, b_end)}
        for s in _covered(ends[a], keys[a], a_start, a_end):
            if group_of[s] in on_b:
                links.setdefault(group_of[s], []).append((a, b))
    return links


def _covered(rows: list[tuple[int, int, str]], ends: list[int], start: int, end: int) -> list[str]:
    """The statements of ``rows`` (sorted by end) that ``[start, end)`` covers by at least
    ``COVERED_SHARE`` of their characters."""
    out = []
    for s_end, s_start, sid in rows[bisect_right(ends, start) :]:
        if s_start >= end:
            break
        if min(s_end, end) - max(s_start, start) >= COVERED_SHARE * max(s_end - s_start, 1):
            out.append(sid)
    return out
