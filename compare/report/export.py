"""``--export csv|parquet``: the findings as four flat tables next to ``report.md``.

One row per item, every statement cited by its file's path and line, so a spreadsheet or a
data frame reads them without ``findings.json``'s ids (the columns are in :data:`COLUMNS`
and docs/exports.md). Rows come in the order of ``findings.json``; the same findings give the
same bytes (polars writes both formats; floats as computed, no timestamps).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

import polars as pl

from ..findings.model import Findings

log = logging.getLogger(__name__)

FORMATS = ("csv", "parquet")
"""The export formats, as ``--export`` names them."""

COLUMNS: dict[str, dict[str, pl.DataType]] = {
    "conflicts": {
        "id": pl.String, "kind": pl.String, "certain": pl.Boolean, "confidence": pl.Float64,
        "a_path": pl.String, "a_line": pl.Int64, "a_value": pl.String, "a_text": pl.String,
        "b_path": pl.String, "b_line": pl.Int64, "b_value": pl.String, "b_text": pl.String,
        "explanation": pl.String,
    },
    "repeated": {
        "group": pl.String, "independent_sources": pl.Int64, "representative": pl.Boolean,
        "path": pl.String, "line": pl.Int64, "score": pl.Float64, "text": pl.String, "stmt_id": pl.String,
    },
    "unique": {"path": pl.String, "line": pl.Int64, "text": pl.String, "stmt_id": pl.String},
    "pairs": {
        "a_path": pl.String, "b_path": pl.String, "jaccard": pl.Float64, "containment": pl.Float64,
        "estimate": pl.Float64, "near_duplicate": pl.Boolean,
    },
}  # fmt: skip
"""Each table's columns, in order, with their types (a test holds the files to them)."""


def _cited(frame: pl.DataFrame, findings: Findings, side: str = "") -> pl.DataFrame:
    """``frame`` with the path, line and text of the statement in its ``{side}stmt_id``
    column (``a_``/``b_`` prefixed when ``side``), rows in their order."""
    statements = findings.statements.select(
        pl.col("stmt_id").alias(f"{side}stmt_id"),
        pl.col("doc_id").alias(f"{side}doc_id"),
        pl.col("line").alias(f"{side}line"),
        pl.col("text").alias(f"{side}text"),
    )
    paths = findings.documents.select(pl.col("doc_id").alias(f"{side}doc_id"), pl.col("path").alias(f"{side}path"))
    return frame.join(statements, on=f"{side}stmt_id", how="left", maintain_order="left").join(
        paths, on=f"{side}doc_id", how="left", maintain_order="left"
    )


def conflicts_table(findings: Findings) -> pl.DataFrame:
    """Conflicts, most confident first (as in ``findings.json``), both sides cited."""
    rows = [
        {"id": c["id"], "kind": c["kind"], "certain": c["certain"], "confidence": c["confidence"],
         "a_stmt_id": c["a"], "b_stmt_id": c["b"], "a_value": c["a_value"], "b_value": c["b_value"],
         "explanation": c["explanation"]}
        for c in findings.conflict_list
    ]  # fmt: skip
    schema = {"a_stmt_id": pl.String, "b_stmt_id": pl.String} | {
        k: v for k, v in COLUMNS["conflicts"].items() if not k.endswith(("_path", "_line", "_text"))
    }
    frame = pl.DataFrame(rows, schema=schema)
    return _cited(_cited(frame, findings, "a_"), findings, "b_").select(list(COLUMNS["conflicts"]))


def repeated_table(findings: Findings) -> pl.DataFrame:
    """One row per statement of each repeated group (groups in report order, statements by
    document), with the group's count of independent sources (reposts counted once)."""
    rows = [
        {"group": g["id"], "independent_sources": g["independent_docs"], "representative": sid == g["representative"],
         "score": g["scores"][sid], "stmt_id": sid}
        for g in findings.repeated
        for sid in g["statements"]
    ]  # fmt: skip
    schema = {k: COLUMNS["repeated"][k] for k in ("group", "independent_sources", "representative", "score", "stmt_id")}
    return _cited(pl.DataFrame(rows, schema=schema), findings).select(list(COLUMNS["repeated"]))


def unique_table(findings: Findings) -> pl.DataFrame:
    """Claims no other source makes, in document order."""
    frame = pl.DataFrame({"stmt_id": findings.unique}, schema={"stmt_id": pl.String})
    return _cited(frame, findings).select(list(COLUMNS["unique"]))


def pairs_table(findings: Findings) -> pl.DataFrame:
    """The document pairs ``findings.json`` lists, by path, with their similarity (rounded to
    6 decimals, as there)."""
    paths = findings.documents.select("doc_id", "path")
    rounded = [pl.col(name).round(6) for name in ("estimate", "jaccard", "containment")]
    return (
        findings.pairs.with_columns(rounded)
        .join(paths.rename({"doc_id": "a", "path": "a_path"}), on="a", how="left", maintain_order="left")
        .join(paths.rename({"doc_id": "b", "path": "b_path"}), on="b", how="left", maintain_order="left")
        .select(list(COLUMNS["pairs"]))
    )


TABLES: dict[str, Callable[[Findings], pl.DataFrame]] = {
    "conflicts": conflicts_table,
    "repeated": repeated_table,
    "unique": unique_table,
    "pairs": pairs_table,
}
"""The exported tables, by file stem."""


def encode(table: pl.DataFrame, fmt: str) -> bytes:
    """``table`` as the bytes of a CSV file (UTF-8, header, ``\\n``) or a Parquet file."""
    buffer = io.BytesIO()
    if fmt == "csv":
        table.write_csv(buffer, line_terminator="\n")
    else:
        table.write_parquet(buffer, compression="zstd", statistics=False)
    return buffer.getvalue()


def export_files(findings: Findings, formats: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """The file names and bytes of every table in each of ``formats``."""
    tables = {name: make(findings) for name, make in TABLES.items()} if formats else {}
    return [(f"{name}.{fmt}", encode(table, fmt)) for fmt in formats for name, table in tables.items()]


def stale_exports(out_dir: Path, formats: tuple[str, ...]) -> list[Path]:
    """Tables an earlier run exported in a format this run does not: they would disagree with
    the new report, so the writer removes them."""
    return [
        out_dir / f"{name}.{fmt}"
        for fmt in FORMATS
        if fmt not in formats
        for name in TABLES
        if (out_dir / f"{name}.{fmt}").exists()
    ]
