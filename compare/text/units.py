"""Tables of the units a quantity is read in: scale words, currencies, units of measure, and
the bound words that make a number an interval; and the fraction words before a scale word
("half a million"). Shared by the fact layer's quantities and the values stage's counts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tokens import Token

SCALE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "trillion": 1e12,
    "dozen": 12,
}  # fmt: skip
"""Words (and glued suffixes) that multiply the number before them."""
CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
}
CURRENCY_WORDS = {
    "usd": "USD", "dollar": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "aud": "AUD",
    "yuan": "CNY", "rupees": "INR", "francs": "CHF",
}  # fmt: skip

UNITS: dict[str, tuple[str, str, float]] = {
    # word or glued suffix: (dimension, base unit, factor to the base unit)
    "mah": ("charge", "mAh", 1), "mp": ("resolution", "MP", 1), "megapixel": ("resolution", "MP", 1),
    "megapixels": ("resolution", "MP", 1), "gb": ("data", "GB", 1), "tb": ("data", "GB", 1000),
    "mb": ("data", "GB", 0.001), "ghz": ("frequency", "GHz", 1), "mhz": ("frequency", "GHz", 0.001),
    "hz": ("refresh", "Hz", 1), "w": ("power", "W", 1), "watts": ("power", "W", 1), "kw": ("power", "W", 1000),
    "mw": ("power", "W", 1e6), "g": ("mass", "kg", 0.001), "gram": ("mass", "kg", 0.001),
    "grams": ("mass", "kg", 0.001), "kg": ("mass", "kg", 1), "kilograms": ("mass", "kg", 1),
    "tonnes": ("mass", "kg", 1000), "tonne": ("mass", "kg", 1000), "tons": ("mass", "kg", 1000),
    "oz": ("mass", "kg", 0.02835), "ounce": ("mass", "kg", 0.02835), "ounces": ("mass", "kg", 0.02835),
    "lb": ("mass", "kg", 0.4536), "lbs": ("mass", "kg", 0.4536), "pounds-weight": ("mass", "kg", 0.4536),
    "mm": ("length", "m", 0.001), "millimetres": ("length", "m", 0.001), "millimeters": ("length", "m", 0.001),
    "cm": ("length", "m", 0.01), "centimetres": ("length", "m", 0.01), "m": ("length", "m", 1),
    "metres": ("length", "m", 1), "meters": ("length", "m", 1), "metre": ("length", "m", 1),
    "km": ("length", "m", 1000), "kilometres": ("length", "m", 1000), "kilometers": ("length", "m", 1000),
    "miles": ("length", "m", 1609.34), "mile": ("length", "m", 1609.34), "ft": ("length", "m", 0.3048),
    "feet": ("length", "m", 0.3048), "inches": ("length", "m", 0.0254), "inch": ("length", "m", 0.0254),
    "hectares": ("area", "m2", 1e4), "acres": ("area", "m2", 4046.86), "mph": ("speed", "km/h", 1.609),
    "kph": ("speed", "km/h", 1), "knots": ("speed", "km/h", 1.852), "hours": ("duration", "h", 1),
    "hour": ("duration", "h", 1), "minutes": ("duration", "h", 1 / 60), "days": ("duration", "h", 24),
    "weeks": ("duration", "h", 168), "months": ("duration", "h", 730), "month": ("duration", "h", 730),
    "years": ("duration", "h", 8766), "year": ("duration", "h", 8766), "seconds": ("duration", "h", 1 / 3600),
    "microns": ("length", "m", 1e-6), "foot": ("length", "m", 0.3048), "kilos": ("mass", "kg", 1),
    "magnitude": ("magnitude", "M", 1), "points": ("points", "pt", 1),
    "litres": ("volume", "m3", 0.001), "liters": ("volume", "m3", 0.001), "gallons": ("volume", "m3", 0.003785),
}  # fmt: skip
"""Units of measure: dimension, base unit, factor. Areas and volumes are "sq"/"square"/"cubic"
before a length unit (:func:`compare.text.measures.unit_at`)."""
AREA, VOLUME = {"sq", "square"}, {"cubic", "cu"}
NO_SINGULAR = frozenset({"day", "second"})
"""Words whose plural is a unit but which after a number are not one: "on May 5 day one", "the 2
second-placed"; "a 10 kilometer radius" and "a 5 kilogram bag" are measures."""


def unit_named(word: str) -> tuple[str, str, float] | None:
    """The unit (dimension, base unit, factor) a lower-case word names after a number, in the
    singular too, as a unit before a noun is written ("a 10 kilometer radius"); None for none."""
    if word in UNITS:
        return UNITS[word]
    return UNITS.get(word + "s") if word not in NO_SINGULAR else None

BOUNDS = {
    "at least": "min", "more than": "min", "over": "min", "upwards of": "min", "no fewer than": "min",
    "in excess of": "min", "above": "min", "at most": "max", "up to": "max", "fewer than": "max",
    "less than": "max", "under": "max", "below": "max", "no more than": "max", "nearly": "near",
    "almost": "near", "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about", "close to": "near",
    "just over": "about", "just under": "near", "more or less": "about",
}  # fmt: skip
"""Words before a number that make it an interval: a floor, a ceiling, "nearly" (a little
below), or "about" (within ``ABOUT`` of it either way)."""
SOON_MINUTES = 30.0
"""How long "shortly after" a clock time may be (in minutes, the unit of times): "shortly after 2
a.m." is 2:00 to 2:30, "just before 9 p.m." 8:30 to 9:00."""
ABOUT = 0.1
"""How far "about 2,000" may be from 2,000 (10%: "some 1,600 km" and "around 2,000 km" differ)."""
ROUND_SCALES = frozenset({"dozen"})
"""Words that make a count a round figure, as "about" would: "two dozen countries" is about 24
(news counts in dozens round), and does not disagree with "26 countries"."""


def interval(value: float, bound: str, words: Iterable[str] = ()) -> tuple[float, float]:
    """The interval a bound of :data:`BOUNDS` gives a value (exact, or no bound: the value alone),
    widened by :data:`ABOUT` at each finite end when the number's lower-case ``words`` make it a
    round figure (:data:`ROUND_SCALES`) and the bound does not already make it one."""
    below, above = value * (1 - ABOUT), value * (1 + ABOUT)
    spans = {
        "min": (value, math.inf), "max": (-math.inf, value), "near": (below, value), "about": (below, above),
        "soon after": (value, value + SOON_MINUTES), "soon before": (value - SOON_MINUTES, value),  # times
    }  # fmt: skip
    low, high = sorted(spans.get(bound, (value, value))) if value < 0 else spans.get(bound, (value, value))
    if bound in ("about", "near") or not round_figure(words):
        return low, high  # below zero ("about minus 5C") "about" widens to -5.5 .. -4.5
    return rounded(low, high)


def round_figure(words: Iterable[str]) -> bool:
    """Whether the lower-case ``words`` of a number make it a round figure (:data:`ROUND_SCALES`:
    "two dozen")."""
    return any(w in ROUND_SCALES for w in words)


def rounded(low: float, high: float) -> tuple[float, float]:
    """The interval ``low`` .. ``high`` of a round figure (see :data:`ROUND_SCALES`), widened by
    :data:`ABOUT` at each finite end."""
    return low * (1 - ABOUT) if math.isfinite(low) else low, high * (1 + ABOUT) if math.isfinite(high) else high


FRACTIONS: dict[tuple[str, ...], float] = {
    ("half", "a"): 0.5, ("half", "an"): 0.5, ("quarter", "of", "a"): 0.25,
    ("three", "quarters", "of", "a"): 0.75, ("third", "of", "a"): 1 / 3,
}  # fmt: skip
"""Words before a scale word that take a part of it: "half a million" is 500,000, "a quarter of
a million" 250,000 (the "a" before "quarter" is read with it)."""
FRACTION_NOUNS = frozenset({"half", "halves", "quarter", "quarters", "third", "thirds"})
"""Words after a number word that make it part of a fraction ("three quarters of", "two thirds of"), not a count."""
SCALE_WORDS = frozenset({"dozen", "hundred", "thousand", "million", "billion", "trillion"})
"""Scale words a fraction of :data:`FRACTIONS` may come before ("half a dozen" is six)."""


def fraction_before(words: Sequence[str], i: int) -> tuple[float, int]:
    """The part of the scale word at ``i`` of the lower-case ``words`` that the words just before
    it take ("half a million": 0.5) and how many words that is (an "a" before "quarter" or
    "third" included; a lone "a" is one word of the whole); (1.0, 0) when there are none, or
    the word at ``i`` is no scale word."""
    if i >= len(words) or words[i] not in SCALE_WORDS:
        return 1.0, 0
    for phrase, part in FRACTIONS.items():
        width = len(phrase)
        if i >= width and tuple(words[i - width : i]) == phrase:
            if phrase[0] in ("quarter", "third") and i > width and words[i - width - 1] in ("a", "one"):
                width += 1
            return part, width
    if i and words[i - 1] in ("a", "an"):  # "nearly a million": the bound is read before the "a"
        return 1.0, 1
    return 1.0, 0


WEIGHT_WORDS = frozenset(
    "weigh weighs weighed weighing weight weights weighted heavy heavier heaviest lighter "
    "lose loses lost losing shed sheds shedding".split()
)
"""Words that make "pounds" in their sentence a weight, not money ("weighs 180 pounds",
"shedding 60 pounds"); so do "of" and "per" after it ("60 pounds of equipment")."""


def pounds_weigh(words: Sequence[str], at: int, scaled: bool) -> bool:
    """Whether "pound(s)" at ``at`` of the sentence's lower-case ``words`` is a weight: not after
    a scale word (``scaled``: "a million pounds" is money), and followed by "of" or "per" or in
    a sentence of :data:`WEIGHT_WORDS`. Otherwise it is money (sterling)."""
    if scaled:
        return False
    if at + 1 < len(words) and words[at + 1] in ("of", "per"):
        return True
    return any(w in WEIGHT_WORDS for w in words)


TEMPERATURE = "temperature:C"
"""The unit of a temperature, in degrees Celsius (Fahrenheit converted)."""
_SCALES = {"c": "c", "celsius": "c", "centigrade": "c", "f": "f", "fahrenheit": "f"}


def temperature_scale(toks: list[Token], after: int, suffix: str) -> tuple[str, int] | None:
    """The scale ("c" or "f") of a temperature whose number ends before ``after`` and the index
    after it: a glued "C" or "F" ("41.2C", "103F"), "°C", "degrees Celsius", "degrees F"; None
    otherwise (bare "degrees" may be an angle)."""
    if suffix in ("c", "f"):
        return suffix, after
    word = toks[after].text.lower() if after < len(toks) else ""
    nxt = toks[after + 1].text.lower() if after + 1 < len(toks) else ""
    if word in ("°", "degree", "degrees") and nxt in _SCALES:
        return _SCALES[nxt], after + 2
    return None
