"""The local engine: the per-document stages over batches in worker processes give the frames
of one call on every document, row for row, and the same findings."""

from __future__ import annotations

import concurrent.futures
import contextlib
import shutil
from pathlib import Path

import polars as pl
import pytest

import compare
from compare import pipeline
from compare.documents.ingest import ingest
from compare.engines import local as engine
from compare.engines.local import Batch, LocalEngine, batches, per_document_batch
from compare.settings import Settings

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
SEEDS = Path(__file__).parents[1] / "seeds"
FRAMES = ("lines", "statements", "values", "sketches", "tokens", "features")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Harbor-fire and the seeds, each also under a second name with a sentence added: 14 files."""
    folder = tmp_path_factory.mktemp("engine") / "in"
    folder.mkdir()
    for source in (*sorted(HARBOR.glob("*.txt")), *sorted(SEEDS.glob("*.txt"))):
        text = source.read_text(encoding="utf-8")
        (folder / source.name).write_text(text, encoding="utf-8")
        (folder / f"z_{source.name}").write_text(text + "\nThe mayor said 12 people were hurt.\n", encoding="utf-8")
    return folder


def _documents(folder: Path) -> pl.DataFrame:
    documents, _ = ingest(folder, Settings())
    return documents


def test_batches_cut_the_documents_in_order(corpus: Path) -> None:
    documents = _documents(corpus)
    parts = batches(documents, 20_000)
    assert len(parts) > 3
    assert pl.concat(parts).equals(documents)
    assert all(p.height for p in parts)
    # every batch but the last reaches the size, and only with its last document
    for p in parts[:-1]:
        sizes = p.get_column("bytes").to_list()
        assert sum(sizes) >= 20_000 and sum(sizes[:-1]) < 20_000
    assert [p.height for p in batches(documents.head(0), 10)] == [0]


def test_worker_processes_give_the_frames_of_one_call(corpus: Path) -> None:
    documents = _documents(corpus)
    settings = Settings()
    batch = Batch(settings, tokens=True, derived=pipeline.derive(settings))
    whole = per_document_batch(documents, batch)
    pooled = LocalEngine(jobs=2, min_pool_bytes=0, batch_bytes=15_000).per_document(documents, batch)
    for name in FRAMES:
        assert getattr(pooled, name).equals(getattr(whole, name)), name
    assert whole.statements.height > 100 and whole.tokens.height > 1000


def test_a_small_corpus_stays_in_the_calling_process(corpus: Path, monkeypatch) -> None:
    """Below min_pool_bytes no worker is started (a worker's start-up costs about a second)."""
    documents = _documents(corpus)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    with LocalEngine(jobs=4).session(documents) as session:
        assert session.pool is None
    with LocalEngine(jobs=1, min_pool_bytes=0, batch_bytes=1000).session(documents) as session:
        assert session.pool is None


def test_findings_are_the_same_for_any_number_of_processes(corpus: Path, tmp_path: Path) -> None:
    """Cold, and cached after a file was added: the findings of 2 processes (tiny batches) are
    those of the calling process alone."""
    documents, skipped = ingest(corpus, Settings())
    settings = Settings()
    alone = pipeline.compare_documents(documents, skipped, settings, engine=LocalEngine(jobs=1))
    pooled = pipeline.compare_documents(
        documents, skipped, settings, engine=LocalEngine(jobs=2, min_pool_bytes=0, batch_bytes=15_000)
    )
    assert pooled.to_json() == alone.to_json()

    folder = tmp_path / "grown"
    shutil.copytree(corpus, folder)
    store = tmp_path / "cache"
    with contextlib.chdir(tmp_path):
        compare.run(folder, cache=store, jobs=2)
        (folder / "zz_more.txt").write_text((HARBOR / "b_daily.txt").read_text(encoding="utf-8") + "\nMore.\n")
        cold = compare.run(folder, jobs=1)
        rerun = compare.run(folder, cache=store, jobs=2)
    assert rerun.to_json() == cold.to_json() and rerun.from_cache == 14


def _fails(documents: pl.DataFrame, batch: Batch) -> engine.PerDocument:
    if documents.get_column("doc_id").to_list()[0] > 0:
        raise ValueError("a batch failed")
    return per_document_batch(documents, batch)


def test_an_error_in_a_batch_is_raised_to_the_caller(corpus: Path) -> None:
    documents = _documents(corpus)
    settings = Settings()
    batch = Batch(settings, tokens=True, derived=pipeline.derive(settings))
    with (
        LocalEngine(jobs=2, min_pool_bytes=0, batch_bytes=15_000).session(documents) as session,
        pytest.raises(ValueError, match="a batch failed"),
    ):
        assert session.pool is not None
        engine._map_here_and_there(_fails, session.parts, batch, session.pool, session.workers)


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_a_bad_number_of_jobs_is_a_usage_error(bad, tmp_path: Path) -> None:
    with pytest.raises(compare.UsageError, match="jobs"):
        compare.run(HARBOR, jobs=bad)


def test_the_command_line_loads_no_process_pool_page_or_cache_admin() -> None:
    """What a run on a few new articles never uses is loaded when used: the process pool
    (multiprocessing), the HTML page and the cache commands (a rerun's start-up)."""
    import subprocess
    import sys

    code = "import sys, compare.cli; print(sorted(m for m in sys.modules if m in NAMES))"
    names = ["multiprocessing", "concurrent.futures.process", "compare.report.html", "compare.incremental.cache_admin"]
    command = [sys.executable, "-c", f"NAMES = {names!r}; {code}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
