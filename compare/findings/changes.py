"""What changed since the last report: new and changed documents, new near duplicates,
new and resolved conflicts, found by comparing with the ``findings.json`` already in the
output folder.

Documents are matched by path, statements by their document's path and text, so the
comparison does not depend on ids. A previous file that cannot be read, or was written
by another schema version, is ignored (the report then has no such section). When nothing
changed the section is left out, so rerunning on the same input gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from .model import SCHEMA_VERSION


@dataclass
class Changes:
    """Differences between the previous findings and the current ones."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    new_near_duplicates: list[tuple[str, str]] = field(default_factory=list)
    new_conflicts: list[dict[str, Any]] = field(default_factory=list)
    resolved_conflicts: list[tuple[str, str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(
            (self.added, self.removed, self.edited, self.new_near_duplicates, self.new_conflicts,
             self.resolved_conflicts)
        )  # fmt: skip


def _conflict_keys(data: dict[str, Any]) -> dict[tuple, tuple[str, str, str]]:
    path = {d["id"]: d["path"] for d in data["documents"]}
    stmt = {s["id"]: (path[s["doc"]], s["text"]) for s in data["statements"]}
    out = {}
    for c in data["conflicts"]:
        if not c.get("certain", True):
            continue
        a, b = stmt[c["a"]], stmt[c["b"]]
        key = (c["kind"], frozenset((a, b)))
        out[key] = (c["kind"], f"{a[0]}: {c['a_value']}", f"{b[0]}: {c['b_value']}")
    return out


def _near_pairs(data: dict[str, Any]) -> set[frozenset[str]]:
    path = {d["id"]: d["path"] for d in data["documents"]}
    return {frozenset((path[p["a"]], path[p["b"]])) for p in data["pairs"] if p["near_duplicate"]}


_NEEDED = (b"schema_version", b"documents", b"pairs", b"conflicts")
"""The top-level sections "what changed" reads whole; of ``statements`` it reads only those
the conflicts name."""


_KEY = re.compile(rb'\n "([a-z_]+)": ')
"""A top-level key of ``findings.json`` as this job writes it (records are indented twice)."""

_RECORD = b'  {"id":"'
"""How a record's line of a section starts, its id next (one record per line, indented twice)."""


def _read_sections(raw: bytes) -> dict[str, Any] | None:
    """The sections "what changed" needs, read from a ``findings.json`` laid out as this job
    writes it (one top-level key per line, one record per line inside it), without parsing
    the large statements, values and groups sections; None for any other layout."""
    if not raw.startswith(b"{\n"):
        return None
    found = [(m.group(1), m.start() + 1) for m in _KEY.finditer(raw)]
    if not found:
        return None
    ends = [start for _, start in found[1:]] + [raw.rindex(b"}")]
    spans = {key: (start, end) for (key, start), end in zip(found, ends, strict=True)}
    if not all(key in spans for key in (*_NEEDED, b"statements")):
        return None
    body = b",".join(raw[slice(*spans[key])].rstrip().rstrip(b",") for key in _NEEDED)
    data = orjson.loads(b"{" + body + b"}")
    first, end = spans[b"statements"]
    wanted = {c[side].encode() for c in data["conflicts"] for side in ("a", "b")}
    records = []
    if wanted:  # one pass over the section's lines (a record each), not a search per statement
        head = len(_RECORD)
        for line in raw[first:end].split(b"\n"):
            if line.startswith(_RECORD) and line[head : line.find(b'"', head)] in wanted:
                records.append(orjson.loads(line.strip().rstrip(b",")))
        if len(records) != len(wanted):
            return None
    data["statements"] = sorted(records, key=lambda r: r["id"])
    return data


def load_previous(out_dir: Path) -> dict[str, Any] | None:
    """The previous ``findings.json`` of ``out_dir`` (its documents, pairs, conflicts and the
    conflicts' statements), or None if absent, unreadable or foreign."""
    try:
        raw = (out_dir / "findings.json").read_bytes()
        data = _read_sections(raw)
        if data is None:  # written by hand or by another tool: read whole
            data = orjson.loads(raw)
    except (OSError, ValueError, IndexError):
        return None
    major = SCHEMA_VERSION.partition(".")[0]  # the sections read here are the same in every 1.x
    if not isinstance(data, dict) or str(data.get("schema_version")).partition(".")[0] != major:
        return None
    try:
        _conflict_keys(data)
        _near_pairs(data)
    except (KeyError, TypeError):
        return None
    return data


def changes(previous: dict[str, Any] | None, current: dict[str, Any]) -> Changes:
    """What ``current`` (``Findings.to_dict()``) adds to or removes from ``previous``
    (empty when there is none)."""
    out = Changes()
    if previous is None:
        return out
    before = {d["path"]: d["sha256"] for d in previous["documents"]}
    now = {d["path"]: d["sha256"] for d in current["documents"]}
    out.added = sorted(set(now) - set(before))
    out.removed = sorted(set(before) - set(now))
    out.edited = sorted(p for p in set(now) & set(before) if now[p] != before[p])
    out.new_near_duplicates = sorted(
        tuple(sorted(p))
        for p in _near_pairs(current) - _near_pairs(previous)  # type: ignore[misc]
    )
    old, new = _conflict_keys(previous), _conflict_keys(current)
    out.new_conflicts = [
        {"kind": v[0], "a": v[1], "b": v[2]} for k, v in sorted(new.items(), key=lambda kv: kv[1]) if k not in old
    ]
    out.resolved_conflicts = sorted(v for k, v in old.items() if k not in new)
    return out
