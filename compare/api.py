"""The Python API: ``compare.run(...)`` is what the CLI calls, with the same names;
``compare.compare_texts(...)`` takes the texts themselves, for notebooks.

>>> import compare
>>> findings = compare.run("seeds", out="reports")          # doctest: +SKIP
>>> [c["kind"] for c in findings.conflict_list]              # doctest: +SKIP
>>> compare.compare_texts({"a.txt": "It rained.", "b.txt": "It did not rain."})  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from .documents.ingest import check_input, documents_from_texts, ingest
from .documents.sources import document_about, document_dates, read_sources
from .documents.tables import input_format as table_format
from .documents.tables import read_table
from .engines.local import Engine, LocalEngine
from .errors import UsageError
from .findings.model import Findings
from .incremental.cache import WAIT_SECONDS, Cache, cache_key
from .pipeline import Progress, announce, compare_documents, versions
from .report.export import FORMATS
from .report.output import write_outputs
from .settings import Settings, load_settings

log = logging.getLogger(__name__)


def analyze(
    input_dir: Path,
    settings: Settings,
    progress: Progress | None = None,
    exclude: tuple[Path, ...] = (),
    paths: list[Path] | None = None,
    cache: Cache | None = None,
) -> Findings:
    """Run every stage on ``input_dir`` (or its files ``paths``, when already listed) and
    return the findings (nothing is written but the ``cache``, when given)."""
    documents, skipped = ingest(input_dir, settings, exclude, paths)
    return compare_documents(documents, skipped, settings, progress, cache)


def run(
    input_dir: str | Path,
    out: str | Path | None = None,
    *,
    config: str | Path | None = None,
    progress: Progress | None = None,
    format: str = "md",
    export: str | Sequence[str] = (),
    cache: str | Path | None = None,
    cache_wait: float = WAIT_SECONDS,
    jobs: int = 0,
    engine: str = "local",
    master: str | None = None,
    input_format: str = "auto",
    **overrides: Any,
) -> Findings:
    """Compare the texts under ``input_dir``; write ``report.md`` and ``findings.json``
    into ``out`` when given; return the :class:`~compare.findings.Findings`.

    Over 60 lines on purpose: most of them are this docstring, the API's reference, and
    the body is the run's steps in order, each a line or two.

    Settings come from defaults, ``[tool.compare]`` in ``pyproject.toml`` or
    ``compare.toml`` (or ``config``), then ``overrides`` (same names as the settings).
    ``format="html"`` also writes ``report.html``, a self-contained page to browse the findings
    with the source texts embedded; ``export`` ("csv", "parquet" or both) also writes the
    conflicts, repeated groups, unique claims and document pairs as tables (:mod:`compare.report.export`).
    ``cache`` names a folder for the per-document cache (the CLI's default is
    ``.compare-cache``); the findings are the same with or without it. A run waits up to
    ``cache_wait`` seconds for another run using the same cache folder. ``jobs`` is the
    number of processes for the per-document stages (0: one per core; 1: this process only);
    it changes no finding. Worker processes are started with ``spawn``: in a script, call
    ``run`` under ``if __name__ == "__main__":``, as for any multiprocessing code.

    ``engine="spark"`` runs the stages on Spark at ``master`` (the spark extra; the same
    findings; no master: spark-submit's, else ``local[*]``). ``input_dir`` may also be a
    JSON Lines or Parquet table with ``id`` and ``text`` columns (``input_format``: auto,
    folder, jsonl or parquet; auto goes by the extension).
    """
    settings, sources = _settings(config, format, jobs, overrides)
    exports = _exports(export)
    runner = _engine(engine, master, jobs)  # fails before any work when Spark is missing
    input_path = Path(input_dir)
    out_path = Path(out) if out is not None else None
    cache_path = Path(cache) if cache is not None else None
    exclude = tuple(p for p in (out_path, cache_path) if p is not None)
    fmt = table_format(input_path, input_format)
    if fmt == "folder":
        paths = check_input(input_path, settings, exclude)  # fail fast, before any progress or output
        documents, skipped = ingest(input_path, settings, exclude, paths)  # and before waiting for a cache
        about_file = read_sources(input_path)
        dates = document_dates(documents, about_file)
    else:
        documents, skipped = read_table(input_path, fmt, settings.max_bytes)
        about_file, dates = {}, document_dates(documents, {})
    with contextlib.ExitStack() as stack:
        stack.callback(getattr(runner, "close", lambda: None))
        opened = None
        if cache_path is not None:
            opened = stack.enter_context(Cache.open(cache_path, cache_key(settings, versions()), cache_wait))
        findings = compare_documents(documents, skipped, settings, progress, opened, runner, dates)
        findings.sources = sources
        findings.about = document_about(documents, about_file, dates)
        if opened is not None:
            findings.from_cache = opened.hits
            log.debug("cache %s: %d of %d documents found", cache_path, opened.hits, documents.height)
        # the cache's last tables are written in a thread meanwhile: the cache closes (waiting
        # for them) once the outputs are written
        _write(findings, input_path if fmt == "folder" else None, out_path, progress, format, exports)
    return findings


def compare_texts(
    texts: Mapping[str, str] | pl.DataFrame,
    out: str | Path | None = None,
    *,
    config: str | Path | None = None,
    progress: Progress | None = None,
    format: str = "md",
    export: str | Sequence[str] = (),
    jobs: int = 0,
    **overrides: Any,
) -> Findings:
    """Compare texts given as a mapping name -> text, or a polars DataFrame with ``id`` and
    ``text`` columns (others are ignored); otherwise as :func:`run`, with no cache.

    Each name stands for a file path: documents are ordered by name as :func:`run` orders
    the files of a folder, so texts named as those files give the same findings as the
    folder. The report cites sources by name, with no link (there is no folder to link
    to). Raises :class:`UsageError` for a bad name or a text that is not a ``str`` and
    :class:`InputError` when no text is given or every text is empty.
    """
    settings, sources = _settings(config, format, jobs, overrides)
    exports = _exports(export)
    documents, skipped = documents_from_texts(_named_texts(texts), settings.max_bytes)
    findings = compare_documents(documents, skipped, settings, progress, engine=LocalEngine(jobs))
    findings.sources = sources
    _write(findings, None, Path(out) if out is not None else None, progress, format, exports)
    return findings


def _engine(name: str, master: str | None, jobs: int) -> Engine:
    """The engine called ``name``: local (``jobs`` processes) or spark (at ``master``, checked
    to have PySpark and Java); :class:`UsageError` for another name or a missing extra."""
    if name == "local":
        return LocalEngine(jobs)
    if name == "spark":
        from .engines import spark  # imports pyspark only when a session starts

        spark.check_available()
        return spark.SparkEngine(master)
    raise UsageError(f"unknown engine {name!r}; use local or spark")


def _settings(
    config: str | Path | None, format: str, jobs: int, overrides: dict[str, Any]
) -> tuple[Settings, list[str]]:
    """Check the options both entry points share and load the settings (and where they
    came from), before any work starts or anything is written."""
    if format not in ("md", "html"):
        raise UsageError(f"unknown format {format!r}; use md or html")
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise UsageError(f"jobs must be a whole number >= 0 (0: one process per core), not {jobs!r}")
    settings, sources = load_settings(Path(config) if config else None, overrides)
    log.debug("settings from %s", ", ".join(sources))
    if settings.semantic:
        from .statements import embeddings as semantic  # numpy only; torch is imported when embedding

        if not semantic.available():  # fail before any work, not at the matching stage
            raise UsageError("semantic matching needs the semantic extra: pip install 'compare-sources[semantic]'")
    return settings, sources


def _exports(export: str | Sequence[str]) -> tuple[str, ...]:
    """The export formats asked for (one name or several), checked, each once, in the order
    of :data:`~compare.report.export.FORMATS`; raises :class:`UsageError` for another name."""
    asked = [export] if isinstance(export, str) else list(export)
    unknown = [f for f in asked if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown export format {unknown[0]!r}; use {' or '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in asked)


def _write(
    findings: Findings,
    input_path: Path | None,
    out_path: Path | None,
    progress: Progress | None,
    format: str,
    exports: tuple[str, ...],
) -> None:
    """Write the outputs into ``out_path``, when given (``input_path`` None: texts with no folder)."""
    if out_path is not None:
        announce("report", progress)
        write_outputs(findings, input_path, out_path, html=format == "html", exports=exports)


def _named_texts(texts: Mapping[str, str] | pl.DataFrame) -> dict[str, str]:
    """``texts`` as a dict name -> text; raises :class:`UsageError` (one line) for another
    type, a frame without ``id`` and ``text``, a name or text that is not a ``str``, or a
    name given twice."""
    if isinstance(texts, pl.DataFrame):
        missing = [c for c in ("id", "text") if c not in texts.columns]
        if missing:
            raise UsageError(f"the texts frame needs id and text columns; it has no {' or '.join(missing)}")
        names, values = texts.get_column("id").to_list(), texts.get_column("text").to_list()
    elif isinstance(texts, Mapping):
        names, values = list(texts.keys()), list(texts.values())
    else:
        raise UsageError(
            f"texts must be a mapping name -> text or a polars DataFrame with id and text columns, "
            f"not {type(texts).__name__}"
        )
    for name, text in zip(names, values, strict=True):
        if not isinstance(name, str):
            raise UsageError(f"text names (ids) must be str, not {type(name).__name__}: {_short_repr(name)}")
        if not isinstance(text, str):
            raise UsageError(f"text {_short_repr(name)} must be a str, not {type(text).__name__}")
    twice = sorted(name for name, n in Counter(names).items() if n > 1)
    if twice:
        raise UsageError(f"text ids must be unique; given more than once: {', '.join(map(_short_repr, twice[:3]))}")
    return dict(zip(names, values, strict=True))


def _short_repr(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for a one-line message."""
    shown = repr(value).replace("\n", " ")
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."
