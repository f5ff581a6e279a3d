"""Incremental reruns: adding one article to 1,000 and rerunning, next to the first run.

Issue 6's acceptance 1 asks that a rerun after adding one article be at least 10x faster
than the first run, with the outputs of a cold run. Each run here is the CLI as a user
runs it (``python -m compare run CORPUS --out OUT --cache CACHE -q``), in a fresh process,
timed from start to exit:

- ``cold``: the first run, empty cache (it fills the cache);
- ``warm_same``: the same folder again (nothing new to read);
- ``warm_plus_one``: one new article added (a near copy of one already there, so it takes
  part in the cross-document comparisons);
- ``no_cache_plus_one``: the same grown folder with ``--no-cache``, whose ``findings.json``
  and ``report.md`` the incremental run must equal byte for byte.

pytest-benchmark times ``warm_plus_one`` in three rounds (``BENCH_CACHE_ROUNDS``), the cache
put back as the first run left it before each, and the median is reported; the other runs
are timed once each in the same session, and the summary prints every time and the ratios
against the cold run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

import compare

SIZE = int(os.environ.get("BENCH_CACHE_DOCS", "1000"))
ROUNDS = int(os.environ.get("BENCH_CACHE_ROUNDS", "3"))
KEY = "cache"


def _cli(corpus: Path, out: Path, *extra: str) -> float:
    """Seconds of one CLI run in a fresh process (exit code checked)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "compare", "run", str(corpus), "--out", str(out), "-q", *extra],
        check=True,
        cwd=out.parent,
    )
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def grown(corpus_factory, tmp_path_factory):
    """A private copy of the 1,000-article corpus and a scratch folder. The package's
    bytecode is compiled first, as an installed package's is (``make bench`` does it too):
    with PYTHONDONTWRITEBYTECODE set and no bytecode, every run would compile every module."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(compare.__file__).parent)], check=True)
    source = corpus_factory(SIZE)
    base = tmp_path_factory.mktemp("cache-bench")
    corpus = base / "corpus"
    shutil.copytree(source.folder, corpus)
    return base, corpus


def test_rerun_after_adding_one_article(benchmark, grown, results) -> None:
    base, corpus = grown
    cache = base / "cache"
    figures: dict[str, float] = {}
    figures["cold"] = _cli(corpus, base / "cold", "--cache", str(cache))
    figures["warm_same"] = _cli(corpus, base / "same", "--cache", str(cache))
    files = sorted(corpus.glob("*.txt"))
    text = files[len(files) // 2].read_text(encoding="utf-8")
    (corpus / "zz_new_article.txt").write_text(text.replace(" the ", " a ", 3) + "\nOne more line.\n", "utf-8")

    # the rerun is timed ROUNDS times, the cache put back as the first run left it before each
    # (so each round adds the article anew): its median is steadier than one run on a shared machine
    before = base / "cache-before"
    shutil.copytree(cache, before)
    times: list[float] = []

    def restore() -> None:
        shutil.rmtree(cache)
        shutil.copytree(before, cache)
        shutil.rmtree(base / "plus_one", ignore_errors=True)

    def plus_one() -> None:
        times.append(_cli(corpus, base / "plus_one", "--cache", str(cache)))

    benchmark.pedantic(plus_one, setup=restore, rounds=ROUNDS, iterations=1)
    figures["warm_plus_one"] = statistics.median(times)
    figures["no_cache_plus_one"] = _cli(corpus, base / "reference", "--no-cache")
    for name in ("findings.json", "report.md"):
        assert (base / "plus_one" / name).read_bytes() == (base / "reference" / name).read_bytes(), name
    benchmark.extra_info.update(figures | {"warm_plus_one_rounds": times})
    results[(SIZE, KEY)] = figures | {"rounds": times}
