"""Rows of a polars column by statement id, each made into a Python value on first read.

The scorer keeps a claim's stem set, clauses, frames and anchors as :class:`Rows`: a rerun
that adds one article to a thousand reads a few thousand of the claims, and making every
row up front cost more than the rest of its matching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import polars as pl

BUILD_TOGETHER = 16
"""Rows to build from which :meth:`Rows.build` reads them in one gather (fewer: one by one, on first read)."""


class Rows(dict):  # type: ignore[type-arg]
    """Per statement id, a value made from its row of a polars column on first read, then kept.

    Reading one row costs a couple of microseconds; a run that reads a small share of the
    statements builds only those. Iterating (keys, values, items, len) builds every row first,
    so the mapping reads as a plain dict holding every statement of ``row``; ``get`` and ``in``
    look at ``row`` and build nothing else."""

    def __init__(self, row: dict[str, int], column: pl.Series, make: Callable[[list[Any]], Any]) -> None:
        super().__init__()
        self._row, self._column, self._make = row, column, make

    def __missing__(self, sid: str) -> Any:
        got = self[sid] = self._make(self._column[self._row[sid]].to_list())  # KeyError for another id
        return got

    def build(self, sids: Iterable[str]) -> None:
        """Build the rows of ``sids`` that have one and are not built yet, in one read of the
        column (about half the cost of reading them one at a time); the same values."""
        built = super().__contains__
        wanted = [sid for sid in dict.fromkeys(sids) if sid in self._row and not built(sid)]
        if len(wanted) < BUILD_TOGETHER:
            return
        rows = self._column.gather([self._row[sid] for sid in wanted]).to_list()
        make = self._make
        for sid, value in zip(wanted, rows, strict=True):
            self[sid] = make(value)

    def get(self, sid: str, default: Any = None) -> Any:  # type: ignore[override]
        """The value of ``sid`` (built when first read), or ``default`` when it has none."""
        got = super().get(sid)
        if got is None and sid in self._row:
            got = self.__missing__(sid)
        return default if got is None else got

    def __contains__(self, sid: object) -> bool:
        return sid in self._row

    def known(self) -> Any:
        """The ids that have a value, as a keys view (nothing is built)."""
        return self._row.keys()

    def _all(self) -> None:
        """Build every row not built yet, in order."""
        if super().__len__() == len(self._row):
            return
        for sid in self._row:
            if not super().__contains__(sid):
                self.__missing__(sid)

    def __len__(self) -> int:
        return len(self._row)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return iter(self._row)

    def keys(self) -> Any:
        self._all()
        return self._row.keys()

    def values(self) -> Any:
        self._all()
        return [self[sid] for sid in self._row]

    def items(self) -> Any:
        self._all()
        return [(sid, self[sid]) for sid in self._row]
