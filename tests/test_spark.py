"""The Spark engine (the spark extra, on ``local[2]``) gives the local engine's findings, every
section, on seeds/, harbor-fire and a generated corpus large enough for the document LSH; its
connected components are union-find's; a table input gives the folder's findings; and a
missing Java or PySpark stops the run with one line and exit code 2.

One Spark session serves the module (its start-up costs seconds); skipped only without Java."""

from __future__ import annotations

import importlib.util
import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import cli
from compare.documents.ingest import ingest
from compare.documents.tables import read_table
from compare.engines import spark as spark_engine
from compare.engines.local import LocalEngine
from compare.pipeline import compare_documents
from compare.settings import Settings
from compare.unionfind import UnionFind

ROOT = Path(__file__).resolve().parents[1]
HARBOR = ROOT / "tests" / "fixtures" / "harbor-fire"
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.skipif(spark_engine.java_binary() is None, reason="no Java runtime: Spark cannot start")


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local[2] session for the module, with few shuffle partitions (small data)."""
    session = spark_engine.start("local[2]", {"spark.sql.shuffle.partitions": "4", "spark.default.parallelism": "2"})
    yield session
    session.stop()


def _generated(folder: Path, n_docs: int) -> Path:
    """``n_docs`` articles of the benchmark corpus (planted near duplicates and copied passages)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.write_corpus(folder, n_docs)
    return folder


def _both(folder: Path, batch_bytes: int = 40_000) -> tuple[dict[str, Any], dict[str, Any]]:
    """The findings (``to_dict()``) of the local engine and of the Spark engine on ``folder``;
    small Spark batches so that several tasks run even on a small corpus."""
    settings = Settings()
    documents, skipped = ingest(folder, settings)
    local = compare_documents(documents, skipped, settings, engine=LocalEngine(1)).to_dict()
    engine = spark_engine.SparkEngine("local[2]", batch_bytes=batch_bytes)
    distributed = compare_documents(documents, skipped, settings, engine=engine).to_dict()
    return local, distributed


def _assert_equal(local: dict[str, Any], distributed: dict[str, Any]) -> None:
    """Every section equal, named when one is not."""
    assert list(local) == list(distributed)
    for section in local:
        assert distributed[section] == local[section], section


def test_seeds_give_the_same_findings(spark: Any) -> None:
    local, distributed = _both(SEEDS)
    _assert_equal(local, distributed)
    assert local["repeated"] and local["conflicts"]  # the sections compared are not empty


def test_harbor_fire_gives_the_same_findings(spark: Any) -> None:
    local, distributed = _both(HARBOR, batch_bytes=1)  # one task per document
    _assert_equal(local, distributed)
    assert local["clusters"] and local["passages"]  # components and passages ran


def test_a_generated_corpus_past_the_all_pairs_limit_gives_the_same_findings(spark: Any, tmp_path: Path) -> None:
    folder = _generated(tmp_path / "in", 300)
    assert Settings().all_pairs_max_docs < 300  # so the candidates come from the Spark LSH
    local, distributed = _both(folder, batch_bytes=200_000)
    _assert_equal(local, distributed)
    near = [p for p in local["pairs"] if p["near_duplicate"]]
    assert len(near) > 10 and local["clusters"]


def test_the_spark_candidates_are_the_local_ones(spark: Any, tmp_path: Path) -> None:
    """Band keys on the executors and the self-join give datasketch's banding rule's pairs."""
    from compare.documents import similarity

    settings = Settings()
    documents, _ = ingest(_generated(tmp_path / "in", 120), settings)
    sketches = similarity.sketch(documents, settings)
    sigs = sketches.get_column("signature").list.to_array(settings.num_perm).to_numpy()
    bands, rows = similarity.lsh_params(settings)
    expected = similarity.lsh_candidates(sigs, bands, rows)
    assert expected and spark_engine.SparkEngine("local[2]").lsh_candidates(sigs, bands, rows) == expected


def _union_find_roots(edges: list[tuple[int, int]]) -> dict[int, int]:
    """Each vertex with an edge to another -> its component's smallest vertex, by union-find."""
    sets: UnionFind[int] = UnionFind()
    for a, b in edges:
        if a != b:
            sets.union(a, b)
    return {v: min(group) for group in sets.groups().values() for v in group}


EDGES = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=25)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edges=EDGES)
def test_components_are_union_finds(spark: Any, edges: list[tuple[int, int]]) -> None:
    assert spark_engine.components(spark, edges) == _union_find_roots(edges)


def test_components_of_a_long_path_and_separate_stars(spark: Any) -> None:
    """A path whose vertices come in shuffled order (many rounds) and two stars."""
    order = [7, 3, 12, 0, 9, 14, 1, 11, 5, 13, 2, 8, 10, 4, 6]
    edges = list(itertools.pairwise(order)) + [(20, 25), (25, 21), (22, 25), (30, 31)]
    roots = spark_engine.components(spark, edges)
    assert roots == _union_find_roots(edges)
    assert set(roots.values()) == {0, 20, 30}


def test_a_json_lines_table_of_harbor_gives_the_folders_findings(spark: Any, tmp_path: Path) -> None:
    table = tmp_path / "harbor.jsonl"
    with table.open("w", encoding="utf-8") as out:
        for path in sorted(HARBOR.glob("*.txt"), reverse=True):  # row order does not matter
            row = {"id": path.name, "text": path.read_text(encoding="utf-8"), "outlet": path.stem}
            out.write(json.dumps(row) + "\n")
    settings = Settings()
    documents, skipped = ingest(HARBOR, settings)
    folder = compare_documents(documents, skipped, settings, engine=LocalEngine(1)).to_dict()
    documents, skipped = read_table(table, "jsonl", settings.max_bytes)
    engine = spark_engine.SparkEngine("local[2]")
    _assert_equal(folder, compare_documents(documents, skipped, settings, engine=engine).to_dict())


def test_without_java_the_spark_engine_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    out = tmp_path / "out"
    code = cli.main(["run", str(HARBOR), "--out", str(out), "--engine", "spark", "--no-cache", "-q"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "spark extra" in err and "java" in err


def test_without_pyspark_the_spark_engine_stops_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    out = tmp_path / "out"
    code = cli.main(["run", str(HARBOR), "--out", str(out), "--engine", "spark", "--no-cache", "-q"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "pip install" in err and "pyspark" in err


def test_importing_compare_never_imports_pyspark() -> None:
    code = "import sys, compare, compare.cli, compare.pipeline; print('pyspark' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0 and done.stdout.strip() == "False", done.stderr


def test_the_command_line_runs_the_spark_engine(spark: Any, tmp_path: Path) -> None:
    """``--engine spark --master local[2]`` writes the local engine's findings.json (the
    module's session is reused, and left running)."""
    for engine, out in (("spark", "s"), ("local", "l")):
        argv = ["run", str(HARBOR), "--out", str(tmp_path / out), "--no-cache", "-q", "--engine", engine]
        assert cli.main([*argv, "--master", "local[2]"]) == 0
    read = [json.loads((tmp_path / o / "findings.json").read_text(encoding="utf-8")) for o in ("s", "l")]
    assert read[0] == read[1] and read[0]["clusters"]
    assert not spark.sparkContext._jsc.sc().isStopped()
