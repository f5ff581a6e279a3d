"""Facts: mentions of the same attribute of the same holder in the same scope, across sources,
and whether the sources agree, updated a figure over time, or conflict.

Two mentions (:mod:`compare.statements.facts`) are **the same fact** when they are of one kind
and unit (a count also of one counted noun), share an attribute word, name compatible holders
(the same, or one names none), and have the same places and time anchors once the story's own
setting is set aside (a place or time word most documents use, :data:`~compare.text.fact_words.
BACKGROUND_SHARE`). Place nouns are read as the name the corpus gives them ("the concert hall"
is "the Bataclan" where a source writes "the Bataclan concert hall").

Only the same fact can conflict: two mentions conflict when their intervals cannot meet. The
conflict is *certain* when both are asserted or reported (or both hypothetical), neither reads as
a running total, and their attribute is known beyond doubt; otherwise it is a possible conflict.
Where both documents carry a date and a count only grew, the fact is *updated*, not a conflict.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from typing import NamedTuple

import polars as pl

from ..ids import statement_key
from ..text import fact_words as fw
from ..text.quantities import TEMPERATURE
from ..text.units import UNITS
from .fact_consensus import far_from_consensus
from .fact_holders import holders_agree, names_in, sentence_of, text_by
from .fact_labels import fact_label, scope_words
from .fact_scope import PLACE_NOUNS, MentionRow, mention_rows, off_story, setting
from .facts import AT, VS

FACTS = {
    "fact_id": pl.String,  # "F1", "F2" ... in order of first mention
    "attribute": pl.String,  # what the value is of, in words ("person: death", "USD: cost")
    "holder": pl.String,
    "scope": pl.String,  # the place and period it is of, in words ("at bataclan", "last year"); "" for none
    "status": pl.String,  # agree | updated | conflict | possible-conflict
    "stmt_id": pl.String,
    "doc_id": pl.Int64,
    "span": pl.String,
    "low": pl.Float64,
    "high": pl.Float64,
    "modality": pl.String,
    "far": pl.Boolean,  # far from the figure most of the fact's sources give: of a part, likely (fact_consensus)
}
"""The facts frame: one row per mention of a fact two or more documents give on one occasion
(alike, grown over time or apart: mentions never comparable make no fact)."""

CERTAIN, POSSIBLE = 0.8, 0.45
"""Confidence of a conflict between mentions of one fact: certain, or possible only."""
TextsOf = Callable[[set[int]], dict[int, tuple[str, dict[str, int]]]]
"""The lower-case text of each of a set of documents, by document id, in the order of the source
(each statement after its heading), and where each statement ends in it, by statement id."""
COMPARABLE = frozenset({"asserted", "reported"})
UNREAL = frozenset({"hypothetical", "wished", "question", "doubted"})
"""Modalities of what is not (yet, or surely) so: a forecast of 7.5 metres and a measured 6.8 do not
disagree, nor do a leak's $699 and a price of $799."""
CUMULATIVE = frozenset(
    {"death", "injury", "arrest", "raid", "seizure", "evacuation", "rescue", "flooded", "missing", "critical",
     "damaged", "destroyed", "case", "displaced"}
)  # fmt: skip
"""Events whose counts only grow while a story unfolds: a later, larger figure is an update."""
DEGREES = 0.5
"""Temperatures this close (degrees Celsius) are one reading rounded, or converted from Fahrenheit."""
DOUBTS = {
    "modality": "One of them is hedged, hypothetical, wished, doubted, negated or a part of a whole.",
    "running": "One of them reads as a running total: it may be an update.",
    "far": "The values are far apart: they may be of different things.",
    "attribute": "What the values are of is read only from nearby words: check before relying on it.",
    "part": "One of the figures is far from the one most sources give: it may be of a part or another occasion.",
}
"""Why a conflict between mentions of one fact is only possible."""
FEW = 5
"""Counts under this tell no fact apart: two statements that both count two of something (two
brothers, two suspects) may well count different ones."""
CONVERTED = 0.05
"""Relative slack between measures written in different units ("60,000 sq km" / "23,000 square
miles"): one is usually the other converted and rounded."""
MAX_RATIO, MAX_MINUTES, MAX_DAYS = 1.4, 180, 62
"""How far apart two values of one fact may be for a certain conflict (see :func:`_close`)."""
FAR_RATIO, FEW_FAR_RATIO, FAR_FROM = 2.0, 3.0, 10
"""Values of a number kind (:data:`_NUMERIC`) further apart than this ratio (figures under
:data:`FAR_FROM` and percentages: ``FEW_FAR_RATIO``) are of two things, not even a possible conflict. On the two
WikiRef topics no labelled disagreement is 2 times apart, while most pairs further apart are a
part against its whole ("89 killed" at one venue, "at least 129" in all) or two occasions (the
arrests of two days); "two dead" against "five dead" still may be one toll told two ways."""
_NUMERIC = frozenset({"count", "money", "measure", "percent"})
CONSENSUS_DOCS = 3
"""Documents that must give a fact figures close to one another (within :data:`MAX_RATIO`), and more
than half of the fact's documents, for a figure far from theirs to read as of a part or another
occasion (:func:`~compare.statements.fact_consensus.far_from_consensus`): "15 people were dead" at one
restaurant, in a story whose toll twenty sources put at 127-132, conflicts with "at least 19" at
another only possibly."""
AGES_APART = 3
"""Ages of one person this many years apart or more are of two times ("Malia, 6" in 2004, "Malia,
16" in 2014), not even a possible conflict; sources that disagree on an age give close ones
("Abaaoud, 27" / "a 28-year-old")."""


class _Mention:
    """One mention, with what matching reads of it precomputed: its fact key and whether the
    key's attribute is known (a class of :data:`~compare.text.fact_words.PREDICATES`, or the words
    right after a measure) rather than only a word that happened to be near."""

    __slots__ = (
        "anchors",
        "attribute",
        "base",
        "coarse",
        "days",
        "doc",
        "high",
        "holder",
        "kind",
        "known",
        "located",
        "low",
        "mode",
        "noun",
        "row",
        "running",
        "scope",
        "sid",
    )  # fmt: skip

    def __init__(self, row: MentionRow, occasion: Callable[[MentionRow], Occasion]) -> None:
        self.row = row
        self.sid, self.doc, self.kind = row.stmt_id, row.doc_id, row.kind
        self.noun, _, self.base = row.noun.partition(VS)  # "change vs the Alpha": a change, and its base
        self.low, self.high = row.low, row.high
        self.holder = row.holder
        self.mode, self.running = row.modality, row.running
        self.coarse, self.scope, self.anchors, self.days = occasion(row)
        self.attribute, self.known = row.attribute, row.known
        self.located = next((w.removeprefix(AT) for w in row.after if w.startswith(AT)), "")


Occasion = tuple[set[str], tuple[tuple[str, ...], tuple[str, ...]], dict[str, str], frozenset[str]]
"""What a mention's places and times say of its occasion (see :func:`_occasion`)."""


def _occasions(
    background: set[str], alias: dict[str, str], story: dict[str, str]
) -> Callable[[MentionRow], Occasion]:
    """:func:`_occasion` of a mention row in a corpus of this setting, made once per distinct
    places, times, kind and variant: most mentions share one (on 1,000 articles, 340 for 5,600
    mentions). The results are shared, never changed."""
    named = set(alias.values())
    made: dict[tuple, Occasion] = {}

    def occasion(row: MentionRow) -> Occasion:
        key = (tuple(row.places), tuple(row.times), row.kind, row.variant)
        if (got := made.get(key)) is None:
            got = made[key] = _occasion(*key, background, alias, named, story)
        return got

    return occasion


def _occasion(
    places: tuple[str, ...], times: tuple[str, ...], kind: str, variant: str,
    background: set[str], alias: dict[str, str], named: set[str], story: dict[str, str],
) -> Occasion:  # fmt: skip
    """A mention's occasion from its ``places`` and ``times`` (the corpus's ``background`` words
    set aside, place nouns read as the names in ``alias``, whose values are ``named``): the
    cities and countries it names (told apart only when both mentions name one), its scope (the
    venues, and the periods and years other than the ``story``'s: part of the fact's key), its
    time anchors by type (and ``variant``, the model it is of), and the weekdays it names."""
    place_set = {alias.get(p, p) for p in places} - background
    venues = {p for p in place_set if p in PLACE_NOUNS or p in named or p.startswith("there:")}
    coarse = place_set - venues  # cities and countries: told apart only when both name one
    time_set = set(times) - background
    periods = sorted(t for t in time_set if " " in t)  # "last year", "three nights": part of the key
    # a year other than the story's ("in 1962"): another occasion, in the key
    periods += sorted(f"off:{t}" for t in time_set if off_story(t, story))
    scope = (tuple(sorted(venues)), tuple(periods))
    anchors = {t.split(":")[0] if ":" in t else _anchor_type(t): t for t in sorted(time_set) if " " not in t}
    if variant:  # the model it is of ("the 256GB model costs $899"): two models, two occasions
        anchors["variant"] = variant
    # the weekdays it names, the story's own among them: "On Monday night, 410" / "By
    # Tuesday night, 380" are two nights even where Monday is the story's day
    days = frozenset(t for t in times if _anchor_type(t) == "weekday")
    if kind == "date":  # the day is the value: its month and weekday say no other occasion
        anchors = {k: v for k, v in anchors.items() if k not in ("month", "weekday")}
    return coarse, scope, anchors, days


def _anchor_type(term: str) -> str:
    """The type of a time anchor: weekday, year or day word ("today")."""
    if term.isdigit():
        return "year"
    return "weekday" if term.endswith("day") and term not in ("today", "yesterday") else "day"


def _same_occasion(p: _Mention, q: _Mention) -> bool:
    """False when both mentions date themselves by anchors of one type that differ ("Monday
    night" / "Tuesday night"); anchors of different types, or none, do not tell occasions apart."""
    same_time = all(q.anchors.get(kind, term) == term for kind, term in p.anchors.items())
    same_time = same_time and (p.kind == "date" or not p.days or not q.days or bool(p.days & q.days))
    same_thing = not p.located or not q.located or p.located == q.located  # an area and a radius off one coast
    return (
        same_time
        and same_thing
        and (not p.coarse or not q.coarse or any(_within(x, y) for x in p.coarse for y in q.coarse))
    )


def _named_bases_differ(p: _Mention, q: _Mention) -> bool:
    """Whether two changes are against two bases both named ("5mm taller than the S4", "10 mm
    taller than the Alpha"): two comparisons, no fact they share. A base named against one
    described ("than the Vireo K2" / "than its predecessor"), or none, is taken for the same."""
    named = p.base[:1].isupper() and q.base[:1].isupper()
    return named and p.base.lower() != q.base.lower()


def _within(x: str, y: str) -> bool:
    """Whether two place names name one place or one lies in the other by name ("kuala lumpur"
    and "kuala lumpur international airport")."""
    return x == y or x.startswith(y + " ") or y.startswith(x + " ")


def _key(m: _Mention, holder: str) -> tuple:
    """What two mentions of one fact share: kind, unit, counted noun, attribute, holder, scope."""
    return (m.kind, m.row.unit, m.noun, m.attribute, holder, m.scope)


def _facts(ms: list[_Mention], texts_of: TextsOf | None = None) -> dict[tuple, list[_Mention]]:
    """Mentions by fact key. A mention naming no holder joins the one holder its other key parts
    have in the corpus, if there is exactly one, or the one its value is nearest; with
    ``texts_of``, only a holder its own document names by then, as "it" refers back ("it weighs
    145 g" in a review of the S5 is not of the Alpha another review weighs; a spec box at the top
    of a review is not of a model named further down), and none another value of its own sentence
    is given to. A surname joins the full name it ends."""
    holders: dict[tuple, set[str]] = defaultdict(set)
    values: dict[tuple, list[float]] = defaultdict(list)
    in_statement: dict[str, set[str]] = defaultdict(set)  # a holder another value of the sentence names
    for m in ms:
        if m.holder:
            holders[_key(m, "")].add(m.holder)
            values[_key(m, m.holder)].append(m.low if math.isfinite(m.low) else m.high)
            in_statement[m.sid].add(m.holder)
    unnamed = {m.doc for m in ms if not m.holder and m.attribute and m.kind != "age" and _key(m, "") in holders}
    texts = texts_of(unnamed) if texts_of is not None and unnamed else None
    out: dict[tuple, list[_Mention]] = defaultdict(list)
    for m in ms:
        if not m.attribute:
            continue
        named = sorted(holders.get(_key(m, ""), ()), key=lambda h: (-len(h), h))
        if not m.holder:  # "at 5.57 ounces, it's lighter than the Active's 6-ounce weight": not the Active's
            # a distance from a point takes no point named only before its sentence ("1,550 miles off the coast")
            read = sentence_of if m.kind == "measure" and m.attribute in fw.FROM_A_POINT else text_by
            text = read(texts[m.doc], m.sid) if texts is not None and m.doc in texts else None
            named = [h for h in named if h not in in_statement[m.sid] and (text is None or names_in(h, text))]
        if m.holder:
            holder = next((h for h in named if holders_agree(h, m.holder)), m.holder)
        elif m.kind == "age":
            continue  # an age of nobody named
        else:
            holder = _nearest_holder(m, named, values)
        out[_key(m, holder)].append(m)
    return out


def _nearest_holder(m: _Mention, named: list[str], values: dict[tuple, list[float]]) -> str:
    """For a mention naming no holder: the one holder of its key, or else the holder whose values
    are nearest to its own within :data:`MAX_RATIO` ("developing it cost 1.4 billion dollars"
    is about the $1.2bn Kestrova spent, not the $1,099 the Solen 5 Pro costs); "" for none."""
    if len(named) == 1:
        return named[0]
    best, ratio = "", MAX_RATIO
    for h in named:
        for v in values.get(_key(m, h), []):
            small, large = sorted((abs(v), abs(m.low if math.isfinite(m.low) else m.high)))
            if small > 0 and large / small <= ratio:
                best, ratio = h, large / small
    return best


def _verdict(p: _Mention, q: _Mention, dates: dict[int, str], off: set[_Mention]) -> tuple[str, float, str] | None:
    """None when the two mentions agree; else ("updated", 0, "") for a count that grew between
    dated documents, ("apart", 0, "") when one is not (yet) so and the other is (:data:`UNREAL`)
    or one is an increment (no total: "a further 164") or an earlier state ("up from 2,600"),
    or ("conflict", confidence, doubt): doubt says why it is only possible (see
    :data:`DOUBTS`; "part" when either is in ``off``, far from the fact's consensus), "" when certain."""
    slack = CONVERTED if p.kind == "measure" and _written_unit(p) != _written_unit(q) else 0.0
    if p.low * (1 - slack) <= q.high * (1 + slack) and q.low * (1 - slack) <= p.high * (1 + slack):
        return None
    if p.row.unit == TEMPERATURE and abs(p.low - q.low) <= DEGREES:
        return None  # "41.2C" and "106 degrees Fahrenheit" (41.1C): one reading, rounded
    dp, dq = dates.get(p.doc, ""), dates.get(q.doc, "")
    events = {p.attribute, q.attribute, p.noun, q.noun}
    if dp and dq and dp != dq and p.kind == "count" and (events & CUMULATIVE or p.running or q.running):
        earlier, later = (p, q) if dp < dq else (q, p)
        if later.low >= earlier.high:
            return "updated", 0.0, ""
    comparable = _comparable(p, q)
    if not comparable and {p.mode, q.mode} & UNREAL:
        return "apart", 0.0, ""  # a forecast, a wish or a question against a figure: no disagreement
    if {p.mode, q.mode} & {"increment", "previous"}:
        return "apart", 0.0, ""  # "a further 164" and "an additional 118": added on other days; "up from 2,600"
    doubt = next(
        (why for why, holds in (("modality", not comparable), ("running", p.running or q.running),
                                ("far", not _close(p, q)), ("attribute", not (p.known and q.known)),
                                ("part", p in off or q in off)) if holds),
        "",
    )  # fmt: skip
    return "conflict", POSSIBLE if doubt else CERTAIN, doubt


def _day_of_year(value: float) -> float:
    """About the day of the year of a calendar day coded month * 100 + day."""
    return (int(value) // 100 - 1) * 30.5 + int(value) % 100


def _written_unit(m: _Mention) -> float:
    """The unit the source wrote, as its factor to the base unit ("g" and "grams" are one unit,
    "km" and "miles" two); 0 when unknown."""
    words = re.findall(r"[A-Za-z]+", m.row.span)
    unit = UNITS.get(words[-1].lower()) if words else None
    return unit[2] if unit else 0.0


def _close(p: _Mention, q: _Mention, ratio: float = MAX_RATIO) -> bool:
    """Whether two disagreeing values are near enough to be two accounts of one figure: within
    :data:`MAX_RATIO` of each other (clock times: within :data:`MAX_MINUTES`). Sources that
    disagree on a fact give figures close to each other (127 and 130 dead, 1,600 and 2,000 km);
    values far apart are far more often of different things (239 aboard and "five passengers")."""
    if p.kind == "time":
        x, y = (m.low if math.isfinite(m.low) else m.high for m in (p, q))
        gap = min(abs(x - y), 1440 - abs(x - y))
        return gap <= MAX_MINUTES
    if p.kind == "date":
        return abs(_day_of_year(p.low) - _day_of_year(q.low)) <= MAX_DAYS
    if p.kind == "score":
        return True  # one match's result told two ways: 3-1 / 2-1 differ as much as 3-1 / 3-2
    near_p = p.high if p.high < q.low else p.low
    near_q = q.low if p.high < q.low else q.high
    small, large = sorted((abs(near_p), abs(near_q)))
    return small > 0 and large / small <= ratio


class FactTable(NamedTuple):
    """What the fact layer found in a corpus."""

    frame: pl.DataFrame
    """The facts frame (:data:`FACTS`)."""
    conflicts: list[dict]
    """Conflicts between mentions of one fact (rows of :data:`compare.frames.CONFLICTS`, with a
    ``fact`` id): one per fact and pair of documents, the surest of their mentions that disagree
    (the first of equals)."""
    agreeing: list[tuple[str, str, str, str]]
    """Mentions of two documents that give one fact the same value on one occasion, put alike
    (:func:`_agree`): (statement, span, statement, span), the pair in statement order, sorted."""
    keyed: frozenset[str]
    """Statements with a mention whose attribute is known beyond doubt."""
    sharing: frozenset[frozenset[str]]
    """Statement pairs of two documents with mentions of one fact on one occasion."""
    unreal: frozenset[frozenset[str]]
    """Statement pairs with mentions of one fact where one is not (yet) so, a forecast, a wish or
    a question, and the other is (:data:`UNREAL`): they do not disagree, whatever their values."""


def fact_table(
    mentions: pl.DataFrame, documents: int, dates: dict[int, str] | None = None, texts_of: TextsOf | None = None
) -> FactTable:
    """The facts of the mentions of a corpus of ``documents`` documents, ``dates`` giving a
    document's date (ISO text) where known; ``texts_of`` the lower-case text of documents, by
    id, for a mention naming no holder (see :func:`_facts`)."""
    # a mention's words are read only for its attribute, made with the mention (:mod:`.fact_attribute`)
    return table_of(mention_rows(mentions), documents, dates or {}, texts_of)


def _comparable(p: _Mention, q: _Mention) -> bool:
    """Whether two mentions put their values alike: both asserted or reported, or both
    forecasts or estimates ("estimated to cost $8 million" / "estimated that it had spent")."""
    return (p.mode in COMPARABLE and q.mode in COMPARABLE) or p.mode == q.mode == "hypothetical"


def _agree(p: _Mention, q: _Mention) -> bool:
    """Whether two mentions of one fact on one occasion give it one value, put alike,
    its attribute known beyond doubt (see :class:`_Mention`), and the value tells the fact from
    others: not an age (an aside about a person: "Abrini, 30, was filmed ..." and "a warrant
    for Abrini, 30" are two claims) nor a count under :data:`FEW` ("two brothers")."""
    return (
        p.kind != "age"
        and not (p.kind == "count" and p.high < FEW)
        and p.known
        and q.known
        and p.low == q.low
        and p.high == q.high
        and math.isfinite(p.low)
        and _comparable(p, q)
    )  # a running total agrees too: "has risen to 640" and "entered 640 homes" give one figure


def table_of(
    rows: list[MentionRow], documents: int, dates: dict[int, str], texts_of: TextsOf | None = None
) -> FactTable:
    """:func:`fact_table` on the mentions' rows (:func:`~compare.statements.fact_scope.mention_rows`)."""
    occasion = _occasions(*setting(rows, documents, dates))
    by_key = _facts([_Mention(r, occasion) for r in rows], texts_of)
    facts = [(k, sorted(g, key=lambda m: (statement_key(m.sid), m.row.span))) for k, g in by_key.items()]
    facts = [(k, g) for k, g in facts if len({m.doc for m in g}) > 1]
    facts.sort(key=lambda kg: statement_key(kg[1][0].sid))
    out_rows, conflicts = [], []
    agreeing: set[tuple[str, str, str, str]] = set()
    sharing: set[frozenset[str]] = set()
    unreal: set[frozenset[str]] = set()
    number = 0  # facts kept so far: their ids run F1, F2 ... without gaps
    for key, group in facts:
        status, agreed = "agree", False
        off = _off_consensus(group) if key[0] in _NUMERIC else set()
        best: dict[tuple[int, int], tuple[float, str, _Mention, _Mention]] = {}
        for p, q in combinations(group, 2):
            if p.doc == q.doc or not _same_occasion(p, q) or _named_bases_differ(p, q):
                continue
            sharing.add(frozenset((p.sid, q.sid)))
            found = _verdict(p, q, dates, off)
            if found is None:
                agreed = True
                if _agree(p, q):
                    x, y = (p, q) if statement_key(p.sid) < statement_key(q.sid) else (q, p)
                    agreeing.add((x.sid, x.row.span, y.sid, y.row.span))
                continue
            what, confidence, doubt = found
            if what == "apart":
                unreal.add(frozenset((p.sid, q.sid)))
                continue
            small = p.kind == "percent" or max(abs(p.high), abs(q.high)) < FAR_FROM
            far = FEW_FAR_RATIO if small else FAR_RATIO
            if what == "conflict" and p.kind in _NUMERIC and not _close(p, q, far):
                continue  # "five passengers" and "239 aboard": two things, not worth a look, nor a status
            if what == "conflict" and p.kind == "age" and abs(p.low - q.low) >= AGES_APART:
                continue  # two times of one life, years apart
            new = "updated" if what == "updated" else ("conflict" if confidence >= CERTAIN else "possible-conflict")
            status = max(status, new, key=_RANK.__getitem__)
            docs = (min(p.doc, q.doc), max(p.doc, q.doc))
            if what == "conflict" and (docs not in best or confidence > best[docs][0]):
                best[docs] = (confidence, doubt, p, q)
        if status == "agree" and not agreed:
            continue  # no two sources give it on one occasion, alike: not one fact they share
        number += 1
        fid = f"F{number}"
        conflicts += [_conflict(p, q, fid, doubt, key) for _, doubt, p, q in (best[docs] for docs in sorted(best))]
        for m in group:
            out_rows.append(
                {"fact_id": fid, "attribute": fact_label(key), "holder": key[4], "scope": scope_words(key),
                 "status": status, "stmt_id": m.sid, "doc_id": m.doc, "span": m.row.span, "low": m.low,
                 "high": m.high, "modality": m.mode, "far": m in off}
            )  # fmt: skip
    frame = pl.DataFrame(out_rows, schema=FACTS) if out_rows else pl.DataFrame(schema=FACTS)
    order = sorted(agreeing, key=lambda m: (statement_key(m[0]), m[1], statement_key(m[2]), m[3]))
    keyed = frozenset(m.sid for g in by_key.values() for m in g if m.known)
    return FactTable(frame, conflicts, order, keyed, frozenset(sharing), frozenset(unreal))


_RANK = {"agree": 0, "updated": 1, "possible-conflict": 2, "conflict": 3}


def _off_consensus(group: list[_Mention]) -> set[_Mention]:
    """The mentions of a fact (of a number kind) far from the figure most of its sources give: of a
    part or another occasion, likely (:func:`~compare.statements.fact_consensus.far_from_consensus`)."""
    figures = [(m.doc, m.low, m.high) for m in group]
    return {group[i] for i in far_from_consensus(figures, MAX_RATIO, CONSENSUS_DOCS)}


def _conflict(p: _Mention, q: _Mention, fid: str, doubt: str, key: tuple) -> dict:
    """A conflicts row for two mentions of fact ``fid``, the earlier statement first, and why it is
    only possible ("doubt", not a column of the frame: :func:`compare.statements.conflicts.with_facts` reads it)."""
    a, b = (p, q) if statement_key(p.sid) <= statement_key(q.sid) else (q, p)
    kind = a.kind if a.kind in ("time", "date") else "number"
    holder = f" of {key[4]}" if key[4] else ""
    scope = f" {words}" if (words := scope_words(key)) else ""
    why = f"Both state {fact_label(key)}{holder}{scope} ({fid}), with values that cannot both hold."
    if doubt:
        why += " " + DOUBTS[doubt]
    return {"a": a.sid, "b": b.sid, "kind": kind, "a_value": a.row.span, "b_value": b.row.span,
            "confidence": POSSIBLE if doubt else CERTAIN, "explanation": why, "fact": fid, "gate": None,
            "a_start": a.row.start, "b_start": b.row.start, "doubt": doubt}  # fmt: skip
