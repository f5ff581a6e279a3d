"""How a figure is put, read from the words around it: a level or a change (and against what),
of which model of a product, and the words of its clause that say whether it is asserted,
planned or denied. The fact layer (:mod:`compare.statements.facts`) reads these for each
figure of a statement."""

from __future__ import annotations

import math
import re

from ..text import fact_words as fw
from ..text.lexicon import DETERMINERS, IRREGULAR_PAST, NUMBER_WORDS, ORDINALS
from ..text.quantities import Quantity, Token
from ..text.units import UNITS
from ..text.words import STOP_WORDS
from .fact_scope import PERIOD_OPENERS, is_word

BREAKS = frozenset(';:()[]—–"')
"""Punctuation a phrase about a figure does not run across."""


STORAGE = "data:"
"""How the unit of a figure of storage begins ("256GB"): what tells a phone's models apart."""
CHANGEABLE = frozenset({"percent", "measure", "money"})
"""Kinds of figure that may state a change rather than a level (:func:`change_of`)."""
CHANGE = "change"
"""The counted-noun slot of a figure that states a change (:func:`change_of`): no count has it."""
VS = " vs "
"""Joins :data:`CHANGE` and the base a change is against, as written ("change vs the Alpha")."""
_THAN_SKIP = frozenset(DETERMINERS) | frozenset("its their his her our my your last the a an".split())


def near(
    text: str, toks: list[Token], first: int, last: int,
    before: int = 6, after: int = 3, stop: frozenset[int] = frozenset(),
) -> str:  # fmt: skip
    """The words around tokens ``first`` .. ``last``: ``before`` words before and ``after`` after,
    not across a semicolon nor into the tokens of another value (``stop``), nor out of an aside
    between commas that opens with "which" or "who" ("The bank, which employs 42,000 people, said
    it would cut ...": the staff are no plan)."""
    commas = aside(toks, first, last)
    if commas is not None:
        stop = stop | set(commas)
    lo, hi, seen = first, last, 0
    while lo > 0 and seen < before and toks[lo - 1].text != ";" and lo - 1 not in stop:
        lo -= 1
        seen += is_word(toks[lo])
    seen = 0
    while hi + 1 < len(toks) and seen < after and toks[hi + 1].text != ";" and hi + 1 not in stop:
        hi += 1
        seen += is_word(toks[hi])
    return text[toks[lo].start : toks[hi].end]


def fractional(q: Quantity) -> bool:
    """Whether a count's figure has a fraction ("a magnitude 6.4 earthquake", "the quake measured
    6.8 and killed 92"): no count of anything, however near a noun. "2.5 million people" is whole."""
    written = re.search(r"\d\.\d", q.span) is not None  # a rounded "two dozen" widens to 21.6 .. 26.4
    return written and any(math.isfinite(x) and abs(x - round(x)) > 1e-6 for x in (q.low, q.high))


def change_of(toks: list[Token], q: Quantity) -> str:
    """"" for a figure that states a level ("sales reached 40 percent of the total", "10 percent of
    the battery left"); :data:`CHANGE` for one that states a change ("20 percent higher", "a 30
    percent increase", "rose 2 percent", "cut by 5%"), with what it is compared to when its clause
    says ("change vs Alpha" for "10 mm taller than the Alpha", "change vs year ago" for "rose 35
    percent from a year ago"). A change and a level of one thing are two facts; changes against
    two bases both named the fact table keeps apart (:data:`compare.text.fact_words.CHANGE_AFTER`,
    :data:`compare.text.fact_words.CHANGE_VERBS`)."""
    nxt = toks[q.last + 1].text.lower() if q.last + 1 < len(toks) else ""
    before = [t.text.lower() for t in toks[max(0, q.first - 4) : q.first]]
    if before and before[-1] == "by":  # "cut by 5%", "reduces the risk of heart disease by 30 percent"
        clause = [t.text.lower() for t in toks[max(0, q.first - 9) : q.first - 1]]
        clause = clause[max((k + 1 for k, w in enumerate(clause) if w in BREAKS or w == ","), default=0) :]
        by_change = any(w in fw.CHANGE_VERBS or w in fw.CHANGE_AFTER for w in clause)
    else:
        by_change = bool(before) and before[-1] in fw.CHANGE_VERBS
    if nxt not in fw.CHANGE_AFTER and not by_change:
        return ""
    for k in range(q.last + 1, min(len(toks), q.last + 5)):
        if toks[k].text.lower() in ("than", "from"):  # "higher than a year ago", "rose 35% from a year ago"
            base = [t.text for t in toks[k + 1 : k + 4] if is_word(t) and t.text.lower() not in _THAN_SKIP][:2]
            return f"{CHANGE}{VS}{' '.join(base)}" if base else CHANGE
        if toks[k].text in BREAKS or toks[k].text == ",":
            break
    return CHANGE


_RELATIVE = frozenset(("which", "who", "whose"))


def aside(toks: list[Token], first: int, last: int) -> tuple[int, int] | None:
    """The commas around tokens ``first`` .. ``last`` when they lie in an aside opened by ", which",
    ", who" or ", whose" and closed by a comma (or None): within at most eight tokens each way."""
    k = first - 1
    while k >= max(0, first - 8) and toks[k].text not in (",", ";"):
        k -= 1
    if k < 0 or toks[k].text != "," or k + 1 >= len(toks) or toks[k + 1].text.lower() not in _RELATIVE:
        return None
    end = next((j for j in range(last + 1, min(len(toks), last + 9)) if toks[j].text in (",", ";")), None)
    return None if end is None or toks[end].text != "," else (k, end)


def variants(toks: list[Token], found: list[Quantity]) -> tuple[set[int], str]:
    """The figures of a statement that name a model rather than state a fact ("the 256GB model",
    "the 6.7-inch version": by their index in ``found``), and the model the statement's other
    figures are of: its storage ("The Solen 5 costs $899 with 256GB", "the 256GB model costs
    $899"), as "unit=value", "" when it names none or two. Prices of two models are two facts."""
    labels = {
        n for n, q in enumerate(found)
        if q.kind == "measure" and q.last + 1 < len(toks) and toks[q.last + 1].text.lower() in fw.VARIANT_NOUNS
    }  # fmt: skip
    named = {f"{q.unit}={q.low:g}" for n, q in enumerate(found) if n in labels or q.unit.startswith(STORAGE)}
    return labels, (next(iter(named)) if len(named) == 1 else "")


_CHANGE_WORDS = fw.CHANGE_AFTER | fw.CHANGE_VERBS | {fw.base(w) for w in fw.CHANGE_AFTER | fw.CHANGE_VERBS}
_BETWEEN_CHANGE = frozenset((",", "up", "down", "a", "an")) | fw.CHANGE_VERBS
"""What may stand between a figure and the change after it that is of the same thing ("profit of
$1.2 billion, up 8 percent", "$6.1 billion, 4 percent higher")."""


def attribute_words(
    toks: list[Token], q: Quantity, words: list[str], change: bool, before: tuple[Quantity, list[str]] | None
) -> list[str]:
    """The attribute words of the figure ``q``: a change's own words but the words of change
    ("rose", "higher": its counted-noun slot says it is a change); and when it names no attribute
    of its own, those of the figure ``before`` it (its quantity and words) that it goes with: a
    change right after a level ("profit of $1.2 billion, up 8 percent": of profit) or a level
    right after a change and "to" ("revenue rose 5 percent to $6.1 billion": of revenue)."""
    if change:
        words = [w for w in words if w not in _CHANGE_WORDS]
    if before is None or any(w in fw.PREDICATES for w in words):
        return words
    prev, prev_words = before
    between = [t.text.lower() for t in toks[prev.last + 1 : q.first]]
    goes_with = (change and between and set(between) <= _BETWEEN_CHANGE) or (not change and between == ["to"])
    return [w for w in prev_words if w in fw.PREDICATES] + words if goes_with else words


def of_what(toks: list[Token], k: int, words: tuple[str, ...] = ("of",)) -> str:
    """What a value ending before token ``k`` is of: the content words (at most two) of a phrase
    opening with one of ``words`` right after it ("10 hours of video playback": "video playback"),
    else ""."""
    if k >= len(toks) or toks[k].text.lower() not in words:
        return ""
    out: list[str] = []
    for n, t in enumerate(toks[k + 1 : k + 5]):
        low = t.text.lower()
        if n == 0 and low[:1].isdigit():
            continue  # "paid £960m for 42 games": for games
        if not is_word(t) or len(out) == 2 or low in fw.SCOPE_TIME_WORDS or low in PERIOD_OPENERS:
            break  # "$5.1bn on Tuesday": when, not what; "£100m for the striker last summer": the striker
        if low not in STOP_WORDS:
            out.append(low)
    return " ".join(out)


def ordinal_of(toks: list[Token], q: Quantity) -> str:
    """An ordinal that numbers the occasion of a value: right before it ("the first 110bn euro
    rescue") or right after it, past a bracketed conversion, before a noun ("the €130 billion
    ($170 billion) second rescue package"); "" for none."""
    before = toks[q.first - 1].text.lower() if q.first else ""
    if before in ORDINALS and q.first >= 2 and toks[q.first - 2].text.lower() in DETERMINERS:
        return before
    k = q.last + 1
    if k < len(toks) and toks[k].text == "(":
        k = next((j + 1 for j in range(k, min(k + 12, len(toks))) if toks[j].text == ")"), k)
    word = toks[k].text.lower() if k + 1 < len(toks) else ""
    noun = toks[k + 1].text if k + 1 < len(toks) else ""
    return word if word in ORDINALS and noun[:1].islower() and noun not in STOP_WORDS else ""


def follows(toks: list[Token], last: int, q: Quantity) -> bool:
    """Whether ``q`` follows the value ending at token ``last`` in one list: "adds a 6.8-inch
    display, a 5,200mAh battery", "including 11 heavy weapons, 33 long firearms and 31 handguns"."""
    gap = {t.text.lower() for t in toks[last + 1 : q.first]}
    return last >= 0 and q.first - last <= 5 and bool(gap & {",", "and"}) and not gap & BREAKS


_PART_BEFORE = frozenset("including include includes among other".split())
_ADDED_BEFORE = frozenset("another further additional extra".split())


def part_of(toks: list[Token], q: Quantity) -> str:
    """"increment" for a count added to an earlier one ("another 22", "a further 164"), "partial"
    for a part of a whole ("including 153", "two of the three", "99 of them"), "previous" for an
    earlier state ("boosted from 2600mAh to 2800mAh", "up from 2,600"), else ""."""
    *earlier, before = ["", *(t.text.lower() for t in toks[max(0, q.first - 3) : q.first])]
    after = toks[q.last + 1].text.lower() if q.last + 1 < len(toks) else ""
    if before == "from" and any(w in fw.CHANGES for w in earlier):
        return "previous"
    partial = before in _PART_BEFORE or (q.kind == "count" and after == "of")
    return "increment" if before in _ADDED_BEFORE else "partial" if partial else ""


def whole_of_part(toks: list[Token], q: Quantity) -> bool:
    """Whether a count is the whole a part is counted of ("up to 800 of Brenna's 6,200 workers
    could lose their jobs", "142 of the 300 seats"): what may befall the part does not befall the
    whole, which is given as it is (the sentence's hedge near it is the part's)."""
    of = next((k for k in range(q.first - 1, max(0, q.first - 3), -1) if toks[k].text.lower() == "of"), None)
    part = toks[of - 1].text if of is not None else ""
    return q.kind == "count" and (part[:1].isdigit() or part.lower() in NUMBER_WORDS)


def verb_form(word: str) -> bool:
    """Whether a lower-case word reads as a verb's past or -ing form ("launched", "spent",
    "burning"): no noun of the phrase before or after a value."""
    return word.endswith(("ed", "ing")) or word in IRREGULAR_PAST


AT = "at:"
"""Marks the ``after`` word naming what a distance from a point locates ("an area 1,800km off the
coast": the area; "objects in a radius some 1,550 miles off the coast": the radius). Two such
distances are of one place only when they locate the same thing or one names none
(:func:`compare.statements.fact_table._same_occasion`)."""


def located(toks: list[Token], q: Quantity) -> str:
    """The noun right before a distance, what it locates ("an area 1,800km off the west coast",
    "a patch of ocean some 1,600 km west of Perth"), in its base form; "" when a verb, a stop
    word or a name stands there ("is around 2,000 km west of Perth")."""
    if q.first == 0 or not is_word(toks[q.first - 1]):
        return ""
    word = toks[q.first - 1].text
    low = word.lower()
    if word[:1].isupper() or low in STOP_WORDS or verb_form(low) or low in UNITS:
        return ""  # "covering 60,000 sq km 1,800km off the coast": a unit locates nothing
    before = toks[q.first - 2].text.lower() if q.first > 1 else ""
    # a noun, as far as a word after a determiner, "of" or a parenthesis is one ("the area lies 1,800 km west": a verb)
    return fw.base(low) if before in DETERMINERS or before in ("of", ")") else ""
