"""The digest of the package's own code: what stored results are keyed by.

Anything a run stores for the next one (the per-document cache, the candidate state) was
made by some version of this code. Keying it by every module and data file of the package,
rather than by a list of the modules thought to matter, means a change to any rule, in any
stage, starts from a cold cache once instead of silently reusing what older code made.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import polars as pl

PACKAGE = Path(__file__).resolve().parent.parent
"""The folder of the compare package (this module sits in its incremental subpackage)."""
_SKIPPED_SUFFIXES = (".pyc", ".pyo")
"""Compiled bytecode is made from the sources (and appears after a first run): not code of its own."""


def package_files(root: Path | None = None) -> list[Path]:
    """Every file of the package under ``root`` (this package by default), sorted by
    relative path, without bytecode caches (walked with ``os.walk``, bytecode folders not
    entered: about ten times faster than a ``Path.rglob``, on the start of every run)."""
    root = root or PACKAGE
    found: list[tuple[str, Path]] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        here = Path(folder)
        relative = here.relative_to(root).as_posix()
        for name in names:
            if not name.endswith(_SKIPPED_SUFFIXES) and (here / name).is_file():
                found.append((name if relative == "." else f"{relative}/{name}", here / name))
    return [path for _, path in sorted(found)]


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


FACTS = {"kind": pl.String, "value": pl.String}
"""The facts table of a state kept between runs (the candidate pairs', the passages'): one
``(kind, value)`` per row, the first the digest of the code that made it (kind ``code``)."""


def facts_table(rows: list[tuple[str, str]]) -> pl.DataFrame:
    """A state's facts ``rows`` as a :data:`FACTS` table, after the digest of this code."""
    return pl.DataFrame([("code", package_digest()), *rows], schema=FACTS, orient="row")


def made_here(facts: pl.DataFrame) -> bool:
    """Whether a stored :data:`FACTS` table was made by this code (read it before the state's
    other tables: a state of other code may store them in other columns)."""
    return facts.filter(pl.col("kind") == "code").get_column("value").to_list() == [package_digest()]


def facts_by_kind(facts: pl.DataFrame) -> dict[str, list[str]] | None:
    """A stored :data:`FACTS` table's values by kind, in stored order (the code's aside), or
    None when other code made it."""
    by_kind: dict[str, list[str]] = {}
    for kind, value in facts.iter_rows():
        by_kind.setdefault(kind, []).append(value)
    return by_kind if by_kind.pop("code", None) == [package_digest()] else None
