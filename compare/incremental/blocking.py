"""Stage 6a, blocking across runs: the previous run's candidate claim pairs, brought up to date.

:func:`compare.candidates_stage.candidates` proposes the pairs of claims the matching and conflict
stages compare. A pair weighs the lists it shares: one per canonical stem (lists of more than
the corpus's *posting cap* claims left out), ``MIN_SHARED`` per frame ("praised" + "Putin";
lists of more than ``MAX_POSTINGS`` left out) and ``MIN_SHARED`` when a band of the sentence
LSH puts both in one bucket of at most ``MAX_POSTINGS`` claims (and their stem sets are alike);
pairs weighing ``MIN_SHARED`` or more are candidates.

When a run only adds documents to those of the previous run and the posting cap stays, every
list only grows, so

- a pair of two earlier documents gains nothing and loses exactly the lists that have just
  grown past their cap;
- a pair with a new document is found only in lists that hold one of its claims.

The candidates are then the previous run's, minus the lists that crossed their cap, plus the
pairs found in the new claims' lists: what :func:`compare.candidates_stage.candidates` returns on the
whole corpus (tests check the two agree), at the cost of the new claims' lists instead of
millions of pairs. Anything else (a document removed or edited, the cap moved, a sentence
bucket grown past its cap, a state written by other code) takes the full computation.

The state kept between runs (:class:`State`) holds each pair by the sha256 of its two
documents and the statement numbers in them, so a document keeps its pairs when files are
added before it in the path order. It also holds an upper bound of each pair's score and by
how much the pair missed or passed the conflict stage's gates: adding claims moves every stem's
IDF a little, and :func:`score_shift` bounds how far that can move a score, so the next run
need not score the pairs that stay under the match threshold (:func:`skippable`) nor test the
gates they surely fail again (:func:`known_apart`) or surely pass again (:func:`known_through`),
nor compare the pairs the conflict rules surely find nothing in again (:func:`known_quiet`).
The state lives in the cache folder of one cache key (the package's code and the settings of
the per-document stages) and carries the digest of the package's code too
(:func:`compare.incremental.keys.package_digest`): any change to any module starts it afresh.
The score bounds (:func:`score_shift`, :func:`skippable`, :func:`known_apart`,
:func:`known_through`, :func:`with_bounds`) are in :mod:`compare.blocking_bounds`, and
importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from ..documents import similarity
from ..ids import PairList, pair_code, statement_n_expr
from ..statements import candidates as candidates_stage
from ..statements import scoring
from ..statements.candidates import MAX_POSTINGS
from ..statements.features import FRAME_SEPARATOR
from .blocking_bounds import claim_index, gate_misses
from .blocking_bounds import gate_moves as gate_moves
from .blocking_bounds import known_apart as known_apart
from .blocking_bounds import known_checks as known_checks
from .blocking_bounds import known_quiet as known_quiet
from .blocking_bounds import known_through as known_through
from .blocking_bounds import score_shift as score_shift
from .blocking_bounds import skippable as skippable
from .blocking_bounds import surely_under as surely_under
from .blocking_bounds import with_bounds as with_bounds
from .keys import FACTS, facts_by_kind, facts_table

PAIRS = {
    "a_doc": pl.Int64, "a_n": pl.Int64, "b_doc": pl.Int64, "b_n": pl.Int64, "shared": pl.Int64,
    "bound": pl.Float64, "missed": pl.Float64, "quiet": pl.Float64, "check": pl.Int8,
}  # fmt: skip
"""A state's candidate pairs: each statement as its document's index in :attr:`State.docs`
and its number in that document, the pair's summed list weight, an upper bound of its score
in that run (the score itself when the run computed it; NaN when unknown), by how much it
missed the conflict stage's gates, below zero, or passed them, zero or more
(:meth:`compare.conflicts._Context.may_conflict_by`; when not tested that run, a bound that
keeps the answer: an upper bound of a miss, a lower bound of a pass; NaN when unknown), for a
pair the conflict rules compared and found nothing in, how far its gate scores could move and
they still find nothing (:meth:`compare.statements.conflict_context.Context.quiet`; when not
compared that run, a lower bound; NaN otherwise), and the claim checks' verdict of it
(:data:`compare.statements.claim_checks.KEEP` and the others; -1 when unknown: never checked)."""
LISTS = FACTS
"""A state's other facts (:data:`compare.incremental.keys.FACTS`), one per row: ``code``
(digest of the code that made it), ``cap``, ``doc`` (the run's documents' sha256, in order),
``stem`` (stems past the cap) and ``frame`` (frame keys past ``MAX_POSTINGS``)."""

GATES = {"a_doc": pl.Int64, "a_n": pl.Int64, "b_doc": pl.Int64, "b_n": pl.Int64, "missed": pl.Float64}
"""The pairs a state's run tested that are no candidates (the conflict rules propose them), as
in :data:`PAIRS`, by how much they missed the gates (those that missed: below zero)."""
TABLES = {"pairs": PAIRS, "lists": LISTS, "gates": GATES}
"""The tables a state is stored as (:meth:`State.to_frames`, in this order), by name."""

Candidates = Sequence[tuple[str, str, int]]
"""Candidate pairs ``(a, b, shared)``: a list, or a :class:`compare.ids.PairList` made as read."""
UNCHECKED = -1
"""The check verdict of a pair never checked (see :data:`PAIRS`)."""
CARRIED = {"bound": (np.float64, np.nan), "missed": (np.float64, np.nan), "quiet": (np.float64, np.nan),
           "check": (np.int8, UNCHECKED)}  # fmt: skip
"""The columns of :data:`PAIRS` a run takes from the previous one, with their type and their
value when unknown (a pair the previous run did not have)."""


def _unknown(size: int) -> dict[str, np.ndarray]:
    """The :data:`CARRIED` columns of ``size`` pairs nothing is known of."""
    return {name: np.full(size, value, dtype=dtype) for name, (dtype, value) in CARRIED.items()}


@dataclass
class State:
    """The candidates of one run, as the next run needs them."""

    docs: list[str]
    """sha256 of the run's documents, in document order."""
    cap: int
    """The posting cap of the run (:func:`compare.candidates_stage.posting_cap`)."""
    common: frozenset[str]
    """Stems in more than ``cap`` claims."""
    common_frames: frozenset[str]
    """Frame keys (predicate and object joined by ``FRAME_SEPARATOR``) in more than ``MAX_POSTINGS`` claims."""
    pairs: pl.DataFrame
    """The candidate pairs (see :data:`PAIRS`)."""
    gates: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=GATES))
    """The other pairs tested, that missed the conflict gates (see :data:`GATES`)."""

    def to_frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """The state as the tables of :data:`TABLES`, in that order, for the cache."""
        rows = (
            [("cap", str(self.cap))]
            + [("doc", d) for d in self.docs]
            + [("stem", s) for s in sorted(self.common)]
            + [("frame", f) for f in sorted(self.common_frames)]
        )
        return self.pairs, facts_table(rows), self.gates

    @classmethod
    def from_frames(cls, pairs: pl.DataFrame, lists: pl.DataFrame, gates: pl.DataFrame | None = None) -> State | None:
        """The state stored as :meth:`to_frames`, or None when other code made it or it does
        not hold together (a pair naming a document it lacks): the run counts in full."""
        by_kind = facts_by_kind(lists)
        if by_kind is None or len(by_kind.get("cap", [])) != 1:
            return None
        docs = by_kind.get("doc", [])
        if pairs.height and (
            min(pairs["a_doc"].min(), pairs["b_doc"].min()) < 0  # type: ignore[operator]
            or max(pairs["a_doc"].max(), pairs["b_doc"].max()) >= len(docs)  # type: ignore[operator]
        ):
            return None
        cap, common = int(by_kind["cap"][0]), frozenset(by_kind.get("stem", []))
        frames_ = frozenset(by_kind.get("frame", []))
        return cls(docs, cap, common, frames_, pairs, *([gates] if gates is not None else []))


@dataclass
class Blocked:
    """The candidates of a run, and what the grouping and the next run need of them."""

    candidates: Candidates
    """``(a, b, shared)`` as :func:`compare.candidates_stage.candidates` gives them."""
    ids: list[str]
    """The claims, in order."""
    first: np.ndarray
    second: np.ndarray
    """Claim indices of each candidate's statements."""
    previous_bound: np.ndarray
    """Per candidate, the bound of its score stored by the previous run (NaN when unknown)."""
    previous_missed: np.ndarray
    """Per candidate, by how much it missed the conflict gates in the previous run (NaN when unknown)."""
    previous_check: np.ndarray
    """Per candidate, the claim checks' verdict of it in a previous run (-1 when unknown)."""
    previous_quiet: np.ndarray
    """Per candidate compared in the previous run and found no conflict in, how far its gate
    scores could move and still find none (NaN when unknown; see :data:`PAIRS`)."""
    is_new: np.ndarray | None
    """Per claim, whether its document is new since the previous run (None: no previous run used)."""
    state: State
    """This run's state, its bounds not known yet (see :func:`with_bounds`)."""
    doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Per claim, its document and its number there (what a state stores of a statement)."""
    previous_gates: dict[int, float] = field(default_factory=dict)
    """By pair code, how much the previous run's tested pairs that were no candidates missed the gates."""
    shift: np.ndarray | None = None
    """Per claim, the most its scores can have moved since the previous run (made once: :func:`score_shift`)."""

    @property
    def used(self) -> bool:
        """Whether the previous run's state was brought up to date (not counted again)."""
        return self.is_new is not None


def candidates(claims: pl.DataFrame, scorer: scoring.Scorer, shas: list[str], previous: State | None) -> Blocked:
    """:func:`compare.candidates_stage.candidates` of ``claims``, from the ``previous`` run's state when
    it can be brought up to date (see the module), with this run's state. ``shas`` are the
    sha256 of the documents by ``doc_id``."""
    ids = scorer.claim_ids(claims.get_column("stmt_id"))
    doc = claims.get_column("doc_id").to_numpy()
    numbers = claims.select(statement_n_expr()).to_series().to_numpy()
    cap = candidates_stage.posting_cap(len(ids))
    common = frozenset(stem for stem, count in scorer.df.items() if count > cap)
    frame_lists = candidates_stage.frame_lists(ids, scorer)
    common_frames = frozenset(FRAME_SEPARATOR.join(k) for k, v in frame_lists.items() if len(v) > MAX_POSTINGS)
    found = None
    if previous is not None:
        found = _update(ids, doc, numbers, scorer, shas, previous, cap, common, common_frames, frame_lists)
    is_new, gates = None, {}
    if found is None:
        result, (first, second, shared), carried = _computed(claims, scorer, ids)
    else:
        first, second, shared, carried, is_new, gates = found
        result = PairList(ids, first, second, shared)
    ends = {"a_doc": doc[first], "a_n": numbers[first], "b_doc": doc[second], "b_n": numbers[second]}
    pairs = pl.DataFrame(ends | {"shared": shared} | _unknown(len(first)), schema=PAIRS)
    state = State(list(shas), cap, common, common_frames, pairs)
    previous = {f"previous_{name}": column for name, column in carried.items()}
    return Blocked(result, ids, first, second, **previous, is_new=is_new, state=state, doc=doc, numbers=numbers,
                   previous_gates=gates)  # fmt: skip


def _computed(
    claims: pl.DataFrame, scorer: scoring.Scorer, ids: list[str]
) -> tuple[Candidates, tuple[np.ndarray, np.ndarray, np.ndarray], dict[str, np.ndarray]]:
    """:func:`compare.candidates_stage.candidates` of ``claims`` computed in full, and as arrays: claim
    indices of each candidate's statements (``ids``) and weight; and its :data:`CARRIED` columns
    (all unknown: there is no previous state to take them from)."""
    result = candidates_stage.candidates(claims, scorer)
    index = {sid: i for i, sid in enumerate(ids)}
    first = np.fromiter((index[a] for a, _, _ in result), dtype=np.int64, count=len(result))
    second = np.fromiter((index[b] for _, b, _ in result), dtype=np.int64, count=len(result))
    shared = np.fromiter((c for _, _, c in result), dtype=np.int64, count=len(result))
    return result, (first, second, shared), _unknown(len(result))


def _update(
    ids: list[str],
    doc: np.ndarray,
    numbers: np.ndarray,
    scorer: scoring.Scorer,
    shas: list[str],
    previous: State,
    cap: int,
    common: frozenset[str],
    common_frames: frozenset[str],
    frame_lists: dict[tuple[str, str], list[int]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray], np.ndarray, dict[int, float]] | None:
    """The candidate pairs ``(first, second, shared)`` and their :data:`CARRIED` columns (arrays,
    sorted) from the previous state, which claims are new, and the previous gate misses of the
    other pairs (:func:`gate_misses`), or None when it cannot be brought up to date."""
    earlier = {sha: i for i, sha in enumerate(previous.docs)}
    if not _updatable(previous, earlier, shas, cap, common, common_frames):
        return None
    n = len(ids)
    if not scorer.in_order(ids):  # the scorer's claims in another order: its stem lists cannot be read
        return None
    is_new_doc = np.array([sha not in earlier for sha in shas], dtype=bool)
    is_new = is_new_doc[doc] if n else np.zeros(0, dtype=bool)
    lost = common - previous.common  # stems whose lists grew past the cap
    new_stems = frozenset().union(*(scorer.sets[ids[i]] for i in np.flatnonzero(is_new).tolist())) - common
    stem_lists = scorer.postings(new_stems | lost)
    lost_frames = {k for k in frame_lists if FRAME_SEPARATOR.join(k) in common_frames - previous.common_frames}
    # pairs with a new claim: every list holding one, under its cap
    new_lists = [v for k, v in stem_lists.items() if k in new_stems]
    fresh = _fresh_pairs(new_lists, frame_lists, scorer, is_new, doc, scorer.sentence_sigs(ids))
    if fresh is None:
        return None
    # pairs of earlier claims: the previous pairs, less the lists that crossed their cap
    index = claim_index(previous.docs, shas, doc, numbers)
    old = _previous_pairs(previous, index, n)
    if old is None:
        return None
    old_key, old_shared, old_carried = old
    lost_stems = [stem_lists[s] for s in lost if s in stem_lists]
    old_shared = _less_lost(old_key, old_shared, lost_stems, [frame_lists[k] for k in lost_frames], is_new, doc)
    joined = _joined((old_key, old_shared, old_carried), fresh, n)
    return (*joined, is_new, gate_misses(previous.gates, index, n))


def _updatable(
    previous: State,
    earlier: dict[str, int],
    shas: list[str],
    cap: int,
    common: frozenset[str],
    common_frames: frozenset[str],
) -> bool:
    """Whether the ``previous`` state (its documents by sha256: ``earlier``) can be brought up
    to date: this run only adds distinct documents to its own, at the same posting cap, and
    no list fell back under its cap (every list only grew)."""
    return not (
        previous.cap != cap
        or len(set(shas)) != len(shas)
        or len(earlier) != len(previous.docs)
        or not earlier.keys() <= set(shas)
        or not previous.common <= common  # a stem fell back under the cap: lists shrank
        or not previous.common_frames <= common_frames
    )


def _fresh_pairs(
    stem_lists: list[list[int]],
    frame_lists: dict[tuple[str, str], list[int]],
    scorer: scoring.Scorer,
    is_new: np.ndarray,
    doc: np.ndarray,
    sigs: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The pairs with a new claim (sorted keys) and their summed list weights: one per stem
    list of ``stem_lists``, ``MIN_SHARED`` per frame list under ``MAX_POSTINGS`` and for the
    sentence LSH (signatures ``sigs``); None when a sentence bucket grew past its cap."""
    keys, weights = [], []
    for lists, weight in (
        (stem_lists, 1),
        ([v for v in frame_lists.values() if len(v) <= MAX_POSTINGS], candidates_stage.MIN_SHARED),
    ):
        key = _new_pairs(lists, is_new, doc)
        keys.append(key)
        weights.append(np.full(len(key), weight, dtype=np.int64))
    alike = _new_alike(scorer, is_new, doc, sigs)
    if alike is None:
        return None
    keys.append(alike)
    weights.append(np.full(len(alike), candidates_stage.MIN_SHARED, dtype=np.int64))
    return _summed(np.concatenate(keys), np.concatenate(weights))


def _less_lost(
    old_key: np.ndarray,
    old_shared: np.ndarray,
    stem_lists: list[list[int]],
    frame_lists: list[list[int]],
    is_new: np.ndarray,
    doc: np.ndarray,
) -> np.ndarray:
    """The weights ``old_shared`` of the previous pairs (sorted keys ``old_key``) less what
    the lists that crossed their cap gave them: one per stem list, ``MIN_SHARED`` per frame
    list (a copy when any changes)."""
    lost_keys, lost_weights = [], []
    for lists, weight in ((stem_lists, 1), (frame_lists, candidates_stage.MIN_SHARED)):
        key = _old_pairs(lists, is_new, doc)
        lost_keys.append(key)
        lost_weights.append(np.full(len(key), weight, dtype=np.int64))
    minus_key, minus = _summed(np.concatenate(lost_keys), np.concatenate(lost_weights))
    if len(minus_key):
        at = np.searchsorted(old_key, minus_key)
        hit = at < len(old_key)
        hit[hit] = old_key[at[hit]] == minus_key[hit]
        old_shared = old_shared.copy()
        old_shared[at[hit]] -= minus[hit]
    return old_shared


def _joined(
    old: tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]], fresh: tuple[np.ndarray, np.ndarray], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The candidates ``(first, second, shared, carried)`` among the ``old`` pairs (keys,
    weights, :data:`CARRIED` columns) and the ``fresh`` ones (keys, weights; nothing else known)
    of ``n`` claims: those weighing ``MIN_SHARED`` or more, by key."""
    old_key, old_shared, old_carried = old
    fresh_key, fresh_shared = fresh
    key = np.concatenate((old_key, fresh_key))
    shared = np.concatenate((old_shared, fresh_shared))
    keep = shared >= candidates_stage.MIN_SHARED
    order = np.argsort(key[keep], kind="stable")
    unknown = _unknown(len(fresh_key))
    carried = {name: np.concatenate((column, unknown[name]))[keep][order] for name, column in old_carried.items()}
    key, shared = key[keep][order], shared[keep][order]
    return key // max(1, n), key % max(1, n), shared, carried


def _summed(key: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct key once (sorted) with its summed weight."""
    if len(key) == 0:
        return key.astype(np.int64), weight.astype(np.int64)
    unique, inverse = np.unique(key, return_inverse=True)
    return unique, np.bincount(inverse.ravel(), weights=weight, minlength=len(unique)).astype(np.int64)


def _flat(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The members of ``lists`` end to end, the list of each member, and each list's start."""
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    members = np.fromiter((i for lst in lists for i in lst), dtype=np.int64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])) if len(lists) else np.zeros(0, dtype=np.int64)
    return members, np.repeat(np.arange(len(lists)), lengths), starts


def _new_pairs(lists: list[list[int]], is_new: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Keys ``a * n + b`` (``a < b``) of the cross-document pairs of ``lists`` with at least one
    new claim, once per list they share."""
    n = max(1, len(is_new))
    lists = [lst for lst in lists if len(lst) > 1 and is_new[lst].any()]
    if not lists:
        return np.empty(0, dtype=np.int64)
    members, owner, starts = _flat(lists)
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    entries = np.flatnonzero(is_new[members])  # each new member meets every member of its list
    reach = lengths[owner[entries]]
    mine = np.repeat(members[entries], reach)
    offsets = np.repeat(starts[owner[entries]] - np.concatenate(([0], np.cumsum(reach)[:-1])), reach)
    other = members[offsets + np.arange(int(reach.sum()))]
    # a pair of two new claims is met from both: kept from its first one
    keep = (other != mine) & (~is_new[other] | (other > mine)) & (doc[other] != doc[mine])
    first, second = np.minimum(mine, other)[keep], np.maximum(mine, other)[keep]
    return pair_code(first, second, n)


def _old_pairs(lists: list[list[int]], is_new: np.ndarray, doc: np.ndarray) -> np.ndarray:
    """Keys of the cross-document pairs of earlier claims in ``lists``, once per list."""
    n = max(1, len(is_new))
    members, owner, _ = _flat(lists)
    old = ~is_new[members]
    first, second = candidates_stage._pairs_in_buckets(owner[old], members[old])
    cross = doc[first] != doc[second]
    return pair_code(first[cross], second[cross], n)


def _new_alike(
    scorer: scoring.Scorer, is_new: np.ndarray, doc: np.ndarray, sigs: np.ndarray | None
) -> np.ndarray | None:
    """Keys of the pairs with a new claim that the sentence LSH proposes and whose stem sets
    are alike (:func:`compare.candidates_stage._alike`); None when a bucket of earlier claims has
    just grown past ``MAX_POSTINGS`` (their pairs would need checking band by band)."""
    n = max(1, len(scorer.ids))
    keep, sigs = candidates_stage.kept_signatures(scorer, sigs)
    none = np.empty(0, dtype=np.int64)
    new_kept = is_new[keep]
    if len(keep) < 2:
        return none
    _, (bands, rows) = candidates_stage.sentence_parameters()
    keys = []
    for band in range(bands):
        # only the buckets of new claims matter: the rows whose band hashes like a new
        # claim's hold them all (and a few collisions), bucketed exactly among themselves
        hashed = _band_hash(sigs, band, rows)
        near = np.flatnonzero(np.isin(hashed, hashed[new_kept]))
        inverse, counts = similarity.band_buckets(sigs[near], band, rows)
        new_in = np.bincount(inverse[new_kept[near]], minlength=len(counts))
        old_in = counts - new_in
        if np.any((counts > MAX_POSTINGS) & (old_in <= MAX_POSTINGS) & (old_in > 1) & (new_in > 0)):
            return None
        hot = (new_in > 0) & (counts > 1) & (counts <= MAX_POSTINGS)
        members = np.flatnonzero(hot[inverse])
        if members.size:
            first, second = candidates_stage._pairs_in_buckets(inverse[members], keep[near[members]])
            sel = (is_new[first] | is_new[second]) & (doc[first] != doc[second])
            keys.append(pair_code(first[sel], second[sel], n))
    if not keys:
        return none
    return _alike_keys(np.unique(np.concatenate(keys)), scorer, n)


def _alike_keys(keys: np.ndarray, scorer: scoring.Scorer, n: int) -> np.ndarray:
    """The pair ``keys`` (``a * n + b``) whose claims' stem ``sets`` are alike (Jaccard at least
    ``SENTENCE_LSH_THRESHOLD``), as :func:`compare.candidates_stage._alike` keeps them."""
    out = []
    for key in keys.tolist():
        x, y = divmod(key, n)
        sx, sy = scorer.sets[scorer.ids[x]], scorer.sets[scorer.ids[y]]
        shared = len(sx & sy)
        if shared >= candidates_stage.SENTENCE_LSH_THRESHOLD * (len(sx) + len(sy) - shared):
            out.append(key)
    return np.array(out, dtype=np.int64)


def _band_hash(sigs: np.ndarray, band: int, rows: int) -> np.ndarray:
    """A 64-bit hash of each row's values in ``band``: equal bands hash alike (unequal ones
    rarely do; buckets are then formed on the values themselves)."""
    first = band * rows
    hashed = sigs[:, first].astype(np.uint64)
    with np.errstate(over="ignore"):
        for column in range(first + 1, first + rows):  # folded in place, one column at a time
            hashed *= np.uint64(0x9E3779B97F4A7C15)
            hashed += sigs[:, column]
    return hashed


def _previous_pairs(
    previous: State, index: Callable[[np.ndarray, np.ndarray], np.ndarray | None], n: int
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]] | None:
    """The previous state's pairs as sorted keys of this run's ``n`` claims (``index``: see
    :func:`claim_index`), with their weights and :data:`CARRIED` columns (score bounds, gate
    misses, quiet margins, check verdicts); None when a statement they name is not among the claims."""
    if previous.pairs.height == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), _unknown(0)
    p = previous.pairs
    a = index(p["a_doc"].to_numpy(), p["a_n"].to_numpy())
    b = index(p["b_doc"].to_numpy(), p["b_n"].to_numpy())
    if a is None or b is None:
        return None
    key = pair_code(np.minimum(a, b), np.maximum(a, b), n)
    order = np.argsort(key, kind="stable")
    shared = p["shared"].to_numpy().astype(np.int64)[order]
    carried = {name: p[name].to_numpy().astype(dtype)[order] for name, (dtype, _) in CARRIED.items()}
    return key[order], shared, carried
