"""Candidate claim pairs: which pairs of claims of different documents are worth scoring.

Three sources, each verified or weighed: an inverted index over canonical content stems
(stems in a large share of the claims left out: ``posting_cap``), the same predicate of the
same object (frame lists), and a sentence-level MinHash LSH over the stem sets (verified on
the exact sets). A pair weighing ``MIN_SHARED`` or more is a candidate. With the semantic
extra, claims close in meaning are candidates too.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import polars as pl

from .._runtime import gc_paused
from ..ids import pair_code, pair_of
from .features import SENTENCE_PERM as SENTENCE_PERM
from .features import SENTENCE_SEED as SENTENCE_SEED
from .features import sentence_signatures
from .scoring import Scorer

MAX_POSTINGS = 200
"""Stems found in more claims than this (and 5 % of them) do not propose candidates."""
MIN_SHARED = 2
"""Shared canonical stems a pair needs to become a candidate."""

SENTENCE_LSH_THRESHOLD = 0.6
"""Jaccard of two claims' stem sets the sentence LSH is tuned for (datasketch's optimiser,
weighted for recall as for documents: 16 bands of 4 rows; a 0.6 pair is proposed 89 % of the
time, a 0.8 pair always, a 0.3 pair 12 %)."""

SEMANTIC_CANDIDATE = 0.6
"""With the semantic extra, claims of different documents whose embeddings have at least this
cosine are candidates too, whatever words they share (all-MiniLM-L6-v2: paraphrases mostly score
above 0.7, sentences on one topic in other words 0.4-0.6)."""
SEMANTIC_BLOCK = 2048
"""Claims per block of the all-pairs cosine product (bounds its memory to block x claims floats)."""
PAIRS_AT_ONCE = 2_000_000
"""Pairs of posting lists enumerated at a time (memory: a few bytes of temporaries per pair)."""


def posting_cap(claims: int) -> int:
    """Claims a stem's posting list may hold and still propose candidates, for a corpus of
    ``claims`` claims: ``MAX_POSTINGS``, or 5 % of the claims (at least 30) when that is fewer."""
    return min(MAX_POSTINGS, max(30, int(0.05 * claims)))


def frame_lists(ids: list[str], scorer: Scorer) -> dict[tuple[str, str], list[int]]:
    """The frame lists of the claims ``ids``: their indices by (predicate, object), each claim
    once per key, in claim order (the keys of one claim sorted)."""
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)
    frames_of = scorer.frames
    for i, sid in enumerate(ids):
        found = frames_of.get(sid)
        if found:
            for key in sorted({(p, o) for p, o, _ in found}):
                lists[key].append(i)
    return lists


@gc_paused()
def candidates(claims: pl.DataFrame, scorer: Scorer) -> list[tuple[str, str, int]]:
    """Cross-document claim pairs sharing at least ``MIN_SHARED`` blocking stems.

    Returns ``(a, b, shared)`` with ``a`` before ``b`` in statement order. The cyclic
    garbage collector is paused meanwhile (the posting lists and the pairs are tens of
    thousands of lists and tuples, no cycles; collecting cost about as much as the rest).
    """
    ids = claims.get_column("stmt_id").to_list()
    cap = posting_cap(len(ids))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sid in enumerate(ids):
        for s in sorted(scorer.sets[sid]):
            postings[s].append(i)
    frame_postings = frame_lists(ids, scorer)
    doc = claims.get_column("doc_id").to_numpy()
    a, b, shared = _shared_counts(
        [
            ([p for p in postings.values() if len(p) <= cap], 1),
            # the same predicate of the same named object is a candidate by itself
            ([p for p in frame_postings.values() if len(p) <= MAX_POSTINGS], MIN_SHARED),
            # so are two claims whose whole stem sets are alike, common stems included
            (_alike([scorer.sets[sid] for sid in ids], doc, *(scorer.sentence_rows(ids) or ())), MIN_SHARED),
        ],
        doc,
    )
    return [(ids[x], ids[y], c) for x, y, c in zip(a.tolist(), b.tolist(), shared.tolist(), strict=True)]


def _alike(
    stem_sets: list[frozenset[str]], doc: np.ndarray, sigs: np.ndarray | None = None, rows: np.ndarray | None = None
) -> list[list[int]]:
    """Cross-document pairs ``[a, b]`` (indices, ``a < b``) proposed by the sentence LSH
    (:func:`sentence_pairs`) and verified exactly: the Jaccard of their stem sets reaches
    :data:`SENTENCE_LSH_THRESHOLD`. LSH also proposes some less alike pairs; made of common
    words ("I did not know ..." / "We don't know yet ..."), those are no evidence of one claim."""
    a, b = sentence_pairs(stem_sets, doc, sigs, rows)
    out = []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        sx, sy = stem_sets[x], stem_sets[y]
        shared = len(sx & sy)
        if shared >= SENTENCE_LSH_THRESHOLD * (len(sx) + len(sy) - shared):
            out.append([x, y])
    return out


def sentence_pairs(
    stem_sets: list[frozenset[str]], doc: np.ndarray, sigs: np.ndarray | None = None, rows: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence-level MinHash LSH over the claims' canonical stem sets: the pairs of claim
    indices ``(a < b)``, from different documents (``doc``), that share a band of their
    signatures; sorted, each once.

    The inverted index leaves out stems found in many claims, so two claims made of common
    words ("A man is playing a guitar" / "A man plays the guitar") share no blocking stem;
    LSH on the whole set still proposes them. Signatures use the documents' MinHash code
    (datasketch's ``affine32`` scheme, :data:`SENTENCE_PERM` permutations); claims with fewer
    than ``MIN_SHARED`` stems are left out, and so is a bucket of more than ``MAX_POSTINGS``
    claims (a formula repeated everywhere), as for the index. ``sigs`` are the sets'
    signatures when known (:func:`compare.features.sentence_signatures`): rows of ``sigs`` in
    order, or its rows ``rows``."""
    from ..documents import similarity

    none = np.empty(0, dtype=np.int64)
    keep = kept(np.fromiter(map(len, stem_sets), dtype=np.int64, count=len(stem_sets)))
    if len(keep) < 2:
        return none, none
    # the rows of the claims' signatures, read band by band: never a copy of the whole matrix
    subset = (keep if rows is None else rows[keep]) if sigs is not None else None
    if sigs is None:
        sigs = sentence_signatures([stem_sets[i] for i in keep.tolist()])
    _, (bands, rows) = sentence_parameters()
    n = len(stem_sets)
    keys = []
    for band in range(bands):
        inverse, counts = similarity.band_buckets(sigs, band, rows, subset)
        size = counts[inverse]
        members = np.flatnonzero((size > 1) & (size <= MAX_POSTINGS))
        if members.size:
            first, second = _pairs_in_buckets(inverse[members], keep[members])
            cross = doc[first] != doc[second]
            keys.append(pair_code(first[cross], second[cross], n))
    if not keys:
        return none, none
    unique = np.unique(np.concatenate(keys))
    return pair_of(unique, n)


def kept(sizes: np.ndarray) -> np.ndarray:
    """The claims the sentence LSH considers: indices of those with at least ``MIN_SHARED``
    stems (``sizes``: each claim's number of stems)."""
    return np.flatnonzero(sizes >= MIN_SHARED).astype(np.int64)


def kept_signatures(scorer: Scorer, sigs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The claims of ``scorer`` (positions in :attr:`Scorer.ids`) the sentence LSH considers
    (:func:`kept`, from their sizes: no set is built) and their signatures: rows of ``sigs``
    (one per claim) when given, else computed."""
    keep = kept(scorer.sizes)
    if sigs is not None:
        return keep, sigs[keep]
    return keep, sentence_signatures([scorer.sets[scorer.ids[i]] for i in keep.tolist()])


def sentence_parameters() -> tuple[np.ndarray, tuple[int, int]]:
    """The sentence LSH's MinHash permutations and its (bands, rows), from datasketch (or
    from the cache, which stores them: :func:`compare.similarity.derived`)."""
    from ..documents import similarity

    return similarity.permutations(SENTENCE_PERM, SENTENCE_SEED), similarity._lsh_params(
        SENTENCE_LSH_THRESHOLD, SENTENCE_PERM
    )


def _pairs_in_buckets(labels: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(a < b)`` of ``items`` that share a label, enumerated at once per bucket
    size (numpy)."""
    order = np.lexsort((items, labels))
    labels, items = labels[order], items[order]
    starts = np.flatnonzero(np.concatenate(([True], labels[1:] != labels[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(labels)])))
    firsts, seconds = [], []
    for k in np.unique(sizes).tolist():
        if k < 2:
            continue
        group = items[starts[sizes == k][:, None] + np.arange(k)]  # rows ascending
        i, j = np.triu_indices(k, 1)
        firsts.append(group[:, i].ravel())
        seconds.append(group[:, j].ravel())
    if not firsts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def semantic_candidates(
    claims: pl.DataFrame, vectors: np.ndarray, minimum: float = SEMANTIC_CANDIDATE
) -> list[tuple[str, str, int]]:
    """Cross-document claim pairs whose embeddings (one unit row per claim, in ``claims``
    order) have a cosine of at least ``minimum``: ``(a, b, 0)`` with ``a`` before ``b``.

    Every pair is compared, block by block (:data:`SEMANTIC_BLOCK` rows at a time): the cost
    grows with the square of the claims, which is why the extra is opt-in."""
    ids = claims.get_column("stmt_id").to_list()
    doc = claims.get_column("doc_id").to_numpy()
    out: list[tuple[str, str, int]] = []
    for start in range(0, len(ids), SEMANTIC_BLOCK):
        sims = vectors[start : start + SEMANTIC_BLOCK] @ vectors.T
        rows, cols = np.nonzero(sims >= np.float32(minimum))
        rows = rows + start
        keep = (cols > rows) & (doc[rows] != doc[cols])
        out.extend((ids[i], ids[j], 0) for i, j in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))
    return out


def _shared_counts(
    weighted_lists: list[tuple[list[list[int]], int]], doc: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(a < b)`` of items from different documents that share posting lists, with
    the summed weight of the lists they share, kept at ``MIN_SHARED`` or more; sorted.

    Every pair of every list is enumerated at once per list length (numpy), encoded as
    ``a * n + b``, repeated as many times as its list weighs (a whole number), and counted
    after one sort: the same sums as a loop over the lists. Sorting the keys themselves,
    not their order (no gather of keys and weights through it), halves the time.
    """
    n = max(1, len(doc))
    keys: list[np.ndarray] = []
    for lists, weight in weighted_lists:
        by_length: dict[int, list[list[int]]] = defaultdict(list)
        for ids in lists:
            if len(ids) > 1:
                by_length[len(ids)].append(ids)
        for length, group in by_length.items():
            i, j = np.triu_indices(length, 1)
            step = max(1, PAIRS_AT_ONCE // len(i))  # lists at a time: bounded temporaries
            for start in range(0, len(group), step):
                members = np.array(group[start : start + step], dtype=np.int64)  # each row ascending: a < b
                first, second = members[:, i].ravel(), members[:, j].ravel()
                cross = doc[first] != doc[second]
                keys.extend([pair_code(first[cross], second[cross], n)] * weight)
    key = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
    keys.clear()
    if len(key) == 0:
        return key, key, key
    key.sort()
    # only keys found MIN_SHARED (2, not less) times or more are kept: find where such runs start and
    # count them by search, never building per-key arrays as long as the keys themselves
    same = key[1:] == key[:-1]
    runs = key[1:][same & ~np.concatenate(([False], same[:-1]))]  # one key per run of 2 or more, ascending
    del same
    total = np.searchsorted(key, runs, side="right") - np.searchsorted(key, runs, side="left")
    keep = total >= MIN_SHARED
    return (*pair_of(runs[keep], n), total[keep])
