"""The baseline of accepted findings (``compare-baseline.json``) and GitHub annotations.

A baseline lists the conflicts and near-duplicate pairs a team has accepted, so the
``--fail-on`` gates ``conflict``, ``possible-conflict`` and ``near-duplicate`` fail only on
new ones, as linters' baselines do. Findings are named by what does not depend on document
ids (which shift when a file is added): a conflict by its kind and its two sides, each a
document path and a statement text, in either order; a near-duplicate pair by its two paths.
Pure functions: the CLI reads and writes the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from ..errors import UsageError

if TYPE_CHECKING:
    from .model import Findings

BASELINE_VERSION = 1
DEFAULT_BASELINE = "compare-baseline.json"
"""File name of the baseline the CLI writes and reads by default, in the working directory."""

Side = tuple[str, str]
ConflictKey = tuple[str, Side, Side]
PairKey = tuple[str, str]


def _side(findings: Findings, stmt_id: str) -> Side:
    """One side of a conflict as (document path, statement text): stable across runs."""
    s = findings.statement(stmt_id)
    return findings.path(s["doc_id"]), s["text"]


def _key(kind: str, a: Side, b: Side) -> ConflictKey:
    """A conflict's key: its kind and its two sides in sorted order (either order names it)."""
    first, second = sorted((a, b))
    return kind, first, second


def conflict_key(findings: Findings, conflict: dict[str, Any]) -> ConflictKey:
    """What names a conflict in a baseline: its kind and its two sides, in sorted order."""
    return _key(conflict["kind"], _side(findings, conflict["a"]), _side(findings, conflict["b"]))


def near_duplicate_keys(findings: Findings) -> list[PairKey]:
    """The near-duplicate pairs, each as its two paths in sorted order."""
    rows = findings.pairs.filter(pl.col("near_duplicate")).select("a", "b").iter_rows()
    paths = [(findings.path(a), findings.path(b)) for a, b in rows]
    return [(min(a, b), max(a, b)) for a, b in paths]


def baseline_entries(findings: Findings) -> dict[str, Any]:
    """The baseline of ``findings``: every conflict (certain and possible) and near-duplicate
    pair, sorted and without repeats, so the same findings always give the same data."""
    conflicts = sorted({conflict_key(findings, c) for c in findings.conflict_list})
    return {
        "version": BASELINE_VERSION,
        "conflicts": [
            {"kind": kind, "a": {"path": a[0], "text": a[1]}, "b": {"path": b[0], "text": b[1]}}
            for kind, a, b in conflicts
        ],
        "near_duplicates": [list(p) for p in sorted(set(near_duplicate_keys(findings)))],
    }


def dumps_baseline(entries: dict[str, Any]) -> str:
    """The text of a baseline file: indented JSON in a fixed key order, UTF-8, newline-terminated."""
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def _invalid(path: Path, reason: str) -> UsageError:
    return UsageError(f"baseline file {path}: {reason}")


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _check_conflict(entry: Any) -> bool:
    """Whether ``entry`` is a conflict as :func:`baseline_entries` writes it."""
    if not isinstance(entry, dict) or not _text(entry.get("kind")):
        return False
    sides = [entry.get("a"), entry.get("b")]
    return all(isinstance(s, dict) and _text(s.get("path")) and _text(s.get("text")) for s in sides)


def validate_baseline(data: Any, path: Path) -> dict[str, Any]:
    """``data`` if it is a baseline of the version this code reads, else a UsageError naming why."""
    if not isinstance(data, dict):
        raise _invalid(path, "not a JSON object")
    if type(data.get("version")) is not int or data["version"] != BASELINE_VERSION:
        raise _invalid(path, f"unsupported version {data.get('version')!r} (this compare reads {BASELINE_VERSION})")
    conflicts, pairs = data.get("conflicts"), data.get("near_duplicates")
    if not isinstance(conflicts, list) or not all(_check_conflict(c) for c in conflicts):
        raise _invalid(path, "'conflicts' must be a list of {kind, a: {path, text}, b: {path, text}}")
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(_text(x) for x in p) for p in pairs
    ):
        raise _invalid(path, "'near_duplicates' must be a list of [path, path] pairs")
    return data


def load_baseline(path: Path) -> dict[str, Any]:
    """Read and check a baseline file; a UsageError (exit code 2) with a one-line reason when
    it is missing, unreadable or not a baseline."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"baseline file not found: {path}") from None
    except OSError as exc:
        raise _invalid(path, f"cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _invalid(path, "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _invalid(path, f"not valid JSON ({exc})") from None
    return validate_baseline(data, path)


def _conflict_keys(baseline: dict[str, Any]) -> set[ConflictKey]:
    """The conflicts of a baseline as keys, sides sorted (a hand-edited file may swap them)."""
    return {
        _key(c["kind"], (c["a"]["path"], c["a"]["text"]), (c["b"]["path"], c["b"]["text"]))
        for c in baseline["conflicts"]
    }


def new_conflicts(findings: Findings, baseline: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The conflicts (certain and possible, most confident first) that the baseline does not
    accept; all of them without a baseline."""
    if baseline is None:
        return list(findings.conflict_list)
    accepted = _conflict_keys(baseline)
    return [c for c in findings.conflict_list if conflict_key(findings, c) not in accepted]


def new_near_duplicates(findings: Findings, baseline: dict[str, Any] | None) -> list[PairKey]:
    """The near-duplicate pairs (as paths) that the baseline does not accept."""
    pairs = near_duplicate_keys(findings)
    if baseline is None:
        return pairs
    accepted = {(min(a, b), max(a, b)) for a, b in baseline["near_duplicates"]}
    return [p for p in pairs if p not in accepted]


def accepted_summary(findings: Findings, baseline: dict[str, Any], conditions: list[str] | tuple[str, ...]) -> str:
    """What the baseline accepted among the findings the given conditions look at, e.g.
    ``2 of 3 conflicts, 1 of 1 near-duplicate pair``; empty when no such condition is set."""
    parts = []
    if "conflict" in conditions or "possible-conflict" in conditions:
        every = "possible-conflict" in conditions
        total = [c for c in findings.conflict_list if every or c["certain"]]
        new = [c for c in new_conflicts(findings, baseline) if every or c["certain"]]
        parts.append(f"{len(total) - len(new)} of {len(total)} conflict{'s' * (len(total) != 1)}")
    if "near-duplicate" in conditions:
        total_pairs = len(near_duplicate_keys(findings))
        accepted = total_pairs - len(new_near_duplicates(findings, baseline))
        parts.append(f"{accepted} of {total_pairs} near-duplicate pair{'s' * (total_pairs != 1)}")
    return ", ".join(parts)


# ---- GitHub annotations --------------------------------------------------------------------
def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's workflow-command docs say."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file=..., line=...): also ``:`` and ``,`` escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(findings: Findings, baseline: dict[str, Any] | None, input_dir: str) -> list[str]:
    """One ``::warning`` line per new certain conflict, on the first side's file and line,
    naming the other side; ``input_dir`` (as given, ``/``-separated) prefixes the paths."""
    prefix = input_dir.rstrip("/")
    lines = []
    for c in new_conflicts(findings, baseline):
        if not c["certain"]:
            continue
        a, b = findings.statement(c["a"]), findings.statement(c["b"])
        file = f"{prefix}/{findings.path(a['doc_id'])}" if prefix not in ("", ".") else findings.path(a["doc_id"])
        message = f"{c['kind']} conflict: {c['a_value']} vs {c['b_value']} ({findings.path(b['doc_id'])}:{b['line']})"
        lines.append(f"::warning file={escape_property(file)},line={a['line']}::{escape_data(message)}")
    return lines
