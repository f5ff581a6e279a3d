"""The GitHub workflow is valid and does what the README says it does."""

from __future__ import annotations

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
