"""Compiled (numba) kernels of the similarity stage, imported only when a batch is large.

Each gives bit-identical results to its numpy twin in :mod:`compare.similarity` (tested);
importing numba and loading the cached machine code costs ~0.7 s, which a rerun that
sketches one new document should not pay.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True, nogil=True)
def chain(words, lengths, per_doc, n):  # pragma: no cover
    """Shingle hashes from word hashes, as :func:`compare.similarity._chain_numpy`."""
    out = np.empty(per_doc.sum(), dtype=np.uint32)
    mul = np.uint64(0x9E3779B97F4A7C15)
    w = 0
    o = 0
    for d in range(lengths.shape[0]):
        length = lengths[d]
        span = n if length >= n else length
        for i in range(per_doc[d]):
            h = words[w + i]
            for k in range(1, span):
                h = h * mul + words[w + i + k]
            out[o] = np.uint32((h ^ (h >> np.uint64(32))) & np.uint64(0xFFFFFFFF))
            o += 1
        w += length
    return out


@numba.njit(parallel=True, cache=True, nogil=True)
def signatures(hv, offsets, a, b):  # pragma: no cover
    """MinHash signatures (datasketch ``affine32``), as :func:`compare.similarity._signatures_numpy`."""
    n_docs = offsets.shape[0] - 1
    n_perm = a.shape[0]
    out = np.empty((n_docs, n_perm), dtype=np.uint32)
    for d in numba.prange(n_docs):
        for p in range(n_perm):
            out[d, p] = np.uint32(0xFFFFFFFF)
        for k in range(offsets[d], offsets[d + 1]):
            x = np.uint64(hv[k])
            for p in range(n_perm):
                v = np.uint32((np.uint64(a[p]) * x + np.uint64(b[p])) & np.uint64(0xFFFFFFFF))
                if v < out[d, p]:
                    out[d, p] = v
    return out
