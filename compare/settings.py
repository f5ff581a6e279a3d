"""One typed settings object for the whole pipeline.

Precedence, lowest first: built-in defaults, ``[tool.compare]`` in a
``pyproject.toml``, a ``compare.toml`` file, then explicit overrides (CLI flags or
keyword arguments of :func:`compare.run`). Parameters are named after the algorithm
they control, so ``--help``, the README's method section and ``findings.json``
explain each other.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import UsageError

FAIL_ON_HELP = """conditions: near-duplicate (any near-duplicate pair), conflict (any conflict
above conflict_min_confidence), possible-conflict (any conflict at all), similarity:X or
similarity>X (any pair with exact Jaccard above X, e.g. similarity:0.8), skipped (any file
that could not be read)"""

_SIMILARITY = re.compile(r"similarity\s*(?:>|:)\s*(\S+)")
"""``similarity>0.8`` or ``similarity:0.8`` (the second needs no quoting in a shell)."""


def parse_fail_on(condition: str) -> str:
    """Validate one condition; returns it normalized (``similarity>X`` for both spellings),
    raises ValueError with a one-line reason."""
    c = condition.strip().lower().replace("_", "-")
    if c in ("near-duplicate", "conflict", "possible-conflict", "skipped"):
        return c
    m = _SIMILARITY.fullmatch(c)
    if m:
        try:
            value = float(m.group(1))
        except ValueError:
            raise ValueError(f"bad threshold in {condition!r}") from None
        if not 0.0 <= value < 1.0:
            raise ValueError(f"similarity threshold must be in [0, 1): {condition!r}")
        return f"similarity>{value:g}"
    raise ValueError(f"unknown --fail-on condition {condition!r}; {' '.join(FAIL_ON_HELP.split())}")


@dataclass(frozen=True)
class Settings:
    """Every parameter that shapes the findings; printed into the report."""

    extensions: tuple[str, ...] = (".txt", ".md")
    """File name endings that are read as documents (recursively)."""
    max_bytes: int = 64 * 1024 * 1024
    """Files larger than this are skipped with a reason instead of being read."""

    shingle_size: int = 3
    """Word n-gram order of the document shingles."""
    num_perm: int = 128
    """Number of MinHash permutations (datasketch, scheme ``affine32``)."""
    seed: int = 1
    """Seed of the MinHash permutations; fixed so runs are reproducible."""
    lsh_threshold: float = 0.4
    """Jaccard the LSH bands are tuned for, weighted for recall (candidate generation only):
    bands and rows are chosen by datasketch's optimiser; with 128 permutations a true 0.5 pair
    becomes a candidate 99.6 % of the time, a 0.05 pair 0.5 % of the time."""
    near_duplicate_jaccard: float = 0.5
    """Exact shingle Jaccard at or above which two documents are near duplicates."""
    near_duplicate_containment: float = 0.8
    """Containment of the smaller document at or above which it is a near duplicate."""
    all_pairs_max_docs: int = 200
    """Up to this many documents every pair is verified exactly (full similarity table)."""

    passage_min_words: int = 8
    """Shortest shared passage reported, in words."""
    passage_seed_words: int = 5
    """Word n-gram order of the passage index (seeds that are extended)."""
    passage_max_df: float = 0.5
    """Seed n-grams found in more than this share of documents (and in >2) are ignored."""

    match_threshold: float = 0.5
    """Statement match score at or above which two statements say the same thing."""
    conflict_min_confidence: float = 0.5
    """Conflicts below this confidence are listed as possible conflicts only."""
    semantic: bool = False
    """Also match statements by sentence embeddings (the optional semantic extra,
    ``pip install 'compare-sources[semantic]'``): paraphrases in other words join one group. Slower."""

    top_n: int = 20
    """Items per report section; the full lists are always in findings.json."""
    title: str = ""
    """The report's title, naming the subject; empty: from the input folder's name
    (``harbor-fire`` -> "Harbor fire"). Shapes no finding."""

    fail_on: tuple[str, ...] = ()
    """Conditions that make the run exit with code 1 once its outputs are written (CI
    gates; see ``--fail-on``). Shapes no finding; kept here so a config file can set it."""

    def __post_init__(self) -> None:
        checks = [
            (self.shingle_size >= 1, "shingle_size must be >= 1"),
            (self.num_perm >= 16, "num_perm must be >= 16"),
            (0.0 < self.lsh_threshold < 1.0, "lsh_threshold must be in (0, 1)"),
            (0.0 < self.near_duplicate_jaccard <= 1.0, "near_duplicate_jaccard must be in (0, 1]"),
            (0.0 < self.near_duplicate_containment <= 1.0, "near_duplicate_containment must be in (0, 1]"),
            (self.passage_seed_words >= 2, "passage_seed_words must be >= 2"),
            (self.passage_min_words >= self.passage_seed_words, "passage_min_words must be >= passage_seed_words"),
            (0.0 < self.passage_max_df <= 1.0, "passage_max_df must be in (0, 1]"),
            (0.0 < self.match_threshold <= 1.0, "match_threshold must be in (0, 1]"),
            (0.0 <= self.conflict_min_confidence <= 1.0, "conflict_min_confidence must be in [0, 1]"),
            (self.top_n >= 1, "top_n must be >= 1"),
            (self.max_bytes >= 1, "max_bytes must be >= 1"),
            (not any(c in self.title for c in "\r\n"), "title must be one line"),
        ]
        for ok, message in checks:
            if not ok:
                raise UsageError(f"invalid setting: {message}")
        try:
            object.__setattr__(self, "fail_on", tuple(dict.fromkeys(parse_fail_on(c) for c in self.fail_on)))
        except ValueError as exc:
            raise UsageError(f"invalid setting fail_on: {exc}") from None

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able mapping, in declaration order."""
        out = dataclasses.asdict(self)
        out["extensions"] = list(self.extensions)
        out["fail_on"] = list(self.fail_on)
        return out

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (validated, unknown names rejected)."""
        return _build(self.as_dict() | _checked(changes, "override"))


_FIELDS = {f.name: f for f in fields(Settings)}
DEFAULTS = Settings()


_KINDS = {bool: "true or false", int: "a whole number", float: "a number", str: "a string", tuple: "a list of strings"}
"""What each type of setting accepts, as the error message says it."""


def _typed(default: Any, value: Any) -> Any:
    """``value`` as the type of ``default``, or raise ValueError: strict, as TOML types are
    (a boolean is ``true``/``false``, never the string "false"; a number is not a string,
    nor a string a number);
    the only conversions are a whole number where a float is expected and a list to a tuple."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(default, float):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif isinstance(default, str):
        if isinstance(value, str):
            return value
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):  # a tuple setting
        return tuple(value)
    raise ValueError


def _checked(values: dict[str, Any], where: str) -> dict[str, Any]:
    """Reject unknown keys and values of the wrong type, naming where a bad value came from."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            raise UsageError(f"unknown setting {key!r} in {where}; known: {', '.join(sorted(_FIELDS))}")
        default = getattr(DEFAULTS, name)
        try:
            out[name] = _typed(default, value)
        except ValueError:
            expected = next(text for kind, text in _KINDS.items() if isinstance(default, kind))
            raise UsageError(f"setting {key!r} in {where} must be {expected}, not {value!r}") from None
    return out


def _build(values: dict[str, Any]) -> Settings:
    values = dict(values)
    for name in ("extensions", "fail_on"):
        if name in values:
            values[name] = tuple(values[name])
    return Settings(**values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror})") from None


def load_settings(
    config: Path | None = None, overrides: dict[str, Any] | None = None, cwd: Path | None = None
) -> tuple[Settings, list[str]]:
    """Resolve the effective settings and the list of sources they came from.

    ``pyproject.toml`` (its ``[tool.compare]`` table) and ``compare.toml`` in ``cwd`` are
    read when present, then ``config`` (its ``[tool.compare]`` table if it has one, else
    its top level), each overriding the one before.
    """
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    sources = ["defaults"]
    candidates = [p for p in (cwd / "pyproject.toml", cwd / "compare.toml") if p.is_file()]
    if config is not None:
        if not config.is_file():
            raise UsageError(f"config file not found: {config}")
        candidates.append(config)
    for path in candidates:
        data = _read_toml(path)
        table = data.get("tool", {}).get("compare") if "tool" in data else None
        if table is None and path.name != "pyproject.toml":
            table = data
        if table:
            values |= _checked(table, str(path.name))
            sources.append(path.name)
    if overrides:
        values |= _checked({k: v for k, v in overrides.items() if v is not None}, "options")
        if any(v is not None for v in overrides.values()):
            sources.append("command line")
    return _build(values), sources


__all__ = ["DEFAULTS", "Settings", "field", "load_settings"]
