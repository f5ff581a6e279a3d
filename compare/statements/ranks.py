"""Ranks read from a sentence: ordinals ("the third major fire", "1st", "came second") and
numbers after "No." ("Europe's No. 4 phone brand"), each with the noun it ranks; the value
readers of :mod:`compare.statements.values` try these in turn with the others."""

from __future__ import annotations

import re

from ..text.lexicon import IRREGULAR_PAST, LAST_WORDS, ORDINALS, SUPERLATIVES, numero_sign
from ..text.words import STOP_WORDS
from .sentence import BARE, Found, Sentence, Value, head_at, noun_at, noun_stem, parse_number

_ORDINAL_DIGITS = re.compile(r"\d+(st|nd|rd|th)")
_LEADING_DIGITS = re.compile(r"\d+")


def ordinal(s: Sentence, i: int) -> Found | None:
    """An ordinal with the noun it ranks ("the third major fire", "1st", "the twenty-first
    century"), or bare ("came second"); none for "last", "at first" or a heading "First,"."""
    toks, low = s.toks, s.lows[i]
    if low not in ORDINALS and not _ORDINAL_DIGITS.fullmatch(low):
        return None
    sentence_start = i == 0 or (i == 1 and not toks[0][0].isalnum())
    nxt_punct = i + 1 < len(toks) and not toks[i + 1][0].isalnum()
    if (sentence_start and nxt_punct) or low in LAST_WORDS or _ordinal_in_name(toks, i, sentence_start):
        return Found([], i + 1)
    if _ranks_nothing(s, i):
        return Found([], i + 1)
    n = ORDINALS.get(low) or int(_LEADING_DIGITS.match(low).group())
    k = head_at(toks, noun_at(toks, i + 1), many=False)
    if k > 0:
        unit = noun_stem(toks, k)  # "second-largest" and "third-biggest" rank by one measure
        return Found([Value("ordinal", s.span(i, k + 1), n, n, SUPERLATIVES.get(unit, unit))], i + 1)
    prev = s.lows[i - 1] if i else ""
    if prev not in ("at", "for"):  # "at first" is an adverb, not a rank
        return Found([Value("ordinal", toks[i], n, n, BARE)], i + 1)
    return Found([], i + 1)


def numero(s: Sentence, i: int) -> Found | None:
    """A number after "No." ("Europe's No. 4 phone brand", "the world No. 1", see
    :data:`compare.text.lexicon.NUMERO`): a rank, an ordinal of the noun after it (bare with
    none), never a count of that noun; nothing at all before a name ("No 10 Downing Street":
    an address)."""
    toks = s.toks
    if not toks[i].isdigit():
        return None
    sign = numero_sign(s.text, toks, s.starts, i)
    if sign is None:
        return None
    if i + 1 < len(toks) and toks[i + 1][:1].isupper():
        return Found([], i + 1)
    n = int(toks[i])
    k = head_at(toks, noun_at(toks, i + 1), many=False)
    if k > 0:
        return Found([Value("ordinal", s.span(sign, k + 1), n, n, noun_stem(toks, k))], i + 1)
    return Found([Value("ordinal", s.span(sign, i + 1), n, n, BARE)], i + 1)


def _ranks_nothing(s: Sentence, i: int) -> bool:
    """Whether the ordinal at ``i`` ranks no one thing: the first few of a series ("the first
    three teams", "the first 10 minutes"), or an adverb ("a chip that first launched in 2013",
    "they first met Putin in 2017": a verb in the past tense follows, then a word that opens a
    phrase, a name or the end; "the first reported case" ranks a case, "the first seed" a seed)."""
    lows = s.lows
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if nxt != "one" and parse_number(nxt) is not None:
        return True
    past = (nxt.endswith("ed") and not nxt.endswith("eed") and len(nxt) > 3) or nxt in IRREGULAR_PAST
    if not past:
        return False
    after = s.toks[i + 2] if i + 2 < len(lows) else ""
    return after.lower() in STOP_WORDS or not after[:1].isalnum() or after[:1].isupper()


def _ordinal_in_name(toks: list[str], i: int, sentence_start: bool) -> bool:
    """Whether the ordinal word at ``i`` is part of a name or title in running text: capitalised
    mid-sentence before a capitalised word ("an American First Lady", "the Second World War",
    "the First Amendment"). It ranks nothing, so it is no ordinal; in a headline written in
    title case (no lower-case word of four letters or more) capitals say nothing."""
    if sentence_start or i + 1 >= len(toks) or not (toks[i][:1].isupper() and toks[i + 1][:1].isupper()):
        return False
    return any(len(t) > 3 and t.isalpha() and t.islower() for t in toks)
