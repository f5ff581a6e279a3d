"""Finding one's way in the report: contents, title, conflicts in context, ranked unique
claims, and repeated claims that a repost does not inflate."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from markdown_it import MarkdownIt

import compare
from compare.findings.copies import copy_sets
from compare.report.navigation import claim_score, contents, default_title

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"

FLOOD = {
    "a.txt": "The river flooded the lower town overnight after days of rain. "
    "The flood at Millbrook began on Monday, May 3. Water reached the church steps by dawn.\n\n"
    "I think this is the worst thing that has ever happened to us. "
    "On May 4, Mayor Ruth Okafor said 40 homes in Millbrook were evacuated. "
    "The bakery on the square stayed open for neighbours all day.\n",
    "b.txt": "Boats went from house to house in the morning. "
    "The flood at Millbrook began on Monday, May 5. Schools in the valley will stay shut this week.\n\n"
    "Volunteers filled sandbags at the fire station until late.\n",
}
"""A made-up corpus: one date conflict, and unique claims of every rank in a.txt."""


def github_anchors(markdown: str) -> list[str]:
    """The anchor of every heading, computed as GitHub does from the rendered heading text:
    lower case, punctuation dropped, spaces to hyphens, ``-1``, ``-2`` for repeats."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    seen: dict[str, int] = {}
    out = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            text = "".join(c.content for c in tokens[i + 1].children or [] if c.type in ("text", "code_inline"))
            base = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
            out.append(base if base not in seen else f"{base}-{seen[base]}")
            seen[base] = seen.get(base, 0) + 1
    return out


def contents_links(markdown: str) -> list[tuple[str, str]]:
    """(label, anchor) of each link on the report's Contents line."""
    line = next(x for x in markdown.splitlines() if x.startswith("**Contents:**"))
    return re.findall(r"\[([^\]]+)\]\(#([^)]+)\)", line)


@pytest.fixture(scope="module")
def report_text(harbor_findings, harbor_out) -> str:
    """report.md of the harbor run."""
    return (harbor_out / "report.md").read_text(encoding="utf-8")


def test_contents_link_every_section_to_its_heading(report_text):
    text = report_text
    links = contents_links(text)
    h2 = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert [label for label, _ in links] == h2
    anchors = github_anchors(text)
    for _, anchor in links:
        assert anchor in anchors
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines.index(next(x for x in lines if x.startswith("**Contents:**"))) < 6


def test_contents_number_repeated_headings_as_github_does():
    lines = ["# Report", "## Notes", "### Notes", "## Notes", "## A `code`, (b)!"]
    assert contents(lines) == ["[Notes](#notes)", "[Notes](#notes-2)", "[A `code`, (b)!](#a-code-b)"]
    assert [f"#{a}" for a in github_anchors("\n\n".join(lines))][1:] == ["#notes", "#notes-1", "#notes-2", "#a-code-b"]


@pytest.mark.parametrize(
    ("folder", "title"),
    [("harbor-fire", "Harbor fire"), ("paris_attacks_2015", "Paris attacks 2015"), ("MH370", "MH370"), ("2015", "")],
)
def test_default_title_from_the_folder_name(folder, title):
    assert default_title(folder) == title


def test_title_defaults_to_the_folder_and_is_overridden(tmp_path, monkeypatch):
    """harbor-fire/ gives "# Harbor fire"; --title and the title setting replace it."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "harbor-fire"
    shutil.copytree(HARBOR, corpus)
    compare.run(corpus, out=tmp_path / "default", jobs=1)
    assert (tmp_path / "default" / "report.md").read_text(encoding="utf-8").startswith("# Harbor fire\n")
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(corpus), "--out", "cli", "-q", "--no-cache",
         "--title", "Warehouse fire at Port Alden"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "cli" / "report.md").read_text(encoding="utf-8").startswith("# Warehouse fire at Port Alden\n")
    data = json.loads((tmp_path / "cli" / "findings.json").read_text(encoding="utf-8"))
    assert data["settings"]["title"] == "Warehouse fire at Port Alden"
    (tmp_path / "compare.toml").write_text('title = "Dock fire"\n', encoding="utf-8")
    compare.run(corpus, out=tmp_path / "toml", jobs=1)
    assert (tmp_path / "toml" / "report.md").read_text(encoding="utf-8").startswith("# Dock fire\n")


@pytest.mark.parametrize(("line", "says"), [("title = 5", "must be a string"), ('title = "a\\nb"', "one line")])
def test_a_bad_title_exits_2_with_one_line(tmp_path, line, says):
    (tmp_path / "compare.toml").write_text(line + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(HARBOR), "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and says in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


def conflict_rows(text: str, conflict_id: str) -> list[str]:
    """The two 'Says' cells of a conflict's table."""
    block = text.split(f"### {conflict_id}\n", 1)[1].split("\n### ", 1)[0]
    return re.findall(r"^\| \S+:\d+ \| (.*) \|$", block, re.M)


def test_conflict_sides_show_the_sentences_around_them(tmp_path):
    """Each side of the made-up conflict is shown between its document's previous and next sentence."""
    findings = compare.compare_texts(FLOOD, out=tmp_path, jobs=1)
    [c] = [c for c in findings.conflict_list if c["certain"]]
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    a, b = conflict_rows(text, c["id"])
    assert re.search(r"\*The river flooded the lower town overnight after days of rain\.\* The flood .*"
                     r"\*\*May 3\*\*\. \*Water reached the church steps by dawn\.\*", a)  # fmt: skip
    assert re.search(r"\*Boats went from house to house in the morning\.\* The flood .*\*\*May 5\*\*\. "
                     r"\*Schools in the valley will stay shut this week\.\*", b)  # fmt: skip


def test_conflict_context_is_the_neighbouring_statements_on_harbor(report_text, harbor_findings):
    """On harbor, the italic sentences around each side are the statements just before and
    after it in its document (ordered by offset), and nothing else."""
    st = harbor_findings.statements.sort("doc_id", "start")
    order = {d: g["stmt_id"].to_list() for (d,), g in st.group_by("doc_id", maintain_order=True)}
    flat = re.sub(r"\\(.)", r"\1", report_text)
    checked = 0
    heads: dict[object, dict] = {}  # the first conflict of each disagreement: the one with a block
    for c in harbor_findings.conflict_list:
        if c["certain"]:
            heads.setdefault(c.get("fact") or (c["kind"], *sorted((c["a_value"], c["b_value"]))), c)
    for c in list(heads.values())[: harbor_findings.settings.top_n]:
        block = flat.split(f"### {c['id']}\n", 1)[1].split("\n#", 1)[0]
        rows = [r for r in block.splitlines() if r.startswith("| [") and "#L" in r]
        for row, sid in zip(rows, (c["a"], c["b"]), strict=True):
            ids = order[harbor_findings.statement(sid)["doc_id"]]
            i = ids.index(sid)
            expected = [ids[j] for j in (i - 1, i + 1) if 0 <= j < len(ids)]
            italics = [s for s in re.findall(r"(?<!\*)\*([^*]+)\*(?!\*)", row) if not s.startswith("(claim of")]
            assert italics == [harbor_findings.statement(e)["text"] for e in expected], (c["id"], row)
            checked += 1
    assert checked >= 10


def test_unique_claims_are_folded_per_source_and_ranked(tmp_path):
    """Dated, named, counted claims first; plain ones next in their order; the opinion last."""
    compare.compare_texts(FLOOD, out=tmp_path, jobs=1)
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    section = text.split("## Unique statements by source", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"<details><summary><code>(.+?)</code>: (\d+) unique claims?</summary>(.*?)</details>",
                        section, re.S)  # fmt: skip
    assert [name for name, _, _ in blocks] == ["a.txt", "b.txt"]
    listed = re.findall(r"^- a\.txt:\d+: (.+)$", blocks[0][2], re.M)
    assert listed[:2] == [
        "On May 4, Mayor Ruth Okafor said 40 homes in Millbrook were evacuated.",
        "The flood at Millbrook began on Monday, May 3.",
    ]
    assert listed[-1] == "I think this is the worst thing that has ever happened to us."
    plain = ["The river flooded the lower town overnight after days of rain.",
             "The bakery on the square stayed open for neighbours all day."]  # fmt: skip
    assert [s for s in listed if s in plain] == plain  # ties keep the document's order
    assert len(listed) == int(blocks[0][1])


def test_claim_score_puts_facts_above_opinions():
    fact = claim_score("On May 4, Mayor Ruth Okafor said 40 homes were evacuated.", ["date", "number"])
    plain = claim_score("The bakery on the square stayed open for neighbours all day.", [])
    opinion = claim_score("Honestly that is amazing given how big the fire was.", [])
    assert fact > plain > opinion
    assert claim_score("We saw it.", []) < claim_score("They saw it.", [])
    assert claim_score("We've got major powers like China and the European Union here.", []) < claim_score(
        "They have got major powers like China and the European Union here.", []
    )
    quote = "'I cannot give you the number of the dead tonight,' the prosecutor told reporters."
    assert claim_score(quote, ["attribution"]) > claim_score(quote, [])  # reported speech is not the writer's opinion


def test_copy_sets_join_documents_through_a_copied_passage():
    """Documents 0 and 1 share a passage over their statements of group R1; document 2 only
    shares a few words with 0, too little of its sentence to be a copy."""
    spans = {"0:1": (0, 0, 100), "1:4": (1, 50, 150), "2:2": (2, 10, 110)}
    passages = pl.DataFrame(
        {"a": [0, 0], "b": [1, 2], "a_start": [0, 0], "a_end": [90, 30], "b_start": [55, 10], "b_end": [145, 40]}
    )
    groups = [("R1", ["0:1", "1:4", "2:2"], [0, 1, 2])]
    assert copy_sets(groups, [], passages, spans) == {"R1": [[0, 1]]}
    assert copy_sets(groups, [[2, 1]], passages, spans) == {"R1": [[0, 1, 2]]}
    assert copy_sets(groups, [], passages.head(0), spans) == {}


def test_a_repost_does_not_inflate_the_repeated_claims(tmp_path, monkeypatch, harbor_findings):
    """harbor plus e_copy.txt, a copy of b_daily.txt under a new name: every claim the copy
    repeats counts b_daily and it once, as many claims are made by independent sources as
    without it, and the report says how many are repeated only by copies."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "harbor-repost"
    shutil.copytree(HARBOR, corpus)
    shutil.copy(HARBOR / "b_daily.txt", corpus / "e_copy.txt")
    findings = compare.run(corpus, out=tmp_path / "out", jobs=1)
    ids = dict(zip(findings.documents["path"].to_list(), findings.documents["doc_id"].to_list(), strict=True))
    pair = {ids["b_daily.txt"], ids["e_copy.txt"]}
    data = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    with_copy = [g for g in data["repeated"] if ids["e_copy.txt"] in g["docs"]]
    assert with_copy
    for g in with_copy:
        assert any(pair <= set(c) for c in g["copies"]), g
        assert g["independent_docs"] == len(g["docs"]) - sum(len(c) - 1 for c in g["copies"])

    def independent(groups: list[dict]) -> int:
        return sum(1 for g in groups if g["independent_docs"] > 1)

    assert independent(data["repeated"]) == independent(harbor_findings.repeated)
    copied = len(data["repeated"]) - independent(data["repeated"])
    assert copied > sum(1 for g in harbor_findings.repeated if g["independent_docs"] < 2)
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    summary = f"{independent(data['repeated'])} made by two or more independent sources, plus {copied} repeated only"
    assert summary in text
    assert f"<details><summary>{copied} claims repeated only by copies of one text</summary>" in text
    order = [(-g["independent_docs"], -len(g["docs"])) for g in data["repeated"]]
    assert order == sorted(order)


def test_copy_sets_of_groups_joined_by_clusters_alone():
    """With no copied passage, a group's copies are its documents of one near-duplicate
    cluster (two or more of them), each set sorted, sets by first member; a group with at most
    one document per cluster has none."""
    spans = {f"{d}:1": (d, 0, 10) for d in range(6)}
    groups = [("R1", ["5:1", "0:1", "3:1", "2:1", "4:1"], [5, 0, 3, 2, 4]), ("R2", ["0:1", "1:1"], [0, 1])]
    clusters = [[5, 2, 9], [4, 0]]
    found = copy_sets(groups, clusters, pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64}), spans)
    assert found == {"R1": [[0, 4], [2, 5]]}
