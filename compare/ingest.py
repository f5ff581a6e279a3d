"""Stage 1, ingest: find the text files under a folder, decode them, hash them.

Output: the ``documents`` frame (see :mod:`compare.frames`) and a ``skipped`` frame
that names every file that could not be read and why; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from . import frames
from .errors import InputError
from .settings import Settings

OUTPUT_NAMES = ("report.md", "findings.json", "report.html")
"""Files the job writes; never read back as input from the output folder."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def list_files(root: Path, extensions: Iterable[str], exclude: Iterable[Path] = ()) -> list[Path]:
    """Files under ``root`` with one of ``extensions``, sorted by relative path.

    Hidden files and folders are skipped, symlinked folders are not followed (no loops),
    and anything under an ``exclude`` folder (such as the output folder) is left out.
    """
    exts = tuple(e.lower() for e in extensions)
    excluded = [e.resolve() for e in exclude]
    own_outputs = {(e / name) for e in excluded for name in OUTPUT_NAMES}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in excluded)
        for name in filenames:
            if name.startswith(".") or not name.lower().endswith(exts):
                continue
            if name in OUTPUT_NAMES and (here / name).resolve() in own_outputs:
                continue  # our own report, when --out is (inside) the input folder
            found.append(here / name)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the encoding used.

    A BOM wins; then strict UTF-8 (most files); then charset detection, which in
    practice finds cp1252 for Windows-era news dumps. Raises ``ValueError`` for data
    that is not text (NUL bytes or undecodable).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 is by far the most common legacy encoding of English news; detectors
    # often prefer cp1250 or DOS code pages for it, which garbles quotes ("countryĺs").
    # Trust it when it decodes strictly and reads like text.
    try:
        text = data.decode("cp1252")
        if _plausible_western(text):
            return text, "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is neither UTF-8 nor cp1252

    best = from_bytes(data[: 1 << 20]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding = "cp1252"
        text = data.decode(encoding, errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:4096])
    if text and printable / min(len(text), 4096) < 0.85:
        raise ValueError("binary file (not decodable as text)")
    return text, encoding


def _plausible_western(text: str) -> bool:
    """True when the non-ASCII characters of a cp1252 decoding are mostly typographic
    punctuation and Latin letters, as in Western European text."""
    other = [c for c in text if ord(c) > 127]
    if not other:
        return True
    latin = sum(
        c in "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a0\u00b7\u2022\u00a3\u20ac\u00a9\u00ae" or c.isalpha()
        for c in other
    )
    return latin / len(other) >= 0.9


def check_input(root: Path, settings: Settings, exclude: Iterable[Path] = ()) -> list[Path]:
    """The files to read under ``root``; raises :class:`InputError` for a missing or
    empty folder, before any work starts or anything is written."""
    if not root.exists():
        raise InputError(f"input folder not found: {root}")
    if not root.is_dir():
        raise InputError(f"input is not a folder: {root}")
    try:
        paths = list_files(root, settings.extensions, exclude)
    except OSError as exc:
        raise InputError(f"cannot list {root}: {exc.strerror or exc}") from None
    if not paths:
        raise InputError(f"no {'/'.join(settings.extensions)} files under {root}")
    return paths


def ingest(
    root: Path, settings: Settings, exclude: Iterable[Path] = (), paths: list[Path] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Read every text file under ``root`` into the documents and skipped frames; ``paths``
    is the listing :func:`check_input` already made, if the caller has it."""
    if paths is None:
        paths = check_input(root, settings, exclude)
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, str]] = []
    for path in paths:
        rel = path.relative_to(root).as_posix()
        try:
            size = path.stat().st_size
            if size > settings.max_bytes:
                skipped.append({"path": rel, "reason": f"larger than max_bytes ({size} > {settings.max_bytes})"})
                continue
            data = path.read_bytes()
        except OSError as exc:
            skipped.append({"path": rel, "reason": f"cannot read: {exc.strerror or exc}"})
            continue
        if not data.strip():
            skipped.append({"path": rel, "reason": "empty file"})
            continue
        try:
            text, encoding = decode(data)
        except ValueError as exc:
            skipped.append({"path": rel, "reason": str(exc)})
            continue
        rows.append(
            {
                "doc_id": len(rows),
                "path": rel,
                "sha256": hashlib.sha256(data).hexdigest(),
                "encoding": encoding,
                "text": text,
                "bytes": len(data),
            }
        )
    docs = pl.DataFrame(rows, schema=frames.DOCUMENTS) if rows else frames.empty(frames.DOCUMENTS)
    skip = pl.DataFrame(skipped, schema=frames.SKIPPED) if skipped else frames.empty(frames.SKIPPED)
    if docs.height == 0:
        reasons = "; ".join(f"{r['path']}: {r['reason']}" for r in skipped[:3])
        raise InputError(f"no readable text files under {root} ({reasons})")
    return docs, skip
