"""Typed values read from statements: numbers, dates, ordinals, polarity, certainty.

Each value is a row of the ``values`` frame (see :data:`compare.frames.VALUES`) with an
interval ``[low, high]`` and a ``unit`` that says what it counts or qualifies, so that
comparisons only ever put like against like: "12 people" against "15 people", never
"140 people" against "140 kilometres". Extraction is rule-based and offline.

:func:`extract` reads a sentence token by token with one reader per kind of value (clock
time, date, weekday, year, ordinal, count), then its places and nationalities; the
:mod:`compare.markers` add harm polarity, certainty and attribution. The words all of them
know are in :mod:`compare.lexicon` (the ones other stages import from here are re-exported),
the tokens they read and the :class:`Value` they return in :mod:`compare.sentence`; countries
and nationalities are read by :mod:`compare.statements.place_values`.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from typing import NamedTuple

import polars as pl

from .. import frames
from ..text.ages import ages
from ..text.lexicon import (
    AM_PM,
    CURRENCY,
    DATELINE,
    DECADE_PARTS,
    HEDGES,
    MULTIPLIERS,
    NOT_UNITS,
    PARTIAL,
    RANK_CLASSES,
    REPORT_VERBS,
    SIZE_JOINS,
    VAGUE,
    WHOLE_DECADE,
    Hedge,
)

# re-exported: compare.conflicts and compare.features import these words from here
from ..text.lexicon import MONTHS as MONTHS
from ..text.lexicon import NUMBER_WORDS as NUMBER_WORDS
from ..text.lexicon import ORDINALS as ORDINALS
from ..text.lexicon import WEEKDAYS as WEEKDAYS
from ..text.lexicon import ZONES as ZONES
from ..text.quantities import slashed
from ..text.tokens import FRACTIONS
from ..text.units import (
    CURRENCY_WORDS,
    FRACTION_NOUNS,
    SCALE,
    fraction_before,
    pounds_weigh,
    round_figure,
    rounded,
)
from ..text.words import STOP_WORDS, stem
from .markers import attribution, polarity
from .place_values import LIST as LIST
from .place_values import POSSESSIVE as POSSESSIVE
from .place_values import places
from .ranks import numero, ordinal
from .sentence import BARE as BARE
from .sentence import (
    GLUED,
    Found,
    Sentence,
    Value,
    context_stems,
    day_of_month,
    head_at,
    noun_after,
    noun_at,
    parse_number,
    tokens,
    unit_of,
)

_HOUR_DIGITS = re.compile(r"\d{1,2}")
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_TIME = re.compile(r"^(\d{1,2}):(\d\d)$")
_DOT_TIME = re.compile(r"^(\d{1,2})\.([0-5]\d)$")
"""A clock time written with a dot, read only before "am" or "pm" ("3.42am", "11.45 p.m."): alone, a decimal."""


def _hedges_by_last_word() -> dict[str, list[tuple[list[str], Hedge]]]:
    """:data:`compare.lexicon.HEDGES` split in words and filed by their last word, in the table's
    order: a number is then tried only against the hedges that end with the word before it."""
    out: dict[str, list[tuple[list[str], Hedge]]] = {}
    for phrase, hedge in HEDGES.items():
        words = phrase.split()
        out.setdefault(words[-1], []).append((words, hedge))
    return out


_HEDGES_BY_LAST = _hedges_by_last_word()


class _Interval(NamedTuple):
    """A count as an interval, and the number of hedge words before it ("about 60": 48 .. 72, 1)."""

    low: float
    high: float
    hedge: int


def _clock(s: Sentence, i: int) -> Found | None:
    """A clock time at ``i`` ("9:40 p.m.", "6 p.m.", "6 p.m. EDT", "10 a.m. local time"), or
    None. The unit is "time", or "time:<zone>" when a zone is named."""
    toks, lows = s.toks, s.lows
    nxt = lows[i + 1] if i + 1 < len(toks) else ""
    m = _TIME.match(toks[i]) or (_DOT_TIME.match(toks[i]) if nxt in AM_PM else None)
    if m:
        h, mnt = int(m.group(1)), int(m.group(2))
    elif _HOUR_DIGITS.fullmatch(toks[i]) and 1 <= int(toks[i]) <= 12 and nxt in AM_PM:
        h, mnt = int(toks[i]), 0
    else:
        return None
    j = i + 1
    if nxt in AM_PM:
        if nxt.startswith("p") and h < 12:
            h += 12
        elif nxt.startswith("a") and h == 12:
            h = 0
        j += 1
    zone = ""
    if j < len(toks) and toks[j] in ZONES:
        zone, j = toks[j].lower(), j + 1
    elif j + 1 < len(toks) and lows[j + 1] == "time" and toks[j][0].isalpha() and lows[j] not in STOP_WORDS:
        zone, j = stem(lows[j]), j + 2  # "local time", "Malaysian time"
    minutes = h * 60 + mnt
    return Found([Value("time", s.span(i, j), minutes, minutes, f"time:{zone}" if zone else "time")], j)


def _date(s: Sentence, i: int) -> Found | None:
    """Month day [, year] or month year at a capitalised month ("March 4", "March 4th, 2024",
    "Mar. 4", "March 2024"): a "day" value (month * 100 + day), a "month" (year * 100 + month) and a
    "year"; or None ("May" is a month only before a day)."""
    toks, low = s.toks, s.lows[i]
    if low not in MONTHS:
        return None
    k = i + 1  # the day's token: after an abbreviation's dot ("Mar. 8", "Sept. 26")
    if k + 1 < len(toks) and toks[k] == "." and len(low) <= 4 and s.ends[i] == s.starts[k]:
        k += 1
    day = day_of_month(toks[k]) if k < len(toks) else None
    if (low == "may" and day is None) or not toks[i][0].isupper():
        return None
    j = k + (day is not None)
    while j < len(toks) and toks[j] == ",":
        j += 1
    year = toks[j] if j < len(toks) and _YEAR.match(toks[j]) else None
    month = MONTHS[low]
    out: list[Value] = []
    if day:
        out.append(Value("date", s.span(i, k + 1), month * 100 + day, month * 100 + day, "day"))
    if year:
        y = int(year[:4])
        span = f"{toks[i]} {year}" if not day else f"{s.span(i, k + 1)}, {year}"
        out.append(Value("date", span, y * 100 + month, y * 100 + month, "month"))
        out.append(Value("date", year, y, y, "year"))
        return Found(out, j + 1)
    return Found(out, j if day else i + 1)


def _day_first(s: Sentence, i: int) -> Found | None:
    """Day month [year] ("18 March", "13 April 2026", "19 September"), as :func:`_date` reads
    month day; or None."""
    toks, lows = s.toks, s.lows
    if i + 1 >= len(toks) or lows[i + 1] not in MONTHS or not toks[i + 1][0].isupper():
        return None
    day = day_of_month(toks[i])
    if day is None or (lows[i + 1] == "may" and not toks[i + 1][0].isupper()):
        return None
    month = MONTHS[lows[i + 1]]
    out = [Value("date", s.span(i, i + 2), month * 100 + day, month * 100 + day, "day")]
    j = i + 2
    if j < len(toks) and _YEAR.match(toks[j]):
        y = int(toks[j][:4])
        out.append(Value("date", f"{s.span(i, i + 2)} {toks[j]}", y * 100 + month, y * 100 + month, "month"))
        out.append(Value("date", toks[j], y, y, "year"))
        return Found(out, j + 1)
    return Found(out, j)


def _weekday(s: Sentence, i: int) -> Found | None:
    """A capitalised weekday; its unit is "weekday:said" next to a verb of reporting ("said
    Tuesday", "told reporters on Monday": the day of the report, not of the event)."""
    low, lows = s.lows[i], s.lows
    if low not in WEEKDAYS or not s.toks[i][0].isupper():
        return None
    before = lows[i - 2] if i > 1 and lows[i - 1] == "on" else lows[i - 1] if i else ""
    after = lows[i + 1] if i + 1 < len(lows) else ""
    unit = "weekday:said" if before in REPORT_VERBS or after in REPORT_VERBS else "weekday"
    return Found([Value("date", s.toks[i], WEEKDAYS[low], WEEKDAYS[low], unit)], i + 1)


def _year(s: Sentence, i: int) -> Found | None:
    """A year ("2016", unit "year:<noun>" when it labels one: "the 2016 election") or a decade
    ("the late 1990s": 1996 .. 1999)."""
    t = s.toks[i]
    if not _YEAR.match(t):
        return None
    y = int(t[:4])
    if t.endswith("s"):
        a, b = DECADE_PARTS.get(s.lows[i - 1] if i else "", WHOLE_DECADE)
        return Found([Value("date", t, y + a, y + b, "year")], i + 1)
    end, last = _years_end(s.toks, i, y)
    if end > i + 1:  # "1992-93", "2010-2014": one span of years, not a year and a number
        return Found([Value("date", s.span(i, end), y, last, "year")], end)
    # a year that labels a noun is compared only with the same label
    label = noun_after(s.toks, i + 1) if i + 1 < len(s.toks) and s.toks[i + 1][0].isalpha() else ""
    return Found([Value("date", t, y, y, f"year:{label}" if label else "year")], i + 1)


_YEARS_JOIN = frozenset((GLUED, "-", "–"))
"""What joins the first and last year of a span ("1992-93", "2014–15")."""
_YEARS_SPAN = 20
"""The longest span of years read from "1990-95" or "1990-2010" (a longer one is not a span)."""


def _years_end(toks: list[str], i: int, year: int) -> tuple[int, int]:
    """The end (token index) and last year of a span of years starting at the year at ``i``:
    a season or fiscal year ("2008-09"), a period ("1990-95", "2010-2014"); ``(i + 1, year)``
    when none follows."""
    if i + 2 < len(toks) and toks[i + 1] in _YEARS_JOIN and toks[i + 2].isdigit():
        nxt = toks[i + 2]
        last = year // 100 * 100 + int(nxt) if len(nxt) == 2 else int(nxt) if len(nxt) == 4 else year
        if len(nxt) == 2 and last <= year:  # "1999-00"
            last += 100
        if year < last <= year + _YEARS_SPAN:
            return i + 3, last
    return i + 1, year


def _partitive(s: Sentence, i: int) -> bool:
    """Whether the number at ``i`` is part of a number before it: "seven of the nine candidates"."""
    lows = s.lows
    return (i > 1 and lows[i - 1] == "of" and parse_number(s.toks[i - 2]) is not None) or (
        i > 2 and lows[i - 1] in ("the", "those", "these") and lows[i - 2] == "of"
        and parse_number(s.toks[i - 3]) is not None
    )  # fmt: skip


def _hedged(lows: list[str], i: int, number: float) -> _Interval:
    """Interval of the number at ``i`` widened by the hedge before it ("about 60"), with the
    hedge's length in words (0 without one)."""
    for words, hedge in _HEDGES_BY_LAST.get(lows[i - 1], ()) if i else ():
        if lows[max(0, i - len(words)) : i] == words:
            return _Interval(number * hedge.low, number * hedge.high, len(words))
    return _Interval(number, number, 0)


def _cardinal(s: Sentence, i: int) -> Found | None:
    """A count with its hedge, multipliers and range: "about 60 firefighters", "two thousand",
    "10 to 20 people". Counts in brackets (conversions), partial counts ("another 22", "seven
    of the nine") and ages ("a 7-year-old boy") are read but give no value."""
    toks, lows = s.toks, s.lows
    number = parse_number(toks[i])
    if number is None or (lows[i] == "one" and (i + 1 >= len(toks) or lows[i + 1] in ("of", ",", ".", "another"))):
        return None
    if s.depth[i] > 0 or (i and lows[i - 1] in PARTIAL) or _partitive(s, i) or _rank_class(lows, i):
        return Found([], i + 1)
    if i + 1 < len(toks) and toks[i + 1] in ZONES:
        return Found([], i + 1)  # a time ("1400 GMT"), no count
    negative = _negative(s, i)  # "fell to minus 5 degrees", "-5 degrees": not 5 degrees
    number, j = _multiplied(number, lows, i + 1)
    if j < len(toks) and lows[j] in FRACTION_NOUNS:
        return Found([], j)  # "three quarters of a million": the fraction is read at its scale word
    part, width = fraction_before(lows, i)  # "half a million": 500,000 from "half"
    interval = _hedged(lows, i - width, number * part)
    interval = interval._replace(hedge=interval.hedge + width)
    hedged_both_ways = interval.low < number * part < interval.high  # "some two dozen": round already
    if round_figure(lows[i:j]) and not hedged_both_ways:  # "two dozen": a round figure
        low, high = rounded(interval.low, interval.high)
        interval = interval._replace(low=low, high=high)
    between = j < len(toks) and lows[j] == "and" and i > 0 and lows[i - 1] == "between"  # "between 10 and 15"
    joined = j + 1 < len(toks) and (lows[j] in ("to", "-", GLUED, "or") or between)  # "10 to 20", "eight or nine"
    if not negative and joined:
        other = parse_number(toks[j + 1])
        if other is not None and other > number:
            interval = interval._replace(high=other)
            scale, j = _multiplied(1.0, lows, j + 2)  # "2-3 million tonnes": the scale word scales both ends
            interval = interval._replace(low=interval.low * scale, high=interval.high * scale)
    if negative:  # below zero, the sign quoted with the figure
        interval = _Interval(-interval.high, -interval.low, interval.hedge + 1)
    k = head_at(toks, noun_at(toks, j), many=interval.high > 1)
    if k > 0 and toks[k - 1] == GLUED and lows[k].endswith("old"):
        return Found([], k + 1)
    got = _count(s, i, j, k, interval, i - width)
    return Found([got] if got else [], j)


def _multiplied(number: float, lows: list[str], j: int) -> tuple[float, int]:
    """``number`` times the multiplier words from ``j`` on ("two thousand", "1.5 million"), and the
    index after them."""
    while j < len(lows) and lows[j] in MULTIPLIERS:
        number *= MULTIPLIERS[lows[j]]
        j += 1
    return number, j


def _negative(s: Sentence, i: int) -> bool:
    """Whether the number at ``i`` has a minus sign: the word "minus" before it, or a "-" glued to
    it with a space (or the sentence's start) before ("to -5 degrees"; never "10-5" nor "2008-09")."""
    if i == 0:
        return False
    if s.lows[i - 1] == "minus":
        return True
    sign = i - 1
    spaced = s.starts[sign] == 0 or s.text[s.starts[sign] - 1] == " "
    return s.toks[sign] == "-" and s.ends[sign] == s.starts[i] and spaced


def _size(s: Sentence, i: int) -> Found | None:
    """A size of two or three sides starting at ``i`` ("142 x 72.5 x 8.1 mm", "1920 x 1080
    pixels"): read past its unit, no value (the fact layer's; no count of "x", no year 1920)."""
    toks, lows, k = s.toks, s.lows, i
    while k + 2 < len(toks) and lows[k + 1] in SIZE_JOINS and parse_number(toks[k + 2]) is not None:
        k += 2
    if k == i:
        return None
    return Found([], k + 2 if k + 1 < len(toks) and toks[k + 1][:1].isalpha() else k + 1)


def _count(s: Sentence, i: int, j: int, k: int, interval: _Interval, first: int) -> Value | None:
    """The value of the count at ``i`` .. ``j - 1`` with the unit of the noun at ``k``;
    "passengers and crew" is a unit of its own. A count with no noun is :data:`BARE` ("killing
    5 others", "the score was 3"), except "one", "hundreds" and sums of money. Its context is
    read around ``first`` .. ``end``: the fraction of "half a million" is no word around it."""
    toks, lows = s.toks, s.lows
    lo, hi, hedge = interval
    unit = unit_of(toks, k) if k >= 0 else ""
    if i and toks[i - 1] in CURRENCY:
        return None  # a sum after a currency sign ("$1,099 phone" counts no phones): the fact layer reads it
    if currency := _currency(lows, i, j, k):  # "five dollars", "half a million pounds": a sum in that currency
        end = k + 1
        return Value("number", s.span(i - hedge, end), lo, hi, currency, context_stems(toks, lows, first, end))
    if unit and unit not in NOT_UNITS:
        end = k + 2 if unit.startswith("sq ") else k + 1
        if end + 1 < len(toks) and lows[end] == "and" and toks[end + 1][0].isalpha():
            nxt = lows[end + 1]
            if nxt not in STOP_WORDS and nxt not in NUMBER_WORDS and not toks[end + 1][0].isupper():
                unit, end = f"{unit}+{stem(nxt)}", end + 2
        return Value("number", s.span(i - hedge, end), lo, hi, unit, context_stems(toks, lows, first, end))
    no_figure = lows[i] == "one" or lows[i] in VAGUE or (i and toks[i - 1] in CURRENCY)
    if (not unit or unit == "other") and not no_figure:
        end = k + 1 if unit == "other" else j
        return Value("number", s.span(i - hedge, end), lo, hi, BARE, context_stems(toks, lows, first, end))
    return None


def _currency(lows: list[str], i: int, j: int, k: int) -> str:
    """The currency (ISO code) of the number at ``i`` .. ``j - 1`` when a currency word follows
    it (the noun at ``k``): "half a million pounds" is money, "174 pounds" a weight where the
    sentence weighs something. "" otherwise."""
    word = lows[k] if k >= 0 else ""
    if word not in CURRENCY_WORDS or (word in ("pound", "pounds") and pounds_weigh(lows, k, _scaled(lows, i, j))):
        return ""
    return CURRENCY_WORDS[word]


def _scaled(lows: list[str], i: int, j: int) -> bool:
    """Whether the number at ``i`` .. ``j - 1`` holds a scale word ("a million pounds" is money)."""
    return any(w in SCALE for w in lows[i:j])


def _rank_class(lows: list[str], i: int) -> bool:
    """Whether the number at ``i`` names a class of ranks (:data:`RANK_CLASSES`: "the top
    four", "a top-10 finish", "the top five payers"): it counts nothing the sentence reports."""
    before = lows[i - 2] if i > 1 and lows[i - 1] == GLUED else lows[i - 1] if i else ""
    return before in RANK_CLASSES


_READERS = (numero, _size, _clock, _date, _day_first, _weekday, _year, ordinal, _cardinal)
"""Value readers tried in turn at a token that can start a value; the first that reads it wins."""
_STARTS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(ORDINALS) | frozenset(NUMBER_WORDS)
"""Words a value can start at besides those with a digit ("twenty-five" is looked up by its first part)."""
_DIGIT = re.compile(rf"[\d{FRACTIONS}]")


def extract(text: str) -> list[Value]:
    """All typed values of one normalized sentence: times, dates, weekdays, years, ordinals
    and counts in sentence order, then places and nationalities."""
    s = tokens(text)
    toks, lows = s.toks, s.lows
    out: list[Value] = []
    dateline = DATELINE.match(text)  # when the story was filed, not when what it says happened
    i, n = bisect_left(s.starts, dateline.end()) if dateline else 0, len(toks)
    aged = {q.start for _, q in ages(text)}
    while i < n:
        low = lows[i]
        if low not in _STARTS and not _DIGIT.search(toks[i]) and low.partition("-")[0] not in NUMBER_WORDS:
            i += 1  # no value starts at a word that is no number, month, weekday or ordinal
            continue
        if toks[i][:1].isdigit() and (slashed(text, s.starts[i], s.ends[i]) or s.starts[i] in aged):
            i += 1  # one side of a ratio ("1/2.6-inch", "24/7"), an age ("Abaaoud, 27,": the fact layer's)
            continue
        if toks[i][0] in FRACTIONS and s.starts[i] and text[s.starts[i] - 1].isalnum():
            i += 1  # the fraction of a number the word before it holds ("6-foot-2½"): no figure alone
            continue
        for read in _READERS:
            found = read(s, i)
            if found is not None:
                out += _since(found.values, lows, i)
                i = found.end
                break
        else:
            i += 1
    return out + places(s)


SINCE = ":since"
"""The suffix of a date's unit when "since" comes before it (:func:`_since`)."""
_SINCE_BRIDGE = frozenset(("the", "early", "late", "mid"))
"""Words that may stand between "since" and the date it starts from ("since the 1930s", "since early 2005")."""


def _since(found: list[Value], lows: list[str], i: int) -> list[Value]:
    """The values read at ``i``, dates marked ``:since`` (unit "year:since", "day:since") when
    "since" comes before them: "the first time since 2005" dates an earlier event, the point a
    period starts from, and is compared only with another such date, never with the date of
    what a sentence reports ("since 1969" / "in February 2008")."""
    before = lows[i - 1] if i else ""
    if before in _SINCE_BRIDGE and i > 1:
        before = lows[i - 2]
    if before != "since":
        return found
    return [dataclasses.replace(v, unit=v.unit + SINCE) if v.kind == "date" else v for v in found]


WINDOW_STATEMENTS = 20_000
"""Statements read at a time: their values become a frame before the next window is read,
so the Python objects of one window only are alive at once."""


def values(statements: pl.DataFrame) -> pl.DataFrame:
    """Statements frame in, values frame out (see :data:`compare.frames.VALUES`)."""
    parts: list[pl.DataFrame] = []
    for chunk in statements.select("stmt_id", "text").iter_slices(WINDOW_STATEMENTS):
        rows: dict[str, list] = {name: [] for name in frames.VALUES}
        for stmt_id, text in chunk.iter_rows():
            seen: set[tuple[str, str, str]] = set()
            said = attribution(text)
            for v in extract(text) + polarity(text) + ([said] if said else []):
                key = (v.kind, v.span, v.unit)
                if key in seen:
                    continue
                seen.add(key)
                rows["stmt_id"].append(stmt_id)
                rows["kind"].append(v.kind)
                rows["span"].append(v.span)
                rows["low"].append(float(v.low))
                rows["high"].append(float(v.high))
                rows["unit"].append(v.unit)
                rows["context"].append(list(v.context))
        parts.append(frames.build(rows, frames.VALUES))
    if not parts:
        return frames.empty(frames.VALUES)
    return pl.concat(parts) if len(parts) > 1 else parts[0]
