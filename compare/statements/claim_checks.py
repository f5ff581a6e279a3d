"""Checks that two matching statements make the same claim, not only share words.

Word overlap finds statements about one topic; a repeated claim needs more. Two statements are
kept apart, however well they score, when

- their **figures do not line up**: both give counts, sums, measures or percentages, and no figure
  of one is a figure of the other (same kind, unit and counted noun, values that can be equal):
  "Eighty people were reported killed" and "all four attackers there were dead";
- their **dates differ**: both date something to the day (or month) and no date is shared:
  "March 16 (satellite image)" and "the image was taken ... on 18 March";
- **all they share, one of them says in passing**: in parentheses, an aside between dashes, an
  example ("as in the Brussels museum shootings"), a place named by what happened there ("near
  to where a car was found"), a purpose ("so they can't feel safe");
- **too little is shared**: once the words of time (months, weekdays, "year", "last"), of
  attribution ("said", "think") and of who is quoted ("Koen Geens, the Belgian justice minister,
  said") are set aside, they share fewer than two words, a name counting half (three when both
  are in the first person), or only the words of names (capitalised words inside the
  sentence): "Kilnmoor Road will reopen on Friday" and "Schools in Brennock will reopen on
  Friday"; two quotes of one chief executive on different matters; "arresting images from
  Paris" and "one of those arrested may have been in Paris".

Two statements nearly word for word (``VERBATIM``) skip the checks on speakers, names and asides.

These are cannot-link pairs for :func:`compare.statements.grouping.group`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

import polars as pl

from ..text.lexicon import MONTHS, NUMBER_WORDS, SPEECH_VERBS, WEEKDAYS
from ..text.words import content_stems, stem, words
from .facts import VS
from .features import canonical
from .markers import speaker_phrases
from .scoring import Scorer

DATED_UNITS = frozenset({"day", "month"})
"""Date units precise enough that two different ones mean two different days (not years: a claim
may name a year in passing)."""
MIN_SHARED = 2
"""Words (time and attribution aside) two statements share at the least to make one claim."""
MIN_SHARED_QUOTED = 3
"""The same for two statements in the first person, unless nearly word for word (``VERBATIM``):
each is someone's own words, and two sources quoting one speaker keep most of them ("I think
it's lessons to be learnt" and "I think there will be a lot of lessons learnt, and I dare say
..." are two people's)."""
VERBATIM = 0.8
"""Score from which two statements are one sentence reproduced ("We heard screaming"): the
checks on speakers, names and asides do not apply."""
NAME_SHARE = 2
"""A shared name counts as 1 / NAME_SHARE of a shared word: one name and one word ("Paris",
"arrested") make a topic, not a claim; two names and a word, or two words, may."""
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|we|We|we're|We're|we've|We've|us|our|Our)\b")
TIME_WORDS = "today yesterday tomorrow ago last next earlier later week weeks month months year years day days".split()
ATTRIBUTION_WORDS = "say tell think believe accord add report".split()
_CAPITALISED = re.compile(r"(?<=[\w,;:] )[A-Z][\w'-]*")


def _figures(mentions: pl.DataFrame) -> dict[str, list[tuple[str, str, str, float, float]]]:
    """Each statement's figures (kind, unit, counted noun, low, high), ages and times aside."""
    out: dict[str, list] = defaultdict(list)
    rows = mentions.filter(pl.col("kind").is_in(["count", "money", "measure", "percent"]))
    for sid, kind, unit, noun, low, high in rows.select("stmt_id", "kind", "unit", "noun", "low", "high").iter_rows():
        out[sid].append((kind, unit, noun.partition(VS)[0], low, high))  # a change, whatever its base
    return out


def _dates(values: pl.DataFrame) -> dict[str, dict[str, set[float]]]:
    """Each statement's dates by unit (day and month only)."""
    out: dict[str, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    rows = values.filter((pl.col("kind") == "date") & pl.col("unit").is_in(sorted(DATED_UNITS)))
    for sid, unit, low in rows.select("stmt_id", "unit", "low").iter_rows():
        out[sid][unit].add(low)
    return out


def _line_up(xs: list[tuple], ys: list[tuple]) -> bool:
    """Whether some figure of ``xs`` may be a figure of ``ys``."""
    return any(p[:3] == q[:3] and p[3] <= q[4] and q[3] <= p[4] for p in xs for q in ys)


def _dates_differ(xa: dict[str, set[float]], xb: dict[str, set[float]]) -> bool:
    """Whether both statements date to one unit and share no date of it."""
    return any(unit in xb and not (days & xb[unit]) for unit, days in xa.items())


_NUMBER = r"\d[\d,.]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_GIVEN_FIGURE = re.compile(rf"\bthe ({_NUMBER}) (\w+)(?: (?:on|in|at|of|aboard) (?:the )?(\w+))?", re.I)


def given_figures(text: str) -> frozenset[str]:
    """Stems of the figures a sentence takes as known, with their nouns and the place or state
    after them: "the families of the 239 people on board" names them, it does not say there
    were 239 (that is the facts table's)."""
    return frozenset(stem(w.lower().replace(",", "")) for m in _GIVEN_FIGURE.finditer(text) for w in m.groups() if w)


def name_stems(text: str) -> frozenset[str]:
    """Stems of the capitalised words inside a sentence (not its first word): names and titles."""
    return frozenset(stem(w.lower()) for w in _CAPITALISED.findall(text))


def speaker_stems(text: str) -> frozenset[str]:
    """Stems of the words naming who a statement says said it ("Koen Geens, the Belgian justice
    minister, said ..."): a speaker is not a claim, two quotes of one speaker are two claims."""
    return frozenset(chain.from_iterable(canonical(content_stems(words(p))) for p in speaker_phrases(text)))


_IN_PASSING = re.compile(
    r"\([^)]*\)"  # parentheses
    r"|\s[-\u2013\u2014]+\s[^-\u2013\u2014]+\s[-\u2013\u2014]+\s"  # between two dashes
    r"|\b(?:as in|such as)\s(?:the|a|an|his|her|their)\b[^,;]*"  # an example: "as in the Brussels museum shootings"
    r"|\b(?:near|to|from|at)\s(?:to\s)?where\b[^,;]*"  # a place named by what happened there
    r"|\b(?:so (?:that )?(?:they|we|you|he|she|it|I) (?:can|could|will|would|may|might)|in order to)\b.*$",  # a purpose
    re.I,
)


_PASSING_CUES = ("(", " - ", "\u2013", "\u2014", " as in ", " such as ", "where", " so ", " in order to ")
"""Substrings every aside of :data:`_IN_PASSING` holds: most sentences have none, and looking
for them costs a tenth of the pattern."""


def main_stems(text: str) -> frozenset[str] | None:
    """Canonical stems of what a sentence asserts: the sentence less what it says in passing
    (parentheses, asides between dashes, examples, a place named by what happened there, a
    purpose); None when it says nothing in passing, or nothing else. Relative clauses stay:
    "the plane, which disappeared on March 8" says so."""
    low = " " + text.lower()
    if not any(cue in low for cue in _PASSING_CUES) or not _IN_PASSING.search(text):
        return None
    return canonical(content_stems(words(_IN_PASSING.sub(" ", text)))) or None


class _Wording(NamedTuple):
    """What the checks read of one statement's wording, once per statement."""

    names: frozenset[str]
    given: frozenset[str]
    first_person: bool
    speaker: frozenset[str]
    main: frozenset[str] | None


def _wording(text: str) -> _Wording:
    """Its names (:func:`name_stems`), figures taken as known (:func:`given_figures`), whether
    it is in the first person, who it quotes (:func:`speaker_stems`), and what it asserts
    (:func:`main_stems`)."""
    return _Wording(
        name_stems(text), given_figures(text), bool(_FIRST_PERSON.search(text)), speaker_stems(text), main_stems(text)
    )


def _in_passing(core: frozenset[str], wa: _Wording, wb: _Wording) -> bool:
    """Whether one of the two says all of ``core`` in passing only."""
    return bool(core) and any(w.main is not None and not core & w.main for w in (wa, wb))


def _too_little(core: frozenset[str], wa: _Wording, wb: _Wording, need: int, name_share: float) -> bool:
    """Whether ``core`` falls short of ``need`` shared words, a name counting ``1 / name_share``,
    or holds names only."""
    plain = len(core - wa.names - wb.names)
    return plain == 0 or plain + (len(core) - plain) / name_share < need


@lru_cache(maxsize=1)
def aside_stems() -> frozenset[str]:
    """Stems that do not make two statements one claim: time words, months, weekdays, attribution."""
    return frozenset(stem(w) for w in (*TIME_WORDS, *MONTHS, *WEEKDAYS, *ATTRIBUTION_WORDS, *SPEECH_VERBS))


KEEP, APART, SCORED, FIGURES = 0, 1, 2, 3
"""What the checks say of a pair of claims, from the two statements alone (their words,
figures and dates; not the IDF, nor what the corpus's facts agree on): nothing keeps them
apart (``KEEP``); they are apart (``APART``); they are apart unless nearly word for word, their
score at least :data:`VERBATIM` (``SCORED``); their figures or dates differ (``FIGURES``: apart
even when they state one fact with one value). A later run with the same two statements gets
the same verdict, so it may take it from the previous run (:func:`verdicts`)."""


def verdicts(
    pairs: Iterable[tuple[str, str]],
    texts: Mapping[str, str],
    scorer: Scorer,
    mentions: pl.DataFrame,
    values: pl.DataFrame,
    agreed: frozenset[tuple[str, str]] = frozenset(),
    known: Mapping[tuple[str, str], int] | None = None,
) -> dict[tuple[str, str], int]:
    """The verdict of each pair of ``pairs`` (``KEEP``, ``APART``, ``SCORED`` or ``FIGURES``),
    taken from ``known`` when there (a previous run's, of the same two statements), else read;
    the pairs in ``agreed`` (:func:`same_fact_pairs`) are only checked for their figures and
    dates (their words may differ entirely), and get no verdict when those line up."""
    known = known or {}
    figures = dates = None
    read: dict[str, _Wording] = {}
    out: dict[tuple[str, str], int] = {}
    for a, b in pairs:
        got = known.get((a, b))
        if got is None:
            if figures is None or dates is None:  # made on first use: a rerun may know every verdict
                figures, dates = _figures(mentions), _dates(values)
            got = _verdict(a, b, texts, scorer, figures, dates, (a, b) in agreed, read)
        if got is not None:
            out[(a, b)] = got
    return out


def _verdict(
    a: str,
    b: str,
    texts: Mapping[str, str],
    scorer: Scorer,
    figures: dict[str, list[tuple[str, str, str, float, float]]],
    dates: dict[str, dict[str, set[float]]],
    agreed: bool,
    read: dict[str, _Wording],
) -> int | None:
    """The verdict of one pair (see :data:`KEEP`); None for an ``agreed`` pair whose figures
    and dates line up. ``read`` keeps the statements' wordings already read."""
    fa, fb = figures.get(a), figures.get(b)
    if (fa and fb and not _line_up(fa, fb)) or (a in dates and b in dates and _dates_differ(dates[a], dates[b])):
        return FIGURES
    if agreed:
        return None
    shared = scorer.sets[a] & scorer.sets[b]
    if not shared:
        return KEEP
    wa = read.get(a) or read.setdefault(a, _wording(texts[a]))
    wb = read.get(b) or read.setdefault(b, _wording(texts[b]))
    # "the 239 people on board": a reference, not what is said
    core = shared - aside_stems() - wa.given - wb.given
    both_first = wa.first_person and wb.first_person
    # who said it is not what is said; a name shared counts half
    strict = core - wa.speaker - wb.speaker
    if not (
        _in_passing(strict, wa, wb)
        or _too_little(strict, wa, wb, MIN_SHARED_QUOTED if both_first else MIN_SHARED, NAME_SHARE)
    ):
        return KEEP
    # apart, unless nearly word for word: then only too few shared words keep them apart
    return APART if _too_little(core, wa, wb, MIN_SHARED, 1) else SCORED


def apart(
    found: Mapping[tuple[str, str], int], scorer: Scorer, agreed: frozenset[tuple[str, str]] = frozenset()
) -> set[frozenset[str]]:
    """The pairs the ``found`` verdicts keep apart: figures or dates that differ, and, unless
    the pair is ``agreed``, ``APART`` and ``SCORED`` under :data:`VERBATIM` (the score read
    last: most pairs are settled without it)."""
    out = set()
    for (a, b), verdict in found.items():
        if verdict == FIGURES or (
            (a, b) not in agreed and (verdict == APART or (verdict == SCORED and scorer.score(a, b) < VERBATIM))
        ):
            out.add(frozenset((a, b)))
    return out


def not_the_same_claim(
    pairs: Iterable[tuple[str, str]],
    texts: Mapping[str, str],
    scorer: Scorer,
    mentions: pl.DataFrame,
    values: pl.DataFrame,
    agreed: frozenset[tuple[str, str]] = frozenset(),
) -> set[frozenset[str]]:
    """The pairs among ``pairs`` that the checks of this module keep apart (:func:`verdicts`,
    then :func:`apart`). Pairs in ``agreed`` state one fact with one value
    (:func:`same_fact_pairs`): only their figures and dates are checked, their words may differ
    entirely."""
    return apart(verdicts(pairs, texts, scorer, mentions, values, agreed), scorer, agreed)


FACT_MIN_SCORE = 0.2
"""Lowest score of two statements that one agreeing fact makes one claim: they share a word or
two besides the value ("reach shops on Sept. 26" / "go on sale on September 26")."""
_BACKGROUND = re.compile(
    r"\s(?:which|who|where)\s[^,;]*"  # a relative clause: "the plane, which disappeared on March 8"
    r"|,\swith\s[^,;]*,",  # an aside: "The plane, with 239 people aboard, made its turn"
    re.I,
)


def _stated(text: str, span: str) -> bool:
    """Whether the value ``span`` is what the sentence states, not background: not a figure it
    takes as known, said in passing, or in a relative clause."""
    at = text.find(span)
    if at < 0:
        return False
    asides = (*_GIVEN_FIGURE.finditer(text), *_IN_PASSING.finditer(text), *_BACKGROUND.finditer(text))
    return not any(m.start() <= at < m.end() for m in asides)


def same_fact_pairs(
    agreeing: Iterable[tuple[str, str, str, str]], texts: Mapping[str, str], scorer: Scorer
) -> list[tuple[str, str]]:
    """The claim pairs of ``agreeing`` mentions (the fact layer's: one fact, one value, two
    documents) that state that value as their claim and share a word or two besides it
    (:data:`FACT_MIN_SCORE`), in the order given, each once."""
    out: dict[tuple[str, str], None] = {}
    for a, span_a, b, span_b in agreeing:
        if (a, b) in out or a not in texts or b not in texts:
            continue
        if _stated(texts[a], span_a) and _stated(texts[b], span_b) and _besides(a, span_a, b, span_b, scorer):
            out[(a, b)] = None
    return list(out)


def _besides(a: str, span_a: str, b: str, span_b: str, scorer: Scorer) -> bool:
    """Whether two statements giving one value share enough besides it (:data:`FACT_MIN_SCORE`):
    their score, or the score of their words without the value's, which is the higher when they
    write the value differently ("half a million pounds" / "£500,000": words not shared)."""
    if scorer.score(a, b) >= FACT_MIN_SCORE:
        return True
    value_a, value_b = (canonical(content_stems(words(span))) for span in (span_a, span_b))
    return scorer.sets_score(scorer.sets[a] - value_a, scorer.sets[b] - value_b) >= FACT_MIN_SCORE
