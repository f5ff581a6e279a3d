"""The process helpers the command line uses: the allocator setting chosen by the input's size,
and the working state kept until a process that ends without freeing it exits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from compare import _runtime


def _setting_for(argv: list[str], cwd) -> str:
    """The allocator setting ``python -m compare`` would take for ``argv`` (set by its module)."""
    env = {k: v for k, v in os.environ.items() if k != "_RJEM_MALLOC_CONF"}
    code = "import os, sys; sys.argv = ['compare'] + sys.argv[1:]; import compare.__main__; "
    code += "print(os.environ['_RJEM_MALLOC_CONF'])"
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_a_small_input_keeps_freed_pages_and_a_large_one_returns_them(tmp_path, monkeypatch):
    small, large = tmp_path / "small", tmp_path / "large"
    small.mkdir()
    large.mkdir()
    (small / "a.txt").write_text("A short text.\n", encoding="utf-8")
    monkeypatch.setattr(_runtime, "KEEP_FREED_BYTES", 1000)
    (large / "a.txt").write_text("word " * 150, encoding="utf-8")
    (large / "b.txt").write_text("word " * 150, encoding="utf-8")
    assert not _runtime._bytes_over(small, 1000)
    assert _runtime._bytes_over(large, 1000)
    assert not _runtime._bytes_over(large, 10_000)
    # the input is the argument after run that names a path and is no other option's value
    (tmp_path / "out").mkdir()
    # relative to the working directory: from elsewhere, "small" names nothing
    assert _runtime._named_input(["run", "--out", "out", "-q", "small", "--cache", "large"]) is None
    monkeypatch.chdir(tmp_path)
    assert _runtime._named_input(["run", "--out", "out", "-q", "small", "--cache", "large"]).name == "small"
    assert _runtime._named_input(["run", "-o", "large", "small"]).name == "small"
    assert _runtime._named_input(["cache", "info"]) is None
    assert _runtime._named_input(["run", "missing"]) is None
    # the command line's module: the input's size decides (the real limit: about 5,000 articles)
    assert _setting_for(["run", "small"], tmp_path).endswith("dirty_decay_ms:1000,muzzy_decay_ms:1000")
    big = tmp_path / "big"
    big.mkdir()
    with open(big / "a.txt", "wb") as fh:
        fh.truncate(20_000_001)  # over the real limit; sparse: the size counts, not the disk
    assert _setting_for(["run", "--out", "out", "big"], tmp_path).endswith("dirty_decay_ms:0,muzzy_decay_ms:0")
    assert _setting_for(["run", "--out", "big", "small"], tmp_path).endswith("dirty_decay_ms:1000,muzzy_decay_ms:1000")


def test_retain_keeps_only_in_a_process_that_ends_without_freeing(monkeypatch):
    monkeypatch.setattr(_runtime, "_RETAINED", None)
    state = {"pairs": [(1, 2)]}
    _runtime.retain(10, state)
    assert _runtime._RETAINED is None  # the API's default: nothing kept, freed as usual
    _runtime.ends_without_freeing()
    _runtime.retain(10, state)
    _runtime.retain(_runtime.RETAIN_STATEMENTS + 1, {"large": True})  # a large run's state is freed as usual
    assert _runtime._RETAINED is not None and _runtime._RETAINED[0] is state and len(_runtime._RETAINED) == 1


@pytest.mark.parametrize("argv", [["run"], ["--version"], []])
def test_no_input_named_keeps_the_small_setting(argv):
    assert _runtime._named_input(argv) is None


def _env_after_main(env_extra: dict[str, str], cwd) -> str:
    """OPENBLAS_THREAD_TIMEOUT as ``python -m compare``'s module leaves it, and whether numpy was
    loaded before the module set it (it must not be: OpenBLAS reads it once, when numpy loads)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_THREAD_TIMEOUT"} | env_extra
    code = "import sys; sys.argv = ['compare', '--version']; import compare._runtime as r; "
    code += "early = 'numpy' in sys.modules; import compare.__main__, os; "
    code += "print(early, os.environ.get('OPENBLAS_THREAD_TIMEOUT'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_command_line_lets_idle_blas_threads_sleep_unless_the_user_chose(tmp_path):
    assert _env_after_main({}, tmp_path) == "False " + _runtime.IDLE_THREADS_SETTING[1]
    assert _env_after_main({"OPENBLAS_THREAD_TIMEOUT": "28"}, tmp_path) == "False 28"


_MAPPED_BLOCKS = """
import ctypes, sys
sys.argv = ['compare'] + sys.argv[1:]
import compare.__main__

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
before = libc.mallinfo2().hblks
block = bytearray(8 << 20)  # malloc'd by the C library: a mapping of its own, or the heap
print(libc.mallinfo2().hblks - before)
"""


def _mapped_blocks(argv: list[str], cwd, env_extra: dict[str, str] | None = None) -> int:
    """How many blocks glibc's malloc mapped on their own for one 8 MB allocation, once
    ``python -m compare``'s module ran for ``argv`` (0: the heap served it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_TUNABLES"))}
    env |= env_extra or {}
    command = [sys.executable, "-c", _MAPPED_BLOCKS, *argv]
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_a_small_input_keeps_freed_heap_memory_unless_the_user_tunes_malloc(tmp_path):
    """A smaller run serves blocks under 32 MB from malloc's heap (freed ones are reused, not
    unmapped and faulted in again); a large one, or one whose environment tunes malloc itself,
    keeps glibc's defaults (an 8 MB block gets a mapping of its own)."""
    import ctypes

    if not hasattr(ctypes.CDLL(None), "mallinfo2"):
        pytest.skip("a C library without mallinfo2 (glibc before 2.33)")
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    (small / "a.txt").write_text("A short text.\n", encoding="utf-8")
    with open(big / "a.txt", "wb") as fh:
        fh.truncate(20_000_001)  # over the limit of a smaller run (sparse: the size counts)
    assert _mapped_blocks(["run", "small"], tmp_path) == 0
    assert _mapped_blocks(["run", "big"], tmp_path) == 1
    assert _mapped_blocks(["run", "small"], tmp_path, {"MALLOC_TRIM_THRESHOLD_": "131072"}) == 1
    assert _mapped_blocks(["--version"], tmp_path) == 0  # no input named: the smaller run's setting
