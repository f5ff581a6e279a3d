"""Pictures for the report, as small hand-written SVG files.

SVG renders crisply on GitHub and in browsers, needs no plotting library, and is plain
text: the same findings always give the same bytes. Each picture has a text twin in the
report (a table) for screen readers and terminals.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings.model import Findings

MAX_HEATMAP_DOCS = 40
"""Beyond this many documents the heatmap shows the ones most similar to another."""
_FONT = "font-family='-apple-system,Segoe UI,Helvetica,Arial,sans-serif'"


def _shade(value: float) -> str:
    """White (0) to dark blue (1)."""
    v = max(0.0, min(1.0, value))
    r = round(247 - v * (247 - 8))
    g = round(251 - v * (251 - 48))
    b = round(255 - v * (255 - 107))
    return f"#{r:02x}{g:02x}{b:02x}"


def _label(text: str, limit: int = 28) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def heatmap(names: list[str], values: dict[tuple[int, int], float], title: str) -> str:
    """A square heatmap of pairwise similarity; ``values[(i, j)]`` for i != j."""
    n = len(names)
    cell = 34 if n <= 12 else max(8, 420 // n)
    left, top = 190, 60
    width = max(left + n * cell + 20, left + 11 * 18 + 110, 16 + 7 * len(title))
    height = top + n * cell + 50
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='{escape(title)}' {_FONT} font-size='12'>",
        f"<title>{escape(title)}</title>",
        f"<rect width='{width}' height='{height}' fill='#ffffff'/>",
        f"<text x='8' y='24' font-size='14' font-weight='600'>{escape(title)}</text>",
    ]
    for i, name in enumerate(names):
        y = top + i * cell + cell / 2 + 4
        out.append(f"<text x='{left - 8}' y='{y:.1f}' text-anchor='end'>{_label(name)}</text>")
        x = left + i * cell + cell / 2
        out.append(f"<text x='{x:.1f}' y='{top - 8}' text-anchor='middle'>{escape(name.split(' ', 1)[0])}</text>")
    for i in range(n):
        for j in range(n):
            x, y = left + j * cell, top + i * cell
            if i == j:
                out.append(f"<rect x='{x}' y='{y}' width='{cell}' height='{cell}' fill='#e5e7eb'/>")
                continue
            v = values.get((i, j), values.get((j, i), 0.0))
            out.append(
                f"<rect x='{x}' y='{y}' width='{cell}' height='{cell}' fill='{_shade(v)}' stroke='#ffffff'>"
                f"<title>{_label(names[i], 60)} / {_label(names[j], 60)}: {v:.2f}</title></rect>"
            )
            if cell >= 30:
                color = "#ffffff" if v > 0.5 else "#111827"
                out.append(
                    f"<text x='{x + cell / 2:.1f}' y='{y + cell / 2 + 4:.1f}' text-anchor='middle' "
                    f"font-size='10' fill='{color}'>{v:.2f}</text>"
                )
    y = top + n * cell + 24
    for k in range(11):
        out.append(f"<rect x='{left + k * 18}' y='{y}' width='18' height='10' fill='{_shade(k / 10)}'/>")
    out.append(f"<text x='{left - 8}' y='{y + 9}' text-anchor='end'>0</text>")
    out.append(f"<text x='{left + 11 * 18 + 6}' y='{y + 9}'>1 (same text)</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def coverage(names: list[str], groups: list[tuple[str, set[int]]], title: str) -> str:
    """Which source states which repeated claim: claims as rows, sources as columns."""
    n, m = len(names), len(groups)
    cell_w, cell_h = 26, 18
    named = n <= 8  # few sources: their names on the columns; many: numbers, as in the Documents table
    left, top = 330, 130 if named else 50
    width = max(left + n * cell_w + (120 if named else 20), 16 + 7 * len(title))
    height = top + m * cell_h + 20
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='{escape(title)}' {_FONT} font-size='11'>",
        f"<title>{escape(title)}</title>",
        f"<rect width='{width}' height='{height}' fill='#ffffff'/>",
        f"<text x='8' y='20' font-size='14' font-weight='600'>{escape(title)}</text>",
    ]
    for j, name in enumerate(names):
        x = left + j * cell_w + cell_w / 2
        if named:
            out.append(
                f"<text x='{x:.1f}' y='{top - 8}' transform='rotate(-45 {x:.1f} {top - 8})'>"
                f"{j} {_label(name, 20)}</text>"
            )
        else:
            out.append(f"<text x='{x:.1f}' y='{top - 8}' text-anchor='middle'>{j}<title>{escape(name)}</title></text>")
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


def render_images(findings: Findings, top_n: int) -> dict[str, str]:
    """The report's pictures by file name: the similarity heatmap (two or more documents)
    and the coverage chart of the ``top_n`` most repeated claims (if any)."""
    names = [findings.path(d) for d in findings.documents["doc_id"].to_list()]
    out: dict[str, str] = {}
    if len(names) >= 2 and findings.pairs.height:
        pairs = {(r["a"], r["b"]): r["jaccard"] for r in findings.pairs.iter_rows(named=True)}
        docs = list(range(len(names)))
        title = "Pairwise similarity (exact Jaccard of word shingles)"
        if len(docs) > MAX_HEATMAP_DOCS:  # keep the documents that share the most with another
            best = dict.fromkeys(docs, 0.0)
            for (a, b), v in pairs.items():
                best[a], best[b] = max(best[a], v), max(best[b], v)
            docs = sorted(sorted(docs, key=lambda d: (-best[d], d))[:MAX_HEATMAP_DOCS])
            title = f"Pairwise similarity of the {len(docs)} most similar of {len(names)} documents"
        index = {d: i for i, d in enumerate(docs)}
        values = {(index[a], index[b]): v for (a, b), v in pairs.items() if a in index and b in index}
        out["similarity.svg"] = heatmap([f"{d} {names[d]}" for d in docs], values, title)
    if findings.repeated:
        top = findings.repeated[:top_n]
        docs = sorted({d for g in top for d in g["docs"]}) if len(names) > MAX_HEATMAP_DOCS else list(range(len(names)))
        docs = docs[:MAX_HEATMAP_DOCS]
        index = {d: i for i, d in enumerate(docs)}
        groups = []
        for g in top:
            text = findings.statement(g["representative"])["text"]
            groups.append((f"{g['id']}: {text}", {index[d] for d in g["docs"] if d in index}))
        title = "Which source states which repeated claim"
        if len(docs) < len(names):
            title += f" ({len(docs)} of {len(names)} sources)"
        out["coverage.svg"] = coverage([names[d] for d in docs], groups, title)
    return out
