"""report.html's browsable part, read as HTML: the embedded texts are the sources' texts, the
marks cover exactly the statements and copied passages they name, every citation leads to
a mark, text is escaped, large kinds start collapsed, and the bytes do not depend on the
hash seed. (tests/test_screenshot.py checks the page in Chromium.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import compare
from compare.report import page as page_module
from compare.report.html import _in_page
from compare.text.normalize import split_lines

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


class _Texts(HTMLParser):
    """Collects the embedded texts: each document's lines, and the text inside every mark."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.doc: int | None = None
        self.lines: dict[int, list[str]] = {}
        self.statements: dict[str, str] = {}
        self.passages: dict[tuple[str, int], str] = {}
        self.open: list[dict[str, str | None]] = []
        self.scripts = 0
        self.rows: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.scripts += tag == "script"
        if tag == "details" and a.get("data-doc") is not None:
            self.doc = int(a["data-doc"] or 0)
            self.lines[self.doc] = []
        elif tag == "div" and a.get("class") == "ln" and self.doc is not None:
            self.lines[self.doc].append("")
        elif tag == "li" and "data-kind" in a:
            self.rows.append(a)
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag == "span":
            self.open.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.open.pop()
        elif tag == "details":
            self.doc = None

    def handle_data(self, data: str) -> None:
        if self.doc is None or not self.lines[self.doc]:
            return
        self.lines[self.doc][-1] += data
        for a in self.open:
            if a.get("data-s"):
                self.statements[a["data-s"] or ""] = self.statements.get(a["data-s"] or "", "") + data
            for p in (a.get("data-p") or "").split():
                self.passages[(p, self.doc)] = self.passages.get((p, self.doc), "") + data


def _without_breaks(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as the page shows it: line breaks are line ends, not characters."""
    return "".join(text[max(s, start) : min(e, end)] for s, e in split_lines(text) if s < end and e > start)


@pytest.fixture(scope="module")
def harbor(tmp_path_factory: pytest.TempPathFactory) -> tuple[compare.Findings, str, _Texts]:
    out = tmp_path_factory.mktemp("harbor") / "out"
    findings = compare.run(HARBOR, out=out, format="html")
    html = (out / "report.html").read_text(encoding="utf-8")
    parsed = _Texts()
    parsed.feed(html)
    return findings, html, parsed


def test_the_embedded_texts_are_the_sources(harbor) -> None:
    findings, _, parsed = harbor
    for doc, text in findings.documents.select("doc_id", "text").iter_rows():
        assert parsed.lines[doc] == [text[s:e] for s, e in split_lines(text)]


def test_marks_cover_exactly_their_statements_and_passages(harbor) -> None:
    findings, _, parsed = harbor
    texts = dict(findings.documents.select("doc_id", "text").iter_rows())
    statements = findings.statements.select("stmt_id", "doc_id", "start", "end").iter_rows()
    for sid, doc, start, end in statements:
        assert parsed.statements.get(sid, "") == _without_breaks(texts[doc], start, end), sid
    assert findings.passages.height > 0
    for i, r in enumerate(findings.passages.iter_rows(named=True)):
        for side in ("a", "b"):
            doc = r[side]
            expected = _without_breaks(texts[doc], r[f"{side}_start"], r[f"{side}_end"])
            assert parsed.passages[(str(i), doc)] == expected


def test_every_citation_leads_to_something_on_the_page(harbor) -> None:
    """Statement and passage links name marks that exist, line links lines that exist; the
    report's links to source files became links into the page."""
    _, html, parsed = harbor
    links = [h for h in parsed.links if h.startswith("#")]
    assert {h[:2] for h in links} >= {"#s", "#p", "#d"}
    for href in links:
        if m := re.fullmatch(r"#s(\d+:\d+)", href):
            assert m.group(1) in parsed.statements
        elif m := re.fullmatch(r"#p(\d+)-(\d+)", href):
            assert (m.group(1), int(m.group(2))) in parsed.passages
        elif m := re.fullmatch(r"#d(\d+)L(\d+)", href):
            assert 1 <= int(m.group(2)) <= len(parsed.lines[int(m.group(1))])
    assert not [h for h in parsed.links if h.endswith(".txt") or ".txt#" in h]
    assert parsed.scripts == 1 and "http://" not in html and "https://" not in html  # nothing fetched


def test_rows_name_their_kind_and_sources(harbor) -> None:
    findings, _, parsed = harbor
    kinds = [r["data-kind"] for r in parsed.rows]
    certain = sum(1 for c in findings.conflict_list if c["certain"])
    assert kinds.count("conflict") == certain
    assert kinds.count("possible") == len(findings.conflict_list) - certain
    assert kinds.count("passage") == findings.passages.height
    assert kinds.count("repeated") == len(findings.repeated)
    assert kinds.count("unique") == len(findings.unique)
    first = next(r for r in parsed.rows if r["data-kind"] == "conflict")
    c1 = findings.conflict_list[0]
    assert first["data-src"] == " ".join(sorted({c1["a"].split(":")[0], c1["b"].split(":")[0]}, key=int))


def test_in_page_links() -> None:
    docs = {"a.txt": 0, "news/b c.txt": 1}
    assert _in_page("../texts/a.txt#L3", docs) == "#d0L3"
    assert _in_page("../texts/a.txt#L3-L5", docs) == "#d0L3"
    assert _in_page("x/news/b%20c.txt", docs) == "#d1"
    assert _in_page("#c1", docs) is None and _in_page("../texts/ba.txt#L2", docs) is None


def test_text_is_escaped(tmp_path: Path) -> None:
    """A source holding a script tag, a file named like one and an ampersand: shown as text,
    never as markup (the page's one script is its own)."""
    src = tmp_path / "news"
    src.mkdir()
    evil = "The mayor wrote <script>alert('x')</script> on March 4 & left.\n"
    (src / "a<b>.txt").write_text(f"A fire destroyed the warehouse on Tuesday night.\n{evil}", encoding="utf-8")
    (src / "b.txt").write_text(f"A fire destroyed the warehouse on Tuesday night.\n{evil}", encoding="utf-8")
    compare.run(src, out=tmp_path / "out", format="html")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    parsed = _Texts()
    parsed.feed(html)
    assert html.count("<script") == 1 and "<b>.txt" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html and "a&lt;b&gt;.txt" in html
    assert parsed.lines[0][1] == evil.rstrip("\n")


def test_large_kinds_start_collapsed(harbor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind with more rows than OPEN_ROWS starts collapsed, smaller ones open; texts are closed."""
    findings = harbor[0]
    monkeypatch.setattr(page_module, "OPEN_ROWS", 12)
    listed = page_module.findings_list(findings)
    groups = dict(re.findall(r'<details class="group" data-group="(\w+)"( open)?>', listed))
    assert groups["unique"] == "" and len(findings.unique) > 12
    assert groups["conflict"] == " open" and sum(c["certain"] for c in findings.conflict_list) <= 12
    assert "<details class=\"doc\"" in page_module.sources(findings)
    assert " open" not in page_module.sources(findings).split("\n", 2)[1]


def test_same_page_bytes_under_every_hash_seed(tmp_path: Path) -> None:
    pages = []
    for seed in ("0", "4242"):
        out = tmp_path / f"out{seed}"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"} | {"PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "compare", "run", str(HARBOR), "--out", str(out), "-q", "--no-cache",
             "--format", "html", "--no-baseline"],
            capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        pages.append((out / "report.html").read_bytes())
    assert pages[0] == pages[1] and len(pages[0]) > 10_000


def test_the_page_title_is_the_reports_as_shown_and_escaped(harbor) -> None:
    """The report's first heading, Markdown escapes undone, then escaped as HTML."""
    from compare.report.html import render_html

    page = render_html("# Fire at `Dock<7>` and Smith\\_Co\n\nText.\n", harbor[0], {})
    assert "<title>Fire at Dock&lt;7&gt; and Smith_Co</title>" in page
    assert "<h1>Fire at Dock&lt;7&gt; and Smith_Co</h1>" in page
