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
from collections import Counter
from collections.abc import Iterable
from functools import partial
from itertools import chain, repeat
from sys import intern
from typing import NamedTuple

import numpy as np
import polars as pl

from .._runtime import gc_paused, in_thread
from .embeddings import semantic_score
from .features import FRAME_SEPARATOR
from .rows import BUILD_TOGETHER, Rows

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


class FeatureColumns(NamedTuple):
    """What a scorer made from a features frame keeps of it (see :meth:`Scorer.from_features`)."""

    ids: list[str]
    """The claims, in the frame's order."""
    canonical: pl.Series
    """The frame's column of stem lists (see :meth:`Scorer.postings`)."""
    sizes: np.ndarray
    """Per claim, how many distinct stems it holds."""
    sigs: np.ndarray | None
    """The sentence MinHash signatures, one row per claim, when the frame holds them."""
    position: dict[str, int]
    """The position of each claim in :attr:`ids`."""
    id_column: pl.Series
    """The frame's column of statement ids (see :meth:`Scorer.claim_ids`)."""


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
        claims: int | None = None,
        columns: FeatureColumns | None = None,
    ) -> None:
        """``within``, ``df`` and the number of ``claims`` are computed from the sets when not
        given (see :meth:`from_features`, which reads them off the features frame and keeps
        its ``columns``)."""
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
        self.clause_ids = clauses.known() if isinstance(clauses, Rows) else (clauses or {}).keys()
        """The statements with clauses (nothing is built to list them)."""
        if df is None:
            df = Counter(chain.from_iterable(stem_sets.values()))
        n = max(1, len(stem_sets) if claims is None else claims)
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
        self.ids: list[str] = list(stem_sets) if columns is None else columns.ids
        """The claims, in order (the features frame's, when made by :meth:`from_features`)."""
        self.canonical: pl.Series | None = None if columns is None else columns.canonical
        """The features frame's column of stem lists, when made from it (see :meth:`postings`)."""
        self.sizes: np.ndarray = (
            np.fromiter(map(len, stem_sets.values()), dtype=np.int64) if columns is None else columns.sizes
        )
        """Per claim (in :attr:`ids` order), how many stems its set holds."""
        self._sigs: np.ndarray | None = None if columns is None else columns.sigs
        self._sig_ids: list[str] = [] if self._sigs is None else self.ids
        self._position: dict[str, int] | None = None if columns is None else columns.position
        self._id_column: pl.Series | None = None if columns is None else columns.id_column
        self._flat: pl.DataFrame | None = None

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
    def from_features(cls, features: pl.DataFrame) -> Scorer:
        """The scorer of the claims described by a features frame (see
        :data:`compare.frames.FEATURES`).

        A claim's stem set, clauses, frames and anchors are built from its row when first read
        (:class:`Rows`): a rerun that adds one article to a thousand reads a few thousand of
        them, and building all of them cost more than the rest of its matching. The IDF is
        counted on the whole column at once (polars)."""
        with gc_paused():
            # polars counts the stems and lists the claims with clauses or frames meanwhile (no GIL)
            counting = in_thread(_counted, features)
            ids = features.get_column("stmt_id").to_list()
            shared = len(ids) >= SHARE_FROM
            row = {sid: i for i, sid in enumerate(ids)}
            canonical = features.get_column("canonical")
            make_set = (lambda stems: frozenset(map(intern, stems))) if shared else frozenset
            sets = Rows(row, canonical, make_set)
            sizes = canonical.list.len().to_numpy().astype(np.int64)  # the stems of a row are distinct
            sigs = features.get_column("sentence_sig").to_numpy() if "sentence_sig" in features.columns else None
            clause_row, frame_row, anchor_row, within, df = counting.result()
            anchor_sets = Rows(anchor_row, features.get_column("anchors"), frozenset)
            clause_sets = Rows(clause_row, features.get_column("clauses"), partial(_clause_sets, shared))
            frame_sets = Rows(frame_row, features.get_column("frames"), _frame_set)
            columns = FeatureColumns(ids, canonical, sizes, sigs, row, features.get_column("stmt_id"))
            return cls(sets, anchor_sets, clause_sets, frame_sets, within, df, len(ids), columns)  # type: ignore[arg-type]

    def postings(self, wanted: Iterable[str]) -> dict[str, list[int]]:
        """The claims (positions in :attr:`ids`, ascending) holding each stem of ``wanted``
        that some claim holds, read off the whole column at once (no set built)."""
        wanted = sorted(set(wanted))
        if not wanted:
            return {}
        if self.canonical is None:
            sets = [self.sets[sid] for sid in self.ids]
            return {s: [i for i, stems in enumerate(sets) if s in stems] for s in wanted if any(s in x for x in sets)}
        found = (
            self._exploded()
            .filter(pl.col("stem").is_in(wanted))
            .unique(maintain_order=True)
            .group_by("stem", maintain_order=True)
            .agg("row")
        )
        return dict(zip(found.get_column("stem").to_list(), found.get_column("row").to_list(), strict=True))

    def most_per_claim(self, weights: dict[str, float], default: float) -> np.ndarray:
        """Per claim (in :attr:`ids` order), the largest of ``weights`` over its stems, or
        ``default`` when it holds none of them (exact: a maximum, in any order)."""
        out = np.full(len(self.ids), default)
        if not weights:
            return out
        if self.canonical is None:
            for i, sid in enumerate(self.ids):
                mine = [weights[s] for s in self.sets[sid] if s in weights]
                if mine:
                    out[i] = max(mine)
            return out
        table = pl.DataFrame(
            {"stem": list(weights), "weight": list(weights.values())}, schema={"stem": pl.String, "weight": pl.Float64}
        )
        found = self._exploded().join(table, on="stem", how="inner").group_by("row").agg(pl.col("weight").max())
        out[found.get_column("row").to_numpy()] = found.get_column("weight").to_numpy()
        return out

    def _exploded(self) -> pl.DataFrame:
        """The claims' stems, one row per (claim position, stem), made once."""
        if self._flat is None:
            self._flat = (
                pl.DataFrame({"stem": self.canonical})
                .with_row_index("row")
                .explode("stem")
                .drop_nulls("stem")
                .with_columns(pl.col("row").cast(pl.Int64))
            )
        return self._flat

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

    def computed(self) -> Iterable[tuple[tuple[str, str], float]]:
        """Every score computed so far, by pair of statement ids (the smaller id first)."""
        return self._cache.items()

    def in_order(self, ids: list[str]) -> bool:
        """Whether ``ids`` are this scorer's claims in its order (:attr:`ids`; its own list, as
        :meth:`claim_ids` gives it, is known at once)."""
        return ids is self.ids or ids == self.ids

    def position_of(self, ids: list[str]) -> dict[str, int]:
        """The position of each of ``ids`` in that list: the scorer's own index when they are
        its claims in its order (:meth:`from_features`), else made."""
        if self._position is not None and self.in_order(ids):
            return self._position
        return {sid: i for i, sid in enumerate(ids)}

    def claim_ids(self, column: pl.Series) -> list[str]:
        """The statement ids of ``column`` as a list: the scorer's own :attr:`ids` (the same list,
        not to be changed) when they are its claims in its order, which the stages then find
        equal at once, without a list of every id made and compared each time; else read."""
        if self._id_column is not None and column.equals(self._id_column, check_names=False):
            return self.ids
        return column.to_list()  # type: ignore[no-any-return]

    @property
    def clauses_within(self) -> set[str]:
        """The statements whose clauses all lie within their own stem set."""
        return self._clauses_within

    def _built_rows(self, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """``pairs`` as a list, the sets, clauses and frames of those not scored yet built in
        one read of each column (:meth:`Rows.build`) when there are enough of them."""
        pairs = pairs if isinstance(pairs, list) else list(pairs)
        if len(pairs) < BUILD_TOGETHER:
            return pairs
        cache = self._cache
        ids = [sid for x, y in pairs if ((x, y) if x < y else (y, x)) not in cache for sid in (x, y)]
        for built in (self.sets, self.clauses, self.frames):
            if isinstance(built, Rows):
                built.build(ids)
        return pairs

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
        pairs = self._built_rows(pairs)
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


SHARE_FROM = 200_000
"""Statements from which their stems are shared strings (:class:`Rows`): memory matters from
about there (6,000 articles), and below it sharing costs more time than it saves memory."""


def _clause_sets(shared: bool, parts: list[list[str]]) -> list[frozenset[str]]:
    """A claim's clauses as stem sets (shared strings when ``shared``: see :class:`Rows`)."""
    return [frozenset(map(intern, p)) if shared else frozenset(p) for p in parts]


def _counted(
    features: pl.DataFrame,
) -> tuple[dict[str, int], dict[str, int], dict[str, int], set[str] | None, Counter[str]]:
    """What :meth:`Scorer.from_features` reads off whole columns: the row of each claim with
    clauses, of each with frames and of each with anchors, the claims whose clauses lie within
    their stems (None when the frame does not say), and in how many claims each stem is (the
    IDF's counts)."""
    has = features.select(
        pl.int_range(pl.len()).alias("row"),
        pl.col("stmt_id"),
        pl.col("clauses").list.len().alias("clauses"),
        pl.col("frames").list.len().alias("frames"),
        pl.col("anchors").list.len().alias("anchors"),
        (pl.col("clauses_within") if "clauses_within" in features.columns else pl.lit(None)).alias("within"),
    )

    def rows_with(column: str) -> dict[str, int]:
        """The row of each claim whose list ``column`` is not empty, by statement id."""
        holding = has.filter(pl.col(column) > 0)
        return dict(zip(*(holding.get_column(c).to_list() for c in ("stmt_id", "row")), strict=True))

    clause_row, frame_row, anchor_row = rows_with("clauses"), rows_with("frames"), rows_with("anchors")
    within = None
    if "clauses_within" in features.columns:
        within = set(has.filter((pl.col("clauses") > 0) & pl.col("within")).get_column("stmt_id").to_list())
    counts = features.get_column("canonical").explode().drop_nulls().value_counts()
    df = Counter(dict(zip(*(c.to_list() for c in counts.iter_columns()), strict=True)))
    return clause_row, frame_row, anchor_row, within, df


def _frame_set(found: list[str]) -> frozenset[tuple[str, ...]]:
    """A claim's frames as (predicate, object, subject) tuples."""
    return frozenset(tuple(f.split(FRAME_SEPARATOR)) for f in found)
