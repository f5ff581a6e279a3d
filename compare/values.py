"""Typed values read from statements: numbers, dates, ordinals, polarity, certainty.

Each value is a row of the ``values`` frame (see :data:`compare.frames.VALUES`) with an
interval ``[low, high]`` and a ``unit`` that says what it counts or qualifies, so that
comparisons only ever put like against like: "12 people" against "15 people", never
"140 people" against "140 kilometres". Extraction is rule-based and offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from . import frames
from .text import STOP_WORDS, stem

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "dozens": 24,
    "hundred": 100,
    "hundreds": 200,
    "thousand": 1000,
    "thousands": 2000,
    "million": 1e6,
    "millions": 2e6,
    "billion": 1e9,
    "a dozen": 12,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "trillion": 1e12}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "last": -1,
    "latest": -1,
    "final": -1,
}
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_HEDGES = {
    "about": (0.8, 1.2),
    "around": (0.8, 1.2),
    "approximately": (0.8, 1.2),
    "roughly": (0.8, 1.2),
    "some": (0.8, 1.2),
    "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0),
    "up to": (0.0, 1.0),
    "more than": (1.0, 1.5),
    "over": (1.0, 1.5),
    "at least": (1.0, 2.0),
    "fewer than": (0.5, 1.0),
    "less than": (0.5, 1.0),
    "under": (0.5, 1.0),
    "at most": (0.0, 1.0),
    "nearly all": (0.85, 1.0),
}
# Words skipped between a number or ordinal and the noun it qualifies.
_MODIFIERS = frozenset(
    """
    other more major big large small huge massive new additional separate significant official
    formal informal serious minor high-profile key top senior junior young old full whole total
    further previous earlier recent different so-called confirmed reported known
    """.split()
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
_TOKEN = re.compile(
    r"\d[\d,.]*\d(?=(?:km|kg|mi|ft|lb|mph|kph|m|bn|mn|k)\b)|\d(?=(?:km|kg|mi|ft|lb|mph|kph|m|bn|mn|k)\b)|\b[ap]\.m\.|[A-Za-z]\.(?:[A-Za-z]\.)+|[A-Za-z][A-Za-z0-9'-]*|\d[\d,.:]*\d(?:s|st|nd|rd|th)?\b|\d(?:st|nd|rd|th)?\b|[^\sA-Za-z\d]"
)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)s?$")
_TIME = re.compile(r"^(\d{1,2}):(\d\d)$")


@dataclass(frozen=True)
class Value:
    """One typed value read from a statement."""

    kind: str
    span: str
    low: float
    high: float
    unit: str
    context: tuple[str, ...] = ()
    """Stems of the words around a number that say what happened to what is counted
    ("were treated for smoke"), so "12 people injured" is not compared with "12 people arrested"."""


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _noun_at(toks: list[str], i: int) -> int:
    """Index of the first content word at or after ``i``, skipping modifiers and
    number words; -1 if a punctuation mark or a function word comes first."""
    for k in range(i, min(i + 4, len(toks))):
        low = toks[k].lower()
        if not toks[k][0].isalnum():
            return -1
        if low in ("one", "ones"):
            return k
        if low in _MODIFIERS or low in NUMBER_WORDS or low in ORDINALS:
            continue
        return -1 if low in STOP_WORDS else k
    return -1


def _noun_after(toks: list[str], i: int) -> str:
    """Stem of the noun :func:`_noun_at` finds ("one" for a bare "one"), or ""."""
    k = _noun_at(toks, i)
    if k < 0:
        return ""
    low = toks[k].lower()
    return "one" if low in ("one", "ones") else stem(low)


def _parse_number(tok: str) -> float | None:
    low = tok.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    tens, _, unit = low.partition("-")  # "twenty-five"
    if unit and NUMBER_WORDS.get(tens, 0) in range(20, 100, 10) and NUMBER_WORDS.get(unit, 10) < 10:
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[unit])
    if re.fullmatch(_NUM, tok):
        return float(tok.replace(",", ""))
    return None


_PARTIAL = frozenset("another other additional further extra".split())
_UNIT_ALIASES = {
    "kilometr": "km", "kilomet": "km", "km": "km", "kms": "km", "mile": "mile", "mi": "mile", "metr": "m",
    "meter": "m", "m": "m", "feet": "ft", "foot": "ft", "ft": "ft", "kilogram": "kg", "kg": "kg",
    "pound": "lb", "lb": "lb", "peopl": "peopl", "person": "peopl", "individu": "peopl",
}  # fmt: skip
_CLAUSE_END = frozenset(',;:()[]"')


def _unit(toks: list[str], k: int) -> str:
    """Canonical unit of the noun at ``k``: "sq km" and "square kilometres" are one unit."""
    low = toks[k].lower()
    if low in ("sq", "square") and k + 1 < len(toks) and toks[k + 1][0].isalpha():
        return "sq " + _UNIT_ALIASES.get(stem(toks[k + 1].lower()), stem(toks[k + 1].lower()))
    st = "one" if low in ("one", "ones") else stem(low)
    return _UNIT_ALIASES.get(st, st)


def _context(toks: list[str], lows: list[str], start: int, end: int) -> tuple[str, ...]:
    """Content stems within the clause around a number: three words before, five after."""
    out: list[str] = []
    for rng in (range(start - 1, max(-1, start - 4), -1), range(end, min(len(toks), end + 5))):
        for q in rng:
            if toks[q] in _CLAUSE_END or toks[q] == ".":
                break
            if toks[q][0].isalpha() and lows[q] not in STOP_WORDS and lows[q] not in NUMBER_WORDS:
                out.append(stem(lows[q]))
    return tuple(sorted(set(out)))


def extract(text: str) -> list[Value]:
    """All typed values of one normalized sentence."""
    toks = _tokens(text)
    lows = [t.lower() for t in toks]
    depth, d = [], 0  # bracket depth of every token
    for t in toks:
        d += t == "("
        depth.append(d)
        d -= t == ")" and d > 0
    out: list[Value] = []
    i = 0
    while i < len(toks):
        t, low = toks[i], lows[i]
        # times of day: 9:40 p.m.
        m = _TIME.match(t)
        if m:
            h, mnt = int(m.group(1)), int(m.group(2))
            nxt = lows[i + 1] if i + 1 < len(toks) else ""
            if nxt.startswith("p") and h < 12:
                h += 12
            minutes = h * 60 + mnt
            suffix = " " + toks[i + 1] if nxt in ("p.m.", "a.m.", "pm", "am") else ""
            out.append(Value("time", t + suffix, minutes, minutes, "time"))
            i += 1
            continue
        # month day [, year] / month year
        if low in MONTHS and (low != "may" or (i + 1 < len(toks) and toks[i + 1].isdigit())) and t[0].isupper():
            day = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].isdigit() and int(toks[i + 1]) <= 31 else None
            j = i + 1 + (day is not None)
            while j < len(toks) and toks[j] == ",":
                j += 1
            year = toks[j] if j < len(toks) and _YEAR.match(toks[j]) else None
            month = MONTHS[low]
            if day:
                out.append(Value("date", f"{t} {day}", month * 100 + int(day), month * 100 + int(day), "day"))
            if year:
                y = int(year[:4])
                span = f"{t} {year}" if not day else f"{t} {day}, {year}"
                out.append(Value("date", span, y * 100 + month, y * 100 + month, "month"))
                out.append(Value("date", year, y, y, "year"))
                i = j + 1
                continue
            if not day:
                i += 1
                continue
            i = j
            continue
        if low in WEEKDAYS and t[0].isupper():
            out.append(Value("date", t, WEEKDAYS[low], WEEKDAYS[low], "weekday"))
            i += 1
            continue
        ym = _YEAR.match(t)
        if ym:
            y = int(t[:4])
            if t.endswith("s"):  # the 1990s
                prev = lows[i - 1] if i else ""
                lo, hi = (
                    (y, y + 3)
                    if prev == "early"
                    else (y + 3, y + 6)
                    if prev == "mid"
                    else (y + 6, y + 9)
                    if prev == "late"
                    else (y, y + 9)
                )
                out.append(Value("date", t, lo, hi, "year"))
            else:
                # "the 2016 election": a year that labels a noun is compared only with the same label
                label = _noun_after(toks, i + 1) if i + 1 < len(toks) and toks[i + 1][0].isalpha() else ""
                out.append(Value("date", t, y, y, f"year:{label}" if label else "year"))
            i += 1
            continue
        # ordinals: "the third major fire", "1st"
        if low in ORDINALS or re.fullmatch(r"\d+(st|nd|rd|th)", low):
            prev = lows[i - 1] if i else ""
            sentence_start = i == 0 or (i == 1 and not toks[0][0].isalnum())
            nxt_punct = i + 1 < len(toks) and not toks[i + 1][0].isalnum()
            if (
                not (sentence_start and nxt_punct)
                and prev not in ("at", "for")
                and low not in ("last", "latest", "final")
            ):
                n = ORDINALS.get(low) or int(re.match(r"\d+", low).group())
                k = _noun_at(toks, i + 1)
                if k > 0:
                    out.append(Value("ordinal", " ".join(toks[i : k + 1]), n, n, _noun_after(toks, i + 1)))
            i += 1
            continue
        # cardinals with hedges: "about 60 firefighters", "twelve people", "two thousand"
        number = _parse_number(t)
        if number is not None and not (
            low == "one" and (i + 1 >= len(toks) or lows[i + 1] in ("of", ",", ".", "another"))
        ):
            if depth[i] > 0 or (i and lows[i - 1] in _PARTIAL):
                # a conversion in brackets, or "another 22": not a total to compare
                i += 1
                continue
            j = i + 1
            while j < len(toks) and lows[j] in _MULTIPLIERS:
                number *= _MULTIPLIERS[lows[j]]
                j += 1
            lo = hi = number
            hedge = ""
            for h, (a, b) in _HEDGES.items():
                words = h.split()
                if lows[max(0, i - len(words)) : i] == words:
                    lo, hi, hedge = number * a, number * b, h + " "
                    break
            if lows[j : j + 1] == ["to"] or lows[j : j + 1] == ["-"]:
                other = _parse_number(toks[j + 1]) if j + 1 < len(toks) else None
                if other is not None and other > number:
                    hi = other
                    j += 2
            k = _noun_at(toks, j)
            unit = _unit(toks, k) if k >= 0 else ""
            if unit and unit not in ("percent", "%", "other", "more", "one", "time"):
                end = k + 2 if unit.startswith("sq ") else k + 1
                if end + 1 < len(toks) and lows[end] == "and" and toks[end + 1][0].isalpha():
                    nxt = lows[end + 1]
                    if nxt not in STOP_WORDS and nxt not in NUMBER_WORDS and not toks[end + 1][0].isupper():
                        unit, end = f"{unit}+{stem(nxt)}", end + 2  # "passengers and crew" is another count
                span = hedge + " ".join(toks[i:end])
                out.append(Value("number", span.strip(), lo, hi, unit, _context(toks, lows, i, end)))
            i = j
            continue
        i += 1
    return out


_NEG_HARM = re.compile(
    r"\b(no|zero)\s+(injuries|injury|casualties|deaths|fatalities|one was (hurt|injured|killed))\b"
    r"|\b(nobody|no one|none)\s+(was|were|had been|has been)\s+(\w+\s+)?(hurt|injured|killed|harmed|wounded)\b"
    r"|\bwithout (any )?(injuries|injury|casualties)\b",
    re.I,
)
_POS_HARM = re.compile(
    r"\b(injured|injuries|hurt|wounded|treated for|hospitali[sz]ed|taken to (the )?(\w+ )?(\w+'s )?hospital"
    r"|minor burns|burns|killed|dead|died|death toll|casualties)\b",
    re.I,
)
_HARM_CLASS = {"kill": "deaths", "dead": "deaths", "die": "deaths", "death": "deaths", "casualti": "injuries"}
_UNCERTAIN = re.compile(
    r"\b(not (yet )?(been )?(determined|known|confirmed|established|clear|identified)|unknown|unclear"
    r"|under investigation|being (examined|investigated)|one (of the )?possibilit\w*|too early to"
    r"|may have been|might have been|remains? to be seen)\b",
    re.I,
)
_CERTAIN = re.compile(
    r"\b(have|has|had) (already )?(confirmed|determined|established|concluded)\b|\bconfirmed that\b"
    r"|\bwas caused by\b|\bwere caused by\b|\bdetermined that\b|\bit was an? (accident|arson)\b",
    re.I,
)


def _harm_class(match: str) -> str:
    low = match.lower()
    return "deaths" if any(w in low for w in ("kill", "dead", "death", "died", "fatal")) else "injuries"


def polarity(text: str) -> list[Value]:
    """Polarity and certainty markers: negated or asserted harm, uncertain or certain causes."""
    out: list[Value] = []
    negated = set()
    for m in _NEG_HARM.finditer(text):
        cls = _harm_class(m.group())
        negated.add(cls)
        out.append(Value("polarity", m.group(), 0, 0, cls))
    for m in _POS_HARM.finditer(text):
        cls = _harm_class(m.group())
        if cls not in negated and not _NEG_HARM.search(text[max(0, m.start() - 20) : m.end()]):
            out.append(Value("polarity", m.group(), 1, 1, cls))
    u, c = _UNCERTAIN.search(text), _CERTAIN.search(text)
    if u:
        out.append(Value("certainty", u.group(), 0, 0, "certainty"))
    elif c:
        out.append(Value("certainty", c.group(), 1, 1, "certainty"))
    return out


def values(statements: pl.DataFrame) -> pl.DataFrame:
    """Statements frame in, values frame out (see :data:`compare.frames.VALUES`)."""
    rows: dict[str, list] = {name: [] for name in frames.VALUES}
    for stmt_id, text in statements.select("stmt_id", "text").iter_rows():
        seen = set()
        for v in extract(text) + polarity(text):
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
    return pl.DataFrame(rows, schema=frames.VALUES)
