"""Score given sentence pairs with the job's own matching and conflict rules, and decide
whether the two sentences of a pair say the same thing.

The pipeline finds its candidate pairs itself; evaluations on labelled sentence pairs
(MRPC, STS-B, SICK, Breaking-NLI) and notebooks want to score pairs they already have.
:func:`score_pairs` builds the same frames the pipeline builds (statements, values, claim
features, one IDF table over all sentences given) and returns, per pair:

- ``score``: the match score the grouping of repeated claims uses
  (:class:`compare.matching.Scorer`). It is containment-friendly on purpose: a short
  statement inside a longer one still scores high, which is right for gathering the
  sources that repeat a claim, and wrong for deciding that two sentences are
  *equivalent* (MRPC validation: accuracy 0.712, F1 0.814 at the default threshold);
- ``equivalence``: a symmetric score in [0, 1] of the two sentences saying the same
  thing, neither adding to the other: a logistic regression over the surface features
  in :data:`FEATURES` (the grouping score, IDF-weighted overlap, content each side adds,
  word order, n-gram coverage, lengths, number and name mismatches, the conflict
  verdict), all computed with the project's own stems, IDF table, values and conflict
  stage. The weights were fitted on MRPC train only by
  ``benchmarks/fit_pair_decision.py``; nothing is learnt at run time;
- ``same``: the pair decision, ``equivalence >= SAME_THRESHOLD``, unless the conflict
  stage reports a certain conflict (``CONFLICT_VETO``): two statements that cannot both
  be true do not say the same thing, whatever their wording shares;
- the most confident conflict the conflict stage reports for the pair, if any.

The grouping score is untouched, so the job's findings do not change; ``equivalence``
and ``same`` serve callers that need a yes/no answer for one pair.

Figures (``benchmarks/eval_paraphrase.py``; validation never chose anything): on MRPC
validation the pair decision reaches accuracy 0.756 and F1 0.829 (0.758 / 0.831 without
the conflict veto), against 0.712 / 0.814 for the grouping score at its default
threshold and 0.736 / 0.823 for bag-of-words Jaccard at its best MRPC-train threshold.
It follows MRPC's strict notion of "the same" and is no similarity scale: STS-B dev
Spearman of ``equivalence`` is 0.630 (grouping score 0.792), and on the Twitter URL
corpus its F1 is 0.593 (grouping score 0.695), too strict for headlines against tweets.
Weights of correlated features offset each other (``score`` is negative next to
``weighted_jaccard`` and ``word_order``): read them together, not one by one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import polars as pl

from . import frames, matching
from .conflicts import conflicts as conflicts_stage
from .features import CANONICAL
from .features import features as features_stage
from .normalize import collapse, normalize_text
from .text import STOP_WORDS, content_stems, stem, words
from .values import values as values_stage

FEATURES: tuple[str, ...] = (
    "score",  # the grouping score of compare.matching
    "weighted_jaccard",  # IDF-weighted Jaccard of the canonical content stems
    "unmatched_max",  # IDF share of a side's content stems absent from the other, larger side
    "unmatched_min",  # the same, smaller side
    "length_ratio",  # shorter / longer, in words
    "length_gap",  # log(1 + |difference in words|)
    "word_cover",  # share of a side's distinct words found in the other, worse side
    "trigram_cover",  # share of a side's word trigrams found in the other, worse side
    "fourgram_cover",  # share of a side's word 4-grams found in the other, better side
    "word_order",  # longest common subsequence of words / longer sentence
    "extra_run",  # log(1 + longest run of words of one side absent from the other)
    "unmatched_words",  # log(1 + content stems of a side without a 4-letter-prefix partner), smaller side
    "shared_words",  # log(1 + canonical content stems both sides have)
    "number_mismatch",  # log(1 + numbers and dates only one side gives)
    "name_mismatch",  # log(1 + capitalised names only one side gives)
    "conflict",  # confidence of the conflict the conflict stage reports, 0.0 when none
)
"""The equivalence features, in the order of :data:`WEIGHTS`; all symmetric in the pair.
Words are the canonical stems of all tokens (function words included); "content stems"
leave the function words out."""

WEIGHTS: dict[str, float] = {
    "score": -0.8259,
    "weighted_jaccard": 1.4922,
    "unmatched_max": -1.6667,
    "unmatched_min": -0.5784,
    "length_ratio": 3.0555,
    "length_gap": 0.3366,
    "word_cover": 0.1785,
    "trigram_cover": 0.4032,
    "fourgram_cover": -2.7678,
    "word_order": 6.8081,
    "extra_run": -0.8153,
    "unmatched_words": -0.486,
    "shared_words": -0.3596,
    "number_mismatch": -0.0559,
    "name_mismatch": 0.1963,
    "conflict": -1.05,
}
"""Logistic-regression weight per feature, fitted on MRPC train (3,576 pairs): 10-fold
cross-validated accuracy 0.762, F1 0.830 there (``benchmarks/fit_pair_decision.py``)."""
BIAS = -2.2262
"""Intercept of the logistic regression, fitted with :data:`WEIGHTS`."""
SAME_THRESHOLD = 0.515
"""``equivalence`` at or above which a pair is ``same``: the accuracy-best cut of the
out-of-fold predictions on MRPC train (accuracy 0.763, F1 0.830 there)."""

CONFLICT_VETO = 0.5
"""A pair whose conflict the conflict stage reports at this confidence or more (the default
``conflict_min_confidence``: a conflict the job lists as certain) is never ``same``: the
two cannot both be true. MRPC tolerates such differences (16 of the 26 pairs it vetoes on
MRPC train are labelled paraphrases), so it costs 0.002 of accuracy there."""

PREFIX = 4
"""Letters two content stems must share at the start to count as related for ``unmatched_words``
("acquir"/"acquisit", "economi"/"econom"): MRPC-train CV accuracy 0.761, 0.762, 0.762, 0.761 for 3 to 6."""

PAIR_SCORES = {
    "pair": pl.Int64,  # index into the given pairs
    "score": pl.Float64,  # grouping match score in [0, 1], as used for repeated groups
    "equivalence": pl.Float64,  # in [0, 1]: the two sentences say the same thing (symmetric)
    "same": pl.Boolean,  # the pair decision: equivalence >= SAME_THRESHOLD, no certain conflict
    "conflict_kind": pl.String,  # null when no conflict is reported
    "conflict_confidence": pl.Float64,  # 0.0 when no conflict is reported
}

PAIR_FEATURES = {"pair": pl.Int64, **dict.fromkeys(FEATURES, pl.Float64)}
"""Schema of :func:`pair_features`: the pair index and one column per feature."""


def _statements(sentences: Sequence[str]) -> pl.DataFrame:
    """A statements frame: sentence ``2i`` is document 0, sentence ``2i + 1`` document 1."""
    rows: dict[str, list] = {name: [] for name in frames.STATEMENTS}
    for i, raw in enumerate(sentences):
        text = collapse(normalize_text(raw)[0])
        toks = words(text)
        rows["stmt_id"].append(f"{i % 2}:{i // 2 + 1}")
        rows["doc_id"].append(i % 2)
        rows["line"].append(i // 2 + 1)
        rows["end_line"].append(i // 2 + 1)
        rows["start"].append(0)
        rows["end"].append(len(raw))
        rows["text"].append(text)
        rows["section"].append("")
        rows["kind"].append("claim")
        rows["tokens"].append(toks)
        rows["stems"].append(content_stems(toks))
    return pl.DataFrame(rows, schema=frames.STATEMENTS)


_NAME_TOKEN = re.compile(r"[\w'.-]+|[^\w\s]")
_OPENING = frozenset('.!?:;"(')
"""Tokens after which a capital letter starts a sentence or a quote, not a name."""


def _names(text: str) -> frozenset[str]:
    """Stems of the capitalised words of a sentence that are not its first word, nor the
    first word after sentence punctuation, a quote or a bracket, nor function words: the names."""
    tokens = _NAME_TOKEN.findall(text)
    out = set()
    for i, tok in enumerate(tokens):
        if i == 0 or not tok[:1].isupper() or tokens[i - 1] in _OPENING:
            continue
        word = tok.lower().strip(".'")
        if word and word not in STOP_WORDS:
            out.add(stem(word))
    return frozenset(out)


def _ngrams(seq: list[str], n: int) -> set[tuple[str, ...]]:
    """The distinct runs of ``n`` consecutive words of ``seq``."""
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def _cover(x: set, y: set) -> float:
    """Share of ``x`` found in ``y`` (0.0 for an empty ``x``)."""
    return len(x & y) / len(x) if x else 0.0


def _lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two word sequences, bit-parallel
    (Allison-Dix/Hyyrö): one big-integer step per word of ``a`` instead of a DP row."""
    masks: dict[str, int] = {}
    for i, w in enumerate(b):
        masks[w] = masks.get(w, 0) | (1 << i)
    full = (1 << len(b)) - 1
    v = full
    for w in a:
        u = v & masks.get(w, 0)
        v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def _longest_absent_run(seq: list[str], other: set[str]) -> int:
    """Longest run of consecutive words of ``seq`` none of which ``other`` has."""
    best = run = 0
    for w in seq:
        run = 0 if w in other else run + 1
        best = max(best, run)
    return best


def _features(
    scorer: matching.Scorer,
    a: str,
    b: str,
    seqs: dict[str, list[str]],
    names: dict[str, frozenset[str]],
    numbers: dict[str, frozenset[tuple[float, float]]],
    conflict: float,
) -> list[float]:
    """The :data:`FEATURES` of statements ``a`` and ``b``, in order."""
    sa, sb = scorer.sets[a], scorer.sets[b]
    wa, wb, shared = scorer.weight(sa), scorer.weight(sb), scorer.weight(sa & sb)
    union = wa + wb - shared
    ua = 1.0 - shared / wa if wa else 1.0
    ub = 1.0 - shared / wb if wb else 1.0
    xa, xb = seqs[a], seqs[b]
    la, lb = len(xa), len(xb)
    longer = max(la, lb)
    ta, tb = set(xa), set(xb)
    tri_a, tri_b = _ngrams(xa, 3), _ngrams(xb, 3)
    four_a, four_b = _ngrams(xa, 4), _ngrams(xb, 4)
    pa, pb = {s[:PREFIX] for s in sa}, {s[:PREFIX] for s in sb}
    return [
        scorer.score(a, b),
        shared / union if union > 0 else 0.0,
        max(ua, ub),
        min(ua, ub),
        min(la, lb) / longer if longer else 0.0,
        math.log1p(abs(la - lb)),
        min(_cover(ta, tb), _cover(tb, ta)),
        min(_cover(tri_a, tri_b), _cover(tri_b, tri_a)),
        max(_cover(four_a, four_b), _cover(four_b, four_a)),
        _lcs(xa, xb) / longer if longer else 0.0,
        math.log1p(max(_longest_absent_run(xa, tb), _longest_absent_run(xb, ta))),
        math.log1p(min(len(pa - pb), len(pb - pa))),
        math.log1p(len(sa & sb)),
        math.log1p(len(numbers.get(a, frozenset()) ^ numbers.get(b, frozenset()))),
        math.log1p(len(names[a] ^ names[b])),
        conflict,
    ]


def equivalence(features: Sequence[float]) -> float:
    """The logistic regression of :data:`WEIGHTS` and :data:`BIAS` over one pair's features."""
    z = BIAS + sum(WEIGHTS[name] * x for name, x in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def _score_all(pairs: Sequence[tuple[str, str]]) -> list[tuple[float, str | None, float, list[float]]]:
    """Per pair: grouping score, conflict kind and confidence, and the equivalence features."""
    flat = [s for pair in pairs for s in pair]
    statements = _statements(flat)
    values = values_stage(statements)
    claim_features = features_stage(statements)
    scorer = matching.Scorer.from_features(claim_features, values)
    ids = [(f"0:{i + 1}", f"1:{i + 1}") for i in range(len(pairs))]
    # the conflict stage adds its own candidates (ordinal frames, denied harm) across all
    # sentences; only the given pairs are kept
    found = conflicts_stage(statements, values, scorer, ids, claim_features)
    verdict = {(a, b): (k, c) for a, b, k, c in found.select("a", "b", "kind", "confidence").iter_rows()}
    seqs = {
        sid: [CANONICAL.get(s, s) for s in map(stem, toks)]
        for sid, toks in statements.select("stmt_id", "tokens").iter_rows()
    }
    names = {sid: _names(text) for sid, text in statements.select("stmt_id", "text").iter_rows()}
    numbers: dict[str, set[tuple[float, float]]] = {}
    for sid, kind, low, high in values.select("stmt_id", "kind", "low", "high").iter_rows():
        if kind in ("number", "date"):
            numbers.setdefault(sid, set()).add((low, high))
    frozen = {sid: frozenset(v) for sid, v in numbers.items()}
    out = []
    for a, b in ids:
        kind, confidence = verdict.get((a, b)) or verdict.get((b, a)) or (None, 0.0)
        feats = _features(scorer, a, b, seqs, names, frozen, confidence)
        out.append((feats[0], kind, confidence, feats))
    return out


def pair_features(pairs: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """The equivalence features of every ``(a, b)`` sentence pair (see :data:`PAIR_FEATURES`),
    as :func:`score_pairs` computes them: what ``benchmarks/fit_pair_decision.py`` fits on."""
    rows = [{"pair": i, **dict(zip(FEATURES, f, strict=True))} for i, (*_, f) in enumerate(_score_all(pairs))]
    return pl.DataFrame(rows, schema=PAIR_FEATURES)


def score_pairs(pairs: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """Grouping score, equivalence, pair decision and conflict verdict of every ``(a, b)``
    sentence pair (see :data:`PAIR_SCORES`)."""
    rows = []
    for i, (score, kind, confidence, feats) in enumerate(_score_all(pairs)):
        eq = equivalence(feats)
        rows.append(
            {
                "pair": i,
                "score": score,
                "equivalence": eq,
                "same": eq >= SAME_THRESHOLD and confidence < CONFLICT_VETO,
                "conflict_kind": kind,
                "conflict_confidence": confidence,
            }
        )
    return pl.DataFrame(rows, schema=PAIR_SCORES)
