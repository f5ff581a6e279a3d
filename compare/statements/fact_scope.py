"""Where and when a fact mention is: the places of a sentence ("in Belgium", "at the Bataclan",
"there") with the place nouns the corpus may resolve ("hall=bataclan"), its time anchors
(weekdays, months, years, "last year", "three nights"), and the years a sentence carries over from
the one before it. Pure functions of the text, as :mod:`compare.statements.facts` is."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

import polars as pl

from ..text import fact_words as fw
from ..text.lexicon import MONTHS, REPORT_VERBS, WEEKDAYS
from ..text.quantities import Quantity, Token
from .holders import is_name

PLACE_NOUNS = frozenset(
    "hall stadium restaurant cafe café bar museum theatre theater venue station airport school hospital church "
    "mosque synagogue market bridge gauge square street district suburb village town city building warehouse "
    "dock docks port club arena hotel office plant factory mine camp prison embassy reservoir dam scene".split()
)
"""Head nouns of a place written in lower case ("in the concert hall", "at the gauge")."""
PERIOD_OPENERS = ("last", "this", "next", "previous")
"""Words that open a period ("last year", "this summer")."""
_PERIOD = re.compile(
    rf"\b({'|'.join(PERIOD_OPENERS)}) "
    r"(year|week|month|season|quarter|decade|night|weekend|summer|winter|spring|autumn)\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
"""A year: a whole token (``fullmatch``) or a word in a sentence (``findall``)."""
_SPAN_OF_NIGHTS = re.compile(r"\b(\w+) (nights|days|weeks)\b", re.I)
_PART_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4}
"""The ordinals of a quarter or a half, of a year or a match ("third-quarter revenue", "in the
second half", :data:`~compare.text.fact_words.ORDINAL_PERIOD`): the period a figure is of, as a
time anchor ("quarter:3"); figures of two quarters are two facts."""
_Q = re.compile(r"\b[Qq]([1-4])\b")


def is_word(tok: Token) -> bool:
    """A token of letters (a hyphenated word too)."""
    return tok.text[:1].isalpha()


def scope(
    text: str, toks: list[Token], sid: str, names: list[tuple[int, int, str]]
) -> tuple[list[tuple[int, str]], list[str], list[str], set[int]]:
    """The sentence's places (each with its token index), place-noun aliases ("hall=bataclan"),
    time anchors, and the token indices of the place names (not holders)."""
    places: list[tuple[int, str]] = []
    aliases: list[str] = []
    place_tokens: set[int] = set()
    for first, last, name in names:
        if name.removesuffix("'s").removesuffix("’s") in WEEKDAYS or name in MONTHS:
            continue  # "in Tuesday's earthquake", "in March": a time, no place
        before = toks[first - 1].text.lower() if first else ""
        before2 = toks[first - 2].text.lower() if first > 1 else ""
        if before in fw.PLACE_PREPOSITIONS or (before == "the" and before2 in fw.PLACE_PREPOSITIONS):
            places.append((first, name))
            place_tokens.update(range(first, last + 1))
            nxt = [t.text.lower() for t in toks[last + 1 : last + 3]]
            for w in nxt:
                if w in PLACE_NOUNS:
                    aliases.append(f"{w}={name}")
                    break
    for k, tok in enumerate(toks[:-1]):
        if tok.text.lower() in fw.PLACE_PREPOSITIONS and toks[k + 1].text.lower() == "the":
            for j in range(k + 2, min(k + 5, len(toks))):
                w = toks[j].text.lower()
                if not is_word(toks[j]) or is_name(toks, j):
                    break  # "near Port Kelby": a name, read as one (not the noun "port")
                if w in PLACE_NOUNS:
                    places.append((j, w))
                    break
        if tok.text.lower() == "there" and k > 0 and toks[k - 1].text.lower() not in ("is", "are", "was", "were"):
            places.append((k, _there(toks, k, places) or f"there:{sid}"))
        where = tok.text.lower() == "where" and k > 1 and toks[k - 1].text in _CLAUSE_MARKS
        if where and (found := _where(toks, k - 2, names)):  # "the Bataclan music hall, where more than 100 died"
            first, name, noun = found
            places.append((k, name))
            place_tokens.update(range(first, k - 1))
            aliases += [f"{noun}={name}"] if noun and noun != name else []
    times = time_anchors(text, toks)
    return places, sorted(set(aliases)), times, place_tokens


_CLAUSE_MARKS = frozenset({",", "-", "–", "—"})
"""What may stand between a place and the "where" of a clause about it."""


def _where(toks: list[Token], j: int, names: list[tuple[int, int, str]]) -> tuple[int, str, str] | None:
    """The place a "where" clause after token ``j`` is about: a name ending at ``j``, or a place
    noun at ``j`` with the name a word or two before it ("the Bataclan music hall", "the scene");
    (its first token, the place, the place noun or ""), or None when ``j`` ends no place."""
    for first, last, name in names:
        if last == j:
            return first, name, ""
    noun = toks[j].text.lower()
    if noun not in PLACE_NOUNS:
        return None
    for first, last, name in names:
        if j - 3 <= last < j and all(not is_name(toks, i) and is_word(toks[i]) for i in range(last + 1, j)):
            return first, name, noun
    return j, noun, ""


def _there(toks: list[Token], k: int, places: list[tuple[int, str]]) -> str:
    """The place "there" at ``k`` points back to in its own sentence: the nearest before it of the
    places found so far and the place nouns after "the" ("stormed the concert hall and all four
    attackers there were dead": the hall); "" for none (a place of another sentence, unknown here)."""
    last, name = max(((j, p) for j, p in places if j < k and not p.startswith("there:")), default=(-1, ""))
    for j in range(k - 1, last, -1):
        if toks[j].text.lower() in PLACE_NOUNS and any(t.text.lower() == "the" for t in toks[max(0, j - 3) : j]):
            return toks[j].text.lower()
    return name


def time_anchors(text: str, toks: list[Token]) -> list[str]:
    """Time anchors: weekdays, months, years, quarters and halves, "last year", spans of nights or days."""
    out = set()
    for k, tok in enumerate(toks):
        low = tok.text.lower()
        if low in MONTHS and tok.text[:1].isupper():
            out.add(f"month:{MONTHS[low]}")
        elif low in WEEKDAYS and not _day_of_report(toks, k):
            out.add(low)
        elif _YEAR.fullmatch(tok.text):
            out.add(tok.text)
        elif low in ("yesterday", "today", "tonight"):
            out.add(low)
    out.update(m.group(0).lower() for m in _PERIOD.finditer(text))
    parts = ((m["period"].lower(), m["ordinal"].lower()) for m in fw.ORDINAL_PERIOD.finditer(text))
    out.update(f"{p}:{_PART_NUMBER[n]}" for p, n in parts if p in ("quarter", "half") and n in _PART_NUMBER)
    out.update(f"quarter:{m.group(1)}" for m in _Q.finditer(text))
    for m in _SPAN_OF_NIGHTS.finditer(text):
        if m.group(1).lower() in ("two", "three", "four", "five", "six", "seven") or m.group(1).isdigit():
            out.add(f"{m.group(1).lower()} {m.group(2).lower()}")
    return sorted(out)


def _day_of_report(toks: list[Token], k: int) -> bool:
    """Whether the weekday at ``k`` is next to a verb of reporting ("the toll has risen to 17,
    officials said on Tuesday", "told reporters Monday"): the day the news was told, not of what it
    tells (as the values' dates have it)."""
    before = k - 2 if k > 1 and toks[k - 1].text.lower() == "on" else k - 1
    near = [toks[i].text.lower() for i in (before, k + 1) if 0 <= i < len(toks)]
    return any(w in REPORT_VERBS for w in near)


def less_bounds(times: list[str], toks: list[Token], found: list[Quantity]) -> list[str]:
    """``times`` less the spans of days that are a bound of a duration ("rated for up to two
    days"): a value of the sentence, not the time its other values are of."""
    bounds = {
        " ".join(t.text.lower() for t in toks[q.first : q.last + 1])
        for q in found
        if q.kind == "measure" and q.unit.startswith("duration") and q.low == float("-inf")
    }
    return [t for t in times if not any(b.endswith(t) for b in bounds)]


PLACE_REACH = 10
"""Tokens between a value and a place for the place to be the value's scope (not across ";")."""


def same_stretch(toks: list[Token], k: int, first: int, last: int) -> bool:
    """Whether token ``k`` lies within :data:`PLACE_REACH` tokens of ``first`` .. ``last`` with no
    semicolon between."""
    lo, hi = (k, first) if k < first else (last, k)
    return hi - lo <= PLACE_REACH and not any(t.text == ";" for t in toks[lo:hi])


def carried_years(statements: pl.DataFrame) -> dict[str, set[str]]:
    """Years a sentence inherits: those the sentence just before it names, when it starts on the
    line that sentence ends on (one paragraph) and it names no year itself. "... the first fatal
    crash came in July 2013, when an Asiana jet landed short. Three of the 307 people aboard
    died": the 307 are of 2013's crash, another occasion than the story's."""
    out: dict[str, set[str]] = {}
    before: tuple[int, int, set[str]] | None = None  # (document, last line, years) of the sentence before
    rows = statements.select("stmt_id", "doc_id", "line", "end_line", "text", "kind").iter_rows()
    for sid, doc, line, end_line, text, kind in rows:
        if kind in ("spec", "headline"):  # heading lines, numbered after the sentences
            continue
        years = set(_YEAR.findall(text))
        if not years and before is not None and before[0] == doc and before[1] == line and before[2]:
            out[sid] = before[2]
        before = (doc, end_line, years)
    return out


class MentionRow(NamedTuple):
    """A row of the fact mentions frame (:data:`compare.frames.MENTIONS`, the same columns in
    the same order) but for its ``words``, which the facts table never reads."""

    stmt_id: str
    doc_id: int
    kind: str
    unit: str
    span: str
    low: float
    high: float
    noun: str
    after: list[str]
    holder: str
    places: list[str]
    aliases: list[str]
    times: list[str]
    modality: str
    running: bool
    variant: str
    attribute: str
    known: bool
    start: int


def mention_rows(mentions: pl.DataFrame) -> list[MentionRow]:
    """The rows of a fact mentions frame, built from whole columns (a tuple a row: a dict each,
    read by name, made the facts table a third slower on a rerun)."""
    columns = [mentions.get_column(name).to_list() for name in MentionRow._fields]
    return list(map(MentionRow._make, zip(*columns, strict=True)))


def setting(
    rows: Sequence[MentionRow], documents: int, dates: dict[int, str] | None = None
) -> tuple[set[str], dict[str, str], dict[str, str]]:
    """The story's own setting, from the fact mentions (rows of
    :data:`compare.frames.MENTIONS`) of a corpus of ``documents`` documents: places and time
    anchors in at least :data:`~compare.text.fact_words.BACKGROUND_SHARE` of the documents, and
    at least three of them; the place-noun aliases the corpus resolves to one name ("hall" ->
    "bataclan"); and the story's year ({"year": ...}, or nothing when no document names one):
    that of most of the documents' ``dates`` (ISO text, by document id) where some are known."""
    docs_of: dict[str, set[int]] = defaultdict(set)
    names_of: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for term in (*r.places, *r.times):
            docs_of[term].add(r.doc_id)
        for alias in r.aliases:
            noun, _, name = alias.partition("=")
            names_of[noun].add(name)
    floor = max(3, math.ceil(fw.BACKGROUND_SHARE * documents))
    background = {t for t, docs in docs_of.items() if len(docs) >= floor and not t.startswith("there:")}
    alias = {noun: next(iter(names)) for noun, names in names_of.items() if len(names) == 1}
    named = [(len(docs), t) for t, docs in docs_of.items() if t.isdigit()]
    # news names the years of events it recalls ("the 2004 Madrid bombings") more often than
    # its own, which goes without saying: the latest year two documents name is the story's
    shared = [t for n, t in named if n >= 2]
    story = {"year": max(shared) if shared else max(named)[1]} if named else {}
    years = Counter(d[:4] for d in (dates or {}).values() if d[:4].isdigit())
    if years:  # the sources' own dates say it: "the 1998 quake" that two of them recall is another
        story = {"year": max(years.items(), key=lambda yn: (yn[1], yn[0]))[0]}
    return background, alias, story


def off_story(term: str, story: dict[str, str]) -> bool:
    """Whether a time anchor names a year other than the story's ("in 1962", "the 2004 train
    bombings"). Months are not read so: a sentence names other months in passing ("the wettest
    March in a decade", "to start in August") far more often than it dates a figure by one."""
    return term.isdigit() and story.get("year", term) != term
