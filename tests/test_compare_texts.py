"""``compare.compare_texts``: texts given in Python (a mapping or a polars frame) give the
same findings as files of those names in a folder; bad input is a one-line CompareError."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import compare
from compare import frames
from compare.documents.ingest import documents_from_texts, ingest
from compare.settings import Settings

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


def _harbor_texts() -> dict[str, str]:
    """Name -> text of every .txt file of the harbor-fire corpus, decoded as ingest does (UTF-8)."""
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(HARBOR.glob("*.txt"))}


def _texts_run(texts: Any, tmp_path: Path, **kwargs: Any) -> compare.Findings:
    """``compare_texts`` from a clean working folder (no config file of the caller's folder)."""
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    with contextlib.chdir(cwd):
        return compare.compare_texts(texts, jobs=1, **kwargs)


def test_a_mapping_gives_the_findings_of_the_folder(harbor_findings: compare.Findings, tmp_path: Path) -> None:
    # everything is equal, settings (and where they came from) included: both runs have the
    # defaults, the names are the files' relative paths and the texts their decoded bytes
    texts = _texts_run(_harbor_texts(), tmp_path)
    assert texts.to_dict() == harbor_findings.to_dict()
    assert texts.documents.equals(harbor_findings.documents)


def test_a_frame_gives_the_findings_of_the_folder(harbor_findings: compare.Findings, tmp_path: Path) -> None:
    named = _harbor_texts()
    frame = pl.DataFrame(
        {"id": list(named)[::-1], "text": list(named.values())[::-1], "source": ["x"] * len(named)}
    )  # out of order, with a column that is not read: ids follow the names, as for files
    assert _texts_run(frame, tmp_path).to_dict() == harbor_findings.to_dict()


def test_the_documents_frame_is_the_one_ingest_makes(write_tree: Any) -> None:
    files = {"b.txt": "Line one.\r\nLine two.\r\n", "a/z.txt": "Caf\u00e9 \u20ac5.\n", "a.txt": "Plain."}
    root = write_tree(files)
    from_files, _ = ingest(root, Settings())
    from_texts, skipped = documents_from_texts(files)
    assert from_texts.equals(from_files)  # sha256 and bytes of the UTF-8 bytes, "\r\n" kept
    assert skipped.equals(frames.empty(frames.SKIPPED))


def test_empty_texts_are_skipped_with_a_reason(tmp_path: Path) -> None:
    docs, skipped = documents_from_texts({"a.txt": "It rained.", "b.txt": " \r\n\t", "c.txt": ""})
    assert docs["path"].to_list() == ["a.txt"]
    assert skipped.rows() == [("b.txt", "empty text"), ("c.txt", "empty text")]
    docs, skipped = documents_from_texts({"a.txt": "It rained.", "b.txt": "x" * 11}, max_bytes=10)
    assert skipped.rows() == [("b.txt", "larger than max_bytes (11 > 10)")]


@pytest.mark.parametrize(
    ("texts", "error", "message"),
    [
        ({}, compare.InputError, "no texts given"),
        (pl.DataFrame({"id": [], "text": []}, schema={"id": pl.String, "text": pl.String}), compare.InputError, ""),
        ({"a.txt": "", "b.txt": "  \n"}, compare.InputError, "a.txt: empty text"),
        ({"a.txt": "It rained.", "b.txt": 3}, compare.UsageError, "must be a str, not int"),
        ({"a.txt": "It rained.", "b.txt": None}, compare.UsageError, "must be a str, not NoneType"),
        ({"a.txt": "It rained.", 2: "It did not."}, compare.UsageError, "must be str, not int"),
        (pl.DataFrame({"id": ["a", "b", "a"], "text": ["x", "y", "z"]}), compare.UsageError, "'a'"),
        (pl.DataFrame({"id": [1, 2], "text": ["x", "y"]}), compare.UsageError, "must be str, not int"),
        (pl.DataFrame({"name": ["a"], "text": ["x"]}), compare.UsageError, "no id"),
        (["It rained."], compare.UsageError, "not list"),
        ({"/etc/a.txt": "It rained."}, compare.UsageError, "'/etc/a.txt'"),
        ({"../a.txt": "It rained."}, compare.UsageError, "'../a.txt'"),
        ({"a/../../b.txt": "It rained."}, compare.UsageError, "not a relative file path"),
        ({"a//b.txt": "It rained."}, compare.UsageError, "not a relative file path"),
        ({"": "It rained."}, compare.UsageError, "not a relative file path"),
        ({"a\\b.txt": "It rained."}, compare.UsageError, "not a relative file path"),
        ({"a\x00.txt": "It rained."}, compare.UsageError, "not a relative file path"),
        ({"a\n.txt": "It rained.", "b": "x\ud800"}, compare.UsageError, "lone surrogate"),
    ],
)
def test_bad_input_is_a_one_line_error(texts: Any, error: type[Exception], message: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(error) as caught:
        _texts_run(texts, tmp_path, out=out)
    assert isinstance(caught.value, compare.CompareError)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not out.exists(), "nothing is written when the input is bad"


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(compare.UsageError, match="unknown format"):
        _texts_run({"a.txt": "It rained."}, tmp_path, format="pdf")
    with pytest.raises(compare.UsageError, match="unknown setting"):
        _texts_run({"a.txt": "It rained."}, tmp_path, no_such_setting=1)


def test_outputs_name_sources_without_links(harbor_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _texts_run(_harbor_texts(), tmp_path, out=out, format="html")
    assert {p.name for p in out.iterdir()} >= {"report.md", "findings.json", "report.html"}
    # findings.json is the folder run's, byte for byte; report.md differs only where it names
    # the folder: its scope line, and each citation is a plain name:line, not a link
    assert (out / "findings.json").read_bytes() == (harbor_out / "findings.json").read_bytes()
    base = Path(os.path.relpath(HARBOR.resolve(), harbor_out.resolve())).as_posix()
    folder_report = (harbor_out / "report.md").read_text(encoding="utf-8")
    unlinked = re.sub(r"\[([^\]]+)\]\(" + re.escape(base) + r"/[^)]*\)", r"\1", folder_report)
    assert unlinked != folder_report
    expected = unlinked.replace(f"from `{HARBOR.name}/`", "given as texts", 1)
    # and its title, taken from the folder's name: texts have none
    titled = "# Harbor fire\n\nWhat 4 sources say: compared"
    expected = expected.replace(titled, "# What 4 sources say about one subject\n\nCompared", 1)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report == expected
    assert "given as texts" in report and f"]({base}" not in report


def test_a_skipped_text_is_in_the_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    named = _harbor_texts() | {"e_empty.txt": "\n"}
    findings = _texts_run(named, tmp_path, out=out)
    assert findings.skipped.rows() == [("e_empty.txt", "empty text")]
    assert "| `e_empty.txt` | empty text |" in (out / "report.md").read_text(encoding="utf-8")


def test_a_fact_counts_a_copied_text_once(tmp_path: Path) -> None:
    """A figure two sources give in one copied passage is one independent source's: the fact
    says 3 sources, 2 independent, and the report's facts table says so."""
    passage = (
        "The new harbour bridge opened to traffic on Monday morning after four years of work. "
        "The bridge cost $40 million to build, the city council said in a statement on Monday. "
        "Engineers said the span was designed to withstand storms far stronger than any on record."
    )
    texts = {
        "a.txt": "Harbour news. " + passage + " Local shops expect more visitors this summer.",
        "b.txt": "Repost from the wire. " + passage + " Parking near the bridge remains limited for now.",
        "c.txt": "Officials said the bridge cost $40 million. Drivers welcomed the shorter route to the port.",
    }
    findings = _texts_run(texts, tmp_path, out=tmp_path / "out")
    (cost,) = [f for f in findings.fact_list if f["attribute"].startswith("cost")]
    assert (cost["sources"], cost["independent_sources"]) == (3, 2)
    assert "| 3 (2 independent) |" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_the_summary_says_when_no_fact_is_shared(tmp_path: Path) -> None:
    """With no figure stated by two sources the summary says so in words, not "0 figures ... 0 with"."""
    texts = {"a.txt": "The council approved the bridge plan after a long debate.",
             "b.txt": "Residents welcomed the decision on the bridge."}  # fmt: skip
    _texts_run(texts, tmp_path, out=tmp_path / "out")
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "- **[Facts](#facts):** no figure, date or time is stated by two or more sources." in report
