"""Who a value is of: the names of a sentence (runs of capitalised words, a model code joining
the name before it) and, for each value, the name that holds it (:func:`holder_of`)."""

from __future__ import annotations

import re

from ..text import fact_words as fw
from ..text.lexicon import MONTHS, OPENING_ADVERBS, ZONES
from ..text.quantities import Quantity, Token
from ..text.units import UNITS
from ..text.words import STOP_WORDS

CAPITAL = re.compile(r"^[A-Z][A-Za-z'’-]*$")
"""A word that may be part of a name."""
MODEL = re.compile(r"^(\d{1,2}|[A-Z][A-Za-z]?\d{1,2})$")
"""A model code after a name, part of it: "Solen 5", "Galaxy S4", "One M8"."""
CODE = re.compile(r"^[A-Z]{1,3}\d{1,4}$")
"""A code that names a thing ("M8", "S5", "MH370"), or a rating ("IP68"): a holder only in the
possessive ("the M8's version"), where it surely owns something."""
POSSESSIVE = re.compile(r"['\u2019]s?$")
"""The end of a word in the possessive ("Samsung's", "the Sharks'")."""


def is_name(toks: list[Token], k: int) -> bool:
    """Whether token ``k`` is part of a name: a capitalised word, not a month or weekday, and
    not the sentence's first word unless a capitalised word follows it ("Islamic State")."""
    word = toks[k].text
    if not CAPITAL.match(word) or word.lower() in STOP_WORDS or word.lower() in MONTHS:
        return False
    if k == 0 and not (len(toks) > 1 and CAPITAL.match(toks[1].text) and toks[1].text.lower() not in STOP_WORDS):
        return False  # a lone capitalised first word is any word ("Developing it cost ...")
    if k == 0 and word.lower() in OPENING_ADVERBS:
        return False  # "Meanwhile Ahmad Dahmani ...": the name starts after it
    return word.lower() not in fw.SCOPE_TIME


def name_runs(toks: list[Token]) -> list[tuple[int, int, str]]:
    """Runs of name tokens (a number after a name word joins it: "Solen 5 Pro"): first, last
    index and the lower-case text. A possessive ends a name and is not part of it ("the Vela
    X's battery" is the Vela X's)."""
    out, k = [], 0
    while k < len(toks):
        if is_name(toks, k):
            j = k
            while (
                j + 1 < len(toks)
                and not POSSESSIVE.search(toks[j].text)
                and (is_name(toks, j + 1) or (MODEL.match(toks[j + 1].text) and not _scored(toks, j + 1)))
            ):
                j += 1
            name = " ".join(t.text.lower() for t in toks[k : j + 1])
            out.append((k, j, POSSESSIVE.sub("", name)))
            k = j + 1
        else:
            k += 1
    return out


def _scored(toks: list[Token], k: int) -> bool:
    """Whether the number at ``k`` opens a score glued by a dash ("Dunmere 3-1"): no model number."""
    return k + 2 < len(toks) and toks[k + 1].text in ("-", "–") and toks[k + 1].start == toks[k].end


def holder_of(toks: list[Token], q: Quantity, names: list[tuple[int, int, str]], places: set[int]) -> str:
    """The nearest name within six tokens of the value: no place, speaker, later "than" base, or
    acronym before a noun ("an LED flash and a 2MP front camera": LED describes the flash; in
    "the Index .SPX eased 7.57 points" SPX is the index)."""
    best, distance = "", 7
    described, closes = _appositives(toks, names)
    for first, last, name in names:
        if first in described:
            continue  # "Peter Halloran, the former mayor of Dunmere, was jailed": Dunmere only describes
        after = toks[last + 1].text if last + 1 < len(toks) else ""
        base = first > q.last and any(t.text.lower() == "than" for t in toks[q.last + 1 : first])  # "than the S4"
        acronym = first == last and toks[first].text.isalpha() and toks[first].text.isupper() and _noun_like(after)
        if first in places or base or acronym or after.lower() in ("said", "says", "told", "reported", "announced"):
            continue
        if name in UNITS or name.upper() in ZONES or name.split()[0] in _CLASSES:
            continue  # "2 GB RAM", "(0546 GMT)", "a Category 4 storm": a unit, a time zone or a class is no one's
        end = closes.get(last, last)  # its appositive is no gap ...
        end = end if end < q.first else last  # ... unless the value is inside it
        gap = q.first - end if last < q.first else first - q.last
        if 0 < gap < distance or (not best and _owner(toks, last, q.first)):
            best, distance = name, min(gap, distance)
    if not best:  # a code in the possessive: "the M8's version has a lower max speed at 2.3GHz"
        codes = [k for k in range(max(0, q.first - 12), q.first) if CODE.match(toks[k].text)]
        codes = [k for k in codes if _owner(toks, k, q.first)]
        best = toks[codes[-1]].text.lower() if codes else ""
    return best


def names_before(
    toks: list[Token], q: Quantity, names: list[tuple[int, int, str]], places: set[int]
) -> list[tuple[int, str]]:
    """The names that may be the subject of a verb before a value (last token, name): the name
    runs before it, no place, and the sentence's capitalised first word ("Korvex will cut 1,200
    jobs": Korvex, though a lone first word is no name elsewhere; not "They", "The")."""
    before = [(last, name) for first, last, name in names if last < q.first and first not in places]
    word = toks[0].text
    if CAPITAL.match(word) and word.lower() not in STOP_WORDS and word.lower() not in fw.SCOPE_TIME and 0 not in places:
        before.append((0, word.lower()))
    return before


def subject_of(toks: list[Token], q: Quantity, names: list[tuple[int, int, str]], places: set[int]) -> str:
    """The name that is the subject of the verb before a count, the nearest of
    :func:`names_before` within :data:`SUBJECT_REACH` tokens of it; "" when there is none."""
    last, name = max(names_before(toks, q, names, places), default=(-1, ""))
    return name if 0 <= q.first - last <= SUBJECT_REACH else ""


SUBJECT_REACH = 4
"""Tokens from a subject's name to the count its verb acts on ("Korvex will cut 1,200")."""
_CLASSES = frozenset("category level phase stage grade tier class".split())
"""First words of a name that only classes something ("Category 4", "Level 3"): no holder."""
_APPOSITIVE_OPENERS = frozenset(("the", "a", "an", "its", "his", "her", "their"))


def _appositives(toks: list[Token], names: list[tuple[int, int, str]]) -> tuple[set[int], dict[int, int]]:
    """The appositives right after a name, between commas and opened by an article ("Peter
    Halloran, the former mayor of Dunmere, was jailed"): the first tokens of the names inside them
    (they describe the name before, and hold none of the clause's values), and by the last token of
    each name so described, the closing comma (the appositive is no distance from its name)."""
    inside: set[int] = set()
    closes: dict[int, int] = {}
    starts = {first for first, _, _ in names}
    for _, last, _ in names:
        k = last + 1
        if k + 1 >= len(toks) or toks[k].text != "," or toks[k + 1].text.lower() not in _APPOSITIVE_OPENERS:
            continue
        end = next((j for j in range(k + 2, min(len(toks), k + 12)) if toks[j].text in (",", ";", ".")), None)
        if end is not None and toks[end].text == ",":
            inside.update(j for j in range(k + 2, end) if j in starts)
            closes[last] = end
    return inside, closes


_VERBS_AFTER_NAMES = frozenset("is was are were has had have will would can could said says told".split())


def _noun_like(word: str) -> bool:
    """Whether a word after an acronym reads as the noun it describes: lower case, neither a
    past-tense verb ("eased", "declined") nor a common verb ("is", "has", "said")."""
    return word[:1].islower() and not word.endswith("ed") and word not in _VERBS_AFTER_NAMES


def _owner(toks: list[Token], last: int, value: int) -> bool:
    """Whether the name ending at ``last`` is in the possessive and owns what its clause gives a
    value of, further than six tokens: "the M8's version has a lower max speed at 2.3GHz"."""
    split = [t.text for t in toks[last + 1 : last + 3]] in (["'", "s"], ["\u2019", "s"])  # "M8's": M8, ', s
    possessive = POSSESSIVE.search(toks[last].text) or split
    return bool(possessive) and last < value <= last + 12 and not any(t.text in ",;:()" for t in toks[last + 1 : value])
