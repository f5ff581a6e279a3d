"""One union-find (disjoint sets) for the whole package: near-duplicate clusters of documents,
groups of synonym stems. The root of a set is its smallest member, so results do not depend
on the order unions are made in."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    """Disjoint sets over any sortable items, with path halving."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {x: x for x in items}

    def find(self, x: T) -> T:
        """The root (smallest member) of ``x``'s set; ``x`` joins as a set of its own if new."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: T, b: T) -> None:
        """Join the sets of ``a`` and ``b`` under the smaller root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[high] = low

    def groups(self) -> dict[T, list[T]]:
        """Every set by its root, members in the order they joined the structure."""
        out: dict[T, list[T]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
