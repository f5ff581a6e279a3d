"""The tokens of a sentence and the quantities read from them: the types every reader of
:mod:`compare.text.quantities` and its helpers share, and the reading of a number in digits."""

from __future__ import annotations

import re
from typing import NamedTuple

from .units import interval

TOKEN = re.compile(
    r"[$€£¥]|[A-Z]{1,3}\$|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?-[A-Za-z]+(?:-[A-Za-z]+)*|\d+(?:[.,:]\d+)*(?:[a-zA-Z%]+)?"
    r"|[A-Za-z]+\d[A-Za-z\d]*|[A-Za-z]+(?:[-'][A-Za-z]+)*|[^\sA-Za-z\d]"
)
"""A token: a currency sign (also "A$", "US$"), a number with any glued unit ("4,500mAh",
"12.41am", "25%"), a hyphenated measure ("52-million-cubic-metre", "4,800-tonne"), a code ("MH370", "K3"),
a word (hyphenated words kept whole), or one other character."""

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
    must group thousands; a decimal comma is not read."""
    m = NUMBER.match(tok)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value, m.group(3).lower()


def quantity_at(
    text: str, toks: list[Token], kind: str, unit: str, value: float, bound: str, first: int, last: int
) -> Quantity:
    """A :class:`Quantity` over tokens ``first`` .. ``last``."""
    low, high = interval(value, bound, (t.text.lower() for t in toks[first : last + 1]) if kind == "count" else ())
    start, end = toks[first].start, toks[last].end
    return Quantity(kind, unit, low, high, bound, text[start:end], start, end, first, last)
