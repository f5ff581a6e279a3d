"""Stage 2, normalize: split documents into lines, normalize them, classify them.

Normalization is NFKC plus straight quotes, plain hyphens for every dash and plain
spaces for every kind of blank, so that the same words typed on different keyboards
compare equal. Fractions written as one character ("2½") are kept as written, for NFKC
would make them digits that read as another number ("21⁄2"). Each normalized character
keeps the offset of the source character it came from (``offsets``), so any finding can
be cited as ``file:line`` and sliced out of the decoded source exactly.

Lines are classified as ``blank``, ``boilerplate`` (bylines, view counters, ad labels,
share bars), ``heading`` (kept as section context, never a statement) or ``body``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import polars as pl

from .. import frames
from .tokens import FRACTIONS

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
    **{c: c for c in FRACTIONS},  # "2½" stays "2½": NFKC would make it "21⁄2" (see compare.text.tokens)
    "\u2044": "/",  # the fraction slash: "1⁄2" is "1/2"
}
_ENTITIES = {
    "quot": '"', "apos": "'", "nbsp": " ", "lt": "<", "gt": ">", "rsquo": "'", "lsquo": "'", "ldquo": '"',
    "rdquo": '"', "mdash": "-", "ndash": "-", "hellip": "...", "eacute": "é", "egrave": "è", "uuml": "ü",
    "ouml": "ö", "auml": "ä", "ccedil": "ç", "aacute": "á", "iacute": "í", "oacute": "ó", "ntilde": "ñ",
}  # fmt: skip
_APOSTROPHES = "'`\u2018\u2019\u201b\u2032\u00b4"
_MULTI_START = "&" + _APOSTROPHES
_MULTI = re.compile(r"[" + _APOSTROPHES + r"]{2}|&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(" + "|".join(_ENTITIES) + r"));")


def _multi_char(seq: str) -> str:
    """The normalized form of a multi-character sequence: doubled quotes and the HTML
    entities left behind by scrapers (never "&", so normalizing stays idempotent)."""
    if len(seq) == 2 and seq[0] in _APOSTROPHES:
        return '"'
    body = seq[1:-1]
    if body.startswith("#"):
        try:
            code = int(body[2:], 16) if body[1:2] in ("x", "X") else int(body[1:])
            ch = chr(code)
        except (ValueError, OverflowError):
            return seq
        if ch == "&" or not ch.isprintable():
            return seq
        return normalize_text(ch)[0] if ord(ch) > 127 else ch
    return _ENTITIES.get(body, seq)


_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_SIMPLE = re.compile(r"[\x20-\x7e]*")  # printable ASCII apart from the characters we map


def normalize_text(text: str) -> tuple[str, list[int]]:
    """Normalize ``text``; return it and the source offset of every output character.

    The offset list is empty when the mapping is the identity (the common ASCII case),
    which keeps the frame small. Whitespace is mapped but not collapsed. The result is
    idempotent, ``normalize_text(normalize_text(t)[0])[0] == normalize_text(t)[0]``:
    passes are repeated (at most four) until nothing changes, composing the offsets.
    """
    if _SIMPLE.fullmatch(text) and "`" not in text and not _MULTI.search(text):
        return text, []
    norm, offsets = _one_pass(text)
    for _ in range(3):
        if _SIMPLE.fullmatch(norm) and "`" not in norm and not _MULTI.search(norm):
            break  # plain ASCII maps to itself: another pass would change nothing
        again, offs2 = _one_pass(norm)
        if again == norm:
            break
        offsets = [offsets[k] for k in offs2]
        norm = again
    if len(norm) == len(text) and offsets == list(range(len(text))):
        return norm, []
    return norm, offsets


_PLAIN = re.compile(r"[\x20-\x25\x28-\x5f\x61-\x7e]+")
"""A run of printable ASCII that maps to itself (no "&", quote or backtick to look at)."""


def _one_pass(text: str) -> tuple[str, list[int]]:
    """One normalization pass with its full offset list.

    Runs of plain ASCII are copied whole (the per-character path is for the rest): their
    characters map to themselves, except the last one when an accent or an invisible
    character follows it, which is left to the per-character path.
    """
    out: list[str] = []
    offsets: list[int] = []
    i, n = 0, len(text)
    while i < n:
        plain = _PLAIN.match(text, i)
        if plain:
            end = plain.end()
            if end < n and (unicodedata.combining(text[end]) or _CHAR_MAP.get(text[end]) == ""):
                end -= 1
            if end > i:
                out.append(text[i:end])
                offsets.extend(range(i, end))
                i = end
                continue
        if text[i] in _MULTI_START:
            m = _MULTI.match(text, i)
            if m:
                mapped = _multi_char(m.group())
                out.append(mapped)
                offsets.extend([i] * len(mapped))
                i = m.end()
                continue
        j = i + 1
        # keep a base with its accents, across invisible characters that are dropped anyway
        while j < n and (unicodedata.combining(text[j]) or _CHAR_MAP.get(text[j]) == ""):
            j += 1
        chunk = "".join(c for c in text[i:j] if _CHAR_MAP.get(c) != "") if j > i + 1 else text[i]
        mapped = _CHAR_MAP.get(chunk)
        if mapped is None:
            mapped = unicodedata.normalize("NFKC", chunk)
            mapped = "".join(_CHAR_MAP.get(c, c) for c in mapped)
        out.append(mapped)
        offsets.extend([i] * len(mapped))
        i = j
    return "".join(out), offsets


_SOCIAL = re.compile(
    r"\b(facebook|twitter|x\.com|email|e-mail|whatsapp|linkedin|pinterest|reddit|telegram|copy link)\b", re.I
)
CREDIT_LINE = r"\((additional )?(reporting|writing|editing)\b[^()]*\)"
"""A wire story's credits in brackets, "(Reporting by X; Editing by Y)": on a line of its own a
boilerplate line, at the end of a paragraph a sentence that states nothing."""
_BOILERPLATE = [
    re.compile(p, re.I)
    for p in (
        r"advertisements?|advertising|sponsored( content| post| links?)?|promoted( content)?|paid (content|post)|ad",
        r"iklan\b.*|anzeige|publicidad|werbung",
        r"share( this( story| article| post)?)?(\s*[:|].*)?|share on\b.*",
        r"(continue reading|read more|read next|related( articles| stories| posts)?|see also|recommended)\b.*",
        r"(ap|afp|reuters|epa|getty|afp/getty|ap photo)( images| photo)?\s*[/|:].*",
        CREDIT_LINE,
        r"(subscribe|sign up|follow us|click here|download (the|our) app|newsletter)\b.*",
        r"(image|photo|picture|video|graphic)( credit| by| source)?\s*[:|].*",
        r"(copyright|\(c\)|©|all rights reserved).*",
        r"(tags?|topics?|filed under|categories)\s*:.*",
        r"(posted|published|updated|last updated)\b.*\d.*",
        r"(loading|comments?|\d+ comments?|leave a comment|skip to (main )?content)\.{0,3}",
    )
]
_LINK_LINE = re.compile(r"(read|watch|see|click|listen|tap)\b.{0,80}\b(here|below|above)\b.*", re.I)
_BYLINE = re.compile(r"(by|posted by|written by|words by|story by|reporting by)\s+(.{1,80})", re.I)
_BYLINE_FILLER = frozenset("the and of staff reporter reporters correspondent correspondents in for at & , - |".split())
_URL = re.compile(r"https?://|www\.|\b[\w-]+\.(com|org|net|co\.uk)/|\S+@\S+\.\w{2,}")
_CREDIT = re.compile(r"^[A-Z][A-Z .'-]*/[A-Z][A-Z .'/-]*$|\((AP|AFP|EPA|Reuters|Getty)[^)]*\)\W*\w*$")
_COUNTER = re.compile(r"\b\d[\d,.]*\s*[km]?\s+(views?|shares?|comments?|likes?|reads?)\b", re.I)
_TERMINAL = re.compile(r"[.!?;:,\"')\]]$")


BOILERPLATE_PATTERN = (
    r"(?i)^[\s*_#>•-]*(?:advertisements?|advertising|sponsored(?: content| post| links?)?|promoted(?: content)?"
    r"|paid (?:content|post)|ad|iklan\b.*|anzeige|werbung|share(?: this(?: story| article| post)?)?(?:\s*[:|].*)?"
    r"|share on\b.*|(?:continue reading|read more|read next|related(?: articles| stories| posts)?|see also)\b.{0,80}"
    r"|(?:subscribe|sign up|follow us|click here)\b.{0,80}|(?:copyright|\(c\)|©|all rights reserved).{0,80}"
    r"|\((?:additional )?(?:reporting|writing|editing)\b[^()]{0,200}\)"
    r"|(?:image|photo|picture|video)(?: credit| by| source)?\s*[:|].{0,80}|(?:tags?|topics?|filed under)\s*:.{0,120}"
    r"|[^.!?]{0,80}\b\d[\d,.]*\s*[km]?\s+(?:views?|shares?|comments?|likes?)\b[^.!?]{0,40}"
    r"|[^|]{0,80}\|[^|]{0,80}\|.{0,120}|[^|.!?]{1,80}\|[^|.!?]{1,80}|\S*(?:https?://|www\.)\S*)[\s*_]*$"
)
"""Boilerplate lines as one regex for polars string kernels (the similarity stage's fast
path). It mirrors :func:`is_boilerplate` except for the checks that need Python
(bylines recognised by capitalisation)."""


def is_byline(s: str) -> bool:
    """ "By Jane Doe", "By the Port Alden Daily staff": "by" and a few capitalised words."""
    m = _BYLINE.fullmatch(s)
    if not m or (s.rstrip()[-1:] in ".!?" and len(s.split()) > 6):
        return False
    names = [w for w in m.group(2).split() if w.lower() not in _BYLINE_FILLER and not w[0].isdigit()]
    return bool(names) and len(names) <= 6 and sum(w[0].isupper() for w in names) / len(names) >= 0.75


def is_boilerplate(line: str) -> bool:
    """True for a line that carries no statement: byline, counter, ad label, share bar,
    related-link line, photo credit, URL or e-mail line."""
    s = line.strip().strip("*_#>-• ").strip()
    if not s:
        return False
    words = len(s.split())
    if s[0] == "[" and s[-1] == "]" and words <= 30:
        return True  # "[In Paris, a soccer game ... - and then terror]": a related-story link
    if _URL.search(s) and words <= 25:
        return True
    if words > 14:
        return False
    if _COUNTER.search(s) or s.count("|") >= 2 or len(_SOCIAL.findall(s)) >= 2 or _CREDIT.search(s):
        return True
    if "|" in s and not _TERMINAL.search(s):
        return True
    if is_byline(s) or _LINK_LINE.fullmatch(s):
        return True
    return any(p.fullmatch(s) for p in _BOILERPLATE) and not (words >= 8 and s[-1] in ".!?")


_CONTINUES = frozenset("a an the and or but of to in on at by for with from as that which who his her their".split())


def is_heading(line: str, next_line: str | None, wrap_width: int = 0, title: bool = False) -> bool:
    """True for a title or section heading: markdown ``#``, or a short line without
    sentence punctuation that is not continued on the next line.

    ``wrap_width`` is the width a hard-wrapped document is wrapped at (0 if it is not):
    a line nearly that long is a wrapped piece of a paragraph, never a heading.
    ``title`` marks the document's first line, which may be longer and end in a quote.
    """
    s = line.strip()
    if s.startswith("#"):
        return True
    if not s or not any(c.isalpha() for c in s):
        return False
    core = s.rstrip("\"')]*_ ")
    if not core or core[-1] in ".!?;:," or (s[-1] in "\"')]" and not title):
        return False
    if len(s.split()) > (25 if title else 14) or s.count(",") >= 2:
        return False
    if wrap_width and len(s) >= 0.75 * wrap_width:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'"):
        return False
    if s.split()[-1].lower() in _CONTINUES:
        return False
    if next_line is not None:
        nxt = next_line.lstrip()
        if nxt and (nxt[0].islower() or nxt[0] in ",;"):
            return False
    return True


def wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text is wrapped at, or 0 for one line per paragraph."""
    lens = sorted(len(x.rstrip()) for x in lines if x.strip())
    if len(lens) < 8:
        return 0
    p90 = lens[int(0.9 * (len(lens) - 1))]
    long_share = sum(n >= 0.7 * p90 for n in lens) / len(lens)
    return p90 if p90 <= 120 and long_share >= 0.5 else 0


def split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, line breaks excluded."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


WINDOW_LINES = 20_000
"""Lines turned into a frame at a time. A long document is emitted in windows of lines, so
only one window's offset lists live as Python objects; the frame holds them compactly."""


def _document_lines(doc_id: int, text: str) -> Iterator[tuple]:
    """The rows of the lines frame for one document, one line at a time.

    A first pass keeps only what classifying a line needs from the others (normalized
    text, boilerplate flag, wrap width); a line's offsets are computed again when it is
    emitted, for the few lines whose normalization is not the identity.
    """
    spans = split_lines(text)
    norms: list[str] = []
    mapped: list[bool] = []
    for s, e in spans:
        norm, offs = normalize_text(text[s:e])
        norms.append(norm)
        mapped.append(bool(offs))
    boiler = [is_boilerplate(n) for n in norms]
    width = wrap_width([n for n, b in zip(norms, boiler, strict=True) if not b])
    first = next((i for i, n in enumerate(norms) if n.strip() and not boiler[i]), -1)
    section = ""
    for i, ((start, end), norm) in enumerate(zip(spans, norms, strict=True)):
        # a heading is not continued on the very next line
        nxt = norms[i + 1] if i + 1 < len(norms) and not boiler[i + 1] else None
        if not norm.strip():
            kind = "blank"
        elif boiler[i]:
            kind = "boilerplate"
        elif is_heading(norm, nxt, width, title=i == first):
            kind = "heading"
            section = norm.strip().lstrip("#").strip()
        else:
            kind = "body"
        offsets = [start + o for o in normalize_text(text[start:end])[1]] if mapped[i] else []
        yield doc_id, i + 1, start, end, norm, offsets, kind, section if kind != "heading" else ""


def normalize(documents: pl.DataFrame) -> pl.DataFrame:
    """Documents frame in, lines frame out (see :data:`compare.frames.LINES`)."""
    parts: list[pl.DataFrame] = []
    window: list[tuple] = []
    for doc_id, text in documents.select("doc_id", "text").iter_rows():
        for row in _document_lines(doc_id, text):
            window.append(row)
            if len(window) >= WINDOW_LINES:
                parts.append(pl.DataFrame(window, schema=frames.LINES, orient="row"))
                window = []
    if window or not parts:
        parts.append(pl.DataFrame(window, schema=frames.LINES, orient="row"))
    return pl.concat(parts) if len(parts) > 1 else parts[0]


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return " ".join(text.split())
