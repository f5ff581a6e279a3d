"""The Findings object: every frame the pipeline produced, plus settings and versions.

``findings.json`` is a faithful serialization of it, described by the JSON Schema
shipped next to this module (``findings.schema.json``); the Markdown report only
formats it. Ordering is stable and nothing depends on the clock, so the same input
gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator, KeysView, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any, NamedTuple

import orjson
import polars as pl

from .._runtime import gc_paused as gc_paused
from ..frames import records as records
from ..ids import statement_doc_expr
from ..ids import statement_key as stmt_key
from ..settings import Settings
from .copies import copy_sets

SCHEMA_VERSION = "1.3"


CONFLICT_FIELDS = (
    "id", "kind", "a", "b", "a_doc", "b_doc", "a_value", "b_value", "confidence", "certain", "explanation", "fact"
)  # fmt: skip
"""The fields of a conflict in ``findings.json``, in order."""


def _finite(x: float) -> float | None:
    """A bound for JSON: None for an open end (infinite)."""
    return None if x is None or x in (float("inf"), float("-inf")) else x


class Encoded:
    """A section of ``findings.json`` already written as JSON, one record per item: polars
    writes a large table's rows itself (the same bytes as :func:`_record_encoder` gives for
    their dicts, a test checks), so no dict is built for each of them. The records stay the
    UTF-8 bytes polars wrote, one per line (no line break inside a record: strings escape
    them), and are written as they are (:meth:`pieces`), never as a Python string per record."""

    def __init__(self, frame: pl.DataFrame) -> None:
        buffer = io.BytesIO()
        frame.write_ndjson(buffer)
        data = buffer.getvalue()
        self.data = data if not data or data.endswith(b"\n") else data + b"\n"  # each record ends a line
        self.count = self.data.count(b"\n")

    def __len__(self) -> int:
        return self.count

    @property
    def lines(self) -> list[str]:
        """The records' JSON texts, in order."""
        return self.data.decode()[:-1].split("\n") if self.data else []

    def pieces(self, indent: bytes, size: int = 1 << 20) -> Iterator[bytes]:
        """The records, each after ``indent`` and followed by ``,\\n`` (the last by ``\\n``), in
        pieces of about ``size`` bytes that end at a record's end."""
        data, start = self.data, 0
        while start < len(data):
            end = data.find(b"\n", min(start + size, len(data) - 1))  # found: the data end with one
            piece = indent + data[start:end].replace(b"\n", b",\n" + indent)
            start = end + 1
            yield piece + (b",\n" if start < len(data) else b"\n")


class EncodedTables(NamedTuple):
    """The two large sections of ``findings.json`` as JSON lines (:func:`encoded_tables`)."""

    statements: Encoded
    values: Encoded


def encoded_tables(findings: Findings) -> EncodedTables:
    """The statements and values sections written by polars: no Python object per record, and
    mostly without the GIL, so the writer runs it in a thread next to the report's Python work
    (or takes :attr:`Findings.encoded`, started earlier)."""
    return encode_tables(findings.statements, findings.values)


def encode_tables(statements: pl.DataFrame, values: pl.DataFrame) -> EncodedTables:
    """:func:`encoded_tables` of a statements and a values frame: they are final once the
    per-document stages are done, so the pipeline may start this beside the claim stages."""
    return EncodedTables(Encoded(statement_table(statements)), Encoded(values))


class _Columns(dict):  # type: ignore[type-arg]
    """A frame's columns as lists by name, each made on first read."""

    def __init__(self, frame: pl.DataFrame) -> None:
        super().__init__()
        self.frame = frame
        self.names = frame.columns
        self.known = frozenset(self.names)

    def __missing__(self, name: str) -> list[Any]:
        got = self[name] = self.frame.get_column(name).to_list()  # ColumnNotFoundError for another name
        return got


class _Row(Mapping[str, Any]):
    """Row ``i`` of :class:`_Columns`, its values read when asked."""

    def __init__(self, columns: _Columns, i: int) -> None:
        self._columns, self._i = columns, i

    def __getitem__(self, name: str) -> Any:
        if name not in self._columns.known:
            raise KeyError(name)
        return self._columns[name][self._i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns.names)

    def __len__(self) -> int:
        return len(self._columns.names)


def statement_table(statements: pl.DataFrame) -> pl.DataFrame:
    """The statements section's columns, named as in ``findings.json``."""
    return statements.select(
        pl.col("stmt_id").alias("id"),
        pl.col("doc_id").alias("doc"),
        "line", "end_line", "start", "end", "text", "kind", "section",
    )  # fmt: skip


@dataclass
class Findings:
    """What the job found. Frames follow the schemas in :mod:`compare.frames`."""

    documents: pl.DataFrame
    skipped: pl.DataFrame
    statements: pl.DataFrame
    pairs: pl.DataFrame
    passages: pl.DataFrame
    groups: pl.DataFrame
    values: pl.DataFrame
    conflicts: pl.DataFrame
    facts: pl.DataFrame
    clusters: list[list[int]]
    settings: Settings
    versions: dict[str, str]
    sources: list[str] = field(default_factory=list)
    about: dict[int, dict[str, str]] = field(default_factory=dict)
    """What the input folder says of a document (``sources.csv`` / ``sources.json``, front
    matter): its outlet, url and date, where known, by document id."""
    from_cache: int = 0
    """Documents whose per-document frames came from the cache (not part of the outputs,
    which are the same either way)."""
    encoded: Future[EncodedTables] | None = field(default=None, repr=False, compare=False)
    """The statements and values sections already being written as JSON (:func:`encode_tables`,
    started by the pipeline beside the claim stages), or None: the writer encodes them."""

    # ---- views the report and tools need -------------------------------------------------
    @cached_property
    def repeated(self) -> list[dict[str, Any]]:
        """Repeated groups: id, representative, statements, docs, independent_docs (documents
        that copy one another counted once, see :mod:`.copies`) and those copies; groups
        said by the most independent sources first, then by the most documents."""
        # one aggregation (rows keep their order within a group, groups their first
        # appearance), not a frame per group: a large corpus has thousands of groups
        lists = self.groups.group_by("group_id", maintain_order=True).agg("stmt_id", "doc_id", "score")
        rows = list(lists.iter_rows())
        copies = self._copies([(g, ids, docs) for g, ids, docs, _ in rows])
        out = []
        for gid, ids, doc_ids, scores in rows:
            docs = sorted(set(doc_ids))
            sets = copies.get(gid, [])
            out.append(
                {
                    "id": gid,
                    "representative": ids[0],
                    "statements": sorted(ids, key=stmt_key),
                    "docs": docs,
                    "independent_docs": len(docs) - sum(len(c) - 1 for c in sets),
                    "copies": sets,
                    "scores": dict(zip(ids, scores, strict=True)),
                }
            )
        out.sort(key=lambda g: (-g["independent_docs"], -len(g["docs"])))  # stable: the groups' order
        return out

    def _copies(self, groups: list[tuple[str, list[str], list[int]]]) -> dict[str, list[list[int]]]:
        """The sets of documents that copy one another within each group of statements
        (``(id, statement ids, their documents)``; see :func:`.copies.copy_sets`)."""
        row_of, columns = self._statement_rows, self._statement_columns
        doc, start, end = columns["doc_id"], columns["start"], columns["end"]
        spans = {s: (doc[i], start[i], end[i]) for _, ids, _ in groups for s in ids for i in (row_of[s],)}
        return copy_sets(groups, self.clusters, self.passages, spans)

    @cached_property
    def unique(self) -> list[str]:
        """Claims that are in no repeated group."""
        return self.unique_frame.get_column("stmt_id").to_list()

    @cached_property
    def unique_frame(self) -> pl.DataFrame:
        """The ids (``stmt_id``) and documents (``doc_id``) of the claims in no repeated group, in statement order."""
        claims = self.statements.lazy().filter(pl.col("kind") == "claim").select("stmt_id", "doc_id")
        grouped = self.groups.lazy().select("stmt_id")
        return claims.join(grouped, on="stmt_id", how="anti", maintain_order="left").collect()

    @cached_property
    def conflict_list(self) -> list[dict[str, Any]]:
        """Conflicts, most confident first, each with an id and whether it is certain."""
        rows = self.conflicts.with_columns(
            statement_doc_expr("a").alias("a_doc"),
            statement_doc_expr("b").alias("b_doc"),
        ).to_dicts()
        rows.sort(key=lambda c: (-c["confidence"], stmt_key(c["a"]), stmt_key(c["b"])))
        for i, c in enumerate(rows, start=1):
            c["id"] = f"C{i}"
            c["certain"] = c["confidence"] >= self.settings.conflict_min_confidence
        return rows

    @cached_property
    def fact_list(self) -> list[dict[str, Any]]:
        """Facts stated by two or more documents, most disputed first (conflicts, then possible
        conflicts, updates, agreement; then more distinct values, more independent sources, more
        sources), each with its mentions and the ids of its conflicts."""
        conflicts_of: dict[str, list[str]] = {}
        for c in self.conflict_list:
            if c.get("fact"):
                conflicts_of.setdefault(c["fact"], []).append(c["id"])
        # the rows of each fact in their order, facts in order of first row (one pass over the
        # columns: a frame per fact would cost more than the rest of the section)
        by_fact: dict[str, list[dict[str, Any]]] = {}
        for r in records(self.facts):
            by_fact.setdefault(r["fact_id"], []).append(r)
        copies = self._copies([(fid, [r["stmt_id"] for r in rows], [r["doc_id"] for r in rows])
                               for fid, rows in by_fact.items()])  # fmt: skip
        out = []
        for fid, rows in by_fact.items():
            first = rows[0]
            mentions = [
                {"statement": r["stmt_id"], "doc": r["doc_id"], "value": r["span"], "low": _finite(r["low"]),
                 "high": _finite(r["high"]), "modality": r["modality"], "far": r["far"]}
                for r in rows
            ]  # fmt: skip
            out.append({
                "id": fid, "attribute": first["attribute"], "holder": first["holder"], "scope": first["scope"],
                "status": first["status"],
                "sources": (n := len({m["doc"] for m in mentions})),
                "independent_sources": n - sum(len(c) - 1 for c in copies.get(fid, [])),
                "values": len({(m["low"], m["high"]) for m in mentions}),
                "mentions": mentions, "conflicts": sorted(conflicts_of.get(fid, []), key=lambda c: int(c[1:])),
            })  # fmt: skip
        rank = {"conflict": 0, "possible-conflict": 1, "updated": 2, "agree": 3}
        out.sort(
            key=lambda f: (rank[f["status"]], -f["values"], -f["independent_sources"], -f["sources"], int(f["id"][1:]))
        )
        return out

    def statement(self, stmt_id: str) -> Mapping[str, Any]:
        """One statement's columns (but its stems) by name, each read when asked."""
        return _Row(self._statement_columns, self._statement_rows[stmt_id])

    @property
    def statement_ids(self) -> KeysView[str]:
        """Every statement id, for fast membership tests (``sid in findings.statement_ids``)."""
        return self._statement_rows.keys()

    @cached_property
    def _statement_rows(self) -> dict[str, int]:
        """Row of every statement id (the report looks up a few hundred statements of
        possibly millions: an index, not a copy of every row as a dict)."""
        return {sid: i for i, sid in enumerate(self.statements.get_column("stmt_id").to_list())}

    @cached_property
    def _statement_columns(self) -> _Columns:
        """The statements' scalar columns as lists, each made when first read (a polars row
        lookup costs ~30 us, and the report and pictures look up about a thousand statements;
        they read a few of the columns)."""
        return _Columns(self.statements)

    def path(self, doc_id: int) -> str:
        return self._paths[doc_id]

    @cached_property
    def _paths(self) -> dict[int, str]:
        return dict(zip(self.documents["doc_id"].to_list(), self.documents["path"].to_list(), strict=True))

    @cached_property
    def words(self) -> dict[int, int]:
        """Words per document (statements of every kind)."""
        got: dict[int, int] = {}
        for doc, counts in self._per_kind.items():
            got[doc] = sum(words for _, words in counts.values())
        return {d: got.get(d, 0) for d in self.documents["doc_id"].to_list()}

    @cached_property
    def per_kind(self) -> dict[int, dict[str, int]]:
        """Statements per document by kind (kinds sorted; a document with none is left out)."""
        return {doc: {kind: n for kind, (n, _) in sorted(counts.items())} for doc, counts in self._per_kind.items()}

    @cached_property
    def _per_kind(self) -> dict[int, dict[str, tuple[int, int]]]:
        """Statements and their words per document and kind, counted by polars in one pass
        (the documents section, the report's tables and the word counts all read it)."""
        counts = self.statements.group_by("doc_id", "kind").agg(pl.len(), pl.col("words").sum())
        out: dict[int, dict[str, tuple[int, int]]] = {}
        for doc, kind, n, words in counts.iter_rows():
            out.setdefault(doc, {})[kind] = (n, words)
        return out

    # ---- serialization -------------------------------------------------------------------
    def to_dict(self, encoded: bool | EncodedTables = False) -> dict[str, Any]:
        """The findings as plain JSON data (see ``findings.schema.json``); with ``encoded``,
        the statements and values (the two large tables) come as :class:`Encoded` sections,
        ready to write (:func:`iter_json`): those ``encoded`` holds (:func:`encoded_tables`,
        which may run in a thread beforehand), or written now when it is True."""
        with gc_paused():
            return self._to_dict(encoded)

    def statement_table(self) -> pl.DataFrame:
        """The statements section's columns, named as in ``findings.json``."""
        return statement_table(self.statements)

    def _to_dict(self, encoded: bool | EncodedTables) -> dict[str, Any]:
        """:meth:`to_dict` with the collector paused: one builder per section."""
        tables = encoded if isinstance(encoded, EncodedTables) else encoded_tables(self) if encoded else None
        statements = tables.statements if tables else records(self.statement_table())
        values = tables.values if tables else records(self.values)
        pairs, repeated = records(self.pairs), self.repeated
        return {
            "schema_version": SCHEMA_VERSION,
            "documents": self._documents_section(),
            "skipped": records(self.skipped),
            "pairs": [{k: round(v, 6) if isinstance(v, float) else v for k, v in r.items()} for r in pairs],
            "clusters": self.clusters,
            "passages": self._passages_section(),
            "statements": statements,
            "values": values,
            "repeated": [{k: v for k, v in g.items() if k != "scores"} | {"scores": g["scores"]} for g in repeated],
            "unique": self.unique,
            "conflicts": [{k: c[k] for k in CONFLICT_FIELDS} for c in self.conflict_list],
            "facts": self.fact_list,
            "settings": self.settings.as_dict() | {"sources": self.sources, "versions": self.versions},
        }

    def _documents_section(self) -> list[dict[str, Any]]:
        """One record per document: its file, size, words and statements by kind, and its outlet,
        url and date where the input folder gives them."""
        per_kind = self.per_kind
        return [
            {
                "id": r["doc_id"],
                "path": r["path"],
                "sha256": r["sha256"],
                "encoding": r["encoding"],
                "bytes": r["bytes"],
                "words": self.words[r["doc_id"]],
                "statements": per_kind.get(r["doc_id"], {}),
            }
            | self.about.get(r["doc_id"], {})
            for r in records(self.documents.drop("text"))
        ]

    def _passages_section(self) -> list[dict[str, Any]]:
        """One record per shared passage, its line spans as [first, last] pairs."""
        return [
            {
                "a": r["a"],
                "b": r["b"],
                "text": r["text"],
                "a_lines": [r["a_first_line"], r["a_last_line"]],
                "b_lines": [r["b_first_line"], r["b_last_line"]],
                "a_start": r["a_start"],
                "a_end": r["a_end"],
                "b_start": r["b_start"],
                "b_end": r["b_end"],
                "words": r["words"],
            }
            for r in records(self.passages)
        ]

    def to_json(self) -> str:
        """``findings.json`` text: UTF-8, sorted where order is not meaningful, newline-terminated."""
        return dumps(self.to_dict(encoded=True))


_COMPACT = json.JSONEncoder(ensure_ascii=False)
_BATCH = 2048
"""Records joined into one piece by :func:`iter_json`: few enough writes, small pieces."""


def _record_encoder() -> Callable[[Any], str]:
    """One record as compact JSON (no spaces, UTF-8 text, keys in their order): orjson,
    about 4x faster than the json module's C encoder on the tens of thousands of records of
    a large corpus, and on the job's records byte for byte what ``json.dumps(item,
    ensure_ascii=False, separators=(",", ":"))`` gives (a test checks; the two write a float
    under 1e-4 differently, 1e-05 / 0.00001, the same value)."""
    dump, option = orjson.dumps, orjson.OPT_NON_STR_KEYS
    return lambda item: dump(item, option=option).decode()


def dumps(data: dict[str, Any]) -> str:
    """The text of ``findings.json`` for findings already turned into plain data."""
    return "".join(piece if isinstance(piece, str) else piece.decode() for piece in iter_json(data))


_PLAIN = re.compile(r'[^"\\\x00-\x1f\ud800-\udfff]*')
"""Text JSON writes as it is between its quotes: no quote, backslash, control character or surrogate."""


def _encoded(items: list[Any], encode: Callable[[Any], str]) -> str:
    """``items`` as JSON, one per line, each indented by two spaces, the lines joined by ",\\n":
    a list of plain strings (statement ids: the unique claims) in quotes, as ``encode`` writes
    them, checked and joined for the whole list at once; anything else one by one by ``encode``."""
    if set(map(type, items)) == {str} and _PLAIN.fullmatch("".join(items)):
        return '  "' + '",\n  "'.join(items) + '"'
    return ",\n".join(["  " + encode(item) for item in items])


def iter_json(data: dict[str, Any]) -> Iterator[str | bytes]:
    """The text of ``findings.json`` in pieces, so a large one is written without ever
    being one string in memory: strings, and the UTF-8 bytes of the :class:`Encoded` sections.

    One top-level key per line and one record per line inside it (documents, pairs,
    statements, ...): easy to read and to diff, and each record is encoded in one call
    of a compiled encoder (an indented dump goes through the json module's pure-Python
    one, ~10x slower).
    """
    encode = _record_encoder()
    yield "{\n"
    last = len(data) - 1
    for i, (key, value) in enumerate(data.items()):
        yield f" {_COMPACT.encode(key)}: "
        if isinstance(value, Encoded) and len(value):
            yield "[\n"
            yield from value.pieces(b"  ")
            yield " ]"
        elif isinstance(value, list) and value:
            yield "[\n"
            for start in range(0, len(value), _BATCH):  # records in batches: fewer, larger writes
                more = start + _BATCH < len(value)
                yield _encoded(value[start : start + _BATCH], encode) + (",\n" if more else "\n")
            yield " ]"
        elif isinstance(value, Encoded):
            yield "[]"
        elif isinstance(value, dict) and value:
            fields = [f"  {_COMPACT.encode(k)}: {_COMPACT.encode(v)}" for k, v in value.items()]
            yield "{\n" + ",\n".join(fields) + "\n }"
        else:
            yield _COMPACT.encode(value)
        yield ",\n" if i < last else "\n"
    yield "}\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of ``findings.json``."""
    return json.loads(resources.files("compare.findings").joinpath("findings.schema.json").read_text(encoding="utf-8"))
