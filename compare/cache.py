"""The per-document cache: what a rerun does not have to compute again.

Every stage before the cross-document comparison depends on one document alone: its
lines (normalize), statements (segment), extracted values, and similarity sketch
(shingles + MinHash signature). The cache keeps those frames in Parquet, keyed by each
file's sha256 under a *cache key* made of the package's code, the versions of the
libraries that shape the results and the settings those stages read
(:data:`compare.similarity.SKETCH_SETTINGS`). A rerun after adding one file computes
that file's frames and takes the others from the cache; the cross-document stages
(similarity, passages, matching, conflicts) always run on the whole corpus, so the
findings are exactly those of a cold run.

Layout of the cache folder::

    CACHEDIR.TAG            marks the folder as a cache (backup tools skip it) and as ours
    lock                    held (flock) by the run using the cache: a second run refuses
    <key>/manifest.json     the tables of that key: file name, sha256, rows
    <key>/<table>.<token>.parquet

Writes are atomic: new table files get fresh names, then ``manifest.json`` is replaced
in one rename, then files the manifest no longer names are removed. An interrupted run
leaves the previous manifest and its files intact. Anything that does not check out
(unreadable manifest, checksum or schema mismatch, unknown format) is reported on stderr
and rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import polars as pl

from . import frames
from .errors import UsageError
from .settings import Settings
from .similarity import SKETCH_SETTINGS

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, runs are not serialised
    fcntl = None  # type: ignore[assignment]

FORMAT = 1
"""Version of the cache layout; a cache of another format is rebuilt."""
DEFAULT_FOLDER = ".compare-cache"
"""Where the CLI keeps its cache unless told otherwise (relative to the working directory)."""
WAIT_SECONDS = 120.0
"""How long a run waits for another run to release the cache before it gives up."""
KEEP_RUNS = 5
"""Documents not seen in this many runs are dropped from the cache (bounds its size)."""
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# compare-sources cache: safe to delete, rebuilt on the next run.\n"
"""CACHEDIR.TAG content: the standard signature line, then our own marker line."""

_KEY_COLUMNS = {"sha256": pl.String, "row": pl.Int64}
"""Every cached table is keyed by the document's sha256 and the row's position in it."""
TABLES: dict[str, dict[str, pl.DataType]] = {
    "lines": _KEY_COLUMNS | {k: v for k, v in frames.LINES.items() if k != "doc_id"},
    "statements": _KEY_COLUMNS
    | {"n": pl.Int64}
    | {k: v for k, v in frames.STATEMENTS.items() if k not in ("stmt_id", "doc_id")},
    "values": _KEY_COLUMNS | {"n": pl.Int64} | {k: v for k, v in frames.VALUES.items() if k != "stmt_id"},
    "sketches": _KEY_COLUMNS | {k: v for k, v in frames.SKETCHES.items() if k != "doc_id"},
    "tokens": _KEY_COLUMNS | {k: v for k, v in frames.TOKENS.items() if k != "doc_id"},
    "features": _KEY_COLUMNS | {"n": pl.Int64} | {k: v for k, v in frames.FEATURES.items() if k != "stmt_id"},
}
"""The cached tables and their columns: the stage frames with ``doc_id`` replaced by the
file's sha256 and ``stmt_id`` by the statement's number ``n`` in its document."""
DOCUMENTS = {"sha256": pl.String, "last_run": pl.Int64, "tokens": pl.Boolean}
"""The documents the tables hold, the run that last used each, and whether its tokens
are stored (a run on a single document has no use for them and does not make them)."""


class CacheBusy(UsageError):
    """Another run holds the cache's lock."""


@dataclass
class PerDocument:
    """The per-document frames of a corpus (see :mod:`compare.frames`)."""

    lines: pl.DataFrame
    statements: pl.DataFrame
    values: pl.DataFrame
    sketches: pl.DataFrame
    tokens: pl.DataFrame
    """Empty for documents whose tokens were not needed (a corpus of one document)."""
    features: pl.DataFrame


def empty_per_document() -> PerDocument:
    """Per-document frames of no document."""
    return PerDocument(
        *(
            frames.empty(s)
            for s in (frames.LINES, frames.STATEMENTS, frames.VALUES, frames.SKETCHES, frames.TOKENS, frames.FEATURES)
        )
    )


STAGE_MODULES = (
    "cache", "frames", "normalize", "segment", "text", "values", "places", "similarity", "_kernels", "features"
)  # fmt: skip
"""The package modules whose code shapes the cached frames (the per-document stages and
everything they import, checked by a test): a change to any of them makes a new key."""


def _code_digest() -> str:
    """sha256 of the source of :data:`STAGE_MODULES`."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for name in STAGE_MODULES:
        h.update(name.encode())
        h.update((root / f"{name}.py").read_bytes())
    return h.hexdigest()


def cache_key(settings: Settings, versions: dict[str, str]) -> str:
    """The key of the per-document frames: format, code, library versions, relevant settings."""
    payload = {
        "format": FORMAT,
        "code": _code_digest(),
        "versions": versions,
        "settings": {name: getattr(settings, name) for name in SKETCH_SETTINGS},
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
        self._tables: dict[str, pl.DataFrame] = {}
        self.hits = 0

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
        """Load and check the manifest and tables of this key; on any damage, start empty."""
        manifest_path = self.dir / "manifest.json"
        if not manifest_path.exists():
            return
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("key") != self.key:
                raise ValueError("written by another version")
            tables = {}
            for name, schema in {**TABLES, "documents": DOCUMENTS}.items():
                entry = manifest["tables"][name]
                data = (self.dir / entry["file"]).read_bytes()
                if _sha256(data) != entry["sha256"]:
                    raise ValueError(f"{entry['file']} does not match its checksum")
                table = pl.read_parquet(io.BytesIO(data))
                if dict(table.schema) != schema or table.height != entry["rows"]:
                    raise ValueError(f"{entry['file']} does not have the expected columns and rows")
                tables[name] = table
        except (OSError, ValueError, KeyError, TypeError, AttributeError, pl.exceptions.PolarsError) as exc:
            _warn(f"the cache in {self.dir} is damaged ({exc}); rebuilding it")
            return
        self._manifest, self._tables = manifest, tables

    def close(self) -> None:
        """Release the lock."""
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading ----------------------------------------------------------------------
    def load(self, documents: pl.DataFrame) -> tuple[PerDocument, set[int], set[int]]:
        """The cached frames of ``documents`` (relabelled with their doc ids), the ids found,
        and the ids whose tokens were found too."""
        if not self._tables:
            return empty_per_document(), set(), set()
        ids = documents.select("doc_id", "sha256").join(
            self._tables["documents"].select("sha256", "tokens"), on="sha256", how="inner"
        )
        if ids.height == 0:
            return empty_per_document(), set(), set()
        self.hits = ids.height

        def take(name: str, schema: dict[str, pl.DataType], extra: list[pl.Expr]) -> pl.DataFrame:
            table = self._tables[name].join(ids, on="sha256", how="inner").sort("doc_id", "row")
            return frames.conform(table.with_columns(extra), schema)

        stmt_id = pl.format("{}:{}", pl.col("doc_id"), pl.col("n")).alias("stmt_id")
        found = PerDocument(
            lines=take("lines", frames.LINES, []),
            statements=take("statements", frames.STATEMENTS, [stmt_id]),
            values=take("values", frames.VALUES, [stmt_id]),
            sketches=take("sketches", frames.SKETCHES, []),
            tokens=take("tokens", frames.TOKENS, []),
            features=take("features", frames.FEATURES, [stmt_id]),
        )
        with_tokens = ids.filter(pl.col("tokens")).get_column("doc_id").to_list()
        # from here on only the rows of other documents are needed (save keeps recent ones):
        # the current documents' rows now live in the frames returned, not twice in memory
        for name in TABLES:
            self._tables[name] = self._tables[name].join(ids, on="sha256", how="anti")
        return found, set(ids.get_column("doc_id").to_list()), set(with_tokens)

    # ---- writing ----------------------------------------------------------------------
    def save(self, documents: pl.DataFrame, per_document: PerDocument) -> None:
        """Store the frames of ``documents`` (plus recently used cached ones) atomically.
        A cache that cannot be written is reported and skipped: the run goes on."""
        run = (self._manifest or {}).get("run", 0) + 1
        sha = documents.select("doc_id", "sha256").unique("sha256", keep="first", maintain_order=True)
        n = pl.col("stmt_id").str.split(":").list.get(1).cast(pl.Int64).alias("n")
        doc = pl.col("stmt_id").str.split(":").list.get(0).cast(pl.Int64).alias("doc_id")
        fresh = {
            "lines": per_document.lines,
            "statements": per_document.statements.with_columns(n),
            "values": per_document.values.with_columns(n, doc),
            "sketches": per_document.sketches,
            "tokens": per_document.tokens,
            "features": per_document.features.with_columns(n, doc),
        }
        known = self._tables.get("documents", pl.DataFrame(schema=DOCUMENTS))
        keep = known.filter(
            (pl.col("last_run") > run - KEEP_RUNS) & ~pl.col("sha256").is_in(sha.get_column("sha256").implode())
        )
        def table(name: str) -> pl.DataFrame:
            if name == "documents":
                tokenized = per_document.tokens.get_column("doc_id").unique().implode()
                current = sha.select(
                    "sha256",
                    pl.lit(run, dtype=pl.Int64).alias("last_run"),
                    pl.col("doc_id").is_in(tokenized).alias("tokens"),
                )
                return pl.concat([current, keep.cast(DOCUMENTS)]).sort("sha256")  # type: ignore[arg-type]
            schema = TABLES[name]
            new = (
                fresh[name]
                .join(sha, on="doc_id", how="semi")
                .join(sha, on="doc_id")
                .with_columns(pl.int_range(pl.len()).over("doc_id").alias("row"))
            )
            old = self._tables[name].join(keep, on="sha256", how="semi") if name in self._tables else None
            parts = [frames.conform(new, schema)] + ([frames.conform(old, schema)] if old is not None else [])
            return pl.concat(parts).sort("sha256", "row")

        try:
            self._write(table, run)
        except OSError as exc:
            _warn(f"cannot write the cache in {self.dir} ({exc.strerror or exc}); the results are not affected")

    def _write(self, make: Callable[[str], pl.DataFrame], run: int) -> None:
        """Write every table (built by ``make`` one at a time, to bound memory), then the manifest."""
        self.dir.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(4)
        written: list[Path] = []
        entries = {}
        try:
            for name in (*TABLES, "documents"):
                table = make(name)
                buffer = io.BytesIO()
                table.write_parquet(buffer, statistics=False, compression="lz4")  # 2x faster than zstd
                data = buffer.getvalue()
                path = self.dir / f"{name}.{token}.parquet"
                _write_file(path, data)
                written.append(path)
                entries[name] = {"file": path.name, "sha256": _sha256(data), "rows": table.height}
                del table, buffer, data
            manifest = {"format": FORMAT, "key": self.key, "run": run, "tables": entries}
            tmp = self.dir / f"manifest.{token}.tmp"
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
        self._manifest, self._tables = manifest, {}  # this run has read all it needs


def _write_file(path: Path, data: bytes) -> None:
    """Write and flush ``data`` to a new file."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
