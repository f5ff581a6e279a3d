"""Stage 8, write: ``findings.json`` and ``report.md``, atomically.

Each file is written to a temporary file in the output folder and flushed to disk; once every
file of the run is, they are renamed over the old ones one after the other. A reader (or an
interrupted run) never sees a half-written file, and a run that cannot write one of its files
(a full disk) replaces none: the previous outputs stay together.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Iterable
from concurrent.futures import Future, wait
from pathlib import Path

from .._runtime import in_thread
from ..errors import OutputError
from ..findings.changes import changes, load_previous
from ..findings.model import Findings, encoded_tables, gc_paused, iter_json
from .export import export_files, stale_exports
from .images import render_images
from .markdown import render

log = logging.getLogger(__name__)


def atomic_write(path: Path, text: str | bytes | Iterable[str | bytes]) -> None:
    """Write ``text`` (a string; UTF-8, ``\\n`` line ends; bytes as they are; or pieces of
    either) to ``path`` via a temp file and a rename (:func:`write_together` of one file)."""
    write_together([(path, text)])


def write_together(files: Iterable[tuple[Path, str | bytes | Iterable[str | bytes]]]) -> None:
    """Write each ``(path, text)`` of ``files`` to a temp file beside it, flushed to disk; once
    all are, rename them over their paths in order. When one cannot be written, the temp files
    are removed and no path is replaced. A temp file is created with mode 0o666 less the
    umask, as any new file (no process-wide umask is read or changed for it)."""
    with _Staging() as staging:
        for path, text in files:
            staging.add(path, text)
        staging.commit()


class _Staging:
    """Temp files beside the paths they will replace (:func:`write_together`): each is written
    when added and flushed to disk in a thread of its own meanwhile (``fsync`` waits for the disk,
    not the CPU: the report is rendered while ``findings.json`` reaches it); :meth:`commit` waits
    for every flush, then renames them in the order added. Leaving the ``with`` block without a
    commit (an error, an interrupt) removes them all."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temp file, path), in order
        self._flushes: list[Future[None]] = []
        self._renamed = 0

    def __enter__(self) -> _Staging:
        return self

    def add(self, path: Path, text: str | bytes | Iterable[str | bytes]) -> None:
        """Write ``text`` (see :func:`atomic_write`) to a new temp file beside ``path``; its flush starts."""
        tmp, fd = _staged(path, text)
        self._staged.append((tmp, path))
        self._flushes.append(in_thread(_flushed, fd))

    @property
    def paths(self) -> list[Path]:
        """The paths added, in order."""
        return [path for _, path in self._staged]

    def commit(self) -> None:
        """Once every file is on disk, rename each over its path, in order (an error flushing one
        raises here, before any path is replaced)."""
        for flush in self._flushes:
            flush.result()
        for tmp, path in self._staged:
            os.replace(tmp, path)
            self._renamed += 1

    def __exit__(self, *exc: object) -> None:
        wait(self._flushes)  # their descriptors closed, whatever happened
        for tmp, _ in self._staged[self._renamed :]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _staged(path: Path, text: str | bytes | Iterable[str | bytes]) -> tuple[Path, int]:
    """A new temp file beside ``path`` holding ``text``, and its open descriptor, for
    :func:`_flushed` (the file is removed again when writing it fails)."""
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 1 in 4 billion
            continue
    try:
        with os.fdopen(os.dup(fd), "wb") as raw:
            for piece in [text] if isinstance(text, (str, bytes)) else text:
                raw.write(piece.encode() if isinstance(piece, str) else piece)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp, fd


def _flushed(fd: int) -> None:
    """Flush an open file to disk, then close its descriptor."""
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_outputs(
    findings: Findings, input_dir: Path | None, out_dir: Path, html: bool = False, exports: tuple[str, ...] = ()
) -> list[Path]:
    """Render and write the outputs (and ``report.html`` when ``html``, the tables in each of
    ``exports``); returns their paths. ``input_dir`` None (texts given in Python): the report
    names sources without links."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out_dir}: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK):
        raise OutputError(f"output folder is not writable: {out_dir}")
    with gc_paused():  # ~100k dicts (the findings and a previous findings.json), no cycles
        return _write(findings, input_dir, out_dir, html, exports)


def _write(
    findings: Findings, input_dir: Path | None, out_dir: Path, html: bool, exports: tuple[str, ...] = ()
) -> list[Path]:
    """:func:`write_outputs` once the output folder is known to be writable."""
    link_base = Path(os.path.relpath(input_dir.resolve(), out_dir.resolve())).as_posix() if input_dir else None
    # polars writes the large tables' JSON meanwhile (or has since the claim stages started)
    tables = findings.encoded if findings.encoded is not None else in_thread(encoded_tables, findings)
    images = render_images(findings, findings.settings.top_n)
    payload = findings.to_dict(encoded=tables.result())
    # "what changed" reads the statements of the conflicts only: those as dicts
    named = sorted({c[side] for c in payload["conflicts"] for side in ("a", "b")})
    cited = [{"id": sid, "doc": (s := findings.statement(sid))["doc_id"], "text": s["text"]} for sid in named]
    since = changes(load_previous(out_dir), payload | {"statements": cited})
    try:
        with _Staging() as staging:
            for name, text in [*sorted(images.items()), *export_files(findings, exports)]:
                staging.add(out_dir / name, text)
            staging.add(out_dir / "findings.json", iter_json(payload))  # on its way to disk while the report is made
            report = render(
                findings,
                link_base=link_base,
                title_folder=input_dir.resolve().name if input_dir else None,
                images=sorted(images),
                changes=since,
            )
            if html:
                staging.add(out_dir / "report.html", _html(report, findings, images))
            staging.add(out_dir / "report.md", report)
            staging.commit()
        for name in ("similarity.svg", "coverage.svg"):  # pictures of an earlier run must not linger
            if name not in images and (out_dir / name).exists():
                (out_dir / name).unlink()
        stale = out_dir / "report.html"
        if not html and stale.exists():  # a page of an earlier run would disagree with report.md
            stale.unlink()
            log.warning(
                "removed %s of an earlier run (it would disagree with the new report.md); "
                "add --format html to keep one",
                stale,
            )
        _remove_stale(out_dir, exports)
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    return staging.paths


def _html(report: str, findings: Findings, images: dict[str, str]) -> str:
    """``report.html`` (:func:`compare.report.html.render_html`, loaded only for a run that writes it)."""
    from .html import render_html

    return render_html(report, findings, images)


def _remove_stale(out_dir: Path, exports: tuple[str, ...]) -> None:
    """Remove the tables an earlier run exported in a format this run does not (they would
    disagree with the new report.md), saying so once."""
    stale = stale_exports(out_dir, exports)
    for path in stale:
        path.unlink()
    if stale:
        log.warning(
            "removed %s of an earlier run (they would disagree with the new report.md); add --export to keep them",
            ", ".join(p.name for p in stale),
        )
