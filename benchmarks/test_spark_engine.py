"""The Spark engine (``local[2]``) against the local engine in the same run, per stage, on
2,000 generated articles (20,000 with ``BENCH_LARGE=1``): the findings must be equal and the
driver's peak memory under 4 GB; the ratio of the times goes into the benchmark's extra info.
Each engine runs in a fresh process (:mod:`spark_vs_local`). Skipped without PySpark or Java."""

from __future__ import annotations

import os
import shutil

import pytest
from spark_vs_local import run_engine, table

pytest.importorskip("pyspark", reason="the spark extra is not installed")
pytestmark = pytest.mark.skipif(
    shutil.which("java") is None and not os.environ.get("JAVA_HOME"), reason="no Java runtime: Spark cannot start"
)

SIZES = [2000] + ([20_000] if os.environ.get("BENCH_LARGE") == "1" else [])
PEAK_LIMIT = 4 * 1024**3
"""Acceptance: the driver's peak memory on 20,000 articles stays under 4 GB."""


@pytest.mark.parametrize("size", SIZES)
def test_spark_engine_against_the_local_engine(benchmark, corpus_factory, size: int) -> None:
    corpus = corpus_factory(size)
    local = run_engine(corpus.folder, "local")
    spark = benchmark.pedantic(run_engine, args=(corpus.folder, "spark"), rounds=1, iterations=1)
    assert spark["docs"] == local["docs"] == size
    assert spark["digest"] == local["digest"], "the engines' findings differ"
    assert spark["peak"] < PEAK_LIMIT and local["peak"] < PEAK_LIMIT
    benchmark.extra_info.update(
        ratio=spark["seconds"] / local["seconds"],
        local_stages=local["stages"],
        spark_stages=spark["stages"],
        spark_start=spark["start"],
        peaks={"local": local["peak"], "spark": spark["peak"]},
    )
    print("\n" + "\n".join(table([local, spark])))
