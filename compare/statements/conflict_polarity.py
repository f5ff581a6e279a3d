"""The conflict rules on what is said to be so or not: harm denied and reported ("nobody was
hurt" / "two firefighters were treated for burns"), a cause called unknown and confirmed, and a
negation in one of two near-identical statements. Registered in
:data:`compare.conflict_rules.RULES` with the rules on values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..text.words import content_stems, words
from .conflict_base import CONFIDENCE, GATES, MAX_FRAME_POSTINGS, Key, Pair, Rule, denied_word, topic_words
from .features import canonical
from .markers import INCLUDED

if TYPE_CHECKING:
    from .conflict_context import Context, Scores

_HARMS = ("deaths", "injuries")
"""The classes of harm the harm rule reads."""
_POLARITY_MIN_SHARED = 3
"""Content stems two statements must share before a lone negation counts: "It's a lot of money"
and "$5,000 isn't a lot of money" share two, and do not speak of the same sum."""


class HarmRule(Rule):
    """*negation* of harm or inclusion: deaths or injuries denied in one ("nobody was hurt") and
    reported in the other ("two firefighters ... burns"); a thing said to come in the box in one
    and not in the other ("there's no charger in the box" / "a 45W charger is included")."""

    value_kinds = key_kinds = ("polarity",)

    def floor(self, key: Key) -> float:
        """The negation floor."""
        return GATES["negation"]

    def score(self, ctx: Context, scores: Scores, key: Key) -> float | None:
        """The gate, when one statement denies harm or inclusion of the key's class and the other
        reports it."""
        return scores.gate if self._denied_and_reported(ctx, scores.a, scores.b, key[1]) else None

    @staticmethod
    def _denied_and_reported(ctx: Context, a: str, b: str, cls: str) -> bool:
        """Whether one statement denies harm or inclusion of class ``cls`` and the other reports it
        (deaths, injuries and what is included are read)."""
        if cls not in _HARMS and not cls.startswith(INCLUDED):
            return False
        pa = {v["low"] for v in ctx.of(a, "polarity") if v["unit"] == cls}
        pb = {v["low"] for v in ctx.of(b, "polarity") if v["unit"] == cls}
        return (0 in pa and 1 in pb) or (1 in pa and 0 in pb)

    def candidates(self, ctx: Context) -> Iterator[tuple[str, str]]:
        """Denied and reported harm or inclusion of one class ("nobody was hurt" / "two were taken
        to hospital"; "no charger in the box" / "a charger is included"), unless there are more
        than :data:`MAX_FRAME_POSTINGS` squared such pairs (a corpus full of casualty reports: they
        meet through the word index only)."""
        harm: dict[tuple[str, float], list[str]] = defaultdict(list)
        for v in ctx.rows_of("polarity"):
            harm[(v.unit, v.low)].append(v.stmt_id)
        for (unit, low), denied in harm.items():
            if low != 0:
                continue
            reported = harm.get((unit, 1.0), [])
            if len(denied) * len(reported) > MAX_FRAME_POSTINGS**2:
                continue
            for x in denied:
                for y in reported:
                    if ctx.doc[x] != ctx.doc[y]:
                        yield x, y

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """Per class of harm or inclusion, one conflict when one statement denies it and the other
        reports it."""
        a, b, gate = pair
        pa = {(v["unit"], v["low"]): v for v in ctx.of(a, "polarity")}
        pb = {(v["unit"], v["low"]): v for v in ctx.of(b, "polarity")}
        out: list[dict] = []
        if gate < GATES["negation"]:
            return out
        shared = {u for u, _ in pa} & {u for u, _ in pb}
        # harm says of what only with the words around it; a thing included names what it is of
        harms = [cls for cls in _HARMS if cls in shared]
        if harms and not self._one_event(ctx, a, b):
            harms = []
        for cls in (*harms, *sorted(u for u in shared if u.startswith(INCLUDED))):
            for neg, pos in (((cls, 0), (cls, 1)), ((cls, 1), (cls, 0))):
                if neg in pa and pos in pb:
                    why = (
                        f"One says there were no {cls}, the other reports {cls}."
                        if cls in _HARMS
                        else "One says it is not included, the other that it is."
                    )
                    out.append(pair.conflict("negation", pa[neg]["span"], pb[pos]["span"], why, CONFIDENCE["negation"]))
                    break
        return out

    @staticmethod
    def _one_event(ctx: Context, a: str, b: str) -> bool:
        """Whether the two statements, each read with the sentence before it, share a word besides
        their words of harm: "Fortunately, nobody was hurt." says of what only with the sentence
        before it ("the chief said all 60 firefighters were accounted for"); sharing nothing else,
        the two may tell of unrelated events."""
        spans = [w for sid in (a, b) for v in ctx.of(sid, "polarity") for w in words(v["span"])]
        near_a = ctx.gate_set(a) | canonical(ctx.context(a))
        near_b = ctx.gate_set(b) | canonical(ctx.context(b))
        return bool((near_a & near_b) - canonical(content_stems(spans)))


class CertaintyRule(Rule):
    """*certainty*: a cause (motive, identity, ...) called undetermined in one statement and
    confirmed in the other."""

    value_kinds = key_kinds = ("certainty",)

    def keys(self, ctx: Context, sid: str, kind: str, unit: str) -> Iterable[Key]:
        """Any certainty: the topic is tested when comparing."""
        return ((kind,),)

    def floor(self, key: Key) -> float:
        """The certainty floor."""
        return GATES["certainty"]

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """A conflict when the first certainties differ, both statements speak of one topic
        word, and they share two gate stems."""
        a, b, gate = pair
        ca, cb = ctx.of(a, "certainty"), ctx.of(b, "certainty")
        topics = {t for t in topic_words() if t in ctx.scorer.sets[a] and t in ctx.scorer.sets[b]}
        if (
            ca
            and cb
            and topics
            and ca[0]["low"] != cb[0]["low"]
            and gate >= GATES["certainty"]
            and len(ctx.gate_set(a) & ctx.gate_set(b)) >= 2
        ):
            why = f"One says the {topic_words()[min(topics)]} is not yet established, the other that it is confirmed."
            return [pair.conflict("certainty", ca[0]["span"], cb[0]["span"], why, CONFIDENCE["certainty"])]
        return []


class PolarityRule(Rule):
    """*negation* for near-identical statements: a negation in one only ("is not playing" /
    "is playing"), when no other rule found anything. It reads no values: it is tested on
    every pair."""

    def floor(self, key: Key) -> float:
        """The polarity floor: near-identical statements only."""
        return GATES["polarity"]

    def score(self, ctx: Context, scores: Scores, key: Key) -> float | None:
        """The gate, when exactly one statement negates and they share ``_POLARITY_MIN_SHARED``
        content stems and as many gate stems."""
        a, b = scores.a, scores.b
        if (
            ctx.negates(a) != ctx.negates(b)
            and len(ctx.scorer.sets[a] & ctx.scorer.sets[b]) >= _POLARITY_MIN_SHARED
            and len(ctx.gate_set(a) & ctx.gate_set(b)) >= _POLARITY_MIN_SHARED
        ):
            return scores.gate
        return None

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """The denied word (see :func:`~compare.conflict_base.denied_word`) when nothing else was found."""
        a, b, gate = pair
        if found or gate < GATES["polarity"] or len(ctx.gate_set(a) & ctx.gate_set(b)) < _POLARITY_MIN_SHARED:
            return []
        negated = denied_word(ctx, a, b)
        if not negated:
            return []
        return [pair.conflict("negation", *negated, "One denies what the other asserts.", 0.6 if gate >= 0.9 else 0.45)]
