"""One statement as the value readers of :mod:`compare.values` see it, and the record they read.

:class:`Value` is one typed value; :func:`tokens` splits a sentence into tokens with their
offsets (so a value quotes the words as written), lower-case forms and bracket depths; the
token tests here (a number word, the number a token spells, the noun a number counts, its
unit, the words around it) are shared by the readers of counts, ordinals and years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..text.lexicon import MODIFIERS, NUMBER_WORDS, ORDINALS, UNIT_ALIASES
from ..text.places import MAX_WORDS, NATIONALITIES, lookup
from ..text.tokens import FRACTION_NUMBER, fraction_number
from ..text.units import UNITS
from ..text.words import STOP_WORDS, stem

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM_FULL = re.compile(_NUM)
"""A whole token that is a number (compiled once: tokens are tested by the hundred thousand)."""
_DAY_OF_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_TOKEN = re.compile(
    rf"{FRACTION_NUMBER}|\d{{1,2}}(?:[.:]\d\d)?(?=[aApP][mM]\b)|\d[\d,.]*\d(?=(?:km|kg|mi|ft|lb|mph|kph|m|bn|mn|k)\b)|\d(?=(?:km|kg|mi|ft|lb|mph|kph|m|bn|mn|k)\b)|\b[ap]\.m\.|[A-Za-z]\.(?:[A-Za-z]\.)+|[A-Za-z][A-Za-z0-9'-]*|\d[\d,.:]*\d(?:s|st|nd|rd|th)?\b|\d(?:st|nd|rd|th)?\b|[^\sA-Za-z\d]"
)
_CLAUSE_END = frozenset(',;:()[]"')


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


@dataclass(slots=True)
class Sentence:
    """Tokens of one sentence with their character offsets (so spans quote the surface text),
    lower-case forms and bracket depths: what every value reader reads."""

    text: str
    toks: list[str]
    starts: list[int]
    ends: list[int]
    lows: list[str]
    depth: list[int]

    def span(self, i: int, end: int) -> str:
        """The text of tokens ``i`` .. ``end - 1`` as written."""
        return self.text[self.starts[i] : self.ends[end - 1]]


def is_number_word(word: str) -> bool:
    """Whether ``word`` is a number or ordinal word, in any case."""
    low = word.lower()
    return low in NUMBER_WORDS or low in ORDINALS


def tokens(text: str) -> Sentence:
    """Tokens with offsets; a compound whose head is a number or ordinal word is split in
    three ("four-wheeled" -> four, hyphen, wheeled; "second-story" -> second, hyphen, story),
    while "twenty-five" and "twenty-first" stay whole. Glued hyphens become :data:`GLUED`."""
    toks: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        tok, a, b = m.group(), m.start(), m.end()
        head, dash, rest = tok.partition("-")
        if dash and rest and is_number_word(head) and not is_number_word(tok) and parse_number(tok) is None:
            toks += (head, GLUED, rest)
            starts += (a, a + len(head), a + len(head) + 1)
            ends += (a + len(head), a + len(head) + 1, b)
            continue
        if tok == "-" and 0 < a < len(text) - 1 and not text[a - 1].isspace() and not text[a + 1].isspace():
            tok = GLUED
        toks.append(tok)
        starts.append(a)
        ends.append(b)
    depth, d = [], 0  # bracket depth of every token
    for t in toks:
        d += t == "("
        depth.append(d)
        d -= t == ")" and d > 0
    return Sentence(text, toks, starts, ends, [t.lower() for t in toks], depth)


def _nationality_at(toks: list[str], k: int) -> int:
    """Number of tokens of the nationality word starting at ``k`` ("North Korean" is 2), or 0."""
    if not toks[k][:1].isupper():
        return 0
    return lookup(toks[k : k + MAX_WORDS], NATIONALITIES)[1]


def noun_at(toks: list[str], i: int) -> int:
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
        if low in MODIFIERS or low in NUMBER_WORDS or low in ORDINALS:
            k += 1
            steps += 1
            continue
        return -1 if low in STOP_WORDS else k
    return -1


_NOT_HEADS = ("ss", "us", "is", "ed", "ly")
"""Endings of words that are no plural noun ("class", "bonus", "analysis") or are a verb or an
adverb ("reported", "only"): such a word never takes over as the head (:func:`head_at`)."""


def head_at(toks: list[str], k: int, many: bool) -> int:
    """Index of the head of the noun phrase whose first content word is at ``k`` (from
    :func:`noun_at`). English puts the head last, so a next word that can only be that head
    takes over: after a count of more than one (``many``), a lower-case plural after a
    lower-case word ("three rear cameras", "two police officers"); after a rank, a lower-case
    word after a name ("the first Kestrova phone"). A unit of measure stays ("10 mph winds"),
    and so does a class before "members" ("12 crew members" are crew)."""
    if k < 0 or k + 1 >= len(toks):
        return k
    word, nxt = toks[k], toks[k + 1]
    if not (nxt.isalpha() and nxt.islower()) or nxt.endswith(_NOT_HEADS) or nxt in STOP_WORDS:
        return k
    if nxt in NUMBER_WORDS or nxt in MODIFIERS or nxt in UNITS or nxt == "members":
        return k
    if many:
        takes = word.isalpha() and word.islower() and not word.endswith("s") and word not in UNITS
        return k + 1 if takes and len(nxt) > 3 and nxt.endswith("s") else k
    return k + 1 if word[0].isupper() and word.isalpha() else k


def noun_after(toks: list[str], i: int) -> str:
    """Stem of the noun :func:`noun_at` finds ("one" for a bare "one"), or ""."""
    k = noun_at(toks, i)
    return noun_stem(toks, k) if k >= 0 else ""


def noun_stem(toks: list[str], k: int) -> str:
    """Stem of the noun at ``k`` ("one" for a bare "one")."""
    low = toks[k].lower()
    return "one" if low in ("one", "ones") else stem(low)


def parse_number(tok: str) -> float | None:
    """Value of a number token ("12", "8,829", "twelve", "twenty-five", "2½"), or None."""
    low = tok.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    tens, _, unit = low.partition("-")  # "twenty-five"
    if unit and NUMBER_WORDS.get(tens, 0) in range(20, 100, 10) and NUMBER_WORDS.get(unit, 10) < 10:
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[unit])
    if _NUM_FULL.fullmatch(tok):
        return float(tok.replace(",", ""))
    return fraction_number(tok)  # "2½", "½", "2 1/2"


def unit_of(toks: list[str], k: int) -> str:
    """Canonical unit of the noun at ``k``: "sq km" and "square kilometres" are one unit."""
    low = toks[k].lower()
    if low in ("sq", "square") and k + 1 < len(toks) and toks[k + 1][0].isalpha():
        return "sq " + UNIT_ALIASES.get(stem(toks[k + 1].lower()), stem(toks[k + 1].lower()))
    st = "one" if low in ("one", "ones") else stem(low)
    return UNIT_ALIASES.get(st, st)


def context_stems(toks: list[str], lows: list[str], start: int, end: int) -> tuple[str, ...]:
    """Content stems within the clause around a number: three words before, five after."""
    out: list[str] = []
    for rng in (range(start - 1, max(-1, start - 4), -1), range(end, min(len(toks), end + 5))):
        for q in rng:
            if toks[q] in _CLAUSE_END or toks[q] == ".":
                break
            if toks[q][0].isalpha() and lows[q] not in STOP_WORDS and lows[q] not in NUMBER_WORDS:
                out.append(stem(lows[q]))
    return tuple(sorted(set(out)))


def day_of_month(tok: str) -> int | None:
    """Day of the month of "4" or "4th", if it is one."""
    m = _DAY_OF_MONTH.fullmatch(tok.lower())
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


BARE = "bare"
"""Unit of a number or ordinal with no noun after it ("came second", "killing 5 others"): such
values are compared only between near-identical sentences."""


class Found(NamedTuple):
    """What a value reader read at a token: its values (none when the words are read but are
    no value, as "another 22" or "a 7-year-old") and the index to continue at."""

    values: list[Value]
    end: int
