"""Score given sentence pairs with the job's own matching and conflict rules, and decide
whether the two sentences of a pair say the same thing.

The pipeline finds its candidate pairs itself; evaluations on labelled sentence pairs
(MRPC, STS-B, SICK, Breaking-NLI) and notebooks want to score pairs they already have.
:func:`score_pairs` builds the same frames the pipeline builds (statements, values, claim
features, one IDF table over all sentences given) and returns, per pair:

- ``score``: the match score the grouping of repeated claims uses
  (:class:`compare.scoring.Scorer`). It is containment-friendly on purpose: a short
  statement inside a longer one still scores high, which is right for gathering the
  sources that repeat a claim, and wrong for deciding that two sentences are
  *equivalent* (MRPC validation: accuracy 0.712, F1 0.814 at the default threshold);
- ``equivalence``: a symmetric score in [0, 1] of the two sentences saying the same
  thing, neither adding to the other: a logistic regression over the surface features
  in :data:`FEATURES` (the grouping score, word cover, clipped 1- and 2-gram precision,
  a BLEU-like n-gram mean, tf-idf cosines over words and over character 3-5-grams,
  character n-gram Jaccard, character LCS, lengths, the longest added run, content each
  side adds, number and name mismatches, the conflict verdict), all computed with the
  project's own normalisation, stems, values and conflict stage and with IDF tables over
  the sentences given. The features, the ridge penalty and the threshold were chosen by
  cross-validation on MRPC train and the weights fitted there, by
  ``benchmarks/fit_pair_decision.py``; nothing is learnt at run time;
- ``same``: the pair decision, ``equivalence >= SAME_THRESHOLD``, unless the conflict
  stage reports a certain conflict (``CONFLICT_VETO``): two statements that cannot both
  be true do not say the same thing, whatever their wording shares;
- the most confident conflict the conflict stage reports for the pair, if any.

The grouping score is untouched, so the job's findings do not change; ``equivalence``
and ``same`` serve callers that need a yes/no answer for one pair.

Figures (``benchmarks/eval_paraphrase.py``): on MRPC validation the pair decision reaches
accuracy 0.792 and F1 0.856 (0.794 / 0.858 without the conflict veto), against 0.712 /
0.814 for the grouping score at its default threshold and 0.736 / 0.823 for bag-of-words
Jaccard at its best MRPC-train threshold. Validation chose nothing: it was scored once,
for the configuration chosen on train (the first version, 16 features, scored 0.756 /
0.829 there). It follows MRPC's strict notion of "the same" and is no similarity scale:
STS-B dev Spearman of ``equivalence`` is 0.605 (grouping score 0.792), and on the Twitter
URL corpus its F1 is 0.606 (grouping score 0.695), too strict for headlines against tweets.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

import polars as pl

from .. import frames
from ..statements import scoring
from ..statements.conflicts import conflicts as conflicts_stage
from ..statements.conflicts import with_facts
from ..statements.fact_scope import MentionRow, mention_rows
from ..statements.fact_table import table_of
from ..statements.facts import mentions as fact_mentions
from ..statements.features import canonical_map
from ..statements.features import features as features_stage
from ..statements.values import values as values_stage
from ..text.normalize import collapse, normalize_text
from ..text.words import STOP_WORDS, content_stems, stem, words

FEATURES: tuple[str, ...] = (
    "score",  # the grouping score of compare.scoring
    "length_ratio",  # shorter / longer, in words
    "word_cover",  # share of a side's distinct words found in the other, worse side
    "unigram_precision",  # share of a side's words (with repeats, clipped) found in the other, worse side
    "bigram_precision",  # the same for word bigrams, worse side
    "bleu",  # smoothed geometric mean of the 1- to 4-gram precisions, better side
    "word_cosine",  # tf-idf cosine of the word counts (IDF over the sentences given)
    "char_jaccard",  # Jaccard of the sets of character 3- to 5-grams
    "char_cosine",  # tf-idf cosine of the character 3- to 5-gram counts
    "char_lcs",  # longest common subsequence of characters / longer sentence
    "extra_run",  # log(1 + longest run of words of one side absent from the other)
    "unmatched_words",  # log(1 + content stems of a side without a 4-letter-prefix partner), smaller side
    "number_mismatch",  # log(1 + numbers written in only one of the sentences)
    "name_mismatch",  # log(1 + capitalised names only one side gives)
    "conflict",  # confidence of the conflict the conflict stage reports, 0.0 when none
)
"""The equivalence features, in the order of :data:`WEIGHTS`; all symmetric in the pair.
Words are the canonical stems of all tokens (function words included); "content stems"
leave the function words out. Characters are those of the lower-cased normalised sentence.

They were chosen by backward elimination on MRPC train (10-fold cross-validation, five
shuffles; validation never read) from 37 candidates: the 16 features of the first version
(cross-validated accuracy 0.762, F1 0.830) plus 21 more (character 3-5-gram Jaccard, cover
and tf-idf cosine, word edit distance, word and character LCS ratios, BLEU-like n-gram
precisions both ways, number sets from the raw text, capitalised-word overlap, word tf-idf
cosine, lengths in characters). All 37: accuracy 0.770, F1 0.839; the best sets along the
elimination reach 0.775; these 15 are the smallest set within 0.001 of that (0.774, F1
0.841). Leaving any one of them out costs 0.001 (``bigram_precision``) to 0.009 (``bleu``)
of that accuracy (``fit_pair_decision.py --features``). No product of two of them adds
more than 0.001, so there are no interaction terms."""

WEIGHTS: dict[str, float] = {
    "score": -0.9559,
    "length_ratio": -1.5655,
    "word_cover": -4.4028,
    "unigram_precision": 8.7738,
    "bigram_precision": 1.8295,
    "bleu": -4.6192,
    "word_cosine": 3.4623,
    "char_jaccard": 1.8534,
    "char_cosine": -2.1568,
    "char_lcs": 6.2168,
    "extra_run": -0.7228,
    "unmatched_words": -0.4886,
    "number_mismatch": -0.3346,
    "name_mismatch": 0.1747,
    "conflict": -0.9856,
}
"""Logistic-regression weight per feature, fitted on MRPC train (3,576 pairs): 10-fold
cross-validated accuracy 0.774, F1 0.840 there at 0.5 (``benchmarks/fit_pair_decision.py``).
Weights of correlated features offset each other (``word_cover`` and ``bleu`` are negative
next to ``unigram_precision``): read them together, not one by one."""
BIAS = -2.1338
"""Intercept of the logistic regression, fitted with :data:`WEIGHTS`."""
SAME_THRESHOLD = 0.489
"""``equivalence`` at or above which a pair is ``same``: the accuracy-best cut of the
out-of-fold predictions on MRPC train (accuracy 0.775, F1 0.841 there)."""

CONFLICT_VETO = 0.5
"""A pair whose conflict the conflict stage reports at this confidence or more (the default
``conflict_min_confidence``: a conflict the job lists as certain) is never ``same``: the
two cannot both be true. MRPC tolerates such differences (19 of the 32 pairs it vetoes on
MRPC train are labelled paraphrases), so it costs 0.002 of cross-validated accuracy there
(0.775 to 0.773); it is a rule, not fitted."""

PREFIX = 4
"""Letters two content stems must share at the start to count as related for ``unmatched_words``
("acquir"/"acquisit", "economi"/"econom"), kept from the first version: MRPC-train shuffled CV
accuracy 0.775, 0.774, 0.774, 0.774 for 3 to 6, differences within the noise of the CV (0.001)."""

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


def pair_conflicts(mentions: pl.DataFrame, pairs: list[tuple[str, str]]) -> list[dict]:
    """The fact layer's conflicts of each statement pair taken on its own, as if the two
    statements were the whole corpus (sentence-pair evaluations: MRPC, SICK, Breaking-NLI)."""
    of: dict[str, list[MentionRow]] = defaultdict(list)
    for row in mention_rows(mentions):
        of[row.stmt_id].append(row)
    out = []
    for a, b in pairs:
        if of.get(a) and of.get(b):
            out.extend(table_of(of[a] + of[b], 2, {}).conflicts)
    return out


def _statements(sentences: Sequence[str]) -> pl.DataFrame:
    """A statements frame with their stems (:data:`compare.frames.SEGMENTED`): sentence ``2i`` is
    document 0, sentence ``2i + 1`` document 1."""
    rows: dict[str, list] = {name: [] for name in frames.SEGMENTED}
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
        rows["words"].append(len(toks))
        rows["stems"].append(content_stems(toks))
    return pl.DataFrame(rows, schema=frames.SEGMENTED)


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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
"""A number as written: digits with inner dots or commas ("2.5", "8,829")."""

CHAR_NGRAMS = (3, 5)
"""Lengths of the character n-grams of ``char_jaccard`` and ``char_cosine`` (from, to): the
span usual for character features of paraphrase classifiers; not tuned."""

BLEU_ORDERS = 4
"""Word n-gram orders averaged by ``bleu`` (1 to 4, as in BLEU); not tuned."""
BLEU_SMOOTHING = 0.1
"""Added to each n-gram precision of ``bleu`` (then capped at 1) so that one order with no
match does not zero the mean; not tuned."""


class _Sentence:
    """What the equivalence features need of one sentence, computed once per sentence."""

    __slots__ = ("chars", "grams", "names", "ngrams", "numbers", "seq", "text")

    def __init__(self, raw: str, text: str, seq: list[str]) -> None:
        self.text = text.lower()
        self.seq = seq
        self.ngrams = [_ngram_counts(seq, n) for n in range(1, BLEU_ORDERS + 1)]
        self.grams = _char_grams(self.text)
        self.chars = 0.0  # norm of the tf-idf vector of ``grams``, set once the IDF is known
        self.names = _names(text)
        self.numbers = frozenset(m.replace(",", "") for m in _NUMBER.findall(raw))


def _ngram_counts(seq: list[str], n: int) -> Counter[tuple[str, ...]]:
    """How often each run of ``n`` consecutive words occurs in ``seq``."""
    return Counter(tuple(seq[i : i + n]) for i in range(len(seq) - n + 1))


def _char_grams(text: str) -> Counter[str]:
    """How often each character n-gram (:data:`CHAR_NGRAMS`) occurs in ``text``, with a space
    before and after so that word starts and ends count."""
    padded = f" {text} "
    lo, hi = CHAR_NGRAMS
    return Counter(padded[i : i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1))


def _precision(x: Counter, y: Counter) -> float:
    """Share of the items of ``x`` (with repeats) found in ``y``, each clipped to its count
    there (0.0 for an empty ``x``)."""
    total = sum(x.values())
    return sum(min(k, y[g]) for g, k in x.items() if g in y) / total if total else 0.0


def _bleu(x: _Sentence, y: _Sentence) -> float:
    """Smoothed geometric mean of the 1- to :data:`BLEU_ORDERS`-gram precisions of ``x`` in ``y``."""
    logs = [math.log(min(1.0, _precision(cx, cy) + BLEU_SMOOTHING)) for cx, cy in zip(x.ngrams, y.ngrams, strict=True)]
    return math.exp(sum(logs) / len(logs))


def _idf(counts: Sequence[Counter]) -> dict:
    """Smoothed inverse document frequency of every item over the given sentences:
    ``ln((n + 1) / (df + 1)) + 1``."""
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    n = len(counts)
    return {g: math.log((n + 1) / (k + 1)) + 1.0 for g, k in df.items()}


def _norm(x: Counter, idf: dict) -> float:
    """Euclidean norm of the tf-idf vector of ``x``."""
    return math.sqrt(sum((k * idf[g]) ** 2 for g, k in x.items()))


def _cosine(x: Counter, y: Counter, nx: float, ny: float, idf: dict) -> float:
    """Cosine of the tf-idf vectors of ``x`` and ``y`` (norms ``nx`` and ``ny``)."""
    if not nx or not ny:
        return 0.0
    if len(y) < len(x):
        x, y = y, x
    return sum(k * y[g] * idf[g] ** 2 for g, k in x.items() if g in y) / (nx * ny)


def _cover(x: set, y: set) -> float:
    """Share of ``x`` found in ``y`` (0.0 for an empty ``x``)."""
    return len(x & y) / len(x) if x else 0.0


def _lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence of two sequences (of words or characters),
    bit-parallel (Allison-Dix/Hyyrö): one big-integer step per item of ``a`` instead of a DP row."""
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
    scorer: scoring.Scorer,
    a: str,
    b: str,
    x: _Sentence,
    y: _Sentence,
    word_idf: dict,
    char_idf: dict,
    conflict: float,
) -> list[float]:
    """The :data:`FEATURES` of statements ``a`` and ``b`` (sentences ``x`` and ``y``), in order."""
    sa, sb = scorer.sets[a], scorer.sets[b]
    xa, xb = x.seq, y.seq
    la, lb = len(xa), len(xb)
    longer = max(la, lb)
    ta, tb = set(xa), set(xb)
    pa, pb = {s[:PREFIX] for s in sa}, {s[:PREFIX] for s in sb}
    ga, gb = x.grams, y.grams
    shared_grams = sum(1 for g in ga if g in gb)
    union_grams = len(ga) + len(gb) - shared_grams
    chars = max(len(x.text), len(y.text))
    words_a, words_b = x.ngrams[0], y.ngrams[0]
    return [
        scorer.score(a, b),
        min(la, lb) / longer if longer else 0.0,
        min(_cover(ta, tb), _cover(tb, ta)),
        min(_precision(words_a, words_b), _precision(words_b, words_a)),
        min(_precision(x.ngrams[1], y.ngrams[1]), _precision(y.ngrams[1], x.ngrams[1])),
        max(_bleu(x, y), _bleu(y, x)),
        _cosine(words_a, words_b, _norm(words_a, word_idf), _norm(words_b, word_idf), word_idf),
        shared_grams / union_grams if union_grams else 0.0,
        _cosine(ga, gb, x.chars, y.chars, char_idf),
        _lcs(x.text, y.text) / chars if chars else 0.0,
        math.log1p(max(_longest_absent_run(xa, tb), _longest_absent_run(xb, ta))),
        math.log1p(min(len(pa - pb), len(pb - pa))),
        math.log1p(len(x.numbers ^ y.numbers)),
        math.log1p(len(x.names ^ y.names)),
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
    claim_features = features_stage(statements, values)
    scorer = scoring.Scorer.from_features(claim_features)
    ids = [(f"0:{i + 1}", f"1:{i + 1}") for i in range(len(pairs))]
    # the conflict stage adds its own candidates (ordinal frames, denied harm) across all
    # sentences; only the given pairs are kept
    found = conflicts_stage(statements, values, scorer, ids, claim_features)
    # and the fact layer, each pair on its own (two sentences are a corpus of two documents)
    texts = dict(statements.select("stmt_id", "text").iter_rows())
    found = with_facts(found, pair_conflicts(fact_mentions(statements), ids), texts)
    verdict = {(a, b): (k, c) for a, b, k, c in found.select("a", "b", "kind", "confidence").iter_rows()}
    mapping = canonical_map()
    sentences = {
        sid: _Sentence(flat[2 * (line - 1) + doc], text, [mapping.get(s, s) for s in map(stem, words(text))])
        for sid, doc, line, text in statements.select("stmt_id", "doc_id", "line", "text").iter_rows()
    }
    # one IDF table per call, over all the sentences given, like the grouping score's
    word_idf = _idf([s.ngrams[0] for s in sentences.values()])
    char_idf = _idf([s.grams for s in sentences.values()])
    for s in sentences.values():
        s.chars = _norm(s.grams, char_idf)
    out = []
    for a, b in ids:
        kind, confidence = verdict.get((a, b)) or verdict.get((b, a)) or (None, 0.0)
        feats = _features(scorer, a, b, sentences[a], sentences[b], word_idf, char_idf, confidence)
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
