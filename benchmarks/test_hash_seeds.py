"""Same bytes under any hash seed, at scale: 1,000 generated articles, one added, cached reruns.

The CLI as a user runs it, each run a fresh process with its own ``PYTHONHASHSEED``:

- a first run fills the cache (seed 101);
- an article is added (a near copy of the middle one, as in ``test_cache_speed.py``) and
  the rerun from that cache is made ``TRIES`` times, each with the cache put back and a
  different seed (201, 202, ...);
- two cold runs of the grown folder with ``--no-cache`` (seeds 301, 302).

Every rerun's ``findings.json`` and ``report.md`` must equal the cold runs' byte for byte,
and the two cold runs each other; and what the first run stores for the next (the candidate
pairs' state) must be the same under another seed (102). Not timed: a correctness check at a size the test suite
does not reach (``make bench`` runs it; ``BENCH_SEED_DOCS`` sets the size).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl

SIZE = int(os.environ.get("BENCH_SEED_DOCS", "1000"))
TRIES = 5
OUTPUTS = ("findings.json", "report.md")


def _cli(corpus: Path, out: Path, seed: int, *extra: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(corpus), "--out", str(out), "-q", *extra],
        capture_output=True, text=True, timeout=1800, env=env, cwd=out.parent,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _stored(cache: Path) -> dict[str, pl.DataFrame]:
    """The state tables a run stored for the next (blocking and passages), by name: their
    files' names hold a random token, their contents must not."""
    return {path.name.split(".")[0]: pl.read_parquet(path) for path in sorted(cache.glob("*/*-*.parquet"))}


def test_reruns_and_cold_runs_agree_under_every_hash_seed(corpus_factory, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_factory(SIZE).folder, corpus)
    cache, before = tmp_path / "cache", tmp_path / "cache-before"
    _cli(corpus, tmp_path / "first", 101, "--cache", str(cache))
    shutil.copytree(cache, before)
    other = tmp_path / "cache-102"
    _cli(corpus, tmp_path / "first102", 102, "--cache", str(other))
    first, second = _stored(cache), _stored(other)
    assert first.keys() == second.keys() and all(first[name].equals(second[name]) for name in first)
    files = sorted(corpus.glob("*.txt"))
    text = files[len(files) // 2].read_text(encoding="utf-8")
    (corpus / "zz_new_article.txt").write_text(text.replace(" the ", " a ", 3) + "\nOne more line.\n", "utf-8")

    cold = _cli(corpus, tmp_path / "cold301", 301, "--no-cache")
    assert _cli(corpus, tmp_path / "cold302", 302, "--no-cache") == cold
    for i in range(TRIES):
        shutil.rmtree(cache)
        shutil.copytree(before, cache)
        seed = 201 + i
        assert _cli(corpus, tmp_path / f"rerun{seed}", seed, "--cache", str(cache)) == cold, f"PYTHONHASHSEED={seed}"
