"""The browsable page (``--format html``) on 1,000 articles: its size and the time to write it.

The findings of the synthetic corpus are computed once; pytest-benchmark then times writing
``report.html`` (the browsable rows and texts plus the Markdown report rendered into it) in
three rounds, next to writing ``report.md`` alone, in the same session: the page's cost is
reported as a ratio to the Markdown report's. Its size is reported next to the corpus's, with
the kinds of rows that start collapsed. (Measured on 1,000 articles: 13.3 MB for 3.6 MB of
text, 2.6 s, about 10x the Markdown report's time; repeated and unique claims collapsed.)
"""

from __future__ import annotations

import os
import re
import time

import pytest

import compare
from compare.report.html import render_html
from compare.report.markdown import render
from compare.report.page import OPEN_ROWS

SIZE = int(os.environ.get("BENCH_PAGE_DOCS", "1000"))


@pytest.fixture(scope="module")
def findings(corpus_factory):
    """The corpus and its findings (no cache, one process)."""
    c = corpus_factory(SIZE)
    return c, compare.run(c.folder, jobs=1)


def test_page_size_and_time_against_the_markdown_report(findings, benchmark, results):
    c, f = findings
    rounds = 3
    start = time.perf_counter()
    for _ in range(rounds):
        markdown = render(f, link_base="..", title_folder="corpus", images=[])
    md_seconds = (time.perf_counter() - start) / rounds
    page = benchmark.pedantic(render_html, args=(markdown, f, {}), rounds=rounds, iterations=1)
    html_seconds = benchmark.stats.stats.median
    size = len(page.encode("utf-8"))
    groups = re.findall(r'<details class="group" data-group="(\w+)"( open)?>', page)
    collapsed = [kind for kind, opened in groups if not opened]
    results[(SIZE, "page")] = {
        "seconds": html_seconds, "markdown_seconds": md_seconds, "ratio": html_seconds / md_seconds,
        "bytes": size, "corpus_bytes": c.bytes, "collapsed": collapsed,
    }  # fmt: skip
    assert c.bytes < size < 5 * c.bytes  # the texts are in it, the markup around them bounded
    assert page.count("<details class=\"doc\"") == SIZE and "<details class=\"doc\" open" not in page
    assert len(f.unique) <= OPEN_ROWS or "unique" in collapsed
