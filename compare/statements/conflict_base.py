"""What every conflict rule is (:class:`Rule`), what it compares (:class:`Pair`) and makes
(:data:`Key`), and the tests of words and values the rules and their context read: the words
that negate, what a certainty is about, intervals that meet, counts of the same thing, one
night told as two dates, and the gates and confidences of every kind. The rules themselves are
in :mod:`compare.conflict_rules` and :mod:`compare.conflict_polarity`."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ..text.lexicon import NUMERO
from ..text.words import content_stems, stem
from .features import canonical

if TYPE_CHECKING:
    from .conflict_context import Context, Scores

Key = tuple[str, ...]
"""What two statements must share for a rule reading values to fire: the key kind (the rule's),
then what must match (a unit, a role, a head noun; nothing for certainty)."""

GATES = {
    "number": 0.35, "date": 0.35, "year": 0.5, "weekday": 0.6, "time": 0.7, "ordinal": 0.3, "negation": 0.0,
    "certainty": 0.15, "bare": 0.7, "entity": 0.5, "entity_no_role": 0.7, "polarity": 0.75,
}  # fmt: skip
"""Same-subject gate per comparison. "bare": numbers and ordinals without a noun; "entity": a
country or nationality with a role (0.7 without one: "France" alone says little of what it is);
"polarity": a negation in one statement only, for near-identical statements."""
GATE_STEPS = tuple(sorted(set(GATES.values())))
"""Every value a rule holds a gate score against on its way to a finding (a rule's floor is one
of :data:`GATES` or -inf): a pair whose gate scores moved without crossing one of these makes
the same tests with the same answers, so what found nothing still finds nothing (a rerun relies
on it: :func:`headroom`)."""


def headroom(score: float) -> float:
    """How far a gate ``score`` can move and every rule's test of it still answer the same: its
    distance to the nearest of :data:`GATE_STEPS` (zero on one of them)."""
    return min(abs(score - step) for step in GATE_STEPS)


CONFIDENCE = {"number": 0.85, "date": 0.8, "ordinal": 0.75, "negation": 0.7, "certainty": 0.65, "time": 0.5}
MAX_FRAME_POSTINGS = 50
"""Ordinal frames and harm statements shared by more statements than this do not propose
candidates on their own (they still meet through the word index), so cost stays near-linear."""
NEGATORS = frozenset("no not never nobody none declined refused denied failed".split())
"""Words that deny what follows them ("n't" is matched as a suffix)."""
NEG_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
MAY_NEGATE = r"(?:^|[^A-Za-z])(?i:" + "|".join(sorted(NEGATORS)) + r")(?:[^A-Za-z]|$)|(?i:n't)"
"""Found (by polars, over all statements at once) in every text where :func:`negations` finds
a negation, and in few others: a token of ``NEG_TOKEN`` is bounded by non-letters, and one
ending in "n't" holds it. The statements it finds are then tokenised to know for sure."""
LATE = re.compile(r"\b(night|overnight|late)\b", re.I)
EARLY = re.compile(r"\b(early|morning|overnight|dawn|before dawn)\b", re.I)
MEASURES = frozenset({"km", "mile", "m", "ft", "kg", "lb", "sq km", "sq mile", "sq m", "sq ft", "hour", "minut", "day"})
"""Units of measure: a distance, area or duration says nothing of what it measures (a depth, a
range, a search area), so two of them are compared only when the words around them agree."""


class Pair(NamedTuple):
    """Two statements a rule compares (``a`` is the row's first) and their same-subject gate score."""

    a: str
    b: str
    gate: float

    def conflict(self, kind: str, a_value: str, b_value: str, why: str, confidence: float) -> dict:
        """A row of the conflicts frame for this pair (see :data:`compare.frames.CONFLICTS`),
        its confidence rounded to two places."""
        return {
            "a": self.a,
            "b": self.b,
            "kind": kind,
            "a_value": a_value,
            "b_value": b_value,
            "confidence": round(confidence, 2),
            "explanation": why,
            "fact": None,
            "gate": round(self.gate, 4),
        }


class Rule(ABC):
    """One kind of conflict. The class attributes say which values the rule reads; the methods
    what the stage asks of it (keys, gate floor and score, own candidates, comparison)."""

    value_kinds: ClassVar[tuple[str, ...]] = ()
    """Kinds of value whose values make keys for this rule (see :meth:`keys`); none: the rule
    reads no values, and is tested on every pair (see :meth:`score`)."""
    key_kinds: ClassVar[tuple[str, ...]] = ()
    """The first element of each key the rule makes: how :func:`compare.conflict_rules.floor_of` finds the rule."""
    scoped: ClassVar[frozenset[str]] = frozenset()
    """Conflict kinds of the rule whose disagreement may only mean different occasions."""

    def keys(self, ctx: Context, sid: str, kind: str, unit: str) -> Iterable[Key]:
        """The keys of one value (``kind``, ``unit``) of statement ``sid``: by default its kind and
        unit (the other statement must hold a value of the same unit)."""
        return ((kind, unit),)

    @abstractmethod
    def floor(self, key: Key) -> float:
        """The lowest gate at which the rule can fire for a shared ``key``."""

    def score(self, ctx: Context, scores: Scores, key: Key) -> float | None:
        """The gate score held against :meth:`floor` for a shared ``key`` (the empty key for a
        rule without keys), or None when the rule surely cannot fire for the pair: the gate here."""
        return scores.gate

    def candidates(self, ctx: Context) -> Iterator[tuple[str, str]]:
        """Pairs of statements of different documents the rule proposes on its own, beyond
        those of the matching stage: none here."""
        return iter(())

    @abstractmethod
    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """The rule's conflicts for ``pair``, given those the rules before it ``found``. It holds
        the pair's gate scores against values of :data:`GATES` only (see :data:`GATE_STEPS`)."""


def overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    """Whether two closed intervals share a point."""
    return x[0] <= y[1] and y[0] <= x[1]


def intervals_meet(xa: Iterable[dict], xb: Iterable[dict]) -> bool:
    """Whether any value of ``xa`` and any of ``xb`` may be the same (their intervals overlap)."""
    return any(overlap((p["low"], p["high"]), (q["low"], q["high"])) for p in xa for q in xb)


def is_negator(word: str) -> bool:
    """Whether a word match of ``NEG_TOKEN`` negates ("n't" is matched as a suffix)."""
    word = word.lower()
    return word in NEGATORS or word.endswith("n't")


def negates(match: re.Match) -> bool:
    """Whether a word match of ``NEG_TOKEN`` in its text negates: :func:`is_negator`, but for the
    "No." of a number ("Europe's No. 4 phone brand", :data:`compare.text.lexicon.NUMERO`)."""
    return is_negator(match.group()) and NUMERO.match(match.string, match.start()) is None


def negations(text: str) -> tuple[list[re.Match], list[int]]:
    """Word matches of ``text`` and the indices of those that negate."""
    toks = list(NEG_TOKEN.finditer(text))
    return toks, [i for i, m in enumerate(toks) if negates(m)]


@lru_cache(maxsize=1)
def topic_words() -> dict[str, str]:
    """What a certainty conflict must be about in both statements ("the cause is not yet
    known"): stem -> word, made on first use, as stemming imports nltk."""
    return {stem(w): w for w in ("cause", "motive", "reason", "identity", "whereabouts", "origin")}


def same_role(p: dict, q: dict) -> bool:
    """Two counts of one unit describe the same thing when the words around them overlap
    (after synonyms), or, for counts of things, when either has no such words to go by."""
    cp, cq = canonical(p["context"] or ()), canonical(q["context"] or ())
    if p["unit"] in MEASURES:
        return bool(cp & cq)
    return not cp or not cq or bool(cp & cq)


def unmatched(xa: list[dict], xb: list[dict]) -> tuple[list[dict], list[dict]]:
    """The counts of one unit left once those both statements give identically are set aside:
    "5 people killed and 10 people hurt" against "5 people killed and 12 people hurt" compares
    10 with 12, not 5 with 12."""
    same = {(v["low"], v["high"]) for v in xa} & {(v["low"], v["high"]) for v in xb}
    return [v for v in xa if (v["low"], v["high"]) not in same], [v for v in xb if (v["low"], v["high"]) not in same]


def overnight(ctx: Context, a: str, b: str, va: dict, vb: dict) -> bool:
    """True for "Monday night" against "early on Tuesday": one night, two dates."""
    if abs(va["low"] - vb["low"]) != 1 and not (va["unit"] == "weekday" and abs(va["low"] - vb["low"]) == 6):
        return False
    later_is_b = (vb["low"] - va["low"]) % 7 == 1 if va["unit"] == "weekday" else vb["low"] > va["low"]
    first, second = (a, b) if later_is_b else (b, a)
    return bool(LATE.search(ctx.text[first])) and bool(EARLY.search(ctx.text[second]))


def denied_word(ctx: Context, a: str, b: str) -> tuple[str, str] | None:
    """A negation in exactly one of the statements that denies a word the other one says
    ("The man is not playing" / "The man is playing"): the negated phrase and the other
    statement's word, in the order (a, b), or None. Only the three words after the negation count,
    within its clause, and only lower-case ones."""
    (toks_a, neg_a), (toks_b, neg_b) = negations(ctx.text[a]), negations(ctx.text[b])
    if bool(neg_a) == bool(neg_b):
        return None
    sid, toks, negs, other, other_toks = (a, toks_a, neg_a, b, toks_b) if neg_a else (b, toks_b, neg_b, a, toks_a)
    text = ctx.text[sid]
    for i in negs:
        for m in toks[i + 1 : i + 4]:
            if re.search(r"[,;:.!?()]", text[toks[i].end() : m.start()]):
                break  # the negation's clause has ended
            if not m.group().islower():
                continue  # a name ("Mr. O'Neill") is not what is denied
            stems = canonical(content_stems([m.group().lower()]))
            if not stems or not stems <= ctx.scorer.sets[other]:
                continue
            phrase = text[toks[i].start() : m.end()]
            said = next(
                (w.group() for w in other_toks if canonical(content_stems([w.group().lower()])) == stems), m.group()
            )
            return (phrase, said) if sid == a else (said, phrase)
    return None
