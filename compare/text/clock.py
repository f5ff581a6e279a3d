"""Clock times read from a sentence's tokens ("12:21 a.m.", "12.41am", "00:41", "6 p.m.", "1400
GMT") and the bound a word before one gives it ("shortly before 3 a.m."): the clock part of
:func:`compare.text.quantities.quantities`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tokens import Token

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d\d)(am|pm)?$", re.I)
_HOUR_MERIDIEM = re.compile(r"(\d{1,2})(am|pm)", re.I)
_ONE_OR_TWO = re.compile(r"\d{1,2}")
_ZONE = re.compile(r"[A-Z]{2,4}T|GMT|UTC")


TIME_BOUNDS = {"after": "min", "since": "min", "from": "min", "before": "max", "until": "max", "by": "max"}
"""Words before a clock time that make it a bound ("after 21:00" is 21:00 or later)."""


def time_bound(toks: list[Token], i: int) -> tuple[str, int]:
    """The bound a word just before a clock time at ``i`` gives it, with "soon", "shortly" or
    "just" before that word ("shortly before 3 a.m."): (bound, first token), else ("exact", i)."""
    word = toks[i - 1].text.lower() if i else ""
    if word not in TIME_BOUNDS:
        return "exact", i
    soon = i > 1 and toks[i - 2].text.lower() in ("soon", "shortly", "just", "right")
    if soon and word in SOON:  # "shortly after 2 a.m.": from 2:00 to 2:30, not at any hour after it
        return SOON[word], i - 2
    return TIME_BOUNDS[word], i - 2 if soon else i - 1


SOON = {"after": "soon after", "before": "soon before"}
"""The bounds "shortly" or "just" makes of "after" and "before": within :data:`SOON_MINUTES`
(:func:`compare.text.units.interval`)."""


def clock_at(toks: list[Token], i: int) -> tuple[float, int, str] | None:
    """A clock time at ``i`` ("12:21 a.m.", "12.41am", "00:41", "6 p.m."): minutes after
    midnight, the index after it, the zone word if one follows ("GMT", "local"), or None."""
    text = toks[i].text
    if text.lower() in NAMED_HOURS and i and toks[i - 1].text.lower() in _BEFORE_NAMED:
        return NAMED_HOURS[text.lower()], i + 1, ""  # "at midnight", "by noon"
    m = _CLOCK.match(text)
    j = i + 1
    meridiem = (m.group(3) or "").lower() if m else ""
    if m is None:
        m2 = _HOUR_MERIDIEM.fullmatch(text)
        if m2:
            hour, minute, meridiem = int(m2.group(1)), 0, m2.group(2).lower()
        elif _ONE_OR_TWO.fullmatch(text) and j < len(toks) and _meridiem(toks, j):
            hour, minute = int(text), 0
        else:
            return None
    else:
        hour, minute = int(m.group(1)), int(m.group(2))
        if ":" not in text and not meridiem and not _meridiem(toks, j):
            return None  # "12.41" alone is a decimal, not a time
    if not meridiem and j < len(toks) and (mer := _meridiem(toks, j)):
        meridiem, j = mer[0], mer[1]
    if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
        return None
    if meridiem:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    zone = ""
    if j < len(toks) and _ZONE.fullmatch(toks[j].text):
        zone, j = toks[j].text, j + 1
    return float(hour * 60 + minute), j, zone


NAMED_HOURS = {"midnight": 0.0, "noon": 720.0, "midday": 720.0}
"""Hours named by a word, read as clock times after a preposition of time ("began at midnight")."""
_BEFORE_NAMED = frozenset(("at", "by", "until", "till", "before", "after", "from", "since", "around", "past"))


def _meridiem(toks: list[Token], j: int) -> tuple[str, int] | None:
    """ "a.m."/"p.m."/"am"/"pm" written at ``j`` (dots are separate tokens): "am" or "pm" and the index after it."""
    if j >= len(toks):
        return None  # the sentence ends at the number ("Weight: 5.57")
    low = toks[j].text.lower()
    if low in ("am", "pm"):
        return low, j + 1
    if low in ("a", "p") and j + 3 < len(toks) + 1 and [t.text.lower() for t in toks[j + 1 : j + 4]] == [".", "m", "."]:
        return low + "m", j + 4
    if low in ("a", "p") and j + 2 < len(toks) + 1 and [t.text.lower() for t in toks[j + 1 : j + 3]] == [".", "m"]:
        return low + "m", j + 3
    return None
