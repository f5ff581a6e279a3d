"""Inputs as tables: JSON Lines or Parquet with ``id`` and ``text`` columns, the forms large
corpora arrive in (a crawl, an archive export, another Spark job's output).

Each row is one document: ``id`` stands for its file path (documents are ordered by id as a
folder's files are by path, see :func:`compare.documents.ingest.documents_from_texts`), so
a table of a folder's texts under their file names gives the folder's findings. The optional
columns ``outlet``, ``date``, ``url`` and ``title`` may be present; they are checked to be
text and otherwise not used yet.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ..errors import InputError, UsageError
from .ingest import documents_from_texts

FORMATS = ("auto", "folder", "jsonl", "parquet")
"""The values of ``--input-format``; auto decides by what the input is (see :func:`input_format`)."""
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
"""File name endings auto reads as a table, and as which format."""
OPTIONAL = ("outlet", "date", "url", "title")
"""Columns a table may have besides id and text."""


def input_format(path: Path, requested: str = "auto") -> str:
    """The format to read ``path`` as: ``requested`` unless auto; auto reads a folder as a
    folder of texts and a file by its extension (:data:`EXTENSIONS`). Raises
    :class:`UsageError` for an unknown format or a file auto cannot place."""
    if requested not in FORMATS:
        raise UsageError(f"unknown input format {requested!r}; use one of {', '.join(FORMATS)}")
    if requested != "auto":
        return requested
    if path.is_file():
        found = EXTENSIONS.get(path.suffix.lower())
        if found is None:
            raise UsageError(
                f"{path} is a file, not a folder; a table input ends in .jsonl, .ndjson, .json or .parquet "
                "(or give --input-format)"
            )
        return found
    return "folder"


def read_table(path: Path, fmt: str, max_bytes: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The documents and skipped frames of the JSON Lines or Parquet table at ``path``
    (a Parquet folder is read as one table). Raises :class:`InputError` for a missing or
    unreadable table and :class:`UsageError` for missing or mistyped columns or repeated ids."""
    if not path.exists():
        raise InputError(f"input {path} does not exist")
    try:
        table = pl.read_ndjson(path) if fmt == "jsonl" else pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot read {path} as {fmt}: {first}") from None
    missing = [c for c in ("id", "text") if c not in table.columns]
    if missing:
        raise UsageError(f"the table {path} needs id and text columns; it has no {' or '.join(missing)}")
    for column in ("id", "text", *(c for c in OPTIONAL if c in table.columns)):
        if table.schema[column] not in (pl.String, pl.Null):
            raise UsageError(f"column {column} of {path} must hold text, not {table.schema[column]}")
    if table.get_column("id").null_count():
        raise UsageError(f"every row of {path} needs an id; {table.get_column('id').null_count()} have none")
    ids, texts = table.get_column("id").to_list(), table.get_column("text").fill_null("").to_list()
    twice = table.get_column("id").filter(table.get_column("id").is_duplicated()).unique().sort().to_list()
    if twice:
        raise UsageError(f"ids must be unique in {path}; given more than once: {', '.join(map(repr, twice[:3]))}")
    return documents_from_texts(dict(zip(ids, texts, strict=True)), max_bytes)
