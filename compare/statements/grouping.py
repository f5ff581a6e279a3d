"""Grouping: claims that say the same thing, merged into repeated groups without chaining.

Pairs at or above ``match_threshold`` are merged strongest first, and two groups merge only
if every cross-document pair in them still scores at least ``link_floor`` and no two members
conflict: no snowballing through weak links. A sentence making two claims may also join the
group of its second claim.
"""

from __future__ import annotations

import math
from collections import defaultdict

import polars as pl

from .. import frames
from .._runtime import gc_paused
from .scoring import Scorer

LINK_SHARE = 0.9
"""Any two members of a group (from different documents) score at least this share of the match
threshold: a group never holds two claims that would not nearly match on their own ("killed four
at the museum" and "the museum shooting, a lone-wolf attack", each close to a third)."""


def link_floor(threshold: float) -> float:
    """Lowest score two members of one group may have, for a match threshold."""
    return LINK_SHARE * threshold


def _blocked(cannot_link: set[frozenset[str]]) -> set[tuple[str, str]]:
    """The pairs of ``cannot_link`` as tuples, both ways round: ``(x, y) in blocked`` is
    ``frozenset((x, y)) in cannot_link`` without building a frozenset for every pair looked up."""
    return {(x, y) for pair in cannot_link if len(pair) <= 2 for x in pair for y in pair if x != y or len(pair) == 1}


def _add_second_claims(
    groups: list[list[str]],
    strong_pairs: list[tuple[str, str]],
    threshold: float,
    scorer: Scorer,
    doc_of: dict[str, int],
    order: dict[str, int],
    blocked: set[tuple[str, str]],
) -> None:
    """A sentence that makes two claims ("often praised Putin, and he expressed a desire to
    improve relations") joins, besides its own group, a group of another claim it makes,
    when that group has no statement of its document yet and every member still matches.

    ``strong_pairs`` are the candidate pairs scoring at least ``threshold``, ``blocked``
    the conflicting pairs (:func:`_blocked`)."""
    strong: dict[str, set[str]] = defaultdict(set)
    for a, b in strong_pairs:
        strong[a].add(b)
        strong[b].add(a)
    score, clauses_of = scorer.score, scorer.clauses
    floor = link_floor(threshold)
    for g in groups:
        docs = {doc_of[s] for s in g}
        near = sorted({x for s in g for x in strong[s]} - set(g), key=order.__getitem__)
        for x in near:
            if doc_of[x] in docs or len(clauses_of.get(x, ())) < 2:
                continue
            if all((x, y) not in blocked and score(x, y) >= floor for y in g):
                g.append(x)
                docs.add(doc_of[x])
        g.sort(key=order.__getitem__)


@gc_paused()
def group(
    claims: pl.DataFrame,
    scorer: Scorer,
    pairs: list[tuple[str, str, int]],
    threshold: float,
    cannot_link: set[frozenset[str]],
) -> pl.DataFrame:
    """Merge matching claims into groups; returns the groups frame (see
    :data:`compare.frames.GROUPS`) holding only groups that span two or more documents.
    ``pairs`` are the candidate pairs that may link (a rerun leaves out those it knows to
    score under ``threshold``: they are never linked, and not scored); their order does not
    matter.

    Singletons get no members list (a claim with no group is its own root), and the edges
    are sorted as plain tuples, strongest first, then in statement order. The cyclic garbage
    collector is paused meanwhile: the edges, the cached scores and the groups are tens of
    thousands of tuples and lists that all stay alive until the end."""
    ids = scorer.claim_ids(claims.get_column("stmt_id"))
    order = scorer.position_of(ids)  # each claim's position: the order ties are broken in
    doc_of = dict(zip(ids, claims.get_column("doc_id").to_list(), strict=True))
    blocked = _blocked(cannot_link)
    score, floor = scorer.score, link_floor(threshold)
    linkable = [(a, b) for a, b, _ in pairs if (a, b) not in blocked]
    # (-score, order of a, order of b, a, b): sorted by (-score, a, b) with no key function
    edges = sorted(
        [(-s, order[a], order[b], a, b) for s, (a, b) in zip(scorer.scores(linkable), linkable, strict=True)]
    )
    strong_pairs = []
    members: dict[str, list[str]] = {}  # by root, groups of two or more
    root: dict[str, str] = {}  # claims in no group are their own root
    for negative, _, _, a, b in edges:
        if -negative < threshold:
            break
        strong_pairs.append((a, b))
        ra, rb = root.get(a, a), root.get(b, b)
        if ra == rb:
            continue
        ga, gb = members.get(ra) or [ra], members.get(rb) or [rb]
        ok = all((x, y) not in blocked and (doc_of[x] == doc_of[y] or score(x, y) >= floor) for x in ga for y in gb)
        if not ok:
            continue
        (keep, kept), (drop, dropped) = ((ra, ga), (rb, gb)) if order[ra] < order[rb] else ((rb, gb), (ra, ga))
        members[keep] = sorted(kept + dropped, key=order.__getitem__)
        for sid in dropped:
            root[sid] = keep
        members.pop(drop, None)
    # in order of their roots (their first members), as a members dict over every claim would hold them
    groups = [g for g in sorted(members.values(), key=lambda g: order[g[0]]) if len({doc_of[s] for s in g}) >= 2]
    _add_second_claims(groups, strong_pairs, threshold, scorer, doc_of, order, blocked)
    groups.sort(key=lambda g: (-len({doc_of[s] for s in g}), order[g[0]]))
    return _groups_frame(groups, scorer, doc_of, order)


def _groups_frame(
    groups: list[list[str]], scorer: Scorer, doc_of: dict[str, int], order: dict[str, int]
) -> pl.DataFrame:
    """The groups frame (:data:`compare.frames.GROUPS`) of ``groups``, in their order: each
    group's representative first (the member closest to all others; exact ties, equal sums
    correctly rounded, go to the first in statement order), with every member's score to it."""
    score = scorer.score
    rows: dict[str, list] = {name: [] for name in frames.GROUPS}
    for n, g in enumerate(groups, start=1):
        if len(g) == 2:  # each member's sum is the one score of the pair: a tie, the first in order
            rep = min(g, key=order.__getitem__)
        else:
            rep = max(g, key=lambda s: (math.fsum(score(s, t) for t in g if t != s), -order[s]))
        for sid in [rep] + [s for s in g if s != rep]:
            rows["group_id"].append(f"R{n}")
            rows["stmt_id"].append(sid)
            rows["doc_id"].append(doc_of[sid])
            rows["score"].append(1.0 if sid == rep else round(score(rep, sid), 4))
    return pl.DataFrame(rows, schema=frames.GROUPS)
