"""The Markdown report, parsed with markdown-it: sections, links, bold values, no boilerplate."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

import compare

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
SECTIONS = [
    "Summary at a glance",
    "Documents",
    "Pairwise similarity",
    "Near duplicates and shared passages",
    "Conflicts",
    "Repeated statements",
    "Unique statements by source",
    "Method and settings",
]


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def walk(tokens: list[Token]):
    """Every token, inline children included, in document order."""
    for t in tokens:
        yield t
        if t.children:
            yield from walk(t.children)


def headings(tokens: list[Token], level: int) -> list[str]:
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open" and t.tag == f"h{level}":
            out.append(tokens[i + 1].content)
    return out


def blocks_by_heading(tokens: list[Token]) -> dict[tuple[str, str], list[Token]]:
    """Tokens grouped under their (h2, h3) headings."""
    out: dict[tuple[str, str], list[Token]] = {}
    h2 = h3 = ""
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.type == "heading_open" and t.tag in ("h2", "h3"):
            text = tokens[i + 1].content
            h2, h3 = (text, "") if t.tag == "h2" else (h2, text)
            i += 3
            continue
        out.setdefault((h2, h3), []).append(t)
        i += 1
    return out


def strong_texts(tokens: list[Token]) -> list[str]:
    """The text of every **strong** span."""
    out: list[str] = []
    depth = 0
    for t in walk(tokens):
        if t.type == "strong_open":
            depth += 1
            out.append("")
        elif t.type == "strong_close":
            depth -= 1
        elif depth and t.type in ("text", "code_inline"):
            out[-1] += t.content
    return out


def plain_text(tokens: list[Token]) -> str:
    return " ".join(t.content for t in walk(tokens) if t.type in ("text", "code_inline"))


def file_links(tokens: list[Token]) -> list[str]:
    return [
        t.attrs["href"]
        for t in walk(tokens)
        if t.type == "link_open" and not str(t.attrs["href"]).startswith(("#", "http:", "https:"))
    ]


def check_file_link(report_dir: Path, href: str) -> tuple[Path, int | None]:
    """Resolve a link as a browser would; return the file and the first line of its #L anchor."""
    path_part, _, fragment = href.partition("#")
    target = (report_dir / unquote(path_part)).resolve()
    assert target.is_file(), href
    line = None
    if fragment:
        m = re.fullmatch(r"L(\d+)(?:-L(\d+))?", fragment)
        assert m, href
        n_lines = len(target.read_text(encoding="utf-8").splitlines())
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        assert 1 <= first <= last <= n_lines, href
        line = first
    return target, line


@pytest.fixture(scope="session")
def report_text(harbor_findings, harbor_out) -> str:
    return (harbor_out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tokens(report_text) -> list[Token]:
    return parse(report_text)


def test_report_has_all_sections_in_order(tokens):
    found = headings(tokens, 2)
    assert [h for h in found if h in SECTIONS] == SECTIONS
    assert len(headings(tokens, 1)) == 1


def test_every_file_link_resolves_with_line_in_range(tokens, harbor_out):
    """Links to sources point at existing files, and their #L anchors at existing lines."""
    links = file_links(tokens)
    assert len(links) > 20
    targets = {check_file_link(harbor_out, href)[0] for href in links}
    assert targets == {p.resolve() for p in HARBOR.glob("*.txt")}
    assert any("#L" in href for href in links)


def test_citation_lines_hold_the_quoted_statement(tokens, harbor_out, harbor_findings):
    """A link labelled 'file:line' opens the line where a statement of that file begins."""
    starts: dict[str, set[int]] = {}
    for row in harbor_findings.statements.iter_rows(named=True):
        starts.setdefault(harbor_findings.path(row["doc_id"]), set()).add(row["line"])
    passage_lines = {
        (harbor_findings.path(p[d]), p[f"{d}_first_line"])
        for p in harbor_findings.passages.iter_rows(named=True)
        for d in ("a", "b")
    }
    for href in file_links(tokens):
        target, line = check_file_link(harbor_out, href)
        if line is not None:
            assert line in starts[target.name] or (target.name, line) in passage_lines, href


def test_internal_anchors_point_at_headings(tokens):
    """[C1](#c1) and friends jump to a heading of the report."""
    slugs = {
        re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-") for lvl in (2, 3) for h in headings(tokens, lvl)
    }
    anchors = [t.attrs["href"] for t in walk(tokens) if t.type == "link_open" and str(t.attrs["href"]).startswith("#")]
    assert anchors
    for href in anchors:
        assert href[1:] in slugs, href


def test_conflicting_values_are_bold(tokens, harbor_findings):
    """Each disagreement's block shows the differing values of every conflict of it in bold."""
    blocks = blocks_by_heading(tokens)
    of = {c["id"]: c for c in harbor_findings.conflict_list}
    assert sum(c["certain"] for c in of.values()) >= 5
    for group in _disagreements(harbor_findings)[: harbor_findings.settings.top_n]:
        bold = [s.casefold() for s in strong_texts(blocks[("Conflicts", group[0])])]
        assert of[group[0]]["kind"] in bold
        for c in (of[i] for i in group):
            assert c["a_value"].casefold() in bold, c
            assert c["b_value"].casefold() in bold, c


def test_no_boilerplate_is_quoted_as_a_statement(tokens):
    """Bylines, counters, ad labels and share bars never appear among the quoted statements."""
    blocks = blocks_by_heading(tokens)
    quoted = " ".join(
        plain_text(toks)
        for (h2, _), toks in blocks.items()
        if h2 in ("Conflicts", "Repeated statements", "Unique statements by source")
    )
    assert "Calder Logistics" in quoted  # the sections do quote statements
    for junk in ("1,204 views", "Advertisement", "Share this story", "NewsAggregator24", "Kevin Marsh"):
        assert junk not in quoted


def test_every_unique_and_repeated_statement_is_quoted(report_text, harbor_findings):
    """With the default top_n all unique claims and groups fit in the report."""
    flat = re.sub(r"\\(.)", r"\1", report_text)
    for sid in harbor_findings.unique:
        assert harbor_findings.statement(sid)["text"] in flat
    for g in harbor_findings.repeated:
        assert harbor_findings.statement(g["representative"])["text"] in flat


def test_settings_table_lists_every_setting(tokens, harbor_findings):
    method = blocks_by_heading(tokens)[("Method and settings", "")]
    text = plain_text(method)
    for name, value in harbor_findings.settings.as_dict().items():
        assert name in text
        assert str(value) in text


def _disagreements(findings) -> list[list[str]]:
    """The ids of the certain conflicts, by what they disagree on (one fact, or one kind and
    pair of values), in order of first conflict: the report's conflict blocks."""
    groups: dict[object, list[str]] = {}
    for c in findings.conflict_list:
        if c["certain"]:
            key = c.get("fact") or (c["kind"], *sorted((c["a_value"], c["b_value"])))
            groups.setdefault(key, []).append(c["id"])
    return list(groups.values())


def test_top_n_caps_the_sections(tmp_path, monkeypatch):
    """top_n=2: two conflict blocks (two disagreements), and a pointer to findings.json for the rest."""
    monkeypatch.chdir(tmp_path)
    findings = compare.run(HARBOR, out=tmp_path / "out", top_n=2)
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    conflict_blocks = [h for h in headings(parse(text), 3) if re.fullmatch(r"C\d+", h)]
    shown = _disagreements(findings)[:2]
    assert conflict_blocks == [g[0] for g in shown]
    more = sum(c["certain"] for c in findings.conflict_list) - sum(len(g) for g in shown)
    assert f"{more} more conflicts in `findings.json`" in text


def test_one_disagreement_between_many_pairs_of_sources_is_one_block(tmp_path):
    """Three sources give 239 people aboard and one 230: one block (its first pair, in context),
    then one line naming the other conflicts and citing the other sources by value; the Facts
    table links the fact to that block."""
    texts = {
        "a.txt": "The plane carried 239 people on board when it vanished over the sea. Officials searched.",
        "c.txt": "The airliner had 239 people on board when it disappeared. Families waited in Beijing.",
        "d.txt": "The plane carried 230 people on board when it vanished, the minister said. Ships were sent.",
    }
    findings = compare.compare_texts(texts, out=tmp_path)
    (group,) = _disagreements(findings)
    assert len(group) == 2
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    toks = parse(text)
    assert [h for h in headings(toks, 3) if re.fullmatch(r"C\d+", h)] == [group[0]]
    section = " ".join(plain_text(blocks_by_heading(toks)[("Conflicts", group[0])]).split())
    assert f"The same disagreement between 1 more pair of sources ({group[1]}): 239 (c.txt:1)." in section
    fact = next(c["fact"] for c in findings.conflict_list if c["id"] == group[0])
    (row,) = [line for line in text.splitlines() if line.startswith(f"| {fact}:")]
    assert f"[{group[0]}](#{group[0].lower()})" in row and f"#{group[1].lower()})" not in row
    assert "- **Conflicts:** 2 found on 1 point." in text  # the summary counts the disagreements too


def test_skipped_files_are_listed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src)
    (src / "empty.txt").write_bytes(b"")
    (src / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    compare.run(src, out=tmp_path / "out")
    toks = parse((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert "Skipped" in headings(toks, 2)
    skipped = plain_text(blocks_by_heading(toks)[("Skipped", "")])
    assert "empty.txt" in skipped and "picture.md" in skipped


ODD_NAMES = [
    pytest.param("with space.txt", id="space"),
    pytest.param("copy (2).txt", id="parentheses"),
    pytest.param("under_score [x].txt", id="brackets"),
    pytest.param("issue #1.txt", id="hash"),
    pytest.param("rate 100%20.txt", id="percent"),
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_links_resolve_for_awkward_file_names(tmp_path, monkeypatch, name):
    """Citations still open the right file when its name has spaces or URL syntax in it."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(HARBOR / "a_wire.txt", src / name)
    shutil.copy(HARBOR / "d_repost.txt", src / "repost.txt")
    compare.run(src, out=tmp_path / "out")
    links = file_links(parse((tmp_path / "out" / "report.md").read_text(encoding="utf-8")))
    targets = {check_file_link(tmp_path / "out", href)[0].name for href in links}
    assert targets == {name, "repost.txt"}


def test_pictures_are_written_embedded_with_alt_text_and_valid_svg(tokens, harbor_out, harbor_findings):
    """The heatmap and coverage chart exist next to the report, are referenced with alt text,
    parse as SVG with a title, and show every document."""
    import xml.etree.ElementTree as ET

    images = [t for t in walk(tokens) if t.type == "image"]
    srcs = {t.attrs["src"]: t.content for t in images}
    assert set(srcs) == {"similarity.svg", "coverage.svg"}
    ns = "{http://www.w3.org/2000/svg}"
    for src, alt in srcs.items():
        assert len(alt) > 40  # a sentence a screen reader can read, not a file name
        root = ET.parse(harbor_out / src).getroot()
        assert root.tag == f"{ns}svg" and root.get("role") == "img" and root.get("aria-label")
        assert root.find(f"{ns}title") is not None
    heat = (harbor_out / "similarity.svg").read_text(encoding="utf-8")
    for path in harbor_findings.documents["path"].to_list():
        assert path in heat
    near = harbor_findings.pairs.filter(harbor_findings.pairs["near_duplicate"]).row(0, named=True)
    assert f"{near['jaccard']:.2f}" in heat


def test_pictures_are_removed_when_there_is_nothing_to_draw(tmp_path, monkeypatch):
    """A later run with one document leaves no stale heatmap or chart behind."""
    import compare

    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("One fire destroyed a warehouse on Tuesday.\n", encoding="utf-8")
    (src / "b.txt").write_text("One fire destroyed a warehouse on Tuesday night.\n", encoding="utf-8")
    compare.run(src, out=tmp_path / "out")
    assert (tmp_path / "out" / "similarity.svg").is_file()
    (src / "b.txt").unlink()
    compare.run(src, out=tmp_path / "out")
    assert not (tmp_path / "out" / "similarity.svg").exists()
    assert "similarity.svg" not in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_html_page_is_standalone_and_matches_the_report(tmp_path, monkeypatch):
    """--format html: one self-contained page with the same sections, working anchors and inlined pictures."""
    import compare

    monkeypatch.chdir(tmp_path)
    compare.run(HARBOR, out=tmp_path / "out", format="html")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for section in ("Summary at a glance", "Conflicts", "Repeated statements", "Method and settings"):
        assert f">{section}</h2>" in page
    assert "id='c1'" in page or 'id="c1"' in page
    assert 'href="#c1"' in page
    assert page.count("data:image/svg+xml;base64,") == 2
    assert 'src="similarity.svg"' not in page


def test_a_page_of_an_earlier_run_is_removed_with_a_warning(tmp_path, monkeypatch, caplog):
    """Back to Markdown only: the page of the earlier run would disagree with the new
    report.md, so it is removed, and a warning says so (and how to keep one)."""
    import compare

    monkeypatch.chdir(tmp_path)
    compare.run(HARBOR, out=tmp_path / "out", format="html")
    assert (tmp_path / "out" / "report.html").exists()
    caplog.clear()
    compare.run(HARBOR, out=tmp_path / "out")
    assert not (tmp_path / "out" / "report.html").exists()
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 1 and "removed" in warned[0] and "report.html" in warned[0] and "--format html" in warned[0]
    caplog.clear()
    compare.run(HARBOR, out=tmp_path / "out")  # nothing to remove: nothing said
    assert "removed" not in caplog.text


def test_the_summary_shows_three_different_disagreements(report_text):
    """The summary's conflicts are the first of three different disagreements (harbor-fire's
    date, count and rank), each saying how many more pairs of sources share it: three pairs of
    sources on one figure would hide the others."""
    summary = report_text.split("## Summary at a glance", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in summary.splitlines() if line.startswith("  - [C")]
    kinds = [line.split(") ", 1)[1].split(":", 1)[0] for line in lines]
    assert kinds == ["date", "number", "ordinal"], lines
    assert "(1 more pair of sources)." in lines[0]


def test_a_value_no_source_asserts_is_marked_in_the_facts_table(tmp_path):
    """An "agree" fact may list a forecast beside the figure the sources assert: the table says
    which value is only expected, so the row does not read as two figures agreed on."""
    texts = {
        "a.txt": "The Solen 5 costs $799 in the United States, the company said on Monday. It goes on sale on Friday.",
        "b.txt": "In the United States the Solen 5 costs $799. Reviewers liked the screen.",
        "c.txt": "The Solen 5 could cost $699 in the United States, analysts said. Nobody knows for sure.",
    }
    findings = compare.compare_texts(texts, out=tmp_path)
    (fact,) = findings.fact_list
    assert {(m["value"], m["modality"]) for m in fact["mentions"]} >= {("$799", "asserted"), ("$699", "hypothetical")}
    lines = (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()
    (row,) = [line for line in lines if line.startswith("| F1:")]
    assert "**$699** *(expected or possible)* (c.txt:1)" in row
    assert "**$799** (" in row  # an asserted value is not marked


def test_the_facts_table_names_who_each_source_quotes(tmp_path):
    """The police's count and the organisers' are told apart in the facts table: each citation
    of a statement that quotes someone comes after the speaker's name."""
    texts = {
        "a.txt": "Police said 12,000 people marched through Dorval on Saturday against the pension bill.",
        "b.txt": "Organisers said 45,000 people marched through Dorval on Saturday against the pension bill.",
        "c.txt": "Some 30,000 people marched through Dorval on Saturday against the pension bill.",
    }
    compare.compare_texts(texts, out=tmp_path)
    lines = (tmp_path / "report.md").read_text(encoding="utf-8").splitlines()
    (row,) = [line for line in lines if line.startswith("| F1:")]
    assert "**12,000** (Police: a.txt:1)" in row and "**45,000** (Organisers: b.txt:1)" in row
    assert "**Some 30,000** (c.txt:1)" in row  # no speaker named


def test_a_possible_disagreement_between_many_pairs_is_one_line():
    """The possible conflicts of one disagreement are one line: its first pair, then how many
    more pairs of sources share it and the other values they give (each once)."""
    from compare.report.claims import ClaimSections

    group = [
        {"fact": "F1", "kind": "number", "a_value": "130", "b_value": "Around 40"},
        {"fact": "F1", "kind": "number", "a_value": "130", "b_value": "90"},
        {"fact": "F1", "kind": "number", "a_value": "127", "b_value": "90"},
    ]
    assert ClaimSections.also_possible(group) == " *Also between 2 more pairs of sources, giving **90** and **127**.*"
    assert ClaimSections.also_possible(group[:1]) == ""
    line = "- number: a **130** vs b **Around 40**: x." + ClaimSections.also_possible(group)
    assert strong_texts(parse(line)) == ["130", "Around 40", "90", "127"]  # bold inside the italics renders


def test_the_value_a_conflict_is_of_is_bold_where_it_is_written_twice() -> None:
    """A value written twice in a sentence ("The seven people taken into custody ... one of seven
    attackers who died") is bold where the fact layer read it (the attackers' seven), not at its first
    occurrence; a value said once is bold where it is, and a start that does not hold the value
    falls back to its first occurrence."""
    from compare.report.markdown import render
    from compare.report.markup import bold

    b = "The seven people taken into custody were relatives of one of seven attackers who died in the raids."
    found = compare.compare_texts({"a.txt": "Eight attackers died in the raids, police said.", "b.txt": b})
    (c,) = found.conflict_list
    assert (c["b_value"], c["b_start"]) == ("seven", b.index("seven attackers"))
    block = [line for line in render(found).splitlines() if line.startswith("| [b.txt:1]")]
    assert block == [f"| [b.txt:1](b.txt#L1) | {b.replace('seven attackers', '**seven** attackers')} |"]
    assert bold("one of seven and seven", "seven", 17) == "one of seven and **seven**"
    assert bold("one of seven and seven", "seven", 3) == "one of **seven** and seven"  # no "seven" at 3
    assert bold("one of seven", "seven", None) == "one of **seven**"
