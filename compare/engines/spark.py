"""The Spark engine: the same stage functions as the local engine, run on a Spark cluster.

Spark only decides where the project's own functions run; the findings are the local
engine's (tested on seeds/, harbor-fire and a generated corpus):

- *per-document*: the documents are cut into the local engine's batches (:func:`batches`),
  one Spark task each; every task runs :func:`per_document_batch` inside ``mapInArrow`` and
  returns the six frames as Arrow IPC. The driver concatenates them in batch order, which is
  the frames of one call on every document (as the local engine's worker processes).
- *document LSH*: the signature matrix is cut into row blocks, each banded on the executors
  (``mapInArrow``); documents sharing a band key become candidates by a self-join on
  (band, key), a shuffle. The candidates are verified exactly by the shared
  :func:`compare.documents.similarity.verify` on the driver.
- *near-duplicate clusters*: connected components of the near-duplicate pairs by the
  large-star / small-star joins over DataFrames (:func:`components`), no GraphFrames jar.

Everything after those (passages, claim candidates, scores, conflicts, groups, findings) runs
the pipeline's own code on the driver, so a later stage change reaches both engines.

``import compare`` never imports pyspark: this module imports it only when a session starts.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from ..documents import similarity
from ..errors import UsageError
from ..frames import PerDocument
from ..settings import Settings
from .local import BATCH_BYTES, Advance, Batch, batches, per_document_batch

FRAME_NAMES = ("lines", "statements", "values", "sketches", "tokens", "features", "mentions")
"""The frames of :class:`compare.frames.PerDocument`, in field order."""
INSTALL_HINT = "the Spark engine needs the spark extra (pip install 'compare-sources[spark]') and Java 17 or later"
SIGNATURE_BLOCK = 4096
"""Documents' signatures banded per Spark task."""


def check_available() -> None:
    """Raise :class:`UsageError` (one line, exit code 2) unless PySpark, pyarrow and a Java
    runtime are installed: checked before any work starts."""
    missing = [name for name in ("pyspark", "pyarrow") if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(f"{INSTALL_HINT}; not installed: {', '.join(missing)}")
    if java_binary() is None:
        raise UsageError(f"{INSTALL_HINT}; no java found (on PATH or in JAVA_HOME)")


def java_binary() -> str | None:
    """The ``java`` Spark would start: ``$JAVA_HOME/bin/java``, else the one on PATH; None if neither."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def start(master: str | None = None, config: dict[str, str] | None = None) -> Any:
    """A Spark session on ``master`` with ``config``: with no master, spark-submit's when run
    under it, else ``local[*]``. On a local master the Python workers run this interpreter
    (and so see its packages) and no web UI is started."""
    from pyspark.sql import SparkSession

    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        master = "local[*]"
    builder = SparkSession.builder.appName("compare-sources")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # read when the context starts
        builder = builder.config("spark.ui.enabled", "false")
    builder = builder.config("spark.ui.showConsoleProgress", "false")  # stderr is the job's progress
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _ipc(frame: pl.DataFrame) -> bytes:
    """``frame`` as Arrow IPC bytes (polars' dtypes, nested lists and arrays included, survive)."""
    buffer = io.BytesIO()
    frame.write_ipc(buffer, compression="lz4")
    return buffer.getvalue()


def _frame(payload: bytes) -> pl.DataFrame:
    """The frame of :func:`_ipc`'s bytes."""
    return pl.read_ipc(io.BytesIO(payload))


def _batch_task(batch: Batch) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function of the per-document stage: each row (batch number,
    documents as IPC) becomes six rows (batch number, frame name, frame as IPC)."""

    def run(record_batches: Iterator[Any]) -> Iterator[Any]:
        """:func:`per_document_batch` on every batch of documents the task holds."""
        import pyarrow as pa

        for records in record_batches:
            numbers, payloads = records.column("batch").to_pylist(), records.column("documents").to_pylist()
            for number, payload in zip(numbers, payloads, strict=True):
                result = per_document_batch(_frame(payload), batch)
                yield pa.RecordBatch.from_pydict(
                    {
                        "batch": [number] * len(FRAME_NAMES),
                        "frame": list(FRAME_NAMES),
                        "payload": [_ipc(getattr(result, name)) for name in FRAME_NAMES],
                    }
                )

    return run


def _band_task(bands: int, rows: int) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function of the document LSH: a block of signatures (first
    document, matrix bytes) becomes one row (band, key, doc) per document and band."""

    def run(record_batches: Iterator[Any]) -> Iterator[Any]:
        """The band keys of every block the task holds (a band's rows as bytes)."""
        import pyarrow as pa

        for records in record_batches:
            for first, n, payload in zip(*(records.column(c).to_pylist() for c in ("first", "n", "sigs")), strict=True):
                sigs = np.frombuffer(payload, dtype=np.uint32).reshape(n, -1)
                for band in range(bands):
                    block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
                    yield pa.RecordBatch.from_pydict(
                        {
                            "band": pa.array(np.full(n, band, dtype=np.int32)),
                            "key": pa.array([row.tobytes() for row in block], type=pa.binary()),
                            "doc": pa.array(np.arange(first, first + n, dtype=np.int64)),
                        }
                    )

    return run


@dataclass
class SparkEngine:
    """Runs the per-document batch function, the document LSH and the near-duplicate
    components on Spark: the active session if there is one, else one on ``master``
    (``local[2]``, ``spark://host:7077``, ``yarn``, ``k8s://...``; None: spark-submit's
    master, else ``local[*]``)."""

    master: str | None = None
    batch_bytes: int = BATCH_BYTES
    _spark: Any = field(default=None, init=False, repr=False)
    _owned: bool = field(default=False, init=False, repr=False)

    def spark(self) -> Any:
        """The Spark session: the active one (``spark-submit``, tests), else one started on
        :attr:`master` and stopped by :meth:`close`."""
        if self._spark is None:
            check_available()
            from pyspark.sql import SparkSession

            active = SparkSession.getActiveSession()
            self._spark, self._owned = (active, False) if active is not None else (start(self.master), True)
        return self._spark

    def close(self) -> None:
        """Stop the session if this engine started it."""
        if self._spark is not None and self._owned:
            self._spark.stop()
        self._spark, self._owned = None, False

    @contextlib.contextmanager
    def session(self, documents: pl.DataFrame) -> Iterator[SparkEngine]:
        """The engine itself (a session of the local engine's shape): the Spark session starts
        now, so its start-up comes before the per-document stage rather than inside it."""
        if documents.height:
            self.spark()
        yield self

    def per_document(self, documents: pl.DataFrame, batch: Batch, advance: Advance | None = None) -> PerDocument:
        """:func:`per_document_batch` on ``documents``, one Spark task per batch; the frames
        of one call on every document. ``advance(done, total)`` is called once, when all are done
        (the tasks run on the cluster; the driver sees them finish together)."""
        if documents.height == 0:
            return per_document_batch(documents, batch)
        parts = batches(documents, self.batch_bytes)
        spark = self.spark()
        rows = [(i, _ipc(part)) for i, part in enumerate(parts)]
        frame = spark.sparkContext.parallelize(rows, len(rows)).toDF("batch long, documents binary")
        del rows  # the documents are in the JVM now
        table = frame.mapInArrow(_batch_task(batch), "batch long, frame string, payload binary").toArrow()
        numbers, names = table.column("batch").to_pylist(), table.column("frame").to_pylist()
        payloads = table.column("payload")
        rows_of: dict[str, list[tuple[int, int]]] = {}  # frame name -> (batch, row of the table)
        for k, (number, name) in enumerate(zip(numbers, names, strict=True)):
            rows_of.setdefault(name, []).append((number, k))
        if advance is not None:
            advance(len(parts), len(parts))
        # one kind of frame at a time, in batch order (as the local engine's concat): only that
        # kind's decoded batches exist at once besides the collected payloads (driver memory)
        whole = {
            name: pl.concat([_frame(payloads[k].as_py()) for _, k in sorted(rows)], rechunk=True)
            for name, rows in rows_of.items()
        }
        return PerDocument(**whole)

    def compare_sketches(self, sketches: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, np.ndarray]:
        """:func:`compare.documents.similarity.compare_sketches` with the LSH candidates found on Spark."""
        return similarity.compare_sketches(sketches, settings, self.lsh_candidates)

    def lsh_candidates(self, sigs: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
        """Pairs (a < b) of documents whose signatures agree on every row of a band (the
        rule of :func:`compare.documents.similarity.lsh_candidates`): keys made on the
        executors, pairs by a self-join on (band, key)."""
        n = sigs.shape[0]
        if n < 2:
            return set()
        from pyspark.sql import functions as F

        spark = self.spark()
        sigs = np.ascontiguousarray(sigs, dtype=np.uint32)
        blocks = [
            (s, min(SIGNATURE_BLOCK, n - s), sigs[s : s + SIGNATURE_BLOCK].tobytes())
            for s in range(0, n, SIGNATURE_BLOCK)
        ]
        frame = spark.sparkContext.parallelize(blocks, len(blocks)).toDF("first long, n long, sigs binary")
        keys = frame.mapInArrow(_band_task(bands, rows), "band int, key binary, doc long")
        left, right = keys.alias("l"), keys.alias("r")
        joined = left.join(right, (F.col("l.band") == F.col("r.band")) & (F.col("l.key") == F.col("r.key")))
        pairs = joined.where(F.col("l.doc") < F.col("r.doc")).select(
            F.col("l.doc").alias("a"), F.col("r.doc").alias("b")
        )
        table = pairs.distinct().toArrow()
        return set(zip(table.column("a").to_pylist(), table.column("b").to_pylist(), strict=True))

    def clusters(self, pairs: pl.DataFrame, sizes: Sequence[int]) -> list[list[int]]:
        """:func:`compare.documents.similarity.clusters`, its components found on Spark."""
        edges = list(pairs.filter(pl.col("near_duplicate")).select("a", "b").iter_rows())
        groups: dict[int, list[int]] = {}
        for vertex, root in sorted(components(self.spark(), edges).items()) if edges else []:
            groups.setdefault(root, []).append(vertex)
        return similarity.clusters_of(groups.values(), sizes)


def components(spark: Any, edges: list[tuple[int, int]]) -> dict[int, int]:
    """Connected components of the undirected graph of ``edges``: each vertex with an edge ->
    the smallest vertex of its component, by large-star then small-star steps over DataFrame
    joins (Kiveris et al., "Connected components in MapReduce and beyond") until the edges
    stop changing (each component is then a star around its smallest vertex)."""
    if not any(a != b for a, b in edges):
        return {}
    from pyspark.sql import functions as F

    links = sorted({(a, b) for a, b in edges if a != b} | {(b, a) for a, b in edges if a != b})
    current = spark.createDataFrame(links, "u long, v long")
    while True:
        following = _symmetric(_small_star(_symmetric(_large_star(current, F), F), F), F).localCheckpoint()
        if _same(current, following):
            break
        current = following
    table = current.groupBy("u").agg(F.min("v").alias("m")).select("u", F.least("u", "m").alias("root")).toArrow()
    return dict(zip(table.column("u").to_pylist(), table.column("root").to_pylist(), strict=True))


def _large_star(edges: Any, F: Any) -> Any:
    """Every vertex's larger neighbours linked to the smallest of its closed neighbourhood
    (``edges`` symmetric: (u, v) and (v, u) for each edge)."""
    smallest = edges.groupBy("u").agg(F.min("v").alias("m")).select("u", F.least("u", "m").alias("m"))
    return edges.where(F.col("v") > F.col("u")).join(smallest, "u").select(F.col("v").alias("u"), F.col("m").alias("v"))


def _small_star(edges: Any, F: Any) -> Any:
    """Every vertex and its smaller neighbours linked to the smallest of them (``edges`` symmetric)."""
    lower = edges.where(F.col("v") < F.col("u"))
    smallest = lower.groupBy("u").agg(F.min("v").alias("m"))
    moved = lower.join(smallest, "u").select(F.col("v").alias("u"), F.col("m").alias("v"))
    return moved.where(F.col("u") != F.col("v")).unionByName(smallest.select("u", F.col("m").alias("v")))


def _symmetric(edges: Any, F: Any) -> Any:
    """The edges both ways, each once."""
    return edges.unionByName(edges.select(F.col("v").alias("u"), F.col("u").alias("v"))).distinct()


def _same(a: Any, b: Any) -> bool:
    """Whether two edge frames hold the same edges."""
    return a.exceptAll(b).isEmpty() and b.exceptAll(a).isEmpty()
