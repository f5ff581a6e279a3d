"""Stage 6, matching: repeated claims (two or more sources) and unique claims (one source)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from compare import frames, pipeline
from compare.statements import candidates as candidates_stage
from compare.statements import embeddings, features, grouping, scoring
from compare.text.words import content_stems, stem, words

GOLD = json.loads((Path(__file__).parent / "fixtures" / "harbor-fire" / "gold.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("a", "b"),
    [("owned", "belonged"), ("closed", "shut"), ("noon", "midday"), ("blaze", "fire"), ("praised", "thanked")],
)
def test_canonical_maps_synonyms_to_one_stem(a, b):
    assert features.canonical([stem(a)]) == features.canonical([stem(b)])


def test_canonical_keeps_other_words_apart():
    assert features.canonical([stem("warehouse")]) != features.canonical([stem("harbor")])
    assert features.canonical([stem("calder"), stem("logistics")]) == frozenset({"calder", stem("logistics")})


def test_score_is_symmetric_and_bounded():
    scorer = scoring.Scorer(
        {
            "0:1": frozenset({"warehous", "calder", "logist", "own"}),
            "1:1": frozenset({"warehous", "calder", "logist", "own", "insur"}),
            "2:1": frozenset({"librari", "open"}),
        }
    )
    assert scorer.score("0:1", "1:1") == scorer.score("1:1", "0:1")
    assert 0.5 < scorer.score("0:1", "1:1") <= 1.0
    assert scorer.score("0:1", "2:1") == 0.0


def test_exact_gold_repeats_share_one_group(gold, find_stmt, harbor_groups):
    """Gold groups whose sources use the very same words end up in one repeated group."""
    exact = [item for item in gold["repeated"] if len({s.casefold() for s in item.values()}) == 1]
    assert len(exact) >= 4
    for item in exact:
        ids = [find_stmt(f, s) for f, s in item.items()]
        groups = {harbor_groups.get(sid) for sid in ids}
        assert len(groups) == 1 and None not in groups, (item, groups)


GOLD_PAIRS = [
    (g, i, j) for g, item in enumerate(GOLD["repeated"]) for i in range(len(item)) for j in range(i + 1, len(item))
]


@pytest.mark.parametrize(("group", "i", "j"), GOLD_PAIRS)
def test_gold_repeated_pairs_share_a_group(gold, find_stmt, harbor_groups, group, i, j):
    """Every pair of a gold group, paraphrases included (owned ~ belonged, noon ~ midday)."""
    item = list(gold["repeated"][group].items())
    a, b = find_stmt(*item[i]), find_stmt(*item[j])
    assert harbor_groups.get(a) is not None, item[i]
    assert harbor_groups.get(a) == harbor_groups.get(b), (item[i], item[j])


def test_gold_unique_statements_are_unique(gold, find_stmt, harbor_findings):
    unique = set(harbor_findings.unique)
    for file_name, substring in gold["unique"]:
        assert find_stmt(file_name, substring) in unique, substring


def test_groups_and_unique_partition_the_claims(harbor_findings):
    """Every claim is either in exactly one repeated group or unique; groups span two documents."""
    st = harbor_findings.statements
    claims = set(st.filter(pl.col("kind") == "claim")["stmt_id"].to_list())
    grouped = harbor_findings.groups["stmt_id"].to_list()
    assert len(grouped) == len(set(grouped))
    assert set(grouped) | set(harbor_findings.unique) == claims
    assert not set(grouped) & set(harbor_findings.unique)
    assert harbor_findings.groups.schema == pl.Schema(frames.GROUPS)
    for g in harbor_findings.repeated:
        assert len(g["docs"]) >= 2
        assert g["representative"] in g["statements"]
        assert g["scores"][g["representative"]] == 1.0
        assert 1 <= g["independent_docs"] <= len(g["docs"])


def test_copies_are_not_independent_sources(harbor_findings, harbor_doc_ids):
    """A group spanning a_wire and its repost d_repost counts them as one independent source
    (b_daily, which copies some of the wire's sentences word for word, may join them)."""
    copies = {harbor_doc_ids["a_wire.txt"], harbor_doc_ids["d_repost.txt"]}
    spanning = [g for g in harbor_findings.repeated if copies <= set(g["docs"])]
    assert spanning
    for g in spanning:
        assert any(copies <= set(c) for c in g["copies"]), g
        assert g["independent_docs"] == len(g["docs"]) - sum(len(c) - 1 for c in g["copies"])
        assert g["independent_docs"] <= len(g["docs"]) - 1


def _claims(ids: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"stmt_id": ids, "doc_id": [int(s.split(":")[0]) for s in ids]})


A = frozenset({"harbor", "warehous", "fire", "tuesday"})
C = frozenset({"mayor", "osei", "review", "inspect"})
B = A | C


def test_group_does_not_chain_through_a_bridge():
    """A~B and B~C score high but A and C have nothing in common: A and C are not grouped."""
    sets = {"0:1": A, "1:1": B, "2:1": C}
    scorer = scoring.Scorer(sets)
    assert scorer.score("0:1", "1:1") >= 0.5
    assert scorer.score("1:1", "2:1") >= 0.5
    assert scorer.score("0:1", "2:1") < grouping.link_floor(0.5)
    pairs = [("0:1", "1:1", 4), ("1:1", "2:1", 4), ("0:1", "2:1", 0)]
    groups = grouping.group(_claims(list(sets)), scorer, pairs, 0.5, set())
    by_group: dict[str, set[str]] = {}
    for gid, sid in groups.select("group_id", "stmt_id").iter_rows():
        by_group.setdefault(gid, set()).add(sid)
    assert len(by_group) == 1
    members = next(iter(by_group.values()))
    assert len(members) == 2 and "1:1" in members
    assert not {"0:1", "2:1"} <= members


def test_group_merges_three_sources_that_all_agree():
    """Control: when A, B and C all match each other they form one group of three."""
    sets = {"0:1": A, "1:1": A | {"night"}, "2:1": A | {"dock"}}
    scorer = scoring.Scorer(sets)
    pairs = [("0:1", "1:1", 4), ("0:1", "2:1", 4), ("1:1", "2:1", 4)]
    groups = grouping.group(_claims(list(sets)), scorer, pairs, 0.5, set())
    assert groups["group_id"].n_unique() == 1
    assert sorted(groups["stmt_id"].to_list()) == ["0:1", "1:1", "2:1"]


def test_a_representative_is_closest_to_the_others_and_a_pair_keeps_its_first() -> None:
    """The representative has the largest sum of scores to the other members; in a group of
    two both sums are the pair's one score, so the first in statement order (the claims' order)
    leads, whatever the order of the candidate pairs; every other member carries its score to
    the representative."""
    pair = {"1:5": A | {"dock"}, "3:2": A | {"night"}}
    for pairs in ([("3:2", "1:5", 4)], [("1:5", "3:2", 4)]):
        scorer = scoring.Scorer(pair)
        rows = grouping.group(_claims(list(pair)), scorer, pairs, 0.5, set()).rows()
        assert rows == [("R1", "1:5", 1, 1.0), ("R1", "3:2", 3, round(scorer.score("1:5", "3:2"), 4))]
    # three: the member sharing the most with both others leads, though it comes last
    sets = {"0:1": A | {"night"}, "1:1": A | {"dock", "crane"}, "2:1": A | {"night", "dock"}}
    scorer = scoring.Scorer(sets)
    pairs = [("0:1", "1:1", 4), ("0:1", "2:1", 4), ("1:1", "2:1", 4)]
    rows = grouping.group(_claims(list(sets)), scorer, pairs, 0.5, set()).rows()
    sums = {s: sum(scorer.score(s, t) for t in sets if t != s) for s in sets}
    assert rows[0][1] == max(sets, key=sums.__getitem__) == "2:1"
    assert [r[3] for r in rows[1:]] == [round(scorer.score("2:1", r[1]), 4) for r in rows[1:]]


def test_group_respects_cannot_link():
    """A conflicting pair is never grouped, however similar its wording."""
    sets = {"0:1": A, "1:1": A}
    scorer = scoring.Scorer(sets)
    pairs = [("0:1", "1:1", 4)]
    assert grouping.group(_claims(list(sets)), scorer, pairs, 0.5, set()).height == 2
    assert grouping.group(_claims(list(sets)), scorer, pairs, 0.5, {frozenset(("0:1", "1:1"))}).height == 0


def test_candidates_are_cross_document_pairs(harbor_findings):
    """Candidate pairs never pair a document with itself and come in statement order."""
    claims = harbor_findings.statements.filter(pl.col("kind") == "claim")
    texts = claims.select("stmt_id", "text").iter_rows()
    scorer = scoring.Scorer({sid: features.canonical(content_stems(words(text))) for sid, text in texts})
    found = candidates_stage.candidates(claims, scorer)
    assert found
    for a, b, shared in found:
        assert a.split(":")[0] != b.split(":")[0]
        assert shared >= candidates_stage.MIN_SHARED


def _unit(*rows: list[float]) -> np.ndarray:
    """Unit-length float32 rows, like the semantic extra's embeddings."""
    vecs = np.array(rows, dtype=np.float32)
    return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)


def test_semantic_candidates_pair_close_vectors_of_other_documents():
    """Claims of different documents whose vectors are close become candidates, in
    statement order; a close pair inside one document and a distant pair do not."""
    ids = ["0:1", "0:2", "1:1", "2:1"]
    vectors = _unit([1, 0, 0], [0.95, 0.3, 0], [0.9, 0.1, 0], [0, 0, 1])
    found = candidates_stage.semantic_candidates(_claims(ids), vectors, 0.8)
    assert found == [("0:1", "1:1", 0), ("0:2", "1:1", 0)]
    assert candidates_stage.semantic_candidates(_claims(ids), vectors, 0.999) == []


def test_semantic_candidates_blocks_give_the_all_pairs_answer(monkeypatch):
    """Block boundaries change nothing: the same pairs with blocks of two rows as with one block."""
    rng = np.random.default_rng(7)
    ids = [f"{d}:{i}" for d in range(4) for i in range(1, 6)]
    vectors = _unit(*rng.normal(size=(len(ids), 8)).tolist())
    whole = candidates_stage.semantic_candidates(_claims(ids), vectors, 0.3)
    monkeypatch.setattr(candidates_stage, "SEMANTIC_BLOCK", 2)
    assert candidates_stage.semantic_candidates(_claims(ids), vectors, 0.3) == whole
    assert whole


def test_embeddings_raise_a_paraphrase_and_never_lower_a_score():
    """With embeddings a pair scores the higher of its lexical and semantic scores: two claims
    in other words with near-identical vectors reach the match threshold, and a pair of
    orthogonal vectors keeps its lexical score."""
    sets = {"0:1": A, "1:1": C, "2:1": A | {"night"}}
    scorer = scoring.Scorer(sets)
    lexical = {p: scorer.score(*p) for p in (("0:1", "1:1"), ("0:1", "2:1"))}
    assert lexical[("0:1", "1:1")] == 0.0
    scorer.use_embeddings(["0:1", "1:1", "2:1"], _unit([1, 0, 0], [0.99, 0.05, 0], [0, 0, 1]))
    assert scorer.score("0:1", "1:1") >= 0.5
    cosine = float(0.99 / np.hypot(0.99, 0.05))
    assert scorer.score("0:1", "1:1") == pytest.approx(embeddings.semantic_score(cosine, 0.0))
    assert scorer.score("0:1", "2:1") == lexical[("0:1", "2:1")]


def test_semantic_score_follows_the_fitted_cut():
    """The fitted decision cut of the combined score lands on the default match threshold."""
    from compare.statements.embeddings import COMBINED_THRESHOLD, LEXICAL_WEIGHT

    cosine = (COMBINED_THRESHOLD - LEXICAL_WEIGHT * 0.2) / (1 - LEXICAL_WEIGHT)
    assert embeddings.semantic_score(cosine, 0.2) == pytest.approx(0.5)
    assert embeddings.semantic_score(cosine - 0.05, 0.2) < 0.5 < embeddings.semantic_score(cosine + 0.05, 0.2)
    assert 0.0 <= embeddings.semantic_score(-1.0, 0.0) <= embeddings.semantic_score(1.0, 1.0) <= 1.0


def test_claims_of_common_words_are_proposed_by_the_sentence_lsh(monkeypatch):
    """Two claims made only of stems too common to block on ("a man is playing a guitar" in a
    corpus full of men playing) still become a candidate through the sentence LSH, and a
    pair that shares one common word only does not."""
    filler = {
        f"{d}:{i}": frozenset({"man", "play", "guitar", f"other{i}", f"more{d}{i}"})
        for d in range(2, 4)
        for i in range(40)
    }
    sets = {"0:1": frozenset({"man", "play", "guitar"}), "1:1": frozenset({"man", "play", "guitar"}), **filler}
    sets["1:2"] = frozenset({"man", "walk", "dog", "park"})
    scorer = scoring.Scorer(sets)
    claims = _claims(sorted(sets, key=lambda s: tuple(map(int, s.split(":")))))
    cap = min(candidates_stage.MAX_POSTINGS, max(30, int(0.05 * claims.height)))
    assert sum("man" in s for s in sets.values()) > cap  # "man", "play", "guitar" do not block
    pairs = {(a, b) for a, b, _ in candidates_stage.candidates(claims, scorer)}
    assert ("0:1", "1:1") in pairs
    assert ("0:1", "1:2") not in pairs
    monkeypatch.setattr(candidates_stage, "_alike", lambda sets, doc, sigs=None, rows=None: [])
    assert ("0:1", "1:1") not in {(a, b) for a, b, _ in candidates_stage.candidates(claims, scorer)}


def test_sentence_pairs_hold_alike_sets_only():
    """Identical stem sets share every band and are proposed once; disjoint sets, and alike
    sets of one document, are not."""
    fire, review = frozenset({"harbor", "fire", "tuesday"}), frozenset({"mayor", "review", "inspect"})
    a, b = candidates_stage.sentence_pairs([fire, review, fire, fire], np.array([0, 1, 2, 2]))
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 2), (0, 3)]


def _reference_score(scorer: scoring.Scorer, x: str, y: str) -> float:
    """The score as the module docstring states it, step by step, from ``sets_score``."""
    base = scorer.sets_score(scorer.sets[x], scorer.sets[y])
    if base <= 0:
        return 0.0
    for cx in scorer.clauses.get(x, ()):
        for cy in scorer.clauses.get(y, ()):
            if len(cx & cy) >= scoring.MIN_CLAUSE_SHARED:
                base = max(base, scoring.CLAUSE_WEIGHT * scorer.sets_score(cx, cy))
    if scoring._same_frame(scorer.frames.get(x, frozenset()), scorer.frames.get(y, frozenset())):
        base = max(base, scoring.FRAME_SCORE)
    shared = len(scorer.anchors.get(x, frozenset()) & scorer.anchors.get(y, frozenset()))
    return min(1.0, base + scoring.ANCHOR_BONUS * min(shared, 2))


def test_scores_in_one_pass_are_the_reference_scores():
    """``Scorer.scores`` (the edges of ``group``) and ``score`` give the very floats of the
    step-by-step score, clauses, frames and anchors included, whether a clause lies within
    its statement's set or not (the clause loop is skipped only when it cannot matter)."""
    sets = {"0:1": B, "1:1": A | {"night"}, "2:1": C | {"dock"}, "3:1": frozenset({"harbor", "osei"})}
    sets["4:1"] = frozenset({"harbor", "mayor"})
    clauses = {"0:1": [A, C], "1:1": [A], "2:1": [C | {"crane"}], "4:1": [frozenset({"mayor", "osei", "review"})]}
    frames = {"0:1": frozenset({("praise", "osei", "")}), "2:1": frozenset({("praise", "osei", "mayor")})}
    anchors = {"0:1": frozenset({"day=3"}), "1:1": frozenset({"day=3"})}
    pairs = [(a, b) for a in sets for b in sets if a != b]
    reference = scoring.Scorer(sets, anchors, clauses, frames)
    expected = [_reference_score(reference, a, b) for a, b in pairs]
    assert scoring.Scorer(sets, anchors, clauses, frames).scores(pairs) == expected
    one_by_one = scoring.Scorer(sets, anchors, clauses, frames)
    assert [one_by_one.score(a, b) for a, b in pairs] == expected
    assert expected[pairs.index(("0:1", "2:1"))] >= scoring.FRAME_SCORE
    assert expected[pairs.index(("2:1", "4:1"))] >= scoring.CLAUSE_WEIGHT * 0.5  # a clause outside its set


def test_scorer_from_features_reads_what_it_would_compute(tmp_path):
    """The features frame carries each claim's clauses-within flag and the stems' claim counts
    come from it in one pass: the same as the scorer computes from its sets."""
    from pathlib import Path

    from compare.documents.ingest import ingest
    from compare.settings import Settings

    folder = Path(__file__).parent / "fixtures" / "harbor-fire"
    documents, _ = ingest(folder, Settings())
    per_doc = pipeline.per_document(documents, Settings())
    read = scoring.Scorer.from_features(per_doc.features)
    computed = scoring.Scorer(read.sets, read.anchors, read.clauses, read.frames)
    assert read.clauses_within == computed.clauses_within and read.clauses_within
    assert read.df == computed.df and len(read.df) > 100


def test_scorer_builds_a_claims_sets_when_read_and_its_corpus_views_equal_the_sets(tmp_path):
    """A scorer made from the features frame builds a claim's stem set, clauses and frames when
    first read (a rerun reads few of them), reads as a plain dict of every claim when iterated,
    and its corpus-wide views (stem lists, claim sizes, the most of a weight per claim) equal
    what the sets give."""
    from compare.documents.ingest import ingest
    from compare.settings import Settings

    folder = Path(__file__).parent / "fixtures" / "harbor-fire"
    documents, _ = ingest(folder, Settings())
    per_doc = pipeline.per_document(documents, Settings())
    lazy = scoring.Scorer.from_features(per_doc.features)
    ids = per_doc.features.get_column("stmt_id").to_list()
    assert lazy.ids == ids and dict.__len__(lazy.sets) == 0  # nothing built yet
    first = lazy.sets[ids[3]]
    assert dict.__len__(lazy.sets) == 1 and first == features.canonical(first)
    with_clauses = [sid for sid in ids if sid in lazy.clauses]
    without = [sid for sid in ids if sid not in lazy.clauses]
    assert with_clauses and without and lazy.clauses.get(without[0]) is None
    assert all(isinstance(c, frozenset) for c in lazy.clauses.get(with_clauses[0]))
    plain = {sid: lazy.sets[sid] for sid in ids}
    assert len(lazy.sets) == len(ids) and dict(lazy.sets.items()) == plain and list(lazy.sets) == ids
    assert lazy.sizes.tolist() == [len(plain[sid]) for sid in ids]
    stems = sorted({s for stems in plain.values() for s in stems})
    wanted = stems[::7] + ["no-such-stem"]
    expected = {s: [i for i, sid in enumerate(ids) if s in plain[sid]] for s in wanted}
    assert lazy.postings(wanted) == {s: rows for s, rows in expected.items() if rows}
    weights = {s: float(k % 5) + 0.5 for k, s in enumerate(stems[::3])}
    most = [max((weights[s] for s in plain[sid] if s in weights), default=0.25) for sid in ids]
    assert lazy.most_per_claim(weights, 0.25).tolist() == most
    computed = scoring.Scorer(plain, lazy.anchors, dict(lazy.clauses.items()), dict(lazy.frames.items()))
    pairs = [(ids[i], ids[j]) for i in range(0, len(ids), 5) for j in range(1, len(ids), 9) if i != j]
    assert lazy.scores(pairs) == computed.scores(pairs)
    assert computed.postings(wanted) == lazy.postings(wanted)  # the sets' own path agrees
    together = scoring.Scorer.from_features(per_doc.features)  # rows read in one gather
    assert together.scores(pairs) == computed.scores(pairs)
    assert dict.__len__(together.sets) >= scoring.BUILD_TOGETHER
    for name in ("sets", "clauses", "frames"):
        built = getattr(together, name)
        assert all(dict.__getitem__(built, sid) == getattr(computed, name)[sid] for sid in dict.keys(built)), name


def test_shared_counts_equal_a_plain_count(monkeypatch):
    """The pair counting of posting lists (enumerated a slice of lists at a time, runs of two or
    more found by search) gives what counting every pair of every list in a dict gives."""
    import random
    from collections import Counter

    rng = random.Random(7)
    n = 300
    doc = np.array([i // 7 for i in range(n)])
    sources = []
    for weight in (1, 2):
        lists = [sorted(rng.sample(range(n), rng.randint(1, 40))) for _ in range(120)]
        sources.append((lists, weight))
    expected: Counter[tuple[int, int]] = Counter()
    for lists, weight in sources:
        for ids in lists:
            for k, x in enumerate(ids):
                for y in ids[k + 1 :]:
                    if doc[x] != doc[y]:
                        expected[(x, y)] += weight
    want = sorted((x, y, c) for (x, y), c in expected.items() if c >= candidates_stage.MIN_SHARED)
    monkeypatch.setattr(candidates_stage, "PAIRS_AT_ONCE", 50)  # many slices
    a, b, shared = candidates_stage._shared_counts(sources, doc)
    assert list(zip(a.tolist(), b.tolist(), shared.tolist(), strict=True)) == want


def test_band_buckets_of_a_subset_equal_those_of_its_rows():
    """Bucketing rows ``subset`` of a signature matrix (only the band's columns copied) is
    bucketing the gathered rows."""
    from compare.documents import similarity

    rng = np.random.default_rng(3)
    sigs = rng.integers(0, 4, size=(200, 12), dtype=np.uint32)
    subset = np.sort(rng.choice(200, size=90, replace=False))
    for band in range(3):
        got = similarity.band_buckets(sigs, band, 4, subset)
        want = similarity.band_buckets(sigs[subset], band, 4)
        assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))


def test_extra_pairs_go_where_a_stable_merge_puts_them():
    """The pairs added to the candidates (same-fact, semantic) land where a stable merge by
    statement order puts them: after candidates at their place, in order among themselves,
    each in statement order, and none already a candidate (either way round) added."""
    import heapq
    import random

    rng = random.Random(7)
    ids = [f"{d}:{n}" for d in range(6) for n in range(5)]
    claims = pl.DataFrame({"stmt_id": ids})
    order = {sid: i for i, sid in enumerate(ids)}

    def position(pair):
        return order[pair[0]], order[pair[1]]

    for _ in range(200):
        pairs = {tuple(sorted(rng.sample(ids, 2), key=order.get)) for _ in range(rng.randrange(0, 25))}
        candidates = sorted(((a, b, 1) for a, b in pairs), key=position)
        extra = [(*rng.sample(ids, 2), 0) for _ in range(rng.randrange(0, 8))]
        extra += [(b, a, 0) for a, b, _ in rng.sample(candidates, min(2, len(candidates)))]  # known, reversed
        known = {(a, b) for a, b, _ in candidates}
        kept = [p for p in extra if (p[0], p[1]) not in known and (p[1], p[0]) not in known]
        ordered = sorted(((a, b, n) if order[a] < order[b] else (b, a, n) for a, b, n in kept), key=position)
        assert pipeline._with_pairs(claims, candidates, extra) == list(
            heapq.merge(candidates, ordered, key=position)
        )


def test_the_scorer_shares_its_list_of_claim_ids_with_a_stage_reading_the_same_column():
    """A stage reading the claims' id column gets the scorer's own list when the column holds
    its claims in its order (the stages' id comparisons are then immediate) and a list of the
    column's ids otherwise; the positions are the same either way."""
    from compare.documents.ingest import ingest
    from compare.settings import Settings

    folder = Path(__file__).parent / "fixtures" / "harbor-fire"
    documents, _ = ingest(folder, Settings())
    per_doc = pipeline.per_document(documents, Settings())
    scorer = scoring.Scorer.from_features(per_doc.features)
    claims = per_doc.statements.filter(pl.col("kind") == "claim")
    ids = scorer.claim_ids(claims.get_column("stmt_id"))
    assert ids is scorer.ids and scorer.position_of(ids) == {sid: i for i, sid in enumerate(ids)}
    other = scorer.claim_ids(claims.get_column("stmt_id").reverse())
    assert other is not scorer.ids and other == ids[::-1]
    assert scorer.position_of(other) == {sid: i for i, sid in enumerate(other)}
    plain = scoring.Scorer(scorer.sets, scorer.anchors, scorer.clauses, scorer.frames)
    assert plain.claim_ids(claims.get_column("stmt_id")) == ids
