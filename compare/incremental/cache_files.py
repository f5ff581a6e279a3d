"""The files of the per-document cache (:mod:`compare.cache`): checked, named and cleaned up.

The cache folder is claimed by its ``CACHEDIR.TAG`` and kept out of git by its ``.gitignore``
(:func:`claim_folder`); every file a
manifest names is read back only when its checksum, columns and row count match the
manifest (:func:`read_table`, :func:`checked_index`, :func:`checked_derived`); new files get
names no file has (:func:`fresh_token`); after a manifest is replaced, the files it does not
name (:func:`remove_unnamed`) and the folders of old keys (:func:`prune_keys`) are removed.
Writing itself (new files, then the manifest in one rename) is :meth:`compare.cache.Cache._write`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import re
import secrets
import shutil
from pathlib import Path
from typing import Any

import polars as pl
from xxhash import xxh3_128_hexdigest

from ..errors import UsageError
from .cache_tables import DOCUMENTS, TABLES

TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# compare-sources cache: safe to delete, rebuilt on the next run.\n"
"""CACHEDIR.TAG content: the standard signature line, then our own marker line."""
GITIGNORE = "*\n"
"""``.gitignore`` content: git ignores the cache folder and everything in it, wherever it is."""
_KEY_NAME = re.compile(r"[0-9a-f]{20}")
"""A key folder's name (:func:`compare.cache.cache_key`)."""
log = logging.getLogger(__name__)
DAMAGE = (OSError, ValueError, KeyError, TypeError, AttributeError, pl.exceptions.PolarsError)
"""What reading a damaged or foreign cache raises."""


def warn(message: str) -> None:
    """Report ``message`` as a warning (the CLI shows it on stderr): what happens to the cache
    never stops a run."""
    log.warning(message)


CHECKSUM = "xxh3_128"
"""The manifest's name of the checksums it records (:func:`checksum`)."""


def checksum(data: bytes | mmap.mmap) -> str:
    """The 128-bit XXH3 of ``data`` (hex), as the manifest records each file's: it detects a
    damaged file as surely as sha256 for this purpose (no protection against a deliberate edit,
    which could rewrite the manifest too) at a hundredth of the cost, and a rerun reads about
    30 MB of tables for 1,000 articles (sha256: about 0.08 s, on its critical path)."""
    return xxh3_128_hexdigest(data)


def derived_checksum(values: dict[str, list]) -> str:
    """Checksum of the stored datasketch parameters (:func:`compare.similarity.derived`):
    a changed digit would change every signature, so they are checked like the tables."""
    return checksum(json.dumps(values, sort_keys=True).encode())


def is_ours(folder: Path) -> bool:
    """Whether ``folder`` holds the ``CACHEDIR.TAG`` of a compare cache."""
    tag = folder / "CACHEDIR.TAG"
    return tag.is_file() and "compare-sources cache" in tag.read_text(encoding="utf-8", errors="replace")


_CLAIMING = ("lock", ".gitignore", "CACHEDIR.TAG")
"""The files a run claiming a new cache folder writes first (besides a draft of the tag)."""


def _tag_draft(path: Path) -> bool:
    """Whether ``path`` is a ``CACHEDIR.TAG`` being written by a run that claims the folder."""
    return path.name.startswith("CACHEDIR.TAG.") and path.name.endswith(".draft")


def claim_folder(folder: Path) -> None:
    """Create ``folder`` or check that it is a compare cache (by its ``CACHEDIR.TAG``); a
    folder holding other files is refused (:class:`UsageError`), never written into."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tag = folder / "CACHEDIR.TAG"
        if not tag.exists():
            # a tag or a draft of it appearing meanwhile is another run claiming the folder too
            if any(p.name not in _CLAIMING and not _tag_draft(p) for p in folder.iterdir()):
                raise UsageError(
                    f"--cache folder {folder} holds other files and is not a compare cache; "
                    "give an empty or new folder, or --no-cache"
                )
            if not tag.exists():  # whole or not at all: another run never reads it half written
                draft = folder / f"CACHEDIR.TAG.{secrets.token_hex(4)}.draft"
                draft.write_text(TAG, encoding="utf-8")
                draft.replace(tag)
        if not is_ours(folder):
            raise UsageError(f"--cache folder {folder} is another program's cache; give another folder")
        ignore = folder / ".gitignore"
        if not ignore.exists():  # caches made before it was written get one too
            ignore.write_text(GITIGNORE, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot use cache folder {folder}: {exc.strerror or exc}") from None


# ---- reading, checked ------------------------------------------------------------------
def read_table(folder: Path, manifest: dict[str, Any], name: str, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The file ``name`` of ``manifest`` ("documents" or "<segment>/<table>") in ``folder``,
    checked against its checksum, columns and rows; raises one of :data:`DAMAGE` otherwise."""
    entry = manifest["tables"][name]
    path = folder / entry["file"]
    # checked through a read-only mapping of the file and decoded from the file itself: no copy
    # of it in the process (a rerun reads 25 MB of tables; copies cost a page fault per 4 KB)
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if checksum(data) != entry[CHECKSUM]:
            raise ValueError(f"{entry['file']} does not match its checksum")
    table = pl.read_parquet(path)
    if dict(table.schema) != schema or table.height != entry["rows"]:
        raise ValueError(f"{entry['file']} does not have the expected columns and rows")
    return table


def checked_index(folder: Path, manifest: dict[str, Any]) -> pl.DataFrame:
    """The documents table of ``manifest``, once the manifest names every table of its
    segments and the table names each document once, in a segment it has; raises one of
    :data:`DAMAGE` otherwise."""
    sizes = {seg["id"]: int(seg["documents"]) for seg in manifest["segments"]}
    if any(f"{seg}/{name}" not in manifest["tables"] for seg in sizes for name in TABLES):
        raise ValueError("the manifest lacks a table of a segment")
    index = read_table(folder, manifest, "documents", DOCUMENTS)
    spans = index.group_by("segment").agg(pl.col("doc").min().alias("lo"), pl.col("doc").max().alias("hi"))
    if any(seg not in sizes or lo < 0 or hi >= sizes[seg] for seg, lo, hi in spans.iter_rows()):
        raise ValueError("the documents table does not match the segments")
    if index.get_column("sha256").n_unique() != index.height:
        raise ValueError("the documents table names a document twice")
    return index


def checked_derived(manifest: dict[str, Any]) -> dict[str, list]:
    """The datasketch parameters ``manifest`` stores (none for a manifest without them),
    checked against their checksum; raises ValueError otherwise."""
    derived = manifest.get("derived", {"values": {}, CHECKSUM: derived_checksum({})})
    if derived_checksum(derived["values"]) != derived[CHECKSUM]:
        raise ValueError("the stored datasketch parameters do not match their checksum")
    return derived["values"]


# ---- writing: names and clean-up -------------------------------------------------------
def fresh_token(folder: Path) -> str:
    """A fresh name part for a run's files, unlike any file's in ``folder``."""
    taken = {part for path in folder.glob("*.*") for part in path.name.split(".")}
    while (token := secrets.token_hex(4)) in taken:  # pragma: no cover - 1 in 4 billion
        pass
    return token


def kept_entries(
    manifest: dict[str, Any], segments: list[dict[str, Any]], keep: tuple[str, ...] | None
) -> dict[str, Any]:
    """The entries of the previous ``manifest`` a new one keeps: the tables of ``segments``
    and those whose name starts with one of ``keep`` (by default, "documents" aside, every
    group of :meth:`compare.cache.Cache.save_tables`)."""
    if keep is None:
        previous = {seg["id"] for seg in manifest.get("segments", [])} | {"documents"}
        keep = tuple({name.partition("/")[0] for name in manifest.get("tables", {})} - previous)
    kept = {seg["id"] for seg in segments} | set(keep)
    return {name: entry for name, entry in manifest.get("tables", {}).items() if name.partition("/")[0] in kept}


def remove_unnamed(folder: Path, names: set[str]) -> None:
    """Remove the table and temporary files of ``folder`` not in ``names`` (the files of
    earlier runs, of compacted segments and of interrupted runs)."""
    for path in folder.iterdir():
        if path.name not in names and path.suffix in (".parquet", ".tmp"):
            with contextlib.suppress(OSError):
                path.unlink()


def prune_keys(folder: Path, current: Path, keep: int) -> None:
    """Remove the key folders of ``folder`` other than ``current`` beyond the ``keep`` most
    recently written, ``current`` included (each code change or sketch setting makes a new
    key; old ones would pile up)."""
    others = []
    for path in folder.iterdir():
        manifest = path / "manifest.json"
        if path != current and path.is_dir() and _KEY_NAME.fullmatch(path.name):
            with contextlib.suppress(OSError):
                others.append((manifest.stat().st_mtime if manifest.exists() else 0.0, path.name, path))
    for _, _, path in sorted(others, reverse=True)[keep - 1 :]:
        shutil.rmtree(path, ignore_errors=True)
