"""Issue 7, acceptance 3: one 50 MB input file runs through the CLI with bounded memory.

The file is generated at test time from the seed articles and the harbor-fire fixture
(paragraphs drawn at random, every number redrawn and a numbered phrase put before most
sentences, so the sentences differ as in a long real dump); nothing big is committed. The
CLI runs in a child process, and its peak resident memory is read from
``getrusage(RUSAGE_CHILDREN)`` once it has exited (this process's own peak is not counted:
only waited-for children are).
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "harbor-fire"]
SIZE = 50_000_000
"""Bytes of the generated file."""
PEAK_LIMIT = 2 * 1024**3
"""Acceptance: peak memory for a single 50 MB input stays under 2 GB."""

_NUMBER = re.compile(r"\d+")
_LEADS = (
    "In {year}, ",
    "On March {day}, ",
    "By {hour} p.m., ",
    "About {n} residents said ",
    "According to {n} witnesses, ",
    "At least {n} people said ",
    "Some {n} officials noted that ",
    "On day {day} of the inquiry, ",
)


def _paragraphs() -> list[str]:
    """The paragraphs of the seed articles and the harbor-fire reports."""
    out: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def news_text(size: int, seed: int = 7) -> str:
    """About ``size`` bytes of news-like prose: random paragraphs of the sources with their
    numbers redrawn and most sentences given a numbered lead, a third hard-wrapped at 78."""
    rng = random.Random(seed)
    paragraphs = _paragraphs()
    chunks: list[str] = []
    total = 0
    while total < size:
        sentences = []
        for s in re.split(r"(?<=[.!?])\s+", rng.choice(paragraphs)):
            s = _NUMBER.sub(lambda _: str(rng.randint(1, 5000)), s)
            if len(s) > 40 and rng.random() < 0.7:
                lead = rng.choice(_LEADS).format(
                    year=rng.randint(1950, 2024), day=rng.randint(1, 28), hour=rng.randint(1, 12), n=rng.randint(2, 900)
                )
                s = lead + (s[0].lower() + s[1:] if s[1:2].islower() else s)
            sentences.append(s)
        text = " ".join(sentences)
        if rng.random() < 0.3:
            text = "\n".join(textwrap.wrap(text, 78))
        chunk = text + "\n\n"
        chunks.append(chunk)
        total += len(chunk.encode("utf-8"))
    return "".join(chunks)


def run_cli(folder: Path, out: Path, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m compare run folder --out out -q`` in a child process; its result and seconds."""
    env = os.environ | {"PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "compare", "run", str(folder), "--out", str(out), "-q"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return done, time.perf_counter() - t0


@pytest.fixture(scope="module")
def large_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One CLI run on a folder holding a single generated 50 MB file (the cache, by default
    in the working directory, goes to the temporary folder too)."""
    base = tmp_path_factory.mktemp("large")
    folder = base / "input"
    folder.mkdir()
    (folder / "dump.txt").write_text(news_text(SIZE), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done, seconds = run_cli(folder, base / "out", base)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    return {
        "done": done,
        "seconds": seconds,
        "peak": peak,
        "measured": peak > before * 1024,  # an earlier, larger child would hide this one's peak
        "folder": folder,
        "out": base / "out",
    }


def test_single_50mb_file_runs_and_writes_the_report(large_run: dict) -> None:
    """Exit code 0, both outputs written, the one document read whole and segmented."""
    done = large_run["done"]
    assert done.returncode == 0, done.stderr[-2000:]
    assert (large_run["out"] / "report.md").is_file()
    findings = json.loads((large_run["out"] / "findings.json").read_text(encoding="utf-8"))
    size = (large_run["folder"] / "dump.txt").stat().st_size
    assert size >= SIZE
    assert [(d["path"], d["bytes"]) for d in findings["documents"]] == [("dump.txt", size)]
    assert findings["skipped"] == []
    assert len(findings["statements"]) > 100_000
    assert findings["pairs"] == [] and findings["repeated"] == [] and findings["conflicts"] == []


def test_single_50mb_file_peak_memory_under_2gb(large_run: dict) -> None:
    """Peak resident memory of the CLI process on the 50 MB file stays under 2 GB."""
    assert large_run["done"].returncode == 0
    if not large_run["measured"]:
        pytest.skip("an earlier child process of this session had a larger peak: ru_maxrss cannot tell")
    peak = large_run["peak"]
    print(f"50 MB input: {large_run['seconds']:.0f} s, peak {peak / 1e6:.0f} MB")
    assert peak < PEAK_LIMIT, f"peak memory {peak / 1e9:.2f} GB"


def _one_block_per_document(tmp_path: Path) -> Path:
    """The seed and harbor articles without their blank lines: each document is one run of
    body lines, the case the segment stage cuts into windows."""
    folder = tmp_path / "noblank"
    folder.mkdir()
    for source in SOURCES:
        for path in sorted(source.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (folder / f"{source.name}-{path.name}").write_text(
                "\n".join(line for line in text.splitlines() if line.strip()), encoding="utf-8"
            )
    return folder


def test_windows_do_not_change_any_frame(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines, statements, values and sketches are the same whether long documents are read
    whole or in (here tiny) windows."""
    from compare.documents import similarity
    from compare.documents.ingest import ingest
    from compare.settings import Settings
    from compare.statements import segment as segment_module
    from compare.statements import values as values_module
    from compare.text import normalize as normalize_module

    settings = Settings()
    documents, _ = ingest(_one_block_per_document(tmp_path), settings)

    def stages() -> tuple:
        lines = normalize_module.normalize(documents)
        statements = segment_module.segment(lines)
        values = values_module.values(statements)
        return lines, statements, values, similarity.sketch(documents, settings)

    whole = stages()
    monkeypatch.setattr(normalize_module, "WINDOW_LINES", 7)
    monkeypatch.setattr(segment_module, "WINDOW_LINES", 5)
    monkeypatch.setattr(segment_module, "WINDOW_STATEMENTS", 3)
    monkeypatch.setattr(values_module, "WINDOW_STATEMENTS", 4)
    monkeypatch.setattr(similarity, "WINDOW_BYTES", 300)
    for chars in (40, 137, 1000):
        monkeypatch.setattr(segment_module, "WINDOW_CHARS", chars)
        windowed = stages()
        for a, b in zip(whole, windowed, strict=True):
            assert a.equals(b)
    assert whole[1].height > 300
