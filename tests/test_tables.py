"""Inputs as tables: a JSON Lines or Parquet table of a folder's texts, named by file name,
gives the folder's findings; a bad table stops the run with one line and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from compare import cli
from compare.documents.ingest import ingest
from compare.documents.tables import input_format, read_table
from compare.errors import UsageError
from compare.settings import Settings

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


def _rows() -> list[dict[str, str]]:
    """Harbor-fire's texts as table rows, in reverse name order (the order must not matter)."""
    return [
        {"id": p.name, "text": p.read_text(encoding="utf-8"), "outlet": p.stem}
        for p in sorted(HARBOR.glob("*.txt"), reverse=True)
    ]


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    """``rows`` written as JSON Lines to ``path``."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_tables_give_the_folders_documents(tmp_path: Path) -> None:
    folder, _ = ingest(HARBOR, Settings())
    lines = _jsonl(tmp_path / "t.jsonl", _rows())
    parquet = tmp_path / "t.parquet"
    pl.DataFrame(_rows()).write_parquet(parquet)
    for path, fmt in ((lines, "jsonl"), (parquet, "parquet")):
        assert input_format(path) == fmt
        documents, skipped = read_table(path, fmt)
        assert documents.equals(folder) and skipped.height == 0


def test_a_json_lines_table_and_the_folder_write_the_same_findings(tmp_path: Path) -> None:
    table = _jsonl(tmp_path / "harbor.jsonl", _rows())
    for source, out in ((table, "t"), (HARBOR, "f")):
        code = cli.main(["run", str(source), "--out", str(tmp_path / out), "--no-cache", "-q", "-j", "1"])
        assert code == 0
    read = [json.loads((tmp_path / o / "findings.json").read_text(encoding="utf-8")) for o in ("t", "f")]
    assert read[0] == read[1] and read[0]["documents"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"name": "a.txt", "text": "It rained."}], "needs id and text columns"),
        ([{"id": "a.txt", "text": "It rained."}, {"id": "a.txt", "text": "It snowed."}], "given more than once"),
        ([{"id": "a.txt", "text": 3}], "column text"),
        ([{"id": "../a.txt", "text": "It rained."}], "a.txt"),
    ],
)
def test_a_bad_table_stops_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[dict[str, object]], message: str
) -> None:
    out = tmp_path / "out"
    code = cli.main(["run", str(_jsonl(tmp_path / "t.jsonl", rows)), "--out", str(out), "--no-cache", "-q"])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and message in err


def test_an_unreadable_table_and_an_unknown_file_stop_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "t.jsonl"
    broken.write_text('{"id": "a.txt", "text": \n', encoding="utf-8")
    other = tmp_path / "t.csv"
    other.write_text("id,text\n", encoding="utf-8")
    for path in (broken, other):
        code = cli.main(["run", str(path), "--out", str(tmp_path / "out"), "--no-cache", "-q"])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and str(path) in err
    with pytest.raises(UsageError, match="unknown input format"):
        input_format(broken, "csv")
