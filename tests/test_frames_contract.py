"""compare/frames.py is the column contract between stages: every frame a run produces has
exactly the documented columns and types, and the documented value kinds are those emitted
and those the JSON Schema allows."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import compare
from compare import frames, pipeline
from compare.documents.ingest import ingest
from compare.settings import Settings

HARBOR = Path(__file__).parent / "fixtures" / "harbor-fire"


def test_every_stage_frame_has_the_documented_columns(harbor_findings) -> None:
    documents, _ = ingest(HARBOR, Settings())
    per_doc = pipeline.per_document(documents, Settings())
    produced = {
        "DOCUMENTS": documents,
        "LINES": per_doc.lines,
        "STATEMENTS": per_doc.statements,
        "VALUES": per_doc.values,
        "SKETCHES": per_doc.sketches,
        "TOKENS": per_doc.tokens,
        "FEATURES": per_doc.features,
        "PAIRS": harbor_findings.pairs,
        "PASSAGES": harbor_findings.passages,
        "GROUPS": harbor_findings.groups,
        "CONFLICTS": harbor_findings.conflicts,
        "SKIPPED": harbor_findings.skipped,
    }
    for name, frame in produced.items():
        assert frame.schema == pl.Schema(getattr(frames, name)), name
        assert frame.height or name == "SKIPPED", name


def test_value_kinds_are_those_emitted_and_those_the_schema_allows(harbor_findings) -> None:
    shipped = Path(compare.__file__).parent / "findings" / "findings.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    allowed = schema["properties"]["values"]["items"]["properties"]["kind"]["enum"]
    assert sorted(allowed) == sorted(frames.VALUE_KINDS)
    emitted = set(harbor_findings.values.get_column("kind").to_list())
    assert emitted <= set(frames.VALUE_KINDS) and {"date", "number", "ordinal", "time"} <= emitted
