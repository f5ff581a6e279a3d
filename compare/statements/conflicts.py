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

The stage is split in four modules: this one runs it (:func:`conflicts`);
:mod:`compare.conflict_context` holds what the rules read of the statements and the gate tests;
:mod:`compare.conflict_rules` holds one rule per kind, in the registry
:data:`compare.conflict_rules.RULES`; :mod:`compare.conflict_base` what a rule is, and the
tests of words and values they share.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np
import polars as pl

from .. import frames
from .._runtime import retain
from ..ids import code_array, pair_code, pair_of, statement_key
from ..text.fact_words import ORDINAL_PERIOD, PEOPLE, PERIODS, modality, noun_of
from ..text.lexicon import MONTHS, WEEKDAYS
from ..text.quantities import quantities
from ..text.words import content_stems, stem, words
from .conflict_base import CONFIDENCE, GATES, MAX_FRAME_POSTINGS
from .conflict_context import Context, _Context
from .conflict_rules import RULES, SCOPED, Pair, floor_of, keys_of
from .fact_table import POSSIBLE, UNREAL
from .features import through_clause
from .markers import INCLUDED, claimants_differ, polarity
from .scoring import Scorer

__all__ = [
    "CONFIDENCE",
    "GATES",
    "MAX_FRAME_POSTINGS",
    "RULES",
    "SCOPED",
    "SCOPE_PENALTY",
    "Context",
    "_Context",
    "_compare",
    "_floor",
    "_keys",
    "_worth_comparing",
    "conflicts",
]

NEAR_IDENTICAL = 0.7
"""Same-subject gate above which two statements say the same but for their values ("A man holds
two dogs" / "three dogs"): the gate of the rules that read values without a noun."""
SCOPE_PENALTY = 0.55
"""Confidence factor when the statements name different places, people or times."""
_keys = keys_of
_floor = floor_of


Pairs = list[tuple[str, str]] | tuple[np.ndarray, np.ndarray]
"""Candidate pairs: by statement ids, or as two arrays of the statements' positions in the
statements frame (a rerun's candidate count has them: no id is looked up)."""


def _compare(ctx: Context, a: str, b: str, gate: float | None = None) -> list[dict]:
    """All typed disagreements between statements ``a`` and ``b`` (their same-subject ``gate``
    when known): those of each rule of :data:`~compare.conflict_rules.RULES` in turn (a rule may
    look at what earlier ones found)."""
    pair = Pair(a, b, ctx.gate(a, b) if gate is None else gate)
    found: list[dict] = []
    for rule in RULES:
        found.extend(rule.compare(ctx, pair, found))
    return found


def _key_bits(ctx: Context, positions: list[int]) -> np.ndarray:
    """Per statement (in frame order), a 64-bit mask with one bit per key it holds (keys share
    bits), for the statements at ``positions`` (0 for the others): two statements without a
    common bit share no key. A key's bit comes from its text (CRC-32), never from the order a set
    of keys iterates in (the hash seed's): which pairs share a bit by chance, and so are tested in
    vain, is the same in every process."""
    bit: dict[tuple[str, ...], int] = {}
    masks = np.zeros(len(ctx.ids), dtype=np.uint64)
    for i in positions:
        mask = 0
        for key in ctx.keys(ctx.ids[i]):
            got = bit.get(key)
            if got is None:
                got = bit[key] = zlib.crc32(repr(key).encode()) % 64
            mask |= 1 << got
        masks[i] = mask
    return masks


def _worth_comparing(ctx: Context, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For the pairs of statements at positions ``first[k]``, ``second[k]``, all at once, what
    :meth:`Context.may_conflict` tests first: the statements are of different documents, and
    they share a key bit (see :func:`_key_bits`) or exactly one of them negates. False proves
    the pair conflicts in no way; True only that :meth:`Context.may_conflict` is worth asking."""
    doc = ctx.statements.get_column("doc_id").to_numpy()
    paired = np.unique(np.concatenate([first, second])).tolist()
    ctx.prefetch(paired)
    bits = _key_bits(ctx, [i for i in paired if ctx.ids[i] in ctx.value_rows])
    negates = np.zeros(len(ctx.ids), dtype=bool)
    for i in paired:
        if ctx.may_negate[i]:  # the others surely do not negate: no need to tokenise them
            negates[i] = ctx.negates(ctx.ids[i])
    return (doc[first] != doc[second]) & (((bits[first] & bits[second]) != 0) | (negates[first] != negates[second]))


def _candidate_codes(ctx: Context, pairs: Pairs, n: int) -> np.ndarray:
    """The candidate pairs, coded ``i * n + j`` by their statements' positions and sorted (so in
    statement order), unique: those given (see :data:`Pairs`), and those the rules propose on
    their own (ordinal frames, denied and reported harm), the earlier statement first."""
    row = ctx.row
    if isinstance(pairs, tuple):
        first, second = pairs
    else:
        first = np.fromiter((row[a] for a, _ in pairs), dtype=np.int64, count=len(pairs))
        second = np.fromiter((row[b] for _, b in pairs), dtype=np.int64, count=len(pairs))
    codes = [pair_code(first, second, n)]
    for rule in RULES:
        proposed = [(row[x], row[y]) for x, y in rule.candidates(ctx)]
        if proposed:
            ends = np.array(proposed, dtype=np.int64)
            codes.append(np.sort(pair_code(ends.min(axis=1), ends.max(axis=1), n)))
    return code_array(np.concatenate(codes))  # sorted runs (the candidates' usually one): merged


def _best(ctx: Context, a: str, b: str, gate: float | None = None) -> dict | None:
    """The most confident disagreement of the pair (the first of equals), its confidence
    lowered when its kind may only mean different occasions and the statements' places,
    people or times differ; None when there is none."""
    found = _compare(ctx, a, b, gate)
    if not found:
        return None
    best = max(found, key=lambda c: c["confidence"])
    if best["kind"] in SCOPED and ctx.scope_differs(a, b, (best["a_value"], best["b_value"])):
        best["confidence"] = round(best["confidence"] * SCOPE_PENALTY, 2)
        best["explanation"] += " They may describe different occasions (other places, people or times)."
    return best


def with_facts(
    rule_found: pl.DataFrame,
    fact_found: list[dict],
    texts: Mapping[str, str],
    dates: dict[int, str] | None = None,
    keyed: frozenset[str] = frozenset(),
    sharing: frozenset[frozenset[str]] = frozenset(),
    unreal: frozenset[frozenset[str]] = frozenset(),
) -> pl.DataFrame:
    """The conflicts of the rules and of the fact layer together, one per statement pair. Only the
    same fact can conflict: a number or time the rules found without the fact layer agreeing is a
    possible conflict only (unless the statements are near-identical but for their values, their
    gate at least :data:`NEAR_IDENTICAL`: the whole sentence is then the key); so is harm denied
    and reported by sources of different dates (the later may be news the earlier did not have). A
    negation or certainty conflict where either statement is a wish, a question, a condition, a
    forecast or a doubted claim is none (:func:`_said_modes`); a date conflict of two events is a
    possible one (:func:`_one_event`). ``texts`` gives each statement's text. For a pair both
    found, the fact layer's row stays, unless it doubted only the attribute or the distance of the
    values and the rule's (near-identical statements) is surer. A number or time the rules found
    between two statements the fact layer reads (both in ``keyed``) but finds no fact of in common
    (their pair not in ``sharing``: other attributes, holders, periods or places) is no conflict at
    all: "174 weapons seized in five nights" / "75 weapons seized"; nor is one between a forecast,
    a wish or a question and a figure of that fact (their pair in ``unreal``), however alike the
    sentences: "expect the river to peak at 7.5 metres" / "the river peaked at 6.8 metres". Any
    conflict between a side's own claim and another claimant's or a source's own figure ("police
    said" / "organisers said": :func:`~compare.statements.markers.claimants_differ`) is a possible one."""
    dates = dates or {}
    facts = {(c["a"], c["b"]): c for c in fact_found}
    rows = []
    for row in rule_found.iter_rows(named=True):
        if _said_modes(row, texts) & UNREAL:
            continue  # "a post claimed that 12 people had died" / "no deaths have been reported": a rumour
        capped = _capped(row, texts, dates)
        series = capped and row["kind"] in ("date", "ordinal")  # capped as the periods of a series
        capped = capped or (row["kind"] == "date" and not _one_event(row, texts))
        if row["kind"] in ("number", "time"):
            pair = frozenset((row["a"], row["b"]))
            if pair in unreal or (capped and row["a"] in keyed and row["b"] in keyed and pair not in sharing):
                continue
        if capped and row["confidence"] >= POSSIBLE:
            row["confidence"] = POSSIBLE
            periods = "years" if row["kind"] == "date" else "periods"
            row["explanation"] = _SERIES.format(periods) if series else f"{row['explanation']} {_MAY_DIFFER}"
        fact_row = facts.get((row["a"], row["b"]))
        if fact_row is not None:
            # the fact layer knows better, unless it doubted only what near-identical statements
            # settle (what the values are of, how far apart they may be) and the rule is surer
            if fact_row["doubt"] not in ("attribute", "far") or fact_row["confidence"] >= row["confidence"]:
                continue
            del facts[(row["a"], row["b"])]
            row["fact"] = fact_row["fact"]
        rows.append(row)
    rows.extend({k: v for k, v in facts[key].items() if k != "doubt"} for key in sorted(facts))
    for row in rows:
        if claimants_differ(texts.get(row["a"], ""), texts.get(row["b"], "")):  # two claimants' counts reported
            row["confidence"] = min(row["confidence"], POSSIBLE)
            row["explanation"] = f"{row['explanation'].removesuffix(' ' + _MAY_DIFFER)} {_CLAIMANTS}"
    rows.sort(key=lambda r: (statement_key(r["a"]), statement_key(r["b"])))
    return pl.DataFrame(rows, schema=frames.CONFLICTS) if rows else frames.empty(frames.CONFLICTS)


_SERIES = (
    "They give different {}, each with figures of its own: they may be the periods of a series, "
    "not one event dated twice. Check before relying on it."
)
"""The explanation of a date or ordinal conflict capped as a possible series (:func:`periods_of_figures`)."""
_MAY_DIFFER = "The values may be of different things or occasions: check before relying on it."
"""What the explanation of any other capped conflict adds."""
_CLAIMANTS = "One figure is a side's own claim, the other someone else's: check who said what before relying on it."
"""What the explanation of a conflict between two claimants' figures ends with (instead of :data:`_MAY_DIFFER`)."""


def _capped(row: Mapping[str, Any], texts: Mapping[str, str], dates: dict[int, str]) -> bool:
    """Whether a rule's conflict is a possible one only (see :func:`with_facts`)."""
    da, db = dates.get(statement_key(row["a"])[0]), dates.get(statement_key(row["b"])[0])
    return (
        (row["kind"] in ("number", "time") and (row["gate"] or 0.0) < NEAR_IDENTICAL)
        or (row["kind"] in ("number", "time") and _other_periods(texts[row["a"]], texts[row["b"]]))
        or (row["kind"] == "negation" and da is not None and db is not None and da != db and not _standing(row))
        or (row["kind"] == "negation" and _as_known(row, texts))
        or (row["kind"] in ("date", "ordinal") and periods_of_figures(row, texts))
    )  # fmt: skip


def _other_periods(a: str, b: str) -> bool:
    """Whether two statements name periods or steps by different ordinals ("the first phase cost 2
    billion euros" / "the second phase cost 3.5 billion euros"): their figures are of two periods,
    however alike the sentences are otherwise."""
    found = [{m.group(0).lower().replace("-", " ") for m in ORDINAL_PERIOD.finditer(text)} for text in (a, b)]
    return bool(found[0] and found[1] and not found[0] & found[1])


def _said_modes(row: Mapping[str, Any], texts: Mapping[str, str]) -> set[str]:
    """How the two statements of a negation or certainty conflict put what they say (empty for
    other kinds), each read up to the end of its value's clause: a condition or a forecast counts
    there (see :func:`~compare.statements.features.through_clause`). A side that does not say it
    is so (a wish, a question, a doubted claim, a condition or a forecast:
    :data:`compare.statements.fact_table.UNREAL`) makes no disagreement at all, as for the fact
    layer's figures: "if we have no injuries to key players" / "Campbell was out injured"."""
    if row["kind"] not in ("negation", "certainty"):
        return set()
    return {modality(texts[row[s]], through_clause(texts[row[s]], row[f"{s}_value"])) for s in "ab"}


_AS_KNOWN = re.compile(r"\b(?:ha(?:ve|s|d) been|were|was) reported\b", re.I)
"""What says a statement tells what was known when it was written ("No deaths have been reported",
"no injuries were reported"), not how things are: a later source may know more."""


def _as_known(row: Mapping[str, Any], texts: Mapping[str, str]) -> bool:
    """Whether either statement of a negation conflict tells what had been reported by then ("No
    deaths have been reported, police said" / "One man has died in the floods"): an unfolding
    story's update as likely as a disagreement, dated or not; "There were no injuries at all"
    against "Twelve people were treated" is none of these and stays certain."""
    return any(_AS_KNOWN.search(texts.get(row[side], "")) for side in ("a", "b"))


def _standing(row: Mapping[str, Any]) -> bool:
    """Whether a negation conflict is of what a product comes with ("no charger in the box" /
    "charger is included"): a standing fact, not news of an unfolding event that a later source may
    know better, so the sources' dates do not put it in doubt."""
    return any(v.unit.startswith(INCLUDED) for side in ("a_value", "b_value") for v in polarity(row[side]))


_YEARS = re.compile(r"\d{4}(?:\W\d{2}|\W\d{4})?s?")
"""A year, a span of years or a decade as a date value is written ("2008", "1992-93", "1990s")."""
_FIGURES = frozenset(("money", "percent", "count", "measure"))
"""The kinds of quantity a year may be the period of (not a date, a time or an age)."""


DATE_REACH = 8
"""Content words each side of a date read for what it dates (:func:`_dated_alike`)."""
_DATE_WORDS = frozenset(
    stem(w)
    for w in (*MONTHS, *WEEKDAYS, "night", "morning", "afternoon", "evening", "day", "week", "month", "year", "today")
)


def _one_event(row: Mapping[str, Any], texts: Mapping[str, str]) -> bool:
    """Whether a date conflict's two dates may date one event: the words around them share one
    (:func:`_dated_alike`) and they are more than two weekdays of a story told day by day
    (:func:`_calendar_dates`). Else the conflict is a possible one only."""
    return _dated_alike(row, texts) and _calendar_dates(row, texts)


def _dated_alike(row: Mapping[str, Any], texts: Mapping[str, str]) -> bool:
    """Whether the two dates of a date conflict date something the words right around them share
    ("a fire destroyed a warehouse at the docks on Tuesday night, March 4" / "On Wednesday night,
    March 5, a massive fire tore through a warehouse": fire, warehouse). "from its last known
    position on March 8" / "on 24 March the prime minister announced" share none: two events, a
    possible conflict at most, however alike the sentences are otherwise."""
    near = []
    for side in "ab":
        text, value = texts[row[side]], row[f"{side}_value"]
        at = text.find(value)
        if at < 0:
            return True
        before, after = (_event_words(part) for part in (text[:at], text[at + len(value) :]))
        near.append({*before[-DATE_REACH:], *after[:DATE_REACH]})
    return bool(near[0] & near[1])


_LOWER_WORD = re.compile(r"(?<![\w'])[a-z][a-z'-]*")
"""A word written in lower case: no name, no number, no month or weekday."""


def _calendar_dates(row: Mapping[str, Any], texts: Mapping[str, str]) -> bool:
    """Whether one of a date conflict's dates is more than a weekday, or the two statements are the
    same but for their dates: "closing price on Friday" / "closed up 22 percent on Monday" tell a
    story day by day (as the fact layer has it: two nights, two occasions), not one event dated twice."""
    weekday = [set(words(row[f"{side}_value"])) - _PARTS_OF_DAY <= set(WEEKDAYS) for side in "ab"]
    rest = {texts[row[side]].replace(row[f"{side}_value"], "").lower() for side in "ab"}
    return not all(weekday) or len(rest) == 1


_PARTS_OF_DAY = frozenset("on last this early late night morning afternoon evening".split())


def _event_words(text: str) -> list[str]:
    """The stems of ``text`` that may name what a date dates: content words in lower case (a
    story's places and people are its setting, shared by all its events: names, and the people
    counted as the fact layer counts them, "militants", "police", "passengers"), no other date word."""
    found = [w for w in _LOWER_WORD.findall(text) if noun_of(w) not in PEOPLE]
    return [s for s in content_stems(words(" ".join(found))) if s not in _DATE_WORDS]


def periods_of_figures(row: Mapping[str, Any], texts: Mapping[str, str]) -> bool:
    """Whether the two years of a date conflict, or the two ordinals of a period of an ordinal one
    ("the third quarter" / "the second quarter"), may be periods of figures rather than one event
    told twice: both statements give a figure (an amount, a share, a count, a measure) and no
    figure of one is one of the other ("in 1992-93 the average wage was £75,000" / "£1.1m a year
    in 2008-09", "grew 2.1 percent in the third quarter" / "grew 1.4 percent in the second
    quarter": a series over time). The same figure given for two periods stays a conflict."""
    years = _YEARS.fullmatch(row["a_value"]) and _YEARS.fullmatch(row["b_value"])
    periods = row["kind"] == "ordinal" and all(row[f"{s}_value"].split()[-1].lower() in PERIODS for s in "ab")
    if not (years or periods):
        return False
    figures = [{(q.kind, q.low, q.high) for q in quantities(texts[row[side]]) if q.kind in _FIGURES} for side in "ab"]
    return bool(figures[0] and figures[1] and not figures[0] & figures[1])


class Tested(NamedTuple):
    """What :func:`conflict_tests` found, and what a rerun may take from it."""

    conflicts: pl.DataFrame
    """The conflicts frame (see :data:`compare.frames.CONFLICTS`)."""
    gates: dict[int, float]
    """By pair code (:func:`compare.ids.pair_code` of the statements' positions), for every pair
    gate-tested, by how much it missed the same-subject gates or passed them (:meth:`Context.may_conflict_by`)."""
    quiet: dict[int, float]
    """By pair code, for every pair the rules compared and found nothing in, how far its gate
    scores can move and they still find nothing (:meth:`Context.quiet`)."""


def conflicts(
    statements: pl.DataFrame,
    values: pl.DataFrame,
    scorer: Scorer,
    pairs: list[tuple[str, str]],
    features: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Candidate pairs in; conflicts frame out (see :data:`compare.frames.CONFLICTS`), one
    row per statement pair, its most confident disagreement (:func:`conflict_tests` without
    what a rerun takes from it)."""
    return conflict_tests(statements, values, scorer, pairs, features).conflicts


def conflict_tests(
    statements: pl.DataFrame,
    values: pl.DataFrame,
    scorer: Scorer,
    pairs: Pairs,
    features: pl.DataFrame | None = None,
    known_apart: np.ndarray | Iterable[int] = (),
    known_through: np.ndarray | Iterable[int] = (),
    known_quiet: np.ndarray | Iterable[int] = (),
) -> Tested:
    """The conflicts of the candidate ``pairs``, and what a rerun may take from them (see
    :class:`Tested`). ``features`` (see :data:`compare.frames.FEATURES`) saves reading the
    sentences again; pairs (codes, sorted) in ``known_apart`` are known to fail the gates and are
    not tested, those in ``known_through`` known to pass them: compared without the gate tests;
    those in ``known_quiet`` known to pass them and to give no conflict: neither tested nor compared."""
    ctx = Context(statements, values, scorer, features)
    n = max(1, len(ctx.ids))
    unique = _candidate_codes(ctx, pairs, n)
    skipped = code_array(np.concatenate((code_array(known_apart), code_array(known_quiet))))
    if len(skipped):  # before the first pass: their statements' keys need not be made
        unique = unique[~np.isin(unique, skipped, assume_unique=True)]
    first, second = pair_of(unique, n)
    keep = _worth_comparing(ctx, first, second)
    through = np.isin(unique[keep], code_array(known_through), assume_unique=True).tolist()
    rows, missed, quiet = [], {}, {}
    for i, j, known in zip(first[keep].tolist(), second[keep].tolist(), through, strict=True):
        a, b, code = ctx.ids[i], ctx.ids[j], pair_code(i, j, n)
        if known:
            passed = True
        else:
            passed, missed[code] = ctx.may_conflict_by(a, b)
        if not passed:
            continue
        gate = ctx.gate(a, b)
        best = _best(ctx, a, b, gate)
        if best is None:
            quiet[code] = ctx.quiet(a, b, gate)
        else:
            rows.append(best)
    found = pl.DataFrame(rows, schema=frames.CONFLICTS) if rows else frames.empty(frames.CONFLICTS)
    retain(n, ctx)
    return Tested(found, missed, quiet)
