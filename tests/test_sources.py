"""The folder's own word on its documents: sources.csv / sources.json (outlet, url, date) and
front-matter dates, read as users write them, and shown where a reader looks for them."""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path

import polars as pl
import pytest
from jsonschema import Draft202012Validator

import compare
from compare import frames
from compare.documents.sources import document_about, document_dates, read_sources
from compare.errors import UsageError
from compare.findings.model import schema


def _documents(*paths: str) -> pl.DataFrame:
    """A documents frame of the given paths (the columns the sources functions read)."""
    return pl.DataFrame({"doc_id": list(range(len(paths))), "path": list(paths), "text": ["A text."] * len(paths)})


def test_columns_are_read_in_any_case_and_by_their_usual_other_names(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text("File,Source,Link,Published At\na.txt,Wire,https://x/a,2026-01-02\n", "utf-8")
    assert read_sources(tmp_path) == {"a.txt": {"outlet": "Wire", "url": "https://x/a", "date": "2026-01-02"}}


def test_the_json_form_gives_the_same(tmp_path: Path) -> None:
    rows = [{"path": "a.txt", "outlet": "Wire", "date": "2026-01-02"}]
    (tmp_path / "sources.json").write_text(json.dumps(rows), "utf-8")
    assert read_sources(tmp_path) == {"a.txt": {"outlet": "Wire", "url": "", "date": "2026-01-02"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [("outlet,date\nWire,2026-01-02\n", "every entry needs a 'path'"), ("path,date\na.txt,02/01/2026\n", "YYYY-MM-DD")],
)
def test_a_malformed_sources_file_is_a_user_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "sources.csv").write_text(text, "utf-8")
    with pytest.raises(UsageError, match=message):
        read_sources(tmp_path)


def test_entries_naming_no_document_are_said_once(caplog: pytest.LogCaptureFixture) -> None:
    sources = {"a.txt": {"date": "2026-01-02"}, "c.txt": {"date": "2026-01-03"}}
    with caplog.at_level(logging.WARNING):
        dates = document_dates(_documents("a.txt", "b.txt"), sources)
    assert dates == {0: "2026-01-02"}
    assert [r.getMessage() for r in caplog.records] == [
        "the sources file names 1 file(s) not among the documents: c.txt"
    ]


def test_a_front_matter_date_is_the_document_s_when_the_sources_file_gives_none() -> None:
    documents = pl.DataFrame({"doc_id": [0], "path": ["a.txt"], "text": ["---\ndate: 2026-05-01\n---\nA text."]})
    dates = document_dates(documents, {})
    assert dates == {0: "2026-05-01"}
    assert document_about(documents, {}, dates) == {0: {"date": "2026-05-01"}}


def test_outlets_urls_and_dates_reach_findings_and_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("A fire killed 12 people on Monday.\n", "utf-8")
    (folder / "b.txt").write_text("A fire killed 14 people on Monday.\n", "utf-8")
    sources = "path,outlet,url,date\na.txt,Wire,https://example.com/a b,2026-01-02\n"
    (folder / "sources.csv").write_text(sources, "utf-8")
    with contextlib.chdir(tmp_path):
        compare.run(folder, out=tmp_path / "out")
    documents = json.loads((tmp_path / "out" / "findings.json").read_text("utf-8"))["documents"]
    assert {k: documents[0][k] for k in ("outlet", "url", "date")} == {
        "outlet": "Wire", "url": "https://example.com/a b", "date": "2026-01-02",
    }  # fmt: skip
    assert "outlet" not in documents[1]
    Draft202012Validator(schema()).validate(json.loads((tmp_path / "out" / "findings.json").read_text("utf-8")))
    report = (tmp_path / "out" / "report.md").read_text("utf-8")
    assert "| # | File | Outlet | Date | Words |" in report
    assert "[Wire](<https://example.com/a%20b>) | 2026-01-02 |" in report
    assert "| `a.txt` (Wire) |" in report  # the summary's table of sources names the outlet too
    assert "`a.txt` (Wire) says **12**" in report  # and so do the summary's conflicts


def test_no_sources_file_no_outlet_column(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, n in (("a.txt", 12), ("b.txt", 14)):
        (folder / name).write_text(f"A fire killed {n} people on Monday.\n", "utf-8")
    with contextlib.chdir(tmp_path):
        compare.run(folder, out=tmp_path / "out")
    assert "| # | File | Words |" in (tmp_path / "out" / "report.md").read_text("utf-8")


def test_dates_come_from_the_sources_file_or_front_matter_only() -> None:
    """A date is the sources file's (cut to the day) or, for a document it does not date, its front
    matter's; a date in a text that opens no front matter dates nothing."""
    texts = {
        "a.txt": "---\ntitle: x\ndate: 2024-03-05\n---\nBody.",
        "b.txt": "No front matter. date: 2020-01-01",
        "c.txt": "Plain.",
        "d.txt": "---\ndate: 2024-03-06\n---\nDated twice.",
    }
    docs = pl.DataFrame(
        [{"doc_id": i, "path": p, "sha256": "", "encoding": "utf-8", "text": t, "bytes": 1}
         for i, (p, t) in enumerate(texts.items())],
        schema=frames.DOCUMENTS,
    )  # fmt: skip
    assert document_dates(docs, {}) == {0: "2024-03-05", 3: "2024-03-06"}
    sources = {"c.txt": {"date": "2023-02-02T10:00"}, "d.txt": {"date": "2022-01-01"}}
    assert document_dates(docs, sources) == {0: "2024-03-05", 2: "2023-02-02", 3: "2022-01-01"}
