"""The per-document cache: what a rerun does not have to compute again.

Every stage before the cross-document comparison depends on one document alone: its
lines (normalize), statements (segment), extracted values, and similarity sketch
(shingles + MinHash signature). The cache keeps those frames in Parquet, keyed by each
file's sha256 under a *cache key* made of the package's whole code (every module and data
file: a change to any of them starts a cold cache), the versions of the
libraries that shape the results and the settings those stages read
(:data:`KEY_SETTINGS`). A rerun after adding one file computes
that file's frames and takes the others from the cache; the cross-document stages
(similarity, passages, matching, conflicts) always run on the whole corpus, so the
findings are exactly those of a cold run.

The cache is append-only: a run that computed new documents writes their rows as a new
*segment* (one Parquet file per table) and leaves the files of earlier runs as they are,
so a rerun after adding one article to a thousand writes one article's rows, not a
thousand's. A small *documents* table says, for every cached sha256, which segment holds
its rows (and where in it), when a run last used it and whether its passage tokens are
stored; it is rewritten on every save. Segments are compacted: one whose documents are
mostly gone (unseen for :data:`KEEP_RUNS` runs, or stored again in a later segment) has
its remaining rows moved into the new segment, and beyond :data:`MAX_SEGMENTS` all but
the largest are merged into it.

Layout of the cache folder::

    CACHEDIR.TAG                     marks the folder as a cache (backup tools skip it) and as ours
    lock                             held (flock) by the run using the cache: a second run waits
    <key>/manifest.json              the segments of that key, and every file's name, sha256, rows
    <key>/documents.<token>.parquet  sha256, last run, tokens stored, segment, number in the segment
    <key>/<table>.<segment>.parquet  the rows of a segment's documents, in document order

Writes are atomic: new files get fresh names, then ``manifest.json`` is replaced in one
rename, then files the manifest no longer names are removed. An interrupted run leaves
the previous manifest and its files intact. Anything that does not check out
(unreadable manifest, checksum, schema or row count mismatch, unknown format) is
reported on stderr and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any, TypeVar

import numpy as np
import polars as pl

from . import frames, similarity
from .codehash import package_digest
from .engine import PerDocument, empty_per_document
from .errors import UsageError
from .settings import Settings

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not serialised
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")

FORMAT = 2
"""Version of the cache layout; a cache of another format is rebuilt. 2: segments."""
DEFAULT_FOLDER = ".compare-cache"
"""Where the CLI keeps its cache unless told otherwise (relative to the working directory)."""
WAIT_SECONDS = 120.0
"""How long a run waits for another run to release the cache before it gives up."""
KEEP_RUNS = 5
"""Documents not seen in this many runs are dropped from the cache (bounds its size)."""
KEEP_KEYS = 3
"""Cache keys (code and sketch settings) whose folders a cache keeps, the current one included:
switching back to recent settings stays warm, older keys are removed."""
MAX_SEGMENTS = 8
"""Segments a cache keeps at most (a load reads every one): beyond, the smaller ones are
merged into the segment a run writes."""
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# compare-sources cache: safe to delete, rebuilt on the next run.\n"
"""CACHEDIR.TAG content: the standard signature line, then our own marker line."""

_DOC = {"doc": pl.Int64}
"""Every stored row is keyed by its document's number in the segment."""
TABLES: dict[str, dict[str, pl.DataType]] = {
    "lines": _DOC | {k: v for k, v in frames.LINES.items() if k != "doc_id"},
    "statements": _DOC
    | {"n": pl.Int64}
    | {k: v for k, v in frames.STATEMENTS.items() if k not in ("stmt_id", "doc_id")},
    "values": _DOC | {"n": pl.Int64} | {k: v for k, v in frames.VALUES.items() if k != "stmt_id"},
    "sketches": _DOC | {k: v for k, v in frames.SKETCHES.items() if k != "doc_id"},
    "tokens": _DOC | {k: v for k, v in frames.TOKENS.items() if k != "doc_id"},
    "features": _DOC | {"n": pl.Int64} | {k: v for k, v in frames.FEATURES.items() if k != "stmt_id"},
}
"""The tables of a segment and their columns: the stage frames with ``doc_id`` replaced by
the document's number in the segment and ``stmt_id`` by the statement's number ``n`` in
its document."""
ORDER: dict[str, str | None] = {
    "lines": "line", "statements": "n", "values": "n", "sketches": None, "tokens": "pos", "features": "n"
}  # fmt: skip
"""Within a document, a table's rows are stored in this column's order (ties in stored
order), which is the order :func:`combine` gives them: a load then needs no sort."""
DOCUMENTS = {"sha256": pl.String, "last_run": pl.Int64, "tokens": pl.Boolean, "segment": pl.String, "doc": pl.Int64}
"""The documents the segments hold: the segment and number of each one's rows, the run
that last used it, and whether its tokens are stored (a run on a single document has no
use for them and does not make them)."""
_KEY_NAME = re.compile(r"[0-9a-f]{20}")
"""A key folder's name (:func:`cache_key`)."""
_DAMAGE = (OSError, ValueError, KeyError, TypeError, AttributeError, pl.exceptions.PolarsError)
"""What reading a damaged or foreign cache raises."""


def in_thread(fn: Callable[..., T], *args: Any) -> Future[T]:
    """``fn(*args)`` started in a thread of its own; ``.result()`` gives its result or raises
    its error. For work that runs mostly in polars (Parquet, joins), which releases the GIL,
    next to Python work."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compare")
    try:
        return pool.submit(fn, *args)
    finally:
        pool.shutdown(wait=False)


class CacheBusy(UsageError):
    """Another run holds the cache's lock."""


def _in_order(frame: pl.DataFrame, by: list[str]) -> bool:
    """Whether the rows of ``frame`` are sorted by the integer columns ``by`` (one or two;
    lexicographically, ties allowed): an O(n) check that spares a sort and its gather."""
    if frame.height < 2:
        return True
    if len(by) == 1:
        return frame.get_column(by[0]).is_sorted()
    first, second = (pl.col(name).diff() for name in by)
    return bool(frame.select(((first > 0) | ((first == 0) & (second >= 0))).all()).item())


def _ordered(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """``frame`` stably sorted by ``by``, or itself when it already is."""
    return frame if _in_order(frame, by) else frame.sort(by, maintain_order=True)


def _stmt_doc() -> pl.Expr:
    """The document of ``stmt_id`` ("<doc>:<n>") as an integer."""
    return pl.col("stmt_id").str.split_exact(":", 1).struct.field("field_0").cast(pl.Int64)


def _stmt_n() -> pl.Expr:
    """The statement number of ``stmt_id`` ("<doc>:<n>") as an integer."""
    return pl.col("stmt_id").str.split_exact(":", 1).struct.field("field_1").cast(pl.Int64)


def _merge(cached: pl.DataFrame, fresh: pl.DataFrame, doc: str | None) -> pl.DataFrame:
    """The rows of two frames, each sorted by document (column ``doc``, or the document of
    ``stmt_id`` when None) and holding different documents, in one document order; the
    rows of a document keep their order. No sort when one frame's documents all come
    before the other's (a file added at the end or the start of the path order)."""
    if cached.height == 0 or fresh.height == 0:
        return pl.concat([cached, fresh])
    key = pl.col(doc) if doc else _stmt_doc()
    (first_cached, last_cached), (first_fresh, last_fresh) = (
        frame.select(key.first(), key.last().alias("last")).row(0) for frame in (cached, fresh)
    )
    if last_cached < first_fresh:
        return pl.concat([cached, fresh])
    if last_fresh < first_cached:
        return pl.concat([fresh, cached])
    both = pl.concat([cached, fresh])
    if doc:
        return both.sort(doc, maintain_order=True)
    return both.with_columns(_stmt_doc().alias("_doc")).sort("_doc", maintain_order=True).drop("_doc")


def combine(cached: PerDocument, computed: PerDocument) -> PerDocument:
    """The frames of the cached and the newly computed documents in one order: by
    document, then line, statement number or token position (the values of a statement
    in the order found).

    :meth:`Cache.load` returns its frames in that order already, so only the computed
    frames (a few documents on a rerun) are sorted, and the two are merged by document.
    They hold different documents, so this is the order a sort of their concatenation by
    those keys gives (the keys are unique, but for values, whose sort is stable)."""
    n, doc = _stmt_n(), _stmt_doc()
    fresh = PerDocument(
        lines=computed.lines.sort("doc_id", "line"),
        statements=computed.statements.sort(pl.col("doc_id"), n),
        values=computed.values.sort(doc, n, maintain_order=True),
        sketches=computed.sketches.sort("doc_id"),
        tokens=computed.tokens.sort("doc_id", "pos"),
        features=computed.features.sort(doc, n),
    )
    return PerDocument(
        lines=_merge(cached.lines, fresh.lines, "doc_id"),
        statements=_merge(cached.statements, fresh.statements, "doc_id"),
        values=_merge(cached.values, fresh.values, None),
        sketches=_merge(cached.sketches, fresh.sketches, "doc_id"),
        tokens=_merge(cached.tokens, fresh.tokens, "doc_id"),
        features=_merge(cached.features, fresh.features, None),
    )


KEY_SETTINGS = (*similarity.SKETCH_SETTINGS, "passage_seed_words")
"""The settings the cached frames depend on: the sketch's, and the passage seed length the
tokens' seed hashes are made with."""

def cache_key(settings: Settings, versions: dict[str, str]) -> str:
    """The key of the per-document frames: format, the whole package's code
    (:func:`compare.codehash.package_digest`), library versions, relevant settings."""
    payload = {
        "format": FORMAT,
        "code": package_digest(),
        "versions": versions,
        "settings": {name: getattr(settings, name) for name in KEY_SETTINGS},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:20]


def _warn(message: str) -> None:
    print(f"compare: {message}", file=sys.stderr)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    """A cache folder opened for one run: holds its lock until :meth:`close`."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self.dir = folder / key
        self._lock: IO[str] | None = None
        self._manifest: dict[str, Any] | None = None
        self._index = frames.empty(DOCUMENTS)
        """The documents the cache holds (see :data:`DOCUMENTS`)."""
        self.hits = 0
        self._saving: Future[None] | None = None

    # ---- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, key: str, wait: float = WAIT_SECONDS) -> Cache:
        """Create or check ``folder``, take its lock (waiting up to ``wait`` seconds for
        another run, then raising :class:`CacheBusy`) and read the tables of ``key``; a
        damaged cache is reported and treated as empty."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tag = folder / "CACHEDIR.TAG"
            if not tag.exists():
                if any(p.name != "lock" for p in folder.iterdir()):
                    raise UsageError(
                        f"--cache folder {folder} holds other files and is not a compare cache; "
                        "give an empty or new folder, or --no-cache"
                    )
                tag.write_text(TAG, encoding="utf-8")
            elif "compare-sources cache" not in tag.read_text(encoding="utf-8", errors="replace"):
                raise UsageError(f"--cache folder {folder} is another program's cache; give another folder")
        except OSError as exc:
            raise UsageError(f"cannot use cache folder {folder}: {exc.strerror or exc}") from None
        cache = cls(folder, key)
        cache._acquire(wait)
        try:
            cache._read()
        except BaseException:
            cache.close()
            raise
        return cache

    def _acquire(self, wait: float) -> None:
        try:
            self._lock = open(self.folder / "lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until close()
        except OSError as exc:
            raise UsageError(f"cannot use cache folder {self.folder}: {exc.strerror or exc}") from None
        if fcntl is None:  # pragma: no cover - Windows
            return
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError:
                if time.monotonic() >= deadline:
                    break
                if not told:
                    _warn(f"waiting for another compare run to release the cache folder {self.folder}")
                    told = True
                time.sleep(0.05)
        self._lock.close()
        self._lock = None
        raise CacheBusy(
            f"the cache folder {self.folder} is in use by another compare run (waited {wait:g} s); "
            "give this run its own --cache folder, or --no-cache"
        )

    def _read(self) -> None:
        """Load and check the manifest and the documents table of this key (a segment is
        checked when it is read); on any damage, start empty."""
        manifest_path = self.dir / "manifest.json"
        if not manifest_path.exists():
            return
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("key") != self.key:
                raise ValueError("written by another version")
            sizes = {seg["id"]: int(seg["documents"]) for seg in manifest["segments"]}
            if any(f"{seg}/{name}" not in manifest["tables"] for seg in sizes for name in TABLES):
                raise ValueError("the manifest lacks a table of a segment")
            index = self._table(manifest, "documents", DOCUMENTS)
            spans = index.group_by("segment").agg(pl.col("doc").min().alias("lo"), pl.col("doc").max().alias("hi"))
            if any(seg not in sizes or lo < 0 or hi >= sizes[seg] for seg, lo, hi in spans.iter_rows()):
                raise ValueError("the documents table does not match the segments")
            if index.get_column("sha256").n_unique() != index.height:
                raise ValueError("the documents table names a document twice")
            derived = manifest.get("derived", {"values": {}, "sha256": _derived_sha({})})
            if _derived_sha(derived["values"]) != derived["sha256"]:
                raise ValueError("the stored datasketch parameters do not match their checksum")
            similarity.use_derived(derived["values"])
        except _DAMAGE as exc:
            self._damaged(exc)
            return
        self._manifest, self._index = manifest, index

    def _damaged(self, exc: BaseException) -> None:
        """Report damage and forget the cache: this run computes everything and its save
        writes a whole new cache (the old files are then removed)."""
        _warn(f"the cache in {self.dir} is damaged ({exc}); rebuilding it")
        self._manifest, self._index = None, frames.empty(DOCUMENTS)

    def _table(self, manifest: dict[str, Any], name: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
        """The file ``name`` of ``manifest`` ("documents" or "<segment>/<table>"), checked
        against its checksum, columns and rows; raises one of :data:`_DAMAGE` otherwise."""
        entry = manifest["tables"][name]
        data = (self.dir / entry["file"]).read_bytes()
        if _sha256(data) != entry["sha256"]:
            raise ValueError(f"{entry['file']} does not match its checksum")
        table = pl.read_parquet(io.BytesIO(data))
        if dict(table.schema) != schema or table.height != entry["rows"]:
            raise ValueError(f"{entry['file']} does not have the expected columns and rows")
        return table

    def close(self) -> None:
        """Wait for a save still being written (:meth:`save_later`), then release the lock."""
        try:
            self.wait()
        finally:
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def wait(self) -> None:
        """Wait for a save started by :meth:`save_later` to be written (its error, if any, is raised here)."""
        saving, self._saving = self._saving, None
        if saving is not None:
            saving.result()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading ----------------------------------------------------------------------
    def known(self, documents: pl.DataFrame) -> set[int]:
        """The ids of ``documents`` the cache holds, by its index (no segment is read):
        what :meth:`load` finds unless a segment turns out damaged."""
        if self._manifest is None or self._index.height == 0:
            return set()
        found = documents.select("doc_id", "sha256").join(self._index.select("sha256"), on="sha256", how="semi")
        return set(found.get_column("doc_id").to_list())

    def load(self, documents: pl.DataFrame) -> tuple[PerDocument, set[int], set[int]]:
        """The cached frames of ``documents`` (relabelled with their doc ids, in the order
        :func:`combine` expects), the ids found, and the ids whose tokens were found too.
        Only the segments holding some of ``documents`` are read; a damaged one is
        reported and the whole cache treated as empty (rebuilt by :meth:`save`). The lines
        are read only when a found document's tokens must be made from them (a run on
        several documents, and one found without its tokens): the later stages read the
        statements, not the lines."""
        if self._manifest is None or self._index.height == 0:
            return empty_per_document(), set(), set()
        ids = documents.select("doc_id", "sha256").join(self._index, on="sha256", how="inner")
        if ids.height == 0:
            return empty_per_document(), set(), set()
        used = set(ids.get_column("segment").to_list())
        segments = [seg["id"] for seg in self._manifest["segments"] if seg["id"] in used]
        need_lines = documents.height > 1 and not ids.get_column("tokens").all()
        tables = {name: schema for name, schema in TABLES.items() if name != "lines" or need_lines}
        parts: dict[str, list[pl.DataFrame]] = {name: [] for name in TABLES}
        parts["lines"].append(frames.empty(TABLES["lines"]).rename({"doc": "doc_id"}))
        try:
            for seg in segments:
                members = ids.filter(pl.col("segment") == seg).select("doc", "doc_id")
                for name, schema in tables.items():
                    parts[name].append(_relabel(self._table(self._manifest, f"{seg}/{name}", schema), members))
        except _DAMAGE as exc:
            self._damaged(exc)
            return empty_per_document(), set(), set()
        self.hits = ids.height

        def take(name: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
            # segments hold documents in path order: usually no sort (one is needed when a
            # file was added in the middle of the order, or a content is found twice)
            table = _ordered(pl.concat(parts.pop(name)), ["doc_id"])
            if "stmt_id" in schema:
                table = table.with_columns(pl.format("{}:{}", pl.col("doc_id"), pl.col("n")).alias("stmt_id"))
            return frames.conform(table, schema)

        found = PerDocument(
            lines=take("lines", frames.LINES),
            statements=take("statements", frames.STATEMENTS),
            values=take("values", frames.VALUES),
            sketches=take("sketches", frames.SKETCHES),
            tokens=take("tokens", frames.TOKENS),
            features=take("features", frames.FEATURES),
        )
        with_tokens = ids.filter(pl.col("tokens")).get_column("doc_id").to_list()
        return found, set(ids.get_column("doc_id").to_list()), set(with_tokens)

    def combine(self, cached: PerDocument, computed: PerDocument) -> PerDocument:
        """The frames :meth:`load` returned merged with the computed ones (see :func:`combine`)."""
        return combine(cached, computed)

    def load_tables(self, group: str, schemas: dict[str, dict[str, pl.DataType]]) -> dict[str, pl.DataFrame] | None:
        """The tables a run stored with :meth:`save_tables` under ``group`` (checked against
        their checksums and ``schemas``, by name), or None when there are none or they are
        damaged (reported: the caller computes them again)."""
        manifest = self._manifest or {}
        names = [f"{group}/{name}" for name in schemas]
        if not names or any(name not in manifest.get("tables", {}) for name in names):
            return None
        try:
            return {name: self._table(manifest, f"{group}/{name}", schema) for name, schema in schemas.items()}
        except _DAMAGE as exc:
            _warn(f"the stored {group} tables in {self.dir} are damaged ({exc}); computing them again")
            return None

    # ---- writing ----------------------------------------------------------------------
    def save_tables(self, group: str, tables: dict[str, pl.DataFrame]) -> None:
        """Store tables that are not per document (the candidate pairs of
        :mod:`compare.blocking`) under ``group``, replacing the group's earlier tables; the
        segments stay as they are. Atomic like :meth:`save`; skipped when the cache has no
        manifest (nothing could be stored this run)."""
        self.wait()
        if self._manifest is None:
            return
        token = self._token()
        files = [
            (f"{group}/{name}", f"{group}-{name}.{token}.parquet", lambda _, t=table: t)
            for name, table in tables.items()
        ]
        manifest = self._manifest
        try:
            self._write(
                files, list(manifest["segments"]), manifest["run"], manifest["derived"]["values"], keep=("documents",)
            )
        except OSError as exc:
            _warn(f"cannot write the cache in {self.dir} ({exc.strerror or exc}); the results are not affected")

    def save_later(self, documents: pl.DataFrame, per_document: PerDocument, derived: dict[str, list]) -> None:
        """:meth:`save` in a thread of its own (writing Parquet releases the GIL), so the run
        goes on meanwhile; :meth:`wait`, :meth:`save_tables` and :meth:`close` wait for it."""
        self.wait()
        self._saving = in_thread(self.save, documents, per_document, derived)

    def save(self, documents: pl.DataFrame, per_document: PerDocument, derived: dict[str, list]) -> None:
        """Store the frames of the ``documents`` the cache does not have (or has without
        their tokens) as a new segment, and record that this run used the others; earlier
        segments stay as they are unless compacted into the new one; ``derived`` are the
        datasketch parameters of the run (:func:`compare.similarity.derived`). Atomic. A
        cache that cannot be written is reported and skipped: the run goes on."""
        run = (self._manifest or {}).get("run", 0) + 1
        multi = documents.height > 1  # a run on several documents stores their tokens
        current = documents.select("doc_id", "sha256").unique("sha256", keep="first", maintain_order=True)
        known = current.join(self._index, on="sha256", how="left", maintain_order="left")
        new = pl.col("segment").is_null() | (~pl.col("tokens") & multi)
        write = known.filter(new).select(
            "sha256", "doc_id", pl.lit(run, pl.Int64).alias("last_run"), pl.lit(multi).alias("tokens"),
            pl.lit(None, pl.String).alias("segment"), pl.lit(None, pl.Int64).alias("doc"),
        )  # fmt: skip
        stay = pl.concat(
            [
                known.filter(~new).with_columns(pl.lit(run, pl.Int64).alias("last_run")).select(*DOCUMENTS),
                self._index.filter(
                    (pl.col("last_run") > run - KEEP_RUNS)
                    & ~pl.col("sha256").is_in(current.get_column("sha256").implode())
                ),
            ]
        )
        segments: list[dict[str, Any]] = list((self._manifest or {}).get("segments", []))
        live = dict(stay.group_by("segment").len().iter_rows())
        merge = [seg for seg in segments if 2 * live.get(seg["id"], 0) < seg["documents"]]  # mostly gone
        kept = [seg for seg in segments if seg not in merge]
        if len(kept) >= MAX_SEGMENTS:  # with the new one, too many: keep only the largest
            largest = max(kept, key=lambda seg: seg["documents"])
            merge += [seg for seg in kept if seg is not largest]
            kept = [largest]
        moved, rows = self._moved(stay, [seg["id"] for seg in merge])
        stay = stay.filter(~pl.col("segment").is_in([seg["id"] for seg in merge]))
        token = self._token()
        # the new segment's documents, numbered in this run's document order (then the
        # moved ones not in this run): the next load finds them in order and need not sort
        members = (
            pl.concat([write, moved.join(current, on="sha256", how="left").select(write.columns)])
            .sort("doc_id", "sha256", nulls_last=True)
            .with_row_index("new")
            .with_columns(pl.col("new").cast(pl.Int64))
        )
        index = pl.concat(
            [
                stay,
                members.select(
                    "sha256", "last_run", "tokens", pl.lit(token).alias("segment"), pl.col("new").alias("doc")
                ),
            ]
        ).sort("sha256")

        def table(name: str) -> pl.DataFrame:
            schema, order = TABLES[name], ["doc", ORDER[name]] if ORDER[name] else ["doc"]
            parts = []
            fresh = members.filter(pl.col("segment").is_null()).select("doc_id", "new")
            if fresh.height:
                frame = getattr(per_document, name)
                if "stmt_id" in frame.columns:
                    frame = frame.with_columns(_stmt_n().alias("n"))
                if "doc_id" not in frame.columns:
                    frame = frame.with_columns(_stmt_doc().alias("doc_id"))
                frame = frame.join(fresh, on="doc_id", how="inner", maintain_order="left").rename({"new": "doc"})
                parts.append(_ordered(frames.conform(frame, schema), order))
            for seg, stored in rows.pop(name, {}).items():
                numbers = members.filter(pl.col("segment") == seg).select("doc", "new")
                stored = stored.join(numbers, on="doc", how="inner", maintain_order="left")
                parts.append(frames.conform(stored.drop("doc").rename({"new": "doc"}), schema))
            return _ordered(pl.concat(parts), ["doc"]) if parts else frames.empty(schema)

        files = [(f"{token}/{name}", f"{name}.{token}.parquet", table) for name in TABLES] if members.height else []
        files.append(("documents", f"documents.{token}.parquet", lambda _: index))
        if members.height:
            kept.append({"id": token, "documents": members.height})
        try:
            self._write(files, kept, run, derived)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.dir} ({exc.strerror or exc}); the results are not affected")
            return
        self._index = index

    def _moved(self, stay: pl.DataFrame, merge: list[str]) -> tuple[pl.DataFrame, dict[str, dict[str, pl.DataFrame]]]:
        """The documents of ``stay`` whose segment is in ``merge`` (to be moved into the new
        segment) and their stored rows by table and segment. A damaged segment is reported
        and its documents left out (computed again when a run needs them)."""
        moved = []
        rows: dict[str, dict[str, pl.DataFrame]] = {name: {} for name in TABLES}
        for seg in merge:
            docs = stay.filter(pl.col("segment") == seg)
            if docs.height == 0:
                continue  # nothing left in it: the segment is just dropped
            try:
                tables = {name: self._table(self._manifest or {}, f"{seg}/{name}", s) for name, s in TABLES.items()}
            except _DAMAGE as exc:
                _warn(f"the cache in {self.dir} is damaged ({exc}); rebuilding it")
                continue
            for name, stored in tables.items():
                rows[name][seg] = stored.join(docs.select("doc"), on="doc", how="semi")
            moved.append(docs)
        return (pl.concat(moved) if moved else frames.empty(DOCUMENTS)), rows

    def _token(self) -> str:
        """A fresh name part for this run's files, unlike any file's in the folder."""
        taken = {part for path in self.dir.glob("*.*") for part in path.name.split(".")}
        while (token := secrets.token_hex(4)) in taken:  # pragma: no cover - 1 in 4 billion
            pass
        return token

    def _write(
        self,
        files: list[tuple[str, str, Callable[[str], pl.DataFrame]]],
        segments: list[dict[str, Any]],
        run: int,
        derived: dict[str, list],
        keep: tuple[str, ...] | None = None,
    ) -> None:
        """Write ``files`` (manifest entry, file name, a function making the table from its
        name; one at a time, to bound memory), then the manifest listing them and the files
        of ``segments`` kept from the previous manifest; then remove the files it does not
        name (those of earlier runs, compacted segments and interrupted runs). Entries whose
        name starts with one of ``keep`` ("documents", a group of :meth:`save_tables`) stay
        unless ``files`` replaces them; by default, those of every group."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if keep is None:
            previous = {seg["id"] for seg in (self._manifest or {}).get("segments", [])} | {"documents"}
            keep = tuple({name.partition("/")[0] for name in (self._manifest or {}).get("tables", {})} - previous)
        kept = {seg["id"] for seg in segments} | set(keep)
        entries = {
            name: entry
            for name, entry in (self._manifest or {}).get("tables", {}).items()
            if name.partition("/")[0] in kept
        }
        written: list[Path] = []
        try:
            for entry, file, make in files:
                table = make(entry.rpartition("/")[2])
                buffer = io.BytesIO()
                table.write_parquet(buffer, statistics=False, compression="lz4")  # 2x faster than zstd
                data = buffer.getvalue()
                path = self.dir / file
                _write_file(path, data)
                written.append(path)
                entries[entry] = {"file": file, "sha256": _sha256(data), "rows": table.height}
                del table, buffer, data
            manifest = {
                "format": FORMAT,
                "key": self.key,
                "run": run,
                "segments": segments,
                "tables": entries,
                "derived": {"values": derived, "sha256": _derived_sha(derived)},
            }
            tmp = self.dir / f"manifest.{secrets.token_hex(4)}.tmp"
            _write_file(tmp, json.dumps(manifest, indent=1, sort_keys=True).encode())
            written.append(tmp)
            os.replace(tmp, self.dir / "manifest.json")
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        names = {e["file"] for e in entries.values()} | {"manifest.json"}
        for path in self.dir.iterdir():  # the files of earlier runs (and of interrupted ones)
            if path.name not in names and path.suffix in (".parquet", ".tmp"):
                with contextlib.suppress(OSError):
                    path.unlink()
        self._manifest = manifest
        self._prune_keys()

    def _prune_keys(self) -> None:
        """Remove the folders of other keys beyond the :data:`KEEP_KEYS` most recently
        written (each code change or sketch setting makes a new key; old ones would pile up)."""
        others = []
        for path in self.folder.iterdir():
            manifest = path / "manifest.json"
            if path != self.dir and path.is_dir() and _KEY_NAME.fullmatch(path.name):
                with contextlib.suppress(OSError):
                    others.append((manifest.stat().st_mtime if manifest.exists() else 0.0, path.name, path))
        for _, _, path in sorted(others, reverse=True)[KEEP_KEYS - 1 :]:
            shutil.rmtree(path, ignore_errors=True)


def _derived_sha(values: dict[str, list]) -> str:
    """Checksum of the stored datasketch parameters (:func:`compare.similarity.derived`):
    a changed digit would change every signature, so they are checked like the tables."""
    return _sha256(json.dumps(values, sort_keys=True).encode())


def _relabel(table: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """The rows of a segment's ``table`` whose document is among ``members`` (its number
    ``doc`` in the segment and its ``doc_id`` in this run), with ``doc_id`` for ``doc``, in
    stored order. A content found under two names gets its rows twice (a join); otherwise
    the numbers are looked up in an array, and nothing is copied when every row is kept."""
    if members.get_column("doc").is_duplicated().any():
        joined = table.join(members, on="doc", how="inner", maintain_order="left")
        return joined.select("doc_id", pl.all().exclude("doc", "doc_id"))
    numbers = table.get_column("doc").to_numpy()
    size = max(int(members.get_column("doc").max()), int(numbers.max()) if numbers.size else -1) + 1  # type: ignore[arg-type]
    lookup = np.full(size, -1, dtype=np.int64)
    lookup[members.get_column("doc").to_numpy()] = members.get_column("doc_id").to_numpy()
    doc_id = lookup[numbers]
    out = table.select(pl.Series("doc_id", doc_id, dtype=pl.Int64), pl.all().exclude("doc"))
    keep = doc_id >= 0
    return out if keep.all() else out.filter(pl.Series(keep))


def _write_file(path: Path, data: bytes) -> None:
    """Write and flush ``data`` to a new file."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
