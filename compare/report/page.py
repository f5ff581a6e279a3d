"""The browsable part of ``report.html``: every finding as a filterable row, and the source
texts embedded with their statements and copied passages marked.

A citation is an in-page link: ``#s<doc>:<n>`` names a statement, ``#p<i>-<doc>`` one side
of copied passage ``i`` (its row in ``findings.json``'s passages), ``#d<doc>L<line>`` a line
(lines carry no id: the script counts them, which keeps a large corpus's page smaller).
The page's script opens the cited text there and highlights it. Rows carry ``data-kind``
and ``data-src`` (the documents they involve) for the filters. All text is escaped; the
order of everything is the findings' own, so the same findings give the same bytes.
"""

from __future__ import annotations

from bisect import bisect_right
from html import escape
from itertools import pairwise

from ..findings.model import Findings
from ..ids import statement_key
from ..text.normalize import split_lines

KINDS = (
    ("conflict", "conflict", "#cf222e"),
    ("possible", "possible conflict", "#9a6700"),
    ("passage", "copied passage", "#0969da"),
    ("repeated", "repeated claim", "#8250df"),
    ("unique", "unique claim", "#1a7f37"),
)
"""The kinds of rows, as (data-kind, label, chip colour), in the order the page lists them."""

OPEN_ROWS = 500
"""A kind with more rows than this starts collapsed (a large corpus has tens of thousands of
unique claims); the filters open a kind again once it shows no more than this."""

Span = tuple[int, int, str]
"""(start, end, name) of a marked stretch of a document's text."""


def _short(text: str, limit: int = 240) -> str:
    """``text`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


class _Rows:
    """Builds the findings' rows: links and labels need the documents' paths and statements."""

    def __init__(self, f: Findings) -> None:
        self.f = f
        self.names = {d: f.path(d) for d in f.documents["doc_id"].to_list()}

    def cite(self, stmt_id: str) -> str:
        """A link to a statement labelled ``path:line``."""
        s = self.f.statement(stmt_id)
        label = f"{self.names[s['doc_id']]}:{s['line']}"
        return f'<a class="c" href="#s{stmt_id}">{escape(label)}</a>'

    def said(self, stmt_id: str, value: str | None = None) -> str:
        """A statement's citation and its text, ``value`` (a conflict's) in bold."""
        text = escape(_short(self.f.statement(stmt_id)["text"]))
        if value:
            shown = escape(value)
            text = text.replace(shown, f"<b>{shown}</b>", 1)
        return f"{self.cite(stmt_id)} {text}"

    def row(self, kind: str, docs: list[int], body: str) -> str:
        """One ``<li>`` around ``body`` (already HTML); the style shows its kind as a chip."""
        src = " ".join(str(d) for d in sorted(set(docs)))
        return f'<li data-kind="{kind}" data-src="{src}">{body}</li>'

    def conflicts(self, certain: bool) -> list[str]:
        """The certain (or the possible) conflicts, most confident first, both sides cited."""
        out = []
        for c in self.f.conflict_list:
            if c["certain"] != certain:
                continue
            docs = [statement_key(c["a"])[0], statement_key(c["b"])[0]]
            body = (
                f"<b>{escape(c['id'])}</b> {escape(c['kind'])}: {escape(c['explanation'])}"
                f'<div class="side">{self.said(c["a"], c["a_value"])}</div>'
                f'<div class="side">{self.said(c["b"], c["b_value"])}</div>'
            )
            out.append(self.row("conflict" if c["certain"] else "possible", docs, body))
        return out

    def passages(self) -> list[str]:
        """Copied passages, longest first, each side linked to its stretch of text."""
        rows = list(enumerate(self.f.passages.iter_rows(named=True)))
        rows.sort(key=lambda ir: (-ir[1]["words"], ir[1]["a"], ir[1]["b"], ir[1]["a_start"]))
        out = []
        for i, r in rows:
            sides = []
            for side in ("a", "b"):
                first, last = r[f"{side}_first_line"], r[f"{side}_last_line"]
                label = f"{self.names[r[side]]}:{first}" + (f"-{last}" if last != first else "")
                sides.append(f'<a class="c" href="#p{i}-{r[side]}">{escape(label)}</a>')
            body = f"<b>{r['words']} words</b>, {sides[0]} = {sides[1]} {escape(_short(r['text']))}"
            out.append(self.row("passage", [r["a"], r["b"]], body))
        return out

    def repeated(self) -> list[str]:
        """Repeated claims, most widely repeated first, with every source's wording cited."""
        out = []
        for g in self.f.repeated:
            text = escape(_short(self.f.statement(g["representative"])["text"]))
            n, independent = len(g["docs"]), g["independent_docs"]
            copies = f", {independent} independent" if independent != n else ""
            cites = " ".join(self.cite(s) for s in g["statements"])
            body = f"{text} <i>({n} sources{copies})</i><div class=\"side\">{cites}</div>"
            out.append(self.row("repeated", g["docs"], body))
        return out

    def unique(self) -> list[str]:
        """Claims that only one source makes, in document order."""
        claims = sorted(self.f.unique, key=statement_key)
        return [self.row("unique", [statement_key(s)[0]], self.said(s)) for s in claims]


def findings_list(f: Findings) -> str:
    """The rows of every finding, grouped by kind under one heading each."""
    rows = _Rows(f)
    built = {
        "conflict": rows.conflicts(certain=True),
        "possible": rows.conflicts(certain=False),
        "passage": rows.passages(),
        "repeated": rows.repeated(),
        "unique": rows.unique(),
    }
    out = []
    for kind, label, _ in KINDS:
        items = built[kind]
        opened = " open" if len(items) <= OPEN_ROWS else ""
        count = f'<span class="count" data-total="{len(items)}">({len(items)})</span>'
        out.append(
            f'<details class="group" data-group="{kind}"{opened}><summary>{label}s {count}</summary>'
            f'<ul class="rows">{"".join(items)}</ul></details>'
        )
    return "\n".join(out)


def _events(spans: list[Span]) -> dict[int, list[tuple[int, str]]]:
    """Where marked spans start (+1) and end (-1), by offset, in a fixed order."""
    events: dict[int, list[tuple[int, str]]] = {}
    for start, end, name in spans:
        if end > start:
            events.setdefault(start, []).append((1, name))
            events.setdefault(end, []).append((-1, name))
    return events


def _segment(piece: str, stmt: str | None, passages: dict[str, int]) -> str:
    """One stretch of text with the statement and passages it lies in as attributes."""
    if stmt is None and not passages:
        return escape(piece)
    attrs = f' data-s="{stmt}"' if stmt is not None else ""
    if passages:
        attrs += ' class="cp" data-p="' + " ".join(sorted(passages, key=int)) + '"'
    return f"<span{attrs}>{escape(piece)}</span>"


def document_text(doc: int, text: str, statements: list[Span], passages: list[Span]) -> str:
    """A document's text, a ``<div>`` per line (the style numbers them), its statements and
    copied passages marked."""
    lines = split_lines(text)
    starts = [s for s, _ in lines]
    stmt_events, passage_events = _events(statements), _events(passages)
    points = sorted({0, len(text), *(p for span in lines for p in span), *stmt_events, *passage_events})
    out: list[list[str]] = [[] for _ in lines]
    stmt: str | None = None
    active: dict[str, int] = {}
    for x, y in pairwise(points):
        for step, name in stmt_events.get(x, []):
            stmt = name if step > 0 else (None if stmt == name else stmt)
        for step, name in passage_events.get(x, []):
            active[name] = active.get(name, 0) + step
            if active[name] == 0:
                del active[name]
        i = bisect_right(starts, x) - 1
        if x < lines[i][1]:  # inside line i (not its line break)
            out[i].append(_segment(text[x:y], stmt, active))
    return "".join(f'<div class="ln">{"".join(pieces)}</div>' for pieces in out)


def _spans(f: Findings) -> tuple[dict[int, list[Span]], dict[int, list[Span]]]:
    """Every document's statement spans and copied-passage spans (both sides of each)."""
    statements: dict[int, list[Span]] = {}
    for sid, doc, start, end in f.statements.select("stmt_id", "doc_id", "start", "end").iter_rows():
        statements.setdefault(doc, []).append((start, end, sid))
    passages: dict[int, list[Span]] = {}
    cols = ("a", "b", "a_start", "a_end", "b_start", "b_end")
    for i, (a, b, a_start, a_end, b_start, b_end) in enumerate(f.passages.select(cols).iter_rows()):
        passages.setdefault(a, []).append((a_start, a_end, str(i)))
        passages.setdefault(b, []).append((b_start, b_end, str(i)))
    return statements, passages


def sources(f: Findings) -> str:
    """Every source text, collapsed, with numbered lines and its marks."""
    statements, passages = _spans(f)
    out = ['<section id="sources">']
    docs = f.documents.select("doc_id", "path", "text").sort("doc_id")
    words = f.words
    for doc, path, text in docs.iter_rows():
        body = document_text(doc, text, statements.get(doc, []), passages.get(doc, []))
        out.append(
            f'<details class="doc" id="d{doc}" data-doc="{doc}"><summary><b>{doc}</b> {escape(path)} '
            f'<span class="count">({words[doc]} words)</span></summary>\n<div class="text">{body}</div></details>'
        )
    out.append("</section>")
    return "\n".join(out)


def source_options(f: Findings) -> str:
    """The ``<option>``s of the source filter: every document by number and path."""
    pairs = f.documents.select("doc_id", "path").sort("doc_id").iter_rows()
    return "".join(f'<option value="{d}">{d} {escape(p)}</option>' for d, p in pairs)

