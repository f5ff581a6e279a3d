"""``--export csv|parquet``: four tables next to report.md, read back and checked against
findings.json; the same bytes in any process; tables of an earlier run do not linger."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import compare
from compare.cli import main
from compare.report.export import COLUMNS

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
NAMES = ("conflicts", "repeated", "unique", "pairs")


def _cli(out: Path, hash_seed: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """The CLI on harbor-fire in a fresh process with ``PYTHONHASHSEED=hash_seed``."""
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    return subprocess.run(
        [sys.executable, "-m", "compare", "run", str(HARBOR), "--out", str(out), "-q", "--no-cache", *extra],
        capture_output=True, text=True, timeout=300, env=env, cwd=out.parent,
    )  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two runs in two processes under two hash seeds, both formats exported."""
    base = tmp_path_factory.mktemp("export")
    procs = [_cli(base / f"out{seed}", seed, "--export", "csv", "--export", "parquet") for seed in ("0", "7")]
    for proc in procs:
        assert proc.returncode == 0, proc.stderr
    return base / "out0", base / "out7"


def test_tables_have_the_documented_columns_and_both_formats_agree(exported: tuple[Path, Path]) -> None:
    out = exported[0]
    for name in NAMES:
        parquet = pl.read_parquet(out / f"{name}.parquet")
        assert dict(parquet.schema) == COLUMNS[name], name
        csv = pl.read_csv(out / f"{name}.csv", schema=COLUMNS[name])
        assert csv.equals(parquet), name


def test_tables_hold_what_findings_json_holds(exported: tuple[Path, Path]) -> None:
    out = exported[0]
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    statements = {s["id"]: s for s in data["statements"]}
    paths = {d["id"]: d["path"] for d in data["documents"]}

    def cited(sid: str) -> tuple[str, int, str]:
        s = statements[sid]
        return paths[s["doc"]], s["line"], s["text"]

    conflicts = pl.read_parquet(out / "conflicts.parquet")
    assert conflicts.height == len(data["conflicts"]) > 0
    for row, c in zip(conflicts.iter_rows(named=True), data["conflicts"], strict=True):
        keys = ("id", "kind", "certain", "a_value", "b_value", "explanation")
        assert [row[k] for k in keys] == [c[k] for k in keys]
        assert (row["a_path"], row["a_line"], row["a_text"]) == cited(c["a"])
        assert (row["b_path"], row["b_line"], row["b_text"]) == cited(c["b"])
    repeated = pl.read_parquet(out / "repeated.parquet")
    assert repeated.get_column("stmt_id").to_list() == [sid for g in data["repeated"] for sid in g["statements"]]
    assert repeated.filter(pl.col("representative")).get_column("group").to_list() == [
        g["id"] for g in data["repeated"]
    ]
    for row in repeated.iter_rows(named=True):
        assert (row["path"], row["line"], row["text"]) == cited(row["stmt_id"])
    unique = pl.read_parquet(out / "unique.parquet")
    assert unique.get_column("stmt_id").to_list() == data["unique"]
    assert [cited(s) for s in data["unique"]] == list(unique.select("path", "line", "text").iter_rows())
    pairs = pl.read_parquet(out / "pairs.parquet")
    assert [(paths[p["a"]], paths[p["b"]], p["jaccard"], p["near_duplicate"]) for p in data["pairs"]] == list(
        pairs.select("a_path", "b_path", "jaccard", "near_duplicate").iter_rows()
    )


def test_the_same_bytes_in_another_process_and_hash_seed(exported: tuple[Path, Path]) -> None:
    a, b = exported
    for name in NAMES:
        for fmt in ("csv", "parquet"):
            assert (a / f"{name}.{fmt}").read_bytes() == (b / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt}"


def test_tables_of_an_earlier_run_are_removed_with_one_warning(tmp_path: Path, caplog) -> None:
    compare.run(HARBOR, tmp_path / "out", export="csv")
    assert sorted(p.name for p in (tmp_path / "out").glob("*.csv")) == sorted(f"{n}.csv" for n in NAMES)
    caplog.clear()
    compare.run(HARBOR, tmp_path / "out", export=["parquet"])
    assert not list((tmp_path / "out").glob("*.csv")) and len(list((tmp_path / "out").glob("*.parquet"))) == 4
    warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warned) == 1 and "conflicts.csv" in warned[0] and "--export" in warned[0]


def test_texts_given_in_python_export_too(tmp_path: Path) -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(HARBOR.glob("*.txt"))}
    compare.compare_texts(texts, tmp_path / "texts", export="csv")
    compare.run(HARBOR, tmp_path / "folder", export="csv")
    for name in NAMES:
        assert (tmp_path / "texts" / f"{name}.csv").read_bytes() == (tmp_path / "folder" / f"{name}.csv").read_bytes()


def test_an_unknown_format_is_a_usage_error(tmp_path: Path, capsys) -> None:
    with pytest.raises(compare.UsageError, match="unknown export format 'xlsx'"):
        compare.run(HARBOR, tmp_path / "out", export="xlsx")
    with pytest.raises(SystemExit) as exc:
        main(["run", str(HARBOR), "--out", str(tmp_path / "out"), "--export", "xlsx"])
    assert exc.value.code == 2 and "invalid choice: 'xlsx'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_writer_returns_every_file_it_wrote_in_order(harbor_findings, tmp_path: Path) -> None:
    """``write_outputs`` names what it wrote: the pictures, the tables, findings.json, the page and
    report.md, in the order they replace the old ones, and nothing else is in the folder."""
    from compare.report.output import write_outputs

    written = write_outputs(harbor_findings, None, tmp_path, html=True, exports=("csv",))
    names = [p.name for p in written]
    assert names == ["coverage.svg", "similarity.svg", *[f"{t}.csv" for t in COLUMNS], "findings.json",
                     "report.html", "report.md"]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
