"""Speed of the similarity stage against the plain datasketch recipe and a tokenize-only floor.

Three variants run on the same synthetic corpus (see ``corpus.py``):

- ``project``: ``ingest`` then the similarity stage step by step (normalize and shingle,
  MinHash, LSH, verify), as ``similarity.similarity`` runs it, with
  ``all_pairs_max_docs=1`` so the LSH path is taken, as it is at scale (this includes the
  exact verification of every LSH candidate);
- ``datasketch_recipe``: read files, ``lower().split()``, 3-word shingles as bytes,
  ``MinHash.bulk(..., num_perm=128)`` with datasketch's default hash (sha1), then
  ``MinHashLSH`` insert and query at the same threshold (no exact verification);
- ``floor_polars`` / ``floor_re``: read files and tokenize only, the least any method must do.

Timings are wall-clock seconds per round (mean over the rounds); MB/s and docs/s are
recorded in ``benchmark.extra_info`` and summarized at the end of the run (``conftest.py``).
``test_planted_near_duplicates_found`` is a quality check, not a timing one.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import polars as pl
import pytest
from datasketch import MinHash, MinHashLSH

from compare.documents import similarity
from compare.documents.ingest import ingest
from compare.settings import Settings

SIZES = [1000] + ([10_000] if os.environ.get("BENCH_LARGE") == "1" else [])
SETTINGS = Settings(all_pairs_max_docs=1)
ROUNDS = {1000: 3, 10_000: 1}
_WORD = re.compile(r"\w+")
_project_output: dict[int, tuple[pl.DataFrame, pl.DataFrame]] = {}


def project_similarity(folder: Path, stages: dict[str, float]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The project's similarity stage from files on disk; documents and pairs frames out."""
    t0 = time.perf_counter()
    documents, _ = ingest(folder, SETTINGS)
    t1 = time.perf_counter()
    hashes, offsets = similarity.shingle_hashes(documents.get_column("text"), SETTINGS.shingle_size)
    t2 = time.perf_counter()
    sigs = similarity.signatures(hashes, offsets, similarity.permutations(SETTINGS.num_perm, SETTINGS.seed))
    t3 = time.perf_counter()
    candidates = similarity.lsh_candidates(sigs, *similarity.lsh_params(SETTINGS))
    t4 = time.perf_counter()
    pairs = similarity.verify(candidates, hashes, offsets, sigs, SETTINGS)
    t5 = time.perf_counter()
    stages.update(ingest=t1 - t0, shingles=t2 - t1, minhash=t3 - t2, lsh=t4 - t3, verify=t5 - t4)
    return documents, pairs


def datasketch_recipe(files: list[Path], threshold: float, num_perm: int = 128) -> set[tuple[int, int]]:
    """The textbook datasketch near-duplicate recipe; candidate pairs (i < j) out."""
    shingle_sets = []
    for path in files:
        words = path.read_text(encoding="utf-8").lower().split()
        shingle_sets.append({" ".join(words[i : i + 3]).encode("utf-8") for i in range(len(words) - 2)})
    minhashes = MinHash.bulk(shingle_sets, num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(minhashes):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def floor_polars(files: list[Path]) -> int:
    texts = [p.read_text(encoding="utf-8") for p in files]
    tokens = pl.DataFrame({"text": texts}).select(pl.col("text").str.to_lowercase().str.extract_all(r"\w+"))
    return int(tokens.get_column("text").list.len().sum())


def floor_re(files: list[Path]) -> int:
    return sum(len(_WORD.findall(p.read_text(encoding="utf-8").lower())) for p in files)


def _record(benchmark, results: dict, size: int, variant: str, nbytes: int, seconds: list[float], **extra) -> None:
    mean = sum(seconds) / len(seconds)
    figures = {
        "seconds": mean,
        "min_seconds": min(seconds),
        "mb_per_s": nbytes / 1e6 / mean,
        "docs_per_s": size / mean,
        "docs": size,
        "mb": nbytes / 1e6,
        **extra,
    }
    benchmark.extra_info.update(figures)
    results[(size, variant)] = figures


def _timed(fn, seconds: list[float]):
    def run():
        t = time.perf_counter()
        out = fn()
        seconds.append(time.perf_counter() - t)
        return out

    return run


@pytest.mark.parametrize("size", SIZES)
def test_project_similarity(benchmark, corpus_factory, results, size):
    c = corpus_factory(size)
    benchmark.group = f"similarity-{size}"
    seconds: list[float] = []
    stages: dict[str, float] = {}
    documents, pairs = benchmark.pedantic(
        _timed(lambda: project_similarity(c.folder, stages), seconds), rounds=ROUNDS.get(size, 1), iterations=1
    )
    assert documents.height == size
    _project_output[size] = (documents, pairs)
    _record(
        benchmark,
        results,
        size,
        "project",
        c.bytes,
        seconds,
        stages=dict(stages),
        candidates=pairs.height,
        near_duplicates=int(pairs.get_column("near_duplicate").sum()),
    )


@pytest.mark.parametrize("size", SIZES)
def test_datasketch_recipe(benchmark, corpus_factory, results, size):
    c = corpus_factory(size)
    benchmark.group = f"similarity-{size}"
    seconds: list[float] = []
    pairs = benchmark.pedantic(
        _timed(lambda: datasketch_recipe(c.files, SETTINGS.lsh_threshold, SETTINGS.num_perm), seconds),
        rounds=ROUNDS.get(size, 1),
        iterations=1,
    )
    index = {p.name: i for i, p in enumerate(c.files)}
    planted = [(index[t.a], index[t.b]) for t in c.truth.near_duplicates if t.jaccard >= 0.5]
    found = sum((min(a, b), max(a, b)) in pairs for a, b in planted)
    recall = found / len(planted) if planted else 1.0
    _record(
        benchmark, results, size, "datasketch_recipe", c.bytes, seconds, candidates=len(pairs), candidate_recall=recall
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("variant", ["floor_polars", "floor_re"])
def test_floor_tokenize(benchmark, corpus_factory, results, size, variant):
    c = corpus_factory(size)
    benchmark.group = f"similarity-{size}"
    fn = floor_polars if variant == "floor_polars" else floor_re
    seconds: list[float] = []
    n_tokens = benchmark.pedantic(_timed(lambda: fn(c.files), seconds), rounds=ROUNDS.get(size, 1) + 2, iterations=1)
    assert n_tokens > 400 * size
    _record(benchmark, results, size, variant, c.bytes, seconds, tokens=n_tokens)


@pytest.mark.parametrize("size", SIZES)
def test_planted_near_duplicates_found(corpus_factory, results, size):
    """Quality, not speed: at least 90% of the planted pairs with true Jaccard >= 0.5 are
    verified candidates (exact Jaccard computed) or flagged near duplicates; no unrelated
    pair is flagged."""
    c = corpus_factory(size)
    if size not in _project_output:
        _project_output[size] = project_similarity(c.folder, {})
    documents, pairs = _project_output[size]
    doc_id = dict(zip(documents.get_column("path").to_list(), documents.get_column("doc_id").to_list(), strict=True))
    verified = {(a, b): (j, near) for a, b, j, near in pairs.select("a", "b", "jaccard", "near_duplicate").iter_rows()}
    planted = []
    for t in c.truth.near_duplicates:
        if t.jaccard >= 0.5:
            a, b = sorted((doc_id[t.a], doc_id[t.b]))
            planted.append(((a, b), t.jaccard))
    assert planted, "the corpus plants near-duplicate pairs"
    candidates = [verified[key] for key, _ in planted if key in verified]
    near = [1 for j, flagged in candidates if flagged]
    planted_keys = {key for key, _ in planted}
    false_near = sorted(k for k, (_, flagged) in verified.items() if flagged and k not in planted_keys)
    # the exact Jaccard the project computes should be the truth's (same words, same shingles)
    drift = max((abs(verified[k][0] - j) for k, j in planted if k in verified), default=0.0)
    results[(size, "quality")] = {
        "planted": len(planted),
        "candidate_recall": len(candidates) / len(planted),
        "near_recall": len(near) / len(planted),
        "false_near": len(false_near),
        "max_jaccard_drift": drift,
    }
    assert len(candidates) / len(planted) >= 0.9, f"only {len(candidates)} of {len(planted)} planted pairs verified"
    assert len(near) / len(planted) >= 0.9, f"only {len(near)} of {len(planted)} planted pairs flagged near_duplicate"
    assert not false_near, f"unplanted pairs flagged as near duplicates: {false_near[:10]}"
