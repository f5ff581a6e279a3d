"""The local engine: the per-document stages over batches of documents, on every core.

Everything before the cross-document comparison reads one document at a time
(:func:`per_document_batch`: normalize, segment, values, features, sketch, passage tokens).
The engine cuts the documents into contiguous batches in document order, runs the batch
function in worker processes and in the calling process at once (each takes the next batch
when it is done with one, so a slow batch or a worker's start-up does not hold up the rest),
and concatenates the results in batch order: the same frames, row for row, as one call on all
documents (tested). A distributed engine maps the same function over its partitions.

Small corpora run in the calling process: starting a worker (importing polars, numba and
NLTK) costs about a second, more than a few hundred kilobytes of text take.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np
import polars as pl

from .. import frames
from ..documents import similarity
from ..documents.passages import tokenize
from ..frames import PerDocument
from ..settings import Settings
from ..statements.facts import document_mentions
from ..statements.features import features as features_stage
from ..statements.segment import segment
from ..statements.values import values as values_stage
from ..text.normalize import normalize

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
Advance = Callable[[int, int], None]
"""Told ``(documents done, documents in all)`` as batches are done."""

MIN_POOL_BYTES = 2_000_000
"""Corpora of fewer bytes (to compute) run in the calling process: a worker's start-up
(about a second) would cost more than it saves."""
BATCH_BYTES = 400_000
"""Bytes of text per batch, about 150 news articles: small enough that the processes finish
close together, large enough that handing a batch over costs little next to computing it."""


def concat(parts: list[PerDocument]) -> PerDocument:
    """The frames of consecutive batches, one after the other. The parts are consumed: each
    frame of theirs is dropped once copied into the whole, so a large corpus never holds its
    per-document frames twice over (only the largest kind of frame, while it is copied)."""
    if len(parts) == 1:
        return parts[0]
    out = {}
    for field in dataclasses.fields(PerDocument):
        out[field.name] = pl.concat([getattr(p, field.name) for p in parts], rechunk=True)
        empty = out[field.name].clear()
        for p in parts:
            setattr(p, field.name, empty)
    return PerDocument(**out)


@dataclass(frozen=True)
class Batch:
    """What :func:`per_document_batch` needs besides the documents: the settings, whether to
    make passage tokens, and the datasketch parameters (so a worker never imports datasketch)."""

    settings: Settings
    tokens: bool
    derived: dict[str, list]


def per_document_batch(documents: pl.DataFrame, batch: Batch) -> PerDocument:
    """Every per-document stage on a batch of documents (a documents frame, see
    :data:`compare.frames.DOCUMENTS`): lines, statements, values, features, sketches, fact
    mentions and, when ``batch.tokens``, passage tokens. Depends on nothing but its arguments."""
    similarity.use_derived(batch.derived)
    lines = normalize(documents)
    segmented = segment(lines)
    claims = segmented.filter(pl.col("kind") == "claim")
    tokens = tokenize(lines, batch.settings.passage_seed_words) if batch.tokens else frames.empty(frames.TOKENS)
    values = values_stage(claims)
    statements = segmented.drop("stems")  # read by the features alone
    return PerDocument(
        lines=lines,
        statements=statements,
        values=values,
        sketches=similarity.sketch(documents, batch.settings),
        tokens=tokens,
        features=features_stage(claims, values),
        mentions=document_mentions(statements),
    )


def batches(documents: pl.DataFrame, size: int = BATCH_BYTES) -> list[pl.DataFrame]:
    """``documents`` cut into contiguous slices of about ``size`` bytes of text each (a slice
    ends after the document that reaches the size), in order."""
    sizes = documents.get_column("bytes").to_list()
    out, start, acc = [], 0, 0
    for i, n in enumerate(sizes):
        acc += n
        if acc >= size:
            out.append(documents.slice(start, i + 1 - start))
            start, acc = i + 1, 0
    if start < len(sizes) or not out:
        out.append(documents.slice(start))
    return out


def _worker_start() -> None:
    """A worker lives for one run and keeps what it builds until it returns it: the cyclic
    collector would only rescan those objects (as the CLI, the worker runs without it)."""
    gc.disable()


def jobs_default() -> int:
    """Processes to use by default: every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class LocalEngine:
    """Runs the per-document batch function in ``jobs`` processes (the calling one included)."""

    jobs: int = 0
    """Processes in all; 0 means one per core (:func:`jobs_default`), 1 the calling process only."""
    min_pool_bytes: int = MIN_POOL_BYTES
    batch_bytes: int = BATCH_BYTES

    @contextlib.contextmanager
    def session(self, documents: pl.DataFrame) -> Iterator[Session]:
        """A session for computing ``documents``: worker processes are started at once when
        they are worth it, so their start-up overlaps whatever the caller does before
        :meth:`Session.per_document` (such as computing the datasketch parameters); they are
        stopped when the session ends."""
        jobs = self.jobs or jobs_default()
        total = int(documents.get_column("bytes").sum() or 0) if documents.height else 0
        parts = batches(documents, self.batch_bytes) if jobs > 1 and total >= self.min_pool_bytes else []
        if len(parts) < 2:
            yield Session(None, 0, parts)
            return
        workers = min(jobs - 1, len(parts) - 1)
        # loaded only here, when processes are worth starting (never on a rerun of a few new articles)
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_start) as pool:
            for _ in range(workers):
                pool.submit(_ready)  # start the workers now (the pool starts them on demand)
            yield Session(pool, workers, parts)

    def per_document(self, documents: pl.DataFrame, batch: Batch) -> PerDocument:
        """:func:`per_document_batch` on ``documents``, spread over the processes."""
        with self.session(documents) as session:
            return session.per_document(documents, batch)

    def compare_sketches(self, sketches: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, np.ndarray]:
        """The near-duplicate pairs: :func:`compare.documents.similarity.compare_sketches`."""
        return similarity.compare_sketches(sketches, settings)

    def clusters(self, pairs: pl.DataFrame, sizes: Sequence[int]) -> list[list[int]]:
        """The near-duplicate clusters: :func:`compare.documents.similarity.clusters`."""
        return similarity.clusters(pairs, sizes)


class Engine(Protocol):
    """Where the stages run (:class:`LocalEngine`, or the Spark engine of the spark extra):
    the per-document batch function, the document LSH and the near-duplicate components.
    Whatever runs them, the results are the same."""

    def session(self, documents: pl.DataFrame) -> contextlib.AbstractContextManager[Any]:
        """A context whose value has ``per_document(documents, batch)`` (workers started early)."""
        ...

    def per_document(self, documents: pl.DataFrame, batch: Batch, advance: Advance | None = None) -> PerDocument:
        """:func:`per_document_batch` on ``documents`` (``advance(done, total)`` as batches finish)."""
        ...

    def compare_sketches(self, sketches: pl.DataFrame, settings: Settings) -> tuple[pl.DataFrame, np.ndarray]:
        """:func:`compare.documents.similarity.compare_sketches` (the same pairs)."""
        ...

    def clusters(self, pairs: pl.DataFrame, sizes: Sequence[int]) -> list[list[int]]:
        """:func:`compare.documents.similarity.clusters` (the same clusters)."""
        ...


def _ready() -> None:
    """Nothing: submitted once per worker so that it starts."""


@dataclass
class Session:
    """Worker processes (or none) and the batches of one corpus (see :meth:`LocalEngine.session`)."""

    pool: ProcessPoolExecutor | None
    workers: int
    parts: list[pl.DataFrame]

    def per_document(self, documents: pl.DataFrame, batch: Batch, advance: Advance | None = None) -> PerDocument:
        """:func:`per_document_batch` on the session's documents; ``advance(done, total)`` is
        called as batches are done, when given and there is more than one batch (in this
        process the documents are then computed batch by batch: the same frames)."""
        if self.pool is None:
            parts = batches(documents, BATCH_BYTES) if advance is not None else []
            if len(parts) < 2:
                return per_document_batch(documents, batch)
            done = 0
            results = []
            for part in parts:
                results.append(per_document_batch(part, batch))
                done += part.height
                advance(done, documents.height)  # type: ignore[misc]
            return concat(results)
        tally = _Tally(documents.height, advance)
        return concat(_map_here_and_there(per_document_batch, self.parts, batch, self.pool, self.workers, tally))


class _Tally:
    """Documents done across the threads handing batches out, told to ``advance`` (if any)."""

    def __init__(self, total: int, advance: Advance | None) -> None:
        """Nothing done yet of ``total``."""
        self.total, self.advance, self.done = total, advance, 0
        self.lock = threading.Lock()

    def add(self, n: int) -> None:
        """``n`` more documents are done."""
        if self.advance is None:
            return
        with self.lock:
            self.done += n
            self.advance(self.done, self.total)


def _map_here_and_there(
    fn: Callable[[pl.DataFrame, Batch], T],
    parts: list[pl.DataFrame],
    batch: Batch,
    pool: ProcessPoolExecutor,
    workers: int,
    tally: _Tally | None = None,
) -> list[T]:
    """``[fn(p, batch) for p in parts]``, computed by the ``workers`` processes of ``pool``
    and by the calling thread, each taking the next part when done with one; results in
    ``parts`` order."""
    results: list[T | None] = [None] * len(parts)
    lock = threading.Lock()
    position = 0
    errors: list[BaseException] = []

    def take() -> int | None:
        nonlocal position
        with lock:
            if errors or position >= len(parts):
                return None
            position += 1
            return position - 1

    def feed() -> None:
        try:
            while (i := take()) is not None:
                results[i] = pool.submit(fn, parts[i], batch).result()
                if tally is not None:
                    tally.add(parts[i].height)
        except BaseException as exc:  # handed to the calling thread
            errors.append(exc)

    feeders = [threading.Thread(target=feed, name=f"compare-feed-{k}", daemon=True) for k in range(workers)]
    for t in feeders:
        t.start()
    try:
        while (i := take()) is not None:
            results[i] = fn(parts[i], batch)
            if tally is not None:
                tally.add(parts[i].height)
    except BaseException as exc:
        errors.append(exc)
    for t in feeders:
        t.join()
    if errors:  # Ctrl-C reaches the workers too: their broken pool is not the news
        raise next((e for e in errors if isinstance(e, KeyboardInterrupt)), errors[0])
    return results  # type: ignore[return-value]
