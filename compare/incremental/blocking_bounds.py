"""Score bounds across runs: which of the previous run's candidate pairs a rerun need not score.

A run of :mod:`compare.blocking` stores, with each candidate pair, an upper bound of its
score and by how much it missed the conflict stage's gates (:func:`with_bounds`). When the
next run only adds documents, every stem's IDF moves a little; :func:`score_shift` bounds
how far that can move a score, so the pairs whose stored bound stays under the match
threshold are not scored (:func:`skippable`), nor tested against gates they surely fail
again (:func:`known_apart`).
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np
import polars as pl

from ..ids import pair_code
from ..statements.scoring import idf

if TYPE_CHECKING:
    from ..statements import scoring
    from .blocking import Blocked, State


def skippable(blocked: Blocked, scorer: scoring.Scorer, threshold: float) -> tuple[set[tuple[str, str]], np.ndarray]:
    """The candidates that surely score below ``threshold`` in this run, from the bounds the
    previous run stored, and per candidate the margin its bound moved by (inf when unknown;
    see :func:`score_shift`): the grouping need not score them (it never links below the
    threshold, and scores any other pair it reads when it reads it). Nothing is skipped
    without a previous run, nor with sentence embeddings (their scores are not bounded here)."""
    unknown = np.full(len(blocked.candidates), np.inf)
    if blocked.is_new is None or scorer.vectors is not None or not len(blocked.candidates):
        return set(), unknown
    shift = score_shift(scorer, blocked.ids, blocked.is_new)
    if shift is None:
        return set(), unknown
    margin = 2.0 * np.maximum(shift[blocked.first], shift[blocked.second]) + 1e-9
    skip = np.isfinite(blocked.previous_bound) & (blocked.previous_bound + margin < threshold)
    return {(a, b) for (a, b, _), low in zip(blocked.candidates, skip.tolist(), strict=True) if low}, margin


def score_shift(scorer: scoring.Scorer, ids: list[str], is_new: np.ndarray) -> np.ndarray | None:
    """Per claim, the most the IDF of any of its stems moved since the previous run, which
    had the claims of this run less the new documents' (same stems otherwise).

    A score is a ratio of IDF sums over the stems of two claims (and of their clauses, all
    within those stems): with every IDF at least 1 and each moved by at most ``m``, the
    overlap and the weighted Jaccard each move by at most ``2 m`` (numerator and denominator
    move by at most ``m`` per stem they sum), and so does their weighted mean, a clause's
    score times 0.85 and the maximum of them; anchors and frames do not read the IDF. An IDF
    (:func:`compare.statements.scoring.idf`: ``log((n + 1) / (c + 0.5)) + 1``) moves by
    ``log((n' + 1) / (n + 1))`` when only the claim
    count ``n`` changed, and by the difference of the two logarithms when the stem is in a
    new claim too. A claim whose clauses hold stems outside its own set gets no bound (inf)."""
    n_now = len(ids)
    new_claims = np.flatnonzero(is_new).tolist()
    n_before = n_now - len(new_claims)
    if n_before <= 0:
        return None
    drift = math.log((n_now + 1) / (n_before + 1))  # idf(c, n_now) - idf(c, n_before), any c
    in_new: Counter[str] = Counter()
    for i in new_claims:
        in_new.update(scorer.sets[ids[i]])
    moved: dict[str, float] = {}
    for stem, k in in_new.items():
        now, before = scorer.df[stem], scorer.df[stem] - k
        if before > 0:  # a stem only new claims have weighs in no earlier claim
            moved[stem] = abs(idf(now, n_now) - idf(before, n_before))
    moved = {stem: m for stem, m in moved.items() if m > drift}  # the others move no claim past the drift
    touched = frozenset(moved)
    out = np.full(n_now, drift)
    sets = scorer.sets
    unbounded = scorer.clauses.keys() - scorer.clauses_within
    for i, sid in enumerate(ids):
        if not touched.isdisjoint(sets[sid]):
            out[i] = max(map(moved.__getitem__, sets[sid] & touched))
    if unbounded:
        for i, sid in enumerate(ids):
            if sid in unbounded:
                out[i] = np.inf
    return out


def known_apart(blocked: Blocked, margin: np.ndarray) -> set[int]:
    """Codes (``first * n + second``) of the candidates that surely fail the conflict stage's
    gates in this run: they missed them in the previous run by more than the most their gate
    scores can have moved (the gate sets are subsets of the claims' stems, so
    :func:`score_shift` bounds them too), or made no gate test at all."""
    with np.errstate(invalid="ignore"):  # -inf + inf (no margin known): NaN, which compares False
        apart = blocked.previous_missed + margin < 0  # NaN (unknown) compares False
    n = max(1, len(blocked.ids))
    return set(pair_code(blocked.first[apart], blocked.second[apart], n).tolist())


def with_bounds(
    blocked: Blocked, scorer: scoring.Scorer, margin: np.ndarray, missed: dict[int, float], apart: set[int]
) -> State:
    """This run's state with the bound of every candidate's score (the score when this run
    computed it, else the previous bound moved by ``margin`` (see :func:`skippable`), else
    unknown: NaN) and by how much it missed the conflict gates (as the conflict stage reported
    in ``missed``; for the pairs of ``apart``, not tested, the previous miss moved by
    ``margin``; -inf for the pairs the stage ruled out without a gate test)."""
    known = [scorer.cached(a, b) for a, b, _ in blocked.candidates]
    exact = np.array([np.nan if k is None else k for k in known], dtype=np.float64)
    with np.errstate(invalid="ignore"):  # -inf + inf (no margin known): NaN, unknown
        moved = blocked.previous_bound + margin
        previous = (blocked.previous_missed + margin).tolist()
    bound = np.where(np.isnan(exact), moved, exact)
    bound = np.where(np.isfinite(bound), bound, np.nan)
    n = max(1, len(blocked.ids))
    codes = pair_code(blocked.first, blocked.second, n).tolist()
    gates = [
        missed[code] if code in missed else (previous[k] if code in apart else -math.inf)
        for k, code in enumerate(codes)
    ]
    pairs = blocked.state.pairs.with_columns(pl.Series("bound", bound), pl.Series("missed", gates, dtype=pl.Float64))
    return dataclasses.replace(blocked.state, pairs=pairs)  # a new State, the others' fields shared
