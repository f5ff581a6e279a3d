"""How time and peak memory of the similarity stage grow with corpus size.

Each size runs in a fresh Python process (so peak RSS is the stage's own, not the test
session's): ingest the folder, then ``similarity.similarity`` on the LSH path. The same
process first measures its RSS after importing ``compare`` and warming the compiled
kernels, the baseline every run pays. Sizes: 1,000 documents always; 10,000 with
``BENCH_LARGE=1``; 100,000 with ``BENCH_HUGE=1`` (writes ~360 MB of text to a temporary
folder). The table at the end of the run shows seconds and peak memory per size and the
growth factors between sizes (near-linear growth means ~10x time per 10x documents).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

SIZES = (
    [1000]
    + ([10_000] if os.environ.get("BENCH_LARGE") == "1" or os.environ.get("BENCH_HUGE") == "1" else [])
    + ([100_000] if os.environ.get("BENCH_HUGE") == "1" else [])
)
PEAK_LIMIT = 4 * 1024**3
"""Acceptance: the stage's peak memory for 100,000 documents stays under 4 GB."""

_RUN = r"""
import json, sys, time
from pathlib import Path
import numpy as np, polars as pl
from compare.documents import similarity
from compare.documents.ingest import ingest
from compare.settings import Settings
settings = Settings(all_pairs_max_docs=1)
warm = pl.DataFrame({"doc_id": [0, 1], "text": ["a b c d", "a b c e"]})
similarity.similarity(warm, Settings())  # load compiled kernels before measuring
def hwm():  # peak RSS of this process image (ru_maxrss would carry the parent's peak across exec)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
base = hwm()
t0 = time.perf_counter()
documents, _ = ingest(Path(sys.argv[1]), settings)
pairs, _ = similarity.similarity(documents, settings)
seconds = time.perf_counter() - t0
peak = hwm()
print(json.dumps({"seconds": seconds, "peak": peak, "baseline": base, "pairs": pairs.height,
                  "near": int(pairs["near_duplicate"].sum()), "docs": documents.height}))
"""


@pytest.mark.parametrize("size", SIZES)
def test_similarity_scale(corpus_factory, results, size):
    """Wall time and peak RSS of ingest + similarity on ``size`` documents, in a fresh process."""
    c = corpus_factory(size)
    out = subprocess.run([sys.executable, "-c", _RUN, str(c.folder)], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["docs"] == size
    assert got["near"] >= 0.95 * len(c.truth.near_duplicates)
    results[(size, "scale")] = got | {"bytes": c.bytes}
    if size >= 100_000:
        assert got["peak"] < PEAK_LIMIT, f"peak memory {got['peak'] / 1e9:.2f} GB"
