"""Which documents of a repeated group copy one another (:func:`compare.findings.copies.copy_sets`)."""

from __future__ import annotations

import random

import polars as pl

from compare import frames
from compare.findings.copies import COVERED_SHARE, copy_sets


def _passage(a: int, b: int, a_span: tuple[int, int], b_span: tuple[int, int]) -> dict[str, object]:
    return {
        "a": a, "b": b, "a_start": a_span[0], "a_end": a_span[1], "b_start": b_span[0], "b_end": b_span[1],
        "a_first_line": 1, "a_last_line": 1, "b_first_line": 1, "b_last_line": 1, "words": 8, "text": "",
    }  # fmt: skip


def _reference(groups, clusters, passages, spans) -> dict[str, list[list[int]]]:
    """The copy sets by definition, written plainly: documents of a group are joined when one
    cluster holds both, or when one passage covers at least half of a statement of the group
    on each of its sides; the sets are the connected components of two documents or more."""
    cluster_of = {d: i for i, c in enumerate(clusters) for d in c}

    def covers(start: int, end: int, span: tuple[int, int, int]) -> bool:
        _, s_start, s_end = span
        return min(s_end, end) - max(s_start, start) >= COVERED_SHARE * max(s_end - s_start, 1)

    out = {}
    for gid, ids, docs in groups:
        edges = {(x, y) for x in docs for y in docs if x != y and cluster_of.get(x, -1) == cluster_of.get(y, -2)}
        for p in passages.iter_rows(named=True):
            on_a = [s for s in ids if spans[s][0] == p["a"] and covers(p["a_start"], p["a_end"], spans[s])]
            on_b = [s for s in ids if spans[s][0] == p["b"] and covers(p["b_start"], p["b_end"], spans[s])]
            if on_a and on_b:
                edges |= {(p["a"], p["b"]), (p["b"], p["a"])}
        component: dict[int, set[int]] = {d: {d} for d in docs}
        for x, y in sorted(edges):
            if component[x] is not component[y]:
                merged = component[x] | component[y]
                for d in merged:
                    component[d] = merged
        sets = sorted({tuple(sorted(c)) for c in component.values() if len(c) > 1})
        if sets:
            out[gid] = [list(s) for s in sets]
    return out


def test_copy_sets_are_the_components_of_clusters_and_covering_passages() -> None:
    """On random groups of two to five documents, clusters and passages (many covering a
    statement of a group on both sides, some covering too little of it, some joining two
    documents a cluster joins already), the sets equal those made by definition."""
    rng = random.Random(11)
    checked = 0
    for _ in range(300):
        n_docs = rng.randint(2, 8)
        clusters = [sorted(rng.sample(range(n_docs), rng.randint(2, min(3, n_docs)))) for _ in range(rng.randint(0, 2))]
        seen: set[int] = set()
        clusters = [c for c in clusters if not seen & set(c) and not seen.update(c)]  # disjoint
        spans, groups = {}, []
        for g in range(rng.randint(1, 4)):
            docs = rng.sample(range(n_docs), rng.randint(2, min(5, n_docs)))
            ids = []
            for d in docs:
                sid = f"{d}:{g + 1}"
                start = 100 * g + rng.randint(0, 20)
                spans[sid] = (d, start, start + rng.randint(10, 60))
                ids.append(sid)
            groups.append((f"R{g + 1}", ids, docs))
        rows = []
        for _ in range(rng.randint(0, 6)):
            gid, ids, docs = rng.choice(groups)
            a, b = sorted(rng.sample(docs, 2))
            sa, sb = (spans[f"{d}:{gid[1:]}"] for d in (a, b))
            shrink = rng.choice([0, 0, 0.7])  # some passages cover less than half of a statement
            rows.append(_passage(a, b, (sa[1], sa[2] - int(shrink * (sa[2] - sa[1]))), (sb[1], sb[2])))
        passages = pl.DataFrame(rows, schema=frames.PASSAGES) if rows else frames.empty(frames.PASSAGES)
        want = _reference(groups, clusters, passages, spans)
        assert copy_sets(groups, clusters, passages, spans) == want, (groups, clusters, rows)
        checked += bool(want)
    assert checked > 100  # most cases have copies to compare


def test_one_join_of_two_documents_is_one_set_and_chains_join_transitively() -> None:
    """Two documents joined by a cluster and by a passage are one set; a passage from a third
    document to one of them joins it to both; a document joined to none stays out."""
    spans = {"0:1": (0, 0, 40), "1:1": (1, 0, 40), "2:1": (2, 0, 40), "3:1": (3, 0, 40)}
    groups = [("R1", ["0:1", "1:1", "2:1", "3:1"], [0, 1, 2, 3])]
    one = pl.DataFrame([_passage(0, 1, (0, 40), (0, 40))], schema=frames.PASSAGES)
    assert copy_sets(groups, [[0, 1]], one, spans) == {"R1": [[0, 1]]}
    chained = pl.DataFrame([_passage(0, 1, (0, 40), (0, 40)), _passage(1, 2, (0, 40), (5, 40))], schema=frames.PASSAGES)
    assert copy_sets(groups, [], chained, spans) == {"R1": [[0, 1, 2]]}
    assert copy_sets(groups, [[2, 3]], one, spans) == {"R1": [[0, 1], [2, 3]]}
    assert copy_sets(groups, [], frames.empty(frames.PASSAGES), spans) == {}
