"""Interrupting a run (Ctrl-C, or SIGTERM as CI sends on cancel) never leaves a partial report.

`benchmarks/interrupt_check.py` does the same 50 times at random moments; here three runs are
stopped at fixed points of a run: early, midway and late.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
OUTPUTS = ("report.md", "findings.json", "similarity.svg", "coverage.svg")


def _start(src: Path, out: Path, cwd: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "compare", "run", str(src), "--out", str(out), "-q"]
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    base = tmp_path_factory.mktemp("interrupt")
    src = base / "in"
    shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json"))
    t0 = time.monotonic()
    proc = _start(src, base / "ref", base)
    assert proc.wait(timeout=120) == 0
    return base, src, time.monotonic() - t0


@pytest.mark.parametrize(("fraction", "sig"), [(0.3, signal.SIGINT), (0.75, signal.SIGTERM), (0.95, signal.SIGTERM)])
def test_interrupted_run_leaves_previous_outputs_intact(reference, fraction, sig):
    base, src, seconds = reference
    out = base / f"out-{fraction}"  # a sibling of the reference: same relative links
    shutil.copytree(base / "ref", out)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    proc = _start(src, out, base)
    time.sleep(seconds * fraction)
    proc.send_signal(sig)
    code = proc.wait(timeout=120)
    assert code in (0, 130, -signal.SIGINT, -signal.SIGTERM), proc.stderr.read() if proc.stderr else ""
    if code == 130:
        assert "interrupted" in proc.stderr.read()
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)  # no temporary files left
