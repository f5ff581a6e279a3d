"""Stage 6, statements: which claims two or more sources make, and which only one does.

Baseline method, in three steps:

1. *Candidates*: an inverted index over canonical content stems (Snowball stems, with
   a small curated list of news paraphrases mapped to one stem) proposes pairs of
   claims from different documents that share at least two stems. Stems found in a
   large share of all claims are not used for blocking.
2. *Score*: IDF-weighted overlap of the two stem sets, the mean of the overlap
   coefficient (shared weight over the lighter statement) and the weighted Jaccard,
   so a short statement inside a longer one still scores, while sharing one rare name
   does not; each shared anchor (the same count of the same thing, the same day)
   adds ``ANCHOR_BONUS``. Long sentences are also compared clause by clause, so a
   claim made inside a longer sentence is still found (``CLAUSE_WEIGHT``), and two
   statements that say the same predicate of the same named object ("spoke highly of
   Putin" / "expressed admiration for Vladimir Putin") score ``FRAME_SCORE``.
3. *Groups*: pairs at or above ``match_threshold`` are merged strongest first, and two
   groups merge only if every cross-document pair in them still scores at least
   ``LINK_FLOOR`` and no two members conflict: no snowballing through weak links.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, repeat

import numpy as np
import polars as pl

from . import frames
from .features import FRAME_SEPARATOR, sentence_signatures
from .features import SENTENCE_PERM as SENTENCE_PERM
from .features import SENTENCE_SEED as SENTENCE_SEED
from .features import canonical as canonical
from .features import clauses as clauses
from .features import predicate_frames as predicate_frames
from .findings import gc_paused
from .values import BARE

LINK_FLOOR = 0.3
"""Lowest score any two members of a group (from different documents) may have."""
ANCHOR_BONUS = 0.15
"""Added to the score per shared anchor (the same number of the same thing, the same date), at most two."""
CLAUSE_WEIGHT = 0.85
"""Weight of the best-matching pair of clauses (a claim inside a long sentence)."""
MIN_CLAUSE_SHARED = 3
"""Content stems two clauses must share to be compared on their own."""
MAX_POSTINGS = 200
"""Stems found in more claims than this (and 5 % of them) do not propose candidates."""
FRAME_SCORE = 0.55
"""Score of two statements that say the same predicate of the same named object
("spoke highly of Putin" / "expressed admiration for Vladimir Putin")."""
MIN_SHARED = 2
"""Shared canonical stems a pair needs to become a candidate."""

SENTENCE_LSH_THRESHOLD = 0.6
"""Jaccard of two claims' stem sets the sentence LSH is tuned for (datasketch's optimiser,
weighted for recall as for documents: 16 bands of 4 rows; a 0.6 pair is proposed 89 % of the
time, a 0.8 pair always, a 0.3 pair 12 %)."""

SEMANTIC_CANDIDATE = 0.6
"""With the semantic extra, claims of different documents whose embeddings have at least this
cosine are candidates too, whatever words they share (all-MiniLM-L6-v2: paraphrases mostly score
above 0.7, sentences on one topic in other words 0.4-0.6)."""
SEMANTIC_BLOCK = 2048
"""Claims per block of the all-pairs cosine product (bounds its memory to block x claims floats)."""


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
        idf_of_count = {c: math.log((n + 1) / (c + 0.5)) + 1.0 for c in set(df.values())}
        self.idf = dict(zip(df.keys(), map(idf_of_count.__getitem__, df.values()), strict=True))
        self._cache: dict[tuple[str, str], float] = {}
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
        if self._sigs is None:
            return None
        if ids == self._sig_ids:
            return self._sigs
        row = {sid: i for i, sid in enumerate(self._sig_ids)}
        return self._sigs[[row[sid] for sid in ids]]

    def use_embeddings(self, ids: list[str], vectors: np.ndarray) -> None:
        """Score with sentence embeddings too (the semantic extra): ``vectors`` holds one
        unit-length row per id. A pair then scores the higher of its lexical score and its
        semantic score (:func:`semantic_score`)."""
        self.vectors = vectors
        self.row = {sid: i for i, sid in enumerate(ids)}
        self._cache.clear()

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
            sets = dict(zip(ids, map(frozenset, features.get_column("canonical").to_list()), strict=True))
            clause_sets = {
                sid: [frozenset(p) for p in parts]
                for sid, parts in zip(ids, features.get_column("clauses").to_list(), strict=True)
                if parts
            }
            frame_sets = {
                sid: frozenset(tuple(f.split(FRAME_SEPARATOR)) for f in found)
                for sid, found in zip(ids, features.get_column("frames").to_list(), strict=True)
                if found
            }
            within = None
            if "clauses_within" in features.columns:
                flags = features.get_column("clauses_within").to_list()
                within = {sid for sid, flag in zip(ids, flags, strict=True) if flag and sid in clause_sets}
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
        within = self._clauses_within
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
                cache[key] = got
            out.append(got)
        return out


def semantic_score(cosine: float, lexical: float) -> float:
    """The semantic extra's score of a pair on the lexical score's scale: its combined score
    (:func:`compare.semantic.combine`, fitted on MRPC train) moved so that the cut that decided
    MRPC train best (:data:`compare.semantic.COMBINED_THRESHOLD`) falls on the default
    ``match_threshold`` (0.5); clipped to [0, 1]."""
    from .semantic import COMBINED_THRESHOLD, LEXICAL_WEIGHT  # constants only: no torch

    combined = (1.0 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * lexical
    return min(1.0, max(0.0, combined - COMBINED_THRESHOLD + 0.5))


def anchors(values: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Anchors per statement from the values frame: "unit=value" of numbers and dates."""
    out: dict[str, set[str]] = defaultdict(set)
    for sid, kind, low, high, unit in values.select("stmt_id", "kind", "low", "high", "unit").iter_rows():
        if kind == "number" and unit != BARE:  # a number with no noun is no evidence of the same fact
            mid = (low + high) / 2
            out[sid].add(f"{unit}={mid:g}")
        elif kind == "date" and low == high and unit in ("day", "month", "weekday"):
            out[sid].add(f"{unit}={low:g}")
    return {k: frozenset(v) for k, v in out.items()}


def posting_cap(claims: int) -> int:
    """Claims a stem's posting list may hold and still propose candidates, for a corpus of
    ``claims`` claims: ``MAX_POSTINGS``, or 5 % of the claims (at least 30) when that is fewer."""
    return min(MAX_POSTINGS, max(30, int(0.05 * claims)))


def frame_lists(ids: list[str], scorer: Scorer) -> dict[tuple[str, str], list[int]]:
    """The frame lists of the claims ``ids``: their indices by (predicate, object), each claim
    once per key, in claim order (the keys of one claim sorted)."""
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)
    frames_of = scorer.frames
    for i, sid in enumerate(ids):
        found = frames_of.get(sid)
        if found:
            for key in sorted({(p, o) for p, o, _ in found}):
                lists[key].append(i)
    return lists


@gc_paused()
def candidates(claims: pl.DataFrame, scorer: Scorer) -> list[tuple[str, str, int]]:
    """Cross-document claim pairs sharing at least ``MIN_SHARED`` blocking stems.

    Returns ``(a, b, shared)`` with ``a`` before ``b`` in statement order. The cyclic
    garbage collector is paused meanwhile (the posting lists and the pairs are tens of
    thousands of lists and tuples, no cycles; collecting cost about as much as the rest).
    """
    ids = claims.get_column("stmt_id").to_list()
    cap = posting_cap(len(ids))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, sid in enumerate(ids):
        for s in sorted(scorer.sets[sid]):
            postings[s].append(i)
    frame_postings = frame_lists(ids, scorer)
    doc = claims.get_column("doc_id").to_numpy()
    a, b, shared = _shared_counts(
        [
            ([p for p in postings.values() if len(p) <= cap], 1),
            # the same predicate of the same named object is a candidate by itself
            ([p for p in frame_postings.values() if len(p) <= MAX_POSTINGS], MIN_SHARED),
            # so are two claims whose whole stem sets are alike, common stems included
            (_alike([scorer.sets[sid] for sid in ids], doc, scorer.sentence_sigs(ids)), MIN_SHARED),
        ],
        doc,
    )
    return [(ids[x], ids[y], c) for x, y, c in zip(a.tolist(), b.tolist(), shared.tolist(), strict=True)]


def _alike(stem_sets: list[frozenset[str]], doc: np.ndarray, sigs: np.ndarray | None = None) -> list[list[int]]:
    """Cross-document pairs ``[a, b]`` (indices, ``a < b``) proposed by the sentence LSH
    (:func:`sentence_pairs`) and verified exactly: the Jaccard of their stem sets reaches
    :data:`SENTENCE_LSH_THRESHOLD`. LSH also proposes some less alike pairs; made of common
    words ("I did not know ..." / "We don't know yet ..."), those are no evidence of one claim."""
    a, b = sentence_pairs(stem_sets, doc, sigs)
    out = []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        sx, sy = stem_sets[x], stem_sets[y]
        shared = len(sx & sy)
        if shared >= SENTENCE_LSH_THRESHOLD * (len(sx) + len(sy) - shared):
            out.append([x, y])
    return out


def sentence_pairs(
    stem_sets: list[frozenset[str]], doc: np.ndarray, sigs: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sentence-level MinHash LSH over the claims' canonical stem sets: the pairs of claim
    indices ``(a < b)``, from different documents (``doc``), that share a band of their
    signatures; sorted, each once.

    The inverted index leaves out stems found in many claims, so two claims made of common
    words ("A man is playing a guitar" / "A man plays the guitar") share no blocking stem;
    LSH on the whole set still proposes them. Signatures use the documents' MinHash code
    (datasketch's ``affine32`` scheme, :data:`SENTENCE_PERM` permutations); claims with fewer
    than ``MIN_SHARED`` stems are left out, and so is a bucket of more than ``MAX_POSTINGS``
    claims (a formula repeated everywhere), as for the index. ``sigs`` are the sets'
    signatures when known (:func:`compare.features.sentence_signatures`)."""
    from . import similarity

    none = np.empty(0, dtype=np.int64)
    keep, sigs = kept_signatures(stem_sets, sigs)
    if len(keep) < 2:
        return none, none
    _, (bands, rows) = sentence_parameters()
    n = len(stem_sets)
    keys = []
    for band in range(bands):
        inverse, counts = similarity.band_buckets(sigs, band, rows)
        size = counts[inverse]
        members = np.flatnonzero((size > 1) & (size <= MAX_POSTINGS))
        if members.size:
            first, second = _pairs_in_buckets(inverse[members], keep[members])
            cross = doc[first] != doc[second]
            keys.append(first[cross] * n + second[cross])
    if not keys:
        return none, none
    unique = np.unique(np.concatenate(keys))
    return unique // n, unique % n


def kept_signatures(stem_sets: list[frozenset[str]], sigs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The claims the sentence LSH considers (indices of the sets with at least ``MIN_SHARED``
    stems) and their signatures: rows of ``sigs`` (one per set) when given, else computed."""
    keep = np.array([i for i, stems in enumerate(stem_sets) if len(stems) >= MIN_SHARED], dtype=np.int64)
    if sigs is not None:
        return keep, sigs[keep]
    return keep, sentence_signatures([stem_sets[i] for i in keep.tolist()])


def sentence_parameters() -> tuple[np.ndarray, tuple[int, int]]:
    """The sentence LSH's MinHash permutations and its (bands, rows), from datasketch (or
    from the cache, which stores them: :func:`compare.similarity.derived`)."""
    from . import similarity

    return similarity.permutations(SENTENCE_PERM, SENTENCE_SEED), similarity._lsh_params(
        SENTENCE_LSH_THRESHOLD, SENTENCE_PERM
    )


def _pairs_in_buckets(labels: np.ndarray, items: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(a < b)`` of ``items`` that share a label, enumerated at once per bucket
    size (numpy)."""
    order = np.lexsort((items, labels))
    labels, items = labels[order], items[order]
    starts = np.flatnonzero(np.concatenate(([True], labels[1:] != labels[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(labels)])))
    firsts, seconds = [], []
    for k in np.unique(sizes).tolist():
        if k < 2:
            continue
        group = items[starts[sizes == k][:, None] + np.arange(k)]  # rows ascending
        i, j = np.triu_indices(k, 1)
        firsts.append(group[:, i].ravel())
        seconds.append(group[:, j].ravel())
    if not firsts:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(firsts), np.concatenate(seconds)


def semantic_candidates(
    claims: pl.DataFrame, vectors: np.ndarray, minimum: float = SEMANTIC_CANDIDATE
) -> list[tuple[str, str, int]]:
    """Cross-document claim pairs whose embeddings (one unit row per claim, in ``claims``
    order) have a cosine of at least ``minimum``: ``(a, b, 0)`` with ``a`` before ``b``.

    Every pair is compared, block by block (:data:`SEMANTIC_BLOCK` rows at a time): the cost
    grows with the square of the claims, which is why the extra is opt-in."""
    ids = claims.get_column("stmt_id").to_list()
    doc = claims.get_column("doc_id").to_numpy()
    out: list[tuple[str, str, int]] = []
    for start in range(0, len(ids), SEMANTIC_BLOCK):
        sims = vectors[start : start + SEMANTIC_BLOCK] @ vectors.T
        rows, cols = np.nonzero(sims >= np.float32(minimum))
        rows = rows + start
        keep = (cols > rows) & (doc[rows] != doc[cols])
        out.extend((ids[i], ids[j], 0) for i, j in zip(rows[keep].tolist(), cols[keep].tolist(), strict=True))
    return out


def _shared_counts(
    weighted_lists: list[tuple[list[list[int]], int]], doc: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ``(a < b)`` of items from different documents that share posting lists, with
    the summed weight of the lists they share, kept at ``MIN_SHARED`` or more; sorted.

    Every pair of every list is enumerated at once per list length (numpy), encoded as
    ``a * n + b``, repeated as many times as its list weighs (a whole number), and counted
    after one sort: the same sums as a loop over the lists. Sorting the keys themselves,
    not their order (no gather of keys and weights through it), halves the time.
    """
    n = max(1, len(doc))
    keys: list[np.ndarray] = []
    for lists, weight in weighted_lists:
        by_length: dict[int, list[list[int]]] = defaultdict(list)
        for ids in lists:
            if len(ids) > 1:
                by_length[len(ids)].append(ids)
        for length, group in by_length.items():
            members = np.array(group, dtype=np.int64)  # each row ascending: a < b below
            i, j = np.triu_indices(length, 1)
            first, second = members[:, i].ravel(), members[:, j].ravel()
            cross = doc[first] != doc[second]
            keys.extend([first[cross] * n + second[cross]] * weight)
    key = np.concatenate(keys) if keys else np.empty(0, dtype=np.int64)
    if len(key) == 0:
        return key, key, key
    key.sort()
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    total = np.diff(np.append(starts, len(key)))
    unique = key[starts]
    keep = total >= MIN_SHARED
    return unique[keep] // n, unique[keep] % n, total[keep]


def _blocked(cannot_link: set[frozenset[str]]) -> set[tuple[str, str]]:
    """The pairs of ``cannot_link`` as tuples, both ways round: ``(x, y) in blocked`` is
    ``frozenset((x, y)) in cannot_link`` without building a frozenset for every pair looked up."""
    return {(x, y) for pair in cannot_link if len(pair) <= 2 for x in pair for y in pair if x != y or len(pair) == 1}


def _add_second_claims(
    groups: list[list[str]],
    strong_pairs: list[tuple[str, str]],
    threshold: float,
    scorer: Scorer,
    doc_of: dict[str, int],
    order: dict[str, int],
    blocked: set[tuple[str, str]],
) -> None:
    """A sentence that makes two claims ("often praised Putin, and he expressed a desire to
    improve relations") joins, besides its own group, a group of another claim it makes,
    when that group has no statement of its document yet and every member still matches.

    ``strong_pairs`` are the candidate pairs scoring at least ``threshold``, ``blocked``
    the conflicting pairs (:func:`_blocked`)."""
    strong: dict[str, set[str]] = defaultdict(set)
    for a, b in strong_pairs:
        strong[a].add(b)
        strong[b].add(a)
    score, clauses_of = scorer.score, scorer.clauses
    floor = max(LINK_FLOOR, threshold * 0.9)
    for g in groups:
        docs = {doc_of[s] for s in g}
        near = sorted({x for s in g for x in strong[s]} - set(g), key=order.__getitem__)
        for x in near:
            if doc_of[x] in docs or len(clauses_of.get(x, ())) < 2:
                continue
            if all((x, y) not in blocked and score(x, y) >= floor for y in g):
                g.append(x)
                docs.add(doc_of[x])
        g.sort(key=order.__getitem__)


@gc_paused()
def group(
    claims: pl.DataFrame,
    scorer: Scorer,
    pairs: list[tuple[str, str, int]],
    threshold: float,
    cannot_link: set[frozenset[str]],
    below: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> pl.DataFrame:
    """Merge matching claims into groups; returns the groups frame (see
    :data:`compare.frames.GROUPS`) holding only groups that span two or more documents.
    ``below`` holds candidate pairs known to score under ``threshold`` (never linked: not scored).

    Singletons get no members list (a claim with no group is its own root), and the edges
    are sorted as plain tuples, strongest first, then in statement order. The cyclic garbage
    collector is paused meanwhile: the edges, the cached scores and the groups are tens of
    thousands of tuples and lists that all stay alive until the end."""
    ids = claims.get_column("stmt_id").to_list()
    order = {sid: i for i, sid in enumerate(ids)}
    doc_of = dict(zip(ids, claims.get_column("doc_id").to_list(), strict=True))
    blocked = _blocked(cannot_link)
    score = scorer.score
    linkable = [(a, b) for a, b, _ in pairs if (a, b) not in blocked and (a, b) not in below]
    # (-score, order of a, order of b, a, b): sorted by (-score, a, b) with no key function
    edges = sorted(
        [(-s, order[a], order[b], a, b) for s, (a, b) in zip(scorer.scores(linkable), linkable, strict=True)]
    )
    strong_pairs = []
    members: dict[str, list[str]] = {}  # by root, groups of two or more
    root: dict[str, str] = {}  # claims in no group are their own root
    for negative, _, _, a, b in edges:
        if -negative < threshold:
            break
        strong_pairs.append((a, b))
        ra, rb = root.get(a, a), root.get(b, b)
        if ra == rb:
            continue
        ga, gb = members.get(ra) or [ra], members.get(rb) or [rb]
        ok = all(
            (x, y) not in blocked and (doc_of[x] == doc_of[y] or score(x, y) >= LINK_FLOOR) for x in ga for y in gb
        )
        if not ok:
            continue
        (keep, kept), (drop, dropped) = ((ra, ga), (rb, gb)) if order[ra] < order[rb] else ((rb, gb), (ra, ga))
        members[keep] = sorted(kept + dropped, key=order.__getitem__)
        for sid in dropped:
            root[sid] = keep
        members.pop(drop, None)
    # in order of their roots (their first members), as a members dict over every claim would hold them
    groups = [g for g in sorted(members.values(), key=lambda g: order[g[0]]) if len({doc_of[s] for s in g}) >= 2]
    _add_second_claims(groups, strong_pairs, threshold, scorer, doc_of, order, blocked)
    groups.sort(key=lambda g: (-len({doc_of[s] for s in g}), order[g[0]]))
    rows: dict[str, list] = {name: [] for name in frames.GROUPS}
    for n, g in enumerate(groups, start=1):
        # the member closest to all others; exact ties (equal sums, correctly rounded) go to the first
        rep = max(g, key=lambda s: (math.fsum(score(s, t) for t in g if t != s), -order[s]))
        for sid in [rep] + [s for s in g if s != rep]:
            rows["group_id"].append(f"R{n}")
            rows["stmt_id"].append(sid)
            rows["doc_id"].append(doc_of[sid])
            rows["score"].append(1.0 if sid == rep else round(score(rep, sid), 4))
    return pl.DataFrame(rows, schema=frames.GROUPS)
