"""What ``compare-sources cache info`` and ``cache clear`` do: describe a cache folder, empty it.

Both read only what a run writes (``CACHEDIR.TAG``, the key folders and their manifests) and
refuse a folder that is not a compare cache; clearing takes the cache's lock first, so it
never removes files a run is writing.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from .cache import LOCK_NAME, hold_lock
from .cache_files import is_ours

KEEP = ("CACHEDIR.TAG", ".gitignore", LOCK_NAME)
"""What clearing leaves: the markers and the lock, so the folder stays a valid, empty cache."""


@dataclass(frozen=True)
class KeyInfo:
    """One key folder: code and sketch settings of the runs that wrote it."""

    key: str
    documents: int
    segments: int
    runs: int
    written: float
    """When its manifest was last written (seconds since the epoch), 0 without one."""


@dataclass(frozen=True)
class CacheInfo:
    """What a cache folder holds."""

    folder: Path
    exists: bool
    size: int = 0
    files: int = 0
    keys: list[KeyInfo] = field(default_factory=list)


def _checked(folder: Path) -> None:
    """Raise :class:`UsageError` when ``folder`` exists but is not a compare cache."""
    if folder.exists() and not (folder.is_dir() and is_ours(folder)):
        raise UsageError(f"{folder} is not a compare cache (no compare CACHEDIR.TAG in it); nothing done")


def _key_info(path: Path) -> KeyInfo:
    """What the manifest of the key folder ``path`` says (zeros when it is missing or unreadable)."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        documents = int(manifest["tables"]["documents"]["rows"])
        return KeyInfo(
            path.name, documents, len(manifest["segments"]), int(manifest["run"]),
            (path / "manifest.json").stat().st_mtime,
        )  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError):
        return KeyInfo(path.name, 0, 0, 0, 0.0)


def cache_info(folder: Path) -> CacheInfo:
    """Size, files and keys of the cache ``folder`` (``exists`` False when there is none)."""
    _checked(folder)
    if not folder.exists():
        return CacheInfo(folder.resolve(), False)
    files = [p for p in sorted(folder.rglob("*")) if p.is_file()]
    keys = [_key_info(p) for p in sorted(folder.iterdir()) if p.is_dir()]
    keys.sort(key=lambda k: (-k.written, k.key))
    return CacheInfo(folder.resolve(), True, sum(p.stat().st_size for p in files), len(files), keys)


def _age(seconds: float) -> str:
    """A duration, roughly, as a person says it."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' * (n != 1)}"
    return "less than a minute"


def size_text(n: int) -> str:
    """A byte count with a unit."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def info_lines(info: CacheInfo, now: float | None = None) -> list[str]:
    """``info`` as the lines ``cache info`` prints (ages from ``now``, by default the clock)."""
    if not info.exists:
        return [f"cache: {info.folder}", "no cache there yet: a run with --cache creates it"]
    now = time.time() if now is None else now
    lines = [
        f"cache: {info.folder}",
        f"size: {size_text(info.size)} in {info.files} file{'s' * (info.files != 1)}",
        f"keys: {len(info.keys)} (code and sketch settings; the newest is used by a run of this version)",
    ]
    for k in info.keys:
        when = f"last written {_age(now - k.written)} ago" if k.written else "no manifest"
        lines.append(f"  {k.key}: {k.documents} documents in {k.segments} segments, {k.runs} runs, {when}")
    return lines


def clear(folder: Path, wait: float) -> tuple[int, int]:
    """Remove every file of the cache ``folder`` but its markers and lock (:data:`KEEP`), once
    its lock is held (waiting up to ``wait`` seconds for a run); the files and bytes removed."""
    _checked(folder)
    if not folder.exists():
        return 0, 0
    lock = hold_lock(folder, wait)
    try:
        files = bytes_ = 0
        for path in sorted(folder.iterdir()):
            if path.name in KEEP:
                continue
            inside = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            files += len(inside)
            bytes_ += sum(p.stat().st_size for p in inside)
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    except OSError as exc:
        raise UsageError(f"cannot clear {folder}: {exc.strerror or exc}") from None
    finally:
        lock.release()
    return files, bytes_
