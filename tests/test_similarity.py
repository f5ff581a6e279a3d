"""Stage 4, similarity: shingles, MinHash identical to datasketch, LSH, exact verification."""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest
from datasketch import MinHash

from compare import frames
from compare import similarity as sim
from compare.normalize import normalize
from compare.settings import Settings

WORDS = "the quick brown fox jumps over the lazy dog while the harbor burns and crews arrive late".split()


def datasketch_signature(tokens: list[str], n: int, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The reference: datasketch MinHash over the same shingle strings and the same hash function."""
    if len(tokens) < n:
        grams = [" ".join(tokens)]
    else:
        grams = [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    m = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=lambda b: sim.shingle_hash(b))
    m.update_batch([g.encode() for g in grams])
    return m.hashvalues


@pytest.mark.parametrize(
    ("tokens", "n", "num_perm", "seed"),
    [
        (WORDS, 3, 128, 1),
        (WORDS, 1, 128, 1),
        (WORDS, 5, 64, 7),
        (["only", "two"], 3, 128, 1),
        ([f"w{i}" for i in range(5000)], 3, 256, 42),
    ],
    ids=["default", "unigrams", "other-seed", "short-doc", "long-doc"],
)
def test_signature_equals_datasketch(tokens, n, num_perm, seed):
    """Our numpy signature is bit-identical to datasketch.MinHash(scheme="affine32").update_batch."""
    ours = sim.signature(sim.shingles(tokens, n), sim.permutations(num_perm, seed))
    ref = datasketch_signature(tokens, n, num_perm, seed)
    assert ours.dtype == np.uint32
    assert ref.dtype == ours.dtype
    np.testing.assert_array_equal(ours, ref)


def test_signature_of_empty_set_equals_empty_datasketch_minhash():
    perms = sim.permutations(128, 1)
    empty = sim.signature(np.empty(0, dtype=np.uint32), perms)
    ref = MinHash(num_perm=128, seed=1, scheme="affine32").hashvalues
    np.testing.assert_array_equal(empty, ref)


def test_shingles_are_sorted_unique_uint32_hashes():
    tokens = "a b c a b c a b c".split()
    got = sim.shingles(tokens, 3)
    expected = sorted({sim.shingle_hash(g.encode()) for g in ("a b c", "b c a", "c a b")})
    assert got.dtype == np.uint32
    assert got.tolist() == expected
    assert sim.shingles([], 3).size == 0


def test_shingle_hash_is_stable_32_bit():
    """The hash does not depend on the process (unlike Python's hash) and fits 32 bits."""
    h = sim.shingle_hash(b"the harbor fire")
    assert h == sim.shingle_hash(b"the harbor fire")
    assert 0 <= h < 2**32
    assert h != sim.shingle_hash(b"the harbor fires")


def _pairs(texts: list[str], settings: Settings | None = None, helpers=None) -> pl.DataFrame:
    docs = helpers.documents_frame(texts)
    tokens = sim.tokenize(normalize(docs))
    pairs, _ = sim.similarity(tokens, docs.height, settings or Settings())
    return pairs


def test_identical_documents(helpers):
    """Two copies: Jaccard 1, estimate 1, containment 1, near duplicate."""
    text = "The warehouse at the docks burned down on Tuesday night and sixty firefighters came.\n"
    pairs = _pairs([text, text], helpers=helpers)
    assert pairs.schema == pl.Schema(frames.PAIRS)
    row = pairs.row(0, named=True)
    assert (row["a"], row["b"]) == (0, 1)
    assert row["jaccard"] == 1.0
    assert row["estimate"] == 1.0
    assert row["containment"] == 1.0
    assert row["near_duplicate"] is True


def test_unrelated_documents_are_not_near_duplicates(helpers):
    a = "The warehouse at the docks burned down on Tuesday night and sixty firefighters came.\n"
    b = "A new library opened in the old town hall, with a cafe and a garden for children.\n"
    row = _pairs([a, b], helpers=helpers).row(0, named=True)
    assert row["jaccard"] == 0.0
    assert row["near_duplicate"] is False


def test_boilerplate_is_not_evidence_of_copying(helpers):
    """Shared ad labels and share bars do not make two texts similar."""
    shared = "Advertisement\nShare this story: Facebook | Twitter | Email\nby Jhon Lennon 44 views\n"
    a = shared + "The warehouse at the docks burned down on Tuesday night.\n"
    b = shared + "A new library opened in the old town hall with a garden.\n"
    row = _pairs([a, b], helpers=helpers).row(0, named=True)
    assert row["jaccard"] == 0.0


def test_containment_catches_a_short_piece_reprinted_in_a_long_text(helpers):
    """A 30-word text reprinted inside a long one: low Jaccard, high containment, near duplicate."""
    rng = random.Random(3)
    piece = " ".join(rng.choice(WORDS) + str(i) for i in range(30)) + ".\n"
    filler = " ".join(f"x{rng.randrange(10**6)}" for _ in range(400)) + ".\n"
    row = _pairs([piece, filler + piece + filler], helpers=helpers).row(0, named=True)
    assert row["jaccard"] < 0.5
    assert row["containment"] == 1.0
    assert row["near_duplicate"] is True


def test_harbor_near_duplicates_and_distinct_pairs(harbor_findings, harbor_doc_ids, gold):
    """a_wire/d_repost are near duplicates; the gold distinct pairs are not."""
    pairs = {(r["a"], r["b"]): r for r in harbor_findings.pairs.iter_rows(named=True)}
    n = harbor_findings.documents.height
    assert len(pairs) == n * (n - 1) // 2  # small corpus: every pair verified

    def pair(x: str, y: str) -> dict:
        a, b = sorted((harbor_doc_ids[x], harbor_doc_ids[y]))
        return pairs[(a, b)]

    for x, y in gold["near_duplicate_pairs"]:
        assert pair(x, y)["near_duplicate"], (x, y)
    for x, y in gold["distinct_pairs"]:
        assert not pair(x, y)["near_duplicate"], (x, y)
        assert pair(x, y)["jaccard"] < 0.2
    for row in pairs.values():
        assert abs(row["estimate"] - row["jaccard"]) < 0.15
        assert 0.0 <= row["jaccard"] <= row["containment"] <= 1.0


def test_harbor_clusters(harbor_findings, harbor_doc_ids):
    """One cluster of copies: a_wire (the more complete text) first, then d_repost."""
    assert harbor_findings.clusters == [[harbor_doc_ids["a_wire.txt"], harbor_doc_ids["d_repost.txt"]]]


def test_clusters_are_connected_components_largest_member_first():
    pairs = pl.DataFrame(
        {
            "a": [0, 1, 3, 0, 2],
            "b": [1, 2, 4, 5, 5],
            "estimate": [0.9, 0.9, 0.9, 0.1, 0.1],
            "jaccard": [0.9, 0.9, 0.9, 0.1, 0.1],
            "containment": [0.9, 0.9, 0.9, 0.1, 0.1],
            "near_duplicate": [True, True, True, False, False],
        },
        schema=frames.PAIRS,
    )
    sizes = [10, 30, 20, 5, 50, 99]
    assert sim.clusters(pairs, sizes) == [[1, 2, 0], [4, 3]]
    assert sim.clusters(pairs.filter(~pl.col("near_duplicate")), sizes) == []


def _random_corpus(n_docs: int, words: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    vocab = [f"v{i}" for i in range(20000)]
    return [[rng.choice(vocab) for _ in range(words)] for _ in range(n_docs)]


def test_lsh_candidates_find_a_planted_near_duplicate():
    """Among unrelated random documents, LSH proposes the one near-duplicate pair."""
    docs = _random_corpus(40, 300, seed=11)
    edited = list(docs[7])
    for i in range(0, 300, 30):
        edited[i] = "changed"
    docs[29] = edited
    settings = Settings()
    perms = sim.permutations(settings.num_perm, settings.seed)
    sigs = [sim.signature(sim.shingles(d, settings.shingle_size), perms) for d in docs]
    candidates = sim.lsh_candidates(sigs, settings)
    assert (7, 29) in candidates
    assert len(candidates) < 10
    assert all(a < b for a, b in candidates)


def test_similarity_uses_lsh_beyond_all_pairs_max_docs(helpers):
    """With all_pairs_max_docs=1 only LSH candidates are verified, and the planted pair is found."""
    docs = _random_corpus(30, 200, seed=5)
    docs[21] = docs[4][:190] + ["tail"] * 10
    texts = [" ".join(d) + ".\n" for d in docs]
    lsh_pairs = _pairs(texts, Settings(all_pairs_max_docs=1), helpers=helpers)
    near = lsh_pairs.filter(pl.col("near_duplicate"))
    assert near.select("a", "b").rows() == [(4, 21)]
    assert lsh_pairs.height < 30 * 29 // 2 // 10
    all_pairs = _pairs(texts, Settings(), helpers=helpers)
    assert all_pairs.height == 30 * 29 // 2
    assert all_pairs.filter(pl.col("near_duplicate")).select("a", "b").rows() == [(4, 21)]
