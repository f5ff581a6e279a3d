"""Word-level helpers shared by the stages: tokens, stop words, cached stemming."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nltk.stem.snowball import SnowballStemmer

WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|[^\W_]+(?:[.'][^\W_]+)*")
"""A word: letters/digits, with inner apostrophes or dots kept ("U.S", "o'clock", "9.5"),
and a number with thousands separators as one word ("8,829")."""

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could did do does doing done down during each
    either else ever few for from further had has have having he her here hers herself him
    himself his how however i if in into is it its itself just least less let like likely made
    make many may me might more most much must my myself neither nor now of off often on once
    only or other our ours ourselves out over own per quite rather really same several shall she
    should since so some still such than that the their theirs them themselves then there these
    they this those though through thus to too under until up upon us very was we were what when
    where whether which while who whom whose why will with within without would yet you your
    yours yourself yourselves s t d ll m re ve y it's that's there's let's we're they're i'm
    you're he's she's we've they've i've isn't wasn't weren't don't doesn't didn't won't
    wouldn't can't couldn't shouldn't hasn't haven't hadn't one ones say says said saying according
    """.split()
)
"""Function words that carry no content for matching (written for this project)."""



def import_nltk() -> None:
    """Import the ``nltk`` package without letting it load scipy.

    nltk's package import loads its collocation statistics, which try ``scipy.stats`` and
    fall back when it is missing; this project never uses them, and scipy.stats costs about
    0.8 s of every run's start (two thirds of nltk's import). scipy is hidden only while nltk
    imports, and only when nothing imported it before: it stays importable afterwards.
    """
    if "nltk" in sys.modules:
        return
    hide = "scipy" not in sys.modules
    if hide:
        sys.modules["scipy"] = None  # type: ignore[assignment]  # "import scipy" raises ImportError
    try:
        import nltk  # noqa: F401
    finally:
        if hide and sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    """NLTK's English Snowball stemmer, imported on first use (importing nltk takes a
    noticeable share of a short run's start, which a fully cached rerun never needs)."""
    import_nltk()
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


_BRITISH = re.compile(r"(?<=\w{2})is(e|ed|es|ing|ation|ations)$|(?<=\w{3})our(s|ed|ing|able)?$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-cased word, cached: stems repeat a lot.

    British spellings are folded into American ones first ("recognise"/"recognize",
    "neighbour"/"neighbor"); the fold is applied to every word alike, so it can only make
    two spellings of one word meet.
    """
    if len(word) > 5:
        word = _BRITISH.sub(lambda m: ("iz" + m.group(1)) if m.group(1) else ("or" + (m.group(2) or "")), word)
    return _stemmer().stem(word)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``; possessive 's is dropped."""
    out = []
    for w in WORD.findall(text.lower()):
        if w.endswith("'s"):
            w = w[:-2]
        out.append(w.strip("'"))
    return [w for w in out if w]


def content_stems(tokens: list[str]) -> list[str]:
    """Stems of the content words in ``tokens`` (stop words and 1-letter words dropped)."""
    return [stem(t) for t in tokens if t not in STOP_WORDS and (len(t) > 1 or t.isdigit())]
