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
from compare.statements.segment import segment
from compare.text.normalize import normalize
from compare.text.words import content_stems, words

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
    segmented = segment(normalize(documents))
    assert segmented.schema == pl.Schema(frames.SEGMENTED)
    assert segmented.drop("stems").equals(per_doc.statements)  # the stems are not kept past the features


def test_stems_are_made_from_the_text_alone(helpers) -> None:
    """The statements frame drops the segment stage's stems: a stage that needs a statement's
    stems makes them from its text (the conflict rules' context), which gives the same stems."""
    documents, _ = ingest(HARBOR, Settings())
    segmented = segment(normalize(documents))
    for text, stems in segmented.select("text", "stems").iter_rows():
        assert content_stems(words(text)) == stems, text


def test_value_kinds_are_those_emitted_and_those_the_schema_allows(harbor_findings) -> None:
    shipped = Path(compare.__file__).parent / "findings" / "findings.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    allowed = schema["properties"]["values"]["items"]["properties"]["kind"]["enum"]
    assert sorted(allowed) == sorted(frames.VALUE_KINDS)
    emitted = set(harbor_findings.values.get_column("kind").to_list())
    assert emitted <= set(frames.VALUE_KINDS) and {"date", "number", "ordinal", "time"} <= emitted


def test_a_mention_row_holds_the_mentions_columns_but_words() -> None:
    """The facts table reads the mentions frame as tuples (MentionRow): the frame's columns in its
    order, less the words it never reads; built from a real frame, each row holds its values."""
    from compare.statements.fact_scope import MentionRow, mention_rows

    assert list(MentionRow._fields) == [name for name in frames.MENTIONS if name != "words"]
    mentions = pl.DataFrame(
        {
            name: [[], ["x"]] if dtype == pl.List(pl.String) else ([0.5, 2.0] if dtype == pl.Float64 else None)
            for name, dtype in frames.MENTIONS.items()
        },
        schema=frames.MENTIONS,
    ).with_columns(stmt_id=pl.Series(["0:1", "1:2"]), doc_id=pl.Series([0, 1]), span=pl.Series(["5", "six"]))
    rows = mention_rows(mentions)
    assert [(r.stmt_id, r.doc_id, r.span, r.low, r.places) for r in rows] == [
        ("0:1", 0, "5", 0.5, []),
        ("1:2", 1, "six", 2.0, ["x"]),
    ]
