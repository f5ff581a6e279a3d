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
from .places import COUNTRIES, COUNTRY_INDEX, MAX_WORDS, NATIONALITIES, lookup
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
_MULTIPLIERS = {
    "dozen": 12,
    "dozens": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
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
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "last": -1,
    "latest": -1,
    "final": -1,
}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS.update(
    {f"{tens}-{unit}": NUMBER_WORDS[tens] + ORDINALS[unit] for tens in _TENS for unit in list(ORDINALS)[:9]}
)
"""Hyphenated ordinals: "twenty-first" .. "ninety-ninth"."""
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
_NUM_FULL = re.compile(_NUM)
"""A whole token that is a number (compiled once: tokens are tested by the hundred thousand)."""
_DAY_OF_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_HOUR_DIGITS = re.compile(r"\d{1,2}")
_ORDINAL_DIGITS = re.compile(r"\d+(st|nd|rd|th)")
_LEADING_DIGITS = re.compile(r"\d+")
_POSSESSIVE_END = re.compile(r"'s?$")
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


GLUED = "\u2010"
"""A hyphen written between two words without spaces ("four-wheeled", "7-year-old"), kept
apart from a dash between spaces: only a glued hyphen joins a number to its noun."""


@dataclass
class _Tokens:
    """Tokens of one sentence with their character offsets, so spans quote the surface text."""

    text: str
    toks: list[str]
    starts: list[int]
    ends: list[int]

    def span(self, i: int, end: int) -> str:
        """The text of tokens ``i`` .. ``end - 1`` as written."""
        return self.text[self.starts[i] : self.ends[end - 1]]


def _is_number_word(word: str) -> bool:
    low = word.lower()
    return low in NUMBER_WORDS or low in ORDINALS


def _tokens(text: str) -> _Tokens:
    """Tokens with offsets; a compound whose head is a number or ordinal word is split in
    three ("four-wheeled" -> four, hyphen, wheeled; "second-story" -> second, hyphen, story),
    while "twenty-five" and "twenty-first" stay whole. Glued hyphens become :data:`GLUED`."""
    out = _Tokens(text, [], [], [])

    def add(tok: str, a: int, b: int) -> None:
        out.toks.append(tok)
        out.starts.append(a)
        out.ends.append(b)

    for m in _TOKEN.finditer(text):
        tok, a, b = m.group(), m.start(), m.end()
        head, dash, rest = tok.partition("-")
        if dash and rest and _is_number_word(head) and not _is_number_word(tok) and _parse_number(tok) is None:
            add(head, a, a + len(head))
            add(GLUED, a + len(head), a + len(head) + 1)
            add(rest, a + len(head) + 1, b)
        elif tok == "-" and 0 < a < len(text) - 1 and not text[a - 1].isspace() and not text[a + 1].isspace():
            add(GLUED, a, b)
        else:
            add(tok, a, b)
    return out


def _nationality_at(toks: list[str], k: int) -> int:
    """Number of tokens of the nationality word starting at ``k`` ("North Korean" is 2), or 0."""
    if not toks[k][:1].isupper():
        return 0
    return lookup(toks[k : k + MAX_WORDS], NATIONALITIES)[1]


def _noun_at(toks: list[str], i: int) -> int:
    """Index of the first content word at or after ``i``, skipping modifiers, number words and
    nationality words ("29 American troops" counts troops), and a glued hyphen right after the
    number ("7-wheeled"); -1 if a punctuation mark or a function word comes first."""
    k, steps = i, 0
    while k < len(toks) and steps < 4:
        low = toks[k].lower()
        if toks[k] == GLUED and k == i and k + 1 < len(toks) and toks[k + 1][0].isalpha():
            k += 1
            continue
        if not toks[k][0].isalnum():
            return -1
        if low in ("one", "ones"):
            return k
        nat = _nationality_at(toks, k)
        if nat:
            k += nat
            steps += 1
            continue
        if low in _MODIFIERS or low in NUMBER_WORDS or low in ORDINALS:
            k += 1
            steps += 1
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
    if _NUM_FULL.fullmatch(tok):
        return float(tok.replace(",", ""))
    return None


_PARTIAL = frozenset("another other additional further extra".split())
_UNIT_ALIASES = {
    "kilometr": "km", "kilomet": "km", "km": "km", "kms": "km", "mile": "mile", "mi": "mile", "metr": "m",
    "meter": "m", "m": "m", "feet": "ft", "foot": "ft", "ft": "ft", "kilogram": "kg", "kg": "kg",
    "pound": "lb", "lb": "lb", "peopl": "peopl", "person": "peopl", "individu": "peopl",
}  # fmt: skip
_CLAUSE_END = frozenset(',;:()[]"')
BARE = "bare"
"""Unit of a number or ordinal with no noun after it ("came second", "killing 5 others"): such
values are compared only between near-identical sentences."""
_CURRENCY = frozenset("$€£¥")
_VAGUE = frozenset("dozens hundreds thousands millions".split())
"""Plural number words that are no figure on their own ("hundreds of people")."""
_AM_PM = frozenset(["a.m.", "p.m.", "am", "pm"])
ZONES = frozenset(
    "GMT UTC BST CET CEST EET EEST WET EST EDT CST CDT MST MDT PST PDT AKST HST IST JST KST AEST AEDT MYT SGT".split()
)
"""Time-zone abbreviations: "6 p.m. EDT" and "6 p.m. GMT" are different moments, not a disagreement."""
_REPORT_VERBS = frozenset("said says told tells announced announces reported reports confirmed added".split())
"""Verbs of reporting: a weekday next to them is the day of the report, not of the event."""
_IN = frozenset("in at near through inside across throughout outside within".split())
_PLACE_ROLES = {"from": "from", "to": "to", "into": "to", "toward": "to", "towards": "to"}
_ENUM_JOINERS = frozenset([",", "and", "or", "&"])
LIST, POSSESSIVE = "list", "poss"
"""Roles of countries never compared: one of an enumeration ("France, Germany and Italy"),
and a possessive ("France's president")."""


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


def _day(tok: str) -> int | None:
    """Day of the month of "4" or "4th", if it is one."""
    m = _DAY_OF_MONTH.fullmatch(tok.lower())
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _clock(tt: _Tokens, lows: list[str], i: int) -> tuple[Value, int] | None:
    """A clock time at ``i`` ("9:40 p.m.", "6 p.m.", "6 p.m. EDT", "10 a.m. local time") and the
    index after it, or None. The unit is "time", or "time:<zone>" when a zone is named."""
    toks = tt.toks
    m = _TIME.match(toks[i])
    nxt = lows[i + 1] if i + 1 < len(toks) else ""
    if m:
        h, mnt = int(m.group(1)), int(m.group(2))
    elif _HOUR_DIGITS.fullmatch(toks[i]) and 1 <= int(toks[i]) <= 12 and nxt in _AM_PM:
        h, mnt = int(toks[i]), 0
    else:
        return None
    j = i + 1
    if nxt in _AM_PM:
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
    return Value("time", tt.span(i, j), minutes, minutes, f"time:{zone}" if zone else "time"), j


def _place_role(toks: list[str], lows: list[str], i: int) -> str:
    """Role of the country at ``i``: "in" (in, at, near... or "City, Country"), "from", "to",
    else the stem of the verb before it ("visited France" -> visit), else ""."""
    k = i - 1
    while k >= 0 and lows[k] in ("the", "northern", "southern", "eastern", "western", "central"):
        k -= 1
    if k < 0:
        return ""
    prev = lows[k]
    if prev in _IN:
        return "in"
    if prev in _PLACE_ROLES:
        return _PLACE_ROLES[prev]
    if prev == "," and k > 0 and toks[k - 1][:1].isupper() and toks[k - 1][0].isalpha():
        return "in"
    if toks[k][0].isalpha() and toks[k].islower() and prev not in STOP_WORDS and not _is_number_word(prev):
        return stem(prev)
    return ""


_PERSON_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Israel", "India", "Kenya"})
"""Countries that are also first or last names: after any capitalised word ("Michael Jordan"),
even the first of the sentence, they are read as part of a name."""


def _in_name(toks: list[str], i: int, n: int) -> bool:
    """True when the words ``i`` .. ``i + n - 1`` are part of a longer name: a capitalised word
    after them ("Georgia Tech", "Indian Ocean", "British Airways"), or one before them inside the
    sentence ("Latin American"; not "In France", "Four Chinese people" at the start of a sentence)."""
    if i + n < len(toks) and toks[i + n][:1].isupper() and toks[i + n][0].isalpha():
        return True
    if i == 0 or not (toks[i - 1][:1].isupper() and toks[i - 1].isalpha()):
        return False
    prev = toks[i - 1].lower()
    if prev in STOP_WORDS or _is_number_word(prev):
        return False
    return i > 1 or toks[i] in _PERSON_NAMES


def _places(tt: _Tokens, lows: list[str]) -> list[Value]:
    """Countries (kind "place", unit = role) and nationalities (kind "nationality", unit = the
    noun they describe). Value ``low`` = ``high`` = :data:`compare.places.COUNTRY_INDEX` of the country."""
    toks = tt.toks
    found: list[tuple[str, int, int, str]] = []  # (kind, start, end, country)
    i = 0
    while i < len(toks):
        if toks[i][:1].isupper():
            words = [_POSSESSIVE_END.sub("", t) for t in toks[i : i + MAX_WORDS]]
            for kind, table in (("place", COUNTRIES), ("nationality", NATIONALITIES)):
                country, n = lookup(words, table)
                if n and not _in_name(toks, i, n):
                    found.append((kind, i, i + n, country))
                    i += n - 1
                    break
        i += 1
    out: list[Value] = []
    for idx, (kind, a, b, country) in enumerate(found):
        # neighbours in an enumeration: only "," / "and" / "or" between two mentions of one kind
        linked = [
            other
            for other in (found[idx - 1] if idx else None, found[idx + 1] if idx + 1 < len(found) else None)
            if other
            and other[0] == kind
            and all(lows[q] in _ENUM_JOINERS for q in range(min(b, other[2]), max(a, other[1])))
        ]
        num = COUNTRY_INDEX[country]
        if kind == "place":
            if toks[b - 1].endswith("'s") or toks[b - 1].endswith("'") or (b < len(toks) and toks[b] == "'"):
                role = POSSESSIVE
            elif linked:
                role = LIST
            else:
                role = _place_role(toks, lows, a)
            out.append(Value("place", tt.span(a, b), num, num, role))
            continue
        # nationality: the noun after the last of an enumeration ("American and British troops")
        last = idx
        while (
            last + 1 < len(found)
            and found[last + 1][0] == "nationality"
            and all(lows[q] in _ENUM_JOINERS for q in range(found[last][2], found[last + 1][1]))
        ):
            last += 1
        end = found[last][2]
        noun = ""
        if end < len(toks) and toks[end][0].isalpha() and toks[end].islower() and lows[end] not in STOP_WORDS:
            noun = stem(lows[end])
        out.append(Value("nationality", tt.span(a, b), num, num, noun))
    return out


_STARTS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(ORDINALS) | frozenset(NUMBER_WORDS)
"""Words a value can start at besides those with a digit ("twenty-five" is looked up by its first part)."""
_DIGIT = re.compile(r"\d")


def extract(text: str) -> list[Value]:
    """All typed values of one normalized sentence."""
    tt = _tokens(text)
    toks = tt.toks
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
        if low not in _STARTS and not _DIGIT.search(t) and low.partition("-")[0] not in NUMBER_WORDS:
            i += 1  # no value starts at a word that is no number, month, weekday or ordinal
            continue
        # times of day: 9:40 p.m., 6 p.m. EDT
        clock = _clock(tt, lows, i)
        if clock:
            out.append(clock[0])
            i = clock[1]
            continue
        # month day [, year] / month year; the day may be written "4th"
        nxt_day = _day(toks[i + 1]) if low in MONTHS and i + 1 < len(toks) else None
        if low in MONTHS and (low != "may" or nxt_day is not None) and t[0].isupper():
            day = nxt_day
            j = i + 1 + (day is not None)
            while j < len(toks) and toks[j] == ",":
                j += 1
            year = toks[j] if j < len(toks) and _YEAR.match(toks[j]) else None
            month = MONTHS[low]
            if day:
                out.append(Value("date", tt.span(i, i + 2), month * 100 + day, month * 100 + day, "day"))
            if year:
                y = int(year[:4])
                span = f"{t} {year}" if not day else f"{tt.span(i, i + 2)}, {year}"
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
            # "said Tuesday", "told reporters on Monday": the day of the report, not of the event
            before = lows[i - 2] if i > 1 and lows[i - 1] == "on" else lows[i - 1] if i else ""
            after = lows[i + 1] if i + 1 < len(toks) else ""
            unit = "weekday:said" if before in _REPORT_VERBS or after in _REPORT_VERBS else "weekday"
            out.append(Value("date", t, WEEKDAYS[low], WEEKDAYS[low], unit))
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
        # ordinals: "the third major fire", "1st", "the twenty-first century"; bare: "came second"
        if low in ORDINALS or _ORDINAL_DIGITS.fullmatch(low):
            prev = lows[i - 1] if i else ""
            sentence_start = i == 0 or (i == 1 and not toks[0][0].isalnum())
            nxt_punct = i + 1 < len(toks) and not toks[i + 1][0].isalnum()
            if not (sentence_start and nxt_punct) and low not in ("last", "latest", "final"):
                n = ORDINALS.get(low) or int(_LEADING_DIGITS.match(low).group())
                k = _noun_at(toks, i + 1)
                if k > 0:
                    out.append(Value("ordinal", tt.span(i, k + 1), n, n, _noun_after(toks, i + 1)))
                elif prev not in ("at", "for"):  # "at first" is an adverb, not a rank
                    out.append(Value("ordinal", t, n, n, BARE))
            i += 1
            continue
        # cardinals with hedges: "about 60 firefighters", "twelve people", "two thousand"
        number = _parse_number(t)
        if number is not None and not (
            low == "one" and (i + 1 >= len(toks) or lows[i + 1] in ("of", ",", ".", "another"))
        ):
            partitive = (i > 1 and lows[i - 1] == "of" and _parse_number(toks[i - 2]) is not None) or (
                i > 2 and lows[i - 1] in ("the", "those", "these") and lows[i - 2] == "of"
                and _parse_number(toks[i - 3]) is not None
            )  # fmt: skip
            if depth[i] > 0 or (i and lows[i - 1] in _PARTIAL) or partitive:
                # a conversion in brackets, "another 22", "seven of the nine candidates": not a total
                i += 1
                continue
            j = i + 1
            while j < len(toks) and lows[j] in _MULTIPLIERS:
                number *= _MULTIPLIERS[lows[j]]
                j += 1
            lo = hi = number
            hedge = 0
            for h, (a, b) in _HEDGES.items():
                words = h.split()
                if lows[max(0, i - len(words)) : i] == words:
                    lo, hi, hedge = number * a, number * b, len(words)
                    break
            if j + 1 < len(toks) and lows[j] in ("to", "-", GLUED, "or"):  # "10 to 20", "eight or nine"
                other = _parse_number(toks[j + 1])
                if other is not None and other > number:
                    hi = other
                    j += 2
            k = _noun_at(toks, j)
            if k > 0 and toks[k - 1] == GLUED and lows[k].endswith("old"):
                i = k + 1  # "a 7-year-old boy": an age, not a count
                continue
            unit = _unit(toks, k) if k >= 0 else ""
            if unit and unit not in ("percent", "%", "other", "more", "one", "time"):
                end = k + 2 if unit.startswith("sq ") else k + 1
                if end + 1 < len(toks) and lows[end] == "and" and toks[end + 1][0].isalpha():
                    nxt = lows[end + 1]
                    if nxt not in STOP_WORDS and nxt not in NUMBER_WORDS and not toks[end + 1][0].isupper():
                        unit, end = f"{unit}+{stem(nxt)}", end + 2  # "passengers and crew" is another count
                span = tt.span(i - hedge, end)
                out.append(Value("number", span, lo, hi, unit, _context(toks, lows, i, end)))
            elif (not unit or unit == "other") and low not in ("one", *_VAGUE) and not (i and toks[i - 1] in _CURRENCY):
                end = k + 1 if unit == "other" else j  # "killing 5 others", "the score was 3"
                out.append(Value("number", tt.span(i - hedge, end), lo, hi, BARE, _context(toks, lows, i, end)))
            i = j
            continue
        i += 1
    return out + _places(tt, lows)


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


_SPEECH = r"said|says|told|stated|added|confirmed|denied|announced|insisted|claimed|reported|explained|warned"
_TITLES = frozenset(
    "mr mrs ms dr prof chief mayor president minister director spokesman spokeswoman captain "
    "officer sergeant lt gen col sen rep gov".split()
)
_NAME = r"(?:[A-Z][\w.'-]*\s+){0,4}[A-Z][\w.'-]*"
_ATTRIBUTION = [
    re.compile(rf"\baccording to (?:the |a )?(?:[a-z]+ ){{0,3}}(?P<who>{_NAME})"),
    re.compile(rf"(?P<who>{_NAME})(?:,[^,]{{1,80}},)?\s+(?P<verb>{_SPEECH})\b"),
    re.compile(rf"\b(?P<verb>{_SPEECH})\s+(?P<who>{_NAME})"),
    re.compile(
        r"\b(?P<who>(?:the )?(?:[a-z]+ ){0,2}(?:police|officials?|spokes(?:man|woman)|authorities|investigators"
        rf"|ministry|government|company|agency))\s+(?:(?:have|has|had|already|also|previously)\s+){{0,2}}"
        rf"(?P<verb>{_SPEECH})\b",
        re.I,
    ),
]  # fmt: skip


def attribution(text: str) -> Value | None:
    """Who a statement says said it: "..., fire chief Marta Velasquez said", "according to
    police", "Officials confirmed ...". The claim is then the source's report of that speaker's
    claim, and the report names the speaker."""
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(text):
            who = m.group("who").strip().rstrip(".,;:")
            parts = who.split()
            titles = [i for i, w in enumerate(parts) if w.lower().strip(".") in _TITLES]
            if titles and titles[-1] < len(parts) - 1:
                parts = parts[titles[-1] + 1 :]  # "French President Francois Hollande" -> the name
            words = [w for w in parts if w.lower().strip(".") not in _TITLES]
            if not words or (m.start("who") == 0 and len(words) == 1 and words[0].lower() in STOP_WORDS):
                continue
            if words[0].lower() in STOP_WORDS and words[0][0].isupper():
                words = words[1:]  # "The ..." at the start of the sentence
            if not words:
                continue
            verb = m.groupdict().get("verb") or "according to"
            who = " ".join(words)
            if pattern is _ATTRIBUTION[-1]:
                who = who.lower()  # "Officials confirmed": a generic speaker, not a name
            return Value("attribution", who, 0, 0, verb.lower())
    return None


WINDOW_STATEMENTS = 20_000
"""Statements read at a time: their values become a frame before the next window is read,
so the Python objects of one window only are alive at once."""


def values(statements: pl.DataFrame) -> pl.DataFrame:
    """Statements frame in, values frame out (see :data:`compare.frames.VALUES`)."""
    parts: list[pl.DataFrame] = []
    for chunk in statements.select("stmt_id", "text").iter_slices(WINDOW_STATEMENTS):
        rows: dict[str, list] = {name: [] for name in frames.VALUES}
        for stmt_id, text in chunk.iter_rows():
            seen = set()
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
