"""Countries and nationalities as values of a sentence (part of :func:`compare.statements.values.extract`).

A country is a ``place`` value whose unit is its role in the sentence ("in", "from", "to", the
verb before it: "visited France"), a nationality a ``nationality`` value whose unit is the noun it
describes ("a Japanese woman"); both are numbered by :data:`compare.text.places.COUNTRY_INDEX`.
Names that merely contain one ("Georgia Tech", "British Airways") are none.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..text.lexicon import CURRENCY, ENUM_JOINERS, IN_PLACE, PERSON_NAMES, PLACE_ROLES, REGION_WORDS
from ..text.places import COUNTRIES, COUNTRY_INDEX, MAX_WORDS, NATIONALITIES, lookup
from ..text.units import CURRENCY_WORDS
from ..text.words import STOP_WORDS, stem
from .sentence import Sentence, Value, is_number_word

LIST, POSSESSIVE = "list", "poss"
"""Roles of countries never compared: one of an enumeration ("France, Germany and Italy"),
and a possessive ("France's president")."""
_POSSESSIVE_END = re.compile(r"'s?$")


def _place_role(toks: list[str], lows: list[str], i: int) -> str:
    """Role of the country at ``i``: "in" (in, at, near... or "City, Country"), "from", "to",
    else the stem of the verb before it ("visited France" -> visit), else ""."""
    k = i - 1
    while k >= 0 and lows[k] in REGION_WORDS:
        k -= 1
    if k < 0:
        return ""
    prev = lows[k]
    if prev in IN_PLACE:
        return "in"
    if prev in PLACE_ROLES:
        return PLACE_ROLES[prev]
    if prev == "," and k > 0 and toks[k - 1][:1].isupper() and toks[k - 1][0].isalpha():
        return "in"
    if toks[k][0].isalpha() and toks[k].islower() and prev not in STOP_WORDS and not is_number_word(prev):
        return stem(prev)
    return ""


def _in_name(toks: list[str], i: int, n: int) -> bool:
    """True when the words ``i`` .. ``i + n - 1`` are part of a longer name: a capitalised word
    after them ("Georgia Tech", "Indian Ocean", "British Airways"), or one before them inside the
    sentence ("Latin American"; not "In France", "Four Chinese people" at the start of a sentence)."""
    if i + n < len(toks) and toks[i + n][:1].isupper() and toks[i + n][0].isalpha():
        return True
    if i == 0 or not (toks[i - 1][:1].isupper() and toks[i - 1].isalpha()):
        return False
    prev = toks[i - 1].lower()
    if prev in STOP_WORDS or is_number_word(prev):
        return False
    return i > 1 or toks[i] in PERSON_NAMES


class _Mention(NamedTuple):
    """A country ("place") or nationality named at tokens ``start`` .. ``end - 1``."""

    kind: str
    start: int
    end: int
    country: str


def _mentions(toks: list[str]) -> list[_Mention]:
    """Countries and nationalities named in a sentence, in order, outside longer names."""
    found: list[_Mention] = []
    i = 0
    while i < len(toks):
        if toks[i][:1].isupper():
            words = [_POSSESSIVE_END.sub("", t) for t in toks[i : i + MAX_WORDS]]
            for kind, table in (("place", COUNTRIES), ("nationality", NATIONALITIES)):
                country, n = lookup(words, table)
                if n and not _in_name(toks, i, n):
                    found.append(_Mention(kind, i, i + n, country))
                    i += n - 1
                    break
        i += 1
    return found


def _joined(lows: list[str], a: _Mention, b: _Mention) -> bool:
    """Whether only "," / "and" / "or" stand between two mentions (in either order)."""
    return all(lows[q] in ENUM_JOINERS for q in range(min(a.end, b.end), max(a.start, b.start)))


def _names_currency(s: Sentence, b: int) -> bool:
    """Whether the country or nationality ending before token ``b`` qualifies a currency: a
    currency sign glued to it ("US$") or a currency word after it ("US dollars")."""
    if b >= len(s.toks):
        return False
    return (s.toks[b] in CURRENCY and s.starts[b] == s.ends[b - 1]) or s.lows[b] in CURRENCY_WORDS


def places(s: Sentence) -> list[Value]:
    """Countries (kind "place", unit = role) and nationalities (kind "nationality", unit = the
    noun they describe). Value ``low`` = ``high`` = :data:`compare.places.COUNTRY_INDEX` of the country."""
    toks, lows = s.toks, s.lows
    found = _mentions(toks)
    out: list[Value] = []
    for idx, (kind, a, b, country) in enumerate(found):
        if _names_currency(s, b):
            continue  # "US$5 million", "in US dollars", "Australian dollars": a currency, no place
        num = COUNTRY_INDEX[country]
        if kind == "place":
            # neighbours in an enumeration: only "," / "and" / "or" between two mentions of one kind
            neighbours = (found[idx - 1] if idx else None, found[idx + 1] if idx + 1 < len(found) else None)
            if toks[b - 1].endswith("'s") or toks[b - 1].endswith("'") or (b < len(toks) and toks[b] == "'"):
                role = POSSESSIVE
            elif any(o and o.kind == kind and _joined(lows, found[idx], o) for o in neighbours):
                role = LIST
            else:
                role = _place_role(toks, lows, a)
            out.append(Value("place", s.span(a, b), num, num, role))
            continue
        # nationality: the noun after the last of an enumeration ("American and British troops")
        last = idx
        while (
            last + 1 < len(found)
            and found[last + 1].kind == "nationality"
            and _joined(lows, found[last], found[last + 1])
        ):
            last += 1
        end = found[last].end
        noun = ""
        if end < len(toks) and toks[end][0].isalpha() and toks[end].islower() and lows[end] not in STOP_WORDS:
            noun = stem(lows[end])
        out.append(Value("nationality", s.span(a, b), num, num, noun))
    return out
