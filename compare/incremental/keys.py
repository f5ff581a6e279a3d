"""The digest of the package's own code: what stored results are keyed by.

Anything a run stores for the next one (the per-document cache, the candidate state) was
made by some version of this code. Keying it by every module and data file of the package,
rather than by a list of the modules thought to matter, means a change to any rule, in any
stage, starts from a cold cache once instead of silently reusing what older code made.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
"""The folder of the compare package (this module sits in its incremental subpackage)."""
_SKIPPED_SUFFIXES = (".pyc", ".pyo")
"""Compiled bytecode is made from the sources (and appears after a first run): not code of its own."""


def package_files(root: Path | None = None) -> list[Path]:
    """Every file of the package under ``root`` (this package by default), sorted by
    relative path, without bytecode caches."""
    root = root or PACKAGE
    found = [
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.relative_to(root).parts and p.suffix not in _SKIPPED_SUFFIXES
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


@functools.cache
def package_digest() -> str:
    """sha256 over the relative path and bytes of every file of the package (computed once
    per process: a few hundred kilobytes)."""
    root = PACKAGE
    h = hashlib.sha256()
    for path in package_files(root):
        data = path.read_bytes()
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()
