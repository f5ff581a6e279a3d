"""How statement matching and conflict detection grow with corpus size: blocking versus all pairs.

The synthetic articles of ``corpus.py`` (about 33 claims each) are segmented once; then the
matching stage (values, IDF scorer, blocked candidates, grouping) runs on the claims of the
first 250, 500, 1,000 and 2,000 articles (2,000 with ``BENCH_LARGE=1``; 500 otherwise), and an
all-pairs comparison (every cross-document claim pair scored) runs on the first 50 and 100
articles. The conflict stage's own time on the blocked candidates is reported separately
("conflicts"), and so is the fact layer's (mentions, the facts table, the claim checks: "facts",
whose "pairs" column counts mentions). The table at the end shows seconds, candidate pairs and
peak traced memory per size: blocking grows near-linearly, all pairs quadratically.
"""

from __future__ import annotations

import itertools
import os
import time
import tracemalloc

import polars as pl
import pytest

from compare.settings import Settings
from compare.statements import candidates as candidates_stage
from compare.statements import claim_checks, fact_table, facts, features, grouping, scoring
from compare.statements.conflicts import conflicts as conflicts_stage
from compare.statements.conflicts import with_facts
from compare.statements.segment import segment
from compare.statements.values import values as values_stage
from compare.text.normalize import normalize

SIZES = [250, 500] + ([1000, 2000] if os.environ.get("BENCH_LARGE") == "1" else [])
ALL_PAIRS_SIZES = [50, 100]


@pytest.fixture(scope="module")
def claims_by_size(corpus_factory):
    """Claims of the first n articles of one synthetic corpus, for every size measured."""
    from compare.documents.ingest import ingest

    c = corpus_factory(max(SIZES))
    documents, _ = ingest(c.folder, Settings())
    statements = segment(normalize(documents))
    claims = statements.filter(pl.col("kind") == "claim")
    return {n: claims.filter(pl.col("doc_id") < n) for n in sorted(set(SIZES + ALL_PAIRS_SIZES))}


def _scorer(claims: pl.DataFrame, values: pl.DataFrame | None = None) -> scoring.Scorer:
    values = values_stage(claims) if values is None else values
    return scoring.Scorer(
        {sid: features.canonical(stems) for sid, stems in claims.select("stmt_id", "stems").iter_rows()},
        features.anchors(values),
        {sid: features.clauses(text) for sid, text in claims.select("stmt_id", "text").iter_rows()},
        {sid: features.predicate_frames(text) for sid, text in claims.select("stmt_id", "text").iter_rows()},
    )


@pytest.mark.parametrize("size", SIZES)
def test_blocked_matching_scale(claims_by_size, results, size):
    """Blocked candidates + grouping: time, candidates and peak memory for ``size`` articles."""
    claims = claims_by_size[size]
    tracemalloc.start()
    t0 = time.perf_counter()
    values = values_stage(claims)
    scorer = _scorer(claims, values)
    pairs = candidates_stage.candidates(claims, scorer)
    t1 = time.perf_counter()
    found = conflicts_stage(claims, values, scorer, [(a, b) for a, b, _ in pairs])
    t2 = time.perf_counter()
    t3 = time.perf_counter()
    mentions = facts.mentions(claims)
    found_facts = fact_table.fact_table(mentions, size)
    fact_frame, fact_found = found_facts.frame, found_facts.conflicts
    texts = dict(claims.select("stmt_id", "text").iter_rows())
    found = with_facts(found, fact_found, texts, None, found_facts.keyed, found_facts.sharing, found_facts.unreal)
    cannot_link = {frozenset(p) for p in found.select("a", "b").iter_rows()}
    cannot_link |= claim_checks.not_the_same_claim([(a, b) for a, b, _ in pairs], texts, scorer, mentions, values)
    t4 = time.perf_counter()
    groups = grouping.group(claims, scorer, pairs, Settings().match_threshold, cannot_link)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert groups.height >= 0 and len(pairs) < claims.height**2 / 20
    results[(size, "statements-blocked")] = {
        "claims": claims.height, "seconds": seconds, "pairs": len(pairs), "peak": peak,
    }  # fmt: skip
    results[(size, "statements-conflicts")] = {
        "claims": claims.height, "seconds": t2 - t1, "pairs": len(pairs), "peak": 0, "found": found.height,
    }  # fmt: skip
    results[(size, "statements-facts")] = {
        "claims": claims.height, "seconds": t4 - t3, "pairs": mentions.height, "peak": 0, "found": fact_frame.height,
    }  # fmt: skip


@pytest.mark.parametrize("size", ALL_PAIRS_SIZES)
def test_all_pairs_matching_scale(claims_by_size, results, size):
    """Every cross-document claim pair scored: the quadratic reference."""
    claims = claims_by_size[size]
    t0 = time.perf_counter()
    scorer = _scorer(claims)
    doc_of = dict(claims.select("stmt_id", "doc_id").iter_rows())
    n = 0
    for a, b in itertools.combinations(claims["stmt_id"].to_list(), 2):
        if doc_of[a] != doc_of[b]:
            scorer.score(a, b)
            n += 1
    seconds = time.perf_counter() - t0
    results[(size, "statements-all-pairs")] = {"claims": claims.height, "seconds": seconds, "pairs": n, "peak": 0}
