"""Stage 4, similarity: shingles, MinHash identical to datasketch, LSH, exact verification."""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest
from datasketch import MinHash

from compare import frames
from compare.documents import similarity as sim
from compare.settings import Settings

WORDS = "the quick brown fox jumps over the lazy dog while the harbor burns and crews arrive late".split()


def _hashes(texts: list[str], n: int = 3) -> tuple[np.ndarray, np.ndarray]:
    return sim.shingle_hashes(pl.Series(texts, dtype=pl.String), n)


def datasketch_signature(shingle_hashes: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The reference: datasketch MinHash fed the same 32-bit shingle hashes."""
    m = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=int)
    m.update_batch(shingle_hashes.tolist())
    return m.hashvalues


TEXTS = [
    " ".join(WORDS),
    "only two",
    "",
    " ".join(f"w{i}" for i in range(5000)),
    "The Harbor Point fire, reported at 9:40 p.m., destroyed a three-storey warehouse.",
]


@pytest.mark.parametrize(("n", "num_perm", "seed"), [(3, 128, 1), (1, 128, 1), (5, 64, 7), (3, 256, 42)])
def test_signatures_equal_datasketch(n, num_perm, seed):
    """Our signatures are bit-identical to datasketch.MinHash(scheme="affine32").update_batch
    on the same shingle hashes, for every document of a batch (empty and short ones included)."""
    hashes, offsets = _hashes(TEXTS, n)
    ours = sim.signatures(hashes, offsets, sim.permutations(num_perm, seed))
    assert ours.dtype == np.uint32 and ours.shape == (len(TEXTS), num_perm)
    for d in range(len(TEXTS)):
        ref = datasketch_signature(hashes[offsets[d] : offsets[d + 1]], num_perm, seed)
        np.testing.assert_array_equal(ours[d], ref)


def test_numpy_kernels_equal_compiled_kernels():
    """The numpy paths (small batches, or no numba) give the same shingles and signatures
    as the compiled kernels (large batches)."""
    kernels = sim._compiled()
    if kernels is None:
        pytest.skip("numba is not installed")
    texts = pl.Series(TEXTS * 3)
    words = sim._clean_texts(texts).str.extract_all(sim.WORD_PATTERN)
    lengths = words.list.len().fill_null(0).to_numpy().astype(np.int64)
    flat = words.explode().drop_nulls().hash(0).to_numpy().astype(np.uint64)
    for n in (1, 3, 5):
        numpy_hashes, per_doc = sim._chain_numpy(flat, lengths, n)
        np.testing.assert_array_equal(kernels.chain(flat, lengths, per_doc, n), numpy_hashes)
    hashes, offsets = _hashes(TEXTS * 3, 3)
    perms = sim.permutations(128, 1)
    a, b = perms[0].astype(np.uint32), perms[1].astype(np.uint32)
    hv = sim._fmix(hashes)
    np.testing.assert_array_equal(sim._signatures_numpy(hv, offsets, a, b), kernels.signatures(hv, offsets, a, b))


def test_sketches_give_the_same_pairs_in_any_batch():
    """Sketching documents one by one (as a cache does) and all at once give the same frame."""
    docs = pl.DataFrame({"doc_id": list(range(len(TEXTS))), "text": TEXTS})
    whole = sim.sketch(docs, Settings())
    parts = pl.concat([sim.sketch(docs.slice(i, 1), Settings()) for i in range(len(TEXTS))])
    assert whole.equals(parts)
    assert whole.schema == pl.Schema(frames.SKETCHES)


def test_sketches_hold_distinct_sorted_shingles_and_verification_reads_them_exactly():
    """The verification takes each document's shingles as stored (no sort): they must be the
    distinct hashes sorted, and its Jaccard the exact one of the two sets."""
    texts = [f"{a} {b} {a}" for a, b in zip(TEXTS, TEXTS[1:] + TEXTS[:1], strict=True)]  # neighbours share one
    docs = pl.DataFrame({"doc_id": list(range(len(texts))), "text": texts})
    sketches = sim.sketch(docs, Settings())
    for shingles in sketches.get_column("shingles").to_list():
        assert shingles == sorted(set(shingles))
    pairs, _ = sim.compare_sketches(sketches, Settings())
    assert pairs.height and pairs.get_column("jaccard").max() > 0
    rows = sketches.get_column("shingles").to_list()
    for a, b, jaccard in pairs.select("a", "b", "jaccard").iter_rows():
        x, y = set(rows[a]), set(rows[b])
        assert jaccard == len(x & y) / len(x | y)


def test_empty_document_has_the_empty_datasketch_signature():
    hashes, offsets = _hashes(["", "some words here"], 3)
    empty = sim.signatures(hashes, offsets, sim.permutations(128, 1))[0]
    np.testing.assert_array_equal(empty, MinHash(num_perm=128, seed=1, scheme="affine32").hashvalues)


def test_shingle_hashes_count_ngrams_per_document():
    """n words give n - 2 trigrams; a document shorter than n is one shingle; empty is none."""
    hashes, offsets = _hashes(["a b c a b c a b c", "x y", ""], 3)
    assert hashes.dtype == np.uint32
    assert np.diff(offsets).tolist() == [7, 1, 0]
    first = hashes[offsets[0] : offsets[1]]
    assert len(set(first.tolist())) == 3  # "a b c", "b c a", "c a b"


def test_shingle_hashes_are_stable_and_normalized():
    """The same words hash the same in any document and process; case, curly quotes and
    boilerplate lines do not change the shingles."""
    h1, _ = _hashes(["The harbor\u2019s fire burned", "the harbor's fire burned"], 3)
    assert h1[:2].tolist() == h1[2:].tolist()
    h2, _ = _hashes(["Advertisement\nThe harbor's fire burned"], 3)
    assert h2.tolist() == h1[2:].tolist()


def _pairs(texts: list[str], settings: Settings | None = None, helpers=None) -> pl.DataFrame:
    docs = helpers.documents_frame(texts)
    pairs, _ = sim.similarity(docs, settings or Settings())
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


def test_lsh_candidates_match_datasketch_minhashlsh():
    """Vectorised banding proposes exactly the pairs datasketch.MinHashLSH does with the same bands."""
    from datasketch import LeanMinHash, MinHashLSH

    docs = _random_corpus(60, 200, seed=3)
    for i in range(0, 60, 6):
        docs[i + 1] = docs[i][:150] + docs[i + 1][:50]
    settings = Settings()
    hashes, offsets = _hashes([" ".join(d) for d in docs], 3)
    sigs = sim.signatures(hashes, offsets, sim.permutations(settings.num_perm, settings.seed))
    bands, rows = sim.lsh_params(settings)
    ours = sim.lsh_candidates(sigs, bands, rows)
    lsh = MinHashLSH(num_perm=settings.num_perm, params=(bands, rows))
    sketches = [LeanMinHash(seed=settings.seed, hashvalues=s, scheme="affine32") for s in sigs]
    for i, m in enumerate(sketches):
        lsh.insert(i, m)
    theirs = {(min(i, j), max(i, j)) for i, m in enumerate(sketches) for j in lsh.query(m) if i != j}
    assert ours == theirs
    assert len(ours) >= 10


def test_lsh_candidates_find_a_planted_near_duplicate():
    """Among unrelated random documents, LSH proposes the one near-duplicate pair."""
    docs = _random_corpus(40, 300, seed=11)
    edited = list(docs[7])
    for i in range(0, 300, 30):
        edited[i] = "changed"
    docs[29] = edited
    settings = Settings()
    hashes, offsets = _hashes([" ".join(d) for d in docs], settings.shingle_size)
    sigs = sim.signatures(hashes, offsets, sim.permutations(settings.num_perm, settings.seed))
    candidates = sim.lsh_candidates(sigs, *sim.lsh_params(settings))
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


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_compiled_and_numpy_shingle_chains_agree(n):
    """Both ways of chaining word hashes into shingle hashes give the same hashes and counts,
    for empty, short (< n words) and long documents alike."""
    rng = np.random.default_rng(n)
    lengths = rng.integers(0, 9, 300).astype(np.int64)
    lengths[::7] = 0
    lengths[::11] = 1
    words = rng.integers(0, 2**63, int(lengths.sum()), dtype=np.uint64)
    got_hashes, got_counts = sim._chain(words, lengths, n)
    ref_hashes, ref_counts = sim._chain_numpy(words, lengths, n)
    np.testing.assert_array_equal(got_counts, ref_counts)
    np.testing.assert_array_equal(got_hashes, ref_hashes)
    assert got_hashes.size == int(np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1)).sum())


def test_token_counts_read_off_sorted_ids_equal_the_counted_ones() -> None:
    """The clusters' member order reads each document's word count: read off the bounds of
    the sorted doc ids (the stages' order) or counted (any other order), the same counts."""
    from compare.pipeline import _token_counts

    rng = random.Random(11)
    for trial in range(200):
        n = rng.randint(1, 8)
        ids = sorted(rng.randrange(n) for _ in range(rng.randint(0, 30)))
        if trial % 2:
            rng.shuffle(ids)
        tokens = pl.DataFrame({"doc_id": ids}, schema={"doc_id": pl.Int64})
        assert _token_counts(tokens, n) == [ids.count(d) for d in range(n)]
