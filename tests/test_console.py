"""What the command line says and keeps: log records on stderr (--quiet, --verbose), progress
per stage and per batch of documents, and the cache folder's markers, info and clear."""

from __future__ import annotations

import io
import logging
import shutil
from pathlib import Path

import pytest
from filelock import FileLock

from compare import console
from compare.cli import main
from compare.engines import local as engine
from compare.incremental.cache_admin import cache_info, info_lines

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """harbor-fire, copied (without its expected findings)."""
    folder = tmp_path / "in"
    shutil.copytree(HARBOR, folder, ignore=shutil.ignore_patterns("*.json"))
    return folder


def _run(capsys, *args: str | Path) -> tuple[int, list[str], str]:
    """The CLI in-process: exit code, stderr lines, stdout."""
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.err.splitlines(), captured.out


def test_quiet_says_nothing_default_says_stages_verbose_adds_debug(corpus, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")  # plain lines, as in a CI log
    code, quiet, _ = _run(capsys, "run", corpus, "--out", "o1", "-q")
    assert code == 0 and quiet == []
    code, normal, _ = _run(capsys, "run", corpus, "--out", "o2")
    assert code == 0 and all(line.startswith("compare: ") for line in normal)
    assert [line.split("]")[0] for line in normal if "/7]" in line] == [f"compare: [{i}/7" for i in range(1, 8)]
    assert normal[-1].startswith("compare: 4 documents") and "wrote o2/report.md" in normal[-1]
    code, verbose, _ = _run(capsys, "run", corpus, "--out", "o3", "-v")
    assert code == 0 and sum("/7]" in line for line in verbose) == 7 and "wrote o3/report.md" in verbose[-1]
    assert any("settings from defaults" in line for line in verbose)
    assert any("4 of 4 documents found" in line for line in verbose)  # the cache of the runs before
    assert len(verbose) > len(normal)
    assert (tmp_path / "o1" / "findings.json").read_bytes() == (tmp_path / "o3" / "findings.json").read_bytes()


def test_documents_progress_per_batch_and_the_same_findings(corpus, tmp_path, monkeypatch, capsys) -> None:
    """Batches of about one document: a line per batch, counting up to every document, and
    findings identical to a run in one batch (-q: no progress asked, no batching)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CI", "true")
    assert _run(capsys, "run", corpus, "--out", "whole", "-q", "--no-cache", "-j", "1")[0] == 0
    monkeypatch.setattr(engine, "BATCH_BYTES", 200)
    code, err, _ = _run(capsys, "run", corpus, "--out", "batched", "--no-cache", "-j", "1")
    counts = [line.split()[1] for line in err if line.endswith("s)") and "documents (" in line]
    assert code == 0 and counts[-1] == "4/4" and len(counts) >= 2
    assert [int(c.split("/")[0]) for c in counts] == sorted(int(c.split("/")[0]) for c in counts)
    assert (tmp_path / "whole" / "findings.json").read_bytes() == (tmp_path / "batched" / "findings.json").read_bytes()


def test_on_a_terminal_progress_is_drawn_as_bars_and_cleared(monkeypatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    handler = console.Console(logging.INFO, tty=True)
    log = logging.getLogger("compare.test")
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.INFO)
    try:
        log.info("x", extra={"stage": "per-document", "step": 2, "steps": 7})
        log.info("x", extra={"documents_done": 3, "documents_total": 6})
        log.warning("careful")
        drawn = err.getvalue()
        handler.finish()
        log.info("done")
    finally:
        log.removeHandler(handler)
        log.propagate = True
        log.setLevel(logging.NOTSET)
    assert "per-document" in drawn and "3/6" in drawn and "compare: careful\n" in drawn
    assert err.getvalue().endswith("compare: done\n") and handler.stages is None and handler.documents is None


def test_errors_go_through_the_handler_as_one_line(tmp_path, capsys) -> None:
    code, err, _ = _run(capsys, "run", tmp_path / "missing", "--out", tmp_path / "o", "-q")
    assert code == 2 and len(err) == 1 and err[0].startswith("compare: error: ")
    assert not logging.getLogger("compare").handlers  # the CLI's handler is removed after the run


def test_cache_folder_is_marked_described_and_cleared(corpus, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, out = _run(capsys, "cache", "info")
    assert code == 0 and "no cache there yet" in out
    assert _run(capsys, "run", corpus, "--out", "o", "-q")[0] == 0
    store = tmp_path / ".compare-cache"
    assert (store / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert (store / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
    )
    info = cache_info(store)
    assert info.exists and len(info.keys) == 1 and info.keys[0].documents == 4 and info.keys[0].runs == 1
    assert info.size == sum(p.stat().st_size for p in store.rglob("*") if p.is_file())
    code, _, out = _run(capsys, "cache", "info")
    assert code == 0 and out.splitlines()[:3] == info_lines(info)[:3]
    assert out.splitlines()[0] == f"cache: {store.resolve()}" and "in 1" in out.splitlines()[1]
    assert f"{info.keys[0].key}: 4 documents in 1 segments, 1 runs" in out
    with FileLock(store / "lock", timeout=0):  # a run holds it: clear waits, then refuses
        code, err, _ = _run(capsys, "cache", "clear", "--cache-wait", "0.2")
    assert code == 2 and "in use by another compare run" in err[-1]
    assert cache_info(store).keys
    code, err, _ = _run(capsys, "cache", "clear")
    assert code == 0 and "cleared .compare-cache" in err[-1]
    assert sorted(p.name for p in store.iterdir()) == [".gitignore", "CACHEDIR.TAG", "lock"]
    assert _run(capsys, "run", corpus, "--out", "o2", "-q")[0] == 0  # a cleared cache is used again
    assert (tmp_path / "o" / "findings.json").read_bytes() == (tmp_path / "o2" / "findings.json").read_bytes()


def test_cache_commands_refuse_a_folder_that_is_not_a_cache(tmp_path, capsys) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    for action in ("info", "clear"):
        code, err, _ = _run(capsys, "cache", action, "--cache", mine)
        assert code == 2 and len(err) == 1 and "not a compare cache" in err[0]
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]


def test_an_old_cache_gets_its_gitignore(corpus, tmp_path, capsys) -> None:
    store = tmp_path / "cache"
    assert _run(capsys, "run", corpus, "--out", tmp_path / "o", "--cache", store, "-q")[0] == 0
    (store / ".gitignore").unlink()
    assert _run(capsys, "run", corpus, "--out", tmp_path / "o", "--cache", store, "-q")[0] == 0
    assert (store / ".gitignore").read_text(encoding="utf-8") == "*\n"
