"""A standalone HTML page of the same report (``--format html``).

The Markdown report is rendered with markdown-it-py (CommonMark plus tables), headings get
the same ids GitHub gives them (so ``#c1`` links keep working), and the pictures are
inlined as data URIs so the page is one self-contained file.
"""

from __future__ import annotations

import base64
import re
from html import escape

_CSS = """
body{font:15px/1.55 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:1040px;
margin:2rem auto;padding:0 1.25rem}
h1{font-size:1.9rem;border-bottom:1px solid #d1d9e0;padding-bottom:.3rem}
h2{font-size:1.4rem;border-bottom:1px solid #d1d9e0;padding-bottom:.25rem;margin-top:2rem}
h3{font-size:1.1rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.8rem 0;display:block;overflow-x:auto}
th,td{border:1px solid #d1d9e0;padding:.3rem .6rem;vertical-align:top}
th{background:#f6f8fa}tr:nth-child(2n) td{background:#fbfcfd}
code{background:#eff1f3;border-radius:4px;padding:.1rem .3rem;font-size:90%}
blockquote{margin:.4rem 0;padding:0 .9rem;color:#59636e;border-left:.25rem solid #d1d9e0}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
details{margin:.3rem 0 .6rem}summary{cursor:pointer;color:#59636e}
img{max-width:100%;height:auto}strong{color:#0b2e6f}
"""


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def render_html(markdown: str, title: str, images: dict[str, str]) -> str:
    """The report as one HTML document; ``images`` maps file names to their SVG text."""
    from markdown_it import MarkdownIt  # imported on use: only --format html needs it

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(markdown)
    seen: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            base = slug(tokens[i + 1].content)
            n = seen.get(base, 0)
            seen[base] = n + 1
            tok.attrSet("id", base if n == 0 else f"{base}-{n}")
        if tok.type == "inline":
            for child in tok.children or []:
                src = child.attrGet("src") if child.type == "image" else None
                if src in images:
                    data = base64.b64encode(images[src].encode("utf-8")).decode("ascii")
                    child.attrSet("src", f"data:image/svg+xml;base64,{data}")
    body = md.renderer.render(tokens, md.options, {})
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
