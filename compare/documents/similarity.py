"""Stage 4, similarity: shingles, MinHash signatures, LSH candidates, exact verification.

Vectorised end to end, because this stage must keep up with tens of thousands of
documents on one machine:

1. *Shingles*: each document's text is normalized with polars string kernels (NFKC,
   straight quotes, lower case), boilerplate lines are dropped, words are extracted and
   hashed (polars), and every run of ``shingle_size`` words becomes one 32-bit shingle
   hash (numpy). Documents are processed in batches to bound memory.
2. *MinHash*: datasketch's ``affine32`` scheme (MurmurHash3 finalizer, then
   ``a * h + b`` mod 2**32 with datasketch's own permutation parameters), computed for
   all documents at once: compiled with numba when it is installed, numpy otherwise.
   The signatures are bit-identical to ``datasketch.MinHash.update_batch`` fed the same
   shingle hashes (tested).
3. *LSH*: bands and rows chosen by datasketch's own optimiser for ``lsh_threshold``,
   weighted for recall; documents that share a band are candidates (vectorised banding,
   the same rule as ``datasketch.MinHashLSH``).
4. *Verify*: every candidate pair gets its exact Jaccard and containment (the share of
   the smaller document found in the other, which catches a short piece reprinted inside
   a long one) on the exact shingle sets; near duplicates are flagged at documented
   thresholds.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from types import ModuleType

import numpy as np
import polars as pl

from .. import frames
from ..settings import Settings
from ..text.normalize import BOILERPLATE_PATTERN
from ..unionfind import UnionFind

SCHEME = "affine32"
WORD_PATTERN = r"[^\W_]+(?:[.'][^\W_]+)*"
LSH_WEIGHTS = (0.1, 0.9)
"""(false positive, false negative) weights for choosing LSH bands: favour recall, since
every candidate is verified exactly anyway."""
BATCH_DOCS = 8192
"""Documents shingled per batch (bounds the memory of the exploded word frame)."""

WINDOW_BYTES = 4 << 20
"""Bytes of lines normalized and cut into words at a time (bounds the memory of a long document)."""

MAX_BOILERPLATE_LINE = 200
"""Lines longer than this (in bytes) are never boilerplate; the pattern is not run on them."""

COMPILE_MIN_SHINGLES = 200_000
"""Below this many shingles the numpy kernels run (same results): importing and loading the
compiled ones costs more than they save on a few documents, as in a cached rerun."""
SKETCH_SETTINGS = ("shingle_size", "num_perm", "seed")
"""The settings a document's sketch depends on (the cache key of :func:`sketch`)."""

_MAX32 = np.uint32(0xFFFFFFFF)

Candidates = Callable[[np.ndarray, int, int], set[tuple[int, int]]]
"""(signatures, bands, rows) -> candidate pairs (a < b): :func:`lsh_candidates` or an engine's."""


@lru_cache(maxsize=1)
def _compiled() -> ModuleType | None:
    """The numba kernels (:mod:`compare._kernels`), imported on first use; None without numba."""
    try:
        from . import _kernels
    except ImportError:  # pragma: no cover - exercised only where numba is unavailable
        return None
    return _kernels


_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier that chains word hashes into a shingle hash
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u201c": '"', "\u201d": '"'}


# ---- shingles ---------------------------------------------------------------------------
def _lines(texts: pl.Series) -> pl.DataFrame:
    """Every line of every document in order, as (doc, text); no word spans a line break."""
    frame = pl.DataFrame({"doc": np.arange(len(texts), dtype=np.int64), "text": texts})
    return frame.with_columns(pl.col("text").str.split("\n")).explode("text")


def _clean_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """The lines that are not boilerplate, normalized and lower-cased.

    NFKC runs only on lines that have non-ASCII characters, and the boilerplate pattern
    only on short lines: both are no-ops elsewhere, and skipping them is most of this
    stage's speed. Line by line is the same as document by document: a line break is a
    boundary of NFKC and of lower-casing (no character composes or changes case across it).
    """
    text = pl.col("text")
    ascii_only = text.str.contains(r"^[\x00-\x7F]*$")
    return (
        lines.with_columns(pl.when(ascii_only).then(text).otherwise(text.str.normalize("NFKC")).alias("text"))
        .with_columns(text.str.replace_many(_QUOTES))
        .filter(
            (text.str.len_bytes() > MAX_BOILERPLATE_LINE)
            | ~text.str.strip_chars().str.contains(BOILERPLATE_PATTERN).fill_null(False)
        )
        .with_columns(text.str.to_lowercase())
    )


def _clean_texts(texts: pl.Series) -> pl.Series:
    """Normalized, lower-cased text of each document without its boilerplate lines (the
    whole-document form of what :func:`shingle_hashes` reads a window of lines at a time)."""
    joined = _clean_lines(_lines(texts)).group_by("doc", maintain_order=True).agg(pl.col("text").str.join("\n"))
    out = pl.DataFrame({"doc": np.arange(len(texts), dtype=np.int64)}).join(
        joined, on="doc", how="left", maintain_order="left"
    )
    return out.get_column("text").fill_null("")


def _word_hashes(texts: pl.Series, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of every document in order, and the words per document.

    Read a window of about :data:`WINDOW_BYTES` of lines at a time, so a very long document
    never has its whole normalized text and word list in memory at once.
    """
    lines = _lines(texts)
    sizes = lines.get_column("text").str.len_bytes().fill_null(0).to_numpy()
    window_of = (np.cumsum(sizes, dtype=np.int64) - 1) // WINDOW_BYTES
    bounds = np.flatnonzero(np.diff(window_of)) + 1
    counts = np.zeros(len(texts), dtype=np.int64)
    parts: list[np.ndarray] = []
    for first, last in zip([0, *bounds.tolist()], [*bounds.tolist(), lines.height], strict=True):
        words = _clean_lines(lines.slice(first, last - first)).select(
            "doc", pl.col("text").str.extract_all(WORD_PATTERN).alias("words")
        )
        per_line = words.get_column("words").list.len().fill_null(0).to_numpy()
        counts += np.bincount(words.get_column("doc").to_numpy(), weights=per_line, minlength=len(texts)).astype(
            np.int64
        )
        parts.append(words.get_column("words").explode().drop_nulls().hash(seed).to_numpy().astype(np.uint64))
    flat = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    return flat, counts


def shingle_hashes(texts: pl.Series, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """32-bit hashes of every word n-gram of every document, in document order.

    Returns ``(hashes, offsets)``: document ``d``'s shingles are
    ``hashes[offsets[d]:offsets[d + 1]]`` (repeats included; MinHash ignores them). A
    document shorter than ``n`` words is one shingle of all its words; an empty one has none.
    """
    parts: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for start in range(0, len(texts), BATCH_DOCS):
        flat, lengths = _word_hashes(texts.slice(start, BATCH_DOCS), seed)
        h, c = _chain(flat, lengths, n)
        parts.append(h)
        counts.append(c)
    hashes = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint32)
    count = np.concatenate(counts) if counts else np.empty(0, dtype=np.int64)
    offsets = np.zeros(len(count) + 1, dtype=np.int64)
    np.cumsum(count, out=offsets[1:])
    return hashes, offsets


def _chain(words: np.ndarray, lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes from word hashes (see :func:`_chain_numpy`), compiled when possible."""
    kernels = _compiled() if len(words) >= COMPILE_MIN_SHINGLES else None
    if kernels is not None:
        per_doc = np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1))
        return kernels.chain(words, lengths, per_doc, n), per_doc
    return _chain_numpy(words, lengths, n)


def _chain_numpy(words: np.ndarray, lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes from word hashes: h = ((w0 * M + w1) * M + w2) ..., folded to 32 bits.

    Computed over the concatenated words of all documents at once, then the n-grams that
    straddle two documents are dropped; a document shorter than ``n`` words keeps one
    shingle of all its words.
    """
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    per_doc = np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1))
    with np.errstate(over="ignore"):
        if len(words) >= n:
            acc = words[: len(words) - n + 1].copy()
            for k in range(1, n):
                acc = acc * _MUL + words[k : len(words) - n + 1 + k]
            # keep the n-grams that start at least n - 1 words before their document's end
            doc_of = np.repeat(np.arange(len(lengths)), lengths)[: len(acc)]
            position = np.arange(len(acc)) - starts[doc_of]
            valid = position <= lengths[doc_of] - n
            full = acc[valid]
        else:
            full = np.empty(0, dtype=np.uint64)
        short = np.flatnonzero((lengths > 0) & (lengths < n))
        if short.size:  # documents shorter than n words: one shingle each, spliced in place
            extra = np.empty(short.size, dtype=np.uint64)
            for i, d in enumerate(short):
                h = words[starts[d]]
                for k in range(1, int(lengths[d])):
                    h = h * _MUL + words[starts[d] + k]
                extra[i] = h
            position = np.cumsum(per_doc) - per_doc  # where each document's shingles begin
            out = np.empty(int(per_doc.sum()), dtype=np.uint64)
            is_short = np.zeros(len(out), dtype=bool)
            is_short[position[short]] = True
            out[is_short] = extra
            out[~is_short] = full
            full = out
        folded = (full ^ (full >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    return folded.astype(np.uint32), per_doc


# ---- MinHash -----------------------------------------------------------------------------
_DERIVED: dict[str, list] = {}
"""Parameters computed by datasketch, by name (``perm:<num_perm>:<seed>``, ``lsh:<threshold>:
<num_perm>``), as JSON-able lists. Importing datasketch pulls in scipy (~0.8 s of a run's start),
so the cache stores them with its tables (its key holds datasketch's version) and a rerun that
finds them there never imports datasketch: see :func:`derived` and :func:`use_derived`."""


def derived(names: Iterable[str]) -> dict[str, list]:
    """The datasketch-derived parameters ``names`` (computed or loaded in this process)."""
    return {name: list(_DERIVED[name]) for name in sorted(set(names))}


def perm_name(num_perm: int, seed: int) -> str:
    """The name of :func:`permutations`' result in :data:`_DERIVED`."""
    return f"perm:{num_perm}:{seed}"


def lsh_name(threshold: float, num_perm: int) -> str:
    """The name of :func:`_lsh_params`' result in :data:`_DERIVED`."""
    return f"lsh:{threshold!r}:{num_perm}:{LSH_WEIGHTS[0]!r}:{LSH_WEIGHTS[1]!r}"


def use_derived(values: dict[str, list]) -> None:
    """Take parameters stored by an earlier run of the same cache key (:func:`derived`)."""
    for name, value in values.items():
        if not isinstance(name, str) or not isinstance(value, list):
            raise ValueError(f"bad derived parameter {name!r}")
        _DERIVED[name] = value


def permutations(num_perm: int, seed: int) -> np.ndarray:
    """The (a, b) permutation parameters datasketch uses for ``num_perm`` and ``seed``."""
    name = perm_name(num_perm, seed)
    if name not in _DERIVED:
        from datasketch import MinHash  # imported on use: datasketch pulls in scipy (~1 s)

        perms = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        _DERIVED[name] = perms.astype(np.uint32).tolist()
    perms = np.array(_DERIVED[name], dtype=np.uint32)
    if perms.shape != (2, num_perm):
        raise ValueError(f"stored permutations {name} have shape {perms.shape}")
    return perms


def _fmix(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        return hv ^ (hv >> s3)


def _signatures_numpy(hv: np.ndarray, offsets: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The same signatures with numpy, in chunks of shingles (bounded temporaries)."""
    n_docs = len(offsets) - 1
    out = np.full((n_docs, len(a)), _MAX32, dtype=np.uint32)
    chunk = max(1024, (1 << 22) // len(a))  # ~16 MB per temporary matrix
    with np.errstate(over="ignore"):
        for c0 in range(0, len(hv), chunk):
            c1 = min(len(hv), c0 + chunk)
            # documents with shingles in [c0, c1), each cut to its piece inside the chunk
            d0 = int(np.searchsorted(offsets, c0, side="right")) - 1
            d1 = int(np.searchsorted(offsets, c1, side="left"))
            docs = np.arange(d0, d1)
            starts = np.clip(offsets[d0:d1], c0, c1) - c0
            keep = starts < np.clip(offsets[d0 + 1 : d1 + 1], c0, c1) - c0
            docs, starts = docs[keep], starts[keep]
            if docs.size == 0:
                continue
            m = a[:, None] * hv[None, c0:c1] + b[:, None]
            mins = np.minimum.reduceat(m, starts, axis=1).T
            out[docs] = np.minimum(out[docs], mins)
    return out


def signatures(hashes: np.ndarray, offsets: np.ndarray, perms: np.ndarray, compiled: bool = True) -> np.ndarray:
    """MinHash signature of every document (rows), datasketch ``affine32`` arithmetic;
    ``compiled=False`` keeps to the numpy kernels whatever the size (same results, no numba load)."""
    a = np.ascontiguousarray(perms[0], dtype=np.uint32)
    b = np.ascontiguousarray(perms[1], dtype=np.uint32)
    hv = _fmix(np.ascontiguousarray(hashes, dtype=np.uint32))
    kernels = _compiled() if compiled and len(hv) >= COMPILE_MIN_SHINGLES else None
    if kernels is not None:
        return kernels.signatures(hv, offsets.astype(np.int64), a, b)
    return _signatures_numpy(hv, offsets, a, b)


# ---- LSH ---------------------------------------------------------------------------------
def lsh_params(settings: Settings) -> tuple[int, int]:
    """(bands, rows) from datasketch's optimiser for ``lsh_threshold``, weighted for recall."""
    return _lsh_params(settings.lsh_threshold, settings.num_perm)


def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) of datasketch's optimiser for ``threshold`` and ``num_perm``, weighted by
    :data:`LSH_WEIGHTS` (kept in :data:`_DERIVED`)."""
    name = lsh_name(threshold, num_perm)
    if name not in _DERIVED:
        from datasketch.lsh import _optimal_param  # imported on use: datasketch pulls in scipy (~1 s)

        _DERIVED[name] = [int(v) for v in _optimal_param(threshold, num_perm, *LSH_WEIGHTS)]
    bands, rows = (int(v) for v in _DERIVED[name])
    if bands < 1 or rows < 1 or bands * rows > num_perm:
        raise ValueError(f"stored LSH parameters {name} are impossible: {bands} x {rows}")
    return bands, rows


def band_buckets(
    sigs: np.ndarray, band: int, rows: int, subset: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The bucket of every row of ``sigs`` (or of its rows ``subset``, in that order) in ``band``
    (rows with equal values on all of the band's ``rows`` share one) and each bucket's size.
    Only the band's columns are copied: a subset of a large matrix is never gathered whole."""
    columns = slice(band * rows, (band + 1) * rows)
    block = np.ascontiguousarray(sigs[:, columns] if subset is None else sigs[subset, columns])
    keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return inverse.ravel(), counts


def lsh_candidates(sigs: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
    """Pairs (a < b) of documents whose signatures agree on all rows of at least one band."""
    pairs: set[tuple[int, int]] = set()
    n = sigs.shape[0]
    if n < 2:
        return pairs
    for band in range(bands):
        inverse, counts = band_buckets(sigs, band, rows)
        shared = np.flatnonzero(counts[inverse] > 1)
        if shared.size == 0:
            continue
        order = shared[np.argsort(inverse[shared], kind="stable")]
        groups = np.split(order, np.flatnonzero(np.diff(inverse[order])) + 1)
        for g in groups:
            pairs.update(itertools.combinations(sorted(g.tolist()), 2))
    return pairs


# ---- verification ------------------------------------------------------------------------
def shingle_sets(hashes: np.ndarray, offsets: np.ndarray, docs: Sequence[int]) -> dict[int, np.ndarray]:
    """Sorted unique shingle hashes of the given documents: views of ``hashes``, which holds
    each document's distinct shingles sorted (the sketches frame's ``shingles``)."""
    return {d: hashes[offsets[d] : offsets[d + 1]] for d in docs}


def verify(
    candidates: set[tuple[int, int]], hashes: np.ndarray, offsets: np.ndarray, sigs: np.ndarray, settings: Settings
) -> pl.DataFrame:
    """Exact Jaccard and containment of every candidate pair; the pairs frame."""
    docs = sorted({d for pair in candidates for d in pair})
    sets = shingle_sets(hashes, offsets, docs)
    rows = []
    for a, b in sorted(candidates):
        sa, sb = sets[a], sets[b]
        inter = np.intersect1d(sa, sb, assume_unique=True).size
        union = sa.size + sb.size - inter
        small = min(sa.size, sb.size)
        jaccard = inter / union if union else 0.0
        containment = inter / small if small else 0.0
        near = bool(
            jaccard >= settings.near_duplicate_jaccard
            or (containment >= settings.near_duplicate_containment and small >= 20)
        )
        estimate = float(np.mean(sigs[a] == sigs[b])) if sigs.shape[1] else 0.0
        rows.append(
            {
                "a": a,
                "b": b,
                "estimate": estimate,
                "jaccard": jaccard,
                "containment": containment,
                "near_duplicate": near,
            }
        )
    return pl.DataFrame(rows, schema=frames.PAIRS) if rows else frames.empty(frames.PAIRS)


def sketch(documents: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Documents frame in; sketches frame out (see :data:`compare.frames.SKETCHES`): each
    document's distinct shingles and MinHash signature, which depend on that document alone
    (and on :data:`SKETCH_SETTINGS`), so a cache can keep them."""
    if documents.height == 0:
        return frames.empty(frames.SKETCHES)
    hashes, offsets = shingle_hashes(documents.get_column("text"), settings.shingle_size)
    sigs = signatures(hashes, offsets, permutations(settings.num_perm, settings.seed))
    doc_ids = documents.get_column("doc_id").to_numpy()
    shingles = (
        pl.DataFrame({"doc_id": np.repeat(doc_ids, np.diff(offsets)), "h": hashes})
        .group_by("doc_id")
        .agg(pl.col("h").unique().sort().alias("shingles"))
    )
    return (
        pl.DataFrame({"doc_id": doc_ids, "signature": pl.Series(sigs).cast(pl.List(pl.UInt32))})
        .join(shingles, on="doc_id", how="left", maintain_order="left")
        .with_columns(pl.col("shingles").fill_null(pl.lit([], dtype=pl.List(pl.UInt32))))
        .select(list(frames.SKETCHES))
    )


def compare_sketches(
    sketches: pl.DataFrame, settings: Settings, candidates: Candidates | None = None
) -> tuple[pl.DataFrame, np.ndarray]:
    """Sketches frame in (doc_id 0..n-1 in order); pairs frame (see
    :data:`compare.frames.PAIRS`) and the signature matrix (one row per document) out.

    Up to ``all_pairs_max_docs`` documents every pair is verified (the report's full
    similarity table); beyond that only the LSH candidates, found by ``candidates``
    (:func:`lsh_candidates` by default; an engine may find the same pairs elsewhere).
    """
    n_docs = sketches.height
    if n_docs == 0:
        return frames.empty(frames.PAIRS), np.empty((0, settings.num_perm), dtype=np.uint32)
    sigs = sketches.get_column("signature").list.to_array(settings.num_perm).to_numpy()
    counts = sketches.get_column("shingles").list.len().to_numpy().astype(np.int64)
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    hashes = sketches.get_column("shingles").explode().drop_nulls().to_numpy().astype(np.uint32)
    if n_docs <= settings.all_pairs_max_docs:
        pairs = set(itertools.combinations(range(n_docs), 2))
    else:
        pairs = (candidates or lsh_candidates)(sigs, *lsh_params(settings))
    return verify(pairs, hashes, offsets, sigs, settings), sigs


def similarity(documents: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, np.ndarray]:
    """Documents frame in; pairs frame and signature matrix out: :func:`sketch`, then
    :func:`compare_sketches`."""
    return compare_sketches(sketch(documents, settings), settings)


def clusters(pairs: pl.DataFrame, sizes: Sequence[int]) -> list[list[int]]:
    """Connected components of the near-duplicate graph, each with two or more members,
    the most complete member (most words) first; ordered by their first member."""
    sets: UnionFind[int] = UnionFind()
    for a, b in pairs.filter(pl.col("near_duplicate")).select("a", "b").iter_rows():
        sets.union(a, b)
    return clusters_of(sets.groups().values(), sizes)


def clusters_of(groups: Iterable[list[int]], sizes: Sequence[int]) -> list[list[int]]:
    """The clusters of :func:`clusters` from the graph's connected components (however found)."""
    out = [sorted(g, key=lambda d: (-sizes[d], d)) for g in groups if len(g) > 1]
    return sorted(out, key=lambda g: min(g))
