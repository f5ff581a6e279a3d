"""Stage 2, normalize: split documents into lines, normalize them, classify them.

Normalization is NFKC plus straight quotes, plain hyphens for every dash and plain
spaces for every kind of blank, so that the same words typed on different keyboards
compare equal. Each normalized character keeps the offset of the source character it
came from (``offsets``), so any finding can be cited as ``file:line`` and sliced out
of the decoded source exactly.

Lines are classified as ``blank``, ``boilerplate`` (bylines, view counters, ad labels,
share bars), ``heading`` (kept as section context, never a statement) or ``body``.
"""

from __future__ import annotations

import re
import unicodedata

import polars as pl

from . import frames

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys(
        "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u202f\u205f\u3000\u000b\u000c",
        " ",
    ),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
}
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_SIMPLE = re.compile(r"[\x20-\x7e]*")  # printable ASCII apart from the characters we map


def normalize_text(text: str) -> tuple[str, list[int]]:
    """Normalize ``text``; return it and the source offset of every output character.

    The offset list is empty when the mapping is the identity (the common ASCII case),
    which keeps the frame small. Whitespace is mapped but not collapsed, so the result
    is idempotent: ``normalize_text(normalize_text(t)[0])[0] == normalize_text(t)[0]``.
    """
    if _SIMPLE.fullmatch(text) and "`" not in text:
        return text, []
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):  # keep a base with its accents
            j += 1
        chunk = text[i:j]
        mapped = _CHAR_MAP.get(chunk)
        if mapped is None:
            mapped = unicodedata.normalize("NFKC", chunk)
            mapped = "".join(_CHAR_MAP.get(c, c) for c in mapped)
        out.append(mapped)
        offsets.extend([i] * len(mapped))
        i = j
    norm = "".join(out)
    if len(norm) == n and offsets == list(range(n)):
        return norm, []
    return norm, offsets


_SOCIAL = re.compile(
    r"\b(facebook|twitter|x\.com|email|e-mail|whatsapp|linkedin|pinterest|reddit|telegram|copy link)\b", re.I
)
_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"(by|posted by|written by|words by|story by|reporting by)\s+[^.!?]{1,80}",
        r"advertisements?|advertising|sponsored( content| post| links?)?|promoted( content)?|paid (content|post)|ad",
        r"iklan\b.*|anzeige|publicidad|werbung",
        r"share( this( story| article| post)?)?(\s*[:|].*)?|share on\b.*",
        r"(continue reading|read more|read next|related( articles| stories| posts)?|see also|recommended)\b.*",
        r"(subscribe|sign up|follow us|click here|download (the|our) app|newsletter)\b.*",
        r"(image|photo|picture|video|graphic)( credit| by| source)?\s*[:|].*",
        r"(copyright|\(c\)|©|all rights reserved).*",
        r"(tags?|topics?|filed under|categories)\s*:.*",
        r"(posted|published|updated|last updated)\b.*\d.*",
        r"(loading|comments?|\d+ comments?|leave a comment|skip to (main )?content)\.{0,3}",
    )
]
_COUNTER = re.compile(r"\b\d[\d,.]*\s*[km]?\s+(views?|shares?|comments?|likes?|reads?)\b", re.I)
_TERMINAL = re.compile(r"[.!?;:,\"')\]]$")


def is_boilerplate(line: str) -> bool:
    """True for a line that carries no statement: byline, counter, ad label, share bar."""
    s = line.strip().strip("*_#>-• ").strip()
    if not s:
        return False
    words = len(s.split())
    if words > 14:
        return False
    if _COUNTER.search(s) or s.count("|") >= 2 or len(_SOCIAL.findall(s)) >= 2:
        return True
    if "|" in s and not _TERMINAL.search(s):
        return True
    return any(p.fullmatch(s) for p in _BOILERPLATE) and not (words >= 5 and s[-1] in ".!?")


def is_heading(line: str, next_line: str | None) -> bool:
    """True for a title or section heading: markdown ``#``, or a short line without
    sentence punctuation that is not continued in lower case on the next line."""
    s = line.strip()
    if s.startswith("#"):
        return True
    if not s or len(s.split()) > 14 or _TERMINAL.search(s) or s.endswith("?"):
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'"):
        return False
    if next_line is not None:
        nxt = next_line.lstrip()
        if nxt and nxt[0].islower():
            return False
    return any(c.isalpha() for c in s)


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, line breaks excluded."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def normalize(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents frame in, lines frame out (see :data:`compare.frames.LINES`)."""
    rows: dict[str, list] = {name: [] for name in frames.LINES}
    for doc_id, text in documents.select("doc_id", "text").iter_rows():
        spans = split_lines(text)
        norms = [normalize_text(text[s:e]) for s, e in spans]
        section = ""
        for i, ((start, end), (norm, offs)) in enumerate(zip(spans, norms, strict=True)):
            # a heading is not continued in lower case on the very next line
            nxt = norms[i + 1][0] if i + 1 < len(norms) and not is_boilerplate(norms[i + 1][0]) else None
            if not norm.strip():
                kind = "blank"
            elif is_boilerplate(norm):
                kind = "boilerplate"
            elif is_heading(norm, nxt):
                kind = "heading"
                section = norm.strip().lstrip("#").strip()
            else:
                kind = "body"
            rows["doc_id"].append(doc_id)
            rows["line"].append(i + 1)
            rows["start"].append(start)
            rows["end"].append(end)
            rows["norm"].append(norm)
            rows["offsets"].append([start + o for o in offs])
            rows["kind"].append(kind)
            rows["section"].append(section if kind != "heading" else "")
    return pl.DataFrame(rows, schema=frames.LINES)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())
