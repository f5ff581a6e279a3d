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
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl

from ..ids import code_array, pair_code, pair_of
from ..statements.scoring import idf

if TYPE_CHECKING:
    from ..statements import scoring
    from .blocking import Blocked, State


def skippable(blocked: Blocked, scorer: scoring.Scorer, threshold: float) -> tuple[np.ndarray | None, np.ndarray]:
    """Per candidate (in ``blocked.candidates`` order), whether it surely scores below
    ``threshold`` in this run, from the bounds the previous run stored (None: nothing is
    known), and the margin its bound moved by (inf when unknown; see :func:`score_shift`):
    the grouping need not score them (it never links below the threshold, and scores any
    other pair it reads when it reads it). Nothing is skipped without a previous run, nor
    with sentence embeddings (their scores are not bounded here)."""
    unknown = np.full(len(blocked.candidates), np.inf)
    if blocked.is_new is None or scorer.vectors is not None or not len(blocked.candidates):
        return None, unknown
    shift = _shift(blocked, scorer)
    if shift is None:
        return None, unknown
    margin = 2.0 * np.maximum(shift[blocked.first], shift[blocked.second]) + 1e-9
    return surely_under(blocked, margin, threshold), margin


def surely_under(blocked: Blocked, margin: np.ndarray, threshold: float) -> np.ndarray:
    """Per candidate, whether its previous bound moved by ``margin`` (from :func:`skippable`)
    stays under ``threshold``: one margin serves several thresholds (the match threshold, the
    link floor). A mask, not a set of pairs: a rerun skips most of tens of thousands."""
    return np.isfinite(blocked.previous_bound) & (blocked.previous_bound + margin < threshold)


def _shift(blocked: Blocked, scorer: scoring.Scorer) -> np.ndarray | None:
    """:func:`score_shift` of the blocked claims, computed once (kept in ``blocked.shift``)."""
    if blocked.shift is None and blocked.is_new is not None:
        blocked.shift = score_shift(scorer, blocked.ids, blocked.is_new)
    return blocked.shift


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
    new claim too. A claim whose clauses hold stems outside its own set gets no bound (inf).
    ``ids`` are the scorer's claims (:attr:`Scorer.ids`, as :func:`compare.incremental.blocking.candidates`
    brings them up to date only then); None (nothing bounded) for others, or with no earlier claim."""
    n_now = len(ids)
    new_claims = np.flatnonzero(is_new).tolist()
    n_before = n_now - len(new_claims)
    if n_before <= 0 or not scorer.in_order(ids):
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
    out = scorer.most_per_claim(moved, drift)
    unbounded = scorer.clause_ids - scorer.clauses_within
    if unbounded:
        for i, sid in enumerate(ids):
            if sid in unbounded:
                out[i] = np.inf
    return out


def known_checks(blocked: Blocked, unchecked: np.ndarray | None) -> dict[tuple[str, str], int]:
    """The claim checks' verdicts a previous run stored of the candidates not ``unchecked``
    (per candidate, surely under the link floor: those the grouping may read), by pair: a
    verdict reads the two statements alone (:func:`compare.statements.claim_checks.verdicts`),
    and the state's pairs are the same statements (document sha256 and number) under the same code."""
    known = blocked.previous_check >= 0
    if unchecked is not None:
        known &= ~unchecked
    at = np.flatnonzero(known).tolist()
    candidates = blocked.candidates
    return {candidates[k][:2]: code for k, code in zip(at, blocked.previous_check[at].tolist(), strict=True)}


def known_apart(blocked: Blocked, margin: np.ndarray, gate_moved: dict[int, float] | None = None) -> np.ndarray:
    """Codes (``first * n + second``) of the candidates that surely fail the conflict stage's
    gates in this run: they missed them in the previous run by more than the most their gate
    scores can have moved (the gate sets are subsets of the claims' stems, so
    :func:`score_shift` bounds them too), or made no gate test at all; and of the other pairs
    the previous run tested whose moved miss (``gate_moved``, see :func:`gate_moves`) stays below zero."""
    with np.errstate(invalid="ignore"):  # -inf + inf (no margin known): NaN, which compares False
        apart = blocked.previous_missed + margin < 0  # NaN (unknown) compares False
    n = max(1, len(blocked.ids))
    moved_apart = np.sort(np.array([code for code, moved in (gate_moved or {}).items() if moved < 0], dtype=np.int64))
    # the candidates' codes are sorted already: two sorted runs, merged
    return code_array(np.concatenate((pair_code(blocked.first[apart], blocked.second[apart], n), moved_apart)))


def known_through(blocked: Blocked, margin: np.ndarray) -> np.ndarray:
    """Codes (sorted) of the candidates that surely pass the conflict stage's gates in this run:
    one of their gate tests passed in the previous run by more than the most their gate scores
    can have moved (:func:`known_apart` the other way round)."""
    return _codes(blocked, _beyond(blocked.previous_missed, margin))


def known_quiet(blocked: Blocked, margin: np.ndarray) -> np.ndarray:
    """Codes (sorted) of the candidates that surely pass the conflict stage's gates in this run
    (:func:`known_through`) and in which the conflict rules surely find nothing again: they found
    nothing in the previous run, and the most their gate scores can have moved is less than
    they could move without a rule's test of them answering otherwise (the stored quiet margin,
    see :meth:`compare.statements.conflict_context.Context.quiet`): the same tests, the same answers."""
    return _codes(blocked, _beyond(blocked.previous_missed, margin) & _beyond(blocked.previous_quiet, margin))


def _beyond(previous: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """Per candidate, whether its ``previous`` margin (a pass, a quiet margin) exceeds the most its
    gate scores can have moved: NaN (unknown) and inf - inf (no move known) give False."""
    with np.errstate(invalid="ignore"):
        return previous - margin > 0


def _codes(blocked: Blocked, mask: np.ndarray) -> np.ndarray:
    """Pair codes of the candidates in ``mask`` (in the candidates' order: sorted)."""
    return pair_code(blocked.first[mask], blocked.second[mask], max(1, len(blocked.ids)))


def gate_moves(blocked: Blocked, scorer: scoring.Scorer) -> dict[int, float]:
    """By pair code, the previous gate miss of each pair the previous run tested that was no
    candidate (:attr:`Blocked.previous_gates`), moved by the most its gate scores can have moved
    since (as :func:`skippable` moves a candidate's); none without a previous run, or with
    sentence embeddings (as for the candidates)."""
    if not blocked.previous_gates or scorer.vectors is not None:
        return {}
    shift = _shift(blocked, scorer)
    if shift is None:
        return {}
    codes = np.fromiter(blocked.previous_gates, dtype=np.int64, count=len(blocked.previous_gates))
    first, second = pair_of(codes, max(1, len(blocked.ids)))
    with np.errstate(invalid="ignore"):  # -inf + inf: NaN, which compares False
        moved = np.fromiter(blocked.previous_gates.values(), dtype=np.float64, count=len(codes)) + (
            2.0 * np.maximum(shift[first], shift[second]) + 1e-9
        )
    return dict(zip(codes.tolist(), moved.tolist(), strict=True))


DENSE_INDEX, DENSE_INDEX_MIN = 8, 1 << 16
"""Keys of (document, statement number) are looked up in a table when it has at most this many
entries per claim (plus a floor): 8 bytes each, against a sort and a binary search per key."""


def claim_index(
    previous_docs: list[str], shas: list[str], doc: np.ndarray, numbers: np.ndarray
) -> Callable[[np.ndarray, np.ndarray], np.ndarray | None]:
    """A function giving this run's claim index of each (document of the previous state, by
    its position in ``previous_docs``; statement number) it is given as two arrays, or None
    when one is not among the claims (documents ``doc`` and numbers ``numbers``, per claim)."""
    position = {sha: d for d, sha in enumerate(shas)}
    now = np.array([position[sha] for sha in previous_docs], dtype=np.int64)  # previous doc -> doc_id
    width = int(numbers.max()) + 1 if len(doc) else 1
    claim_key = doc.astype(np.int64) * width + numbers
    size = int(claim_key.max()) + 1 if len(claim_key) else 0
    dense = size <= DENSE_INDEX * len(claim_key) + DENSE_INDEX_MIN
    if dense:  # keys looked up in a table: a gather, about 6x faster than a binary search per key
        table = np.full(size, -1, dtype=np.int64)
        table[claim_key] = np.arange(len(claim_key), dtype=np.int64)
    else:  # sparse keys (a document of very many statements): sorted and searched
        search = _positions(claim_key)

    def index(docs: np.ndarray, ns: np.ndarray) -> np.ndarray | None:
        """This run's claim index of each previous (document, number); None when one is missing."""
        if ns.size and (ns.min() < 0 or ns.max() >= width or docs.min() < 0 or docs.max() >= len(now)):
            return None
        wanted = now[docs] * width + ns
        if dense and wanted.size and int(wanted.max()) >= size:
            return None
        found = table[wanted] if dense else search(wanted)
        return None if bool((found < 0).any()) else found

    return index


def gate_misses(
    gates: pl.DataFrame, index: Callable[[np.ndarray, np.ndarray], np.ndarray | None], n: int
) -> dict[int, float]:
    """The stored ``gates`` (see :data:`compare.incremental.blocking.GATES`) by pair code of
    this run's ``n`` claims (``index``: :func:`claim_index`); none when a statement they name
    is not among the claims."""
    if gates.height == 0:
        return {}
    a = index(gates["a_doc"].to_numpy(), gates["a_n"].to_numpy())
    b = index(gates["b_doc"].to_numpy(), gates["b_n"].to_numpy())
    if a is None or b is None:
        return {}
    codes = pair_code(np.minimum(a, b), np.maximum(a, b), n)
    return dict(zip(codes.tolist(), gates["missed"].to_list(), strict=True))


def with_bounds(
    blocked: Blocked,
    scorer: scoring.Scorer,
    margin: np.ndarray,
    missed: dict[int, float],
    apart: np.ndarray | Iterable[int],
    gate_moved: dict[int, float] | None = None,
    checks: Mapping[tuple[str, str], int] | None = None,
    through: np.ndarray | Iterable[int] = (),
    quiet: Mapping[int, float] | None = None,
    known_quiet: np.ndarray | Iterable[int] = (),
) -> State:
    """This run's state with the bound of every candidate's score (the score when this run
    computed it, else the previous bound moved by ``margin`` (see :func:`skippable`), else
    unknown: NaN), by how much it missed the conflict gates (as the conflict stage reported
    in ``missed``; for the pairs of ``apart`` and ``through``, not tested, the previous miss or
    pass moved by ``margin`` towards zero; -inf for the pairs the stage ruled out without a gate test), its quiet
    margin (as the conflict stage reported in ``quiet``; for the pairs of ``known_quiet``, not
    compared, the previous one less ``margin``; else NaN), its claim checks' verdict (this run's
    in ``checks``, else the previous one: a verdict reads the two statements only); and the other
    pairs that missed the gates (:func:`other_gates`)."""
    n = max(1, len(blocked.ids))
    codes = pair_code(blocked.first, blocked.second, n)
    at = _positions(codes)
    # this run's scores, where computed (read off the scorer's cache: a few thousand, not every candidate)
    exact = np.full(len(codes), np.nan)
    position = scorer.position_of(blocked.ids)
    done = [
        (min(px, py), max(px, py), got)
        for (x, y), got in scorer.computed()
        if (px := position.get(x)) is not None and (py := position.get(y)) is not None
    ]
    _put_pairs(exact, at, n, done)
    previous = blocked.previous_missed
    with np.errstate(invalid="ignore"):  # -inf + inf (no margin known): NaN, unknown
        moved = blocked.previous_bound + margin
        # a miss or a pass not tested again: the previous one moved towards zero, still what it was
        towards_zero = np.where(previous < 0, previous + margin, previous - margin)
        calmer = blocked.previous_quiet - margin
    bound = np.where(np.isnan(exact), moved, exact)
    bound = np.where(np.isfinite(bound), bound, np.nan)
    # the gate misses and passes: as tested, else the previous one moved (the pairs of ``apart``
    # and ``through``), else -inf; the quiet margins: as compared, else the previous one less the margin
    gates = _column(at, len(codes), -math.inf, [(apart, towards_zero), (through, towards_zero)], missed)
    quiet_now = _column(at, len(codes), np.nan, [(known_quiet, calmer)], quiet)
    check = blocked.previous_check
    if checks:  # this run's verdicts, by pair in candidate order (the earlier statement first)
        check = check.copy()
        found = [(position[a], position[b], v) for (a, b), v in checks.items() if a in position and b in position]
        _put_pairs(check, at, n, [(x, y, v) for x, y, v in found if x < y])
    pairs = blocked.state.pairs.with_columns(
        pl.Series("bound", bound),
        pl.Series("missed", gates, dtype=pl.Float64),
        pl.Series("quiet", quiet_now, dtype=pl.Float64),
        pl.Series("check", check, dtype=pl.Int8),
    )
    others = other_gates(blocked, at, missed, gate_moved or {})
    return dataclasses.replace(blocked.state, pairs=pairs, gates=others)  # a new State, the others' fields shared


def _column(
    at: Callable[[np.ndarray], np.ndarray],
    size: int,
    default: float,
    untested: Iterable[tuple[np.ndarray | Iterable[int], np.ndarray]],
    tested: Mapping[int, float] | None,
) -> np.ndarray:
    """A column of the candidates (found by ``at``): for those of each ``(codes, values)`` of
    ``untested`` their value in ``values`` (in candidate order), then this run's ``tested`` ones
    by pair code; ``default`` for the others."""
    out = np.full(size, default)
    for codes, values in untested:
        where = at(code_array(codes))
        where = where[where >= 0]
        out[where] = values[where]
    if tested:
        _put(out, at(np.fromiter(tested, dtype=np.int64, count=len(tested))), list(tested.values()))
    return out


def _positions(codes: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """A lookup of pair codes among ``codes`` (unique): the position of each, -1 where absent."""
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]

    def at(wanted: np.ndarray) -> np.ndarray:
        """The positions of ``wanted`` in ``codes`` (-1 for a code not there)."""
        if not len(ranked):
            return np.full(len(wanted), -1, dtype=np.int64)
        k = np.minimum(np.searchsorted(ranked, wanted), len(ranked) - 1)
        return np.where(ranked[k] == wanted, order[k], -1)

    return at


def _put_pairs(
    target: np.ndarray, at: Callable[[np.ndarray], np.ndarray], n: int, pairs: list[tuple[int, int, Any]]
) -> None:
    """Set ``target`` at the candidates (found by ``at``) of ``pairs`` (first position, second
    position, value), in order; pairs that are no candidate are left out."""
    if pairs:
        ends = np.array([(x, y) for x, y, _ in pairs], dtype=np.int64).reshape(-1, 2)
        _put(target, at(pair_code(ends[:, 0], ends[:, 1], n)), [v for _, _, v in pairs])


def _put(target: np.ndarray, where: np.ndarray, values: list) -> None:
    """Set ``target`` at the positions ``where`` (-1: left as it is) to ``values``, in order
    (a later value for one position wins, as a loop would leave it)."""
    keep = where >= 0
    target[where[keep]] = np.asarray(values, dtype=target.dtype)[keep]


def other_gates(
    blocked: Blocked,
    candidate_at: Callable[[np.ndarray], np.ndarray],
    missed: dict[int, float],
    gate_moved: dict[int, float],
) -> pl.DataFrame:
    """The gates table (:data:`compare.incremental.blocking.GATES`) of the pairs that are not
    candidates (``candidate_at``, the lookup :func:`_positions` made once, finds none at their
    codes) and missed the gates: as tested (``missed``), or not tested for being known apart
    (:func:`known_apart`: their previous miss moved, ``gate_moved``, stays below zero; a pair
    tested this run was not known apart); in code order."""
    kept = {code: miss for code, miss in missed.items() if miss < 0}
    kept.update((code, moved) for code, moved in gate_moved.items() if moved < 0)
    codes = code_array(list(kept))
    codes = codes[candidate_at(codes) < 0]
    first, second = pair_of(codes, max(1, len(blocked.ids)))
    columns = {
        "a_doc": blocked.doc[first], "a_n": blocked.numbers[first],
        "b_doc": blocked.doc[second], "b_n": blocked.numbers[second],
        "missed": np.array([kept[code] for code in codes.tolist()], dtype=np.float64),
    }  # fmt: skip
    return pl.DataFrame(columns, schema=blocked.state.gates.schema)
