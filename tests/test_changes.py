"""'What changed since the last report', computed against the findings.json in the output folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import compare

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


def _section(report: str) -> str:
    if "## What changed since the last report" not in report:
        return ""
    return report.split("## What changed since the last report", 1)[1].split("\n## ", 1)[0]


def test_rerun_on_the_same_input_has_no_changes_and_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json"))
    compare.run(src, out=tmp_path / "out")
    first = (tmp_path / "out" / "report.md").read_bytes()
    compare.run(src, out=tmp_path / "out")
    assert (tmp_path / "out" / "report.md").read_bytes() == first
    assert _section(first.decode()) == ""


def test_a_new_document_and_its_conflicts_are_listed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json", "c_blog.txt"))
    compare.run(src, out=tmp_path / "out")
    shutil.copy(HARBOR / "c_blog.txt", src / "c_blog.txt")
    (src / "b_daily.txt").write_text((HARBOR / "b_daily.txt").read_text() + "\nA late update.\n")
    compare.run(src, out=tmp_path / "out")
    section = _section((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert "**New documents:** `c_blog.txt`" in section
    assert "**Changed documents:** `b_daily.txt`" in section
    assert "March 4 vs c\\_blog.txt: March 5" in section
    assert "New conflict** (ordinal): b\\_daily.txt: third major fire vs c\\_blog.txt: first big fire" in section
    (src / "c_blog.txt").unlink()
    compare.run(src, out=tmp_path / "out")
    section = _section((tmp_path / "out" / "report.md").read_text(encoding="utf-8"))
    assert "**Removed documents:** `c_blog.txt`" in section and "No longer in conflict" in section


def test_an_unreadable_previous_findings_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.json").write_text('{"schema_version": "1.0", "documents": [{"broken": true}]', encoding="utf-8")
    compare.run(HARBOR, out=out)
    assert _section((out / "report.md").read_text(encoding="utf-8")) == ""
    (out / "findings.json").write_text('{"schema_version": "0.1", "documents": []}', encoding="utf-8")
    compare.run(HARBOR, out=out)
    assert _section((out / "report.md").read_text(encoding="utf-8")) == ""


def test_the_previous_findings_are_read_in_part_with_the_values_of_a_whole_read(tmp_path, monkeypatch):
    """load_previous reads only the sections it needs of a findings.json as the job writes it
    (the statements the conflicts name, not the other thousands): the same values as parsing the
    whole file; a file laid out otherwise (re-indented by another tool) is read whole."""
    import json

    from compare.findings.changes import _read_sections, load_previous

    monkeypatch.chdir(tmp_path)
    compare.run(HARBOR, out=tmp_path / "out")
    raw = (tmp_path / "out" / "findings.json").read_bytes()
    whole = json.loads(raw)
    part = _read_sections(raw)
    assert part is not None
    for key in ("schema_version", "documents", "pairs", "conflicts"):
        assert part[key] == whole[key], key
    named = {c[side] for c in whole["conflicts"] for side in ("a", "b")}
    assert len(named) >= 4
    assert sorted(s["id"] for s in part["statements"]) == sorted(named)
    assert all(s in whole["statements"] for s in part["statements"])
    (tmp_path / "out" / "findings.json").write_text(json.dumps(whole, indent=2), encoding="utf-8")
    assert _read_sections((tmp_path / "out" / "findings.json").read_bytes()) is None
    again = load_previous(tmp_path / "out")
    assert again is not None and again["conflicts"] == whole["conflicts"]


def test_a_previous_findings_file_of_an_earlier_minor_version_is_read(tmp_path, monkeypatch):
    """The sections "what changed" reads are the same in every 1.x findings.json: a file of
    1.0 (before facts had independent_sources) is compared with, one of 0.x or 2.x is not."""
    from compare.findings.changes import load_previous

    monkeypatch.chdir(tmp_path)
    compare.run(HARBOR, out=tmp_path / "out")
    path = tmp_path / "out" / "findings.json"
    raw = path.read_text(encoding="utf-8")
    for version, read in (("1.0", True), ("0.9", False), ("2.0", False)):
        path.write_text(re.sub(r'"schema_version": ?"[^"]*"', f'"schema_version":"{version}"', raw, count=1), "utf-8")
        assert (load_previous(tmp_path / "out") is not None) == read, version
