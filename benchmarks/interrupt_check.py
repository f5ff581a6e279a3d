"""Interrupt the CLI at random moments and check nothing partial is ever left behind.

Usage: ``python benchmarks/interrupt_check.py [RUNS]`` (default 50). Each run starts
``python -m compare run`` on a copy of the harbor-fire corpus into an output folder that
already holds a complete report, sends SIGINT or SIGTERM after a random delay, and checks:
the exit code is 0 (finished first) or 130 (interrupted); ``report.md``, ``findings.json``
and the pictures are byte-identical to those of an uninterrupted run (so never partial);
no temporary file is left in the output folder; and the cache (``.compare-cache`` in the
working folder, emptied before half of the runs so that they write it) holds only complete
tables that match their manifest's checksums, and no stray file. Prints a summary; exits 1
on a failure.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare.incremental.cache_files import CHECKSUM, checksum

HARBOR = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "harbor-fire"
OUTPUTS = ("report.md", "findings.json", "similarity.svg", "coverage.svg")


def run(src: Path, out: Path, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "compare", "run", str(src), "--out", str(out), "-q"],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def cache_problems(cache: Path) -> list[str]:
    """What is wrong with a cache folder: tables that do not match their manifest, stray files."""
    problems = []
    for key_dir in (p for p in cache.iterdir() if p.is_dir()) if cache.exists() else []:
        manifest_path = key_dir / "manifest.json"
        named = {"manifest.json"}
        if manifest_path.exists():
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            for entry in manifest["tables"].values():
                named.add(entry["file"])
                data = (key_dir / entry["file"]).read_bytes()
                if checksum(data) != entry[CHECKSUM]:  # the manifest's own checksum, as the cache reads it
                    problems.append(f"cache table {entry['file']} does not match its checksum")
        stray = sorted(p.name for p in key_dir.iterdir() if p.name not in named)
        if stray:
            problems.append(f"cache leftovers: {stray}")
    return problems


def check(runs: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        src = base / "in"
        shutil.copytree(HARBOR, src, ignore=shutil.ignore_patterns("*.json"))
        ref, out = base / "ref", base / "out"
        t0 = time.monotonic()
        assert run(src, ref, base).wait() == 0
        full = time.monotonic() - t0
        shutil.copytree(ref, out)
        reference = {name: (ref / name).read_bytes() for name in OUTPUTS}
        counts = {"runs": 0, "interrupted": 0, "finished": 0, "failures": 0, "cold_cache": 0}
        cache = base / ".compare-cache"
        for _ in range(runs):
            if rng.random() < 0.5:  # this run writes the whole cache
                shutil.rmtree(cache, ignore_errors=True)
                counts["cold_cache"] += 1
            proc = run(src, out, base)
            time.sleep(rng.uniform(0.0, full * 1.1))
            proc.send_signal(rng.choice([signal.SIGINT, signal.SIGTERM]))
            code = proc.wait(timeout=120)
            counts["runs"] += 1
            counts["interrupted" if code in (130, -signal.SIGINT, -signal.SIGTERM) else "finished"] += 1
            problems = []
            if code not in (0, 130, -signal.SIGINT, -signal.SIGTERM):
                problems.append(f"exit code {code}: {proc.stderr.read()[-300:] if proc.stderr else ''}")
            # -SIGINT / -SIGTERM: stopped while Python was still starting, before anything was written
            for name in OUTPUTS:
                if (out / name).read_bytes() != reference[name]:
                    problems.append(f"{name} differs from an uninterrupted run")
            leftovers = [p.name for p in out.iterdir() if p.name not in OUTPUTS]
            if leftovers:
                problems.append(f"left behind: {leftovers}")
            problems.extend(cache_problems(cache))
            if problems:
                counts["failures"] += 1
                print("FAIL:", "; ".join(problems))
        counts["seconds_per_run"] = round(full, 2)
        return counts


if __name__ == "__main__":
    result = check(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
    print(result)
    sys.exit(1 if result["failures"] else 0)
