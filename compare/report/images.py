"""Pictures for the report, as small hand-written SVG files.

SVG renders crisply on GitHub and in browsers, needs no plotting library, and is plain
text: the same findings always give the same bytes. Each picture has a text twin in the
report (a table or a list, and the picture's alt text) for screen readers and terminals.

Both pictures name documents by their numbers in the report's Documents table (the
``doc_id``), whichever subset of a large corpus they show, so a reader can look a column up.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings.model import Findings

MAX_HEATMAP_DOCS = 40
"""Beyond this many documents the heatmap shows the ones most similar to another, and the
coverage chart the first this many sources of its claims."""
NUMBERED_FROM = 40
"""From this many documents on, the heatmap labels rows and columns with the Documents table's
numbers only: names at a readable font size would not fit beside cells that small."""
HEATMAP_FLOOR = 0.01
"""Largest pairwise Jaccard below which the heatmap is not drawn. When no two documents share
even one word shingle in a hundred, any shading would only magnify noise (colours are scaled
to the corpus's own range), so the report says so in one line instead."""
NAMED_COLUMNS_MAX = 8
"""Up to this many sources the coverage chart writes their names above the columns."""
_FONT = "font-family='-apple-system,Segoe UI,Helvetica,Arial,sans-serif'"


def _shade(value: float) -> str:
    """White (0) to dark blue (1); ``value`` is already scaled to the picture's range."""
    v = max(0.0, min(1.0, value))
    r = round(247 - v * (247 - 8))
    g = round(251 - v * (251 - 48))
    b = round(255 - v * (255 - 107))
    return f"#{r:02x}{g:02x}{b:02x}"


def fmt(value: float) -> str:
    """A Jaccard value as the pictures and their descriptions print it: two decimals, three
    below 0.1 so that a corpus of faint similarities does not read as all zeros."""
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def _label(text: str, limit: int = 28) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _open(width: int, height: int, title: str, font_size: int) -> list[str]:
    """The opening elements every picture shares: the svg element, its title, a white page."""
    return [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='{escape(title)}' {_FONT} font-size='{font_size}'>",
        f"<title>{escape(title)}</title>",
        f"<rect width='{width}' height='{height}' fill='#ffffff'/>",
    ]


def _heatmap_labels(docs: list[tuple[int, str]], left: int, top: int, cell: int, numbered: bool) -> list[str]:
    """Row labels (number and name, or the number only) and column labels (the number; turned
    a quarter in narrow columns, where upright two- and three-digit numbers would collide)."""
    out = []
    turned = cell < 24
    for i, (num, name) in enumerate(docs):
        y = top + i * cell + cell / 2 + 4
        row = str(num) if numbered else f"{num} {_label(name)}"
        out.append(f"<text x='{left - 6}' y='{y:.1f}' text-anchor='end'>{row}<title>{escape(name)}</title></text>")
        x = left + i * cell + cell / 2
        if turned:
            out.append(
                f"<text x='{x + 4:.1f}' y='{top - 6}' transform='rotate(-90 {x + 4:.1f} {top - 6})'>{num}"
                f"<title>{escape(name)}</title></text>"
            )
        else:
            out.append(
                f"<text x='{x:.1f}' y='{top - 8}' text-anchor='middle'>{num}<title>{escape(name)}</title></text>"
            )
    return out


def heatmap(
    docs: list[tuple[int, str]], values: dict[tuple[int, int], float], title: str, scale: float | None = None
) -> str:
    """A square heatmap of pairwise similarity. ``docs`` are (number in the Documents table, path)
    in drawing order; ``values[(i, j)]`` (i != j, positions in ``docs``) the Jaccard of a pair.

    Colours run from white at 0 to dark blue at ``scale`` (default: the largest value), not at
    1: news texts that are not copies share a few percent of their shingles, which on a 0-1
    scale is one pale colour. The legend says the range."""
    n = len(docs)
    top_value = scale if scale is not None else max(values.values(), default=0.0)
    top_value = top_value if top_value > 0 else 1.0
    numbered = n >= NUMBERED_FROM
    cell = 34 if n <= 12 else max(16, 420 // n)
    longest = max((len(str(num)) + 1 + min(len(name), 28) for num, name in docs), default=0)
    left, top = (60 if numbered else min(230, 30 + 7 * longest)), 70  # about 7 px a character at 12 px
    width = max(left + n * cell + 20, left + 11 * 18 + 330, 16 + 7 * len(title))
    height = top + n * cell + 50
    out = _open(width, height, title, 10 if numbered else 12)
    out.append(f"<text x='8' y='24' font-size='14' font-weight='600'>{escape(title)}</text>")
    out += _heatmap_labels(docs, left, top, cell, numbered)
    named = [f"{num} {_label(name, 60)}" for num, name in docs]  # each cell's title names its two documents
    for i in range(n):
        for j in range(n):
            x, y = left + j * cell, top + i * cell
            if i == j:
                out.append(f"<rect x='{x}' y='{y}' width='{cell}' height='{cell}' fill='#e5e7eb'/>")
                continue
            v = values.get((i, j), values.get((j, i), 0.0))
            out.append(
                f"<rect x='{x}' y='{y}' width='{cell}' height='{cell}' fill='{_shade(v / top_value)}' "
                f"stroke='#ffffff'><title>{named[i]} / {named[j]}: {fmt(v)}</title></rect>"
            )
            if cell >= 30:
                color = "#ffffff" if v / top_value > 0.5 else "#111827"
                out.append(
                    f"<text x='{x + cell / 2:.1f}' y='{y + cell / 2 + 4:.1f}' text-anchor='middle' "
                    f"font-size='10' fill='{color}'>{fmt(v)}</text>"
                )
    y = top + n * cell + 24
    for k in range(11):
        out.append(f"<rect x='{left + k * 18}' y='{y}' width='18' height='10' fill='{_shade(k / 10)}'/>")
    out.append(f"<text x='{left - 6}' y='{y + 9}' text-anchor='end' font-size='12'>0</text>")
    out.append(
        f"<text x='{left + 11 * 18 + 6}' y='{y + 9}' font-size='12'>{fmt(top_value)} Jaccard, the largest pair "
        "(1 = same text)</text>"
    )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _coverage_labels(columns: list[tuple[int, str]], left: int, top: int, cell_w: int) -> list[str]:
    """Column labels: the Documents table's number of each source, with its name when few."""
    out = []
    named = len(columns) <= NAMED_COLUMNS_MAX
    size = "" if max(num for num, _ in columns) < 1000 else " font-size='9'"  # four digits in a 26 px column
    for j, (num, name) in enumerate(columns):
        x = left + j * cell_w + cell_w / 2
        if named:
            out.append(
                f"<text x='{x:.1f}' y='{top - 8}' transform='rotate(-45 {x:.1f} {top - 8})'>"
                f"{num} {_label(name, 20)}<title>{escape(name)}</title></text>"
            )
        else:
            out.append(
                f"<text x='{x:.1f}' y='{top - 8}' text-anchor='middle'{size}>{num}<title>{escape(name)}</title></text>"
            )
    return out


def coverage(columns: list[tuple[int, str]], groups: list[tuple[str, set[int]]], title: str) -> str:
    """Which source states which repeated claim: claims as rows, sources as columns.
    ``columns`` are (number in the Documents table, path) in drawing order; each group is
    (label, the column positions of the sources that state it)."""
    n, m = len(columns), len(groups)
    cell_w, cell_h = 26, 18
    named = n <= NAMED_COLUMNS_MAX
    left, top = 330, 130 if named else 50
    width = max(left + n * cell_w + (120 if named else 20), 16 + 7 * len(title))
    height = top + m * cell_h + 20
    out = _open(width, height, title, 11)
    out.append(f"<text x='8' y='20' font-size='14' font-weight='600'>{escape(title)}</text>")
    out += _coverage_labels(columns, left, top, cell_w) if columns else []
    for i, (label, docs) in enumerate(groups):
        y = top + i * cell_h
        out.append(f"<text x='{left - 8}' y='{y + 13}' text-anchor='end'>{_label(label, 52)}</text>")
        for j in range(n):
            fill = "#2563eb" if j in docs else "#f3f4f6"
            out.append(
                f"<rect x='{left + j * cell_w + 2}' y='{y + 2}' width='{cell_w - 4}' height='{cell_h - 4}' "
                f"rx='2' fill='{fill}'/>"
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def largest_pair(findings: Findings) -> float:
    """The largest Jaccard of any pair of documents (0 with no pairs): the top of the heatmap's scale."""
    return float(findings.pairs["jaccard"].max() or 0.0) if findings.pairs.height else 0.0


def heatmap_docs(findings: Findings) -> list[int]:
    """The documents the heatmap shows, in order: all of them, or beyond ``MAX_HEATMAP_DOCS``
    the ones that share the most with another. Empty when there is no heatmap: fewer than two
    documents, no pair, or every pair below ``HEATMAP_FLOOR``."""
    docs = findings.documents["doc_id"].to_list()
    if len(docs) < 2 or not findings.pairs.height or largest_pair(findings) < HEATMAP_FLOOR:
        return []
    if len(docs) <= MAX_HEATMAP_DOCS:
        return docs
    best = dict.fromkeys(docs, 0.0)
    for a, b, v in findings.pairs.select("a", "b", "jaccard").iter_rows():
        best[a], best[b] = max(best[a], v), max(best[b], v)
    return sorted(sorted(docs, key=lambda d: (-best[d], d))[:MAX_HEATMAP_DOCS])


def coverage_docs(findings: Findings, top_n: int) -> list[int]:
    """The sources the coverage chart shows as columns, in order: all documents, or beyond
    ``MAX_HEATMAP_DOCS`` the first that many of those stating one of the ``top_n`` claims."""
    docs = findings.documents["doc_id"].to_list()
    if len(docs) > MAX_HEATMAP_DOCS:
        docs = sorted({d for g in findings.repeated[:top_n] for d in g["docs"]})
    return docs[:MAX_HEATMAP_DOCS]


def render_images(findings: Findings, top_n: int) -> dict[str, str]:
    """The report's pictures by file name: the similarity heatmap (two or more documents with
    a pair at or above ``HEATMAP_FLOOR``) and the coverage chart of the ``top_n`` most
    repeated claims (if any)."""
    n = findings.documents.height
    out: dict[str, str] = {}
    docs = heatmap_docs(findings)
    if docs:
        title = "Pairwise similarity (exact Jaccard of word shingles)"
        if len(docs) < n:
            title = f"Pairwise similarity of the {len(docs)} most similar of {n} documents"
        index = {d: i for i, d in enumerate(docs)}
        values = {
            (index[a], index[b]): v
            for a, b, v in findings.pairs.select("a", "b", "jaccard").iter_rows()
            if a in index and b in index
        }
        out["similarity.svg"] = heatmap([(d, findings.path(d)) for d in docs], values, title, largest_pair(findings))
    if findings.repeated:
        docs = coverage_docs(findings, top_n)
        index = {d: i for i, d in enumerate(docs)}
        groups = []
        for g in findings.repeated[:top_n]:
            text = findings.statement(g["representative"])["text"]
            groups.append((f"{g['id']}: {text}", {index[d] for d in g["docs"] if d in index}))
        title = "Which source states which repeated claim"
        if len(docs) < n:
            title += f" ({len(docs)} of {n} sources)"
        out["coverage.svg"] = coverage([(d, findings.path(d)) for d in docs], groups, title)
    return out
