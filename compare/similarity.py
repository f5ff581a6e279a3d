"""Stage 4, similarity: shingles, MinHash signatures, LSH candidates, exact verification.

Documents become sets of word n-gram shingles (over normalized, lower-cased tokens of
their body and heading lines; boilerplate is left out). MinHash signatures follow
datasketch's ``affine32`` scheme exactly, computed for all shingles of a document at
once with numpy; a test checks them against ``datasketch.MinHash.update_batch`` with
the same hash function. ``datasketch.MinHashLSH`` proposes candidate pairs, and every
candidate is verified on the exact shingle sets: Jaccard and containment (the share
of the smaller document found in the other, which catches a short piece reprinted
inside a long one).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import polars as pl
import xxhash
from datasketch import LeanMinHash, MinHash, MinHashLSH

from . import frames
from .settings import Settings
from .text import WORD

SCHEME = "affine32"
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def shingle_hash(shingle: bytes) -> int:
    """32-bit hash of one shingle (xxHash3, low 32 bits): the MinHash input and set key."""
    return xxhash.xxh3_64_intdigest(shingle) & 0xFFFFFFFF


def tokenize(lines: pl.DataFrame) -> pl.DataFrame:
    """Lines frame in, tokens frame out (see :data:`compare.frames.TOKENS`).

    Only ``body`` and ``heading`` lines contribute: boilerplate is never evidence of
    copying. Offsets are mapped back to the decoded source text.
    """
    rows: dict[str, list] = {name: [] for name in frames.TOKENS}
    positions: dict[int, int] = {}
    kept = lines.filter(pl.col("kind").is_in(["body", "heading"]))
    for doc_id, line, start, norm, offs in kept.select("doc_id", "line", "start", "norm", "offsets").iter_rows():
        pos = positions.get(doc_id, 0)
        for m in WORD.finditer(norm):
            s, e = m.span()
            rows["doc_id"].append(doc_id)
            rows["pos"].append(pos)
            rows["token"].append(m.group().lower())
            rows["start"].append(offs[s] if offs else start + s)
            rows["end"].append(offs[e - 1] + 1 if offs else start + e)
            rows["line"].append(line)
            pos += 1
        positions[doc_id] = pos
    return pl.DataFrame(rows, schema=frames.TOKENS)


def shingles(tokens: Sequence[str], n: int) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word n-grams of ``tokens``.

    A document shorter than ``n`` words is one shingle of all its words.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    if len(tokens) < n:
        grams = [" ".join(tokens)]
    else:
        grams = [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return np.unique(np.fromiter((shingle_hash(g.encode()) for g in grams), dtype=np.uint32, count=len(grams)))


def permutations(num_perm: int, seed: int) -> np.ndarray:
    """The (a, b) permutation parameters datasketch uses for ``num_perm`` and ``seed``."""
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def signature(hashes: np.ndarray, perms: np.ndarray) -> np.ndarray:
    """MinHash signature (uint32, one value per permutation) of a set of 32-bit hashes.

    Same arithmetic as datasketch's ``affine32`` scheme: the MurmurHash3 finalizer as a
    pre-mix, then ``a * h + b`` modulo 2**32, minimum over the set.
    """
    a, b = perms
    if hashes.size == 0:
        return np.full(a.shape[0], np.iinfo(np.uint32).max, dtype=np.uint32)
    s1, m1, s2, m2, s3 = _FMIX
    hv = hashes.astype(np.uint32)
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        hv = hv ^ (hv >> s3)
        out = np.empty(a.shape[0], dtype=np.uint32)
        step = max(1, (1 << 20) // a.shape[0])  # bound the temporary matrix to ~4 MB
        out[:] = np.iinfo(np.uint32).max
        for i in range(0, hv.size, step):
            chunk = hv[i : i + step]
            np.minimum(out, (a[:, None] * chunk[None, :] + b[:, None]).min(axis=1), out=out)
    return out


def document_shingles(tokens: pl.DataFrame, n_docs: int, n: int) -> list[np.ndarray]:
    """Shingle hash set of every document, indexed by doc_id."""
    out = [np.empty(0, dtype=np.uint32) for _ in range(n_docs)]
    for doc_id, toks in tokens.group_by("doc_id", maintain_order=True).agg(pl.col("token")).iter_rows():
        out[doc_id] = shingles(toks, n)
    return out


def lsh_candidates(signatures: list[np.ndarray], settings: Settings) -> set[tuple[int, int]]:
    """Candidate pairs (a < b) from datasketch's MinHashLSH at ``lsh_threshold``."""
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.num_perm)
    sketches = [LeanMinHash(seed=settings.seed, hashvalues=sig, scheme=SCHEME) for sig in signatures]
    for doc_id, sketch in enumerate(sketches):
        lsh.insert(doc_id, sketch)
    pairs: set[tuple[int, int]] = set()
    for doc_id, sketch in enumerate(sketches):
        for other in lsh.query(sketch):
            if other != doc_id:
                pairs.add((min(doc_id, other), max(doc_id, other)))
    return pairs


def similarity(
    tokens: pl.DataFrame, n_docs: int, settings: Settings, extra_pairs: set[tuple[int, int]] | None = None
) -> tuple[pl.DataFrame, list[np.ndarray]]:
    """Tokens frame in; pairs frame (see :data:`compare.frames.PAIRS`) and signatures out.

    Up to ``all_pairs_max_docs`` documents every pair is verified (the report's full
    similarity table); beyond that only LSH candidates and ``extra_pairs``.
    """
    sets = document_shingles(tokens, n_docs, settings.shingle_size)
    perms = permutations(settings.num_perm, settings.seed)
    sigs = [signature(s, perms) for s in sets]
    if n_docs <= settings.all_pairs_max_docs:
        candidates = set(itertools.combinations(range(n_docs), 2))
    else:
        candidates = lsh_candidates(sigs, settings) | (extra_pairs or set())
    rows = []
    for a, b in sorted(candidates):
        sa, sb = sets[a], sets[b]
        inter = np.intersect1d(sa, sb, assume_unique=True).size
        union = sa.size + sb.size - inter
        jaccard = inter / union if union else 0.0
        containment = inter / min(sa.size, sb.size) if min(sa.size, sb.size) else 0.0
        near = bool(
            jaccard >= settings.near_duplicate_jaccard
            or (containment >= settings.near_duplicate_containment and min(sa.size, sb.size) >= 20)
        )
        rows.append(
            {
                "a": a,
                "b": b,
                "estimate": float(np.mean(sigs[a] == sigs[b])),
                "jaccard": jaccard,
                "containment": containment,
                "near_duplicate": near,
            }
        )
    pairs = pl.DataFrame(rows, schema=frames.PAIRS) if rows else frames.empty(frames.PAIRS)
    return pairs, sigs


def clusters(pairs: pl.DataFrame, sizes: Sequence[int]) -> list[list[int]]:
    """Connected components of the near-duplicate graph, each with two or more members,
    the most complete member (most words) first; ordered by their first member."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs.filter(pl.col("near_duplicate")).select("a", "b").iter_rows():
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    out = [sorted(g, key=lambda d: (-sizes[d], d)) for g in groups.values() if len(g) > 1]
    return sorted(out, key=lambda g: min(g))
