"""A fact in words, from its key (kind, unit, counted noun, attribute, holder, scope): what it is
a value of ("death (people)", "cost (USD)") and the place and period that tell it from other
facts of that attribute ("at bataclan", "in 1962", "in January")."""

from __future__ import annotations

from ..text.lexicon import MONTHS
from ..text.quantities import SIZE

_KIND_WORDS = {"time": "time of day", "date": "date", "percent": "%", "age": "age", "score": "score"}
_NOUN_WORDS = {"person": "people"}


def fact_label(key: tuple) -> str:
    """The fact's attribute in words: the attribute word, then what it is a value of ("death
    (people)", "cost (USD)", "peak (length, m)", "departure (time of day)", "age")."""
    kind, unit, noun, attribute = key[:4]
    if kind == "age":
        return "age"
    if kind == "count":
        what = _NOUN_WORDS.get(noun, noun)
    elif kind == "measure":
        dim, _, base = unit.partition(":")
        what = base if dim == attribute else f"{dim}, {base}"  # "temperature (C)", "weight (mass, kg)"
        if dim == SIZE:  # "size:m3": three sides in metres
            letters = base.rstrip("0123456789")
            what = ", ".join(filter(None, (f"{base[len(letters):]} sides", letters)))
    else:
        what = unit if kind == "money" else _KIND_WORDS.get(kind, kind)
    if noun and kind != "count":  # a change ("change vs alpha"), not a level
        what = f"{what}, {noun}"
    return f"{attribute} ({what})" if attribute != what else what


def scope_words(key: tuple) -> str:
    """The place and period of a fact's key in words: "at bataclan", "in 1962" (a year other than
    the story's), "last year", "there" (a place the sentence names before); "" for none."""
    places, periods = key[5]
    named = [p for p in places if not p.startswith("there:")]
    words = [f"at {' and '.join(named)}"] if named else []
    words += ["there"] if len(named) < len(places) else []
    return ", ".join(words + [_period(p) for p in periods])


_MONTH_NAMES = {n: max((m for m, k in MONTHS.items() if k == n), key=len).capitalize() for n in set(MONTHS.values())}


def _period(term: str) -> str:
    """A period of a key in words: "off:1962" -> "in 1962", "off:month:1" -> "in January"."""
    if term.startswith("off:month:"):
        return f"in {_MONTH_NAMES.get(int(term[10:]), term[10:])}"
    return f"in {term[4:]}" if term.startswith("off:") else term
