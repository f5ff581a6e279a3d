"""What the command line shows on stderr: the library's log records, and its progress.

Library code only logs (``logging.getLogger(__name__)``); the CLI installs :class:`Console`
on the ``compare`` logger for one run. Messages are one line each, ``compare: ...`` (errors
``compare: error: ...``). Progress records (a stage starting, documents done) carry their
numbers in ``extra``: on a terminal they drive tqdm bars, elsewhere (CI logs, pipes) each is a
plain line. ``--quiet`` shows warnings and errors only; ``--verbose`` adds debug records.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

ROOT = "compare"
"""The logger every module of the package logs under (``compare.<module>``)."""


def _tqdm() -> Any:
    """tqdm's bar class, imported when a bar is first drawn: a run without bars (quiet, in CI,
    piped) does not pay its import (about 25 ms, a fortieth of a cached rerun)."""
    from tqdm import tqdm

    return tqdm


def on_terminal() -> bool:
    """Whether stderr is a terminal a bar can be redrawn on (not in CI, whose logs keep every redraw)."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class Console(logging.Handler):
    """Writes records to the current ``sys.stderr``: messages as lines, progress as bars or lines."""

    def __init__(self, level: int, tty: bool) -> None:
        """A handler showing records from ``level`` up, with bars when ``tty``."""
        super().__init__(level)
        self.tty = tty
        self.t0 = time.monotonic()
        self.stages: Any = None
        self.documents: Any = None

    def emit(self, record: logging.LogRecord) -> None:
        """Show ``record``: a stage or documents count as progress, anything else as a line."""
        try:
            if hasattr(record, "stage"):
                self._stage(record.stage, record.step, record.steps)  # type: ignore[attr-defined]
            elif hasattr(record, "documents_done"):
                self._documents(record.documents_done, record.documents_total)  # type: ignore[attr-defined]
            else:
                self._line(self.format(record))
        except Exception:  # pragma: no cover - as logging.StreamHandler does
            self.handleError(record)

    def format(self, record: logging.LogRecord) -> str:
        """``compare: message``, ``compare: error: message`` for errors."""
        prefix = "compare: error: " if record.levelno >= logging.ERROR else "compare: "
        return prefix + record.getMessage()

    def _line(self, text: str) -> None:
        """One line on stderr, above the bars when they are drawn."""
        if self.stages is not None:
            _tqdm().write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr, flush=True)

    def _stage(self, stage: str, step: int, steps: int) -> None:
        """A stage starts: the stage bar moves on (a terminal) or one line says so."""
        self._close_documents()
        if not self.tty:
            self._line(f"compare: [{step}/{steps}] {stage} ({time.monotonic() - self.t0:.1f}s)")
            return
        if self.stages is None:
            self.stages = _tqdm()(total=steps, file=sys.stderr, leave=False, unit="stage", dynamic_ncols=True)
        self.stages.set_description_str(stage)
        self.stages.update(step - 1 - self.stages.n)

    def _documents(self, done: int, total: int) -> None:
        """Documents of the per-document stage done so far, of ``total``."""
        if not self.tty:
            self._line(f"compare:   {done}/{total} documents ({time.monotonic() - self.t0:.1f}s)")
            return
        if self.documents is None:
            self.documents = _tqdm()(
                total=total, file=sys.stderr, leave=False, unit="doc", position=1, dynamic_ncols=True
            )  # fmt: skip
        self.documents.update(done - self.documents.n)

    def _close_documents(self) -> None:
        """Clear the documents bar, if one is drawn (its stage is over)."""
        if self.documents is not None:
            self.documents.close()
            self.documents = None

    def finish(self) -> None:
        """Clear the bars (the run is over or failed): later lines start on a clean line."""
        with self.lock:
            self._close_documents()
            if self.stages is not None:
                self.stages.close()
                self.stages = None


@contextlib.contextmanager
def console(quiet: bool = False, verbose: bool = False) -> Iterator[Console]:
    """Show the package's log records on stderr while the block runs (warnings and errors only
    when ``quiet``, debug records too when ``verbose``); the logger is restored after."""
    level = logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO
    handler = Console(level, on_terminal())
    logger = logging.getLogger(ROOT)
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # shown once, here, even when the caller's root logger has handlers
    try:
        yield handler
    finally:
        handler.finish()
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
