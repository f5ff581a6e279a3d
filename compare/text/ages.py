"""People's ages given in an apposition ("Abdelhamid Abaaoud, 27,", "the driver, 43,"): the name
(or the role a definite article gives: "driver") and the age, read as a quantity of
:mod:`compare.text.quantities` is."""

from __future__ import annotations

import re

from .quantities import name_like
from .tokens import Quantity, Token, quantity_at, tokenize

_AGE = re.compile(r"\d{1,3}")
_AGE_HINT = re.compile(r",\s*\d{1,3}\s*[,.;)]")
"""What a sentence with an age in apposition holds (", 27,"): checked before it is tokenized."""


def ages(text: str, toks: list[Token] | None = None) -> list[tuple[str, Quantity]]:
    """People's ages given in an apposition ("Abdelhamid Abaaoud, 27," / "Harold Penrose, 71,"):
    the name (its last word, the surname) and the age as a quantity."""
    if not _AGE_HINT.search(text):
        return []  # most sentences: no need to tokenize them
    toks = toks if toks is not None else tokenize(text)
    out = []
    for k in range(1, len(toks) - 2):
        if toks[k].text != "," or not _AGE.fullmatch(toks[k + 1].text):
            continue
        if toks[k + 2].text not in (",", ".", ";", ")") or not 1 <= int(toks[k + 1].text) <= 120:
            continue
        name = toks[k - 1].text
        role = role_of(toks[k - 2].text, name) if k > 1 and not name_like(name) else None
        if name_like(name) or role is not None:
            age = quantity_at(text, toks, "age", "years", float(toks[k + 1].text), "exact", k + 1, k + 1)
            out.append((name.lower() if role is None else role, age))
    return out


ROLE = "the "
"""How the holder of an age given to a role begins ("the driver"): no name, so an age conflict of
it is only possible (two drivers of two stories, or a story with two victims)."""
_INDEFINITE = frozenset(("a", "an", "one", "another", "his", "her", "their", "its", "my", "our", "your"))


def role_of(article: str, noun: str) -> str | None:
    """The person a role noun after an article names when an age goes with it: "the driver, 43,"
    and "the 44-year-old driver" name "the driver" (one in a story, usually), "a man, 25," or "her
    9-year-old daughter" nobody named (""); None when ``noun`` is no singular lower-case noun after
    an article ("in 2014, 25 ...", "the victims, 25,": a count)."""
    if not noun.isalpha() or not noun.islower() or (noun.endswith("s") and not noun.endswith("ss")):
        return None
    article = article.lower()
    if article == "the":
        return ROLE + noun
    return "" if article in _INDEFINITE else None
