"""The baseline of accepted findings (``--write-baseline``, ``--baseline``) and GitHub annotations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare.cli import main as cli_main
from compare.findings.baseline import (
    baseline_entries,
    dumps_baseline,
    escape_data,
    escape_property,
    github_annotations,
    new_conflicts,
    new_near_duplicates,
)

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
FIRST = ("a_wire.txt", "b_daily.txt", "d_repost.txt")
"""The files of the first run; c_blog.txt, added later, brings nine new certain conflicts."""
ROOT = Path(__file__).resolve().parents[1]


def main(*args: str | Path) -> int:
    """The CLI in-process, one process for the per-document stages, no cache; argparse exits become codes."""
    try:
        return cli_main([str(a) for a in args] + ["-j", "1", "--no-cache"])
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding ``in/`` with the first three harbor files; no GitHub Actions."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "in").mkdir()
    for name in FIRST:
        shutil.copy(HARBOR / name, tmp_path / "in" / name)
    return tmp_path


def test_gate_fails_only_on_conflicts_added_after_the_baseline(work, capsys):
    assert main("run", "in", "--out", "out", "--write-baseline") == 0
    assert "compare-baseline.json: 2 conflicts and 1 near-duplicate pair accepted" in capsys.readouterr().err
    assert (work / "compare-baseline.json").is_file()

    # the same folder: the baseline in the working directory is read by default
    assert main("run", "in", "--out", "out", "--fail-on", "conflict", "--fail-on", "near-duplicate") == 0
    err = capsys.readouterr().err
    assert "accepted by the baseline compare-baseline.json: 2 of 2 conflicts, 1 of 1 near-duplicate pair" in err
    assert "fail-on condition met" not in err

    # without the baseline the same findings fail
    assert main("run", "in", "--out", "out", "--fail-on", "conflict", "--no-baseline") == 1
    assert "fail-on condition met: conflict (2 found)" in capsys.readouterr().err

    # a new article with new conflicts; the document ids of d_repost.txt shift, its conflicts stay accepted
    shutil.copy(HARBOR / "c_blog.txt", work / "in" / "c_blog.txt")
    assert main("run", "in", "--out", "out", "--fail-on", "conflict") == 1
    err = capsys.readouterr().err
    assert "accepted by the baseline compare-baseline.json: 2 of 11 conflicts" in err
    assert "compare: fail-on condition met: conflict (9 not in the baseline)" in err


def test_a_copy_with_another_count_is_a_new_conflict(work, capsys):
    assert main("run", "in", "--out", "out", "--write-baseline", "accepted.json") == 0
    text = (HARBOR / "a_wire.txt").read_text(encoding="utf-8")
    assert "Twelve people were treated" in text
    (work / "in" / "e_radio.txt").write_text(text.replace("Twelve people", "Sixteen people"), encoding="utf-8")
    capsys.readouterr()
    assert main("run", "in", "--out", "out", "--baseline", "accepted.json", "--fail-on", "conflict") == 1
    err = capsys.readouterr().err
    assert "fail-on condition met: conflict" in err and "not in the baseline" in err
    # writing the baseline again accepts it: the gate of that run and of the next pass
    assert main("run", "in", "--out", "out", "--write-baseline", "accepted.json", "--fail-on", "conflict") == 0
    assert main("run", "in", "--out", "out", "--baseline", "accepted.json", "--fail-on", "conflict") == 0


def test_near_duplicates_added_later_fail_the_gate(work, capsys):
    assert main("run", "in", "--out", "out", "--write-baseline") == 0
    shutil.copy(HARBOR / "a_wire.txt", work / "in" / "z_copy.txt")
    assert main("run", "in", "--out", "out", "--fail-on", "near-duplicate") == 1
    assert "fail-on condition met: near-duplicate (2 pairs not in the baseline)" in capsys.readouterr().err


def _env(hash_seed: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONHASHSEED", "GITHUB_ACTIONS")}
    return env | {"PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}


def test_baseline_bytes_are_the_same_in_every_process_and_hash_seed(tmp_path):
    shutil.copytree(HARBOR, tmp_path / "in", ignore=shutil.ignore_patterns("*.json"))
    seeds = ("1", "2", "3")
    procs = []
    for seed in seeds:
        (tmp_path / seed).mkdir()
        args = ["run", "../in", "--out", "out", "-q", "--no-cache", "--write-baseline"]
        procs.append(subprocess.Popen([sys.executable, "-m", "compare", *args], cwd=tmp_path / seed, env=_env(seed)))
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    first, *others = [(tmp_path / seed / "compare-baseline.json").read_bytes() for seed in seeds]
    assert all(other == first for other in others)
    data = json.loads(first)
    assert data["version"] == 1
    assert data["near_duplicates"] == [["a_wire.txt", "d_repost.txt"]]
    assert len(data["conflicts"]) == 11
    keys = [(c["kind"], c["a"]["path"], c["a"]["text"], c["b"]["path"], c["b"]["text"]) for c in data["conflicts"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all((c["a"]["path"], c["a"]["text"]) < (c["b"]["path"], c["b"]["text"]) for c in data["conflicts"])


def test_baseline_entries_name_findings_without_ids(harbor_findings):
    entries = baseline_entries(harbor_findings)
    assert dumps_baseline(entries) == dumps_baseline(baseline_entries(harbor_findings))
    assert new_conflicts(harbor_findings, entries) == []
    assert new_near_duplicates(harbor_findings, entries) == []
    swapped = entries | {"conflicts": [c | {"a": c["b"], "b": c["a"]} for c in entries["conflicts"]]}
    swapped["near_duplicates"] = [p[::-1] for p in entries["near_duplicates"]]
    assert new_conflicts(harbor_findings, swapped) == [] and new_near_duplicates(harbor_findings, swapped) == []
    empty = {"version": 1, "conflicts": [], "near_duplicates": []}
    assert new_conflicts(harbor_findings, empty) == harbor_findings.conflict_list
    assert new_conflicts(harbor_findings, None) == harbor_findings.conflict_list


BAD = {
    "not-json": b"{",
    "not-utf8": b"\xff\xfe{}",
    "a-list": b"[]",
    "other-version": b'{"version": 2, "conflicts": [], "near_duplicates": []}',
    "no-version": b'{"conflicts": [], "near_duplicates": []}',
    "version-true": b'{"version": true, "conflicts": [], "near_duplicates": []}',
    "bad-conflict": b'{"version": 1, "conflicts": [{"kind": "number"}], "near_duplicates": []}',
    "bad-pair": b'{"version": 1, "conflicts": [], "near_duplicates": [["a.txt"]]}',
}


@pytest.mark.parametrize("given", [True, False], ids=["--baseline", "default-file"])
@pytest.mark.parametrize("case", sorted(BAD))
def test_invalid_baseline_exits_2_with_one_line_and_writes_nothing(work, capsys, case, given):
    name = "mine.json" if given else "compare-baseline.json"
    (work / name).write_bytes(BAD[case])
    args = ["--baseline", name] if given else []
    assert main("run", "in", "--out", "out", "--fail-on", "conflict", *args) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [captured.err.strip()]
    assert captured.err.startswith(f"compare: error: baseline file {name}: ")
    assert captured.out == ""
    assert sorted(p.name for p in work.iterdir()) == sorted(["in", name])


def test_missing_explicit_baseline_exits_2(work, capsys):
    assert main("run", "in", "--out", "out", "--baseline", "nowhere.json") == 2
    assert capsys.readouterr().err == "compare: error: baseline file not found: nowhere.json\n"
    assert sorted(p.name for p in work.iterdir()) == ["in"]


def test_no_baseline_ignores_an_invalid_default_file(work):
    (work / "compare-baseline.json").write_bytes(b"{")
    assert main("run", "in", "--out", "out", "--no-baseline", "-q") == 0


def test_baseline_and_no_baseline_exclude_each_other(work, capsys):
    assert main("run", "in", "--out", "out", "--baseline", "x.json", "--no-baseline") == 2
    assert "not allowed with" in capsys.readouterr().err


def test_write_baseline_into_a_missing_folder_exits_2_before_the_run(work, capsys):
    assert main("run", "in", "--out", "out", "--write-baseline", "no/such/folder/b.json") == 2
    assert capsys.readouterr().err.startswith("compare: error: cannot write the baseline")
    assert not (work / "out").exists()


def test_annotations_only_in_github_actions_and_only_for_new_conflicts(work, capsys, monkeypatch):
    folder = work / "news,2024:fire"
    (work / "in").rename(folder)
    assert main("run", folder.name, "--out", "out", "--write-baseline", "-q") == 0
    shutil.copy(HARBOR / "c_blog.txt", folder / "c_blog.txt")
    capsys.readouterr()

    assert main("run", folder.name, "--out", "out", "-q") == 0
    assert capsys.readouterr().out == ""  # not in GitHub Actions

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main("run", folder.name, "--out", "out", "-q") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 9  # the two accepted number conflicts are not annotated
    assert all(line.startswith("::warning file=news%2C2024%3Afire/") for line in lines)
    assert not any("number conflict" in line for line in lines)
    assert "::warning file=news%2C2024%3Afire/a_wire.txt,line=3::date conflict: March 4 vs March 5 (c_blog.txt:8)" in (
        lines
    )

    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert main("run", folder.name, "--out", "out", "-q") == 0
    assert capsys.readouterr().out == ""


def test_annotations_without_a_baseline_cover_every_certain_conflict(harbor_findings):
    lines = github_annotations(harbor_findings, None, "news/")
    assert len(lines) == sum(c["certain"] for c in harbor_findings.conflict_list)
    assert all(line.startswith("::warning file=news/") for line in lines)
    assert github_annotations(harbor_findings, baseline_entries(harbor_findings), "news") == []


def test_escaping_follows_the_workflow_command_rules():
    assert escape_data("50% up\r\nnext: a, b") == "50%25 up%0D%0Anext: a, b"
    assert escape_property("dir,1:x%\n") == "dir%2C1%3Ax%25%0A"
