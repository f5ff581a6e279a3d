"""The Python API: ``compare.run(...)`` is what the CLI calls, with the same names.

>>> import compare
>>> findings = compare.run("seeds", out="reports")          # doctest: +SKIP
>>> [c["kind"] for c in findings.conflict_list]              # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .documents.ingest import check_input, ingest
from .engines.local import LocalEngine
from .errors import UsageError
from .findings.model import Findings
from .incremental.cache import WAIT_SECONDS, Cache, cache_key
from .pipeline import STAGES, Progress, compare_documents, versions
from .report.output import write_outputs
from .settings import Settings, load_settings


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
    cache: str | Path | None = None,
    cache_wait: float = WAIT_SECONDS,
    jobs: int = 0,
    **overrides: Any,
) -> Findings:
    """Compare the texts under ``input_dir``; write ``report.md`` and ``findings.json``
    into ``out`` when given; return the :class:`~compare.findings.Findings`.

    Settings come from defaults, ``[tool.compare]`` in ``pyproject.toml`` or
    ``compare.toml`` (or ``config``), then ``overrides`` (same names as the settings).
    ``format="html"`` also writes ``report.html``, a standalone page of the same report.
    ``cache`` names a folder for the per-document cache (the CLI's default is
    ``.compare-cache``); the findings are the same with or without it. A run waits up to
    ``cache_wait`` seconds for another run using the same cache folder. ``jobs`` is the
    number of processes for the per-document stages (0: one per core; 1: this process only);
    it changes no finding. Worker processes are started with ``spawn``: in a script, call
    ``run`` under ``if __name__ == "__main__":``, as for any multiprocessing code.
    """
    if format not in ("md", "html"):
        raise UsageError(f"unknown format {format!r}; use md or html")
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 0:
        raise UsageError(f"jobs must be a whole number >= 0 (0: one process per core), not {jobs!r}")
    settings, sources = load_settings(Path(config) if config else None, overrides)
    if settings.semantic:
        from .statements import embeddings as semantic  # numpy only; torch is imported when embedding

        if not semantic.available():  # fail before any work, not at the matching stage
            raise UsageError("semantic matching needs the semantic extra: pip install '.[semantic]'")
    input_path = Path(input_dir)
    out_path = Path(out) if out is not None else None
    cache_path = Path(cache) if cache is not None else None
    exclude = tuple(p for p in (out_path, cache_path) if p is not None)
    paths = check_input(input_path, settings, exclude)  # fail fast, before any progress or output
    documents, skipped = ingest(input_path, settings, exclude, paths)  # and before waiting for a cache
    engine = LocalEngine(jobs)
    if cache_path is None:
        findings = compare_documents(documents, skipped, settings, progress, engine=engine)
    else:
        with Cache.open(cache_path, cache_key(settings, versions()), cache_wait) as opened:
            findings = compare_documents(documents, skipped, settings, progress, opened, engine)
            findings.from_cache = opened.hits
    findings.sources = sources
    if out_path is not None:
        if progress:
            progress("report", len(STAGES), len(STAGES))
        write_outputs(findings, input_path, out_path, html=format == "html")
    return findings
