"""What a fact mention is a value of: its attribute word, and whether that word is known.

The attribute is known when it is a class of :data:`~compare.text.fact_words.PREDICATES` (or one
restricted to a part, "core inflation"), or the words right after a measure ("1,600 km west"),
rather than only a word that happened to be near the value. It is read off the mention's own
row (kind, unit, counted noun, words around it, holder), so the per-document stage adds it to
each mention (:func:`compare.statements.facts.statement_mentions`) and the cache keeps it; which
mentions are one fact is decided across documents (:mod:`compare.statements.fact_table`).
"""

from __future__ import annotations

from ..text import fact_words as fw
from ..text.ages import ROLE
from ..text.measures import MAGNITUDE
from ..text.quantities import SIZE

OF = "of:"
"""Marks the first ``after`` word of a duration said to be of something ("of video playback") or a
sum paid on or for something ("on salaries"): the fact's attribute (:func:`attribute`)."""
MEASURED = frozenset(
    {"weight", "peak", "rain", "capacity", "speed", "cost", "sentence", "burned", "temperature", "height"}
)
"""Attributes that say what a measure is of ("weighs 189 grams", "jailed for seven years", "burned
12,000 hectares"); "searching 328 sq miles" does not."""
SIZE_UNIT = SIZE + ":"
"""How the unit of a size of two or three sides begins (:func:`compare.text.measures.dimensions`)."""
_NOT_ATTRIBUTE = fw.SCOPE_TIME_WORDS | {"last", "first", "next", "this", "that", "age"}


def attribute(row: dict) -> tuple[str, bool]:
    """The attribute word of a mention (a row of :data:`compare.frames.MENTIONS` but these two
    columns) and whether it is known (see the module)."""
    if row["kind"] == "age":  # of a name; of a role ("the driver") only possibly one person
        return "age", not row["holder"].startswith(ROLE)
    if row["kind"] == "score":  # a match's score, of the team next to it ("beating Dunmere 3-1")
        return "score", True
    if row["unit"] == MAGNITUDE:  # "a magnitude 6.4 earthquake": what it measures goes without saying,
        return ("aftershock" if "aftershock" in row["words"][:3] else "magnitude"), True  # but a quake's own
    if row["unit"].startswith(SIZE_UNIT):  # "142 x 72.5 x 8.1 mm": a size, whatever is weighed beside it
        return "size", bool(row["holder"])
    words = [fw.noun_predicate(row["noun"], w) for w in row["words"] if w not in _NOT_ATTRIBUTE]  # jobs cut: laid off
    after = [w for w in row["after"] if w not in _NOT_ATTRIBUTE]
    if row["holder"] and words and words[0] in fw.OWNING:  # "the Pro has 4 cameras", "the Greens won 98 seats"
        # what a noun's own class says they are goes first: "has 45,000 employees" are its staff
        return next((w for w in words if w in fw.FALLBACK_EVENTS), words[0]) if words[0] == "has" else words[0], True
    if row["kind"] == "measure" and after and after[0] in fw.RELATIONS:
        return after[0].replace("-", ""), True  # "south-west" and "southwest" are one direction
    if row["kind"] in ("measure", "money") and after and after[0].startswith(OF):
        return after[0].removeprefix(OF), False  # "10 hours of video playback": of playback, as claimed or tested
    # people and things counted are no sums ("1,200 people spent the night"); "12 billion crowns" may be
    known = [w for w in words if _known(w) and not (w == "cost" and row["noun"] in fw.NOUNS)]
    if row["noun"] in fw.EVENT_NOUNS:  # a count of events is of the events, made or undone
        return next((w for w in known if w in fw.UNDONE), row["noun"]), True
    if known and row["kind"] == "measure":  # a distance or an area is known by what it measures
        return known[0], known[0] in MEASURED
    if known:
        return known[0], True
    if row["kind"] == "measure" and after:
        return after[0], True
    if row["noun"] in fw.EVENT_NOUNS:
        return row["noun"], True
    return (words[0] if words else ""), False


def _known(word: str) -> bool:
    """Whether an attribute word is a class of :data:`~compare.text.fact_words.PREDICATES`, or
    one restricted to a part ("core inflation", :data:`~compare.text.fact_words.QUALIFIERS`)."""
    return word in fw.PREDICATES or word.rpartition(" ")[2] in fw.QUALIFIED
