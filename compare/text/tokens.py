"""The tokens of a sentence and the quantities read from them: the types every reader of
:mod:`compare.text.quantities` and its helpers share, and the reading of a number in digits."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .units import interval

FRACTIONS = "\u00bc\u00bd\u00be" + "".join(map(chr, range(0x2150, 0x215F)))
"""Fractions written as one character ("¼", "½", "¾", "⅓" ... "⅞"): normalization keeps them as
written (NFKC would turn "2½" into "21⁄2", which reads as twenty-one) and the value readers read
them: "2½" is 2.5, "½" 0.5."""
_FRACTION_VALUE = {c: unicodedata.numeric(c) for c in FRACTIONS}
_PROPER = "|".join(f"{a}/{b}" for b in (16, 10, 8, 5, 4, 3, 2) for a in range(b - 1, 0, -1))
"""The proper fractions a mixed number in ASCII is written with ("2 1/2", "3 3/4", "1 5/16"), longest
first: halves, thirds, quarters, fifths, eighths, tenths and sixteenths. No other denominator, so
that "9/11" or "24/7" after a number never reads as a fraction."""
_WHOLE = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
"""A whole number in digits, commas grouping its thousands ("12", "1,200")."""
FRACTION_NUMBER = rf"(?:{_WHOLE} ?)?[{FRACTIONS}]|\d{{1,3}} (?:{_PROPER})(?![\d/]|[.,]\d)"
"""A number written with a fraction, as one token: digits with a fraction character after them
("2½", "1,200¼", also "2 ½"), a fraction character alone ("½"), or a whole number of one to three
digits, a space and a proper fraction ("2 1/2")."""
_FRACTION_FULL = re.compile(rf"({_WHOLE}?) ?(?:([{FRACTIONS}])|\s([1-9]\d?)/([1-9]\d?))")


def fraction_number(tok: str) -> float | None:
    """The value of a :data:`FRACTION_NUMBER` token ("2½" and "2 ½" 2.5, "½" 0.5, "2 1/2" 2.5), else None."""
    m = _FRACTION_FULL.fullmatch(tok)
    if m is None:
        return None
    whole = float(m.group(1).replace(",", "")) if m.group(1) else 0.0
    if m.group(2):
        return whole + _FRACTION_VALUE[m.group(2)]
    return whole + int(m.group(3)) / int(m.group(4))


_WORDS_AND_SIGNS = (
    r"[$€£¥]|[A-Z]{1,3}\$|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?-[A-Za-z]+(?:-[A-Za-z]+)*|\d+(?:[.,:]\d+)*(?:[a-zA-Z%]+)?"
    r"|(?:[A-Z]\.){1,3}[A-Z]\b\.?|[A-Za-z]+\d[A-Za-z\d]*|[A-Za-z]+(?:[-'][A-Za-z]+)*|[^\sA-Za-z\d]"
)
TOKEN = re.compile(f"{FRACTION_NUMBER}|{_WORDS_AND_SIGNS}")
"""A token: a number written with a fraction (:data:`FRACTION_NUMBER`), a currency sign (also
"A$", "US$"), a number with any glued unit ("4,500mAh", "12.41am", "25%"), a hyphenated measure
("52-million-cubic-metre", "4,800-tonne"), initials with dots ("U.S.", "U.K", "D.C."), a code
("MH370", "K3"), a word (hyphenated words kept whole), or one other character."""

NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-zA-Z%]*)$")


class Token(NamedTuple):
    """A token of the sentence with its character offsets."""

    text: str
    start: int
    end: int


class Quantity(NamedTuple):
    """One quantity: ``kind`` is count | money | percent | measure | time | age | score; ``unit`` its
    comparable unit (a currency, a base unit, "%" or a time zone); ``low``/``high`` the interval
    the words allow; ``first``/``last`` its token span (bound words included)."""

    kind: str
    unit: str
    low: float
    high: float
    bound: str  # exact | min | max | near | about
    span: str
    start: int
    end: int
    first: int
    last: int


def tokenize(text: str) -> list[Token]:
    """The sentence's tokens (see :data:`TOKEN`)."""
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def digits(tok: str) -> tuple[float, str] | None:
    """A number in digits and its glued suffix ("4,500mAh" -> 4500, "mah"), or None. Commas
    must group thousands; a decimal comma is not read. A number with a fraction ("2½", "2 1/2")
    has no suffix."""
    m = NUMBER.match(tok)
    if not m:
        fraction = fraction_number(tok)
        return None if fraction is None else (fraction, "")
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value, m.group(3).lower()


def quantity_at(
    text: str, toks: list[Token], kind: str, unit: str, value: float, bound: str, first: int, last: int
) -> Quantity:
    """A :class:`Quantity` over tokens ``first`` .. ``last``."""
    low, high = interval(value, bound, (t.text.lower() for t in toks[first : last + 1]) if kind == "count" else ())
    start, end = toks[first].start, toks[last].end
    return Quantity(kind, unit, low, high, bound, text[start:end], start, end, first, last)
