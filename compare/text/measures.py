"""Units after a number and measures of more than one word: "sq km", "km/h", sizes of two or
three sides ("142 x 72.5 x 8.1 mm"), hyphenated measures ("a 4,800-tonne ferry"), a measure in
parts ("5ft 10in") and a range ("between 10 and 15"); read by :mod:`compare.text.quantities`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .lexicon import SIZE_JOINS
from .tokens import Quantity, Token, digits, quantity_at
from .units import AREA, SCALE, UNITS, VOLUME, unit_named

HYPHEN_NUMBER = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)-([a-z]+(?:-[a-z]+)*)$")
"""A number and the words hyphenated to it ("4,800-tonne", "27-year-old")."""


_POINTS_OF = {"percentage": 1.0, "basis": 0.01}
"""Words before "points" that make them points of a percentage ("percentage points", "basis points")."""
_PER_TIME = {"h": 1.0, "hr": 1.0, "hour": 1.0, "s": 3600.0, "sec": 3600.0}
"""Time units after a length and a slash ("km/h", "m/s"), by how many of them make an hour."""


_GLUED_UNITS = {"in": UNITS["inches"]}
"""Units read only when glued to their number: "10in" is ten inches, "10 in" no unit at all."""


def unit_at(toks: list[Token], j: int, suffix: str) -> tuple[str, str, float, int] | None:
    """The unit after a number (glued ``suffix`` or the next words): dimension, base unit, factor
    and the index after it, or None. "sq km", "square miles", "cubic metres", "million cubic
    metres" included; "km/h" too."""
    if suffix:
        if (unit := UNITS.get(suffix) or _GLUED_UNITS.get(suffix)) is not None:
            dim, base, factor = unit
            return _per_time(toks, j, dim, factor) or (dim, base, factor, j)  # "225km/h"
        return None
    if j >= len(toks):
        return None
    word = toks[j].text.lower()
    nxt = toks[j + 1].text.lower() if j + 1 < len(toks) else ""
    if word in _POINTS_OF and nxt in ("points", "point"):  # "4.1 percentage points", "25 basis points"
        return "points", "pp", _POINTS_OF[word], j + 2
    if word in AREA | VOLUME and j + 1 < len(toks) and toks[j + 1].text.lower() in UNITS:
        dim, base, factor = UNITS[toks[j + 1].text.lower()]
        if dim == "length":
            power = 2 if word in AREA else 3
            return ("area" if power == 2 else "volume"), f"{base}{power}", factor**power, j + 2
    if (unit := unit_named(word)) and not (word in ("m", "g", "w") and toks[j].text != word):
        dim, base, factor = unit
        return _per_time(toks, j + 1, dim, factor) or (dim, base, factor, j + 1)  # "225 km/h", "50 m/s"
    return None  # "52-million-cubic-metre" is read by the caller (:func:`hyphenated`)


def _per_time(toks: list[Token], slash: int, dim: str, factor: float) -> tuple[str, str, float, int] | None:
    """A length (its dimension and factor to metres) over a time written after it from the token
    ``slash`` on ("km/h", "m/s"): a speed in km/h and the index after it; None for anything else."""
    per = toks[slash + 1].text.lower() if slash + 1 < len(toks) and toks[slash].text == "/" else ""
    if dim != "length" or per not in _PER_TIME:
        return None
    return "speed", "km/h", factor / 1000 * _PER_TIME[per], slash + 2


SIZE = "size"
"""The dimension of a size of two or three sides (:func:`dimensions`)."""


def dimensions(text: str, toks: list[Token], i: int, j: int, value: float, suffix: str) -> Quantity | None:
    """A size of two or three sides read at ``j`` ("142 x 72.5 x 8.1 mm", "5.59 x 2.85 x 0.32 in",
    "2560 x 1440 pixels"): one measure, its value the product of the sides in the base unit (two
    sizes agree when every side does; one side differing is a disagreement), or None when no "x"
    and number follow. Not a count of anything, nor each side a figure of its own."""
    sides, k, glued = [value], j, suffix
    while not glued and k + 2 < len(toks) and toks[k + 1].text.lower() in SIZE_JOINS:
        side = digits(toks[k + 2].text)
        if side is None:
            break
        sides.append(side[0])
        glued, k = side[1], k + 2
    if len(sides) < 2:
        return None
    unit = unit_at(toks, k + 1, glued)
    if unit is not None and unit[0] == "length":
        _, base, factor, end = unit
        product = math.prod(x * factor for x in sides)
        return quantity_at(text, toks, "measure", f"{SIZE}:{base}{len(sides)}", product, "exact", i, end - 1)
    if not glued and k + 1 < len(toks) and toks[k + 1].text.lower() in ("pixel", "pixels", "px"):
        return quantity_at(text, toks, "measure", f"{SIZE}:px{len(sides)}", math.prod(sides), "exact", i, k + 1)
    return quantity_at(text, toks, "measure", f"{SIZE}:{len(sides)}", math.prod(sides), "exact", i, k)


def hyphenated(text: str, toks: list[Token], j: int, value: float, rest: list[str]) -> Quantity | None:
    """ "52-million-cubic-metre", "45-watt", "12-month", "27-year-old" (``value`` and the ``rest`` of
    the words hyphenated to it): a measure, an age or nothing."""
    if rest[0] in SCALE:
        value, rest = value * SCALE[rest[0]], rest[1:]
    if rest in (["year", "old"], ["years", "old"]):
        return quantity_at(text, toks, "age", "years", value, "exact", j, j)
    if rest == ["pound"]:  # "a 1,054-pound probe": a weight (money would be "a £5 note")
        rest = ["lb"]
    if len(rest) == 2 and rest[0] in AREA | VOLUME and rest[1] + "s" in UNITS:
        dim, base, factor = UNITS[rest[1] + "s"]
        power = 2 if rest[0] in AREA else 3
        kind = "area" if power == 2 else "volume"
        return quantity_at(text, toks, "measure", f"{kind}:{base}{power}", value * factor**power, "exact", j, j)
    if rest in (["foot"], ["feet"]) and (inches := _inches_after(toks, j)) is not None:
        dim, base, factor = UNITS["ft"]  # "the 6-foot-2 quarterback": six feet two inches
        return quantity_at(text, toks, "measure", f"{dim}:{base}", value * factor + inches * 0.0254, "exact", j, j + 2)
    if len(rest) == 1 and (unit := unit_named(rest[0])) and rest[0] not in ("year", "month", "day"):
        dim, base, factor = unit
        return quantity_at(text, toks, "measure", f"{dim}:{base}", value * factor, "exact", j, j)
    return None


def _inches_after(toks: list[Token], j: int) -> float | None:
    """The inches glued after a height in feet at ``j`` ("6-foot-2", "6-foot-2½"): a number under
    12 after a hyphen, all written without a space; None otherwise."""
    if j + 2 >= len(toks) or toks[j + 1].text != "-" or not toks[j].end == toks[j + 1].start == toks[j + 2].start - 1:
        return None
    number = digits(toks[j + 2].text)
    return number[0] if number is not None and not number[1] and number[0] < 12 else None


MAGNITUDE = "magnitude:M"
"""The unit of an earthquake's magnitude ("a magnitude 6.4 earthquake", "a 6.2-magnitude tremor")."""


def magnitude_at(toks: list[Token], first: int, after: int) -> tuple[int, int] | None:
    """The tokens of a magnitude around the number at ``first`` .. ``after - 1``: "magnitude" (or
    "magnitude of", "magnitude-") before it, or "on the Richter scale" after it; None when neither."""
    k = first - 1
    if k >= 0 and toks[k].text.lower() in ("of", "-"):
        k -= 1
    if k >= 0 and toks[k].text.lower() == "magnitude":
        return k, after - 1
    words = [t.text.lower() for t in toks[after : after + 4]]
    return (first, after + 3) if words[:3] == ["on", "the", "richter"] and words[3:] == ["scale"] else None


DURATION = "{}:{}".format(*UNITS["hours"][:2])
"""The unit of a duration ("duration:h")."""


def merged(found: list[Quantity], merge: Callable[[Quantity, Quantity], Quantity | None]) -> list[Quantity]:
    """``found`` in order, each value folded into the one kept before it where ``merge(before,
    value)`` gives the two as one (:func:`joined_parts`, :func:`ranges`, options)."""
    out: list[Quantity] = []
    for q in found:
        one = merge(out[-1], q) if out else None
        if one is None:
            out.append(q)
        else:
            out[-1] = one
    return out


def joined_parts(found: list[Quantity], text: str, toks: list[Token]) -> list[Quantity]:
    """A quantity written in parts, one after the other, as one: their sum. Durations ("2 hours 1
    minute 9 seconds", "three hours and 20 minutes"), and a length or weight in a larger unit
    then a smaller one with nothing between ("5ft 10in", "6 feet 2 inches", "7lb 8oz"): a height
    of 5ft 10in is not one of 5ft. Two lengths in a list ("pools of 50m and 25m") stay two."""

    def summed(p: Quantity, q: Quantity) -> Quantity | None:
        if not _parts_of_one(p, q, toks):
            return None
        return p._replace(low=p.low + q.low, high=p.high + q.high, span=text[p.start : q.end], end=q.end, last=q.last)

    return merged(found, summed)


def _parts_of_one(p: Quantity, q: Quantity, toks: list[Token]) -> bool:
    """Whether ``q`` continues ``p`` as a part of one quantity (see :func:`joined_parts`)."""
    between = {t.text.lower() for t in toks[p.last + 1 : q.first]}
    if p.unit == q.unit == DURATION:
        return between <= {"and", ","}
    return p.kind == q.kind == "measure" and p.unit == q.unit in _PART_UNITS and q.high < p.low and not between


_PART_UNITS = frozenset({"length:m", "mass:kg"})
"""The units a measure is written in parts of, besides durations: feet and inches, pounds and ounces."""


def ranges(found: list[Quantity], text: str, toks: list[Token]) -> list[Quantity]:
    """Two values written as a range, one: the interval from the first to the second ("between 10
    and 15 people", "10 to 15 people", "10 to 15 percent"), so "Twelve people" falls within it
    rather than disagreeing with its first end. "rose from 10 to 15" is a change, no range;
    "ranging from 6 feet to 50 feet" is one, and so are two values glued by a dash ("$12
    billion-$14 billion"; "10-15 people" is read whole before, by the reader of numbers)."""
    return merged(found, lambda p, q: _range_of(p, q, text, toks))


def _range_of(p: Quantity, q: Quantity, text: str, toks: list[Token]) -> Quantity | None:
    """``p`` and ``q`` as one range (see :func:`ranges`), or None when they are no range."""
    k = p.last + 1  # the joining word, after a conversion in brackets ("from 6 feet (2 meters) to 50 feet")
    if k < len(toks) and toks[k].text == "(":
        k = next((m for m in range(k, q.first) if toks[m].text == ")"), q.first) + 1
    if q.first != k + 1 or q.low <= p.high:
        return None
    joiner, before = toks[k].text.lower(), toks[p.first - 1].text.lower() if p.first else ""
    glued = toks[k].start == toks[k - 1].end and toks[q.first].start == toks[k].end
    ranging = before == "from" and any(t.text.lower() in _RANGING for t in toks[max(0, p.first - 4) : p.first - 1])
    if not (
        (joiner == "to" and (before != "from" or ranging))
        or (joiner == "and" and before == "between")
        or (joiner in ("-", "\u2013") and glued)  # "$12 billion-$14 billion", "1.5-2 million"
    ):
        return None
    first = p.first - 1 if before == "between" else p.first
    if (p.kind, p.unit) == (q.kind, q.unit):
        low = p.low
    elif p.kind == "count" and not p.unit and q.kind in ("percent", "measure") and (raw := digits(toks[q.first].text)):
        low = p.low * q.low / raw[0] if raw[0] else p.low  # "10 to 15 percent", "5 to 10 km": the second's unit
    else:
        return None
    return q._replace(low=low, span=text[toks[first].start : q.end], start=toks[first].start, first=first)


_RANGING = frozenset("range ranges ranged ranging vary varies varied varying size sizes".split())
"""Words before "from" that make "from X to Y" a range ("ranging in size from 6 feet to 50 feet"),
not a change ("rose from 10 to 15")."""
