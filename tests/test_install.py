"""The package as a user installs it: a wheel built from the project's files and installed
into a new virtual environment outside the repository gives a ``compare-sources`` that runs
on another folder; ``python -m compare`` from the folder holding a clone named ``compare``.

Offline: pip builds the wheel with the build backend of this environment
(``--no-build-isolation``, so setuptools and wheel of the test extra) and installs it without
its dependencies (``--no-deps --no-index``); the new environment finds those in this one's
site-packages through a ``.pth`` line, as they would be after ``pip install .`` fetched them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import compare

ROOT = Path(__file__).resolve().parents[1]
HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "compare")
"""What building the wheel reads of the repository."""

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("wheel") is None and importlib.util.find_spec("setuptools.command.bdist_wheel") is None,
    reason="building a wheel offline needs the wheel package (test extra) or setuptools >= 70.1",
)


def _venv(folder: Path, with_dependencies: bool) -> Path:
    """A new virtual environment in ``folder`` (no pip of its own: this one's runs it); with
    ``with_dependencies``, this environment's site-packages on its path. Its python."""
    venv.EnvBuilder(with_pip=False).create(folder)
    python = folder / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=folder).stdout.strip()
    if with_dependencies:
        (Path(purelib) / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


def _run(*cmd: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``cmd`` in ``cwd``, without ``PYTHONPATH`` (which would put another copy of the package first)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a new environment with the package installed from a wheel of a copy
    of the repository's files (the build leaves its folders in the copy, not in the repository)."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    python = _venv(base / "env", with_dependencies=True)
    pip = [python, "-m", "pip", "install", "-q", "--no-build-isolation", "--no-deps", "--no-index", source]
    done = _run(*pip, cwd=base)
    assert done.returncode == 0, done.stderr[-3000:]
    return python.parent


def test_the_installed_command_runs_on_another_folder(installed: Path, tmp_path: Path, monkeypatch) -> None:
    version = _run(installed / "compare-sources", "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"compare-sources {compare.__version__}"
    where = _run(installed / "python", "-c", "import compare, pathlib; print(pathlib.Path(compare.__file__).parent)",
                 cwd=tmp_path)  # fmt: skip
    package = Path(where.stdout.strip())
    assert package.is_relative_to(installed.parent) and not package.is_relative_to(ROOT)
    assert (package / "py.typed").is_file() and (package / "findings" / "findings.schema.json").is_file()
    news = tmp_path / "news"
    shutil.copytree(HARBOR, news, ignore=shutil.ignore_patterns("*.json"))
    done = _run(installed / "compare-sources", "run", "news", "--out", "out", "--export", "csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("compare: 4 documents")
    monkeypatch.chdir(tmp_path)  # no pyproject.toml with settings around, as for the command
    expected = compare.run(news, tmp_path / "here")  # the same code, imported from the repository
    assert (tmp_path / "out" / "findings.json").read_bytes() == (tmp_path / "here" / "findings.json").read_bytes()
    rows = (tmp_path / "out" / "conflicts.csv").read_text(encoding="utf-8").count("\n")
    assert rows == len(expected.conflict_list) + 1
    assert (tmp_path / ".compare-cache" / "CACHEDIR.TAG").is_file()
    module = _run(installed / "python", "-m", "compare", "--version", cwd=tmp_path)
    assert module.returncode == 0 and module.stdout == version.stdout


def test_the_semantic_hint_names_the_distribution(installed: Path, tmp_path: Path) -> None:
    from compare.statements import embeddings

    if embeddings.available():
        pytest.skip("the semantic extra is installed here: nothing to hint")
    done = _run(installed / "compare-sources", "run", HARBOR, "--out", "out", "--semantic", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "pip install 'compare-sources[semantic]'" in done.stderr


def test_python_m_compare_from_the_folder_holding_a_clone(tmp_path: Path) -> None:
    """There the clone's folder, not the package, is what ``import compare`` finds first: its
    ``__main__.py`` runs the package inside the clone, or says in one line what is missing."""
    clone = tmp_path / "compare"
    clone.mkdir()
    shutil.copy(ROOT / "__main__.py", clone / "__main__.py")
    shutil.copytree(ROOT / "compare", clone / "compare", ignore=shutil.ignore_patterns("__pycache__"))
    (clone / "compare" / "__init__.py").write_text(
        (ROOT / "compare" / "__init__.py").read_text(encoding="utf-8").replace(
            f'__version__ = "{compare.__version__}"', '__version__ = "0.0.0+clone"'
        ),
        encoding="utf-8",
    )  # so the output shows which copy ran
    works = _run(sys.executable, "-m", "compare", "--version", cwd=tmp_path)
    assert works.returncode == 0 and works.stdout.strip() == "compare-sources 0.0.0+clone", works.stderr
    bare = _venv(tmp_path / "bare", with_dependencies=False)
    fails = _run(bare, "-m", "compare", "--version", cwd=tmp_path)
    assert fails.returncode == 2 and fails.stdout == "" and fails.stderr.count("\n") == 1
    assert fails.stderr.startswith("compare: error: cannot run the clone in") and "pip install" in fails.stderr
