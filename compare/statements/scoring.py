"""Statement scoring: how alike two claims are, on a corpus-wide IDF.

The score is the IDF-weighted overlap of the two claims' canonical stem sets: the mean of
the overlap coefficient (shared weight over the lighter statement) and the weighted
Jaccard, so a short statement inside a longer one still scores while sharing one rare name
does not. Each shared anchor (the same count of the same thing, the same day) adds
``ANCHOR_BONUS``; long sentences are also compared clause by clause (``CLAUSE_WEIGHT``); two
statements that say the same predicate of the same named object score ``FRAME_SCORE``.
Weights are summed with ``math.fsum``: correctly rounded, whatever order a set iterates in.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, repeat
from sys import intern

import numpy as np
import polars as pl

from .._runtime import gc_paused
from .embeddings import semantic_score
from .features import FRAME_SEPARATOR
from .values import BARE

ANCHOR_BONUS = 0.15
"""Added to the score per shared anchor (the same number of the same thing, the same date), at most two."""
CLAUSE_WEIGHT = 0.85
"""Weight of the best-matching pair of clauses (a claim inside a long sentence)."""
MIN_CLAUSE_SHARED = 3
"""Content stems two clauses must share to be compared on their own."""
FRAME_SCORE = 0.55
"""Score of two statements that say the same predicate of the same named object
("spoke highly of Putin" / "expressed admiration for Vladimir Putin")."""
FACT_SCORE = 0.55
"""Score of two statements that state one fact with the same value (:meth:`Scorer.same_facts`):
"The Solen 5 starts at $799" / "$799 gets you the base Solen 5" make one claim in other words."""


def idf(count: int, claims: int) -> float:
    """Smoothed inverse document frequency of a stem found in ``count`` of ``claims`` claims:
    ``ln((claims + 1) / (count + 0.5)) + 1``, at least 1 (the score bounds of a cached rerun,
    :func:`compare.incremental.blocking_bounds.score_shift`, rely on that)."""
    return math.log((claims + 1) / (count + 0.5)) + 1.0


def _same_frame(fx: frozenset[tuple[str, str, str]], fy: frozenset[tuple[str, str, str]]) -> bool:
    """Both say the same predicate of the same named object, by the same (or an unnamed) subject."""
    return any(
        p == q and o == r and (s == t or not s or not t) and s != o and t != r for p, o, s in fx for q, r, t in fy
    )


class Scorer:
    """IDF-weighted statement similarity over one corpus of statements."""

    def __init__(
        self,
        stem_sets: dict[str, frozenset[str]],
        anchors: dict[str, frozenset[str]] | None = None,
        clauses: dict[str, list[frozenset[str]]] | None = None,
        frames: dict[str, frozenset[tuple[str, str, str]]] | None = None,
        within: set[str] | None = None,
        df: Counter[str] | None = None,
    ) -> None:
        """``within`` and ``df`` are computed from the sets when not given (see
        :meth:`from_features`, which reads them off the features frame)."""
        self.sets = stem_sets
        self.anchors = anchors or {}
        self.clauses = clauses or {}
        self.frames = frames or {}
        # statements whose clauses all lie within their own stem set (nearly all): two of those
        # sharing fewer than MIN_CLAUSE_SHARED stems share no more in any two of their clauses,
        # so their clauses need no comparing
        if within is None:
            within = {
                sid for sid, parts in self.clauses.items() if all(p <= stem_sets.get(sid, frozenset()) for p in parts)
            }
        self._clauses_within = within
        if df is None:
            df = Counter(chain.from_iterable(stem_sets.values()))
        n = max(1, len(stem_sets))
        self.df = df
        # one logarithm per distinct count: a corpus has far fewer of those than stems
        idf_of_count = {c: idf(c, n) for c in set(df.values())}
        self.idf = dict(zip(df.keys(), map(idf_of_count.__getitem__, df.values()), strict=True))
        self._cache: dict[tuple[str, str], float] = {}
        self._same_fact: set[tuple[str, str]] = set()
        # :meth:`weight` of each statement (or clause) set, computed once, from the first of
        # equal sets weighed: the same sets are weighed again for every pair they are in
        self._weights: dict[frozenset[str], float] = {}
        self.vectors: np.ndarray | None = None
        self.row: dict[str, int] = {}
        self._sigs: np.ndarray | None = None
        self._sig_ids: list[str] = []

    def sentence_sigs(self, ids: list[str]) -> np.ndarray | None:
        """The sentence MinHash signatures of ``ids`` (rows in that order) when the features
        frame held them (:meth:`from_features`), else None."""
        found = self.sentence_rows(ids)
        if found is None:
            return None
        sigs, rows = found
        return sigs if rows is None else sigs[rows]

    def sentence_rows(self, ids: list[str]) -> tuple[np.ndarray, np.ndarray | None] | None:
        """The whole matrix of sentence signatures and the row of each of ``ids`` in it (None
        when they are its rows in order), or None without signatures: the rows a caller needs
        are then read band by band, never gathered into a second matrix (memory)."""
        if self._sigs is None:
            return None
        if ids == self._sig_ids:
            return self._sigs, None
        row = {sid: i for i, sid in enumerate(self._sig_ids)}
        return self._sigs, np.fromiter((row[sid] for sid in ids), dtype=np.int64, count=len(ids))

    def use_embeddings(self, ids: list[str], vectors: np.ndarray) -> None:
        """Score with sentence embeddings too (the semantic extra): ``vectors`` holds one
        unit-length row per id. A pair then scores the higher of its lexical score and its
        semantic score (:func:`semantic_score`)."""
        self.vectors = vectors
        self.row = {sid: i for i, sid in enumerate(ids)}
        self._cache.clear()

    def same_facts(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Let each pair of statement ids, which state one fact with the same value
        (:func:`compare.statements.claim_checks.same_fact_pairs`), score at least
        :data:`FACT_SCORE` from now on."""
        for x, y in pairs:
            key = (x, y) if x < y else (y, x)
            self._same_fact.add(key)
            self._cache.pop(key, None)

    @classmethod
    def from_features(cls, features: pl.DataFrame, values: pl.DataFrame) -> Scorer:
        """The scorer of the claims described by a features frame (see
        :data:`compare.frames.FEATURES`) and their values.

        The cyclic garbage collector is paused meanwhile: the hundreds of thousands of
        lists, frozensets and tuples built here all stay alive, and the collections they
        would trigger (scanning every object, for cycles there are none of) cost about
        twice the building itself on a large corpus."""
        with gc_paused():
            ids = features.get_column("stmt_id").to_list()
            shared = len(ids) >= SHARE_FROM
            sets = dict(zip(ids, _sets(features.get_column("canonical"), shared), strict=True))
            # the rows with clauses or frames only: converting the many empty lists costs more than the filter
            has = features.select(
                "stmt_id", "clauses", "frames", *(["clauses_within"] if "clauses_within" in features.columns else [])
            )
            with_clauses = has.filter(pl.col("clauses").list.len() > 0)
            clause_ids = with_clauses.get_column("stmt_id").to_list()
            clause_sets = {
                sid: [frozenset(map(intern, p)) if shared else frozenset(p) for p in parts]
                for sid, parts in zip(clause_ids, with_clauses.get_column("clauses").to_list(), strict=True)
            }
            with_frames = has.filter(pl.col("frames").list.len() > 0)
            frame_sets = {
                sid: frozenset(tuple(f.split(FRAME_SEPARATOR)) for f in found)
                for sid, found in zip(
                    with_frames.get_column("stmt_id").to_list(), with_frames.get_column("frames").to_list(), strict=True
                )
            }
            within = None
            if "clauses_within" in has.columns:
                flags = with_clauses.get_column("clauses_within").to_list()
                within = {sid for sid, flag in zip(clause_ids, flags, strict=True) if flag}
            counts = features.get_column("canonical").explode().drop_nulls().value_counts()
            df = Counter(dict(zip(*(c.to_list() for c in counts.iter_columns()), strict=True)))
            scorer = cls(sets, anchors(values), clause_sets, frame_sets, within, df)  # type: ignore[arg-type]
        if "sentence_sig" in features.columns:
            scorer._sigs, scorer._sig_ids = features.get_column("sentence_sig").to_numpy(), ids
        return scorer

    def weight(self, stems: Iterable[str]) -> float:
        """Summed IDF of ``stems`` (1 for a stem no statement has), correctly rounded
        (``math.fsum``): the same float whatever order a set iterates in, which follows the
        hash seed (with a plain sum, equal sets could weigh differently between processes)."""
        return math.fsum(map(self.idf.get, stems, repeat(1.0)))

    def _set_weight(self, stems: frozenset[str]) -> float:
        """:meth:`weight` of a whole statement's (or clause's) set, computed once (the same
        sets are weighed again for every pair they are in)."""
        got = self._weights.get(stems)
        if got is None:
            got = self._weights[stems] = self.weight(stems)
        return got

    def sets_score(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Score two stem sets in [0, 1]."""
        if not a or not b:
            return 0.0
        return self._shared_score(a, b, a & b)

    def _shared_score(self, a: frozenset[str], b: frozenset[str], both: frozenset[str]) -> float:
        """:meth:`sets_score` of two non-empty sets, given ``both = a & b``. Every weight is positive
        (an IDF exceeds 1, an unknown stem weighs 1): nothing shared is the only zero."""
        if not both:
            return 0.0
        shared = self.weight(both)
        wa, wb = self._set_weight(a), self._set_weight(b)
        overlap = shared / (wa if wa < wb else wb)
        jaccard = shared / (wa + wb - shared)
        # a very short statement (one or two content words) cannot be matched on overlap alone
        if len(a) < 3 or len(b) < 3:
            overlap = jaccard
        return 0.6 * overlap + 0.4 * jaccard

    def score(self, x: str, y: str) -> float:
        """Score of two statements by id (cached, symmetric)."""
        got = self._cache.get((x, y) if x < y else (y, x))
        return self.scores([(x, y)])[0] if got is None else got

    def cached(self, x: str, y: str) -> float | None:
        """The score of ``x`` and ``y`` if it was computed already, else None (nothing computed)."""
        return self._cache.get((x, y) if x < y else (y, x))

    @property
    def clauses_within(self) -> set[str]:
        """The statements whose clauses all lie within their own stem set."""
        return self._clauses_within

    def scores(self, pairs: Iterable[tuple[str, str]]) -> list[float]:
        """:meth:`score` of each pair of statement ids, in one pass: the same floats as
        calling it pair by pair in this order (each pair not cached yet is computed as
        given, ``x`` then ``y``, and cached), without a method call per pair. The clause,
        frame and anchor steps are skipped at once when either statement has none."""
        cache, sets, shared_score = self._cache, self.sets, self._shared_score
        clauses_of, frames_of, anchors_of = self.clauses, self.frames, self.anchors
        vectors, row = self.vectors, self.row
        idf_get, ones, weights, set_weight, fsum = self.idf.get, repeat(1.0), self._weights, self._set_weight, math.fsum
        within, same_fact = self._clauses_within, self._same_fact
        out = []
        for x, y in pairs:
            key = (x, y) if x < y else (y, x)
            got = cache.get(key)
            if got is None:
                a, b = sets[x], sets[y]
                both = a & b  # empty when either is: no score, as in sets_score
                if both:  # _shared_score inlined: the same operations, without three calls a pair
                    shared = fsum(map(idf_get, both, ones))
                    wa = weights.get(a)
                    if wa is None:
                        wa = set_weight(a)
                    wb = weights.get(b)
                    if wb is None:
                        wb = set_weight(b)
                    jaccard = shared / (wa + wb - shared)
                    overlap = jaccard if len(a) < 3 or len(b) < 3 else shared / (wa if wa < wb else wb)
                    base = 0.6 * overlap + 0.4 * jaccard
                else:
                    base = 0.0
                if base <= 0:
                    got = 0.0
                else:
                    clauses_x = clauses_of.get(x)
                    clauses_y = clauses_of.get(y) if clauses_x else None
                    if clauses_y and (len(both) >= MIN_CLAUSE_SHARED or x not in within or y not in within):
                        for cx in clauses_x:  # type: ignore[union-attr]
                            if len(cx) < MIN_CLAUSE_SHARED:
                                continue
                            for cy in clauses_y:
                                clause_both = cx & cy
                                if len(clause_both) >= MIN_CLAUSE_SHARED:
                                    base = max(base, CLAUSE_WEIGHT * shared_score(cx, cy, clause_both))
                    frames_x = frames_of.get(x)
                    frames_y = frames_of.get(y) if frames_x else None
                    if frames_y and _same_frame(frames_x, frames_y):  # type: ignore[arg-type]
                        base = max(base, FRAME_SCORE)
                    anchors_x = anchors_of.get(x)
                    anchors_y = anchors_of.get(y) if anchors_x else None
                    shared = len(anchors_x & anchors_y) if anchors_y else 0  # type: ignore[operator]
                    got = min(1.0, base + ANCHOR_BONUS * min(shared, 2))
                if vectors is not None and x in row and y in row:
                    cosine = float(vectors[row[x]] @ vectors[row[y]])
                    got = max(got, semantic_score(cosine, got))
                if same_fact and key in same_fact:
                    got = max(got, FACT_SCORE)
                cache[key] = got
            out.append(got)
        return out


SET_CHUNK = 50_000
"""Rows of stem lists turned into Python sets at a time (:func:`_sets`)."""
SHARE_FROM = 200_000
"""Statements from which their stems are shared strings (:func:`_sets`): memory matters from
about there (6,000 articles), and below it sharing costs more time than it saves memory."""


def _sets(stems: pl.Series, shared: bool) -> Iterator[frozenset[str]]:
    """A frozenset per row of a column of stem lists, read a chunk of rows at a time. When
    ``shared``, every stem is one shared (interned) string: a large corpus has millions of stem
    occurrences but a few hundred thousand distinct stems, and a string per occurrence would
    cost several hundred megabytes; by chunks, only one chunk's occurrences exist at once."""
    for start in range(0, len(stems), SET_CHUNK):
        rows = stems.slice(start, SET_CHUNK).to_list()
        yield from (frozenset(map(intern, row)) for row in rows) if shared else map(frozenset, rows)


def anchors(values: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Anchors per statement from the values frame: "unit=value" of numbers and dates."""
    out: dict[str, set[str]] = defaultdict(set)
    columns = (values.get_column(name).to_list() for name in ("stmt_id", "kind", "low", "high", "unit"))
    for sid, kind, low, high, unit in zip(*columns, strict=True):  # iter_rows() slices: 5x slower
        if kind == "number" and unit != BARE:  # a number with no noun is no evidence of the same fact
            mid = (low + high) / 2
            out[sid].add(f"{unit}={mid:g}")
        elif kind == "date" and low == high and unit in ("day", "month", "weekday"):
            out[sid].add(f"{unit}={low:g}")
    return {k: frozenset(v) for k, v in out.items()}
