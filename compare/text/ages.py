"""People's ages given in an apposition ("Abdelhamid Abaaoud, 27,"): the name and the age, read
as a quantity of :mod:`compare.text.quantities` is."""

from __future__ import annotations

import re

from .quantities import Quantity, Token, name_like, quantity_at, tokenize

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
        if name_like(name):
            out.append(
                (name.lower(), quantity_at(text, toks, "age", "years", float(toks[k + 1].text), "exact", k + 1, k + 1))
            )
    return out
