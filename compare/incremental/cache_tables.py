"""The tables of the per-document cache (:mod:`compare.cache`) and the frame work on them.

A segment stores each stage frame of its documents with ``doc_id`` replaced by the
document's number in the segment (``doc``) and ``stmt_id`` by the statement's number ``n``
in its document (:data:`TABLES`), rows in document order (:data:`ORDER`); the documents
table (:data:`DOCUMENTS`) says which segment holds each document. This module turns a
run's frames into a segment's tables (:func:`segment_table`), a segment's tables back into
a run's frames (:func:`relabel`, :func:`loaded`), and merges cached and computed frames into
one document order (:func:`combine`), sorting only when the rows are not in order already.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from .. import frames
from ..frames import PerDocument
from ..ids import statement_doc_expr, statement_id_expr, statement_n_expr

_DOC = {"doc": pl.Int64}
"""Every stored row is keyed by its document's number in the segment."""


def _elements(name: str, dtype: pl.Array) -> list[str]:
    """The columns a fixed-size array column ``name`` is stored as, one per element."""
    return [f"{name}.{i}" for i in range(dtype.size)]


def _spread_schema(schema: dict[str, pl.DataType]) -> dict[str, pl.DataType]:
    """``schema`` with each fixed-size array column (``sentence_sig``) stored as one column per
    element (``sentence_sig.0``, ``sentence_sig.1`` ...): Parquet decodes a fixed-size array
    about four times slower than as many plain columns and stores it twice as large (the
    features of 1,000 articles: 32 ms against 17, 8.8 MB against 4.8), on a rerun's critical path."""
    out: dict[str, pl.DataType] = {}
    for name, dtype in schema.items():
        if isinstance(dtype, pl.Array):
            out |= dict.fromkeys(_elements(name, dtype), dtype.inner)  # type: ignore[arg-type]
        else:
            out[name] = dtype
    return out


def _spread(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with its fixed-size array columns spread into one column per element, as
    :func:`_spread_schema` names them."""
    arrays = [(name, dtype) for name, dtype in frame.schema.items() if isinstance(dtype, pl.Array)]
    if not arrays:
        return frame
    spread = [
        pl.col(name).arr.get(i).alias(column)
        for name, dtype in arrays
        for i, column in enumerate(_elements(name, dtype))
    ]
    return frame.with_columns(spread).drop([name for name, _ in arrays])


def _gathered(table: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The stored ``table`` with the fixed-size array columns of ``schema`` gathered back from
    their element columns (through one matrix: a copy, no per-row work)."""
    arrays = {name: dtype for name, dtype in schema.items() if isinstance(dtype, pl.Array)}
    for name, dtype in arrays.items():
        parts = _elements(name, dtype)  # type: ignore[arg-type]
        matrix = table.select(parts).to_numpy(order="c")
        table = table.with_columns(pl.Series(name, matrix, dtype=dtype)).drop(parts)
    return table


TABLES: dict[str, dict[str, pl.DataType]] = {
    "lines": _DOC | {k: v for k, v in frames.LINES.items() if k != "doc_id"},
    "statements": _DOC
    | {"n": pl.Int64}
    | {k: v for k, v in frames.STATEMENTS.items() if k not in ("stmt_id", "doc_id")},
    "values": _DOC | {"n": pl.Int64} | {k: v for k, v in frames.VALUES.items() if k != "stmt_id"},
    "sketches": _DOC | {k: v for k, v in frames.SKETCHES.items() if k != "doc_id"},
    "tokens": _DOC | {k: v for k, v in frames.TOKENS.items() if k != "doc_id"},
    "features": _DOC | {"n": pl.Int64} | _spread_schema({k: v for k, v in frames.FEATURES.items() if k != "stmt_id"}),
    "mentions": _DOC | {"n": pl.Int64} | {k: v for k, v in frames.MENTIONS.items() if k not in ("stmt_id", "doc_id")},
}
"""The tables of a segment and their columns: the stage frames with ``doc_id`` replaced by
the document's number in the segment and ``stmt_id`` by the statement's number ``n`` in
its document, a fixed-size array column as one column per element (:func:`_spread_schema`)."""
ORDER: dict[str, str | None] = {
    "lines": "line", "statements": "n", "values": "n", "sketches": None, "tokens": "pos", "features": "n",
    "mentions": "n",
}  # fmt: skip
"""Within a document, a table's rows are stored in this column's order (ties in stored
order), which is the order :func:`combine` gives them: a load then needs no sort."""
DOCUMENTS = {"sha256": pl.String, "last_run": pl.Int64, "tokens": pl.Boolean, "segment": pl.String, "doc": pl.Int64}
"""The documents the segments hold: the segment and number of each one's rows, the run
that last used it, and whether its tokens are stored (a run on a single document has no
use for them and does not make them)."""


def _in_order(frame: pl.DataFrame, by: list[str]) -> bool:
    """Whether the rows of ``frame`` are sorted by the integer columns ``by`` (one or two;
    lexicographically, ties allowed): an O(n) check that spares a sort and its gather."""
    if frame.height < 2:
        return True
    if len(by) == 1:
        return frame.get_column(by[0]).is_sorted()
    first, second = (pl.col(name).diff() for name in by)
    return bool(frame.select(((first > 0) | ((first == 0) & (second >= 0))).all()).item())


def _ordered(frame: pl.DataFrame, by: list[str]) -> pl.DataFrame:
    """``frame`` stably sorted by ``by``, or itself when it already is."""
    return frame if _in_order(frame, by) else frame.sort(by, maintain_order=True)


def _merge(cached: pl.DataFrame, fresh: pl.DataFrame, doc: str | None) -> pl.DataFrame:
    """The rows of two frames, each sorted by document (column ``doc``, or the document of
    ``stmt_id`` when None) and holding different documents, in one document order; the
    rows of a document keep their order. No sort when one frame's documents all come
    before the other's (a file added at the end or the start of the path order)."""
    if cached.height == 0 or fresh.height == 0:
        return pl.concat([cached, fresh])
    key = pl.col(doc) if doc else statement_doc_expr()
    # the documents of each frame's first and last rows (read off those two rows only: the
    # document of a statement id is parsed from its text)
    (first_cached, last_cached), (first_fresh, last_fresh) = (
        pl.concat([frame.head(1), frame.tail(1)]).select(key).to_series().to_list() for frame in (cached, fresh)
    )
    if last_cached < first_fresh:
        return pl.concat([cached, fresh])
    if last_fresh < first_cached:
        return pl.concat([fresh, cached])
    both = pl.concat([cached, fresh])
    if doc:
        return both.sort(doc, maintain_order=True)
    return both.with_columns(statement_doc_expr().alias("_doc")).sort("_doc", maintain_order=True).drop("_doc")


def combine(cached: PerDocument, computed: PerDocument) -> PerDocument:
    """The frames of the cached and the newly computed documents in one order: by
    document, then line, statement number or token position (the values of a statement
    in the order found).

    :meth:`compare.cache.Cache.load` returns its frames in that order already, so only the
    computed frames (a few documents on a rerun) are sorted, and the two are merged by
    document. They hold different documents, so this is the order a sort of their
    concatenation by those keys gives (the keys are unique, but for values, whose sort is
    stable)."""
    n, doc = statement_n_expr(), statement_doc_expr()
    fresh = PerDocument(
        lines=computed.lines.sort("doc_id", "line"),
        statements=computed.statements.sort(pl.col("doc_id"), n),
        values=computed.values.sort(doc, n, maintain_order=True),
        sketches=computed.sketches.sort("doc_id"),
        tokens=computed.tokens.sort("doc_id", "pos"),
        features=computed.features.sort(doc, n),
        mentions=computed.mentions.sort(pl.col("doc_id"), n, maintain_order=True),
    )
    return PerDocument(
        lines=_merge(cached.lines, fresh.lines, "doc_id"),
        statements=_merge(cached.statements, fresh.statements, "doc_id"),
        values=_merge(cached.values, fresh.values, None),
        sketches=_merge(cached.sketches, fresh.sketches, "doc_id"),
        tokens=_merge(cached.tokens, fresh.tokens, "doc_id"),
        features=_merge(cached.features, fresh.features, None),
        mentions=_merge(cached.mentions, fresh.mentions, "doc_id"),
    )


# ---- reading: a segment's tables back into a run's frames ----------------------------
def relabel(table: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """The rows of a segment's ``table`` whose document is among ``members`` (its number
    ``doc`` in the segment and its ``doc_id`` in this run), with ``doc_id`` for ``doc``, in
    stored order. A content found under two names gets its rows twice (a join); otherwise
    the numbers are looked up in an array, and nothing is copied when every row is kept."""
    if members.get_column("doc").is_duplicated().any():
        joined = table.join(members, on="doc", how="inner", maintain_order="left")
        return joined.select("doc_id", pl.all().exclude("doc", "doc_id"))
    numbers = table.get_column("doc").to_numpy()
    size = max(int(members.get_column("doc").max()), int(numbers.max()) if numbers.size else -1) + 1  # type: ignore[arg-type]
    lookup = np.full(size, -1, dtype=np.int64)
    lookup[members.get_column("doc").to_numpy()] = members.get_column("doc_id").to_numpy()
    doc_id = lookup[numbers]
    out = table.select(pl.Series("doc_id", doc_id, dtype=pl.Int64), pl.all().exclude("doc"))
    keep = doc_id >= 0
    return out if keep.all() else out.filter(pl.Series(keep))


def loaded(name: str, parts: list[pl.DataFrame]) -> pl.DataFrame:
    """The run's frame of table ``name`` from its relabelled rows (:func:`relabel`, one frame
    per segment read, in segment order), in the order :func:`combine` expects."""
    schema = frames.PER_DOCUMENT[name]
    # segments hold documents in path order: usually no sort (one is needed when a
    # file was added in the middle of the order, or a content is found twice)
    table = _ordered(pl.concat(parts), ["doc_id"])
    if "stmt_id" in schema:
        table = table.with_columns(statement_id_expr().alias("stmt_id"))
    return frames.conform(_gathered(table, schema), schema)


# ---- writing: a run's frames into a new segment's tables -----------------------------
def segment_members(write: pl.DataFrame, moved: pl.DataFrame, current: pl.DataFrame) -> pl.DataFrame:
    """The new segment's documents (those to ``write`` and those ``moved`` from compacted
    segments), numbered (column ``new``) in this run's document order (``current``), then
    the moved ones not in this run: the next load finds them in order and need not sort."""
    return (
        pl.concat([write, moved.join(current, on="sha256", how="left").select(write.columns)])
        .sort("doc_id", "sha256", nulls_last=True)
        .with_row_index("new")
        .with_columns(pl.col("new").cast(pl.Int64))
    )


def documents_index(stay: pl.DataFrame, members: pl.DataFrame, segment: str) -> pl.DataFrame:
    """The documents table after a save: the rows that ``stay`` where they are, and the new
    segment's ``members`` under their new numbers, by sha256."""
    moved = members.select("sha256", "last_run", "tokens", pl.lit(segment).alias("segment"), pl.col("new").alias("doc"))
    return pl.concat([stay, moved]).sort("sha256")


def segment_table(
    name: str, per_document: PerDocument, members: pl.DataFrame, stored: dict[str, pl.DataFrame]
) -> pl.DataFrame:
    """The new segment's table ``name``: the computed rows of its fresh ``members`` (those
    without a segment) from ``per_document``, then the ``stored`` rows (by segment) of those
    moved into it, under their new numbers, in document order."""
    schema, order = TABLES[name], ["doc", ORDER[name]] if ORDER[name] else ["doc"]
    parts = []
    fresh = members.filter(pl.col("segment").is_null()).select("doc_id", "new")
    if fresh.height:
        frame = getattr(per_document, name)
        if "stmt_id" in frame.columns:
            frame = frame.with_columns(statement_n_expr().alias("n"))
        if "doc_id" not in frame.columns:
            frame = frame.with_columns(statement_doc_expr().alias("doc_id"))
        frame = frame.join(fresh, on="doc_id", how="inner", maintain_order="left").rename({"new": "doc"})
        parts.append(_ordered(frames.conform(_spread(frame), schema), order))
    for seg, rows in stored.items():
        numbers = members.filter(pl.col("segment") == seg).select("doc", "new")
        rows = rows.join(numbers, on="doc", how="inner", maintain_order="left")
        parts.append(frames.conform(rows.drop("doc").rename({"new": "doc"}), schema))
    return _ordered(pl.concat(parts), ["doc"]) if parts else frames.empty(schema)
