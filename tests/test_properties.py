"""Properties the findings must keep whatever the input looks like (hypothesis, and metamorphic runs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compare
from compare import frames
from compare.statements.segment import segment
from compare.text.normalize import collapse, normalize, normalize_text

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"

_PIECES = [
    "The fire was reported at 9:40 p.m. by a guard.",
    "Twelve people were treated at St. Brendan\u2019s Hospital.",
    "\u201cWe lost everything,\u201d said the owner\u2014a local man.",
    "The U.S. embassy issued a statement on Tuesday.",
    "Investigators have not yet determined the cause",
    "Advertisement",
    "Key Facts",
    "\ufb01re crews arrived \u2026 then left.",
    "Caf\u00e9 owners were told to close.",
]
_SEPARATORS = [" ", "  ", "\n", "\r\n", "\n\n", "\r", "\t", "\u00a0"]


@st.composite
def documents_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12))
    seps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents_text())
def test_statement_offsets_slice_the_source_to_the_statement(text):
    """Every statement's [start, end) slices the decoded source to text that normalizes to it."""
    docs = pl.DataFrame(
        [{"doc_id": 0, "path": "a.txt", "sha256": "", "encoding": "utf-8", "text": text, "bytes": len(text)}],
        schema=frames.DOCUMENTS,
    )
    for start, end, line, sentence in segment(normalize(docs)).select("start", "end", "line", "text").iter_rows():
        assert collapse(normalize_text(text[start:end])[0]) == sentence
        assert 1 <= line <= text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def _findings_by_path(out: Path) -> dict:
    """The findings with document ids replaced by paths, for comparing runs whose ids differ."""
    f = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    path = {d["id"]: d["path"].split("/")[-1].split("-", 1)[-1] for d in f["documents"]}
    stmt = {s["id"]: (path[s["doc"]], s["line"], s["text"]) for s in f["statements"]}
    return {
        "pairs": {
            (frozenset((path[p["a"]], path[p["b"]])), round(p["jaccard"], 6), p["near_duplicate"]) for p in f["pairs"]
        },
        "conflicts": {(frozenset((stmt[c["a"]], stmt[c["b"]])), c["kind"]) for c in f["conflicts"]},
        "repeated": {frozenset(stmt[s] for s in g["statements"]) for g in f["repeated"]},
        "unique": {stmt[s] for s in f["unique"]},
    }


def test_folder_name_and_file_order_do_not_change_the_findings(tmp_path, monkeypatch):
    """Renaming the folder and reordering the files (by renaming them) changes only paths and ids."""
    monkeypatch.chdir(tmp_path)
    first = tmp_path / "one"
    shutil.copytree(HARBOR, first, ignore=shutil.ignore_patterns("*.json"))
    second = tmp_path / "another-name"
    second.mkdir()
    for i, p in enumerate(sorted(first.iterdir(), reverse=True)):  # reversed order: z-, y-, ... prefixes
        shutil.copy(p, second / f"{'zyxw'[i]}-{p.name}")
    compare.run(first, out=tmp_path / "out1")
    compare.run(second, out=tmp_path / "out2")
    a = _findings_by_path(tmp_path / "out1")
    b = _findings_by_path(tmp_path / "out2")
    assert a == b


def test_an_unrelated_document_never_removes_a_conflict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json"))
    compare.run(src, out=tmp_path / "before")
    (src / "e_unrelated.txt").write_text(
        "The city council approved a new library budget on Monday.\n\n"
        "The library will open in 2027 with a children's wing and a cafe.\n",
        encoding="utf-8",
    )
    compare.run(src, out=tmp_path / "after")
    before = _findings_by_path(tmp_path / "before")["conflicts"]
    after = _findings_by_path(tmp_path / "after")["conflicts"]
    assert before and before <= after


_VALUE_WORDS = (
    "half a an quarter of three quarters million thousand pounds per each week year ago the first second 1/2 24/7 "
    "$5 £10.2m 640 homes across ( ) , ; : death toll rose to number has risen from boosted 2600mAh M8 ' s LED "
    "IP68 Malia 10 Barack 47 epa05024691 In January 2004 weighs 180 lbs 5.57 ounces 12.41 am p . m - at least"
).split()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_VALUE_WORDS), min_size=1, max_size=18))
def test_the_value_readers_take_any_sentence(words):
    """Quantities, values and fact mentions read any string of value-like words without an error:
    "Weight: 5.57" (a decimal ending the sentence) raised an IndexError in the clock reader."""
    from compare.statements.facts import statement_mentions
    from compare.statements.values import extract
    from compare.text.quantities import quantities

    text = " ".join(words)
    found = quantities(text)
    assert all(0 <= q.start <= q.end <= len(text) for q in found)
    extract(text)
    assert all(row["stmt_id"] == "0:1" for row in statement_mentions("0:1", 0, text))
    assert [q.low for q in quantities("Weight: 5.57")] == [5.57]
