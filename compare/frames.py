"""The polars frames that flow between stages, with their documented columns.

Every stage is a function from frames to frames. The schemas here are the contract:
stages check their output against them in tests, and an engine that runs the stages
elsewhere (Spark) only has to move these columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

DOCUMENTS = {
    "doc_id": pl.Int64,  # position in the stable (path-sorted) order, from 0
    "path": pl.String,  # relative to the input folder, "/"-separated
    "sha256": pl.String,  # of the file's bytes
    "encoding": pl.String,  # what the bytes were decoded as
    "text": pl.String,  # decoded source text; every offset in the findings points into it
    "bytes": pl.Int64,  # file size
}

SKIPPED = {
    "path": pl.String,
    "reason": pl.String,
}

LINES = {
    "doc_id": pl.Int64,
    "line": pl.Int64,  # 1-based line number in the source file
    "start": pl.Int64,  # offset of the line's first character in the decoded text
    "end": pl.Int64,  # offset just past the line's last character (line break excluded)
    "norm": pl.String,  # normalized line (NFKC, straight quotes, plain dashes and spaces)
    "offsets": pl.List(pl.Int64),  # source offset of each char of ``norm``; empty = identity
    "kind": pl.String,  # blank | heading | boilerplate | body
    "section": pl.String,  # text of the nearest heading above, "" if none
}

STATEMENTS = {
    "stmt_id": pl.String,  # "<doc_id>:<n>", n counting the document's sentences from 1
    "doc_id": pl.Int64,
    "line": pl.Int64,  # 1-based line of the first character
    "end_line": pl.Int64,  # 1-based line of the last character
    "start": pl.Int64,  # offset into the decoded source text
    "end": pl.Int64,
    "text": pl.String,  # normalized sentence, whitespace collapsed
    "section": pl.String,  # heading the sentence sits under
    # claim | question | filler | fragment | duplicate | spec | headline (spec, headline: heading lines with a value)
    "kind": pl.String,
    "words": pl.Int64,  # how many word tokens it has
}

SEGMENTED = STATEMENTS | {
    # stemmed content words (stop words dropped): ``content_stems(words(text))``, which the
    # features stage reads. Not kept after it: a rerun of a thousand articles would decode
    # 330,000 strings for the few statements whose stems a conflict rule reads (made from the text)
    "stems": pl.List(pl.String),
}
"""The segment stage's statements: :data:`STATEMENTS` with each one's stems."""

TOKENS = {
    "doc_id": pl.Int64,
    "pos": pl.Int64,  # token index within the document
    "start": pl.Int64,  # source offsets of the token
    "end": pl.Int64,
    "line": pl.Int64,  # 1-based line of the token
    # hash of the passage seed starting at the token (its ``passage_seed_words`` lower-cased
    # words), null where fewer words of the document follow. The words themselves are not
    # kept: no stage reads them once their seeds are hashed (a rerun decodes 500,000 fewer
    # strings from the cache)
    "seed": pl.UInt64,
}

SKETCHES = {
    "doc_id": pl.Int64,
    "shingles": pl.List(pl.UInt32),  # the document's distinct shingle hashes, sorted
    "signature": pl.List(pl.UInt32),  # its MinHash signature (num_perm values)
}

PAIRS = {
    "a": pl.Int64,
    "b": pl.Int64,  # a < b
    "estimate": pl.Float64,  # MinHash estimate of the shingle Jaccard
    "jaccard": pl.Float64,  # exact shingle Jaccard
    "containment": pl.Float64,  # |A ∩ B| / min(|A|, |B|)
    "near_duplicate": pl.Boolean,
}

PASSAGES = {
    "a": pl.Int64,
    "b": pl.Int64,
    "a_start": pl.Int64,
    "a_end": pl.Int64,
    "b_start": pl.Int64,
    "b_end": pl.Int64,
    "a_first_line": pl.Int64,
    "a_last_line": pl.Int64,
    "b_first_line": pl.Int64,
    "b_last_line": pl.Int64,
    "words": pl.Int64,
    "text": pl.String,  # the passage as it reads in document a, whitespace collapsed
}

GROUPS = {
    "group_id": pl.String,
    "stmt_id": pl.String,
    "doc_id": pl.Int64,
    "score": pl.Float64,  # match score to the group's representative (1.0 for it)
}

VALUES = {
    "stmt_id": pl.String,
    "kind": pl.String,  # one of VALUE_KINDS
    "span": pl.String,  # the words the value was read from
    "low": pl.Float64,
    "high": pl.Float64,
    "unit": pl.String,  # what is counted / what the ordinal or date qualifies
    "context": pl.List(pl.String),  # stems around a number: what happened to what is counted
}

FEATURES = {
    "stmt_id": pl.String,
    "canonical": pl.List(pl.String),  # content stems, paraphrases mapped to one stem (sorted, distinct)
    "clauses": pl.List(pl.List(pl.String)),  # canonical stems of each clause with a verb
    "frames": pl.List(pl.String),  # predicate frames, "predicate|object|subject"
    "entities": pl.List(pl.String),  # places the sentence situates itself in
    "times": pl.List(pl.String),  # time words
    "sentence_sig": pl.Array(pl.UInt32, 64),  # MinHash of ``canonical`` for the sentence LSH
    "clauses_within": pl.Boolean,  # every clause's stems are among ``canonical``
    "anchors": pl.List(pl.String),  # "unit=value" of its numbers and dates (sorted)
}

MENTIONS = {
    "stmt_id": pl.String,
    "doc_id": pl.Int64,
    "kind": pl.String,  # count | money | percent | measure | time | date | age | score
    "unit": pl.String,  # currency, "dim:base unit", "%", time zone, "years"; "" for a count
    "span": pl.String,  # the words of the value, bound words included ("at least 128")
    "low": pl.Float64,
    "high": pl.Float64,
    "noun": pl.String,  # counted noun's class ("person", "raid"); "" when not a count
    "words": pl.List(pl.String),  # attribute words (classes or base forms), nearest first
    "after": pl.List(pl.String),  # those right after a measure ("west" of "1,600 km west of Perth")
    "holder": pl.String,  # the name the value belongs to, lower case; "" for none
    "places": pl.List(pl.String),  # place scope, lower case ("belgium", "bataclan"); "there:<id>"
    "aliases": pl.List(pl.String),  # "hall=bataclan": a place noun the sentence names
    "times": pl.List(pl.String),  # time anchors ("monday", "2014", "last year", "3 nights")
    # asserted | reported | hypothetical | wished | doubted | question | negated | partial | increment | previous
    "modality": pl.String,
    "running": pl.Boolean,  # "now", "so far", "has risen to": a running total
    "variant": pl.String,  # the model a figure is of ("data:GB=256" in "the 256GB model costs $899"); "" for none
    "attribute": pl.String,  # the word it is a value of ("death", "cost", "west"); "" for none known
    "known": pl.Boolean,  # the attribute is a known class, not only a word near it (:mod:`.statements.fact_attribute`)
    "start": pl.Int64,  # where ``span`` starts in the statement text (a value may be written twice: "seven ... seven")
}
"""The fact mentions frame (:mod:`compare.statements.facts`): one row per quantity of a claim,
spec line or headline, with what it is a value of."""

CONFLICTS = {
    "a": pl.String,
    "b": pl.String,
    "kind": pl.String,  # date | number | ordinal | entity | negation | certainty | other
    "a_value": pl.String,
    "b_value": pl.String,
    "confidence": pl.Float64,
    "explanation": pl.String,
    "fact": pl.String,  # the fact (see compare.statements.fact_table) both values are of; null if none
    "gate": pl.Float64,  # how alike the statements are apart from their values (rules); null for facts
    "a_start": pl.Int64,  # where a_value starts in a's text, when known (facts); null: its first occurrence
    "b_start": pl.Int64,
}


VALUE_KINDS = ("date", "time", "number", "ordinal", "polarity", "certainty", "place", "nationality", "attribution")
"""Every kind of value the values stage emits (``findings.schema.json`` lists the same)."""


def records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """The rows of ``frame`` as dicts, like ``frame.to_dicts()`` (same keys, order and
    values) but built from whole columns: about twice as fast (polars converts row by row),
    on the tables of the findings (the facts table reads its mentions as tuples instead)."""
    names = frame.columns
    columns = [s.to_list() for s in frame.iter_columns()]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with the given schema."""
    return pl.DataFrame(schema=schema)


def conform(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """Select and cast ``frame`` to exactly ``schema`` (column order included)."""
    if frame.height == 0:
        return empty(schema)
    return frame.select([pl.col(name).cast(dtype) for name, dtype in schema.items()])


_UNIT, _RECORD = "\x1f", "\x1e"
"""Separators no stem, token or frame key holds (ASCII unit and record separators)."""
_STRINGS = pl.List(pl.String)
_NESTED = pl.List(pl.List(pl.String))


def _joined(rows: list, nested: bool) -> list[str | None] | None:
    """Each row's strings joined by :data:`_UNIT` (inner lists then by :data:`_RECORD`), an
    empty row as None; None when a row cannot be told apart once joined (an empty string or
    inner list, or a separator inside a string)."""
    out: list[str | None] = []
    append = out.append
    for row in rows:
        if not row:
            append(None)
            continue
        if nested:
            inner = []
            for part in row:
                if not part or "" in part:
                    return None
                text = _UNIT.join(part)
                if text.count(_UNIT) != len(part) - 1 or _RECORD in text:
                    return None
                inner.append(text)
            append(_RECORD.join(inner))
        else:
            if "" in row:
                return None
            text = _UNIT.join(row)
            if text.count(_UNIT) != len(row) - 1:
                return None
            append(text)
    return out


def string_lists(name: str, rows: list, dtype: pl.DataType) -> pl.Series:
    """A ``List(String)`` or ``List(List(String))`` column from Python lists, built by
    splitting joined strings inside polars: ~15x faster than polars' row-by-row conversion
    of nested lists (a second of a 1,000-article run), the same values (tested)."""
    nested = dtype == _NESTED
    joined = _joined(rows, nested) if dtype in (_STRINGS, _NESTED) else None
    if joined is None:
        return pl.Series(name, rows, dtype=dtype)
    split = pl.col(name).str.split(_RECORD).list.eval(pl.element().str.split(_UNIT)) if nested else (
        pl.col(name).str.split(_UNIT)
    )
    frame = pl.DataFrame({name: joined}, schema={name: pl.String})
    return frame.select(split.fill_null(pl.lit([], dtype=dtype)).cast(dtype)).to_series()


def build(rows: dict[str, list], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A frame of ``schema`` from columns of Python values (:func:`string_lists` for the
    columns of string lists)."""
    columns = [
        string_lists(name, rows[name], dtype) if dtype in (_STRINGS, _NESTED) else pl.Series(name, rows[name], dtype)
        for name, dtype in schema.items()
    ]
    return pl.DataFrame(columns)


@dataclass
class PerDocument:
    """The per-document frames of a corpus (see :mod:`compare.frames`), in document order."""

    lines: pl.DataFrame
    statements: pl.DataFrame
    values: pl.DataFrame
    sketches: pl.DataFrame
    tokens: pl.DataFrame
    """Empty for documents whose tokens were not needed (a corpus of one document)."""
    features: pl.DataFrame
    mentions: pl.DataFrame
    """The fact mentions of the claims, spec lines and headlines (see :data:`MENTIONS`)."""


PER_DOCUMENT: dict[str, dict[str, pl.DataType]] = {
    "lines": LINES, "statements": STATEMENTS, "values": VALUES, "sketches": SKETCHES, "tokens": TOKENS,
    "features": FEATURES, "mentions": MENTIONS,
}  # fmt: skip
"""The columns of each :class:`PerDocument` frame, by field name."""


def empty_per_document() -> PerDocument:
    """Per-document frames of no document."""
    return PerDocument(**{name: empty(schema) for name, schema in PER_DOCUMENT.items()})
