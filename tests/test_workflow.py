"""The GitHub workflow is valid and does what the README says it does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "compare.yml"


def test_workflow_validates_against_the_github_workflow_schema(tmp_path):
    """check-jsonschema's vendored GitHub-workflow schema accepts the file (no network needed)."""
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    done = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_schema_check_can_fail(tmp_path):
    """The same check rejects a broken workflow, so the test above is not vacuous."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    steps: not-a-list\n")
    exe = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    done = subprocess.run([exe, "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True)
    assert done.returncode != 0


def test_workflow_runs_the_readme_command_and_commits_nothing():
    text = WORKFLOW.read_text(encoding="utf-8")
    readme = (WORKFLOW.parents[2] / "README.md").read_text(encoding="utf-8")
    assert "make report" in text and "make report" in readme.split("\n\n")[1]
    assert '"seeds/**"' in text and "schedule:" in text
    assert "GITHUB_STEP_SUMMARY" in text and "upload-artifact" in text
    assert "contents: read" in text
    for forbidden in ("git commit", "git push", "contents: write"):
        assert forbidden not in text


@pytest.mark.parametrize("line", ["runs-on: ubuntu-latest", "timeout-minutes:"])
def test_workflow_is_bounded(line):
    assert line in WORKFLOW.read_text(encoding="utf-8")


# ---- pull requests, concurrency, report.html, and the previous run's findings ----------------
ROOT = WORKFLOW.parents[2]
STATE = ".compare-previous"
HARBOR = ROOT / "tests" / "fixtures" / "harbor-fire"


def _workflow() -> dict:
    """The workflow as data (check-jsonschema's YAML parser, which reads ``on`` as a string)."""
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


def _steps() -> dict[str, dict]:
    """The job's steps by name (or by the action they use)."""
    return {s.get("name", s.get("uses")): s for s in _workflow()["jobs"]["compare"]["steps"]}


def test_pull_requests_run_it_one_run_at_a_time():
    flow = _workflow()
    assert flow["on"]["pull_request"]["paths"] == flow["on"]["push"]["paths"] == ["seeds/**"]
    group = flow["concurrency"]["group"]
    assert "github.event.pull_request.number" in group and "github.ref" in group
    assert "pull_request" in flow["concurrency"]["cancel-in-progress"]


def test_report_html_is_made_and_uploaded(tmp_path):
    steps = _steps()
    upload = steps["Upload the report"]
    assert "reports/report.html" in upload["with"]["path"].split() and upload["if"] == "always()"
    run = next(s["run"] for s in steps.values() if "make report" in s.get("run", ""))
    command = run.replace("make report REPORT_FLAGS=", "echo ").replace(".ci/", f"{ROOT}/.ci/")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout.startswith("--format html"), done.stderr


def test_the_previous_findings_are_restored_and_saved_under_matching_keys():
    """The cache the gate reads is the one earlier runs saved: same folder, and the restore
    prefix matches the saved key; pull requests read it but never save it."""
    steps = _steps()
    restore = next(s for s in steps.values() if s.get("uses") == "actions/cache/restore@v4")
    save = next(s for s in steps.values() if s.get("uses") == "actions/cache/save@v4")
    assert restore["with"]["path"] == save["with"]["path"] == STATE
    prefix = restore["with"]["restore-keys"].strip()
    assert save["with"]["key"].startswith(prefix) and restore["with"]["key"].startswith(prefix)
    assert "github.run_id" in save["with"]["key"]  # a new entry per run: the newest is restored
    keep = steps["Keep this run's findings for the next run"]
    assert f".ci/previous-findings keep seeds reports {STATE}" in keep["run"]
    for step in (keep, save):
        assert "github.event_name != 'pull_request'" in step["if"] and "!cancelled()" in step["if"]
    assert f".ci/previous-findings flags {STATE} reports" in WORKFLOW.read_text(encoding="utf-8")


def _script(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``.ci/previous-findings`` as the workflow runs it, with this interpreter as the job's."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    env |= {"PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    return subprocess.run([str(ROOT / ".ci" / "previous-findings"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)  # fmt: skip


def _gated_run(work: Path) -> subprocess.CompletedProcess[str]:
    """One CI run: the flags for this run, the job with them (as make passes them), then keep."""
    flags = _script("flags", STATE, "reports", cwd=work)
    assert flags.returncode == 0, flags.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "compare", "run", "seeds", "--out", "reports", "-q", *flags.stdout.split()],
        capture_output=True, text=True, cwd=work, env=env, timeout=300,
    )  # fmt: skip
    kept = _script("keep", "seeds", "reports", STATE, cwd=work)
    assert kept.returncode == 0, kept.stderr
    return done


def test_runs_fail_only_on_conflicts_the_previous_run_did_not_have(tmp_path):
    """First run: nothing to compare with, conflicts and all it passes; the same texts again
    pass; a new article that contradicts the others fails the next run, which then keeps it, so
    the run after passes."""
    shutil.copytree(HARBOR, tmp_path / "seeds", ignore=shutil.ignore_patterns("*.json"))
    first = _gated_run(tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "reports" / "report.html").is_file()
    assert json.loads((tmp_path / "reports" / "findings.json").read_text(encoding="utf-8"))["conflicts"]
    assert (tmp_path / STATE / "compare-baseline.json").is_file() and (tmp_path / STATE / "findings.json").is_file()

    again = _gated_run(tmp_path)
    assert again.returncode == 0, again.stderr
    assert "accepted by the baseline" in again.stderr

    text = (HARBOR / "a_wire.txt").read_text(encoding="utf-8")
    (tmp_path / "seeds" / "e_radio.txt").write_text(text.replace("Twelve people", "Sixteen people"), encoding="utf-8")
    new = _gated_run(tmp_path)
    assert new.returncode == 1 and "fail-on condition met: conflict" in new.stderr
    assert "e_radio.txt" in (tmp_path / "reports" / "report.md").read_text(encoding="utf-8")

    assert _gated_run(tmp_path).returncode == 0  # kept: the next run compares with it


def test_the_script_says_how_to_use_it(tmp_path):
    done = _script("flags", cwd=tmp_path)
    assert done.returncode == 2 and "usage:" in done.stderr
