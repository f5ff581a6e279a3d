"""Stage 7, conflicts: pairs of statements about the same thing that cannot both be true.

Precision first. A pair is compared only when it passes a *same-subject gate*: the
IDF-weighted overlap of its content stems, with the values themselves left out, must
reach a per-kind floor (so two sentences that merely share a number or a date are
never compared). Then typed values are compared with their own rules:

- *number*: intervals of the same unit ("around 60" is 48-72) that do not overlap;
- *date*: the same granularity (day, weekday, month, year) with different values;
- *ordinal*: the same frame ("the N-th big fire") with ranks that cannot be the same
  (the sets of ranks each statement gives the frame do not overlap), or the same frame
  ("the first meeting") dated differently;
- *entity*: one country or nationality each for the same role ("arrested in Belgium" /
  "arrested in Germany", "a Japanese woman" / "a Chinese woman"), neither statement
  naming the other's;
- *negation*: harm denied in one ("nobody was hurt") and reported in the other; or, for
  near-identical statements, a negation in one only ("is not playing" / "is playing");
- *certainty*: a cause called undetermined in one and confirmed in the other;
- *time*: clock times (of the same time zone) only for near-identical sentences; numbers
  and ordinals without a noun ("came second", "killing 5 others") likewise.

Each conflict has a confidence; those below ``conflict_min_confidence`` are listed
as possible conflicts only.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import polars as pl

from . import frames
from .features import canonical, entities, times
from .matching import Scorer
from .places import COUNTRY_NAMES
from .text import content_stems, stem, words
from .values import BARE, LIST, MONTHS, NUMBER_WORDS, ORDINALS, POSSESSIVE, WEEKDAYS, ZONES


@lru_cache(maxsize=1)
def _value_words() -> frozenset[str]:
    """Stems of the words that state a value (numbers, ordinals, months, ...); made on first
    use, as stemming imports nltk, which a run on cached documents may never need."""
    return frozenset(
        stem(w) for w in [*NUMBER_WORDS, *ORDINALS, *MONTHS, *WEEKDAYS, "night", "morning", "p.m", "a.m", *ZONES]
    )


_GATE_DROPS_UNITS = frozenset({"number", "ordinal", "date", "time"})
"""Kinds whose unit words are left out of the same-subject gate (the thing counted or ranked);
the nouns of places and nationalities stay in ("the woman" is part of the subject)."""

GATES = {
    "number": 0.35, "date": 0.35, "year": 0.5, "weekday": 0.6, "time": 0.7, "ordinal": 0.3, "negation": 0.0,
    "certainty": 0.15, "bare": 0.7, "entity": 0.5, "entity_no_role": 0.7, "polarity": 0.75,
}  # fmt: skip
"""Same-subject gate per comparison. "bare": numbers and ordinals without a noun; "entity": a
country or nationality with a role (0.7 without one: "France" alone says little of what it is);
"polarity": a negation in one statement only, for near-identical statements."""
_NEGATORS = frozenset("no not never nobody none declined refused denied failed".split())
"""Words that deny what follows them ("n't" is matched as a suffix)."""
_ENTITY_CONFIDENCE_CAP = 0.7
_POLARITY_MIN_SHARED = 3
"""Content stems two statements must share before a lone negation counts: "It's a lot of money"
and "$5,000 isn't a lot of money" share two, and do not speak of the same sum."""


@lru_cache(maxsize=1)
def _topic_words() -> dict[str, str]:
    """What a certainty conflict must be about in both statements ("the cause is not yet
    known"): stem -> word, made on first use (see :func:`_value_words`)."""
    return {stem(w): w for w in ("cause", "motive", "reason", "identity", "whereabouts", "origin")}


CONFIDENCE = {"number": 0.85, "date": 0.8, "ordinal": 0.75, "negation": 0.7, "certainty": 0.65, "time": 0.5}


MAX_FRAME_POSTINGS = 50
"""Ordinal frames and harm statements shared by more statements than this do not propose
candidates on their own (they still meet through the word index), so cost stays near-linear."""
SCOPED = frozenset({"number", "ordinal", "time"})
"""Kinds whose disagreement may only mean that the statements describe different occasions."""
SCOPE_PENALTY = 0.55
"""Confidence factor when the statements name different places, people or times."""


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    return x[0] <= y[1] and y[0] <= x[1]


class _Context:
    """Everything the comparison rules read, indexed by statement id.

    Only lists over all statements are built up front (document, text, position, whether the
    text may negate, the values frame's columns); what the rules read of one statement (its
    values as dicts, their keys, the gate's stem set, the words of its places, the sentence
    before it, its places and times, whether it negates) is built on first use and kept: a
    large corpus compares a small share of its statements, so most are never read."""

    def __init__(
        self, statements: pl.DataFrame, values: pl.DataFrame, scorer: Scorer, features: pl.DataFrame | None = None
    ) -> None:
        self.scorer = scorer
        self.columns = {c: values.get_column(c).to_list() for c in values.columns}
        """The values frame, column by column; a statement's rows become dicts when it is read."""
        self.value_rows: dict[str, list[int]] = defaultdict(list)
        """Per statement with values, the positions of its rows in :attr:`columns`."""
        for i, sid in enumerate(self.columns["stmt_id"]):
            self.value_rows[sid].append(i)
        self._values: dict[str, list[dict]] = {}
        self._of: dict[tuple[str, str], list[dict]] = {}
        self._keys: dict[str, frozenset[tuple[str, ...]]] = {}
        self.ids: list[str] = statements.get_column("stmt_id").to_list()
        docs = statements.get_column("doc_id").to_list()
        self.doc = dict(zip(self.ids, docs, strict=True))
        self.text = dict(zip(self.ids, statements.get_column("text").to_list(), strict=True))
        self.statements = statements
        self.row = {sid: i for i, sid in enumerate(self.ids)}
        """Position of each statement in the statements frame: its order."""
        # the statement before each one in the same document ("the first significant one")
        last: dict[int, int] = {}
        self._previous: list[int | None] = []
        for i, doc in enumerate(docs):
            self._previous.append(last.get(doc))
            last[doc] = i
        self.may_negate: list[bool] = statements.get_column("text").str.contains(_MAY_NEGATE).to_list()
        """Per statement (in frame order), False when it surely holds no negation (see :data:`_MAY_NEGATE`)."""
        self._features = features
        self._feature_row = (
            {sid: i for i, sid in enumerate(features.get_column("stmt_id").to_list())} if features is not None else {}
        )
        self._gate_sets: dict[str, frozenset[str]] = {}
        self._place_stems: dict[str, frozenset[str]] = {}
        self._context: dict[str, frozenset[str]] = {}
        self._entities: dict[str, frozenset[str]] = {}
        self._times: dict[str, frozenset[str]] = {}
        self._negates: dict[str, bool] = {}

    def values(self, sid: str) -> list[dict]:
        """The values a statement holds, in the values frame's order, as the dicts
        ``iter_rows(named=True)`` gives."""
        got = self._values.get(sid)
        if got is None:
            columns = self.columns
            got = [{c: column[i] for c, column in columns.items()} for i in self.value_rows.get(sid, ())]
            self._values[sid] = got
        return got

    def keys(self, sid: str) -> frozenset[tuple[str, ...]]:
        """What another statement must share with ``sid`` for a rule reading values to fire
        (see :func:`_keys`)."""
        got = self._keys.get(sid)
        if got is None:
            got = self._keys[sid] = _keys(self, sid)
        return got

    def gate_set(self, sid: str) -> frozenset[str]:
        """The statement's stems the same-subject gate compares: neither value words, nor
        numbers, nor the units of its counts, ranks, dates and times."""
        got = self._gate_sets.get(sid)
        if got is None:
            units = {v["unit"] for v in self.values(sid) if v["kind"] in _GATE_DROPS_UNITS}
            value_words = _value_words()
            got = frozenset(
                s for s in self.scorer.sets[sid] if s not in value_words and s not in units and not s[:1].isdigit()
            )
            self._gate_sets[sid] = got
        return got

    def place_stems(self, sid: str) -> frozenset[str]:
        """The words of the statement's country and nationality names, left out of the gate of
        an entity comparison (empty when it names none)."""
        got = self._place_stems.get(sid)
        if got is None:
            spans = [v["span"] for v in self.values(sid) if v["kind"] in ("place", "nationality")]
            got = canonical(content_stems([w for span in spans for w in words(span)])) if spans else frozenset()
            self._place_stems[sid] = got
        return got

    def context(self, sid: str) -> frozenset[str]:
        """The stems of the statement before ``sid`` in its document (empty for the first one):
        what "the first significant one" refers to."""
        got = self._context.get(sid)
        if got is None:
            before = self._previous[self.row[sid]]
            stems = self.statements.get_column("stems")[before].to_list() if before is not None else []
            got = self._context[sid] = frozenset(stems)
        return got

    def entities(self, sid: str) -> frozenset[str]:
        """The places the statement situates itself in (from the features frame when given)."""
        return self._feature(sid, self._entities, "entities", entities)

    def times(self, sid: str) -> frozenset[str]:
        """The time words of the statement (from the features frame when given)."""
        return self._feature(sid, self._times, "times", times)

    def _feature(
        self, sid: str, memo: dict[str, frozenset[str]], column: str, extract: Callable[[str], frozenset[str]]
    ) -> frozenset[str]:
        """``column`` of the features frame for ``sid`` when the frame was given, else
        ``extract`` of its text; read once per statement (``memo``)."""
        got = memo.get(sid)
        if got is None:
            if self._features is not None:
                got = frozenset(self._features.get_column(column)[self._feature_row[sid]].to_list())
            else:
                got = extract(self.text[sid])
            memo[sid] = got
        return got

    def negates(self, sid: str) -> bool:
        """Whether the statement holds a negation at all (see :func:`_negations`); only the
        statements :data:`_MAY_NEGATE` finds are tokenised."""
        got = self._negates.get(sid)
        if got is None:
            got = self._negates[sid] = self.may_negate[self.row[sid]] and any(
                _negates(m.group()) for m in _NEG_TOKEN.finditer(self.text[sid])
            )
        return got

    def may_conflict(self, a: str, b: str) -> bool:
        """False only when no rule of :func:`_compare` can fire for the pair, so it need not be
        compared. A rule reading values needs a key both statements hold (see :func:`_keys`)
        and, for some shared key, its gate floor (the place gate for countries and
        nationalities; denied harm on one side and reported harm on the other for harm). The
        lone negation needs a negation in exactly one statement, ``_POLARITY_MIN_SHARED``
        shared gate stems and the gate at ``GATES["polarity"]``. Cheap tests come first."""
        return self.may_conflict_by(a, b)[0]

    def may_conflict_by(self, a: str, b: str) -> tuple[bool, float]:
        """:meth:`may_conflict`, and by how much it missed when False: the largest of (gate
        score - its floor) over the gate tests it made (each below zero), or -inf when it made
        none (its other tests do not read the IDF). A later run whose IDF moved gate scores
        by less than that margin gets False again (see :func:`compare.blocking.score_shift`)."""
        ka, kb = self.keys(a), self.keys(b)
        gate: float | None = None
        missed = -math.inf
        if ka and kb and not ka.isdisjoint(kb):
            place: float | None = None
            for key in ka & kb:
                kind = key[0]
                if kind in ("place", "nationality"):
                    place = self.place_gate(a, b) if place is None else place
                    floor = GATES["entity"] if key[1] else GATES["entity_no_role"]
                    if place >= floor:
                        return True, math.inf
                    missed = max(missed, place - floor)
                    continue
                if kind == "polarity" and not self._harm_denied_and_reported(a, b, key[1]):
                    continue
                gate = self.gate(a, b) if gate is None else gate
                if gate >= _floor(key):
                    return True, math.inf
                missed = max(missed, gate - _floor(key))
        if (
            self.negates(a) != self.negates(b)
            and len(self.scorer.sets[a] & self.scorer.sets[b]) >= _POLARITY_MIN_SHARED
            and len(self.gate_set(a) & self.gate_set(b)) >= _POLARITY_MIN_SHARED
        ):
            gate = self.gate(a, b) if gate is None else gate
            if gate >= GATES["polarity"]:
                return True, math.inf
            missed = max(missed, gate - GATES["polarity"])
        return False, missed

    def _harm_denied_and_reported(self, a: str, b: str, cls: str) -> bool:
        """Whether one statement denies harm of class ``cls`` and the other reports it (the
        harm rule of :func:`_compare` reads deaths and injuries only)."""
        if cls not in ("deaths", "injuries"):
            return False
        pa = {v["low"] for v in self.of(a, "polarity") if v["unit"] == cls}
        pb = {v["low"] for v in self.of(b, "polarity") if v["unit"] == cls}
        return (0 in pa and 1 in pb) or (1 in pa and 0 in pb)

    def scope_differs(self, a: str, b: str) -> bool:
        """True when the two statements may speak of different occasions: they name
        different places or people, or different times ("on Monday" / "over three nights")."""
        ea, eb = self.entities(a), self.entities(b)
        if ea and eb and not ea & eb:
            return True
        return self.times(a) != self.times(b)

    def gate(self, a: str, b: str) -> float:
        return self.scorer.sets_score(self.gate_set(a), self.gate_set(b))

    def place_gate(self, a: str, b: str) -> float:
        """The gate without the names of countries and nationalities: "arrested in Belgium" and
        "arrested in Germany" share their subject, not their place."""
        return self.scorer.sets_score(self.gate_set(a) - self.place_stems(a), self.gate_set(b) - self.place_stems(b))

    def of(self, sid: str, kind: str) -> list[dict]:
        """The values of one kind a statement holds, in the order they were found."""
        got = self._of.get((sid, kind))
        if got is None:
            got = self._of[(sid, kind)] = [v for v in self.values(sid) if v["kind"] == kind]
        return got

    def head(self, sid: str, unit: str, other: str) -> str:
        """The ordinal's head noun, with "one" resolved against the previous sentence."""
        if unit == "one" and other in self.context(sid):
            return other
        return unit


_PER_UNIT = frozenset({"number", "date", "time", "polarity", "place", "nationality"})
"""Kinds of value the rules compare unit by unit (role by role for countries and nationalities)."""
_NOT_COMPARED = frozenset(
    {("date", "weekday:said"), *((kind, unit) for kind in ("place", "nationality") for unit in (LIST, POSSESSIVE))}
)
"""Values no rule compares: the day of the report, countries and nationalities in a list or a possessive."""


def _keys(ctx: _Context, sid: str) -> frozenset[tuple[str, ...]]:
    """What another statement must hold too for a rule of :func:`_compare` reading the values
    of ``sid`` to fire: a count, date or time of the same unit (not the day of the report); a
    country or nationality of the same role (not in a list or a possessive); a harm statement
    of the same class; any certainty; an ordinal of the same head noun (for "one", any word of
    the sentence before, which the rule may resolve it to), and "ordinal-dated" with that head
    when the statement also gives a year or a month (an ordinal frame dated differently)."""
    rows = ctx.value_rows.get(sid, [])
    kinds, units = ctx.columns["kind"], ctx.columns["unit"]
    dated = any(kinds[i] == "date" and units[i] in ("year", "month") for i in rows)
    out: set[tuple[str, ...]] = set()
    for i in rows:
        kind, unit = kinds[i], units[i]
        if kind in _PER_UNIT:
            if (kind, unit) not in _NOT_COMPARED:
                out.add((kind, unit))
        elif kind == "certainty":
            out.add((kind,))
        elif kind == "ordinal":
            for head in ctx.context(sid) if unit == "one" else (unit,):
                out.add(("ordinal", head))
                if dated:
                    out.add(("ordinal-dated", head))
    return frozenset(out)


def _floor(key: tuple[str, ...]) -> float:
    """The lowest gate at which a rule reading values of ``key`` (see :func:`_keys`) can fire:
    the rule's own floor, and that of values without a noun ("bare") when the unit is one."""
    kind, unit = key[0], key[-1]
    bare = GATES["bare"] if unit == BARE else -math.inf
    if kind == "number":
        return max(GATES["number"], bare)
    if kind == "date":
        return GATES["year"] if unit.startswith("year") else GATES.get(unit, GATES["date"])
    if kind == "time":
        return GATES["time"]
    if kind == "ordinal":
        return max(GATES["ordinal"], bare)
    if kind == "ordinal-dated":
        return bare  # an ordinal frame dated differently: no floor of its own
    if kind == "certainty":
        return GATES["certainty"]
    return GATES["negation"]  # harm denied and reported


_LATE = re.compile(r"\b(night|overnight|late)\b", re.I)
_EARLY = re.compile(r"\b(early|morning|overnight|dawn|before dawn)\b", re.I)


def _overnight(ctx: _Context, a: str, b: str, va: dict, vb: dict) -> bool:
    """True for "Monday night" against "early on Tuesday": one night, two dates."""
    if abs(va["low"] - vb["low"]) != 1 and not (va["unit"] == "weekday" and abs(va["low"] - vb["low"]) == 6):
        return False
    later_is_b = (vb["low"] - va["low"]) % 7 == 1 if va["unit"] == "weekday" else vb["low"] > va["low"]
    first, second = (a, b) if later_is_b else (b, a)
    return bool(_LATE.search(ctx.text[first])) and bool(_EARLY.search(ctx.text[second]))


_MEASURES = frozenset(
    {"km", "mile", "m", "ft", "kg", "lb", "sq km", "sq mile", "sq m", "sq ft", "hour", "minut", "day"}
)
"""Units of measure: a distance, area or duration says nothing of what it measures (a depth, a
range, a search area), so two of them are compared only when the words around them agree."""


def _same_role(p: dict, q: dict) -> bool:
    """Two counts of one unit describe the same thing when the words around them overlap
    (after synonyms), or, for counts of things, when either has no such words to go by."""
    cp, cq = canonical(p["context"] or ()), canonical(q["context"] or ())
    if p["unit"] in _MEASURES:
        return bool(cp & cq)
    return not cp or not cq or bool(cp & cq)


def _unmatched(xa: list[dict], xb: list[dict]) -> tuple[list[dict], list[dict]]:
    """The counts of one unit left once those both statements give identically are set aside:
    "5 people killed and 10 people hurt" against "5 people killed and 12 people hurt" compares
    10 with 12, not 5 with 12."""
    same = {(v["low"], v["high"]) for v in xa} & {(v["low"], v["high"]) for v in xb}
    return [v for v in xa if (v["low"], v["high"]) not in same], [v for v in xb if (v["low"], v["high"]) not in same]


def _entity(ctx: _Context, a: str, b: str) -> tuple[str, str, str, str, float] | None:
    """A place or nationality disagreement: for one role ("in", "from", the verb before the
    country; the noun a nationality describes), exactly one country on each side, different,
    and neither statement names the other's anywhere (not even in a list or a possessive).
    Returns the arguments of a conflict row, or None."""
    vals_a = [v for v in ctx.values(a) if v["kind"] in ("place", "nationality")]
    vals_b = [v for v in ctx.values(b) if v["kind"] in ("place", "nationality")]
    if not vals_a or not vals_b:
        return None
    named_a, named_b = {v["low"] for v in vals_a}, {v["low"] for v in vals_b}
    gate = None
    for kind in ("place", "nationality"):
        roles: dict[str, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
        for side, vals in ((0, vals_a), (1, vals_b)):
            for v in vals:
                if v["kind"] == kind and v["unit"] not in (LIST, POSSESSIVE):
                    roles[v["unit"]][side].append(v)
        for role in sorted(roles):
            xa, xb = roles[role]
            ca, cb = {v["low"] for v in xa}, {v["low"] for v in xb}
            if len(ca) != 1 or len(cb) != 1 or ca == cb or ca & named_b or cb & named_a:
                continue
            gate = ctx.place_gate(a, b) if gate is None else gate
            if gate < (GATES["entity"] if role else GATES["entity_no_role"]):
                continue
            confidence = min(_ENTITY_CONFIDENCE_CAP, 0.45 + 0.5 * (gate - 0.5))
            p, q = xa[0], xb[0]
            name_a, name_b = COUNTRY_NAMES[int(p["low"])], COUNTRY_NAMES[int(q["low"])]
            if kind == "place":
                why = f"One names {name_a}, the other {name_b}, for the same role."
            else:
                what = f"the {role}" if role else "them"
                why = f"One calls {what} {p['span']}, the other {q['span']}."
            return "entity", p["span"], q["span"], why, confidence
    return None


_NEG_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_MAY_NEGATE = r"(?:^|[^A-Za-z])(?i:" + "|".join(sorted(_NEGATORS)) + r")(?:[^A-Za-z]|$)|(?i:n't)"
"""Found (by polars, over all statements at once) in every text where :func:`_negations` finds
a negation, and in few others: a token of ``_NEG_TOKEN`` is bounded by non-letters, and one
ending in "n't" holds it. The statements it finds are then tokenised to know for sure."""


def _negates(word: str) -> bool:
    """Whether a word match of ``_NEG_TOKEN`` negates ("n't" is matched as a suffix)."""
    word = word.lower()
    return word in _NEGATORS or word.endswith("n't")


def _negations(text: str) -> tuple[list[re.Match], list[int]]:
    """Word matches of ``text`` and the indices of those that negate."""
    toks = list(_NEG_TOKEN.finditer(text))
    return toks, [i for i, m in enumerate(toks) if _negates(m.group())]


def _negated(ctx: _Context, a: str, b: str) -> tuple[str, str] | None:
    """A negation in exactly one of the statements that denies a word the other one says
    ("The man is not playing" / "The man is playing"): the negated phrase and the other
    statement's word, in the order (a, b), or None. Only the three words after the negation count,
    within its clause, and only lower-case ones."""
    (toks_a, neg_a), (toks_b, neg_b) = _negations(ctx.text[a]), _negations(ctx.text[b])
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


def _compare(ctx: _Context, a: str, b: str) -> list[dict]:
    """All typed disagreements between statements ``a`` and ``b``."""
    found: list[dict] = []
    gate = ctx.gate(a, b)

    def add(kind: str, va: str, vb: str, why: str, confidence: float) -> None:
        found.append(
            {
                "a": a,
                "b": b,
                "kind": kind,
                "a_value": va,
                "b_value": vb,
                "confidence": round(confidence, 2),
                "explanation": why,
            }
        )

    # numbers: same unit, intervals that cannot overlap
    if gate >= GATES["number"]:
        na, nb = ctx.of(a, "number"), ctx.of(b, "number")
        for unit in sorted({v["unit"] for v in na} & {v["unit"] for v in nb}):
            if unit == BARE and gate < GATES["bare"]:
                continue
            xa, xb = _unmatched([v for v in na if v["unit"] == unit], [v for v in nb if v["unit"] == unit])
            # the same thing counted, and the same thing happening to it ("treated", not "arrested")
            same = [(p, q) for p in xa for q in xb if _same_role(p, q)]
            if same and not any(_overlap((p["low"], p["high"]), (q["low"], q["high"])) for p, q in same):
                p, q = same[0]
                add(
                    "number",
                    p["span"],
                    q["span"],
                    "Both give the same figure in other words, but different values."
                    if unit == BARE
                    else f"Both count the {p['span'].split()[-1]} in the same event but give different figures.",
                    CONFIDENCE["number"] * min(1.0, 0.6 + gate),
                )
    # dates of the same granularity
    da, db = ctx.of(a, "date"), ctx.of(b, "date")
    for unit in sorted({v["unit"] for v in da} & {v["unit"] for v in db}):
        if unit == "weekday:said":  # the day of the report, not of the event
            continue
        floor = GATES["year"] if unit.startswith("year") else GATES.get(unit, GATES["date"])
        if gate < floor:
            continue
        xa = [v for v in da if v["unit"] == unit]
        xb = [v for v in db if v["unit"] == unit]
        if unit in ("day", "weekday") and _overnight(ctx, a, b, xa[0], xb[0]):
            continue
        if not any(_overlap((p["low"], p["high"]), (q["low"], q["high"])) for p in xa for q in xb):
            add(
                "date",
                xa[0]["span"],
                xb[0]["span"],
                "They date the same event differently.",
                CONFIDENCE["date"] * min(1.0, 0.6 + gate),
            )
            break
    # clock times only for near-identical sentences
    ta, tb = ctx.of(a, "time"), ctx.of(b, "time")
    if ta and tb and gate >= GATES["time"]:
        # only times of one zone ("6 p.m. EDT" / "6 p.m. GMT" differ without disagreeing)
        for unit in sorted({v["unit"] for v in ta} & {v["unit"] for v in tb}):
            xa = [v for v in ta if v["unit"] == unit]
            xb = [v for v in tb if v["unit"] == unit]
            if not any(p["low"] == q["low"] for p in xa for q in xb):
                add("time", xa[0]["span"], xb[0]["span"], "They time the same event differently.", CONFIDENCE["time"])
                break
    # ordinal frames: per head noun, the ranks each statement gives it
    ranks: dict[str, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
    for p in ctx.of(a, "ordinal"):
        for q in ctx.of(b, "ordinal"):
            hp, hq = ctx.head(a, p["unit"], q["unit"]), ctx.head(b, q["unit"], p["unit"])
            if hp == hq and hp != "one" and (hp != BARE or gate >= GATES["bare"]):
                xa, xb = ranks[hp]
                xa.extend(v for v in (p,) if v not in xa)
                xb.extend(v for v in (q,) if v not in xb)
    for head in sorted(ranks):
        xa, xb = ranks[head]
        common = {v["low"] for v in xa} & {v["low"] for v in xb}
        if not common and gate >= GATES["ordinal"]:
            # "second quarter ... first quarter" against "first quarter" is no disagreement
            p, q = xa[0], xb[0]
            add("ordinal", p["span"], q["span"], f"One calls it the {p['span']}, the other the {q['span']}.",
                CONFIDENCE["ordinal"])  # fmt: skip
        elif common and not found:
            p = next(v for v in xa if v["low"] in common)
            q = next(v for v in xb if v["low"] in common)
            ya = [v for v in da if v["unit"] in ("year", "month")]
            yb = [v for v in db if v["unit"] in ("year", "month")]
            years_a = {int(v["low"]) // 100 if v["unit"] == "month" else int(v["low"]) for v in ya}
            years_b = {int(v["low"]) // 100 if v["unit"] == "month" else int(v["low"]) for v in yb}
            if years_a and years_b and not years_a & years_b:
                span_a = max(ya, key=lambda v: len(v["span"]))["span"]
                span_b = max(yb, key=lambda v: len(v["span"]))["span"]
                add(
                    "date",
                    span_a,
                    span_b,
                    f"Both describe the {q['span'] if q['unit'] != 'one' else p['span']} but date it differently.",
                    CONFIDENCE["date"] * 0.9,
                )
    # countries and nationalities of the same role
    entity = _entity(ctx, a, b)
    if entity:
        add(*entity)
    # negation of harm: "nobody was hurt" against "two firefighters ... burns"
    pa = {(v["unit"], v["low"]): v for v in ctx.of(a, "polarity")}
    pb = {(v["unit"], v["low"]): v for v in ctx.of(b, "polarity")}
    for cls in ("deaths", "injuries"):
        for neg, pos, _flip in (((cls, 0), (cls, 1), False), ((cls, 1), (cls, 0), True)):
            if neg in pa and pos in pb and gate >= GATES["negation"]:
                va, vb = pa[neg]["span"], pb[pos]["span"]
                add(
                    "negation",
                    va,
                    vb,
                    f"One says there were no {cls}, the other reports {cls}.",
                    CONFIDENCE["negation"],
                )
                break
    # certainty of a cause
    ca, cb = ctx.of(a, "certainty"), ctx.of(b, "certainty")
    topics = {t for t in _topic_words() if t in ctx.scorer.sets[a] and t in ctx.scorer.sets[b]}
    if (
        ca
        and cb
        and topics
        and ca[0]["low"] != cb[0]["low"]
        and gate >= GATES["certainty"]
        and len(ctx.gate_set(a) & ctx.gate_set(b)) >= 2
    ):
        add(
            "certainty",
            ca[0]["span"],
            cb[0]["span"],
            f"One says the {_topic_words()[min(topics)]} is not yet established, the other that it is confirmed.",
            CONFIDENCE["certainty"],
        )
    if not found and gate >= GATES["polarity"] and len(ctx.gate_set(a) & ctx.gate_set(b)) >= _POLARITY_MIN_SHARED:
        negated = _negated(ctx, a, b)
        if negated:
            add("negation", *negated, "One denies what the other asserts.", 0.6 if gate >= 0.9 else 0.45)
    return found


def _key_bits(ctx: _Context, positions: list[int]) -> np.ndarray:
    """Per statement (in frame order), a 64-bit mask with one bit per key it holds (keys share
    bits), for the statements at ``positions`` (0 for the others): two statements without a
    common bit share no key."""
    bit: dict[tuple[str, ...], int] = {}
    masks = np.zeros(len(ctx.ids), dtype=np.uint64)
    for i in positions:
        mask = 0
        for key in ctx.keys(ctx.ids[i]):
            mask |= 1 << bit.setdefault(key, len(bit) % 64)
        masks[i] = mask
    return masks


def _worth_comparing(ctx: _Context, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For the pairs of statements at positions ``first[k]``, ``second[k]``, all at once, what
    :meth:`_Context.may_conflict` tests first: the statements are of different documents, and
    they share a key bit (see :func:`_key_bits`) or exactly one of them negates. False proves
    the pair conflicts in no way; True only that :meth:`_Context.may_conflict` is worth asking."""
    doc = ctx.statements.get_column("doc_id").to_numpy()
    paired = np.unique(np.concatenate([first, second])).tolist()
    bits = _key_bits(ctx, [i for i in paired if ctx.ids[i] in ctx.value_rows])
    negates = np.zeros(len(ctx.ids), dtype=bool)
    for i in paired:
        if ctx.may_negate[i]:  # the others surely do not negate: no need to tokenise them
            negates[i] = ctx.negates(ctx.ids[i])
    return (doc[first] != doc[second]) & (((bits[first] & bits[second]) != 0) | (negates[first] != negates[second]))


def conflicts(
    statements: pl.DataFrame,
    values: pl.DataFrame,
    scorer: Scorer,
    pairs: list[tuple[str, str]],
    features: pl.DataFrame | None = None,
    known_apart: set[int] | None = None,
    missed: dict[int, float] | None = None,
) -> pl.DataFrame:
    """Candidate pairs in; conflicts frame out (see :data:`compare.frames.CONFLICTS`),
    one row per statement pair, its most confident disagreement. ``features`` (see
    :data:`compare.frames.FEATURES`) saves reading the sentences again.

    Pairs are coded ``i * n + j`` by their statements' positions. ``known_apart`` holds pairs
    known not to pass :meth:`_Context.may_conflict` (skipped); ``missed``, when given, receives
    for every pair tested by how much it missed (:meth:`_Context.may_conflict_by`; inf when
    it passed)."""
    ctx = _Context(statements, values, scorer, features)
    row, n = ctx.row, max(1, len(ctx.ids))
    # a pair (a, b) is coded row[a] * n + row[b]: sorted codes are pairs in statement order
    codes = [row[a] * n + row[b] for a, b in pairs]
    # ordinal frames ("the first meeting") are candidates even with little else in common
    value_tuples = list(zip(*(ctx.columns[c] for c in ("stmt_id", "kind", "unit", "low")), strict=True))
    frames_of: dict[tuple[float, str], list[str]] = defaultdict(list)
    for sid, _, unit, low in (v for v in value_tuples if v[1] == "ordinal"):
        heads = {unit} | (set(ctx.context(sid)) if unit == "one" else set())
        for h in heads:
            frames_of[(low, h)].append(sid)
    for ids in frames_of.values():
        if len(ids) > MAX_FRAME_POSTINGS:
            continue  # "the first year" in hundreds of statements: no evidence of one frame
        for i, x in enumerate(ids):
            for y in ids[i + 1 :]:
                if ctx.doc[x] != ctx.doc[y]:
                    codes.append(min(row[x], row[y]) * n + max(row[x], row[y]))
    # denied and reported harm ("nobody was hurt" / "two were taken to hospital")
    harm: dict[tuple[str, float], list[str]] = defaultdict(list)
    for sid, _, unit, low in (v for v in value_tuples if v[1] == "polarity"):
        harm[(unit, low)].append(sid)
    for (unit, low), denied in harm.items():
        if low != 0:
            continue
        reported = harm.get((unit, 1.0), [])
        if len(denied) * len(reported) > MAX_FRAME_POSTINGS**2:
            continue  # a corpus full of casualty reports: compare them through the word index only
        for x in denied:
            for y in reported:
                if ctx.doc[x] != ctx.doc[y]:
                    codes.append(min(row[x], row[y]) * n + max(row[x], row[y]))
    unique = np.unique(np.array(codes, dtype=np.int64))
    if known_apart:  # before the first pass: their statements' keys need not be made
        unique = unique[~np.isin(unique, np.fromiter(known_apart, dtype=np.int64, count=len(known_apart)))]
    first, second = unique // n, unique % n
    keep = _worth_comparing(ctx, first, second)
    rows = []
    for i, j in zip(first[keep].tolist(), second[keep].tolist(), strict=True):
        code = i * n + j
        a, b = ctx.ids[i], ctx.ids[j]
        passed, by = ctx.may_conflict_by(a, b)
        if missed is not None:
            missed[code] = by
        if not passed:
            continue
        found = _compare(ctx, a, b)
        if found:
            best = max(found, key=lambda c: c["confidence"])
            if best["kind"] in SCOPED and ctx.scope_differs(a, b):
                best["confidence"] = round(best["confidence"] * SCOPE_PENALTY, 2)
                best["explanation"] += " They may describe different occasions (other places, people or times)."
            rows.append(best)
    if not rows:
        return frames.empty(frames.CONFLICTS)
    return pl.DataFrame(rows, schema=frames.CONFLICTS)
