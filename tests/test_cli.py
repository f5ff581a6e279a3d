"""The command line, run as a user would: ``python -m compare run DIR --out OUT``."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import compare
from compare.cli import main as cli_main
from compare.settings import Settings

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
CLI_SETTINGS = [f.name for f in dataclasses.fields(Settings) if f.name not in ("extensions", "fail_on")]  # not lists


def _env(hash_seed: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONHASHSEED")}
    env["PYTHONHASHSEED"] = hash_seed
    return env


@dataclasses.dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    cwd: Path

    def lines(self) -> list[str]:
        return self.stderr.splitlines()


# name: (working folder, arguments, PYTHONHASHSEED); all run at once, in parallel, by one fixture
SCENARIOS = {
    "run1": ("", ["run", "in", "--out", "out1"], "1"),
    "run2": ("", ["run", "in", "--out", "out2"], "2"),
    "missing": ("", ["run", "missing", "--out", "out-missing"], "0"),
    "empty": ("", ["run", "empty", "--out", "out-empty"], "0"),
    "unreadable": ("", ["run", "unreadable", "--out", "out-unreadable"], "0"),
    "bad-threshold": ("", ["run", "in", "--out", "out-bad", "--match-threshold", "7"], "0"),
    "help": ("", ["run", "--help"], "0"),
    "toml": ("toml", ["run", "../in", "--out", "out", "-q"], "0"),
}


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory) -> dict[str, Result]:
    """Every subprocess scenario, all started at once so their interpreter start-ups overlap."""
    base = tmp_path_factory.mktemp("cli")
    shutil.copytree(HARBOR, base / "in")
    (base / "empty").mkdir()
    (base / "unreadable").mkdir()
    (base / "unreadable" / "a.txt").write_bytes(b"")
    (base / "unreadable" / "b.txt").write_bytes(b"\x00\x01binary")
    (base / "toml").mkdir()
    (base / "toml" / "compare.toml").write_text("top_n = 3\n", encoding="utf-8")
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-m", "compare", *args],
            cwd=base / sub,
            env=_env(seed),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (sub, args, seed) in SCENARIOS.items()
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = Result(proc.returncode, out, err, base / SCENARIOS[name][0])
    return results


def main(*args: str | Path) -> int:
    """The CLI in-process (for the many quick usage-error cases); argparse exits become codes."""
    try:
        return cli_main([str(a) for a in args])
    except SystemExit as exc:
        return int(exc.code or 0)


def test_run_writes_both_files(cli_runs):
    result = cli_runs["run1"]
    assert result.returncode == 0, result.stderr
    out = result.cwd / "out1"
    assert (out / "report.md").stat().st_size > 0
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in data["documents"]] == ["a_wire.txt", "b_daily.txt", "c_blog.txt", "d_repost.txt"]
    assert result.stdout == ""
    assert "report.md" in result.lines()[-1]
    assert sorted(p.name for p in out.iterdir()) == ["coverage.svg", "findings.json", "report.md", "similarity.svg"]


def test_runs_are_byte_identical(cli_runs):
    """Same input, different processes and hash seeds: the same bytes in every output."""
    one, two = cli_runs["run1"], cli_runs["run2"]
    assert one.returncode == two.returncode == 0
    for name in ("report.md", "findings.json", "similarity.svg", "coverage.svg"):
        assert (one.cwd / "out1" / name).read_bytes() == (two.cwd / "out2" / name).read_bytes(), name


def test_api_findings_equal_written_json(harbor_findings, harbor_out):
    """compare.run(...) returns Findings whose to_dict() is exactly findings.json."""
    written = json.loads((harbor_out / "findings.json").read_text(encoding="utf-8"))
    assert harbor_findings.to_dict() == written
    assert harbor_findings.to_json() == (harbor_out / "findings.json").read_text(encoding="utf-8")


def test_api_without_out_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    findings = compare.run(HARBOR)
    assert findings.documents.height == 4
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("case", ["missing", "empty"])
def test_input_errors_exit_2_with_one_line_and_nothing_written(cli_runs, case):
    """Missing or empty folder: exit 2, one line on stderr, no output folder."""
    result = cli_runs[case]
    assert result.returncode == 2
    assert len(result.lines()) == 1, result.stderr
    assert result.lines()[0].startswith("compare: error:")
    assert not (result.cwd / f"out-{case}").exists()
    assert result.stdout == ""


def test_folder_without_text_files_is_an_input_error(tmp_path, capsys):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "notes.rst").write_text("Some text.\n")
    assert main("run", folder, "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("compare: error:")
    assert not (tmp_path / "out").exists()


def test_unreadable_files_only_exit_2_and_nothing_written(cli_runs):
    result = cli_runs["unreadable"]
    assert result.returncode == 2
    assert result.lines()[-1].startswith("compare: error:")
    assert "empty" in result.lines()[-1] and "binary" in result.lines()[-1]
    assert not (result.cwd / "out-unreadable").exists()


def test_unreadable_files_only_one_line_on_stderr(cli_runs):
    result = cli_runs["unreadable"]
    assert result.returncode == 2
    assert len(result.lines()) == 1, result.stderr


def test_help_mentions_every_setting_and_exit_codes(cli_runs):
    result = cli_runs["help"]
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    defaults = Settings()
    for name in CLI_SETTINGS:
        option = "--" + name.replace("_", "-")
        assert option in text, option
        assert f"default {getattr(defaults, name)}" in text, name
    assert "--fail-on" in text and "setting fail_on" in text
    exit_codes = result.stdout[result.stdout.index("exit codes:") :]
    for code in ("0", "2", "130"):
        assert re.search(rf"^\s+{code}\s+\S", exit_codes, re.M), code


def test_bad_setting_value_exits_2_with_one_line(cli_runs):
    result = cli_runs["bad-threshold"]
    assert result.returncode == 2
    assert result.lines() == ["compare: error: invalid setting: match_threshold must be in (0, 1]"]
    assert not (result.cwd / "out-bad").exists()


def test_no_command_is_a_usage_error(capsys):
    assert main() == 2
    assert "run" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--match-threshold", "0"],
        ["--top-n", "0"],
        ["--passage-min-words", "2"],
        ["--lsh-threshold", "1.5"],
        ["--top-n", "abc"],
        ["--no-such-option", "1"],
        ["--config", "no-such-file.toml"],
    ],
)
def test_bad_settings_exit_2_and_write_nothing(tmp_path, monkeypatch, capsys, args):
    monkeypatch.chdir(tmp_path)
    assert main("run", HARBOR, "--out", tmp_path / "out", *args) == 2
    assert "error" in capsys.readouterr().err.splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_semantic_without_the_extra_exits_2_before_any_work(tmp_path, monkeypatch, capsys):
    """``--semantic`` where the extra is not installed: one line naming the install command,
    exit 2, no output folder and no cache written (checked before ingest)."""
    from compare.statements import embeddings as semantic

    monkeypatch.setattr(semantic, "available", lambda: False)
    monkeypatch.chdir(tmp_path)
    assert main("run", HARBOR, "--out", tmp_path / "out", "--semantic") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("compare: error:")
    assert "pip install 'compare-sources[semantic]'" in err[0]
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / ".compare-cache").exists()


def test_compare_toml_in_cwd_is_applied(cli_runs):
    """compare.toml with top_n = 3 changes the run and shows in the report's settings table."""
    result = cli_runs["toml"]
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # -q
    report = (result.cwd / "out" / "report.md").read_text(encoding="utf-8")
    assert re.search(r"^\| `top_n` \| `3` \|$", report, re.M)
    assert re.search(r"^\| settings from \| .*compare\.toml.* \|$", report, re.M)
    data = json.loads((result.cwd / "out" / "findings.json").read_text(encoding="utf-8"))
    assert data["settings"]["top_n"] == 3
    assert "compare.toml" in data["settings"]["sources"]


def test_command_line_wins_over_compare_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compare.toml").write_text("top_n = 3\nmatch_threshold = 0.6\n", encoding="utf-8")
    assert main("run", HARBOR, "--out", "out", "-q", "--top-n", "5") == 0
    settings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["settings"]
    assert (settings["top_n"], settings["match_threshold"]) == (5, 0.6)
    assert settings["sources"] == ["defaults", "compare.toml", "command line"]


def test_unknown_key_in_compare_toml_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compare.toml").write_text("top_m = 3\n", encoding="utf-8")
    assert main("run", HARBOR, "--out", "out") == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "top_m" in err[0]
    assert not (tmp_path / "out").exists()


def test_pyproject_tool_table_is_applied(tmp_path, monkeypatch, capsys):
    """[tool.compare] in ./pyproject.toml is read; compare.toml wins over it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.compare]\ntop_n = 4\nseed = 9\n", encoding="utf-8")
    (tmp_path / "compare.toml").write_text("top_n = 6\n", encoding="utf-8")
    assert main("run", HARBOR, "--out", "out", "-q") == 0
    settings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["settings"]
    assert (settings["top_n"], settings["seed"]) == (6, 9)
    assert settings["sources"] == ["defaults", "pyproject.toml", "compare.toml"]


def test_config_option_is_applied(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.toml").write_text("top_n = 7\n", encoding="utf-8")
    assert main("run", HARBOR, "--out", "out", "-q", "--config", "mine.toml") == 0
    settings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["settings"]
    assert settings["top_n"] == 7
    assert "mine.toml" in settings["sources"]


def test_config_option_layers_over_compare_toml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compare.toml").write_text("top_n = 3\n", encoding="utf-8")
    (tmp_path / "mine.toml").write_text("seed = 2\n", encoding="utf-8")
    assert main("run", HARBOR, "--out", "out", "-q", "--config", "mine.toml") == 0
    settings = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))["settings"]
    assert (settings["top_n"], settings["seed"]) == (3, 2)


def test_unwritable_output_is_exit_2(tmp_path, monkeypatch, capsys):
    """An output path that is a file cannot become the output folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").write_text("not a folder\n")
    assert main("run", HARBOR, "--out", "taken", "-q") == 2
    err = capsys.readouterr().err.splitlines()
    assert err and err[-1].startswith("compare: error:")
    assert (tmp_path / "taken").read_text() == "not a folder\n"


def _harbor_copy(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json"))
    return src


@pytest.mark.parametrize(
    ("conditions", "code", "mentions"),
    [
        (["near-duplicate"], 1, ["near-duplicate (1 pair)"]),
        (["conflict"], 1, ["conflict ("]),
        (["similarity>0.7"], 1, ["a_wire.txt / d_repost.txt"]),
        (["similarity>0.9"], 0, []),
        (["similarity:0.7"], 1, ["similarity>0.7 (1 pair"]),
        (["similarity>0.9", "near-duplicate"], 1, ["near-duplicate"]),
        (["skipped"], 0, []),
    ],
)
def test_fail_on_conditions_set_the_exit_code(tmp_path, monkeypatch, capsys, conditions, code, mentions):
    """--fail-on: exit 1 when a condition holds (outputs still written), 0 otherwise."""
    monkeypatch.chdir(tmp_path)
    src = _harbor_copy(tmp_path)
    args = ["run", str(src), "--out", str(tmp_path / "out"), "-q"]
    for c in conditions:
        args += ["--fail-on", c]
    assert cli_main(args) == code
    err = capsys.readouterr().err
    assert (tmp_path / "out" / "report.md").is_file() and (tmp_path / "out" / "findings.json").is_file()
    for m in mentions:
        assert m in err
    assert err.count("fail-on condition met") == (0 if code == 0 else len(err.strip().splitlines()))


def test_strict_fails_on_a_skipped_file(tmp_path, monkeypatch, capsys):
    """--strict: a file that cannot be read makes the run exit 1; without it the run exits 0."""
    monkeypatch.chdir(tmp_path)
    src = _harbor_copy(tmp_path)
    (src / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert cli_main(["run", str(src), "--out", str(tmp_path / "o1"), "-q"]) == 0
    assert cli_main(["run", str(src), "--out", str(tmp_path / "o2"), "-q", "--strict"]) == 1
    assert "skipped (1 file)" in capsys.readouterr().err
    skipped = json.loads((tmp_path / "o2" / "findings.json").read_text())["skipped"]
    assert [s["path"] for s in skipped] == ["scan.txt"]


@pytest.mark.parametrize("bad", ["bogus", "similarity>x", "similarity>1.5"])
def test_bad_fail_on_condition_is_a_usage_error(tmp_path, monkeypatch, capsys, bad):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli_main(["run", str(HARBOR), "--out", str(tmp_path / "out"), "--fail-on", bad])
    assert exc.value.code == 2
    assert "--fail-on" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("config", "args", "code", "mentions", "effective"),
    [
        ('fail_on = ["near-duplicate"]\n', [], 1, ["near-duplicate (1 pair)"], ["near-duplicate"]),
        ('fail_on = ["similarity:0.7", "skipped"]\n', [], 1, ["similarity>0.7"], ["similarity>0.7", "skipped"]),
        # the command line replaces the file's list
        ('fail_on = ["near-duplicate"]\n', ["--fail-on", "similarity:0.9"], 0, [], ["similarity>0.9"]),
        ("[tool.compare]\nfail_on = ['conflict']\n", [], 1, ["conflict ("], ["conflict"]),
    ],
)
def test_fail_on_can_be_set_in_a_config_file(tmp_path, monkeypatch, capsys, config, args, code, mentions, effective):
    monkeypatch.chdir(tmp_path)
    src = _harbor_copy(tmp_path)
    (tmp_path / "gates.toml").write_text(config, encoding="utf-8")
    run = ["run", str(src), "--out", str(tmp_path / "out"), "-q", "--config", str(tmp_path / "gates.toml"), *args]
    assert cli_main(run) == code
    err = capsys.readouterr().err
    for m in mentions:
        assert m in err
    written = json.loads((tmp_path / "out" / "findings.json").read_text(encoding="utf-8"))
    assert written["settings"]["fail_on"] == effective


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('semantic = "false"', "setting 'semantic' in compare.toml must be true or false, not 'false'"),
        ("semantic = 0", "must be true or false"),
        ('top_n = "5"', "setting 'top_n' in compare.toml must be a whole number, not '5'"),
        ("top_n = 2.5", "must be a whole number"),
        ("top_n = true", "must be a whole number"),
        ('match_threshold = "0.5"', "must be a number, not '0.5'"),
        ('extensions = ".txt"', "must be a list of strings"),
        ('fail_on = "conflict"', "must be a list of strings"),
        ('fail_on = ["bogus"]', "unknown --fail-on condition 'bogus'"),
    ],
)
def test_a_setting_of_the_wrong_type_exits_2_with_one_line(tmp_path, line, says):
    """Settings are typed as TOML types them: a string is never read as a boolean or a number."""
    (tmp_path / "compare.toml").write_text(line + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(HARBOR), "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=_env("0"),
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and says in proc.stderr, proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_whole_number_is_a_valid_float_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "compare.toml").write_text("match_threshold = 1\nsemantic = false\n", encoding="utf-8")
    findings = compare.run(HARBOR)
    assert findings.settings.match_threshold == 1.0 and isinstance(findings.settings.match_threshold, float)
    assert findings.settings.semantic is False


def test_import_compare_loads_no_stage_library_and_the_command_line_sets_the_allocator():
    """``import compare`` loads no polars and changes no environment; the command line's module
    sets polars' allocator (with no input named: freed pages kept a second), unless the user set
    its options."""
    check = (
        "import os, sys, compare; assert 'polars' not in sys.modules; "
        "assert '_RJEM_MALLOC_CONF' not in os.environ; "
        "import compare.__main__; print(os.environ['_RJEM_MALLOC_CONF'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    out = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip().endswith("dirty_decay_ms:1000,muzzy_decay_ms:1000")
    mine = subprocess.run(
        [sys.executable, "-c", "import os, compare.__main__; print(os.environ['_RJEM_MALLOC_CONF'])"],
        capture_output=True, text=True, env={**env, "_RJEM_MALLOC_CONF": "narenas:2"}, check=True,
    )  # fmt: skip
    assert mine.stdout.strip().endswith("narenas:2") and "dirty_decay_ms:0" not in mine.stdout


def test_outputs_are_replaced_only_once_every_file_is_flushed(tmp_path, monkeypatch):
    """Each output is flushed to disk in a thread while the next is made: a flush that fails, or
    an error while the report is made (the files before it already written), replaces no output
    and leaves no temporary file; all flushed, the files replace the old ones in order."""
    from compare.report import output

    out = tmp_path / "out"
    out.mkdir()
    paths = [out / "a.svg", out / "findings.json", out / "report.md"]
    for p in paths:
        p.write_text("old", encoding="utf-8")
    synced = os.fsync

    def failing(fd: int) -> None:
        if Path(os.readlink(f"/proc/self/fd/{fd}")).name.startswith(".findings.json."):  # its temp file
            raise OSError(5, "Input/output error")
        synced(fd)

    monkeypatch.setattr(output.os, "fsync", failing)
    with pytest.raises(OSError, match="Input/output"):
        output.write_together([(p, "new") for p in paths])
    assert [p.read_text(encoding="utf-8") for p in paths] == ["old"] * 3 and sorted(out.iterdir()) == sorted(paths)
    monkeypatch.setattr(output.os, "fsync", synced)
    with pytest.raises(KeyboardInterrupt), output._Staging() as staging:
        staging.add(paths[0], "new")
        staging.add(paths[1], [b"ne", "w"])
        raise KeyboardInterrupt  # the report was being made
    assert [p.read_text(encoding="utf-8") for p in paths] == ["old"] * 3 and sorted(out.iterdir()) == sorted(paths)
    output.write_together([(p, "new") for p in paths])
    assert [p.read_text(encoding="utf-8") for p in paths] == ["new"] * 3 and sorted(out.iterdir()) == sorted(paths)


def test_a_file_that_cannot_be_written_replaces_none_of_the_outputs(tmp_path, monkeypatch, capsys):
    """A run whose last file cannot be written (a full disk, here) exits 2 with one line and leaves
    the previous run's outputs as they were, all of them, and no temporary file."""
    from compare.report import output

    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    out = tmp_path / "out"
    assert cli_main(["run", str(folder), "--out", str(out), "-q", "--no-cache"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "extra.txt").write_text("The fire was put out on Monday. Nobody was hurt.\n", encoding="utf-8")
    opened = os.open

    def full_disk(path, *args, **kwargs):
        if Path(path).name.startswith(".report.md."):  # the report's temp file: the disk is full
            raise OSError(28, "No space left on device")
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(output.os, "open", full_disk)
    capsys.readouterr()
    assert cli_main(["run", str(folder), "--out", str(out), "-q", "--no-cache"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
