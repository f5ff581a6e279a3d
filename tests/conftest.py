"""Shared fixtures: the harbor-fire corpus, one run of the job on it, and small helpers.

The harbor run happens once per session (it is the slowest thing the suite does) and
in a scratch working directory, so no ``pyproject.toml`` or ``compare.toml`` of the
folder pytest was started from leaks into its settings.
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest

import compare
from compare import frames
from compare.statements.segment import segment
from compare.text.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures"
HARBOR = FIXTURES / "harbor-fire"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def canon(text: str) -> str:
    """Scorer normalization: NFKC, straight quotes, collapsed whitespace, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split()).casefold()


def documents_frame(texts: list[str], paths: list[str] | None = None) -> pl.DataFrame:
    """A documents frame (see compare.frames.DOCUMENTS) built straight from strings."""
    paths = paths or [f"doc{i}.txt" for i in range(len(texts))]
    return pl.DataFrame(
        {
            "doc_id": list(range(len(texts))),
            "path": paths,
            "sha256": ["0" * 64] * len(texts),
            "encoding": ["utf-8"] * len(texts),
            "text": texts,
            "bytes": [len(t.encode()) for t in texts],
        },
        schema=frames.DOCUMENTS,
    )


def statements_of(texts: list[str]) -> pl.DataFrame:
    """Normalize and segment ``texts``; the statements frame."""
    return segment(normalize(documents_frame(texts)))


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    """The labels of the harbor-fire corpus."""
    return json.loads((HARBOR / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def harbor_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder holding report.md and findings.json of one harbor run."""
    return tmp_path_factory.mktemp("harbor-out")


@pytest.fixture(scope="session")
def harbor_findings(tmp_path_factory: pytest.TempPathFactory, harbor_out: Path) -> compare.Findings:
    """Findings of ``compare.run`` on the harbor-fire corpus with default settings."""
    with contextlib.chdir(tmp_path_factory.mktemp("cwd")):
        return compare.run(HARBOR, out=harbor_out)


@pytest.fixture(scope="session")
def harbor_doc_ids(harbor_findings: compare.Findings) -> dict[str, int]:
    """File name -> document id in the harbor run."""
    docs = harbor_findings.documents
    return dict(zip(docs["path"].to_list(), docs["doc_id"].to_list(), strict=True))


def matching_statements(findings: compare.Findings, file_name: str, substring: str) -> list[str]:
    """Ids of the statements of ``file_name`` whose text contains ``substring`` (scorer rules)."""
    doc_ids = findings.documents.filter(pl.col("path") == file_name)["doc_id"].to_list()
    assert doc_ids, f"no document {file_name}"
    needle = canon(substring)
    rows = findings.statements.filter(pl.col("doc_id") == doc_ids[0]).select("stmt_id", "text").iter_rows()
    return [sid for sid, text in rows if needle in canon(text)]


@pytest.fixture(scope="session")
def find_stmt(harbor_findings: compare.Findings) -> Callable[[str, str], str]:
    """``find_stmt(file_name, substring)``: the one harbor statement holding the substring."""

    def find(file_name: str, substring: str) -> str:
        found = matching_statements(harbor_findings, file_name, substring)
        assert len(found) == 1, f"{file_name}: {substring!r} matches {found}"
        return found[0]

    return find


@pytest.fixture(scope="session")
def harbor_groups(harbor_findings: compare.Findings) -> dict[str, str]:
    """Statement id -> repeated group id in the harbor run."""
    return {sid: g["id"] for g in harbor_findings.repeated for sid in g["statements"]}


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[[dict[str, bytes | str]], Path]:
    """``write_tree({"a/b.txt": "text", ...})`` creates files under a fresh folder and returns it."""

    def write(files: dict[str, bytes | str], root: str = "input") -> Path:
        base = tmp_path / root
        base.mkdir(parents=True, exist_ok=True)
        for rel, content in files.items():
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_bytes(content.encode("utf-8"))
            else:
                path.write_bytes(content)
        return base

    return write


@pytest.fixture
def helpers() -> SimpleNamespace:
    """Plain helper functions for tests that build frames from strings."""
    return SimpleNamespace(canon=canon, documents_frame=documents_frame, statements_of=statements_of)
