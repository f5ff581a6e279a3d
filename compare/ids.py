"""Identifiers the stages share: statement ids and pair codes, each defined once.

A statement id is ``"<document id>:<sentence number>"`` (numbers from 0 and 1): stable,
readable in ``findings.json``, sortable by :func:`statement_key`. A pair of items numbered
``0..n-1`` is coded as one integer ``first * n + second``, so sets and sorted arrays of pairs
are plain integers (sorted codes are pairs in item order); :func:`pair_code` and
:func:`pair_of` work on Python ints and numpy arrays alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload

import numpy as np
import polars as pl

Code = TypeVar("Code")


def statement_id(doc: int, n: int) -> str:
    """The id of the ``n``-th statement (from 1) of document ``doc``."""
    return f"{doc}:{n}"


def statement_key(stmt_id: str) -> tuple[int, int]:
    """Sort key of a statement id: (document, sentence number)."""
    doc, n = stmt_id.split(":")
    return int(doc), int(n)


def statement_doc(stmt_id: str) -> int:
    """The document of a statement id (cheaper than ``statement_key(...)[0]``)."""
    return int(stmt_id.partition(":")[0])


def statement_id_expr(doc: str = "doc_id", n: str = "n") -> pl.Expr:
    """Statement ids from a document column and a sentence-number column (polars)."""
    return pl.format("{}:{}", pl.col(doc), pl.col(n))


def statement_doc_expr(column: str = "stmt_id") -> pl.Expr:
    """The document of each statement id in ``column``, as an integer (polars)."""
    return pl.col(column).str.split_exact(":", 1).struct.field("field_0").cast(pl.Int64)


def statement_n_expr(column: str = "stmt_id") -> pl.Expr:
    """The sentence number of each statement id in ``column``, as an integer (polars)."""
    return pl.col(column).str.split_exact(":", 1).struct.field("field_1").cast(pl.Int64)


def pair_code(first: Code, second: Code, n: int) -> Code:
    """The code of the pair (``first``, ``second``) of items numbered below ``n``."""
    return first * n + second  # type: ignore[operator]


def pair_of(code: Code, n: int) -> tuple[Code, Code]:
    """The pair a :func:`pair_code` stands for."""
    return code // n, code % n  # type: ignore[operator]


def code_array(codes: Iterable[int] | np.ndarray) -> np.ndarray:
    """Pair codes as a sorted array of distinct int64 (an array, a set or any iterable of them):
    tens of thousands of codes are looked up by sorting, not one by one in a set."""
    if isinstance(codes, np.ndarray):
        codes = codes.astype(np.int64, copy=False)
    else:
        found = codes if isinstance(codes, (set, frozenset, list, tuple)) else list(codes)
        codes = np.fromiter(found, dtype=np.int64, count=len(found))
    if len(codes) < 2 or bool(np.all(codes[1:] > codes[:-1])):  # sorted and distinct already: as it is
        return codes
    # a stable sort merges sorted runs in linear time (codes often come as a few of them)
    codes = np.sort(codes, kind="stable")
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


class PairList(Sequence[tuple[str, str, int]]):
    """Claim pairs ``(a, b, shared)`` held as arrays (positions of ``first`` and ``second`` in
    ``ids``, and ``shared``), a tuple made only when one is read: a run reads a few thousand of
    its tens of thousands of candidates, and building them all cost more than the rest of the
    candidates' update."""

    def __init__(self, ids: list[str], first: np.ndarray, second: np.ndarray, shared: np.ndarray) -> None:
        self.ids, self.first, self.second, self.shared = ids, first, second, shared

    def __len__(self) -> int:
        return len(self.first)

    def __iter__(self) -> Iterator[tuple[str, str, int]]:
        return iter(self.taken(np.arange(len(self))))

    def __eq__(self, other: object) -> bool:
        """Equal to a list (or another pair list) of the same pairs in the same order."""
        if not isinstance(other, (list, PairList)):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, k: int) -> tuple[str, str, int]: ...

    @overload
    def __getitem__(self, k: slice) -> list[tuple[str, str, int]]: ...

    def __getitem__(self, k: int | slice) -> tuple[str, str, int] | list[tuple[str, str, int]]:
        if isinstance(k, slice):
            return self.taken(np.arange(len(self))[k])
        return self.ids[self.first[k]], self.ids[self.second[k]], int(self.shared[k])

    def taken(self, at: np.ndarray) -> list[tuple[str, str, int]]:
        """The pairs at positions ``at``, as tuples, in that order."""
        ids = self.ids
        return [
            (ids[x], ids[y], c)
            for x, y, c in zip(self.first[at].tolist(), self.second[at].tolist(), self.shared[at].tolist(), strict=True)
        ]
