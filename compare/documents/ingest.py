"""Stage 1, ingest: find the text files under a folder, decode them, hash them (or take
texts given by name, :func:`documents_from_texts`).

Output: the ``documents`` frame (see :mod:`compare.frames`) and a ``skipped`` frame
that names every file that could not be read and why; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from .. import frames
from ..errors import InputError, UsageError
from ..settings import Settings

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
    return sorted(found, key=lambda p: relative(p, root))


def relative(path: Path, root: Path) -> str:
    """``path`` below ``root`` as a "/"-separated relative path (``path.relative_to(root).as_posix()``),
    cut from its text when that starts with the root's: pathlib's way costs microseconds a file,
    twice per file of a 1,000-article folder on every run."""
    text, prefix = str(path), os.path.join(str(root), "")
    if text.startswith(prefix) and len(text) > len(prefix):
        rel = text[len(prefix) :]
        return rel if os.sep == "/" else rel.replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the encoding used.

    In this order: a BOM; strict UTF-8 (most files); Windows-1252 when it decodes strictly
    and reads as Western European text (:func:`_plausible_western`); else charset
    detection (Central European, Cyrillic, Greek ... code pages). Raises ``ValueError``
    for data that is not text (NUL bytes or undecodable).
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
    # often prefer cp1250 or DOS code pages for it, which garbles quotes ("countryĺs") and
    # signs ("½" as "˝"). It comes first whenever it decodes strictly and reads like text.
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


_WORD_PUNCTUATION = frozenset("\u2019\u2018\u2013\u2014\u00b7\u00ad")
"""Non-letters that stand between two letters in Western text: apostrophes, dashes, the
middle dot, the soft hyphen."""
MAX_NON_ASCII_LETTERS = 0.3
"""Largest share of non-ASCII letters among all letters of a text read as cp1252: French,
German or Spanish stay far below (accents are a few letters in a hundred); Cyrillic or Greek
bytes read as cp1252 ("Ïðèâåò") are nearly all non-ASCII."""
MAX_INNER_SIGNS = 0.1
"""Largest share of the non-ASCII characters that may be signs inside a word: cp1250 text
read as cp1252 puts "³", "¹" or "¿" where "ł", "ą" or "ż" stand ("wi³a"); real signs ("½",
"€", "°", "©") stand next to digits, spaces or punctuation."""


def _plausible_western(text: str) -> bool:
    """True when a cp1252 decoding reads as Western European text: few of its letters are
    non-ASCII (:data:`MAX_NON_ASCII_LETTERS`) and its non-ASCII signs are not inside words
    (:data:`MAX_INNER_SIGNS`)."""
    letters = non_ascii_letters = non_ascii = inner_signs = 0
    last = len(text) - 1
    for i, c in enumerate(text):
        if c.isalpha():
            letters += 1
            if ord(c) > 127:
                non_ascii += 1
                non_ascii_letters += 1
        elif ord(c) > 127:
            non_ascii += 1
            if 0 < i < last and c not in _WORD_PUNCTUATION and text[i - 1].isalpha() and text[i + 1].isalpha():
                inner_signs += 1
    if not non_ascii:
        return True
    return non_ascii_letters <= MAX_NON_ASCII_LETTERS * letters and inner_signs <= MAX_INNER_SIGNS * non_ascii


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
        rel = relative(path, root)
        try:
            size, data = _read(path, settings.max_bytes)
            if data is None:
                skipped.append({"path": rel, "reason": f"larger than max_bytes ({size} > {settings.max_bytes})"})
                continue
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
        rows.append(_document(len(rows), rel, data, text, encoding))
    if not rows:
        raise InputError(f"no readable text files under {root} ({_reasons(skipped)})")
    return _frames(rows, skipped)


def _read(path: Path, limit: int) -> tuple[int, bytes | None]:
    """The size of the file at ``path`` and its bytes, or None for them when it is larger than
    ``limit`` bytes (then not read): one descriptor for both, no Python file object (a stat and
    a ``read_bytes`` cost about twice as much, 1,000 files at every run's start)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            return size, None
        chunks: list[bytes] = []
        while chunk := os.read(fd, size + 1 if not chunks else 1 << 20):  # on to the end if it grew
            chunks.append(chunk)
        return size, chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _document(doc_id: int, path: str, data: bytes, text: str, encoding: str) -> dict[str, object]:
    """One row of the documents frame: the sha256 and size are those of the bytes ``data``."""
    return {
        "doc_id": doc_id,
        "path": path,
        "sha256": hashlib.sha256(data).hexdigest(),
        "encoding": encoding,
        "text": text,
        "bytes": len(data),
    }


def _reasons(skipped: list[dict[str, str]]) -> str:
    """The first three skipped inputs with their reasons, for a one-line error."""
    return "; ".join(f"{r['path']}: {r['reason']}" for r in skipped[:3])


def _frames(rows: list[dict[str, object]], skipped: list[dict[str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and skipped frames of the rows found (at least one document)."""
    skip = pl.DataFrame(skipped, schema=frames.SKIPPED) if skipped else frames.empty(frames.SKIPPED)
    return pl.DataFrame(rows, schema=frames.DOCUMENTS), skip


def check_name(name: str) -> None:
    """Raise :class:`UsageError` unless ``name`` can stand as a relative file path: the
    report cites it as one and "what changed" matches documents by it, so no absolute
    path, no "", "." or ".." part, no backslash, NUL or lone surrogate (not UTF-8)."""
    parts = name.split("/")
    bad = not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts)
    if bad or "\\" in name or "\x00" in name or name.encode("utf-8", "replace").decode() != name:
        raise UsageError(
            f"text name {name!r} is not a relative file path "
            "(no leading '/', no empty, '.' or '..' part, no backslash, NUL or lone surrogate)"
        )


def documents_from_texts(named: dict[str, str], max_bytes: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and skipped frames of texts given by name, as :func:`ingest` makes them
    for files of those names holding the texts' UTF-8 bytes: names sorted as relative paths,
    the text kept as it is (``"\\r\\n"`` too), empty or whitespace-only texts and texts over
    ``max_bytes`` skipped with a reason. Raises :class:`UsageError` for a name that is not a
    relative path or a text that is not valid Unicode, :class:`InputError` when no text is left."""
    rows: list[dict[str, object]] = []
    skipped: list[dict[str, str]] = []
    for name in sorted(named):
        check_name(name)
        text = named[name]
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(f"text {name!r} is not valid Unicode (it holds a lone surrogate)") from None
        if max_bytes is not None and len(data) > max_bytes:
            skipped.append({"path": name, "reason": f"larger than max_bytes ({len(data)} > {max_bytes})"})
        elif not data.strip():  # the test ingest makes of a file's bytes
            skipped.append({"path": name, "reason": "empty text"})
        elif b"\x00" in data[:8192]:  # as decode() does for a file
            skipped.append({"path": name, "reason": "binary text (contains NUL characters)"})
        else:
            rows.append(_document(len(rows), name, data, text, "utf-8"))
    if not rows:
        raise InputError(f"no text to compare ({_reasons(skipped)})" if skipped else "no texts given")
    return _frames(rows, skipped)
