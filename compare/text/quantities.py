"""Quantities read from one sentence: counts, money, percentages, measures, clock times, ages.

The fact layer (:mod:`compare.statements.facts`) needs more of a value than the values stage
keeps: its dimension and unit in a comparable scale ("$1.2bn" and "1.4 billion dollars" are
both USD; "189 grams" and "201g" both kg), its bound ("at least 128" is 128 or more), and where
it sits in the sentence, so that the words around it can say *what* it is a value of.
Everything is rule-based and offline; every reading is one pass of regular expressions.

What is deliberately not read as a quantity: years and days of a date (the values stage reads
dates), numbers that are part of a name ("Solen 5", "Flight 370", "USB 3.2"), season and year
ranges ("2019-20"), and a measure repeated in another unit in brackets ("1,600 km (1,000 miles)").
"""

from __future__ import annotations

import re

from .clock import NAMED_HOURS, clock_at, time_bound
from .lexicon import MONTHS, NUMBER_WORDS, RANK_CLASSES, SCORE_WORDS, STREETS, ZONES, numero_sign
from .measures import (
    HYPHEN_NUMBER,
    MAGNITUDE,
    dimensions,
    hyphenated,
    joined_parts,
    magnitude_at,
    merged,
    ranges,
    unit_at,
)
from .measures import SIZE as SIZE
from .tokens import FRACTIONS, Quantity, Token, digits, quantity_at, tokenize
from .tokens import TOKEN as TOKEN
from .units import (
    BOUNDS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    FRACTION_NOUNS,
    SCALE,
    SCALE_WORDS,
    UNITS,
    fraction_before,
    pounds_weigh,
    temperature_scale,
)
from .units import TEMPERATURE as TEMPERATURE
from .words import STOP_WORDS

_FRACTION_SHARES = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
"""A change by a fraction ("cut by a third", "lowers the risk by about a fifth") as a percentage."""
_STARTERS = frozenset(
    [w for w in NUMBER_WORDS if " " not in w] + [m for m in MONTHS] + ["usd", "eur", "gbp", "aud"] + [*_FRACTION_SHARES]
    + [*NAMED_HOURS]
    + [f"{t}-{u}" for t in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
       for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")]
)  # fmt: skip
"""Lower-case words a quantity may start with (number words, months, currency codes, named hours)."""
_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR_END = re.compile(r"\d{2,4}")

_PLAIN_WORDS = {
    w: v for w, v in NUMBER_WORDS.items() if " " not in w and w not in ("dozens", "hundreds", "thousands", "millions")
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NAME_LIKE = re.compile(r"^(?:[A-Z][A-Za-z]*(?:-[A-Za-z]+)*|[a-z]{1,2}[A-Z][A-Za-z]*)$")  # "iPhone" too
_SENTENCE_OPENERS = frozenset(
    "The A An At In On By For Of From With About Around Some Nearly Almost More Less Up".split()
)


def hyphen_number(low: str) -> tuple[float, list[str]] | None:
    """A number and the words hyphenated to it (lower case), in digits ("4,800-tonne",
    "27-year-old") or in words ("seven-year-old", "twenty-five-year-old", "six-mile"); None for
    anything else, a number in words alone ("twenty-five") included, and a scale word ("a
    hundred-year-old tree" is no age of 100)."""
    if m := HYPHEN_NUMBER.match(low):
        return float(m.group(1).replace(",", "")), m.group(2).split("-")
    parts = low.split("-")
    if len(parts) > 2 and parts[0] in _TENS and _PLAIN_WORDS.get(parts[1], 10) < 10:
        return float(_TENS[parts[0]] + _PLAIN_WORDS[parts[1]]), parts[2:]
    if len(parts) > 1 and parts[0] in _PLAIN_WORDS and parts[1] not in _PLAIN_WORDS and parts[0] not in SCALE_WORDS:
        return float(_PLAIN_WORDS[parts[0]]), parts[1:]
    return None


def _word_number(toks: list[Token], i: int) -> tuple[float, int] | None:
    """A number written in words at ``i`` ("eighty", "twenty-five", "a dozen"): its value and the
    index after it, or None."""
    low = toks[i].text.lower()
    if "-" in low:
        head, _, tail = low.partition("-")
        if head in _TENS and tail in _PLAIN_WORDS and _PLAIN_WORDS[tail] < 10:
            return _TENS[head] + _PLAIN_WORDS[tail], i + 1
        return None
    if low == "one" and _one_in(toks, i + 1, 1.0) is not None:
        return 1.0, i + 1  # "one in five children": a share
    if low in ("one", "a", "an") or low not in _PLAIN_WORDS:
        return None  # "one" is too often a pronoun ("the first one", "one of them")
    return float(_PLAIN_WORDS[low]), i + 1


def _scaled(toks: list[Token], j: int, value: float, suffix: str) -> tuple[float, int, str]:
    """Apply a glued or following scale word ("1.2bn", "60 million"): value, next index, the
    suffix left once a glued scale is taken."""
    if suffix in SCALE:
        return value * SCALE[suffix], j, ""
    if j < len(toks) and toks[j].text.lower() in SCALE and toks[j].text.lower() not in ("m", "k"):
        return value * SCALE[toks[j].text.lower()], j + 1, suffix
    return value, j, suffix


def _bound(toks: list[Token], i: int) -> tuple[str, int]:
    """The bound words just before index ``i`` ("at least", "more than", "some") and the index
    of their first token; ("exact", i) when there are none."""
    for width in (3, 2, 1):
        if i - width < 0:
            continue
        phrase = " ".join(t.text.lower() for t in toks[i - width : i])
        if phrase in BOUNDS:
            return BOUNDS[phrase], i - width
    return "exact", i


def _text(toks: list[Token], i: int, n: int) -> str:
    """The ``n`` tokens from ``i`` joined by spaces (fewer at the end of the sentence)."""
    return " ".join(t.text for t in toks[i : i + n])


def _part_of_name(toks: list[Token], i: int) -> bool:
    """Whether the number at ``i`` belongs to a name (see :func:`names_number`): not when a scale,
    a currency or "percent" follows it ("fined Velo Search 4.1 billion euros": a sum)."""
    nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    figure = nxt in SCALE or nxt in CURRENCY_WORDS or nxt in ("percent", "%")
    return i > 0 and names_number(toks[i - 1].text) and not figure


def _numbered(text: str, toks: list[Token], i: int) -> bool:
    """Whether the number at ``i`` follows "No." (:data:`compare.text.lexicon.NUMERO`): a rank
    or an address ("Europe's No. 4 phone brand", "No 10 Downing Street"), no count."""
    near = toks[max(0, i - 2) : i + 1]  # the sign and its dot, if any, then the number
    return numero_sign(text, [t.text for t in near], [t.start for t in near], len(near) - 1) is not None


def names_number(prev: str) -> bool:
    """Whether a number right after the word ``prev`` belongs to a name ("Solen 5", "Flight 370",
    "USB 3.2", "Boeing 777", "Snapdragon 801"): ``prev`` is capitalised and does not open a
    sentence as a plain word would, nor is it a month or a scale word."""
    return name_like(prev) and prev.lower() not in SCALE and prev.lower() not in STOP_WORDS


def name_like(word: str) -> bool:
    """Whether ``word`` may be (the end of) a name: capitalised (or "iPhone"), neither a month
    nor a word that opens sentences ("The", "About")."""
    return bool(_NAME_LIKE.match(word)) and word.lower() not in MONTHS and word not in _SENTENCE_OPENERS


def _date_part(toks: list[Token], i: int, value: float) -> bool:
    """Whether the number at ``i`` is a year or the day of a date ("March 8", "8 March", "Sept. 26")."""
    if value == int(value) and 1900 <= value <= 2100 and "," not in toks[i].text:
        return True
    around = [toks[k].text for k in (i - 1, i - 2, i + 1) if 0 <= k < len(toks)]
    month = any(w[:1].isupper() and w.lower().rstrip(".") in MONTHS for w in around)  # "may rise 3 percent": none
    return value == int(value) and 1 <= value <= 31 and month


def quantities(text: str, toks: list[Token] | None = None) -> list[Quantity]:
    """Every quantity of the sentence, in order (see :class:`Quantity`)."""
    toks = toks if toks is not None else tokenize(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        tok = toks[i].text
        low = tok.lower()
        starts = tok[0].isdigit() or tok[0] in FRACTIONS or tok in CURRENCY_SIGNS or low in _STARTERS
        if not (starts or tok.endswith("$") or ("-" in low and low.partition("-")[0] in _PLAIN_WORDS)):
            i += 1  # no reader starts at this token: skip it without trying them all
            continue
        found = _read_at(text, toks, i)
        if found is None:
            i += 1
            continue
        out.append(_per(found, toks))
        i = max(found.last + 1, i + 1)
    return _options(ranges(_drop_conversions(joined_parts(out, text, toks), toks), text, toks), text, toks)


HERTZ = "{}:{}".format(*UNITS["hz"][:2])
"""The unit of a frequency ("120Hz"), which "120 times a second" is too."""
_RATE_NOUNS = frozenset("day week month year season hour minute second night game match".split())
"""What "a" before it makes a rate of ("£21,600 a week", "£5m a season")."""


def _per(q: Quantity, toks: list[Token]) -> Quantity:
    """``q`` with the rate it is given at in its unit ("£10.2m per match": GBP/match; "42 games
    per season": /season; "£21,600 a week": GBP/week; "38 million transactions every day"): a rate is
    no figure of the total."""
    if q.kind not in ("money", "count", "measure"):
        return q
    for k in (q.last + 1, q.last + 2):  # right after it, or after a count's noun
        if k + 1 >= len(toks) or (k == q.last + 2 and not toks[q.last + 1].text.islower()):
            break
        word, what = toks[k].text.lower(), toks[k + 1].text.lower().removesuffix("s")
        then = toks[k + 2].text.lower() if k + 2 < len(toks) else ""
        per = word in ("per", "each", "every") and what.isalpha() and what != "cent"
        if per or (word in ("a", "an") and what in _RATE_NOUNS and then not in ("ago", "earlier", "later", "before")):
            if q.kind == "count" and what == "second" and toks[q.last + 1].text.lower() == "times":
                return q._replace(kind="measure", unit=HERTZ)  # "120 times every second": 120Hz
            return q._replace(unit=f"{q.unit}/{what}")  # not "a year ago"
    return q


def _options(found: list[Quantity], text: str, toks: list[Token]) -> list[Quantity]:
    """Two values of one kind and unit joined by "or" as one, the interval both span: "128GB or
    256GB" (either model) meets "128GB", and "three or four" is a hedge, not two figures."""

    def either(p: Quantity, q: Quantity) -> Quantity | None:
        if (p.kind, p.unit) != (q.kind, q.unit) or q.first != p.last + 2 or toks[p.last + 1].text != "or":
            return None
        low, high = min(p.low, q.low), max(p.high, q.high)
        return p._replace(low=low, high=high, span=text[p.start : q.end], end=q.end, last=q.last)

    return merged(found, either)


def _day(tok: str) -> int | None:
    """A day of the month written as digits ("26", "3rd"), or None."""
    m = _DAY.fullmatch(tok)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _calendar(text: str, toks: list[Token], i: int) -> Quantity | None:
    """A calendar day at ``i``: "Sept. 26", "May 3, 2004", "19 September", "13 April 2026" (the
    month capitalised). Its value is month * 100 + day, its unit "day"."""
    word = toks[i].text
    if word[:1].isupper() and word.lower() in MONTHS:
        k = i + 1 + (i + 1 < len(toks) and toks[i + 1].text == ".")
        day = _day(toks[k].text) if k < len(toks) else None
        if day is None:
            return None
        month, last = MONTHS[word.lower()], k
    else:
        day = _day(word)
        if day is None or i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper():
            return None
        if toks[i + 1].text.lower() not in MONTHS:
            return None
        month, last = MONTHS[toks[i + 1].text.lower()], i + 1
    value = float(month * 100 + day)
    return quantity_at(text, toks, "date", "day", value, "exact", i, last)


def slashed(text: str, start: int, end: int) -> bool:
    """Whether the number written at ``text[start:end]`` is one side of a ratio written with a
    glued slash ("1/2.6-inch sensor", "24/7", "9/11", "1/250 second") or an aperture ("f/2.2"):
    no figure of its own."""
    letter = start >= 2 and text[start - 2].isalpha() and (start < 3 or not text[start - 3].isalnum())
    before = start >= 2 and text[start - 1] == "/" and (text[start - 2].isdigit() or letter)
    return before or (end + 1 < len(text) and text[end] == "/" and text[end + 1].isdigit())


def _read_at(text: str, toks: list[Token], i: int) -> Quantity | None:
    """The quantity that starts at token ``i`` (a calendar day, a currency sign, a number in
    digits or words), or None."""
    tok = toks[i].text
    if tok[0].isdigit() and slashed(text, toks[i].start, toks[i].end):
        return None
    if (day := _calendar(text, toks, i)) is not None:
        return day
    if tok.lower() in _FRACTION_SHARES:
        return _fraction_share(text, toks, i)
    currency = ""
    j = i
    if tok in CURRENCY_SIGNS:
        currency, j = CURRENCY_SIGNS[tok], i + 1
    elif tok.upper() in ("USD", "EUR", "GBP", "AUD") and i + 1 < len(toks) and digits(toks[i + 1].text):
        currency, j = tok.upper(), i + 1
    if j >= len(toks):
        return None
    if not currency and (clock := clock_at(toks, j)) is not None:
        minutes, end, zone = clock
        bound, first = time_bound(toks, i)
        return quantity_at(text, toks, "time", zone or "local", minutes, bound, first, end - 1)
    hyphen = hyphen_number(toks[j].text.lower())
    number = digits(toks[j].text)
    if number is None and hyphen is None:
        word = _word_number(toks, j) if not currency else None
        if word is None:
            return None
        value, after, suffix = word[0], word[1], ""
        if after < len(toks) and toks[after].text.lower() in FRACTION_NOUNS:
            return None  # "three quarters of a million", "two thirds of the homes": no count of three or two
        part, width = fraction_before([t.text.lower() for t in toks[max(0, j - 5) : j + 1]], min(j, 5))
        value, i = value * part, i - width  # "half a million": 500,000, read from "half"
        if after < len(toks) and toks[after].text.lower() in ("hundred", "thousand", "million", "billion"):
            value, after = value * SCALE.get(toks[after].text.lower(), 100), after + 1
    elif hyphen is not None:
        return hyphenated(text, toks, j, *hyphen)
    else:
        value, suffix = number  # type: ignore[misc]
        if not currency and (size := dimensions(text, toks, i, j, value, suffix)) is not None:
            return size
        after = j + 1
        if after < len(toks) and toks[after].text == "+" and toks[after].start == toks[j].end:
            after += 1  # "10+ hours": ten or more (:func:`_typed` reads the bound off the "+")
        if not currency and (score := _score(text, toks, i, j, value)) is not None:
            return score  # before names: "beating Dunmere 3-1" is no "Dunmere 3"
        if not currency and (dashed := _dash_range(text, toks, i, j, value, suffix)) is not None:
            return dashed
        if _no_figure(text, toks, j, after, value, suffix, currency):
            return None
    value, after, suffix = _scaled(toks, after, value, suffix)  # "two dozen": 24
    return _typed(text, toks, i, j, after, value, suffix, currency)


def _dash_range(text: str, toks: list[Token], i: int, j: int, value: float, suffix: str) -> Quantity | None:
    """A range written with a dash, all glued ("10-15 people", "about 30-45 minutes"): the quantity
    its second end gives, from the first end on; None for what else two numbers and a dash write:
    years or a season ("1990-95", "2019-20"), a model ("Boeing 777-200"), a score (read before),
    two falling numbers ("a 5-4 vote"), or an end of another kind."""
    if suffix or j + 2 >= len(toks) or toks[j + 1].text not in ("-", "\u2013"):
        return None
    glued = toks[j].end == toks[j + 1].start and toks[j + 1].end == toks[j + 2].start
    other = digits(toks[j + 2].text)
    if not glued or other is None or other[0] <= value or value >= 1000 or _part_of_name(toks, j):
        return None
    if j + 3 < len(toks) and toks[j + 3].text.lower() in MONTHS:
        return None  # "5-8 April": days, the calendar's
    high, after, unit = _scaled(toks, j + 3, other[0], other[1])
    q = _typed(text, toks, i, j + 2, after, high, unit, "")
    hedged = q is not None and q.bound == "about" and q.first < i  # "about 30-45 minutes": both ends about
    if q is None or not q.high or not (hedged or (q.bound == "exact" and q.first == i)):
        return None
    # the first end in the second's unit and scale ("2-3 million tonnes"), widened as the second is
    low = value * (q.low if hedged else q.high) / other[0]
    first = q.first if hedged else i
    return q._replace(low=low, span=text[toks[first].start : q.end], start=toks[first].start, first=first)


def _no_figure(text: str, toks: list[Token], j: int, after: int, value: float, suffix: str, currency: str) -> bool:
    """Whether the number in digits at ``j`` (its glued ``suffix``; ``after`` the token after it)
    is no figure: part of a name, a date, a time, a range of years or a model's number."""
    if not currency and suffix in ("k", "g") and toks[j].text.endswith(("K", "G")):
        return True  # a name ("4K video", "a 10K run", "5G"); "50k people", "£50K", "145g" are figures
    if not currency and (_part_of_name(toks, j) or _date_part(toks, j, value) or _numbered(text, toks, j)):
        return True
    if after < len(toks) and (toks[after].text in ZONES or _text(toks, after, 2).lower() == "local time"):
        return True  # "1400 GMT", "at 1446 local time": a time, no count
    if j >= 2 and toks[j - 1].text == "-" and toks[j - 2].text.isdigit():
        return True  # the end of a range of years or a season ("2019-20"), or a score
    glued = j >= 2 and toks[j - 2].end == toks[j].start - 1
    if glued and toks[j - 1].text == "-" and toks[j - 2].text[:1].isalpha():
        return True  # a model's number ("P-3 Orion", "IL-76")
    return after + 1 < len(toks) and toks[after].text == "-" and bool(_YEAR_END.fullmatch(toks[after + 1].text))


def _beneath(toks: list[Token], first: int, end: int) -> bool:
    """Whether a measure from ``first`` (its bound word) to ``end`` (after its unit) is read after
    "under" as a place, not a ceiling: the depth of what covers something ("buried under 45
    centimetres of snow", "under three metres of water"), where "under 2 metres" alone is at most."""
    return toks[first].text.lower() == "under" and end < len(toks) and toks[end].text.lower() == "of"


def _typed(
    text: str, toks: list[Token], i: int, j: int, after: int, value: float, suffix: str, currency: str
) -> Quantity | None:
    """The quantity of a number read at ``j`` (``i`` where its currency sign is), by what follows it."""
    bound, first = ("min", i) if toks[after - 1].text == "+" else _bound(toks, i)
    if currency:
        return quantity_at(text, toks, "money", currency, value, bound, first, after - 1)
    if first and toks[first - 1].text.lower() == "aged" and not suffix:  # "a man aged 27": an age
        return quantity_at(text, toks, "age", "years", value, bound, first, after - 1)
    if suffix in ("%", "pc") or (after < len(toks) and toks[after].text.lower() in ("%", "percent", "pc")):
        last = after if suffix not in ("%", "pc") else after - 1  # "40pc": British papers' per cent
        return quantity_at(text, toks, "percent", "%", value, bound, first, last)
    if after + 1 < len(toks) and toks[after].text.lower() == "per" and toks[after + 1].text.lower() == "cent":
        return quantity_at(text, toks, "percent", "%", value, bound, first, after + 1)
    if after < len(toks) and toks[after].text.lower() in CURRENCY_WORDS:
        word = toks[after].text.lower()
        lows = [t.text.lower() for t in toks]
        if word in ("pound", "pounds") and pounds_weigh(lows, after, lows[after - 1] in SCALE):
            dim, base, factor = UNITS["lb"]
            return quantity_at(text, toks, "measure", f"{dim}:{base}", value * factor, bound, first, after)
        return quantity_at(text, toks, "money", CURRENCY_WORDS[word], value, bound, first, after)
    if (scale := temperature_scale(toks, after, suffix)) is not None:  # "41.2C", "106 degrees Fahrenheit"
        sign = toks[j - 1].text.lower() if j else ""
        if sign == "minus" or (sign in ("-", "\u2212") and toks[j - 1].end == toks[j].start):
            value, (bound, first) = -value, _bound(toks, j - 1)  # "minus 20C", "-4F", "about minus 5C"
        celsius = (value - 32) * 5 / 9 if scale[0] == "f" else value
        return quantity_at(text, toks, "measure", TEMPERATURE, celsius, bound, first, scale[1] - 1)
    if not suffix and (quake := magnitude_at(toks, first, after)) is not None:  # "a magnitude 6.4 earthquake"
        return quantity_at(text, toks, "measure", MAGNITUDE, value, bound, *quake)
    measure = unit_at(toks, after, suffix)
    if measure is not None:
        dim, base, factor, end = measure
        if dim == "duration" and end < len(toks) and toks[end].text.lower() == "old":
            return quantity_at(text, toks, "age", "years", value * factor / 8766, "exact", first, end)
        if _beneath(toks, first, end):  # "buried under 45 centimetres of snow": how deep, not at most
            bound, first = "exact", first + 1
        return quantity_at(text, toks, "measure", f"{dim}:{base}", value * factor, bound, first, end - 1)
    if suffix and suffix not in ("s",):
        return None  # "12MP"-like suffix we do not know, "3rd": not a count
    if (after < len(toks) and toks[after].text.lower() in STREETS) or (
        after + 1 < len(toks) and toks[after + 1].text.lower() in STREETS and toks[after].text[:1].isupper()
    ):
        return None  # a street number ("253 Boulevard Voltaire", "10 Downing Street")
    if i and toks[i - 1].text.lower() in RANK_CLASSES:
        return None  # a class of ranks ("the top four", "the top 10 earners"), no count
    if (share := _one_in(toks, after, value)) is not None:  # "three in four voters", "1 in 10": a share
        return quantity_at(text, toks, "percent", "%", share[0], bound, first, share[1])
    return quantity_at(text, toks, "count", "", value, bound, first, after - 1)


def _fraction_share(text: str, toks: list[Token], i: int) -> Quantity | None:
    """A change by a fraction, after "by" ("fell by a third", "lowers the risk by about a fifth",
    "cut by half"): a percentage about that share; None for any other use ("half the homes")."""
    k = i - 1 if i and toks[i - 1].text.lower() in ("a", "one") else i
    _, first = _bound(toks, k)  # "nearly a quarter" is about a quarter, as "a quarter" is
    if not (first and toks[first - 1].text.lower() == "by"):
        return None
    return quantity_at(text, toks, "percent", "%", _FRACTION_SHARES[toks[i].text.lower()], "about", first, i)


def _one_in(toks: list[Token], k: int, value: float) -> tuple[float, int] | None:
    """The share a count followed by "in" or "out of" and a larger number states ("three in four
    voters": 75 percent; "1 in 10,000") and the index of that number; None for none, or when the
    larger number is a year ("two in 2019")."""
    words = [t.text.lower() for t in toks[k : k + 3]]
    skip = 1 if words[:1] == ["in"] else 2 if words[:2] == ["out", "of"] else 0
    if not skip or k + skip >= len(toks):
        return None
    tok = toks[k + skip].text
    number = digits(tok)
    whole = number[0] if number else _PLAIN_WORDS.get(tok.lower())
    year = tok.isdigit() and len(tok) == 4
    if whole is None or year or not value < whole:
        return None
    return value * 100 / whole, k + skip


def _score(text: str, toks: list[Token], i: int, j: int, value: float) -> Quantity | None:
    """A match's score at ``j`` ("beating Dunmere 3-1", "a 3-2 win", "won 2–0"): its two numbers
    glued by a dash, next to a word of winning or losing (:data:`compare.text.lexicon.SCORE_WORDS`);
    its value the higher number times 1,000 plus the lower, whichever side wrote it first."""
    if j + 2 >= len(toks) or toks[j + 1].text not in ("-", "–") or not toks[j + 2].text.isdigit():
        return None
    other = int(toks[j + 2].text)
    glued = toks[j + 1].start == toks[j].end and toks[j + 2].start == toks[j + 1].end
    near = {t.text.lower() for t in toks[max(0, i - 3) : i] + toks[j + 3 : j + 5]}
    if not glued or value != int(value) or max(value, other) > 200 or not near & SCORE_WORDS:
        return None
    hi, lo = max(int(value), other), min(int(value), other)
    return quantity_at(text, toks, "score", "score", float(hi * 1000 + lo), "exact", i, j + 2)


def _drop_conversions(found: list[Quantity], toks: list[Token]) -> list[Quantity]:
    """Without the values of a bracket that opens right after a measure, sum, time or date: they
    say it again in another unit or zone ("1,600 km (1,000 miles)", "A$60 million ($56 million)",
    "21:00 (20:00 GMT)", "8 March (16:41 GMT, 7 March)")."""
    out: list[Quantity] = []
    close = -1  # token index of the closing bracket of a conversion, while inside one
    for q in found:
        if q.first < close:
            continue
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind in ("measure", "money", "time", "date")
            and q.first > 0
            and toks[q.first - 1].text == "("
            and q.first - 1 == prev.last + 1
        ):
            close = next((k for k in range(q.first, len(toks)) if toks[k].text == ")"), len(toks))
            continue
        out.append(q)
    return out
