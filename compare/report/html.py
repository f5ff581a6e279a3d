"""``report.html`` (``--format html``): one self-contained page to browse the findings.

On top, every finding as a row (conflicts, copied passages, repeated and unique claims) with
filters by source and by kind; below, the source texts, collapsed, with numbered lines, their
statements and copied passages marked (:mod:`.page` builds both); last, the Markdown report
rendered with markdown-it-py (headings get GitHub's ids, pictures are inlined as data URIs,
and links to a source file's lines become links into the embedded text). A citation opens
the cited text at its line with the statement (or passage) highlighted. No network, no
external asset: the styles and the small script are inline, and the filters can be set from
the address (``#filter=src:2;kind:conflict,unique``), so a filtered view can be shared.
"""

from __future__ import annotations

import base64
import re
from html import escape
from urllib.parse import unquote

from ..findings.model import Findings
from .page import KINDS, OPEN_ROWS, findings_list, source_options, sources

_CSS = """
body{font:15px/1.55 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;max-width:1440px;
margin:0 auto 2rem;padding:0 1.25rem}
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
#bar{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #d1d9e0;padding:.5rem 0;
font-size:14px}#bar label{margin-right:.7rem;white-space:nowrap}#bar select{max-width:22rem}
ul.rows{list-style:none;padding:0;margin:.4rem 0}ul.rows li{padding:.35rem 0;border-bottom:1px solid #eaeef2}
ul.rows li::before{display:inline-block;color:#fff;border-radius:3px;padding:0 .4rem;font-size:12px;
margin-right:.4rem}
.side{margin:.15rem 0 0 1.2rem}.count{color:#59636e;font-weight:normal}
#browse{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem;align-items:start}
#f-texts{position:sticky;top:3.2rem;height:calc(100vh - 3.6rem);overflow:auto}
@media (max-width:900px){#browse{display:block}#f-texts{position:static;height:auto}}
#report{max-width:1040px}
.text{font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;border:1px solid #d1d9e0;border-radius:4px;padding:.3rem 0}
.text{counter-reset:ln}.ln{counter-increment:ln;white-space:pre-wrap;overflow-wrap:anywhere;
padding:0 .6rem 0 3.6rem;text-indent:-3rem;min-height:1.5em}.ln::before{content:counter(ln);display:inline-block;
width:2.4rem;margin-right:.6rem;text-align:right;color:#8c959f;text-indent:0}
details.group>summary{font-weight:600;font-size:1.1rem;color:#1f2328;margin-top:1rem}
.cp{background:#ddf4ff}.ln.hl{background:#fff8c5}span.hl{background:#ffd33d}
"""

_SCRIPT = """
(function(){
var all=function(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));};
var src=document.getElementById('f-src'),kinds=all('#bar input[name=kind]');
function apply(){
  var s=src.value,on={},shown=0;
  kinds.forEach(function(k){on[k.value]=k.checked;});
  all('#f-rows li[data-kind]').forEach(function(li){
    var ok=on[li.dataset.kind]&&(s===''||(' '+li.dataset.src+' ').indexOf(' '+s+' ')>=0);
    li.hidden=!ok;if(ok)shown++;
  });
  all('#f-rows details[data-group]').forEach(function(g){
    var c=g.querySelector('.count'),n=all('li:not([hidden])',g).length;
    g.hidden=!on[g.dataset.group];g.open=n<=__OPEN_ROWS__;
    c.textContent='('+(n==c.dataset.total?n:n+' of '+c.dataset.total)+')';
  });
  all('#f-texts details[data-doc]').forEach(function(d){d.hidden=s!==''&&d.dataset.doc!==s;});
  document.getElementById('shown').textContent=shown+' shown';
}
function state(){
  return '#filter=src:'+src.value+';kind:'+kinds.filter(function(k){return k.checked;})
    .map(function(k){return k.value;}).join(',');
}
function changed(){apply();history.replaceState(null,'',state());}
function setFilter(h){
  h.split(';').forEach(function(part){
    var kv=part.split(':'),v=kv.slice(1).join(':');
    if(kv[0]==='src'&&all('#f-src option').some(function(o){return o.value===v;}))src.value=v;
    if(kv[0]==='kind'){var want=v.split(',');kinds.forEach(function(k){k.checked=want.indexOf(k.value)>=0;});}
  });
  apply();
}
function show(h){
  var m,doc,marks=[],line=null;
  if((m=/^s(\\d+):(\\d+)$/.exec(h))){doc=m[1];marks=all('[data-s="'+m[1]+':'+m[2]+'"]');}
  else if((m=/^p(\\d+)-(\\d+)$/.exec(h))){doc=m[2];marks=all('#d'+doc+' [data-p~="'+m[1]+'"]');}
  else if((m=/^d(\\d+)L(\\d+)$/.exec(h))){doc=m[1];line=all('#d'+doc+' .ln')[m[2]-1]||null;}
  else if((m=/^d(\\d+)$/.exec(h))){doc=m[1];}
  else return;
  var box=document.getElementById('d'+doc);if(!box)return;
  box.hidden=false;box.open=true;
  all('.hl').forEach(function(e){e.classList.remove('hl');});
  marks.forEach(function(e){e.classList.add('hl');var l=e.closest('.ln');if(l)l.classList.add('hl');});
  if(line)line.classList.add('hl');
  var at=line||(marks.length?marks[0].closest('.ln'):null)||box,pane=document.getElementById('f-texts');
  if(getComputedStyle(pane).position!=='sticky'){at.scrollIntoView({block:'center'});return;}
  pane.scrollTop+=at.getBoundingClientRect().top-pane.getBoundingClientRect().top-pane.clientHeight/2;
}
function route(){
  var h=decodeURIComponent(location.hash.slice(1));
  if(h.indexOf('filter=')===0)setFilter(h.slice(7));else show(h);
}
src.addEventListener('change',changed);
kinds.forEach(function(k){k.addEventListener('change',changed);});
window.addEventListener('hashchange',route);
document.addEventListener('click',function(e){  // the same citation again: no hashchange, show it anyway
  var a=e.target.closest&&e.target.closest('a[href^="#"]');
  if(a&&a.getAttribute('href')===location.hash)route();
});
apply();route();
})();
"""


def slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


_LINES = re.compile(r"L(\d+)(?:-L\d+)?")


def _in_page(href: str, docs: dict[str, int]) -> str | None:
    """The in-page link for a link to a source file (``../texts/a.txt#L3`` -> ``#d0L3``, the
    file alone -> ``#d0``), or None when ``href`` names no source."""
    path, _, fragment = href.partition("#")
    path = unquote(path)
    doc = None
    for k in range(len(path) + 1):  # the longest tail after a "/" that names a source
        if (k == 0 or path[k - 1] == "/") and path[k:] in docs:
            doc = docs[path[k:]]
            break
    if doc is None:
        return None
    m = _LINES.fullmatch(fragment)
    return f"#d{doc}L{m.group(1)}" if m else f"#d{doc}"


def _report_body(markdown: str, images: dict[str, str], docs: dict[str, int]) -> tuple[str, str]:
    """The Markdown report's title (as plain text) and its HTML: GitHub's heading ids, pictures
    inlined, citations in-page."""
    from markdown_it import MarkdownIt  # imported on use: only --format html needs it

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(markdown)
    seen: dict[str, int] = {}
    title = ""
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and i + 1 < len(tokens):
            if tok.tag == "h1" and not title:  # the text as shown: Markdown escapes undone
                title = "".join(c.content for c in tokens[i + 1].children or [] if c.type in ("text", "code_inline"))
            base = slug(tokens[i + 1].content)
            n = seen.get(base, 0)
            seen[base] = n + 1
            tok.attrSet("id", base if n == 0 else f"{base}-{n}")
        for child in tok.children or [] if tok.type == "inline" else []:
            src = child.attrGet("src") if child.type == "image" else None
            if src in images:
                data = base64.b64encode(images[src].encode("utf-8")).decode("ascii")
                child.attrSet("src", f"data:image/svg+xml;base64,{data}")
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and (local := _in_page(href, docs)):
                child.attrSet("href", local)
    return title or "compare report", md.renderer.render(tokens, md.options, {})


def _chips() -> str:
    """The style of each kind's chip: its label and colour, drawn before every row of it."""
    rule = 'ul.rows li[data-kind="{}"]::before{{content:"{}";background:{}}}\n'
    return "".join(rule.format(kind, label, colour) for kind, label, colour in KINDS)


def _filter_bar(findings: Findings) -> str:
    """The sticky bar: a source menu and one checkbox per kind of finding."""
    box = '<label><input type="checkbox" name="kind" value="{}" checked> {}s</label>'
    boxes = "".join(box.format(kind, label) for kind, label, _ in KINDS)
    return (
        '<form id="bar" onsubmit="return false"><label>Source <select id="f-src"><option value="">all sources'
        f"</option>{source_options(findings)}</select></label> {boxes}"
        '<span id="shown" class="count"></span> <a href="#top">top</a></form>'
    )


def render_html(markdown: str, findings: Findings, images: dict[str, str]) -> str:
    """``report.html``: the browsable findings and texts, then ``markdown`` (the report) with
    ``images`` (file name -> SVG text) inlined."""
    docs = dict(zip(findings.documents["path"].to_list(), findings.documents["doc_id"].to_list(), strict=True))
    title, report = _report_body(markdown, images, docs)
    script = _SCRIPT.replace("__OPEN_ROWS__", str(OPEN_ROWS))
    return "\n".join(
        [
            "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            f"<title>{escape(title)}</title>\n<style>{_CSS}{_chips()}</style>\n</head>\n<body id='top'>",
            f"<h1>{escape(title)}</h1>",
            "<p>Every finding below cites its sources: a link opens the text at the cited line, the statement "
            "highlighted. Copied passages are shaded in both texts. <a href='#browse-sources'>Sources</a> · "
            "<a href='#browse-report'>the full report</a></p>",
            _filter_bar(findings),
            "<div id='browse'><div id='f-rows'><h2 id='browse-findings'>Findings</h2>",
            f"{findings_list(findings)}</div>",
            "<div id='f-texts'><h2 id='browse-sources'>Sources</h2>\n"
            f"<p>Each text is collapsed: open it, or follow a citation.</p>{sources(findings)}</div></div>",
            f"<h2 id='browse-report'>Report</h2>\n<div id='report'>\n{report}</div>",
            f"<script>{script}</script>\n</body>\n</html>\n",
        ]
    )
