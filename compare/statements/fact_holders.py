"""Whose value a fact mention is across sources: two names of one holder ("abaaoud" and
"abdelhamid abaaoud", "Ahmad" and "Ahmet Dahmani"), and whether a document names a holder before
a mention that names none (what "it" may refer back to). The fact table reads these."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .fact_scope import PLACE_NOUNS

GIVEN_NAMES_ALIKE = 0.6
"""Similarity (difflib's ratio) from which two given names are one name transliterated or spelled
two ways ("Ahmad"/"Ahmet" 0.6, "Ibrahim"/"Brahim" 0.92; "John"/"Jane" 0.5)."""


def holders_agree(x: str, y: str) -> bool:
    """The same holder, or one name the end of the other ("abaaoud" and "abdelhamid abaaoud");
    "solen 5" and "solen 5 pro" are two holders. A place noun ending a name is no part of it:
    "the Morrin Dam" and "the Morrin reservoir" are both Morrin's."""
    x, y = _bare(x), _bare(y)
    if x == y:
        return True
    short, long = (x, y) if len(x) < len(y) else (y, x)
    if " v " in long and " v " not in short:  # a match ("dunmere v kelso") and one of its teams
        return short in long.split(" v ")
    return (bool(short) and long.endswith(" " + short)) or _one_person(x, y)


def _one_person(x: str, y: str) -> bool:
    """Two full names of one surname whose given names are alike, in any order ("ibrahim" /
    "brahim abdeslam", "ahmad" / "ahmet dahmani", "omar ismail" / "ismael omar mostefai"): one
    person spelled two ways. "ahmad al mohammad" and "pouria nour mohammad" are two people."""
    xs, ys = x.split(), y.split()
    if len(xs) < 2 or len(ys) < 2 or xs[-1] != ys[-1]:
        return False
    return any(SequenceMatcher(None, a, b).ratio() >= GIVEN_NAMES_ALIKE for a in xs[:-1] for b in ys[:-1])


def _bare(name: str) -> str:
    """``name`` without a place noun ending it ("morrin dam" -> "morrin")."""
    head, _, last = name.rpartition(" ")
    return head if head and last in PLACE_NOUNS else name


def text_by(text: tuple[str, dict[str, int]], sid: str) -> str:
    """A document's text (see :data:`compare.statements.fact_table.TextsOf`) up to the end of
    statement ``sid``: what a mention in it may refer back to."""
    whole, ends = text
    return whole[: ends.get(sid, len(whole))]


def sentence_of(text: tuple[str, dict[str, int]], sid: str) -> str:
    """Statement ``sid`` of a document's text alone: the last line of :func:`text_by` (each
    statement follows its heading on a line of its own)."""
    return text_by(text, sid).rsplit("\n", 1)[-1]


def names_in(holder: str, text: str) -> bool:
    """Whether a lower-case document ``text`` names ``holder`` (as whole words), or its last two
    words, as one holder's end names it (:func:`holders_agree`): "Galaxy S5" names the
    "samsung galaxy s5" of another source."""
    words = holder.split()
    short = " ".join(words[-2:]) if len(words) > 2 else holder
    return re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text) is not None
