"""The per-document cache: what a rerun does not have to compute again.

Every stage before the cross-document comparison depends on one document alone: its
lines (normalize), statements (segment), extracted values, and similarity sketch
(shingles + MinHash signature). The cache keeps those frames in Parquet, keyed by each
file's sha256 under a *cache key* made of the package's whole code (every module and data
file: a change to any of them starts a cold cache), the versions of the
libraries that shape the results and the settings those stages read
(:data:`KEY_SETTINGS`). A rerun after adding one file computes
that file's frames and takes the others from the cache; the cross-document stages
(similarity, passages, matching, conflicts) run on the whole corpus, reusing only what the
previous run's stored tables prove unchanged (:mod:`compare.incremental.reuse`), so the
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
    .gitignore                       ``*``: git ignores the folder, wherever it is
    lock                             held (filelock) by the run using the cache: a second run waits
    <key>/manifest.json              the segments of that key, and every file's name, sha256, rows
    <key>/documents.<token>.parquet  sha256, last run, tokens stored, segment, number in the segment
    <key>/<table>.<segment>.parquet  the rows of a segment's documents, in document order

Writes are atomic: new files get fresh names, then ``manifest.json`` is replaced in one
rename, then files the manifest no longer names are removed. An interrupted run leaves
the previous manifest and its files intact. Anything that does not check out
(unreadable manifest, checksum, schema or row count mismatch, unknown format) is
reported on stderr and rebuilt, never trusted.

The tables' columns and the frame work on them are in :mod:`compare.cache_tables`; the
checks of the files, their names and their clean-up in :mod:`compare.cache_files`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import secrets
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
from filelock import FileLock, Timeout

from .. import frames
from .._runtime import in_thread
from ..documents import similarity
from ..errors import UsageError
from ..frames import PerDocument, empty_per_document
from ..settings import Settings
from .cache_files import (
    CHECKSUM,
    DAMAGE,
    checked_derived,
    checked_index,
    checksum,
    claim_folder,
    derived_checksum,
    fresh_token,
    kept_entries,
    prune_keys,
    read_table,
    remove_unnamed,
    warn,
)
from .cache_files import TAG as TAG
from .cache_tables import DOCUMENTS, TABLES, combine, documents_index, loaded, relabel, segment_members, segment_table
from .cache_tables import ORDER as ORDER
from .keys import package_digest

FORMAT = 3
"""Version of the cache layout; a cache of another format is rebuilt. 2: segments; 3: XXH3 checksums."""
DEFAULT_FOLDER = ".compare-cache"
"""Where the CLI keeps its cache unless told otherwise (relative to the working directory)."""
WAIT_SECONDS = 120.0
"""How long a run waits for another run to release the cache before it gives up."""
KEEP_RUNS = 5
"""Documents not seen in this many runs are dropped from the cache (bounds its size)."""
KEEP_KEYS = 3
"""Cache keys (code and sketch settings) whose folders a cache keeps, the current one included:
switching back to recent settings stays warm, older keys are removed."""
LOCK_NAME = "lock"
"""The lock file in the cache folder (:func:`hold_lock`)."""
MAX_SEGMENTS = 8
"""Segments a cache keeps at most (a load reads every one): beyond, the smaller ones are
merged into the segment a run writes."""
Files = list[tuple[str, str, Callable[[str], pl.DataFrame]]]
"""Tables to write: manifest entry, file name, a function making the table from its name."""


class CacheBusy(UsageError):
    """Another run holds the cache's lock."""


KEY_SETTINGS = (*similarity.SKETCH_SETTINGS, "passage_seed_words")
"""The settings the cached frames depend on: the sketch's, and the passage seed length the
tokens' seed hashes are made with."""


def cache_key(settings: Settings, versions: dict[str, str]) -> str:
    """The key of the per-document frames: format, the whole package's code
    (:func:`compare.incremental.keys.package_digest`), library versions, relevant settings."""
    payload = {
        "format": FORMAT,
        "code": package_digest(),
        "versions": versions,
        "settings": {name: getattr(settings, name) for name in KEY_SETTINGS},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:20]


def hold_lock(folder: Path, wait: float) -> FileLock:
    """The lock of the cache ``folder``, held: a file lock (``fcntl`` on POSIX, ``msvcrt`` on
    Windows, through filelock) taken at once, or after waiting up to ``wait`` seconds for
    another run (said once); raises :class:`CacheBusy` when it stays held."""
    lock = FileLock(folder / LOCK_NAME, thread_local=False, preserve_lock_file=True)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            warn(f"waiting for another compare run to release the cache folder {folder}")
            lock.acquire(timeout=max(wait, 0.0))
    except Timeout:
        raise CacheBusy(
            f"the cache folder {folder} is in use by another compare run (waited {wait:g} s); "
            "give this run its own --cache folder, or --no-cache"
        ) from None
    except OSError as exc:
        raise UsageError(f"cannot use cache folder {folder}: {exc.strerror or exc}") from None
    return lock


class Cache:
    """A cache folder opened for one run: holds its lock until :meth:`close`."""

    def __init__(self, folder: Path, key: str) -> None:
        """The cache of ``key`` in ``folder``, not locked nor read yet (see :meth:`open`)."""
        self.folder = folder
        self.key = key
        self.dir = folder / key
        self._lock: FileLock | None = None
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
        claim_folder(folder)
        cache = cls(folder, key)
        cache._acquire(wait)
        try:
            cache._read()
        except BaseException:
            cache.close()
            raise
        return cache

    def _acquire(self, wait: float) -> None:
        """Take the folder's lock, waiting up to ``wait`` seconds for another run (said once),
        then raising :class:`CacheBusy`: two runs never write one cache at once."""
        self._lock = hold_lock(self.folder, wait)

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
            index = checked_index(self.dir, manifest)
            similarity.use_derived(checked_derived(manifest))
        except DAMAGE as exc:
            self._damaged(exc)
            return
        self._manifest, self._index = manifest, index

    def _damaged(self, exc: BaseException) -> None:
        """Report damage and forget the cache: this run computes everything and its save
        writes a whole new cache (the old files are then removed)."""
        warn(f"the cache in {self.dir} is damaged ({exc}); rebuilding it")
        self._manifest, self._index = None, frames.empty(DOCUMENTS)

    def close(self) -> None:
        """Wait for a save still being written (:meth:`save_later`), then release the lock."""
        try:
            self.wait()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def wait(self) -> None:
        """Wait for a save started by :meth:`save_later` to be written (its error, if any, is raised here)."""
        saving, self._saving = self._saving, None
        if saving is not None:
            saving.result()

    def __enter__(self) -> Cache:
        """The cache itself, closed when the ``with`` block ends."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the cache (see :meth:`close`) however the ``with`` block ended."""
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
        try:
            found = PerDocument(**self._frames(ids, segments, tables))
        except DAMAGE as exc:
            self._damaged(exc)
            return empty_per_document(), set(), set()
        self.hits = ids.height
        with_tokens = ids.filter(pl.col("tokens")).get_column("doc_id").to_list()
        return found, set(ids.get_column("doc_id").to_list()), set(with_tokens)

    def _frames(
        self, ids: pl.DataFrame, segments: list[str], tables: dict[str, dict[str, pl.DataType]]
    ) -> dict[str, pl.DataFrame]:
        """The run's frame of each table (the lines an empty frame when not in ``tables``): the
        rows of the found documents ``ids`` in ``segments``, relabelled with their doc ids
        (:func:`relabel`) and put in order (:func:`loaded`); raises one of
        :data:`DAMAGE` for a damaged segment. The tables are decoded side by side (a file
        decodes on about one core, without the GIL: ~2x faster), the largest first, so
        that the longest decoding does not start last."""
        manifest = self._manifest or {}
        members = {seg: ids.filter(pl.col("segment") == seg).select("doc", "doc_id") for seg in segments}

        def frame(name: str) -> pl.DataFrame:
            read = [read_table(self.dir, manifest, f"{seg}/{name}", tables[name]) for seg in segments]
            return loaded(name, [relabel(table, members[seg]) for seg, table in zip(segments, read, strict=True)])

        def size(name: str) -> int:
            return sum((self.dir / manifest["tables"][f"{seg}/{name}"]["file"]).stat().st_size for seg in segments)

        order = sorted(tables, key=lambda name: (-size(name), name))
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="compare-read") as pool:
            found = dict(zip(order, pool.map(frame, order), strict=True))
        empty_lines = frames.empty(TABLES["lines"]).rename({"doc": "doc_id"})
        return {name: found[name] if name in found else loaded(name, [empty_lines]) for name in TABLES}

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
            return {name: read_table(self.dir, manifest, f"{group}/{name}", schema) for name, schema in schemas.items()}
        except DAMAGE as exc:
            warn(f"the stored {group} tables in {self.dir} are damaged ({exc}); computing them again")
            return None

    # ---- writing ----------------------------------------------------------------------
    def save_tables(self, groups: dict[str, dict[str, pl.DataFrame]]) -> None:
        """Store tables that are not per document (the candidate pairs of
        :mod:`compare.incremental.blocking`, the passages of
        :mod:`compare.incremental.passage_state`), by group and name, replacing the earlier
        tables of every group (a group not given is dropped: it would describe another run);
        the segments stay as they are. Written in a thread of its own, so the outputs are
        written meanwhile (:meth:`wait` and :meth:`close` wait for it); atomic like
        :meth:`save`; skipped when the cache has no manifest (nothing could be stored this run)."""
        self.wait()
        self._saving = in_thread(self._save_tables, groups)

    def _save_tables(self, groups: dict[str, dict[str, pl.DataFrame]]) -> None:
        """:meth:`save_tables`, in its thread."""
        if self._manifest is None:
            return
        token = fresh_token(self.dir)
        files = [
            (f"{group}/{name}", f"{group}-{name}.{token}.parquet", lambda _, t=table: t)
            for group, tables in groups.items()
            for name, table in tables.items()
        ]
        manifest = self._manifest
        try:
            self._write(
                files, list(manifest["segments"]), manifest["run"], manifest["derived"]["values"], keep=("documents",)
            )
        except OSError as exc:
            warn(f"cannot write the cache in {self.dir} ({exc.strerror or exc}); the results are not affected")

    def save_later(self, documents: pl.DataFrame, per_document: PerDocument, derived: dict[str, list]) -> None:
        """:meth:`save` in a thread of its own (writing Parquet releases the GIL), so the run
        goes on meanwhile; :meth:`wait`, :meth:`save_tables` and :meth:`close` wait for it."""
        self.wait()
        self._saving = in_thread(self.save, documents, per_document, derived)

    def save(self, documents: pl.DataFrame, per_document: PerDocument, derived: dict[str, list]) -> None:
        """Store the frames of the ``documents`` the cache does not have (or has without
        their tokens) as a new segment (``per_document`` holds their rows, and may hold only
        theirs), and record that this run used the others; earlier
        segments stay as they are unless compacted into the new one; ``derived`` are the
        datasketch parameters of the run (:func:`compare.similarity.derived`). Atomic. A
        cache that cannot be written is reported and skipped: the run goes on."""
        run = (self._manifest or {}).get("run", 0) + 1
        current = documents.select("doc_id", "sha256").unique("sha256", keep="first", maintain_order=True)
        write, stay = self._sorted_out(current, run, multi=documents.height > 1)
        kept, merge = self._compaction(stay)
        moved, rows = self._moved(stay, [seg["id"] for seg in merge])
        stay = stay.filter(~pl.col("segment").is_in([seg["id"] for seg in merge]))
        token = fresh_token(self.dir)
        members = segment_members(write, moved, current)
        index = documents_index(stay, members, token)

        def table(name: str) -> pl.DataFrame:
            """The new segment's table ``name``, made when it is written (one at a time: memory)."""
            return segment_table(name, per_document, members, rows.pop(name, {}))

        files: Files = [(f"{token}/{name}", f"{name}.{token}.parquet", table) for name in TABLES if members.height]
        files.append(("documents", f"documents.{token}.parquet", lambda _: index))
        if members.height:
            kept.append({"id": token, "documents": members.height})
        try:
            self._write(files, kept, run, derived)
        except OSError as exc:
            warn(f"cannot write the cache in {self.dir} ({exc.strerror or exc}); the results are not affected")
            return
        self._index = index

    def _sorted_out(self, current: pl.DataFrame, run: int, multi: bool) -> tuple[pl.DataFrame, pl.DataFrame]:
        """The documents of this run (``current``) to write, being new or stored without the
        tokens a run on several documents (``multi``) stores, and the documents table's rows
        that stay: this run's others, marked as used in ``run``, and the rows of documents
        not in it that a run used within :data:`KEEP_RUNS` runs."""
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
        return write, stay

    def _compaction(self, stay: pl.DataFrame) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The segments a save keeps and those it merges into its new one: those whose
        documents that ``stay`` are fewer than half, and beyond :data:`MAX_SEGMENTS` (the
        new one included) all but the largest."""
        segments: list[dict[str, Any]] = list((self._manifest or {}).get("segments", []))
        live = dict(stay.group_by("segment").len().iter_rows())
        merge = [seg for seg in segments if 2 * live.get(seg["id"], 0) < seg["documents"]]  # mostly gone
        kept = [seg for seg in segments if seg not in merge]
        if len(kept) >= MAX_SEGMENTS:  # with the new one, too many: keep only the largest
            largest = max(kept, key=lambda seg: seg["documents"])
            merge += [seg for seg in kept if seg is not largest]
            kept = [largest]
        return kept, merge

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
                tables = {
                    name: read_table(self.dir, self._manifest or {}, f"{seg}/{name}", s) for name, s in TABLES.items()
                }
            except DAMAGE as exc:
                warn(f"the cache in {self.dir} is damaged ({exc}); rebuilding it")
                continue
            for name, stored in tables.items():
                rows[name][seg] = stored.join(docs.select("doc"), on="doc", how="semi")
            moved.append(docs)
        return (pl.concat(moved) if moved else frames.empty(DOCUMENTS)), rows

    def _write(
        self,
        files: Files,
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
        entries = kept_entries(self._manifest or {}, segments, keep)
        written: list[Path] = []
        try:
            for entry, file, make in files:
                entries[entry] = self._write_table(file, make(entry.rpartition("/")[2]), written)
            manifest = {
                "format": FORMAT,
                "key": self.key,
                "run": run,
                "segments": segments,
                "tables": entries,
                "derived": {"values": derived, CHECKSUM: derived_checksum(derived)},
            }
            self._replace_manifest(manifest, written)
        except BaseException:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        remove_unnamed(self.dir, {e["file"] for e in entries.values()} | {"manifest.json"})
        self._manifest = manifest
        prune_keys(self.folder, self.dir, KEEP_KEYS)

    def _write_table(self, file: str, table: pl.DataFrame, written: list[Path]) -> dict[str, Any]:
        """Write ``table`` to the new file ``file`` (then listed in ``written``); its manifest entry."""
        buffer = io.BytesIO()
        table.write_parquet(buffer, statistics=False, compression="lz4")  # 2x faster than zstd
        data = buffer.getvalue()
        path = self.dir / file
        _write_file(path, data)
        written.append(path)
        return {"file": file, CHECKSUM: checksum(data), "rows": table.height}

    def _replace_manifest(self, manifest: dict[str, Any], written: list[Path]) -> None:
        """Write ``manifest`` to a new file (listed in ``written`` until renamed) and rename it
        over ``manifest.json`` in one step: a reader sees the old manifest or the new one."""
        tmp = self.dir / f"manifest.{secrets.token_hex(4)}.tmp"
        _write_file(tmp, json.dumps(manifest, indent=1, sort_keys=True).encode())
        written.append(tmp)
        os.replace(tmp, self.dir / "manifest.json")


def _write_file(path: Path, data: bytes) -> None:
    """Write and flush ``data`` to a new file."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
