"""The conflict rules: one per kind of disagreement, in the registry :data:`RULES` (those on
values here, those on what is said to be so or not in :mod:`compare.conflict_polarity`).

A rule holds what the conflict stage knows of one kind: the keys it makes of a statement's
values (what another statement must hold too for it to fire), its same-subject gate floor
per key, the candidate pairs it proposes on its own, and its comparison of two statements.
:meth:`compare.conflict_context.Context.may_conflict_by`, :func:`keys_of` and :func:`floor_of`
read them from the registry, and :func:`compare.conflicts._compare` runs the comparisons in
registry order: a new kind is one new :class:`~compare.conflict_base.Rule` added to :data:`RULES`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..text.lexicon import PERIODS
from ..text.places import COUNTRY_NAMES
from .conflict_base import (
    CONFIDENCE,
    GATES,
    MAX_FRAME_POSTINGS,
    Key,
    Pair,
    Rule,
    intervals_meet,
    overlap,
    overnight,
    same_role,
    unmatched,
)
from .conflict_polarity import CertaintyRule, HarmRule, PolarityRule
from .values import BARE, LIST, POSSESSIVE

if TYPE_CHECKING:
    from .conflict_context import Context, Scores

_ENTITY_CONFIDENCE_CAP = 0.7
_SAID = "weekday:said"
"""The unit of the day of the report, not of the event: no rule compares it."""


def _bare_floor(key: Key) -> float:
    """The floor of a value without a noun ("bare") when the key's last part is one."""
    return GATES["bare"] if key[-1] == BARE else -math.inf


class NumberRule(Rule):
    """*number*: counts of the same unit whose intervals cannot overlap ("around 60" is 48-72)."""

    value_kinds = key_kinds = ("number",)
    scoped = frozenset({"number"})

    def floor(self, key: Key) -> float:
        """The number floor, and the bare one for a count without a noun."""
        return max(GATES["number"], _bare_floor(key))

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """The first pair of counts of one unit, of the same thing happening to it ("treated",
        not "arrested"), with no two of them overlapping once the identical ones are set aside."""
        a, b, gate = pair
        if gate < GATES["number"]:
            return []
        na, nb = ctx.of(a, "number"), ctx.of(b, "number")
        out = []
        for unit in sorted({v["unit"] for v in na} & {v["unit"] for v in nb}):
            if gate < self.floor(("number", unit)):
                continue
            xa, xb = unmatched([v for v in na if v["unit"] == unit], [v for v in nb if v["unit"] == unit])
            same = [(p, q) for p in xa for q in xb if same_role(p, q)]
            if same and not any(overlap((p["low"], p["high"]), (q["low"], q["high"])) for p, q in same):
                p, q = same[0]
                why = (
                    "Both give the same figure in other words, but different values."
                    if unit == BARE
                    else f"Both count the {p['span'].split()[-1]} in the same event but give different figures."
                )
                confidence = CONFIDENCE["number"] * min(1.0, 0.6 + gate)
                out.append(pair.conflict("number", p["span"], q["span"], why, confidence))
        return out


class DateRule(Rule):
    """*date*: dates of the same granularity (day, weekday, month, year) that cannot be the same;
    not the day of the report."""

    value_kinds = key_kinds = ("date",)

    def keys(self, ctx: Context, sid: str, kind: str, unit: str) -> Iterable[Key]:
        """The date's unit, unless it is the day of the report."""
        return () if unit == _SAID else ((kind, unit),)

    def floor(self, key: Key) -> float:
        """The year floor for years, the unit's own floor where it has one, else the date floor."""
        unit = key[1]
        return GATES["year"] if unit.startswith("year") else GATES.get(unit, GATES["date"])

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """The first unit (in sorted order) whose dates do not overlap, one night told as two
        dates ("Monday night" / "early on Tuesday") aside."""
        a, b, gate = pair
        da, db = ctx.of(a, "date"), ctx.of(b, "date")
        for unit in sorted({v["unit"] for v in da} & {v["unit"] for v in db}):
            if unit == _SAID or gate < self.floor(("date", unit)):
                continue
            xa = [v for v in da if v["unit"] == unit]
            xb = [v for v in db if v["unit"] == unit]
            if unit in ("day", "weekday") and overnight(ctx, a, b, xa[0], xb[0]):
                continue
            if not intervals_meet(xa, xb):
                why, confidence = "They date the same event differently.", CONFIDENCE["date"] * min(1.0, 0.6 + gate)
                return [pair.conflict("date", xa[0]["span"], xb[0]["span"], why, confidence)]
        return []


class TimeRule(Rule):
    """*time*: clock times of one zone, only for near-identical sentences ("6 p.m. EDT" and
    "6 p.m. GMT" differ without disagreeing)."""

    value_kinds = key_kinds = ("time",)
    scoped = frozenset({"time"})

    def floor(self, key: Key) -> float:
        """The time floor: near-identical sentences only."""
        return GATES["time"]

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """The first zone (in sorted order) whose times are all different."""
        a, b, gate = pair
        ta, tb = ctx.of(a, "time"), ctx.of(b, "time")
        if not (ta and tb and gate >= GATES["time"]):
            return []
        for unit in sorted({v["unit"] for v in ta} & {v["unit"] for v in tb}):
            xa = [v for v in ta if v["unit"] == unit]
            xb = [v for v in tb if v["unit"] == unit]
            if not any(p["low"] == q["low"] for p in xa for q in xb):
                why = "They time the same event differently."
                return [pair.conflict("time", xa[0]["span"], xb[0]["span"], why, CONFIDENCE["time"])]
        return []


class OrdinalRule(Rule):
    """*ordinal*: the same frame ("the N-th big fire") with ranks that cannot be the same (the
    sets of ranks each statement gives the frame do not overlap), or the same frame ("the first
    meeting") dated differently (a conflict of kind date). "One" is resolved against the
    sentence before ("the first significant one")."""

    value_kinds = ("ordinal",)
    key_kinds = ("ordinal", "ordinal-dated")
    scoped = frozenset({"ordinal"})

    def keys(self, ctx: Context, sid: str, kind: str, unit: str) -> Iterable[Key]:
        """An ordinal of the same head noun (for "one", any word of the sentence before, which
        the rule may resolve it to), and "ordinal-dated" with that head when the statement
        also gives a year or a month."""
        kinds, units = ctx.columns["kind"], ctx.columns["unit"]
        dated = any(kinds[i] == "date" and units[i] in ("year", "month") for i in ctx.value_rows.get(sid, []))
        out: list[Key] = []
        for head in ctx.context(sid) if unit == "one" else (unit,):
            out.append(("ordinal", head))
            if dated and head not in PERIODS:  # "the first quarter of 2013" and "... of 2014": two quarters
                out.append(("ordinal-dated", head))
        return out

    def floor(self, key: Key) -> float:
        """The ordinal floor (and the bare one for a rank without a noun, the near-identical
        one for a place in time: "by sixth grade" / "skipped second grade" are two moments); a
        frame dated differently has no floor of its own."""
        if key[0] == "ordinal-dated":
            return _bare_floor(key)
        return max(GATES["ordinal"], _bare_floor(key), GATES["bare"] if key[-1] in PERIODS else -math.inf)

    def candidates(self, ctx: Context) -> Iterator[tuple[str, str]]:
        """Statements of one frame (rank and head noun) are candidates even with little else in
        common, unless the frame is in more than :data:`MAX_FRAME_POSTINGS` statements ("the
        first year" in hundreds of statements: no evidence of one frame)."""
        frames_of: dict[tuple[float, str], list[str]] = defaultdict(list)
        for v in ctx.rows_of("ordinal"):
            heads = {v.unit} | (set(ctx.context(v.stmt_id)) if v.unit == "one" else set())
            for h in heads:
                frames_of[(v.low, h)].append(v.stmt_id)
        for ids in frames_of.values():
            if len(ids) > MAX_FRAME_POSTINGS:
                continue
            docs = [ctx.doc[x] for x in ids]  # read once each, not once per pair
            for i, x in enumerate(ids):
                for j in range(i + 1, len(ids)):
                    if docs[i] != docs[j]:
                        yield x, ids[j]

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """Per head noun (sorted), ranks that do not overlap; or, while nothing is found yet, the
        same rank dated differently."""
        out: list[dict] = []
        ranks = self._ranks(ctx, pair)
        for head, (xa, xb) in sorted(ranks.items()):
            common = {v["low"] for v in xa} & {v["low"] for v in xb}
            if not common and pair.gate >= self.floor(("ordinal", head)):
                # "second quarter ... first quarter" against "first quarter" is no disagreement
                p, q = xa[0], xb[0]
                why = f"One calls it the {p['span']}, the other the {q['span']}."
                out.append(pair.conflict("ordinal", p["span"], q["span"], why, CONFIDENCE["ordinal"]))
            elif common and not found and not out:
                dated = self._dated_differently(ctx, pair, xa, xb, common)
                if dated is not None:
                    out.append(dated)
        return out

    @staticmethod
    def _ranks(ctx: Context, pair: Pair) -> dict[str, tuple[list[dict], list[dict]]]:
        """Per head noun both statements rank, the ordinals each gives it (bare ones only for
        near-identical statements)."""
        a, b, gate = pair
        ranks: dict[str, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
        for p in ctx.of(a, "ordinal"):
            for q in ctx.of(b, "ordinal"):
                hp, hq = ctx.head(a, p["unit"], q["unit"]), ctx.head(b, q["unit"], p["unit"])
                if hp == hq and hp != "one" and (hp != BARE or gate >= GATES["bare"]):
                    xa, xb = ranks[hp]
                    xa.extend(v for v in (p,) if v not in xa)
                    xb.extend(v for v in (q,) if v not in xb)
        return ranks

    @staticmethod
    def _dated_differently(ctx: Context, pair: Pair, xa: list[dict], xb: list[dict], common: set[float]) -> dict | None:
        """A date conflict when the statements give a frame the same rank ("the first meeting")
        and years (of their years and months) that do not meet; else None."""
        p = next(v for v in xa if v["low"] in common)
        q = next(v for v in xb if v["low"] in common)
        ya = [v for v in ctx.of(pair.a, "date") if v["unit"] in ("year", "month")]
        yb = [v for v in ctx.of(pair.b, "date") if v["unit"] in ("year", "month")]
        years_a = {int(v["low"]) // 100 if v["unit"] == "month" else int(v["low"]) for v in ya}
        years_b = {int(v["low"]) // 100 if v["unit"] == "month" else int(v["low"]) for v in yb}
        if not (years_a and years_b and not years_a & years_b):
            return None
        span_a = max(ya, key=lambda v: len(v["span"]))["span"]
        span_b = max(yb, key=lambda v: len(v["span"]))["span"]
        why = f"Both describe the {q['span'] if q['unit'] != 'one' else p['span']} but date it differently."
        return pair.conflict("date", span_a, span_b, why, CONFIDENCE["date"] * 0.9)


class EntityRule(Rule):
    """*entity*: one country or nationality each for the same role ("arrested in Belgium" /
    "arrested in Germany", "a Japanese woman" / "a Chinese woman"), neither statement naming the
    other's anywhere; gated without the names themselves (:meth:`Context.place_gate`)."""

    value_kinds = key_kinds = ("place", "nationality")

    def keys(self, ctx: Context, sid: str, kind: str, unit: str) -> Iterable[Key]:
        """The country's or nationality's role, unless it stands in a list or a possessive."""
        return () if unit in (LIST, POSSESSIVE) else ((kind, unit),)

    def floor(self, key: Key) -> float:
        """The entity floor with a role, a higher one without ("France" alone says little)."""
        return GATES["entity"] if key[1] else GATES["entity_no_role"]

    def score(self, ctx: Context, scores: Scores, key: Key) -> float | None:
        """The place gate: the gate without the names of countries and nationalities."""
        return scores.place

    def compare(self, ctx: Context, pair: Pair, found: Sequence[dict]) -> list[dict]:
        """For the first role (places, then nationalities; roles sorted) with exactly one
        country on each side, different, and neither named by the other statement at all
        (not even in a list or a possessive), at its floor: that disagreement."""
        a, b = pair.a, pair.b
        vals_a = [v for v in ctx.values(a) if v["kind"] in ("place", "nationality")]
        vals_b = [v for v in ctx.values(b) if v["kind"] in ("place", "nationality")]
        if not vals_a or not vals_b:
            return []
        named_a, named_b = {v["low"] for v in vals_a}, {v["low"] for v in vals_b}
        gate = None
        for kind in ("place", "nationality"):
            for role, (xa, xb) in sorted(self._roles(kind, vals_a, vals_b).items()):
                ca, cb = {v["low"] for v in xa}, {v["low"] for v in xb}
                if len(ca) != 1 or len(cb) != 1 or ca == cb or ca & named_b or cb & named_a:
                    continue
                gate = ctx.place_gate(a, b) if gate is None else gate
                if gate < self.floor((kind, role)):
                    continue
                confidence = min(_ENTITY_CONFIDENCE_CAP, 0.45 + 0.5 * (gate - 0.5))
                p, q = xa[0], xb[0]
                return [pair.conflict("entity", p["span"], q["span"], self._why(kind, role, p, q), confidence)]
        return []

    @staticmethod
    def _roles(kind: str, vals_a: list[dict], vals_b: list[dict]) -> dict[str, tuple[list[dict], list[dict]]]:
        """Per role, the values of ``kind`` each statement gives it (not those in a list or a
        possessive)."""
        roles: dict[str, tuple[list[dict], list[dict]]] = defaultdict(lambda: ([], []))
        for side, vals in ((0, vals_a), (1, vals_b)):
            for v in vals:
                if v["kind"] == kind and v["unit"] not in (LIST, POSSESSIVE):
                    roles[v["unit"]][side].append(v)
        return roles

    @staticmethod
    def _why(kind: str, role: str, p: dict, q: dict) -> str:
        """The explanation: the two countries by name, or the two nationalities as written."""
        if kind == "place":
            name_a, name_b = COUNTRY_NAMES[int(p["low"])], COUNTRY_NAMES[int(q["low"])]
            return f"One names {name_a}, the other {name_b}, for the same role."
        what = f"the {role}" if role else "them"
        return f"One calls {what} {p['span']}, the other {q['span']}."


RULES: tuple[Rule, ...] = (
    NumberRule(),
    DateRule(),
    TimeRule(),
    OrdinalRule(),
    EntityRule(),
    HarmRule(),
    CertaintyRule(),
    PolarityRule(),
)
"""Every conflict rule, in the order they compare a pair (a later one may look at what earlier
ones found: the dated ordinal frame and the lone negation fire only when nothing else did)."""
RULE_OF_VALUE = {kind: rule for rule in RULES for kind in rule.value_kinds}
"""The rule whose keys a value of each kind makes."""
RULE_OF_KEY = {kind: rule for rule in RULES for kind in rule.key_kinds}
"""The rule of each key kind (a key's first element)."""
UNKEYED = tuple(rule for rule in RULES if not rule.key_kinds)
"""The rules reading no values: tested on every pair."""
SCOPED = frozenset().union(*(rule.scoped for rule in RULES))
"""Kinds whose disagreement may only mean that the statements describe different occasions."""


def keys_of(ctx: Context, sid: str) -> frozenset[Key]:
    """What another statement must hold too for a rule reading the values of ``sid`` to fire:
    the keys each value's rule makes of it (see :meth:`Rule.keys`)."""
    kinds, units = ctx.columns["kind"], ctx.columns["unit"]
    out: set[Key] = set()
    for i in ctx.value_rows.get(sid, []):
        rule = RULE_OF_VALUE.get(kinds[i])
        if rule is not None:
            out.update(rule.keys(ctx, sid, kinds[i], units[i]))
    return frozenset(out)


def floor_of(key: Key) -> float:
    """The lowest gate at which the rule reading values of ``key`` can fire (its :meth:`Rule.floor`)."""
    return RULE_OF_KEY[key[0]].floor(key)
