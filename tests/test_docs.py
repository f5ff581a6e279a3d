"""The README holds to the code: its map of modules names every module of the package and
only modules that exist; every setting is in its settings table."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import compare
from compare.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _map_rows() -> list[str]:
    """The first cells of the README's map of modules."""
    section = README.split("| Module | What it does |", 1)[1].split("\n\n", 1)[0]
    return [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]


def test_the_map_of_modules_matches_the_tree() -> None:
    named = {path for cell in _map_rows() for path in re.findall(r"`(compare/[\w/]+\.py)`", cell)}
    package = Path(compare.__file__).parent
    modules = {
        p.relative_to(ROOT).as_posix()
        for p in package.rglob("*.py")
        if "__pycache__" not in p.parts and p.name != "__init__.py"
    }
    assert named - modules == set(), "the README names modules that do not exist"
    assert modules - named == set(), "modules missing from the README's map"


def test_every_setting_is_in_the_settings_table() -> None:
    for field in dataclasses.fields(Settings):
        assert f"| `{field.name}` |" in README, field.name


def test_the_licence_and_the_typing_marker_ship() -> None:
    """A LICENSE at the top, its licence named in the metadata, and py.typed in the package."""
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert meta["project"]["license"] == {"text": "MIT"}
    assert (Path(compare.__file__).parent / "py.typed").is_file()
    assert "py.typed" in meta["tool"]["setuptools"]["package-data"]["compare"]
